"""Chỉ số 766 (ước tính): the part of the 766 score the one-stop's own rows can give, per
unit by today's units, for a month (the running one to date by default) beside the month
before, ranked, with twelve months and the groups it leaves out.

Never out of 100 and never the official score: out of the points that could be computed,
with the formula's version (config/index766.toml, dashboard/index766.py). Every figure
links to the dossiers behind it (`?thang=2026-11&unit=CODE&list=online`): the late view's
lists for progress, this page's lists for the others; arriving by such a link, the list
comes first. Who sees what (dashboard/auth/roles.py): a viewer the scores only, never a
list (not even read); a unit user's lists hold only what their unit's area received or
handles. What it shows: dashboard/content/index766.py.
"""

import math

import streamlit as st

from dashboard import charts, figures, html_table, official766, unit_reading
from dashboard.auth import roles
from dashboard.content import index766 as content
from dashboard.frame import access, chart, data, source_text, url_state, widgets
from dashboard.index766 import not_computed
from dashboard.index766_actions import weakest
from dashboard.index766_formula import FormulaError, load_formula

LIST_ROWS_SHOWN = 12
GRID_HEADER_HEIGHT, GRID_ROW_HEIGHT = 35, 35


def pick_month() -> tuple:
    """The month picker from the URL's `thang` (the running month by default): (picked,
    the URL's query, the default's `thang`)."""
    query = url_state.read()
    offered = content.offered_months(data.last_day())
    asked = content.read_month(query, offered)
    picked = st.selectbox(
        "Tháng",
        offered,
        index=offered.index(asked),
        format_func=content.month_label,
        key="index766_month",
    )
    return picked, query, content.month_param(offered[0])


def official_texts(order) -> dict[str, str]:
    """The portal's official totals of the month, as read; {} without any (or, said, when
    the dashboard's own store cannot be read: the estimate stands without them)."""
    try:
        held = official766.official_scores(month.start, list(order["group"]), formula)
    except official766.OfficialError as error:
        st.warning(str(error))
        return {}
    return content.official_texts(held)


def show_ranking(order, before) -> None:
    st.subheader("Xếp hạng theo điểm ước tính")
    official = official_texts(order)
    shown = content.ranking_table(order, before, month, months[-2], official)
    css = html_table.style("index766-ranking", content.RANKING_TEXT)
    st.html(css + html_table.html_table(shown, "index766-ranking"))
    st.caption(content.rank_rule(month))
    if official:
        st.caption(content.OFFICIAL_NOTE)


def show_moves(this_month) -> None:
    st.subheader("Việc làm tăng điểm")
    moves = weakest(this_month, formula, this_month["serving"], len(this_month))
    if not moves:
        st.info(content.NO_MOVES)
        return
    css = html_table.style("index766-moves", content.MOVES_TEXT)  # long sentences wrap
    st.html(css + html_table.html_table(content.moves_table(moves), "index766-moves"))
    st.caption(content.MOVES_NOTE)


def show_groups(order) -> None:
    st.subheader(f"Từng nhóm chỉ tiêu, {content.month_label(month).lower()}")
    shown = content.groups_table(order, formula)
    links = content.group_links(order, formula, month, kinds, reading) if allowed.lists else None
    st.html(html_table.style("index766") + html_table.html_table(shown, "index766", links))
    st.caption(content.MISSING_NOTE if allowed.lists else content.NO_LINKS_NOTE)
    st.caption("  \n".join(content.legend(formula)))


def show_trend(order) -> None:
    st.subheader(f"{content.TREND_MONTHS} tháng gần nhất")
    choices = content.trend_choices(order, frame)
    if not choices:
        st.info("Chưa có đơn vị nào có số liệu để tính trong các tháng này.")
        return
    names = st.multiselect(
        "Đơn vị trên biểu đồ",
        choices,
        default=content.trend_default(choices, order, allowed.unit),
        key="index766_trend_units",
    )
    if note := content.trend_note(len(names), len(choices)):
        st.caption(note)
    trend = content.trend_frame(frame, names)
    if trend.empty:
        return
    chart.show(
        charts.rate_over_time,
        trend,
        "percent",
        "month",
        "Điểm ước tính trên số điểm tính được",
        series="name",
        series_order=names,
        series_title="Đơn vị",
        marked=data.load(unit_reading.succession_dates),
        detail="detail",
        detail_title="Điểm ước tính",
    )


