"""Hồ sơ trễ hạn: which dossiers are late or about to be, where, why, and who holds them.

For department heads and commune leaders, to leave with a list to act on. Every
filter lives in the URL (`?unit=CTA-MN&state=overdue&start=2022-03-01&end=2022-03-31`),
so a view can be shared and the overview can link here; a bad value there gets
a plain message and a default (dashboard/params.py). The list is filtered,
sorted and paged in SQL, applicants' names masked (queries/late.py).
"""

import hashlib
import logging
import math

import pandas as pd
import streamlit as st

from dashboard import charts, exports, fmt, late_table, params, ui
from dashboard.contract import CHANNELS
from dashboard.labels import CHANNEL_NAMES
from queries.late import (
    DEFAULT_SOON_DAYS,
    DEFAULT_STATE,
    MAX_SOON_DAYS,
    PAGE_SIZE,
    STATES,
    LateFilter,
    dossier_detail,
    filter_options,
    late_breakdown,
    late_count,
    late_list,
    late_reasons,
)

ALL = ""  # the "no filter" choice of a select box
ALL_LABEL = "Tất cả"
EXPORT_LIMIT = 50_000
DEFAULTS = {"days": DEFAULT_SOON_DAYS, "page": 1}  # left out of the URL when so
COUNT_HEADERS = {  # the count, its base and the share, by state
    "late": ("Trễ hạn", "Đã giải quyết", "Tỷ lệ trễ hạn"),
    "overdue": ("Quá hạn", "Đang giải quyết", "Tỷ lệ quá hạn"),
    "due-soon": ("Sắp đến hạn", "Đang giải quyết", "Tỷ lệ"),
}
TILE_LABELS = {
    "late": "Số hồ sơ trễ hạn",
    "overdue": "Số hồ sơ quá hạn",
    "due-soon": "Số hồ sơ sắp đến hạn",
}
# On screen the days come right after the code: what a head acts on first.
SCREEN_ORDER = (
    "code",
    "days",
    "due_at",
    "procedure",
    "handling_unit",
    "officer",
    "late_reason",
    "applicant",
    "received_unit",
    "field",
    "received_at",
    "finished_at",
    "status",
)
BAR_ROW_HEIGHT = 36
GRID_ROW_HEIGHT = 35  # Streamlit's data grid, header and rows
LIST_ROWS_SHOWN = 20  # rows visible at once; the rest of the page scrolls inside the table
BREAKDOWN_TABS = (
    ("handling", "Theo đơn vị xử lý", "Đơn vị xử lý"),
    ("field", "Theo lĩnh vực", "Lĩnh vực"),
    ("procedure", "Theo thủ tục", "Thủ tục"),
)
NO_REASON = "(Chưa ghi lý do)"

logger = logging.getLogger(__name__)


def _choices(options: dict) -> dict[str, list[tuple[str, str]]]:
    """(code, label) pairs for each select box."""
    return {
        "unit": options["received"],
        "handling": options["handling"],
        "field": [(field, field) for field in options["fields"]],
        "procedure": [(code, f"{code} – {name}") for code, name in options["procedures"]],
        "channel": [(channel, CHANNEL_NAMES[channel]) for channel in CHANNELS],
    }


def read_url(query: params.QueryParams, choices: dict) -> LateFilter:
    """The filter the URL asks for; what it gets wrong goes to `query.problems`."""

    def code(name: str, label: str) -> str | None:
        return query.choice(name, [c for c, _ in choices[name]], label)

    return LateFilter(
        period=query.period(ui.default_period()),
        state=query.choice(
            "state", STATES, "loại hồ sơ", DEFAULT_STATE, late_table.STATE_NAMES[DEFAULT_STATE]
        ),
        received_unit=code("unit", "nơi tiếp nhận"),
        handling_unit=code("handling", "đơn vị xử lý"),
        field=code("field", "lĩnh vực"),
        procedure=code("procedure", "thủ tục"),
        channel=code("channel", "kênh nộp"),
        soon_days=query.integer("days", "số ngày", 1, MAX_SOON_DAYS, DEFAULT_SOON_DAYS),
    )


def _select(label: str, pairs: list[tuple[str, str]], current: str | None, key: str) -> str | None:
    labels = {ALL: ALL_LABEL, **dict(pairs)}
    codes = list(labels)
    picked = st.selectbox(
        label, codes, index=codes.index(current or ALL), format_func=labels.get, key=key
    )
    return picked or None


