"""Biểu II.06a as a file: XLSX laid out like the paper form, and CSV for Excel.

Both take the frame of `dashboard.figures.form06a_rows` (`field`, `c3` … `c13`, a last
`TOTAL` row). The XLSX is the paper form ready to sign and send: the form's code and,
top right, the reporting unit and the unit receiving the report; a title naming the
scope and the period; the merged two-level header, a row numbering the columns 1–13,
one row per field and the total; the notes; the date line and the signatures of the
preparer and the head. It prints on A4 landscape, one page wide, the header repeated on
every page.
"""

from dataclasses import dataclass
from html import escape
from io import BytesIO

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from dashboard import exports, fmt
from dashboard.labels import UNIT_KIND_NAMES
from dashboard.totals import ALL
from queries.form06a import COLUMNS
from queries.period import Period

FORM_CODE = "Biểu số II.06a/VPCP/KSTT"
TITLE = "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
UNIT_OF_COUNT = "Đơn vị tính: Số hồ sơ TTHC"
ROW_NUMBER = "STT"
FIELD = "Lĩnh vực, công việc giải quyết theo cấp"
TOTAL_LABEL = "Tổng cộng"
# The header's upper level: each group's name, short name (for flat headers) and columns.
GROUPS = (
    ("Số hồ sơ nhận giải quyết", "Tiếp nhận", ("c3", "c4", "c5", "c6")),
    ("Số hồ sơ đã giải quyết", "Đã giải quyết", ("c7", "c8", "c9", "c10")),
    ("Số hồ sơ đang giải quyết", "Đang giải quyết", ("c11", "c12", "c13")),
)
HEADERS = {
    "c3": "Tổng số",
    "c4": "Trực tuyến",
    "c5": "Trực tiếp, dịch vụ bưu chính",
    "c6": "Từ kỳ trước",
    "c7": "Tổng số",
    "c8": "Trước hạn",
    "c9": "Đúng hạn",
    "c10": "Quá hạn",
    "c11": "Tổng số",
    "c12": "Trong hạn",
    "c13": "Quá hạn",
}
FOOTNOTES = (
    "Cột (9) gồm cả hồ sơ bị từ chối (trả lại) và hồ sơ xin rút.",
    "Cột (12) gồm cả hồ sơ đang tạm dừng chờ bổ sung.",
    "Cột (6): hồ sơ tiếp nhận trước kỳ, chưa giải quyết xong khi bắt đầu kỳ.",
)
LAST_COLUMN = get_column_letter(2 + len(COLUMNS))  # M: STT, field, then columns 3–13
HEADER_ROW = 7  # the group row; the column names below it, then the 1–13 numbers
NUMBER_ROW = HEADER_ROW + 2
FIRST_DATA_ROW = NUMBER_ROW + 1


def column_number(column: str) -> int:
    """`c7` → 7, the column's number on the form."""
    return int(column[1:])


def flat_headers() -> dict[str, str]:
    """One-line headers: `(7) Đã giải quyết – Tổng số`, for CSV and on screen."""
    return {
        column: f"({column_number(column)}) {short} – {HEADERS[column]}"
        for _, short, columns in GROUPS
        for column in columns
    }


# Who sends the form to whom (docs/decisions.md): a commune's one-stop to its district,
# the district (or any part of it) to the province's office, the form's usual recipient.
PROVINCE_OFFICE = "Văn phòng UBND tỉnh"
REPORTER = "Đơn vị báo cáo: "
RECIPIENT = "Đơn vị nhận báo cáo: "
DATE_LINE = "…………, ngày …… tháng …… năm ……"  # the place and date, written when signed
SIGNATURES = (
    ("A", "NGƯỜI LẬP BIỂU", "(Ký, ghi rõ họ tên)"),
    ("H", "THỦ TRƯỞNG ĐƠN VỊ", "(Ký tên, đóng dấu)"),
)
SIGNING_ROWS = 4  # room for the signatures and the stamp, inside the printed area


@dataclass(frozen=True)
class Addresses:
    reporter: str
    recipient: str


def addresses(units: pd.DataFrame, unit: str | None, place: str | None = None) -> Addresses:
    """Who reports and to whom, from the receiving units (`group`, `name`, `kind`) and the
    unit the form is for (None: all of them or a level of them, reported by the scope's
    unit `place` when there is one)."""
    names = dict(zip(units["group"], units["name"], strict=True))
    districts = units.loc[units["kind"] == "district", "name"]
    district = districts.iloc[0] if len(districts) else None
    if unit is None:
        return Addresses(place or district or scope_name(), PROVINCE_OFFICE)
    is_commune = units.loc[units["group"] == unit, "kind"].eq("commune").any()
    recipient = district if is_commune and district else PROVINCE_OFFICE
    return Addresses(names[unit], recipient)


def title_lines(scope: str, period: Period) -> list[str]:
    return [TITLE, f"TẠI {scope.upper()}", f"Kỳ báo cáo: {fmt.period(period.start, period.end)}"]


