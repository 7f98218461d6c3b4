"""Biểu II.06a as files: the XLSX read back with openpyxl, the CSV, the CLI subcommand."""

import csv
import io
import json
from datetime import date

import pytest
from openpyxl import load_workbook

from dashboard import export_form06a
from dashboard.cli import main
from dashboard.figures import form06a_rows
from dashboard.totals import ALL as TOTAL
from queries.connection import readonly_engine
from queries.form06a import COLUMNS, receiving_units
from queries.period import Period
from tests import fixture_form06a
from tests.test_form06a_query import BAY_NGAN_CERTIFY, DISTRICT_LAND

pytestmark = pytest.mark.engines_only  # over queries tested in both SQLite forms

PERIOD = Period(*(date.fromisoformat(d) for d in fixture_form06a.PERIOD))
FIRST = export_form06a.FIRST_DATA_ROW


@pytest.fixture
def url(backend, make_db):
    return make_db(backend, fixture_form06a.ROWS)


@pytest.fixture
def sqlite_url(make_db):
    return make_db("sqlite", fixture_form06a.ROWS)


def _sheet(content: bytes):
    return load_workbook(io.BytesIO(content)).active


DISTRICT = export_form06a.Addresses("Một cửa huyện", export_form06a.PROVINCE_OFFICE)


def _figures(sheet, row):
    return [sheet.cell(row, n).value for n in range(3, 14)]


def test_xlsx_is_laid_out_like_the_paper_form(sqlite_url):
    frame = form06a_rows(readonly_engine(sqlite_url), PERIOD)
    sheet = _sheet(export_form06a.to_xlsx(frame, "Huyện Châu Thành A", PERIOD, DISTRICT))

    assert sheet["A1"].value == "Biểu số II.06a/VPCP/KSTT"
    assert sheet["A3"].value == "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
    assert sheet["A4"].value == "TẠI HUYỆN CHÂU THÀNH A"
    assert sheet["A5"].value == "Kỳ báo cáo: từ 01/03/2022 đến 31/03/2022"
    merged = {str(r) for r in sheet.merged_cells.ranges}
    # Two-level header: STT and field span both rows; the three groups span their columns.
    assert {"A7:A8", "B7:B8", "C7:F7", "G7:J7", "K7:M7", "A3:M3"} <= merged
    assert sheet["C7"].value == "Số hồ sơ nhận giải quyết"
    assert sheet["G7"].value == "Số hồ sơ đã giải quyết"
    assert sheet["K7"].value == "Số hồ sơ đang giải quyết"
    assert [sheet.cell(8, n).value for n in range(3, 8)] == [
        "Tổng số",
        "Trực tuyến",
        "Trực tiếp, dịch vụ bưu chính",
        "Từ kỳ trước",
        "Tổng số",
    ]
    # The row of column numbers 1–13.
    assert [sheet.cell(export_form06a.NUMBER_ROW, n).value for n in range(1, 14)] == list(
        range(1, 14)
    )
    # Fields in order, numbered; then the total, bold.
    assert [sheet.cell(FIRST + i, 2).value for i in range(4)] == [
        "Đất đai",
        "Hộ tịch",
        "Chứng thực",
        "Tổng cộng",
    ]
    assert [sheet.cell(FIRST + i, 1).value for i in range(4)] == [1, 2, 3, None]
    assert _figures(sheet, FIRST) == list(DISTRICT_LAND.values())
    assert _figures(sheet, FIRST + 2) == list(BAY_NGAN_CERTIFY.values())
    total = _figures(sheet, FIRST + 3)
    assert total == [23, 5, 11, 7, 14, 2, 9, 3, 9, 4, 5]
    assert sheet.cell(FIRST + 3, 3).font.bold
    # The total is the sum of the rows, column by column; the identities hold on each row.
    rows = [_figures(sheet, FIRST + i) for i in range(3)]
    assert total == [sum(column) for column in zip(*rows, strict=True)]
    for c3, c4, c5, c6, c7, c8, c9, c10, c11, c12, c13 in [*rows, total]:
        assert c3 == c4 + c5 + c6 == c7 + c11
        assert c7 == c8 + c9 + c10 and c11 == c12 + c13
    assert sheet.cell(FIRST + 5, 1).value.startswith("Ghi chú: Cột (9)")


