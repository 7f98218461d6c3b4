"""The app's own CSS: what Streamlit's theme cannot say, for a 1280x720 projector and up.

Tiles wrap their label and figure instead of cutting them ("Tiếp n…", "75…"), and their
status badge too (seven a row at 1280 cut "Chưa đạt · chỉ tiêu ≥ 9…" before the target), the
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
span.stMarkdownBadge {white-space: normal !important; overflow: visible !important;
  text-overflow: clip !important;}
/* Seven tiles a row below 1500 pixels: the badge's full text on one line, the attention
   cards' links still on the first screen of a 1280x720 projector. */
@media (max-width: 1500px) {span.stMarkdownBadge {font-size: 0.75rem !important;}}
[data-testid="stMetricValue"] {font-size: clamp(1.6rem, 2.4vw, 2.6rem); line-height: 1.15;}
[data-testid="stMetric"] {padding: 0.6rem 0.75rem;}
[data-testid="stMetric"] > div {padding: 0.4rem 0.3rem;}  /* seven tiles a row at 1280 */
[data-testid="stElementToolbar"] {display: none !important;}
[class*="st-key-card_"] [data-testid="stText"] {font-weight: 600; font-size: 1.1rem;}
h1 {padding-top: 0 !important;}
/* A phone: the week's tiles three a row without their sparklines, all on the first
   screen; the heading and the notes above them smaller. */
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] {padding: 3rem 0.6rem 1rem 0.6rem;}
  [data-testid="stMainBlockContainer"] [data-testid="stVerticalBlock"] {gap: 0.5rem;}
  h1 {font-size: 1.6rem !important;}
  [data-testid="stAlert"] p, [data-testid="stCaptionContainer"] p {font-size: 0.75rem;}
  .st-key-week_tiles [data-testid="stHorizontalBlock"] {display: grid !important;
    grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 0.3rem;}
  .st-key-week_tiles [data-testid="stColumn"] {width: auto !important; min-width: 0 !important;}
  .st-key-week_tiles [data-testid="stColumn"] [data-testid="stVerticalBlock"] {gap: 0.15rem;}
  .st-key-week_tiles [data-testid="stElementContainer"]:has([data-testid="stVegaLiteChart"])
  {display: none;}
  .st-key-week_tiles [data-testid="stMetric"], .st-key-week_tiles [data-testid="stMetric"] > div
  {padding: 2px 3px;}
  .st-key-week_tiles [data-testid="stMetricValue"] {font-size: 1.25rem;}
  .st-key-week_tiles [data-testid="stMetricLabel"] p, .st-key-week_tiles
  [data-testid="stMetricDelta"] p {font-size: 0.72rem;}
  .st-key-week_tiles [data-testid="stMarkdownContainer"] span {font-size: 0.65rem;
    white-space: normal;}
}
</style>"""


def apply() -> None:
    st.html(CSS)
