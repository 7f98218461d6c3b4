"""Hồ sơ trễ hạn: which dossiers are late or about to be, where, why, and who holds them.

For department heads and commune leaders, to leave with a list to act on. Every
filter lives in the URL (`?unit=CTA-MN&state=overdue&start=2022-03-01&end=2022-03-31`),
so a view can be shared and the overview can link here; a bad value there gets
a plain message and a default. Arriving by such a link, the filters are folded under the
one line saying what the list holds, so the list's first rows are on the first screen;
the counts and where they concentrate follow it. What it shows: dashboard/content/late.py; the
list is filtered, sorted and paged in SQL, applicants' names masked. Who sees what
(dashboard/auth/roles.py): a unit user's every figure here is held to dossiers their unit
received or handles, whatever the URL asks; a viewer gets the counts, not the list, its
files or the late reasons.
"""

import logging
import math

import streamlit as st

from dashboard import charts, exports, figures, fmt, late_table
from dashboard.auth import roles
from dashboard.content import late as content
from dashboard.figures import (
    BASES,
    MAX_SOON_DAYS,
    PAGE_SIZE,
    STATES,
    LateFilter,
    late_count,
    late_extreme_days,
    late_reasons,
)
from dashboard.frame import access, chart, data, source_text, url_state, widgets

ALL = ""  # the "no filter" choice of a select box
ALL_LABEL = "Tất cả"
FROM_LINK = "late_from_link"  # session state: this visit came by a link with its filters
KEPT_PAGES = "late_kept_pages"  # session state: the list shown and its pages' keys
FILTERS_LABEL = "Bộ lọc: loại hồ sơ, khoảng thời gian, đơn vị, lĩnh vực, thủ tục, kênh nộp"
BAR_ROW_HEIGHT = 36
GRID_HEADER_HEIGHT = 35  # Streamlit's data grid
# The grid wraps a cell's text only in rows taller than 4rem (68 pixels with the theme's
# 17-pixel font): three lines, a procedure's whole name.
GRID_ROW_HEIGHT = 70
LIST_ROWS_SHOWN = 12  # rows visible at once; the rest of the page scrolls inside the table
BREAKDOWN_TABS = (
    ("handling", "Theo đơn vị xử lý", "Đơn vị xử lý"),
    ("field", "Theo lĩnh vực", "Lĩnh vực"),
    ("procedure", "Theo thủ tục", "Thủ tục"),
)
FILES = (("Tải CSV", ".csv"), ("Tải Excel", ".xlsx"))

logger = logging.getLogger(__name__)


def _select(label: str, pairs: list[tuple[str, str]], current: str | None, key: str) -> str | None:
    labels = {ALL: ALL_LABEL, **dict(pairs)}
    codes = list(labels)
    picked = st.selectbox(
        label, codes, index=codes.index(current or ALL), format_func=labels.get, key=key
    )
    return picked or None


def choose_filters(url: LateFilter, choices: dict) -> LateFilter:
    """The filter widgets, starting from what the URL asked for; folded away (one click to
    open) when the page was opened by a link that says what to show."""
    with st.expander(FILTERS_LABEL, expanded=not st.session_state[FROM_LINK]):
        basis = st.radio(
            "Tính theo",
            BASES,
            index=BASES.index(url.basis),
            format_func=content.BASIS_NAMES.get,
            horizontal=True,
            key="late_basis",
            help=content.BASIS_HELP,
        )
        top = st.columns([2, 3, 1], vertical_alignment="bottom")
        with top[0]:
            period = widgets.period_picker("late_period", content.PERIOD_LABELS[basis], url.period)
        with top[1]:
            state = st.radio(
                "Loại hồ sơ",
                STATES,
                index=STATES.index(url.state),
                format_func=late_table.STATE_NAMES.get,
                horizontal=True,
                key="late_state",
                help="\n\n".join(
                    f"**{late_table.STATE_NAMES[s]}**: {late_table.STATE_HELP[s]}" for s in STATES
                ),
            )
        with top[2]:
            days = st.number_input(
                "Số ngày làm việc tới",
                min_value=1,
                max_value=MAX_SOON_DAYS,
                value=url.soon_days,
                key="late_days",
                disabled=state != "due-soon",
                help="Sắp đến hạn: hẹn trả trong số ngày làm việc (thứ Hai – thứ Sáu) này "
                "sau ngày cuối của khoảng đã chọn.",
            )
        boxes = st.columns([3, 3, 2, 3, 2])  # unit names are long, channels short
        labels = ("Nơi tiếp nhận", "Đơn vị xử lý", "Lĩnh vực", "Thủ tục", "Kênh nộp")
        current = (url.received_unit, url.handling_unit, url.field, url.procedure, url.channel)
        picked = []
        for box, name, label, value in zip(boxes, choices, labels, current, strict=True):
            with box:
                picked.append(_select(label, choices[name], value, f"late_{name}"))
    received, handling, field, procedure, channel = picked
    return LateFilter(
        period, state, received, handling, field, procedure, channel, int(days), basis
    )