def _cells(sheet) -> dict[str, str]:
    """Every text cell by its value: where each line of the form landed."""
    return {c.value: c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)}


def test_xlsx_is_ready_to_send(sqlite_url):
    """Who sends it to whom, the period, the signatures, and how it prints (item 8)."""
    frame = form06a_rows(readonly_engine(sqlite_url), PERIOD)
    sheet = _sheet(export_form06a.to_xlsx(frame, "Huyện Châu Thành A", PERIOD, DISTRICT))
    cells = _cells(sheet)
    # Top right, as on the paper form: the reporting unit and the one receiving the report.
    assert sheet["H1"].value == "Đơn vị báo cáo: Một cửa huyện"
    assert sheet["H2"].value == "Đơn vị nhận báo cáo: Văn phòng UBND tỉnh"
    assert {"A1:F1", "H1:M1", "H2:M2"} <= {str(r) for r in sheet.merged_cells.ranges}
    assert "Kỳ báo cáo: từ 01/03/2022 đến 31/03/2022" in cells
    # Below the table and its notes: the date line, then who prepared it and the head who
    # signs, each with what goes under the signature; room left to sign.
    last_note = cells[export_form06a.FOOTNOTES[-1]].row
    date_line = cells["…………, ngày …… tháng …… năm ……"]
    preparer, head = cells["NGƯỜI LẬP BIỂU"], cells["THỦ TRƯỞNG ĐƠN VỊ"]
    assert last_note < date_line.row == preparer.row - 1 == head.row - 1
    assert preparer.column_letter == "A" and head.column_letter == date_line.column_letter == "H"
    assert preparer.font.bold and head.font.bold
    assert cells["(Ký, ghi rõ họ tên)"].coordinate == f"A{preparer.row + 1}"
    assert cells["(Ký tên, đóng dấu)"].coordinate == f"H{head.row + 1}"
    # A4 landscape, fit to one page wide (as many long as needed), the header's three rows
    # (groups, columns, the 1–13 numbers) on every printed page; nothing printed past M.
    assert sheet.page_setup.paperSize == int(sheet.PAPERSIZE_A4)  # 9, read back as a number
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.print_title_rows == "$7:$9"
    assert sheet.print_area == f"'Biểu II.06a'!$A$1:$M${head.row + 1 + export_form06a.SIGNING_ROWS}"


def test_a_commune_reports_to_the_district(sqlite_url):
    units = receiving_units(readonly_engine(sqlite_url))
    assert export_form06a.addresses(units, "CTA-MN") == export_form06a.Addresses(
        "Thị trấn Một Ngàn", "Một cửa huyện"
    )
    # The district one-stop, a level of it or the whole district report to the province.
    for unit in ("CTA", None):
        assert export_form06a.addresses(units, unit) == DISTRICT
    # Data with communes only (after July 2025 there are no districts): to the province.
    communes = units[units["kind"] == "commune"]
    assert export_form06a.addresses(communes, "CTA-BN").recipient == "Văn phòng UBND tỉnh"
    assert export_form06a.addresses(communes, None).reporter == export_form06a.scope_name()


def test_xlsx_of_an_empty_scope_still_has_its_total(sqlite_url):
    frame = form06a_rows(readonly_engine(sqlite_url), PERIOD, level="district", unit="CTA-MN")
    sheet = _sheet(export_form06a.to_xlsx(frame, "Thị trấn Một Ngàn", PERIOD, DISTRICT))
    assert sheet.cell(FIRST, 2).value == "Tổng cộng"
    assert _figures(sheet, FIRST) == [0] * 11


def test_csv_opens_in_excel_with_vietnamese_headers(sqlite_url):
    frame = form06a_rows(readonly_engine(sqlite_url), PERIOD, unit="CTA-BN")
    content = export_form06a.to_csv(frame)
    # The byte-order mark, then the header row (scope and period are in the file's name).
    assert content.startswith('\ufeff"Lĩnh vực, công việc'.encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0][:3] == [
        "Lĩnh vực, công việc giải quyết theo cấp",
        "(3) Tiếp nhận – Tổng số",
        "(4) Tiếp nhận – Trực tuyến",
    ]
    assert rows[0][-1] == "(13) Đang giải quyết – Quá hạn"
    assert rows[1] == ["Chứng thực", "1", "0", "1", "0", "1", "0", "0", "1", "0", "0", "0"]
    assert rows[2][0] == "Tổng cộng"


