"""The app's own CSS: what Streamlit's theme cannot say, for a 1280x720 projector and up.

Tiles wrap their label and figure instead of cutting them ("Tiếp n…", "75…"), the
page starts close under the navigation, element toolbars (English: "Show data",
"Download as CSV", "Fullscreen") are hidden: the views offer their own Vietnamese
downloads. Injected once per run by app.py; `st.html` with only a style element
takes no room on the page.
"""

import streamlit as st

CSS = """<style>
[data-testid="stMainBlockContainer"] {padding-top: 3.5rem; padding-bottom: 2rem;
  padding-left: 2rem; padding-right: 2rem;}
[data-testid="stMetricLabel"] *, [data-testid="stMetricValue"] *,
[data-testid="stMetricDelta"] * {white-space: normal !important; overflow: visible !important;
  text-overflow: clip !important;}
[data-testid="stMetricValue"] {font-size: clamp(1.6rem, 2.4vw, 2.6rem); line-height: 1.15;}
[data-testid="stMetric"] {padding: 0.6rem 0.75rem;}
[data-testid="stElementToolbar"] {display: none !important;}
[class*="st-key-card_"] [data-testid="stText"] {font-weight: 600; font-size: 1.1rem;}
h1 {padding-top: 0 !important;}
</style>"""


def apply() -> None:
    st.html(CSS)
