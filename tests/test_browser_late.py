"""The late-dossier view in a real browser: a filtered deep link first on a fresh server,
the CSV download, and (on that server, or one started for it) the detail of a selected row."""

import csv
import io

import pytest
from playwright.sync_api import expect

from tests import fixture_late
from tests.browser import LATE_LIST, expect_frame, expect_tiles, open_page, screenshot, wait_for_app

pytestmark = pytest.mark.browser

DEEP_LINK = "/tre-han?unit=CTA&state=overdue&start=2022-03-01&end=2022-03-31"
ROW_HEIGHT = 35  # Streamlit's data grid: header and rows (views/late.py GRID_ROW_HEIGHT)


def test_filtered_deep_link_and_csv_download(app_server, page, make_db):
    base_url = app_server(make_db("sqlite", fixture_late.ROWS))
    # Nothing has loaded "/" on this server: the deep link must still run the frame.
    open_page(page, base_url + DEEP_LINK, charts=1)
    expect_frame(page, "Hồ sơ trễ hạn", "Hồ sơ trễ hạn và sắp đến hạn")
    expect(page.get_by_test_id("stAlertContentWarning")).to_have_count(0)

    # District one-stop, overdue at 31/03: 13 (27 days), 5 (1), 6 (0); browser set to en-US.
    expect_tiles(
        page,
        {
            "Số hồ sơ quá hạn": "3",
            "Trễ lâu nhất": "27 ngày",
            "Đơn vị xử lý nhiều nhất": "2 hồ sơ",
        },
    )
    main = page.get_by_test_id("stMainBlockContainer")
    expect(main).to_contain_text("Nơi tiếp nhận: Bộ phận Một cửa huyện", use_inner_text=True)
    expect(main).to_contain_text("Danh sách hồ sơ (3)", use_inner_text=True)
    expect(main).to_contain_text("Hồ sơ 1–3 / 3 · trang 1/1.", use_inner_text=True)
    # The filters show what the link asked for.
    expect(page.locator(".st-key-late_state")).to_contain_text(
        "Đang giải quyết quá hạn", use_inner_text=True
    )
    expect(page.locator(".st-key-late_unit input")).to_have_value("Bộ phận Một cửa huyện")
    screenshot(page, "late-deep-link", full_page=True)

    # One click makes the files (from the database), then each downloads at once.
    page.get_by_role("button", name="Tạo tệp tải về").click()
    download_csv = page.get_by_role("button", name="Tải CSV")
    wait_for_app(page, ready=download_csv)
    with page.expect_download() as download_info:
        download_csv.click()
    download = download_info.value
    assert download.suggested_filename == "ho-so-qua-han_2022-03-01_2022-03-31_CTA.csv"
    data = download.path().read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads the Vietnamese right
    header, *rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert header[0] == "Mã hồ sơ" and "Số ngày quá hạn" in header and header[-1] == "Người nộp"
    assert [(r[0], r[header.index("Số ngày quá hạn")], r[-1]) for r in rows] == [
        ("L-013", "27", "Đặng T. M."),
        ("L-005", "1", "K."),
        ("L-006", "0", "–"),
    ]
    assert "Đặng Thị Mai" not in data.decode("utf-8-sig")


def test_selecting_a_row_shows_its_detail(running_app_server, page, make_db):
    base_url = running_app_server(make_db("sqlite", fixture_late.ROWS))
    # The chart above the list drawn first: the list does not move after it is measured.
    open_page(page, base_url + DEEP_LINK, charts=1)
    grid = page.locator(LATE_LIST)
    grid.scroll_into_view_if_needed()
    # The grid draws its rows (and their hidden text) once it is in view: wait for them.
    expect(grid.get_by_text("L-013", exact=True)).to_be_attached()
    box = grid.bounding_box()
    # The row-selection cell at the start of the first row (the grid is drawn on a canvas).
    page.mouse.click(box["x"] + 18, box["y"] + ROW_HEIGHT + ROW_HEIGHT / 2)
    detail = page.get_by_text("Chi tiết hồ sơ L-013")
    wait_for_app(page, ready=detail)
    expect(page.get_by_test_id("stMainBlockContainer")).to_contain_text(
        "Chi tiết hồ sơ L-013", use_inner_text=True
    )
    screenshot(page, "late-detail", full_page=True)
