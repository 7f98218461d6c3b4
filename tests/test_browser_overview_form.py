"""The weekly overview and Biểu II.06a in a real browser, each deep link on a freshly started
server (the landing page on the overview's server after it).

Screenshots at 1600x1000 land in tests/artifacts/ (overview.png, form06a.png).
"""

import io
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests import fixture_form06a, fixture_overview
from tests.browser import LATE_LIST, expect_frame, expect_tiles, open_page, screenshot, wait_for_app

pytestmark = pytest.mark.browser


def test_this_week_then_into_the_late_view(app_server, page, make_db):
    base_url = app_server(make_db("sqlite", fixture_overview.ROWS))
    open_page(page, f"{base_url}/tong-quan")  # the deep link first, on a fresh server
    page.get_by_role("button", name="Tuần này (đến 07/12/2022)").click()
    wait_for_app(page, ready=page.get_by_text("Tuần 49/2022 (05/12–11/12)"))
    expect_tiles(page, {"Tiếp nhận": "2"}, complete=False)

    # Week 48 again (a fresh load), then the district one-stop's dossiers overdue at its end.
    open_page(page, base_url)
    page.get_by_role("link", name="Hồ sơ quá hạn cuối tuần").first.click()
    page.wait_for_url(re.compile(r"/tre-han\?.*unit=CTA"))
    # The URL changes before the late view's run: wait for that run, not the overview's.
    wait_for_app(page, ready=page.get_by_role("heading", name="Hồ sơ trễ hạn và sắp đến hạn"))
    screenshot(page, "overview-to-late")
    # The late view keeps the unit, the week and its meaning (whenever received, no
    # sentinel start date): c1 is the one dossier of the district one-stop overdue at the
    # end of week 48; c2, paused, is not.
    expect(page).to_have_url(re.compile(r"start=2022-11-28&end=2022-12-04&state=overdue"))
    expect(page).to_have_url(re.compile(r"basis=flow"))
    scope = "tình trạng vào cuối ngày 04/12/2022, tiếp nhận bất kỳ lúc nào"
    expect(page.get_by_text(scope, exact=False)).to_be_visible()
    # The list's grid draws its rows (and their hidden text) only once it is in view.
    page.locator(LATE_LIST).scroll_into_view_if_needed()
    expect(page.get_by_text("c1", exact=True).first).to_be_attached()
    expect(page.get_by_text("c2", exact=True)).to_have_count(0)


def test_overview_is_the_landing_page(running_app_server, page, make_db):
    # No fresh server needed: the one of the test above will do.
    base_url = running_app_server(make_db("sqlite", fixture_overview.ROWS))
    open_page(page, base_url, charts=7)
    screenshot(page, "overview")
    # The root sends the browser to the overview's own address (app.py: _landing).
    expect(page).to_have_url(f"{base_url}/tong-quan")
    expect_frame(page, "Tổng quan tuần", "Tổng quan tuần")
    # The browser is en-US; the figures stay Vietnamese (test_view_overview.py).
    expect_tiles(
        page,
        {
            "Tiếp nhận": "7",
            "Đã giải quyết": "5",
            "Nộp trực tuyến": "57,1%",
            "Đúng hạn": "80,0%",
            "Trễ hạn": "1",
            "Đang quá hạn": "3",
            "Hài lòng": "80,0%",
        },
    )
    ranking = page.locator("table").first
    expect(ranking).to_contain_text("Thị trấn Một Ngàn", use_inner_text=True)
    text = ranking.inner_text()
    assert text.index("Một cửa huyện") < text.index("Thị trấn Một Ngàn")


def test_form_06a_by_deep_link_with_its_xlsx(app_server, page, make_db):
    base_url = app_server(make_db("sqlite", fixture_form06a.ROWS))
    open_page(page, f"{base_url}/bieu-06a")
    expect_frame(page, "Biểu II.06a")
    table = page.locator("table.form06a")
    expect(table.locator("th[colspan]")).to_have_text(
        ["Số hồ sơ nhận giải quyết", "Số hồ sơ đã giải quyết", "Số hồ sơ đang giải quyết"],
        use_inner_text=True,
    )
    total = ["", "Tổng cộng", "23", "5", "11", "7", "14", "2", "9", "3", "9", "4", "5"]
    expect(table.locator("tr.total td")).to_have_text(total, use_inner_text=True)
    screenshot(page, "form06a")

    with page.expect_download() as download:
        page.get_by_role("button", name="Tải Excel (mẫu biểu)").click()
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    assert sheet["A4"].value == "TẠI BỘ PHẬN MỘT CỬA CẤP HUYỆN VÀ CẤP XÃ"
    assert sheet["H1"].value == "Đơn vị báo cáo: Một cửa huyện"
    assert [sheet.cell(9, n).value for n in range(1, 14)] == list(range(1, 14))
