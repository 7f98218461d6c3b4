"""Tổng quan tuần: the chairman's Monday view of last week, the app's landing page.

Tiles for the week against the week before and against the targets of
config/targets.toml, a 12-week trend under each, every receiving unit ranked
worst first with the same traffic lights, and the units needing attention with a
link into the late-dossier view. What it shows: dashboard/content/overview.py.
"""

from datetime import timedelta

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from dashboard import charts, fmt
from dashboard.content import overview as content
from dashboard.frame import data
from dashboard.weekly import KPIS, week_overview
from queries.period import last_complete_week, week_of

LATE_VIEW = "views/late.py"
WEEKS_OFFERED = 52
ATTENTION_SHOWN = 4  # the worst units, side by side; the ranking has the rest
RANKING_STYLES = [
    {"selector": "", "props": "border-collapse: collapse; width: 100%; font-size: 1.15rem;"},
    {"selector": "th, td", "props": "border: 1px solid #D1D5DB; padding: 0.4rem 0.7rem;"},
    {"selector": "th", "props": "background: #E5EDF7; text-align: center; font-weight: 600;"},
    {"selector": "td", "props": "text-align: right; font-variant-numeric: tabular-nums;"},
    {"selector": "td:first-child", "props": "text-align: left;"},
]


def pick_week(last_day):
    """The week picker: the last complete week by default, this week one click away."""
    complete = last_complete_week(last_day)
    current = week_of(last_day, last_day)
    mondays = [complete.start - timedelta(weeks=n) for n in range(WEEKS_OFFERED)]
    if current != complete:
        mondays.insert(0, current.start)
    if st.session_state.get("week") not in mondays:
        st.session_state["week"] = complete.start
    picker, button = st.columns([3, 2], vertical_alignment="bottom")
    with picker:
        monday = st.selectbox(
            "Tuần",
            mondays,
            key="week",
            format_func=lambda m: content.week_option_label(m, last_day),
            help="Tuần từ thứ Hai đến Chủ nhật. Mặc định: tuần gần nhất đã trọn dữ liệu.",
        )
    with button:
        if current != complete:
            st.button(
                f"Tuần này (đến {fmt.date(last_day)})",
                on_click=lambda: st.session_state.update(week=current.start),
            )
    return week_of(monday, last_day)


def show_tile(tile: content.Tile, trend) -> None:
    st.metric(
        tile.label,
        tile.value,
        delta=tile.delta,
        delta_color=tile.delta_color,
        help=tile.help,
        border=True,
    )
    st.badge(tile.badge, color=tile.badge_color)
    if tile.has_data:
        color = charts.LIGHT_COLORS.get(tile.light, charts.PALETTE["received"])
        spark = charts.sparkline(trend, tile.key, tile.label, tile.is_rate, color, tile.floor)
        st.altair_chart(spark, width="stretch")


def link_to_late_view(link: dict) -> None:
    """A link into the late-dossier view, once that view is in the app's navigation."""
    try:
        st.page_link(LATE_VIEW, icon=":material/arrow_forward:", **link)
    except StreamlitPageNotFoundError:
        pass  # the view is not (yet) part of this app: the reasons stand on their own


def show_attention(cards: list[content.AttentionCard]) -> None:
    if not cards:
        st.success("Không có đơn vị nào dưới chỉ tiêu hay kém hơn chính mình các tuần trước.")
        return
    for column, card in zip(st.columns(ATTENTION_SHOWN), cards, strict=False):
        with column, st.container(border=True):
            st.markdown(f"**{card.name}**")
            st.markdown("\n".join(f"- {reason}" for reason in card.reasons))
            for link in card.links:
                link_to_late_view(link)
    if len(cards) > ATTENTION_SHOWN:
        st.caption(
            f"Và {len(cards) - ATTENTION_SHOWN} đơn vị khác dưới chỉ tiêu: xem bảng xếp hạng."
        )


st.title("Tổng quan tuần")
week = pick_week(data.last_day())
overview = data.load(week_overview, week)
targets = data.district_targets()

st.subheader(fmt.week_of(week.start))
st.caption(content.heading_note(week))
for column, tile in zip(st.columns(len(KPIS)), content.tiles(overview, targets), strict=True):
    with column:
        show_tile(tile, overview.trend)

st.subheader("Đơn vị cần chú ý")
show_attention(content.attention(overview, targets))
st.subheader("Xếp hạng đơn vị tiếp nhận (kém nhất trước)")
shown, colors = content.ranking(overview.units, targets)
# Unit names come from the database: escaped, never read as HTML.
styler = shown.style.format(escape="html").apply(lambda _: colors, axis=None).hide(axis="index")
st.html(styler.set_table_styles(RANKING_STYLES).to_html())
