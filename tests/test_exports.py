"""Generic table exports: CSV for Excel (BOM, then the header row) and XLSX (title, typed
cells)."""

import csv
import io
from datetime import date, datetime

import pandas as pd
from openpyxl import load_workbook

from dashboard.exports import csv_bytes, xlsx_bytes

TITLE = "Hồ sơ quá hạn – Thị trấn Một Ngàn – từ 01/03/2022 đến 31/03/2022"


def _frame():
    return pd.DataFrame(
        {
            "Mã hồ sơ": ["L-013", "L-018"],
            "Hạn trả": [datetime(2022, 3, 4, 17), datetime(2022, 3, 25, 17, 30)],
            "Ngày nhận": [date(2022, 3, 1), date(2022, 3, 24)],
            "Số ngày trễ": [27, 6],
            "Tỷ lệ": [0.25, float("nan")],
            "Lý do": ['=HYPERLINK("http://x")', None],
            "Người nộp": ["Nguyễn V. A.", "–"],
        }
    )


def test_csv_opens_in_excel_with_the_header_first_and_typed_values():
    data = csv_bytes(_frame())
    # The BOM Excel needs to read UTF-8, then the header row: a title line above it would be
    # read as the header by Excel's tables, pandas, Power Query and any import.
    assert data.startswith("\ufeffMã hồ sơ,Hạn trả,".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == [
        "Mã hồ sơ",
        "Hạn trả",
        "Ngày nhận",
        "Số ngày trễ",
        "Tỷ lệ",
        "Lý do",
        "Người nộp",
    ]
    assert rows[1] == [
        "L-013",
        "04/03/2022 17:00",
        "01/03/2022",
        "27",
        "0.25",
        '\'=HYPERLINK("http://x")',
        "Nguyễn V. A.",
    ]
    # Missing values are empty cells; the masked-name dash is kept as it is.
    assert rows[2] == ["L-018", "25/03/2022 17:30", "24/03/2022", "6", "", "", "–"]
    assert len(rows) == 3


def test_csv_of_an_empty_table_still_has_its_header():
    rows = list(csv.reader(io.StringIO(csv_bytes(_frame().iloc[0:0]).decode("utf-8-sig"))))
    assert rows == [list(_frame().columns)]


def test_xlsx_title_header_and_cells():
    book = load_workbook(io.BytesIO(xlsx_bytes(_frame(), TITLE, sheet_name="Quá hạn")))
    sheet = book["Quá hạn"]
    assert sheet["A1"].value == TITLE
    assert sheet["A1"].font.bold
    assert [c.value for c in sheet[3]] == list(_frame().columns)
    assert [c.value for c in sheet[4]] == [
        "L-013",
        datetime(2022, 3, 4, 17),
        datetime(2022, 3, 1),
        27,
        0.25,
        '=HYPERLINK("http://x")',
        "Nguyễn V. A.",
    ]
    assert sheet["B4"].number_format == "dd/mm/yyyy hh:mm"
    assert sheet["C4"].number_format == "dd/mm/yyyy"
    # Text that looks like a formula stays text.
    assert sheet["F4"].data_type == "s"
    assert [c.value for c in sheet[5]][4:6] == [None, None]
    assert sheet.freeze_panes == "A4"
    assert sheet.auto_filter.ref == "A3:G5"
    assert sheet.max_row == 5
