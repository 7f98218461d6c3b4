"""What the late-dossier view shows, as plain data: the filter its URL asks for, the URL it
writes back, its tiles, its tables, its files and its messages. No Streamlit: tested directly.
"""

import hashlib

import pandas as pd

from dashboard import exports, fmt, late_table, params
from dashboard.labels import CHANNEL_NAMES
from queries.contract import CHANNELS
from queries.late import (
    BASES,
    DEFAULT_SOON_DAYS,
    DEFAULT_STATE,
    MAX_SOON_DAYS,
    STATES,
    LateFilter,
    ListKey,
)
from queries.period import Period

EXPORT_LIMIT = 50_000
URL_DEFAULTS = {"days": DEFAULT_SOON_DAYS, "page": 1, "basis": "received"}  # left out
BASIS_NAMES = {
    "received": "Hồ sơ tiếp nhận trong khoảng",
    "flow": "Diễn biến trong khoảng (tiếp nhận bất kỳ lúc nào)",
}
BASIS_HELP = (
    "**Hồ sơ tiếp nhận trong khoảng**: chỉ hồ sơ nhận trong khoảng đã chọn, tình trạng tính "
    "đến hết ngày cuối (như trang Theo đơn vị).\n\n"
    "**Diễn biến trong khoảng**: hồ sơ giải quyết xong trễ hạn trong khoảng, hoặc đang quá hạn, "
    "sắp đến hạn vào cuối ngày cuối, dù tiếp nhận lúc nào (như trang Tổng quan tuần)."
)
PERIOD_LABELS = {"received": "Hồ sơ tiếp nhận trong khoảng", "flow": "Khoảng thời gian"}
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
NO_REASON = "(Chưa ghi lý do)"
EXPORT_FAILED = (
    "Không tạo được tệp tải về: lỗi đọc cơ sở dữ liệu. Xin thử lại sau hoặc báo quản trị hệ thống."
)


def choices(options: dict) -> dict[str, list[tuple[str, str]]]:
    """(code, label) pairs for each select box, from `queries.late.filter_options`."""
    return {
        "unit": options["received"],
        "handling": options["handling"],
        "field": [(field, field) for field in options["fields"]],
        "procedure": [(code, f"{code} – {name}") for code, name in options["procedures"]],
        "channel": [(channel, CHANNEL_NAMES[channel]) for channel in CHANNELS],
    }


def names(choices_: dict) -> dict[str, str]:
    """Every code a filter may hold, to its display name (for the list's title)."""
    return {code: name for pairs in choices_.values() for code, name in pairs}


def read_url(
    query: params.QueryParams, choices_: dict, default_period: Period, folded: dict | None = None
) -> LateFilter:
    """The filter the URL asks for; what it gets wrong goes to `query.problems`. A unit the
    pickers leave out (`folded`, figures.late_filter_options: merged into another, read by
    today's units) stands for the unit holding its dossiers today, and the page says so."""
    folded = folded or {}

    def code(name: str, label: str) -> str | None:
        asked = query.text(name)
        if asked in folded:
            today, own_name = folded[asked]
            today_name = dict(choices_[name]).get(today, today)
            query.problems.append(
                f"{own_name} nay thuộc {today_name}: đang hiển thị {label} {today_name}."
            )
            return today
        return query.choice(name, [c for c, _ in choices_[name]], label)

    return LateFilter(
        period=query.period(default_period),
        state=query.choice(
            "state", STATES, "loại hồ sơ", DEFAULT_STATE, late_table.STATE_NAMES[DEFAULT_STATE]
        ),
        received_unit=code("unit", "nơi tiếp nhận"),
        handling_unit=code("handling", "đơn vị xử lý"),
        field=code("field", "lĩnh vực"),
        procedure=code("procedure", "thủ tục"),
        channel=code("channel", "kênh nộp"),
        soon_days=query.integer("days", "số ngày", 1, MAX_SOON_DAYS, DEFAULT_SOON_DAYS),
        basis=query.choice(
            "basis", BASES, "cách tính", "received", BASIS_NAMES["received"].lower()
        ),
    )


