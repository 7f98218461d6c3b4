"""SQL over the contract's tables: SQLAlchemy Core, one module per subject.

Every function takes an engine and returns a DataFrame; nothing here imports
streamlit, so the views, the CLI and the exports share the same figures.
"""
