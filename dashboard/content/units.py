"""What the unit view shows, as plain data: the district's tiles and the table columns."""

import pandas as pd

from dashboard import fmt
from dashboard.kpi import REGISTRY

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


def tiles(total: pd.Series) -> list[tuple[str, str, str]]:
    """The district's tiles: (short label, value, help) for each KPI of TILE_HELP."""
    received_online = fmt.number(total["received_online"])
    return [
        (
            REGISTRY[key].short_label,
            fmt.kpi_value(key, total[key]),
            help_text.format(received_online=received_online),
        )
        for key, help_text in TILE_HELP.items()
    ]


def table(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """A unit table as display strings under the registry's (short) headers."""
    return fmt.kpi_table(frame, columns, HEADERS)