# What a link into the list may say (url_values below, without the page).
LINK_PARAMETERS = ("start", "end", "state", "unit", "handling", "field", "procedure", "channel")


def from_link(query: params.QueryParams) -> bool:
    """True when the URL says which dossiers to list (a link from the overview, the units
    view or someone who shared the page): the filters can then stay folded away."""
    return any(query.text(name) is not None for name in LINK_PARAMETERS)


def url_values(filt: LateFilter, page: int) -> dict:
    """What the URL carries for `filt` on `page` (url_state.write leaves out the defaults)."""
    return {
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
        "basis": filt.basis,
    }


def signature(filt: LateFilter) -> str:
    """A short stable name for the filter, so paging and selection start over when it changes."""
    return hashlib.sha1(repr(filt).encode()).hexdigest()[:12]


def page_keys(kept: dict[int, tuple[ListKey, ListKey]], page: int) -> dict:
    """How figures.late_page reads `page`, from the keys of the first and last rows of the
    pages of this list already shown (`kept`, by page): after the page before, before the
    page after, or (none) by its number, as a link or the page picker asks for it."""
    if page - 1 in kept:
        return {"after": kept[page - 1][1]}
    if page + 1 in kept:
        return {"before": kept[page + 1][0]}
    return {}


def tiles(filt: LateFilter, total: int, most_days: int, by_handling: pd.DataFrame) -> list:
    """The three tiles: (label, value, help, caption). `most_days`: the first row's days."""
    if filt.state == "due-soon":
        extreme = (
            "Gấp nhất",
            f"còn {fmt.number(most_days)} ngày",
            "Ít ngày còn lại nhất đến hẹn trả.",
        )
    else:
        extreme = ("Trễ lâu nhất", f"{fmt.number(most_days)} ngày", "Tính theo ngày lịch.")
    top = by_handling.iloc[0]
    return [
        (TILE_LABELS[filt.state], fmt.number(total), late_table.STATE_HELP[filt.state], None),
        (*extreme, None),
        (
            "Đơn vị xử lý nhiều nhất",
            f"{fmt.number(top['count'])} hồ sơ",
            "Đơn vị đang giữ nhiều hồ sơ trong danh sách nhất.",
            str(top["name"]),
        ),
    ]


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


def reasons_table(reasons: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Lý do ghi nhận": reasons["reason"].fillna(NO_REASON).astype("str"),
            "Số hồ sơ": reasons["count"].map(fmt.number),
        }
    )


def empty_message(filt: LateFilter) -> str:
    return (
        f"Không có hồ sơ nào thuộc loại “{late_table.STATE_NAMES[filt.state].lower()}” "
        "với bộ lọc này. Xin chọn khoảng thời gian hoặc bộ lọc khác."
    )


def list_caption(first: int, shown: int, total: int, page: int, pages: int) -> str:
    return (
        f"Hồ sơ {fmt.number(first)}–{fmt.number(first + shown - 1)} / {fmt.number(total)}"
        f" · trang {fmt.number(page)}/{fmt.number(pages)}. "
        "Chọn một dòng (ô đầu dòng) để xem chi tiết hồ sơ."
    )


def export_note(total: int) -> str:
    limit = f" (tối đa {fmt.number(EXPORT_LIMIT)} hồ sơ đầu)" if total > EXPORT_LIMIT else ""
    return f"Tải toàn bộ danh sách đã lọc{limit}, tên người nộp đã che."


def export_file(
    rows: pd.DataFrame, filt: LateFilter, names_: dict, total: int, suffix: str
) -> bytes:
    """The whole filtered list (`rows`, applicants masked) as a CSV or XLSX file."""
    frame = late_table.export_frame(rows, filt.state)
    if suffix == ".csv":
        return exports.csv_bytes(frame)
    title = late_table.title(filt, names_, total)
    return exports.xlsx_bytes(frame, title, sheet_name=late_table.STATE_NAMES[filt.state])