def choose_filters(url: LateFilter, choices: dict) -> LateFilter:
    """The filter widgets, starting from what the URL asked for."""
    with st.container(border=True):
        top = st.columns([2, 3, 1], vertical_alignment="bottom")
        with top[0]:
            period = ui.period_picker("late_period", "Hồ sơ tiếp nhận trong khoảng", url.period)
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
        boxes = st.columns(5)
        labels = ("Nơi tiếp nhận", "Đơn vị xử lý", "Lĩnh vực", "Thủ tục", "Kênh nộp")
        current = (url.received_unit, url.handling_unit, url.field, url.procedure, url.channel)
        picked = []
        for box, name, label, value in zip(boxes, choices, labels, current, strict=True):
            with box:
                picked.append(_select(label, choices[name], value, f"late_{name}"))
    received, handling, field, procedure, channel = picked
    return LateFilter(period, state, received, handling, field, procedure, channel, int(days))


def write_url(filt: LateFilter, page: int) -> None:
    values = {
        "start": filt.period.start,
        "end": filt.period.end,
        "state": filt.state,
        "unit": filt.received_unit,
        "handling": filt.handling_unit,
        "field": filt.field,
        "procedure": filt.procedure,
        "channel": filt.channel,
        "days": filt.soon_days if filt.state == "due-soon" else None,
        "page": page,
    }
    wanted = params.encode(values, DEFAULTS)
    if wanted != st.query_params.to_dict():
        st.query_params.from_dict(wanted)


def show_problems(problems: list[str]) -> None:
    if problems:
        lines = "\n".join(f"- {problem}" for problem in problems)
        st.warning(f"Đường dẫn có giá trị không dùng được, đã thay bằng mặc định:\n{lines}")


def show_tiles(filt: LateFilter, total: int, by_handling: pd.DataFrame) -> None:
    first = ui.load(late_list, filt, 1, 1)
    days = int(first["days"].iloc[0])
    count_label = TILE_LABELS[filt.state]
    if filt.state == "due-soon":
        extreme = ("Gấp nhất", f"còn {fmt.number(days)} ngày", "Ít ngày còn lại nhất đến hẹn trả.")
    else:
        extreme = ("Trễ lâu nhất", f"{fmt.number(days)} ngày", "Tính theo ngày lịch.")
    top = by_handling.iloc[0]
    holder = (
        "Đơn vị xử lý nhiều nhất",
        f"{fmt.number(top['count'])} hồ sơ",
        f"{top['name']}",
    )
    tiles = [(count_label, fmt.number(total), late_table.STATE_HELP[filt.state]), extreme]
    columns = st.columns(3)
    for column, (label, value, help_text) in zip(columns, tiles, strict=False):
        with column:
            ui.kpi_tile(label, value, help=help_text)
    with columns[2]:
        ui.kpi_tile(holder[0], holder[1], help="Đơn vị đang giữ nhiều hồ sơ trong danh sách nhất.")
        st.caption(holder[2])


def breakdown_table(frame: pd.DataFrame, state: str, name_header: str) -> pd.DataFrame:
    count, base, share = COUNT_HEADERS[state]
    return fmt.table(
        frame,
        {
            "name": (name_header, None),
            "count": (count, fmt.number),
            "base": (base, fmt.number),
            "share": (share, fmt.percent),
        },
    )


def show_concentration(filt: LateFilter, by_handling: pd.DataFrame) -> None:
    st.subheader("Tập trung ở đâu")
    tabs = st.tabs([title for _, title, _ in BREAKDOWN_TABS] + ["Theo lý do"])
    for tab, (by, _, name_header) in zip(tabs, BREAKDOWN_TABS, strict=False):
        with tab:
            frame = by_handling if by == "handling" else ui.load(late_breakdown, filt, by)
            chart_column, table_column = st.columns(2, gap="large")
            with chart_column:
                bars = charts.grouped_bars(
                    frame, "name", {"count": TILE_LABELS[filt.state]}, [charts.PALETTE["late"]]
                )
                height = BAR_ROW_HEIGHT * len(frame) + charts.CHROME_HEIGHT
                st.altair_chart(bars.properties(height=height), width="stretch")
            with table_column:
                shown = breakdown_table(frame, filt.state, name_header)
                st.dataframe(shown, hide_index=True, width="stretch")
    with tabs[-1]:
        reasons = ui.load(late_reasons, filt)
        shown = pd.DataFrame(
            {
                "Lý do ghi nhận": reasons["reason"].fillna(NO_REASON).astype("str"),
                "Số hồ sơ": reasons["count"].map(fmt.number),
            }
        )
        st.dataframe(shown, hide_index=True, width="stretch")
        st.caption("Lý do được gom theo đúng nội dung đã ghi (bỏ khoảng trắng thừa).")


def _signature(filt: LateFilter) -> str:
    """A short stable name for the filter, so paging and selection start over when it changes."""
    return hashlib.sha1(repr(filt).encode()).hexdigest()[:12]


