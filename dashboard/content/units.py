"""What the unit view shows, as plain data: the district's tiles, the unit tables with the
report's subtotals, each unit a link to its late dossiers."""

from urllib.parse import urlencode

import pandas as pd

from dashboard import fmt
from dashboard.content.overview import show_value, status_label, status_text
from dashboard.html_table import html_table
from dashboard.kpi import LABELS, REGISTRY
from dashboard.params import units_query
from dashboard.totals import TOTAL_NAME, total_row
from dashboard.unit_reading import DEFAULT
from queries.cohort import UNKNOWN_UNIT
from queries.period import Period

TILE_HELP = {
    "received": "Hồ sơ tiếp nhận trong kỳ.",
    "online_rate": "{received_online} hồ sơ nộp trực tuyến.",
    "on_time_rate": "Tỷ lệ giải quyết trước hạn và đúng hạn trên số hồ sơ đã giải quyết.",
    "resolved_late": "Hồ sơ giải quyết sau thời hạn hẹn trả.",
    "open": "Chưa có kết quả đến hết kỳ.",
    "open_overdue": "Chưa có kết quả và đã qua ngày hẹn (trừ hồ sơ tạm dừng chờ bổ sung).",
}
UNIT_COLUMNS = [
    "name",
    "received",
    "online_rate",
    "finished",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "on_time_rate",
    "open",
    "open_overdue",
]
HANDLING_COLUMNS = [c for c in UNIT_COLUMNS if c != "online_rate"]
# Short headers, as on the tiles, so ten columns fit a projector's width; the online
# share sits beside "Tiếp nhận", so "Trực tuyến" says enough there.
HEADERS = {"open_overdue": REGISTRY["open_overdue"].short_label, "online_rate": "Trực tuyến"}


WEEKLY_RATE_TITLE = "Tỷ lệ đúng hạn theo tuần tiếp nhận"


def weekly_note(period: Period) -> str:
    """Under the weekly charts: each week is that week's intake as of the week's end, the
    tiles the whole period's intake as of its end (a quick week reads near 100 %)."""
    return (
        "Theo tuần: hồ sơ tiếp nhận trong mỗi tuần, tình trạng tính đến hết tuần đó (ô số liệu "
        f"ở trên: cả kỳ, tính đến hết ngày {fmt.date(period.end)})."
    )


def tiles(total: pd.Series, district_targets=None) -> list[tuple[str, str, str]]:
    """The tiles of all units together: (short label, value, help) for each KPI of
    TILE_HELP; a rate with a target says "đạt" or "chưa đạt" beside its label and is never
    rounded onto the other side of it (as on the overview)."""
    received_online = fmt.number(total["received_online"])
    shown = []
    for key, help_text in TILE_HELP.items():
        target = (district_targets or {}).get(key) if REGISTRY[key].is_rate else None
        shown.append(
            (
                status_label(REGISTRY[key].short_label, total[key], target),
                show_value(key, total[key], target),
                help_text.format(received_online=received_online),
            )
        )
    return shown


def table(frame: pd.DataFrame, columns: list[str], district_targets=None) -> pd.DataFrame:
    """A unit table as display strings under the registry's (short) headers; a rate with a
    target says "đạt" or "chưa đạt" in its cell, never rounded across the target."""
    shown = fmt.kpi_table(frame, columns, HEADERS)
    for key in columns:
        target = (district_targets or {}).get(key)
        if target is not None and key in REGISTRY and REGISTRY[key].is_rate:
            header = {**LABELS, **HEADERS}.get(key, key)
            shown[header] = [status_text(key, value, target) for value in frame[key]]
    return shown


SUBTOTAL_NAMES = {
    "district": "Cộng cấp huyện",
    "department": "Cộng phòng chuyên môn",
    "commune": "Cộng cấp xã",
}
LATE_PATH = "tre-han"


def with_subtotals(frame: pd.DataFrame, kinds: dict[str, str]) -> tuple[pd.DataFrame, list[str]]:
    """The units as the report groups them: each kind's units (district one-stop,
    departments, communes) followed by their subtotal when there are several, any row of
    no unit (dossiers no office handles yet), then the total. Returns the rows
    and, row for row, "unit", "subtotal" or "total"."""
    kind = frame["group"].map(kinds)
    parts, classes = [], []
    for key, name in SUBTOTAL_NAMES.items():
        rows = frame[kind == key]
        if rows.empty:
            continue
        parts.append(rows)
        classes += ["unit"] * len(rows)
        if len(rows) > 1:
            parts.append(total_row(rows, name=name).assign(group=None))
            classes.append("subtotal")
    rest = frame[kind.isna()]
    parts += [rest, total_row(frame, name=TOTAL_NAME)]
    classes += ["unit"] * len(rest) + ["total"]
    return pd.concat(parts, ignore_index=True)[list(frame.columns)], classes


def unit_table_html(
    frame: pd.DataFrame,
    kinds: dict[str, str],
    columns: list[str],
    period: Period,
    unit_param: str,
    reading: str = DEFAULT,
    district_targets=None,
) -> str:
    """A unit table with its subtotals as HTML; each unit's name links to its late dossiers
    of the period (`unit_param`: "unit" for the receiving unit, "handling" for the office)
    in the table's reading of units."""
    rows, classes = with_subtotals(frame, kinds)
    shown = table(rows, columns, district_targets)
    links = pd.DataFrame({column: [""] * len(rows) for column in shown.columns})
    for index, (code, row_class) in enumerate(zip(rows["group"], classes, strict=True)):
        if row_class == "unit" and isinstance(code, str) and code != UNKNOWN_UNIT:
            query = {
                unit_param: code,
                "start": period.start.isoformat(),
                "end": period.end.isoformat(),
                "state": "late",
                **units_query(reading),
            }
            links.iat[index, 0] = f"{LATE_PATH}?{urlencode(query)}"
    return html_table(shown, "units", links, row_classes=classes)
