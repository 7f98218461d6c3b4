"""The late-dossier list as people read it: Vietnamese headers and labels, and a title
line saying what was filtered, for the screen and for the exported files.

The rows come from `dashboard.figures.late_list` (applicants already masked).
"""

import re

import pandas as pd

from dashboard import fmt
from dashboard.figures import LIST_COLUMNS
from dashboard.labels import CHANNEL_NAMES, STATUS_NAMES, UNASSIGNED_HANDLING
from queries.late import LateFilter

STATE_NAMES = {
    "late": "Đã giải quyết trễ hạn",
    "overdue": "Đang giải quyết quá hạn",
    "due-soon": "Sắp đến hạn",
}
STATE_HELP = {
    "late": "Đã có kết quả (hoặc bị từ chối) đến hết kỳ, sau thời điểm hẹn trả.",
    "overdue": "Chưa có kết quả đến hết kỳ và đã qua thời điểm hẹn trả "
    "(trừ hồ sơ tạm dừng chờ bổ sung).",
    "due-soon": "Chưa có kết quả đến hết kỳ, chưa quá hạn, hẹn trả trong N ngày làm việc sau kỳ "
    "(trừ hồ sơ tạm dừng).",
}
DAYS_HEADERS = {"late": "Số ngày trễ", "overdue": "Số ngày quá hạn", "due-soon": "Số ngày còn lại"}
HEADERS = {
    "code": "Mã hồ sơ",
    "procedure": "Thủ tục",
    "field": "Lĩnh vực",
    "received_unit": "Nơi tiếp nhận",
    "handling_unit": "Đơn vị xử lý",
    "officer": "Cán bộ tiếp nhận",
    "received_at": "Ngày nhận",
    "due_at": "Hẹn trả",
    "finished_at": "Ngày có kết quả",
    "days": "Số ngày",
    "status": "Trạng thái hiện nay",
    "late_reason": "Lý do trễ",
    "applicant": "Người nộp",
}
assert tuple(HEADERS) == LIST_COLUMNS
DATE_COLUMNS = ("received_at", "due_at", "finished_at")
# On screen, the columns a head acts on, the days right after the code, each as wide as
# (in pixels) lets the whole list fit a 1280-pixel screen; long text wraps in its cell,
# up to SCREEN_LINES lines, and is cut with "…" past them. The whole text, and the other
# columns (where received, field, dates received and finished, status), are in a selected
# row's detail and in the files.
SCREEN_WIDTHS = {
    "code": 125,
    "days": 120,
    "due_at": 125,
    "procedure": 250,
    "handling_unit": 180,
    "officer": 125,
    "late_reason": 152,
    "applicant": 100,
}
SCREEN_TEXT = ("procedure", "handling_unit", "officer", "late_reason", "applicant")
SCREEN_LINES = 3  # the grid's rows (views/late.py GRID_ROW_HEIGHT) hold three lines
CELL_PADDING = 17  # pixels, both sides of a cell's text
# A generous average width of a character at the theme's 17-pixel font, with what word
# wrapping leaves at the end of each line: a cut text never needs a fourth line.
CHAR_WIDTH = 9


def headers(state: str) -> dict[str, str]:
    return {**HEADERS, "days": DAYS_HEADERS[state]}


def export_frame(frame: pd.DataFrame, state: str) -> pd.DataFrame:
    """The list with Vietnamese headers and labels; timestamps and numbers kept as values."""
    labelled = frame.assign(
        status=frame["status"].map(STATUS_NAMES).fillna(frame["status"]),
        handling_unit=frame["handling_unit"].fillna(UNASSIGNED_HANDLING),
    )
    return labelled[list(LIST_COLUMNS)].rename(columns=headers(state))


def cut(text: str, width: int) -> str:
    """`text` as it fits SCREEN_LINES lines of a column `width` pixels wide: whole, or cut
    after a word and ended with "…"."""
    limit = SCREEN_LINES * (width - CELL_PADDING) // CHAR_WIDTH
    if len(text) <= limit:
        return text
    kept = text[: limit - 1]
    if " " in kept:
        kept = kept.rsplit(" ", 1)[0]
    return kept.rstrip(" ,;:–-") + "…"


def screen_frame(frame: pd.DataFrame, state: str) -> pd.DataFrame:
    """The list as display text (dates `02/12/2022 08:05`, missing `–`, long text cut to
    its column, SCREEN_WIDTHS); days stay numbers."""
    shown = frame.copy()
    for column in DATE_COLUMNS:
        shown[column] = shown[column].map(fmt.datetime).astype("str")
    for column in ("officer", "late_reason"):
        shown[column] = shown[column].fillna(fmt.MISSING)
    shown = export_frame(shown, state)
    for column in SCREEN_TEXT:
        header, width = HEADERS[column], SCREEN_WIDTHS[column]
        shown[header] = shown[header].map(lambda text, width=width: cut(str(text), width))
    return shown