def show_left_out() -> None:
    st.subheader("Các nhóm chưa tính được")
    left_out = data.load(not_computed, formula, tables=content.TABLES)
    st.caption(content.left_out_note(left_out))
    widgets.table(content.left_out_table(left_out), max_rows=None)


def show_list(order, kind: str | None, unit: str | None) -> None:
    """The dossiers behind one figure: a unit and a list, from the URL (`kind`, `unit`: the
    page was opened on it) or picked here."""
    asked = kind is not None
    roles.require(allowed.lists)
    names = dict(zip(order["group"], order["name"], strict=True))
    codes = content.list_codes(order)
    if not codes:
        return
    picker, choice = st.columns([2, 3], vertical_alignment="bottom")
    with picker:
        preferred = unit or content.list_default(order, allowed.unit)
        unit = st.selectbox(
            "Đơn vị",
            codes,
            index=codes.index(preferred) if preferred in codes else 0,
            format_func=names.get,
            key="index766_list_unit",
        )
    with choice:
        kind = st.selectbox(
            "Danh sách",
            kinds,
            index=kinds.index(kind) if kind in kinds else 1,
            format_func=content.LIST_NAMES.get,
            key="index766_list_kind",
        )
    if allowed.unit is not None:
        st.caption(roles.UNIT_SCOPE.format(unit=names.get(allowed.unit, allowed.unit)))
    source_text.caption(content.list_title(kind, names[unit], month))  # a unit's name
    if kind == "progress":
        st.caption(content.PROGRESS_NOTE)
        with st.container(horizontal=True):
            for link in content.progress_links(unit, month, reading):
                st.page_link("views/late.py", **link, icon=":material/alarm:")
        return
    st.caption(content.LIST_HELP[kind])
    filt = figures.ListFilter(kind, month, unit, allowed.unit)
    total = data.load(figures.index766_list_count, filt, reading)
    if total == 0:
        st.info(content.EMPTY_LIST)
        return
    pages = max(1, math.ceil(total / content.LIST_PAGE_SIZE))
    table_slot = st.container()
    page = 1
    if pages > 1:
        page = st.pagination(pages, key=f"index766_page_{kind}_{unit}_{month.start}")
    rows = data.load(figures.index766_list, filt, page, content.LIST_PAGE_SIZE, reading)
    with table_slot:
        st.dataframe(
            content.list_table(rows),
            hide_index=True,
            width="stretch",
            height=GRID_HEADER_HEIGHT + GRID_ROW_HEIGHT * min(len(rows), LIST_ROWS_SHOWN) + 3,
        )
        first = (page - 1) * content.LIST_PAGE_SIZE + 1
        st.caption(content.list_caption(first, len(rows), total, page, pages))
    if asked:  # the page was opened on a list: the URL follows what it shows
        url_state.write(content.list_query(month, unit, kind), {content.MONTH_PARAM: default_month})


allowed = access.grant("index766")
try:
    formula = load_formula()
except FormulaError as error:  # a wrong formula file: said, never a guessed figure
    st.title(content.TITLE)
    data.stop(str(error))
month, query, default_month = widgets.page_header(content.TITLE, pick_month, content.TABLES)
reading = url_state.units()
widgets.quality_notice(("dossiers", "units", "ratings"))
st.caption(content.estimate_note(formula))
months = content.trend_months(month)
frame = data.load(figures.index766_months, months, reading, formula, tables=content.TABLES)
this_month = content.month_rows(frame, month)
order = content.ranked(this_month)
before = content.month_rows(frame, months[-2])
kinds = ("progress", *data.load(figures.index766_lists_available))  # lists it can give
asked_kind, asked_unit = content.read_list(query, kinds, list(order["group"]))
url_state.warn(query.problems)
on_list = asked_kind is not None and allowed.lists  # opened on a figure's list
if not on_list:  # the URL holds the month and the reading only
    url_state.write(
        {content.MONTH_PARAM: content.month_param(month)}, {content.MONTH_PARAM: default_month}
    )

# The page, section by section. Arriving by a figure's link, its list comes first.
if on_list:
    st.subheader("Hồ sơ phía sau con số")
    show_list(order, asked_kind, asked_unit)
show_ranking(order, before)
show_moves(this_month)
show_groups(order)
show_trend(order)
show_left_out()
if not on_list:
    st.subheader("Hồ sơ phía sau con số")
    if allowed.lists:
        show_list(order, None, None)
    else:  # a viewer: the scores only, no list is ever read
        st.info(roles.NO_LIST)
