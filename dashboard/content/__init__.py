"""What each page shows, as plain data built from query results: tiles with their status,
tables of display strings, messages. No Streamlit here: tested as functions, and shared by
every screen, file or command that shows the same thing."""
