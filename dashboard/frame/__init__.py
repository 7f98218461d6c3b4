"""The app frame every view shares, on Streamlit: reading data (data.py), the URL's filters
(url_state.py), the widgets that show figures (widgets.py) and the sidebar (sidebar.py)."""
