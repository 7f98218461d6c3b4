"""Tổng quan tuần: the chairman's Monday view of last week, the app's landing page.

The week as a flow (data-contract.md, "The week"): tiles against the week before
and against the targets of config/targets.toml, a 12-week trend under each, the
units needing attention with links into the late list, and every receiving unit
ranked worst first, each a link to its late dossiers. The week is in the URL
(`?tuan=2024-W45`). What it shows: dashboard/content/overview.py.
"""

import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from dashboard import charts, fmt, html_table, unit_reading
from dashboard import targets as target_rule
from dashboard.content import overview as content
from dashboard.frame import access, chart, data, source_text, url_state, widgets
from dashboard.params import week_param
from dashboard.weekly import week_overview

LATE_VIEW = "views/late.py"
# At 1280x720 the first screen holds the title and week, the tiles with their trends and
# the attention cards, reasons and links included: the blocks sit closer than Streamlit's
# default gap, the presentation link beside the week, the note on one line.
# The worst units, side by side; the ranking has the rest. Three, so that each card's
# reasons keep to a line each and the cards fit the first screen of a 1280x720 projector.
ATTENTION_SHOWN = 3


def pick_week(last_day):
    """The week picker, from the URL's `tuan`: the last complete week by default, this week
    one click away; the chosen week goes back into the URL. Returns the week and the row
    of buttons beside the picker."""
    query = url_state.read()
    default = data.default_week()
    choice = content.week_choice(query.week("tuan", default), last_day, default)
    if st.session_state.get("week") not in choice.mondays:
        st.session_state["week"] = choice.asked.start
    title, picker, button = st.columns([3, 3, 3], vertical_alignment="bottom")
    with title:
        st.title("Tổng quan tuần")
        if place := data.place():  # beside the picker's label: no line added
            source_text.caption(place)
    with picker:
        monday = st.selectbox(
            "Tuần",
            choice.mondays,
            key="week",
            format_func=lambda m: content.week_option_label(m, last_day),
            help="Tuần từ thứ Hai đến Chủ nhật. Mặc định: tuần trọn gần nhất có hồ sơ tiếp nhận.",
        )
    with button:
        actions = st.container(horizontal=True, gap="xsmall", vertical_alignment="center")
    with actions:
        if choice.running != choice.default:
            st.button(
                f"Tuần này (đến {fmt.date(last_day)})",
                on_click=lambda: st.session_state.update(week=choice.running.start),
            )
    url_state.warn(query.problems)
    week = content.week_for(monday, last_day)
    url_state.write({"tuan": week_param(week)}, {"tuan": week_param(choice.default)})
    return week, actions


def show_tile(tile: content.Tile, trend, marked) -> None:
    """The figure, its status and its 12 weeks (a reorganisation's day a thin rule), packed
    tight under each other."""
    with st.container(gap="xxsmall"):
        _tile_parts(tile, trend, marked)


def _tile_parts(tile: content.Tile, trend, marked) -> None:
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
        chart.show(
            charts.sparkline, trend, tile.key, tile.label, tile.is_rate, color, tile.floor, marked
        )


def link_to_late_view(link: dict) -> None:
    """A link into the late-dossier view, once that view is in the app's navigation."""
    # No arrow (a card's two links then fit one line): the link's colour says it is one.
    # The label is the view's own words, never the database's, so Markdown is safe.
    try:
        st.page_link(LATE_VIEW, **{**link, "label": f":primary[{link['label']}]"})
    except StreamlitPageNotFoundError:
        pass  # the view is not (yet) part of this app: the reasons stand on their own


def show_attention(cards: list[content.AttentionCard]) -> None:
    if not cards:
        st.success("Không có đơn vị nào dưới chỉ tiêu hay kém hơn chính mình các tuần trước.")
        return
    shown = content.shortlist(cards, ATTENTION_SHOWN)
    for index, (column, card) in enumerate(zip(st.columns(ATTENTION_SHOWN), shown, strict=False)):
        with column, st.container(border=True, key=f"card_{index}", gap="xxsmall"):
            st.text(f"{card.rank}. {card.name}")  # a name from the data: text, never Markdown
            st.caption("  \n".join(card.reasons))  # fixed words and figures: one a line
            with st.container(horizontal=True, gap="xsmall"):
                for link in card.links:
                    link_to_late_view(link)
    if len(cards) > len(shown):
        st.caption(f"Và {len(cards) - len(shown)} đơn vị khác cần chú ý: xem bảng xếp hạng.")


access.grant("overview")
with st.container(gap="xsmall"):
    week, actions = pick_week(data.last_day())
    # The reading's switch beside the week's line: the cards stay on the first screen.
    note, switch = st.columns([3, 1], vertical_alignment="center")
    with note:
        st.caption(f"**{fmt.week_of(week.start)}**. {content.heading_note(week)}")
    with switch:
        units = url_state.units(compact=True)
with actions:
    st.page_link(
        "views/briefing.py",
        label="Trình chiếu",
        icon=":material/slideshow:",
        query_params={"tuan": week_param(week)},
    )
widgets.quality_notice(("dossiers", "units", "ratings"))
overview = data.load(week_overview, week, units)
targets = data.district_targets()
week_tiles = content.tiles(overview, targets)
marked = data.load(unit_reading.succession_dates)
with st.container(key="week_tiles"):  # a compact grid on a phone (dashboard/frame/style.py)
    for column, tile in zip(st.columns(len(week_tiles)), week_tiles, strict=True):
        with column:
            show_tile(tile, overview.trend, marked)

with st.container(gap="xsmall"):
    st.markdown("#### Đơn vị cần chú ý")  # smaller than a section's heading
    show_attention(content.attention(overview, targets))
st.subheader("Xếp hạng đơn vị tiếp nhận (kém nhất trước)")
ranking = content.ranking_html(overview.units, targets, week, units)
st.html(html_table.style("ranking", content.RANKING_TEXT) + ranking)
st.caption(
    f"{target_rule.RANK_RULE} Bấm tên đơn vị hoặc số hồ sơ trễ hạn, quá hạn để xem danh sách hồ sơ."
)
if not overview.ended.empty:
    st.caption(content.ended_note(overview.ended))
