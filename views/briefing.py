"""Trình chiếu: the weekly briefing on a projector or a lobby TV, one slide a screen.

`/trinh-chieu?tuan=2024-W45&slide=1`: the slides of dashboard/briefing.py, big, with no
navigation bar or sidebar. Next and previous by the buttons, the arrow keys, and
PageUp/PageDown (what presentation clickers send); the URL follows the slide, so a link
opens it. `&tu-dong=20` moves on every 20 seconds (a lobby TV). The figures are read
again on a timer without losing the slide. The week defaults to the last complete one.
The handout (PowerPoint, PDF, made on request) and the chat message are under "Tài liệu";
the role "viewer" gets the message, not the files (dashboard/auth/roles.py). The slides'
own reruns (timer, buttons) check the sign-in again: they skip app.py's gate.
"""

import time

import streamlit as st
import streamlit.components.v1 as components

from dashboard import briefing, handout
from dashboard.auth import roles
from dashboard.content import briefing as content
from dashboard.content import overview
from dashboard.frame import access, data, url_state, widgets
from dashboard.params import week_param

REFRESH_SECONDS = 300  # the figures are read again this often (the cache's lifetime)
MIN_AUTO_SECONDS, MAX_AUTO_SECONDS = 5, 3600
HANDOUTS = (("bản PowerPoint", ".pptx"), ("bản PDF", ".pdf"))
TREND_HEIGHT = 330  # pixels: the chart, the title and the buttons in 720
# Keys reach the page, not this script: a listener on the page clicks our buttons.
KEYS = """<script>
const page = window.parent.document;
if (!page.briefingKeys) {
  page.briefingKeys = true;
  page.addEventListener("keydown", (event) => {
    const next = ["ArrowRight", "PageDown"].includes(event.key);
    const previous = ["ArrowLeft", "PageUp"].includes(event.key);
    if (!next && !previous) return;
    const key = next ? "slide_next" : "slide_previous";
    const button = page.querySelector(`.st-key-${key} button`);
    if (button && !button.disabled) { event.preventDefault(); button.click(); }
  });
}
</script>"""
CONTROLS_CSS = """<style>
[class*="st-key-slide_"] button p, [class*="st-key-slide_"] p,
[class*="st-key-slide_"] [data-testid="stText"], [data-testid="stAlert"] p
{font-size: 22px !important;}
</style>"""


def move(by: int, count: int) -> None:
    st.session_state["slide"] = content.step(st.session_state["slide"], by, count)
    st.session_state["slide_since"] = time.monotonic()


access.grant("briefing")
query = url_state.read()
last_day = data.last_day()
default = data.default_week()
choice = overview.week_choice(query.week("tuan", default), last_day, default)
week = choice.asked
auto = None
if query.text("tu-dong") is not None:
    auto = query.integer("tu-dong", "số giây tự chuyển", MIN_AUTO_SECONDS, MAX_AUTO_SECONDS, 20)
if "slide" not in st.session_state:
    st.session_state["slide"] = query.integer("slide", "trang chiếu", 1, 99, 1)
    st.session_state["slide_since"] = time.monotonic()
st.html(content.CSS + CONTROLS_CSS)
url_state.warn(query.problems)
components.html(KEYS, height=0)


def show_trend(deck) -> None:
    """The district's on-time rate over the last weeks: the handout's chart, on screen."""
    st.html(content.heading_html(handout.CHART_TITLE, deck))
    spec = handout.trend_figure(deck.trend, handout.district_target(), deck.marked)
    st.vega_lite_chart(content.for_screen(spec), width="stretch", height=TREND_HEIGHT)
    st.html(f'<p class="slide-note">{handout.CHART_NOTE}</p>')


def show_files(deck, files_allowed: bool) -> None:
    """The handout, made on request (a few seconds), and the chat message to copy."""
    if not files_allowed:
        st.caption(roles.NO_FILES)
    for label, suffix in HANDOUTS * files_allowed:
        if st.button(f"Tạo {label}", key=f"slide_make_{suffix[1:]}"):
            st.session_state[f"handout{suffix}"] = data.load(handout.file_bytes, week, suffix)
        made = st.session_state.get(f"handout{suffix}")
        if made is not None:
            st.download_button(
                f"Tải {label}",
                made,
                file_name=handout.file_name(deck, suffix),
                mime=handout.MEDIA_TYPES[suffix],
                icon=":material/download:",
                on_click="ignore",
                key=f"slide_file_{suffix[1:]}",
            )
    widgets.quality_notice(("dossiers", "units", "ratings"))  # the slides' figures, as read
    st.caption("Tin nhắn cho nhóm Zalo (bấm biểu tượng ở góc để sao chép):")
    st.code(deck.message, language=None, wrap_lines=True)


@st.fragment(run_every=auto or REFRESH_SECONDS)
def show_slide() -> None:
    allowed = access.grant("briefing")  # a rerun of this fragment alone: still allowed?
    deck = data.load(briefing.build, week)
    count = content.slide_count(deck)
    slide, since = st.session_state["slide"], st.session_state["slide_since"]
    slide, since = content.auto_advance(slide, since, time.monotonic(), auto, count)
    st.session_state.update(slide=slide, slide_since=since)
    number = content.slide_number(st.session_state["slide"], count)
    st.session_state["slide"] = number
    shown = content.briefing_slide(deck, number)
    if shown is None:
        show_trend(deck)
    else:
        st.html(content.slide_html(deck, shown + 1))
    previous, counter, following, files = st.columns([2, 1, 2, 2], vertical_alignment="center")
    with previous:
        st.button("◀ Trước", key="slide_previous", on_click=move, args=(-1, count))
    with counter, st.container(key="slide_counter"):
        st.text(f"{number} / {count}")
    with following:
        st.button("Sau ▶", key="slide_next", on_click=move, args=(1, count))
    with files, st.popover("Tài liệu", icon=":material/download:", key="slide_files"):
        show_files(deck, allowed.files)
    values = {"tuan": week_param(week), "slide": number, "tu-dong": auto}
    url_state.write(values, {"tuan": week_param(choice.default), "slide": 1})


show_slide()
