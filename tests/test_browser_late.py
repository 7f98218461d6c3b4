"""The late-dossier view in a real browser: a filtered deep link first on a fresh server,
the CSV download, and (on that server, or one started for it) the list on the first screen
of a 1280x720 projector and the detail of a selected row."""

import csv
import io

import pytest
from playwright.sync_api import expect

from tests import fixture_late
from tests.browser import LATE_LIST, expect_frame, expect_tiles, open_page, screenshot, wait_for_app

pytestmark = pytest.mark.browser

DEEP_LINK = "/tre-han?unit=CTA&state=overdue&start=2022-03-01&end=2022-03-31"
HEADER_HEIGHT = 35  # Streamlit's data grid (views/late.py GRID_HEADER_HEIGHT)
ROW_HEIGHT = 70  # the list's rows, three lines of text (views/late.py GRID_ROW_HEIGHT)
PROJECTOR = {"width": 1280, "height": 720}
# The grid's own scrolling box: wider content than box means columns hidden to the right.
GRID_SCROLLER = ".dvn-scroller"


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
    # The filters show what the link asked for, once opened.
    page.get_by_text("Bộ lọc: loại hồ sơ").click()
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


def test_a_link_shows_the_list_on_the_first_screen_of_a_projector(
    running_app_server, page, make_db
):
    """Before: the filter panel filled the screen, the list began 880–1,300 pixels down and
    its table ran past the right edge ("UBND huyệ…")."""
    base_url = running_app_server(make_db("sqlite", fixture_late.ROWS))
    page.set_viewport_size(PROJECTOR)
    open_page(page, base_url + DEEP_LINK)
    grid = page.locator(LATE_LIST)
    expect(grid.get_by_text("L-013", exact=True)).to_be_attached()
    box = grid.bounding_box()
    # The first row whole on the screen, below the one line saying what the list holds.
    first_row_bottom = box["y"] + HEADER_HEIGHT + ROW_HEIGHT
    assert first_row_bottom <= PROJECTOR["height"], f"first row ends at y={first_row_bottom}"
    main = page.get_by_test_id("stMainBlockContainer")
    title_line = main.get_by_test_id("stText").first
    expect(title_line).to_contain_text("Nơi tiếp nhận: Bộ phận Một cửa huyện")
    assert title_line.bounding_box()["y"] < box["y"]
    # The filters folded into one line, to open with a click.
    state = page.locator(".st-key-late_state")
    expect(state).to_be_hidden()
    # Every column within the screen: the table no wider than its box, the box on screen.
    assert box["x"] >= 0 and box["x"] + box["width"] <= PROJECTOR["width"]
    widths = grid.locator(GRID_SCROLLER).evaluate("e => [e.scrollWidth, e.clientWidth]")
    assert widths[0] <= widths[1], f"the table scrolls sideways: {widths}"
    screenshot(page, "late-link-1280")
    page.get_by_text("Bộ lọc: loại hồ sơ").click()
    expect(state).to_be_visible()
    expect(state).to_contain_text("Đang giải quyết quá hạn", use_inner_text=True)


def test_selecting_a_row_shows_its_detail(running_app_server, page, make_db):
    base_url = running_app_server(make_db("sqlite", fixture_late.ROWS))
    # The page drawn whole (its chart below the list too) before the list is measured.
    open_page(page, base_url + DEEP_LINK, charts=1)
    grid = page.locator(LATE_LIST)
    grid.scroll_into_view_if_needed()
    # The grid draws its rows (and their hidden text) once it is in view: wait for them.
    expect(grid.get_by_text("L-013", exact=True)).to_be_attached()
    box = grid.bounding_box()
    # The row-selection cell at the start of the first row (the grid is drawn on a canvas).
    page.mouse.click(box["x"] + 18, box["y"] + HEADER_HEIGHT + ROW_HEIGHT / 2)
    detail = page.get_by_text("Chi tiết hồ sơ L-013")
    wait_for_app(page, ready=detail)
    expect(page.get_by_test_id("stMainBlockContainer")).to_contain_text(
        "Chi tiết hồ sơ L-013", use_inner_text=True
    )
    screenshot(page, "late-detail", full_page=True)