def show_tiles(filt: LateFilter, total: int, by_handling) -> None:
    shown = content.tiles(
        filt, total, data.load(late_extreme_days, filt, units=reading), by_handling
    )
    for column, (label, value, help_text, caption) in zip(st.columns(3), shown, strict=True):
        with column:
            widgets.kpi_tile(label, value, help=help_text)
            if caption:  # a unit's name from the database
                source_text.caption(caption)


def show_concentration(filt: LateFilter, by_handling, reasons_shown: bool) -> None:
    tabs = st.tabs([title for _, title, _ in BREAKDOWN_TABS] + ["Theo lý do"] * reasons_shown)
    for tab, (by, _, name_header) in zip(tabs, BREAKDOWN_TABS, strict=False):
        with tab:
            frame = (
                by_handling
                if by == "handling"
                else data.load(figures.late_breakdown, filt, by, reading)
            )
            chart_column, table_column = st.columns(2, gap="large")
            with chart_column:
                chart.show(
                    charts.grouped_bars,
                    frame,
                    "name",
                    {"count": content.TILE_LABELS[filt.state]},
                    [charts.PALETTE["late"]],
                    category_label=name_header,
                    height=BAR_ROW_HEIGHT * len(frame) + charts.CHROME_HEIGHT,
                )
            with table_column:
                shown = content.breakdown_table(frame, filt.state, name_header)
                st.dataframe(shown, hide_index=True, width="stretch")
    if not reasons_shown:  # free text about single dossiers: not for a viewer
        return
    with tabs[-1]:
        reasons = data.load(late_reasons, filt, units=reading)
        st.dataframe(content.reasons_table(reasons), hide_index=True, width="stretch")
        st.caption("Lý do được gom theo đúng nội dung đã ghi (bỏ khoảng trắng thừa).")


def prepare_files(filt: LateFilter, names: dict, total: int) -> dict[str, bytes] | None:
    """The whole filtered list as a CSV and an XLSX file; None (said on the page) on failure."""
    try:
        rows = figures.late_list(data.engine(), filt, 1, content.EXPORT_LIMIT, reading)
        return {
            suffix: content.export_file(rows, filt, names, total, suffix) for _, suffix in FILES
        }
    except Exception:  # no file at all rather than a broken one
        logger.warning("late list export failed", exc_info=True)
        st.error(content.EXPORT_FAILED)
        return None


def show_exports(filt: LateFilter, names: dict, total: int) -> None:
    """One click prepares both files from the database; then each downloads at once."""
    roles.require(allowed.files)
    prepared = f"late_files_{content.signature(filt)}"
    columns = st.columns([1, 1, 4], vertical_alignment="center")
    files = st.session_state.get(prepared)
    if files is None:
        with columns[0]:
            if st.button("Tạo tệp tải về", icon=":material/download:", key="late_prepare"):
                files = prepare_files(filt, names, total)
                if files is not None:
                    st.session_state[prepared] = files
    if files is not None:
        for column, (label, suffix) in zip(columns[:2], FILES, strict=True):
            with column:
                st.download_button(
                    label,
                    files[suffix],
                    file_name=late_table.file_name(filt, suffix),
                    mime=exports.MIME_TYPES[suffix],
                    icon=":material/download:",
                    on_click="ignore",
                    key=f"late_{suffix[1:]}",  # late_csv, late_xlsx
                )
    with columns[2]:
        st.caption(content.export_note(total))


def screen_columns(state: str) -> dict:
    """The grid's columns on screen, by header, each with its width (late_table)."""
    headers = late_table.headers(state)
    return {
        headers[column]: st.column_config.Column(width=width)
        for column, width in late_table.SCREEN_WIDTHS.items()
    }


def kept_pages(filt: LateFilter) -> dict:
    """The keys of the first and last rows of this list's pages shown in this session, by
    page, so that the next page shown reads on from one (figures.late_page); kept for one
    list at a time."""
    shown = (content.signature(filt), reading)
    kept = st.session_state.get(KEPT_PAGES)
    if kept is None or kept[0] != shown:
        kept = st.session_state[KEPT_PAGES] = (shown, {})
    return kept[1]


