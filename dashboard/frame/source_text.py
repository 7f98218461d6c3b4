"""Strings from the source database on the page: as their own characters, always.

Streamlit renders Markdown in headings, captions and messages, with its own colour
directives, LaTeX, and links made of bare web addresses. Escaping is not enough:
a unit called `[…](http://…)`, escaped character by character, still showed a live
link in Chromium, because the addresses are found after the text is parsed. So a
database string never goes into Markdown: tables, charts and `st.text` show text as
text, and where a heading or a caption must hold one, it is escaped HTML.
"""

import html

import streamlit as st

from dashboard.plain_text import plain

# As st.caption looks: smaller, muted, with the theme's font.
_CAPTION_STYLE = "font-size:0.875rem;color:#4B5563;margin:0"


def heading(text: str) -> None:
    """A subheading (as `st.subheader`) holding a database string."""
    st.html(f"<h3>{html.escape(plain(text))}</h3>")


def caption(text: str) -> None:
    """A caption (as `st.caption`) holding a database string."""
    st.html(f'<p style="{_CAPTION_STYLE}">{html.escape(plain(text))}</p>')