# The levels a form on every receiving unit names, in the order reports list them.
LEVEL_WORDS = {"province": "cấp tỉnh", "district": "cấp huyện", "commune": "cấp xã"}


def levels_name(kinds=("district", "commune")) -> str:
    """Every receiving unit of the data, by the levels present among their `kinds`: "Bộ
    phận Một cửa cấp huyện và cấp xã" before 1 July 2025, "… cấp tỉnh và cấp xã" after."""
    present = set(kinds) | ({"province"} if "branch" in set(kinds) else set())
    words = [word for level, word in LEVEL_WORDS.items() if level in present]
    if not words:
        return "Bộ phận Một cửa"
    listed = words[0] if len(words) == 1 else f"{', '.join(words[:-1])} và {words[-1]}"
    return f"Bộ phận Một cửa {listed}"


def scope_name(
    level: str | None = None, unit_name: str | None = None, whole: str | None = None
) -> str:
    """What the form reports on: one unit, one level, or the whole (`whole`: the scope's
    name, or `levels_name` of the data's units; by default the two levels of old)."""
    if unit_name:
        return unit_name
    if level:
        return UNIT_KIND_NAMES[level]
    return whole or levels_name()


def field_label(field: str) -> str:
    return TOTAL_LABEL if field == ALL else field


def to_csv(frame: pd.DataFrame) -> bytes:
    """Vietnamese headers and the rows, UTF-8 with a BOM for Excel; scope and period are in
    the file's name."""
    table = frame.assign(field=frame["field"].map(field_label))
    return exports.csv_bytes(table.rename(columns={"field": FIELD, **flat_headers()}))


# On screen: the paper form as an HTML table, large enough for a meeting room; overdue
# figures above zero stand out in red.
HTML_STYLE = """<style>
table.form06a {border-collapse: collapse; width: 100%; font-size: 1.15rem; color: #111827;}
.form06a th, .form06a td {border: 1px solid #9CA3AF; padding: 0.35rem 0.55rem;}
.form06a th {background: #E5EDF7; text-align: center; font-weight: 600; line-height: 1.25;}
.form06a tr.numbers th {background: #F3F4F6; font-weight: 400; font-style: italic;}
.form06a td.n {text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap;}
.form06a td.c {text-align: center;}
.form06a .f {min-width: 17rem;}
.form06a td.bad {color: #C92A2A; font-weight: 700;}
.form06a tr.total td {font-weight: 700; background: #F3F4F6;}
</style>"""
OVERDUE_COLUMNS = ("c10", "c13")