def state_title(filt: LateFilter) -> str:
    if filt.state == "due-soon":
        end = fmt.date(filt.period.end)
        return f"Hồ sơ sắp đến hạn (hẹn trả trong {filt.soon_days} ngày làm việc sau {end})"
    return f"Hồ sơ {STATE_NAMES[filt.state].lower()}"


def scope(filt: LateFilter) -> str:
    """Which dossiers the list draws from, in words (queries.late.BASES)."""
    start, end = filt.period.start, filt.period.end
    if filt.basis == "received":
        return (
            f"hồ sơ tiếp nhận {fmt.period(start, end)}, "
            f"tình trạng tính đến hết ngày {fmt.date(end)}"
        )
    if filt.state == "late":
        return f"giải quyết xong {fmt.period(start, end)}, tiếp nhận bất kỳ lúc nào"
    return f"tình trạng vào cuối ngày {fmt.date(end)}, tiếp nhận bất kỳ lúc nào"


def title(filt: LateFilter, names: dict[str, str], total: int | None = None) -> str:
    """One line saying what the list holds: state, period, every filter in force, the count.

    `names` maps unit codes, procedure codes and fields to display names.
    """
    parts = [state_title(filt), scope(filt)]
    filters = (
        ("Nơi tiếp nhận", filt.received_unit),
        ("Đơn vị xử lý", filt.handling_unit),
        ("Lĩnh vực", filt.field),
        ("Thủ tục", filt.procedure),
    )
    for label, code in filters:
        if code is not None:
            parts.append(f"{label}: {names.get(code, code)}")
    if filt.channel is not None:
        parts.append(f"Kênh nộp: {CHANNEL_NAMES.get(filt.channel, filt.channel)}")
    if total is not None:
        parts.append(f"{fmt.number(total)} hồ sơ")
    return " – ".join(parts)


FILE_STATES = {"late": "tre-han", "overdue": "qua-han", "due-soon": "sap-den-han"}


def file_name(filt: LateFilter, suffix: str) -> str:
    """`ho-so-qua-han_2022-03-01_2022-03-31_CTA-MN.csv`: Vietnamese words without marks,
    ASCII, safe on any system; the unit codes as given."""
    parts = [f"ho-so-{FILE_STATES[filt.state]}", filt.period.start.isoformat()]
    parts += [filt.period.end.isoformat()]
    parts += [code for code in (filt.received_unit, filt.handling_unit) if code]
    name = "_".join(re.sub(r"[^A-Za-z0-9.-]", "", part) for part in parts)
    return f"{name}{suffix}"


def _processing_time(days) -> str:
    if days is None or days == 0:
        return "Trong ngày"
    return f"{fmt.number(days)} ngày làm việc"


def _fee(detail: dict) -> str:
    if not detail["fee_required"]:
        return "Không thu phí, lệ phí"
    return "Có; đã nộp trực tuyến" if detail["fee_paid_online"] else "Có; nộp trực tiếp"


def detail_frame(detail: dict) -> pd.DataFrame:
    """One dossier (`queries.late.dossier_detail`) as two text columns, for `st.dataframe`."""
    rows = [
        ("Mã hồ sơ", detail["code"]),
        ("Thủ tục", f"{detail['procedure_code']} – {detail['procedure']}"),
        ("Lĩnh vực", detail["field"]),
        ("Thời hạn giải quyết", _processing_time(detail["processing_days"])),
        ("Kênh nộp", CHANNEL_NAMES.get(detail["channel"], detail["channel"])),
        ("Trạng thái hiện nay", STATUS_NAMES.get(detail["status"], detail["status"])),
        ("Nơi tiếp nhận", detail["received_unit"]),
        ("Đơn vị xử lý", detail["handling_unit"] or UNASSIGNED_HANDLING),
        ("Cán bộ tiếp nhận", detail["officer"] or fmt.MISSING),
        ("Ngày nhận", fmt.datetime(detail["received_at"])),
        ("Hẹn trả", fmt.datetime(detail["due_at"])),
        ("Ngày có kết quả", fmt.datetime(detail["finished_at"])),
        ("Lý do trễ", detail["late_reason"] or fmt.MISSING),
        ("Người nộp", detail["applicant"]),
        ("Phí, lệ phí", _fee(detail)),
    ]
    return pd.DataFrame(rows, columns=["Thông tin", "Nội dung"])