def show_list(filt: LateFilter, names: dict, total: int, page: int) -> None:
    """The list, a page at a time, its files, then the detail of a selected row."""
    roles.require(allowed.lists)
    pages = max(1, math.ceil(total / PAGE_SIZE))
    st.subheader(f"Danh sách hồ sơ ({fmt.number(total)})")
    table_slot = st.container()
    if pages > 1:
        page = st.pagination(pages, default=page, key=f"late_page_{content.signature(filt)}")
    kept = kept_pages(filt)
    keys = content.page_keys(kept, page)
    listed = data.load(figures.late_page, filt, page, PAGE_SIZE, reading, **keys)
    if listed.first is not None:
        kept[page] = (listed.first, listed.last)
    rows = listed.rows
    first = (page - 1) * PAGE_SIZE + 1
    with table_slot:
        columns = screen_columns(filt.state)
        selection = st.dataframe(
            late_table.screen_frame(rows, filt.state),
            hide_index=True,
            width="stretch",
            column_order=list(columns),
            column_config=columns,
            row_height=GRID_ROW_HEIGHT,
            height=GRID_HEADER_HEIGHT + GRID_ROW_HEIGHT * min(len(rows), LIST_ROWS_SHOWN) + 3,
            on_select="rerun",
            selection_mode="single-row",
            key=f"late_rows_{content.signature(filt)}_{page}",
        )
        st.caption(content.list_caption(first, len(rows), total, page, pages))
    url_state.write(content.url_values(filt, page), content.URL_DEFAULTS)
    show_exports(filt, names, total)
    selected = selection.selection.rows
    if selected:
        show_detail(rows.iloc[selected[0]]["code"])


def show_detail(code: str) -> None:
    detail = data.load(figures.dossier_detail, code)
    st.subheader(f"Chi tiết hồ sơ {code}")
    if detail is None:
        st.info("Không còn tìm thấy hồ sơ này trong cơ sở dữ liệu.")
        return
    st.dataframe(late_table.detail_frame(detail), hide_index=True, width="stretch")


allowed = access.grant("late")
st.title("Hồ sơ trễ hạn và sắp đến hạn")
problems_slot = st.container()
summary_slot = st.container()  # what the list holds, above the filters that say it
filters_slot, switch_slot = st.container(), st.container()
with switch_slot:  # under the filters, read first: the unit pickers follow it
    reading = url_state.units()
options = data.load(
    figures.late_filter_options, reading, tables=("dossiers", "units", "procedures")
)
choices = content.choices(options)
names = content.names(choices)
query = url_state.read()
# Decided on the page's first run only: once here, its own filters are in the URL too.
# The filter widgets' state is dropped when another page runs, so a new visit decides anew.
if FROM_LINK not in st.session_state or "late_state" not in st.session_state:
    st.session_state[FROM_LINK] = content.from_link(query)
url_filter = roles.late_filter(
    allowed, content.read_url(query, choices, data.default_period(), options["folded"])
)
with filters_slot:
    filt = roles.late_filter(allowed, choose_filters(url_filter, choices))
total = data.load(late_count, filt, units=reading)
if filt == url_filter:
    page = query.integer("page", "trang", 1, max(1, math.ceil(total / PAGE_SIZE)), 1)
else:
    page = 1  # a changed filter starts on its first page
with problems_slot:
    url_state.warn(query.problems)
with summary_slot:
    st.caption(data.data_as_of_line() or "")
    st.text(late_table.title(filt, names))  # names come from the database: plain text
    if filt.unit_scope is not None:
        st.caption(roles.UNIT_SCOPE.format(unit=names.get(filt.unit_scope, filt.unit_scope)))
widgets.quality_notice()

if total == 0:
    url_state.write(content.url_values(filt, 1), content.URL_DEFAULTS)
    st.info(content.empty_message(filt))
    st.stop()

# The list first (what a head came for), then the counts and where they concentrate.
if allowed.lists:
    show_list(filt, names, total, page)
else:  # the counts only: the list, its files and a dossier's detail are never read
    url_state.write(content.url_values(filt, 1), content.URL_DEFAULTS)
    st.info(roles.NO_LIST)
st.subheader("Bao nhiêu, tập trung ở đâu")
by_handling = data.load(figures.late_breakdown, filt, "handling", reading)
show_tiles(filt, total, by_handling)
show_concentration(filt, by_handling, allowed.names)