def _export(filt: LateFilter, names: dict, total: int, suffix: str):
    """The whole filtered list as a file, built only when the button is clicked."""
    engine = ui.engine()

    def build() -> bytes:
        try:
            frame = late_table.export_frame(late_list(engine, filt, 1, EXPORT_LIMIT), filt.state)
        except Exception:  # a file that says so, rather than a broken download
            logger.warning("late list export failed", exc_info=True)
            return "Không xuất được danh sách: lỗi đọc cơ sở dữ liệu.".encode("utf-8-sig")
        title = late_table.title(filt, names, total)
        if suffix == ".csv":
            return exports.csv_bytes(frame, title)
        return exports.xlsx_bytes(frame, title, sheet_name=late_table.STATE_NAMES[filt.state])

    return build


def show_exports(filt: LateFilter, names: dict, total: int) -> None:
    csv_column, xlsx_column, note = st.columns([1, 1, 4], vertical_alignment="center")
    files = ((csv_column, "Tải CSV", ".csv"), (xlsx_column, "Tải Excel", ".xlsx"))
    for column, label, suffix in files:
        with column:
            st.download_button(
                label,
                _export(filt, names, total, suffix),
                file_name=late_table.file_name(filt, suffix),
                mime=exports.MIME_TYPES[suffix],
                icon=":material/download:",
                on_click="ignore",
                key=f"late_{suffix[1:]}",  # late_csv, late_xlsx
            )
    with note:
        limit = f" (tối đa {fmt.number(EXPORT_LIMIT)} hồ sơ đầu)" if total > EXPORT_LIMIT else ""
        st.caption(f"Tải toàn bộ danh sách đã lọc{limit}, tên người nộp đã che.")


def show_list(filt: LateFilter, total: int, page: int) -> None:
    pages = max(1, math.ceil(total / PAGE_SIZE))
    st.subheader(f"Danh sách hồ sơ ({fmt.number(total)})")
    table_slot = st.container()
    if pages > 1:
        page = st.pagination(pages, default=page, key=f"late_page_{_signature(filt)}")
    rows = ui.load(late_list, filt, page, PAGE_SIZE)
    first = (page - 1) * PAGE_SIZE + 1
    with table_slot:
        headers = late_table.headers(filt.state)
        selection = st.dataframe(
            late_table.screen_frame(rows, filt.state),
            hide_index=True,
            width="stretch",
            column_order=[headers[column] for column in SCREEN_ORDER],
            height=GRID_ROW_HEIGHT * (min(len(rows), LIST_ROWS_SHOWN) + 1) + 3,
            on_select="rerun",
            selection_mode="single-row",
            key=f"late_rows_{_signature(filt)}_{page}",
        )
        st.caption(
            f"Hồ sơ {fmt.number(first)}–{fmt.number(first + len(rows) - 1)} / {fmt.number(total)}"
            f" · trang {fmt.number(page)}/{fmt.number(pages)}. "
            "Chọn một dòng (ô đầu dòng) để xem chi tiết hồ sơ."
        )
    write_url(filt, page)
    selected = selection.selection.rows
    if selected:
        show_detail(rows.iloc[selected[0]]["code"])


def show_detail(code: str) -> None:
    detail = ui.load(dossier_detail, code)
    st.subheader(f"Chi tiết hồ sơ {code}")
    if detail is None:
        st.info("Không còn tìm thấy hồ sơ này trong cơ sở dữ liệu.")
        return
    st.dataframe(late_table.detail_frame(detail), hide_index=True, width="stretch")


st.title("Hồ sơ trễ hạn và sắp đến hạn")
problems_slot = st.container()
options = ui.load(filter_options, tables=("dossiers", "units", "procedures"))
choices = _choices(options)
names = {code: name for pairs in choices.values() for code, name in pairs}
query = params.QueryParams(st.query_params.to_dict())
url_filter = read_url(query, choices)
filt = choose_filters(url_filter, choices)
total = ui.load(late_count, filt)
if filt == url_filter:
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = query.integer("page", "trang", 1, pages, 1)
else:
    page = 1  # a changed filter starts on its first page
with problems_slot:
    show_problems(query.problems)
st.caption(ui.data_as_of_line() or "")
st.markdown(f"**{late_table.title(filt, names)}**")

if total == 0:
    write_url(filt, 1)
    st.info(
        f"Không có hồ sơ nào thuộc loại “{late_table.STATE_NAMES[filt.state].lower()}” "
        "với bộ lọc này. Xin chọn khoảng thời gian hoặc bộ lọc khác."
    )
    st.stop()

by_handling = ui.load(late_breakdown, filt, "handling")
show_tiles(filt, total, by_handling)
show_concentration(filt, by_handling)
show_exports(filt, names, total)
show_list(filt, total, page)