def to_html(frame: pd.DataFrame) -> str:
    """The form as an HTML table: merged two-level header, the 1–13 row, fields, total."""
    top = f'<th rowspan="2">STT</th><th rowspan="2" class="f">{escape(FIELD)}</th>'
    top += "".join(f'<th colspan="{len(cols)}">{escape(group)}</th>' for group, _, cols in GROUPS)
    below = "".join(f"<th>{escape(HEADERS[c])}</th>" for c in COLUMNS)
    numbers = "".join(f"<th>{n}</th>" for n in range(1, 2 + len(COLUMNS) + 1))
    rows = []
    for index, record in enumerate(frame.to_dict("records"), start=1):
        is_total = record["field"] == ALL
        cells = [f'<td class="c">{"" if is_total else index}</td>']
        cells.append(f'<td class="f">{escape(field_label(record["field"]))}</td>')
        for column in COLUMNS:
            bad = " bad" if column in OVERDUE_COLUMNS and record[column] > 0 else ""
            cells.append(f'<td class="n{bad}">{fmt.number(record[column])}</td>')
        row_class = ' class="total"' if is_total else ""
        rows.append(f"<tr{row_class}>{''.join(cells)}</tr>")
    return (
        f'{HTML_STYLE}<table class="form06a"><thead><tr>{top}</tr><tr>{below}</tr>'
        f'<tr class="numbers">{numbers}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _merge(sheet, cells: str, value: str, font=None, alignment=_CENTER) -> None:
    sheet.merge_cells(cells)
    first = sheet[cells.split(":")[0]]
    exports.write_cell(first, value)  # a unit's name in the title stays text
    first.alignment = alignment
    if font:
        first.font = font


def _header(sheet) -> None:
    top, below = HEADER_ROW, HEADER_ROW + 1
    _merge(sheet, f"A{top}:A{below}", ROW_NUMBER, Font(bold=True))
    _merge(sheet, f"B{top}:B{below}", FIELD, Font(bold=True))
    for group, _, columns in GROUPS:
        first = get_column_letter(column_number(columns[0]))
        last = get_column_letter(column_number(columns[-1]))
        _merge(sheet, f"{first}{top}:{last}{top}", group, Font(bold=True))
        for column in columns:
            cell = sheet.cell(below, column_number(column), HEADERS[column])
            cell.font, cell.alignment = Font(bold=True), _CENTER
    for number in range(1, 2 + len(COLUMNS) + 1):
        cell = sheet.cell(NUMBER_ROW, number, number)
        cell.font, cell.alignment = Font(italic=True), _CENTER


def _figures(sheet, frame: pd.DataFrame) -> int:
    """Write the rows; returns the last row written."""
    row = FIRST_DATA_ROW - 1
    for index, record in enumerate(frame.to_dict("records"), start=1):
        row += 1
        is_total = record["field"] == ALL
        sheet.cell(row, 1, None if is_total else index).alignment = _CENTER
        field = sheet.cell(row, 2)
        exports.write_cell(field, field_label(record["field"]))  # text, even `=…`
        field.alignment = Alignment(wrap_text=True)
        for column in COLUMNS:
            cell = sheet.cell(row, column_number(column), int(record[column]))
            cell.number_format = "#,##0"
        if is_total:
            for cell in sheet[row]:
                cell.font = Font(bold=True)
    return row


_LEFT_HALF, _RIGHT_HALF = ("A", "F"), ("H", LAST_COLUMN)  # the two blocks beside the table


def _top(sheet, sent: Addresses) -> None:
    """The form's code top left; who reports and to whom top right, as on the paper form."""
    _merge(sheet, "A1:F1", FORM_CODE, Font(bold=True), Alignment(horizontal="left"))
    left = Alignment(horizontal="left", vertical="top", wrap_text=True)
    for row, line in enumerate((REPORTER + sent.reporter, RECIPIENT + sent.recipient), 1):
        _merge(sheet, f"H{row}:{LAST_COLUMN}{row}", line, Font(bold=True), left)


def _signatures(sheet, row: int) -> int:
    """From `row`: the date line, then the preparer's and the head's titles with what goes
    under each signature; returns the last row to print (room left to sign)."""
    first, last = _RIGHT_HALF
    _merge(sheet, f"{first}{row}:{last}{row}", DATE_LINE, Font(italic=True))
    for (first, last), (_, who, how) in zip((_LEFT_HALF, _RIGHT_HALF), SIGNATURES, strict=True):
        _merge(sheet, f"{first}{row + 1}:{last}{row + 1}", who, Font(bold=True))
        _merge(sheet, f"{first}{row + 2}:{last}{row + 2}", how, Font(italic=True))
    return row + 2 + SIGNING_ROWS


def _print_setup(sheet, last_row: int) -> None:
    """A4 landscape, one page wide and as many long as needed, the header's rows (groups,
    columns, the 1–13 numbers) on every page, the form and its signatures only."""
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.print_title_rows = f"{HEADER_ROW}:{NUMBER_ROW}"
    sheet.print_area = f"A1:{LAST_COLUMN}{last_row}"
    sheet.print_options.horizontalCentered = True


def to_xlsx(frame: pd.DataFrame, scope: str, period: Period, sent: Addresses) -> bytes:
    """The form as an .xlsx workbook (bytes); `scope` names the unit or level reported on,
    `sent` who reports it to whom."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Biểu II.06a"
    _top(sheet, sent)
    sizes = (14, 12, 11)
    for row, (line, size) in enumerate(zip(title_lines(scope, period), sizes, strict=True), 3):
        _merge(sheet, f"A{row}:{LAST_COLUMN}{row}", line, Font(bold=row < 5, size=size))
    right = Alignment(horizontal="right")
    unit_row = HEADER_ROW - 1
    _merge(sheet, f"J{unit_row}:{LAST_COLUMN}{unit_row}", UNIT_OF_COUNT, Font(italic=True), right)
    _header(sheet)
    last = _figures(sheet, frame)
    for row in sheet.iter_rows(min_row=HEADER_ROW, max_row=last, max_col=2 + len(COLUMNS)):
        for cell in row:
            cell.border = _BOX
    for offset, note in enumerate(FOOTNOTES, start=2):
        sheet.cell(last + offset, 1, f"Ghi chú: {note}" if offset == 2 else note)
    _print_setup(sheet, _signatures(sheet, last + len(FOOTNOTES) + 3))
    sheet.column_dimensions["A"].width = 6
    sheet.column_dimensions["B"].width = 40
    for column in COLUMNS:
        sheet.column_dimensions[get_column_letter(column_number(column))].width = 12
    sheet.row_dimensions[HEADER_ROW + 1].height = 45
    sheet.freeze_panes = f"C{FIRST_DATA_ROW}"
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_json(frame: pd.DataFrame) -> bytes:
    """An array of rows: `field` and `c3` … `c13`, the last with `field` = ALL ("TOTAL")."""
    return frame.to_json(orient="records", force_ascii=False).encode("utf-8")


FILE_FORMATS = (".xlsx", ".csv", ".json")


def to_file_bytes(
    frame: pd.DataFrame, suffix: str, scope: str, period: Period, sent: Addresses
) -> bytes:
    """The form in the format a file name's suffix asks for."""
    if suffix == ".xlsx":
        return to_xlsx(frame, scope, period, sent)
    if suffix == ".csv":
        return to_csv(frame)
    if suffix == ".json":
        return to_json(frame)
    raise ValueError(f"unknown file type {suffix!r}; expected one of {', '.join(FILE_FORMATS)}")