def test_a_field_that_looks_like_a_formula_stays_text(sqlite_url):
    frame = form06a_rows(readonly_engine(sqlite_url), PERIOD, unit="CTA-BN")
    frame.loc[0, "field"] = "=HYPERLINK(1)"
    sheet = _sheet(export_form06a.to_xlsx(frame, "Bảy Ngàn", PERIOD, DISTRICT))
    assert sheet.cell(FIRST, 2).data_type == "s"
    content = export_form06a.to_csv(frame).decode("utf-8-sig")
    assert "\n'=HYPERLINK(1)," in content.replace("\r\n", "\n")


def test_cli_json_has_rows_and_a_total(url, tmp_path):
    out = tmp_path / "form.json"
    args = ["form06a", "--db", url, "--start", "2022-03-01", "--end", "2022-03-31"]
    assert main([*args, "--level", "commune", "--out", str(out)]) == 0
    rows = json.loads(out.read_text(encoding="utf-8"))
    assert [row["field"] for row in rows] == ["Hộ tịch", "Chứng thực", TOTAL]
    assert set(rows[0]) == {"field", *COLUMNS}
    # Commune level: Một Ngàn's 4 Hộ tịch dossiers and Bảy Ngàn's 1 Chứng thực.
    assert rows[-1] == {
        "field": TOTAL,
        **dict(zip(COLUMNS, (5, 1, 3, 1, 4, 1, 2, 1, 1, 0, 1), strict=True)),
    }


def test_cli_xlsx_names_the_unit(sqlite_url, tmp_path):
    out = tmp_path / "form.xlsx"
    args = ["form06a", "--db", sqlite_url, "--start", "2022-03-01", "--end", "2022-03-31"]
    assert main([*args, "--unit", "CTA-MN", "--out", str(out)]) == 0
    sheet = load_workbook(out).active
    assert sheet["A4"].value == "TẠI THỊ TRẤN MỘT NGÀN"
    assert sheet["H1"].value == "Đơn vị báo cáo: Thị trấn Một Ngàn"
    assert sheet["H2"].value == "Đơn vị nhận báo cáo: Một cửa huyện"
    assert sheet.cell(FIRST, 2).value == "Hộ tịch"
    assert _figures(sheet, FIRST + 1) == [4, 1, 2, 1, 3, 1, 2, 0, 1, 0, 1]


def test_cli_csv(sqlite_url, tmp_path):
    out = tmp_path / "form.csv"
    args = ["form06a", "--db", sqlite_url, "--start", "2022-03-01", "--end", "2022-03-31"]
    assert main([*args, "--level", "district", "--out", str(out)]) == 0
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["Đất đai", "Hộ tịch", "Tổng cộng"]
    assert rows[-1][1:] == ["18", "4", "8", "6", "10", "1", "7", "2", "8", "4", "4"]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--unit", "XYZ", "--out", "f.xlsx"], "không có đơn vị tiếp nhận nào mã 'XYZ'"),
        (["--out", "f.pdf"], "--out phải có đuôi .xlsx, .csv, .json"),
    ],
)
def test_cli_refuses_bad_input_plainly(sqlite_url, tmp_path, monkeypatch, extra, message):
    monkeypatch.chdir(tmp_path)
    args = ["form06a", "--db", sqlite_url, "--start", "2022-03-01", "--end", "2022-03-31"]
    with pytest.raises(SystemExit, match=message):
        main([*args, *extra])
    assert not list(tmp_path.glob("f.*"))


def test_cli_refuses_a_period_that_ends_before_it_starts(sqlite_url, tmp_path):
    args = ["form06a", "--db", sqlite_url, "--start", "2022-03-31", "--end", "2022-03-01"]
    with pytest.raises(SystemExit, match="trước khi bắt đầu"):
        main([*args, "--out", str(tmp_path / "f.json")])
