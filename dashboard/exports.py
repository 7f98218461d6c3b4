"""Any table as a file to take away: CSV for Excel and XLSX.

The CSV starts with its header row (after the byte-order mark Excel needs to read UTF-8):
a line above it would be taken for the header by Excel's tables, pandas or any import.
What a file holds is in its name (state, period, units); the XLSX, read by people, also
opens with a title line.

The frame comes with its display headers (Vietnamese) and raw values: numbers
stay numbers, timestamps become `02/12/2022 08:05` in CSV and real dates in
XLSX, missing values become empty cells. Text that a spreadsheet would run as
a formula (`=…`, `+…`, `-…`, `@…`) is kept as text.
"""

import csv
import io
import math
from datetime import date, datetime

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from dashboard import fmt
from dashboard.plain_text import plain

MIME_TYPES = {
    ".csv": "text/csv",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_COLUMN_WIDTH = 50


def _is_missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _plain(value):
    """A cell value as Python: None for missing, datetime for timestamps, numbers as numbers."""
    if _is_missing(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if isinstance(value, str):
        return plain(value)
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def neutralize(value):
    """Text a spreadsheet would run as a formula, prefixed with `'` (OWASP's advice) so it
    opens as the text it is; any other value unchanged. The one guard of every CSV."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv_cell(value) -> str:
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, datetime):
        return fmt.datetime(value)
    if isinstance(value, date):
        return fmt.date(value)
    return str(neutralize(value))


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The header and the rows, as UTF-8 with a byte-order mark (for Excel)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_csv_cell(str(c)) for c in frame.columns])
    for row in frame.itertuples(index=False):
        writer.writerow([_csv_cell(v) for v in row])
    return out.getvalue().encode("utf-8-sig")


_NUMBER_FORMATS = ((datetime, "dd/mm/yyyy hh:mm"), (date, "dd/mm/yyyy"), (int, "#,##0"))
_HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")


def write_cell(cell, value) -> None:
    """A plain value into an XLSX cell: text typed as text, so that no text is ever run
    as a formula (whatever it starts with); numbers and dates with their formats."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text starts with
        return
    for kind, number_format in _NUMBER_FORMATS:
        if isinstance(value, kind) and not isinstance(value, bool):
            cell.number_format = number_format
            return


def xlsx_bytes(frame: pd.DataFrame, title: str, sheet_name: str = "Danh sách") -> bytes:
    """An .xlsx workbook: the title in bold on row 1, the header on row 3, filters on it."""
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_name[:31]  # Excel's limit
    write_cell(sheet["A1"], title)
    sheet["A1"].font = Font(bold=True, size=13)
    header_row = 3
    widths = []
    for index, name in enumerate(frame.columns, start=1):
        cell = sheet.cell(header_row, index)
        write_cell(cell, str(name))
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        widths.append(len(str(name)))
    for row_index, row in enumerate(frame.itertuples(index=False), start=header_row + 1):
        for index, value in enumerate(row, start=1):
            plain = _plain(value)
            write_cell(sheet.cell(row_index, index), plain)
            shown = _csv_cell(plain)
            widths[index - 1] = max(widths[index - 1], len(shown))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(width + 2, MAX_COLUMN_WIDTH)
    last_row = header_row + max(len(frame), 1)
    sheet.auto_filter.ref = f"A{header_row}:{get_column_letter(max(len(widths), 1))}{last_row}"
    sheet.freeze_panes = f"A{header_row + 1}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
