"""The weekly overview and Biểu II.06a in a real browser, each on a freshly started server.

Screenshots at 1600x1000 land in tests/artifacts/ (overview.png, form06a.png).
"""

import io
import re

import pytest
from openpyxl import load_workbook

from tests import fixture_form06a, fixture_overview
from tests.browser import screenshot, wait_for_app, wait_for_charts

pytestmark = pytest.mark.browser


def _tiles(page) -> dict[str, str]:
    return {
        metric.get_by_test_id("stMetricLabel").inner_text(): metric.get_by_test_id(
            "stMetricValue"
        ).inner_text()
        for metric in page.get_by_test_id("stMetric").all()
    }


def test_overview_is_the_landing_page(app_server, page, make_db):
    base_url = app_server(make_db("sqlite", fixture_overview.ROWS))
    page.goto(base_url)
    wait_for_app(page)
    wait_for_charts(page, 6)
    screenshot(page, "overview")
    # The root sends the browser to the overview's own address (app.py: _landing).
    assert page.url == f"{base_url}/tong-quan"
    assert page.get_by_text("Page not found").count() == 0
    assert page.title() == "Tổng quan tuần · Bảng điều hành cải cách hành chính"
    assert page.get_by_role("heading", name="Tuần 48/2022 (28/11–04/12)").is_visible()
    # The browser is en-US; the figures stay Vietnamese (test_view_overview.py).
    assert _tiles(page) == {
        "Tiếp nhận": "7",
        "Nộp trực tuyến": "57,1%",
        "Đúng hạn": "80,0%",
        "Trễ hạn": "1",
        "Đang quá hạn": "3",
        "Hài lòng": "80,0%",
    }
    ranking = page.locator("table").first.inner_text()
    assert ranking.index("Một cửa huyện") < ranking.index("Thị trấn Một Ngàn")


def test_this_week_then_into_the_late_view(app_server, page, make_db):
    base_url = app_server(make_db("sqlite", fixture_overview.ROWS))
    page.goto(f"{base_url}/tong-quan")  # the deep link first, on a fresh server
    wait_for_app(page)
    assert page.get_by_text("Page not found").count() == 0
    page.get_by_role("button", name="Tuần này (đến 07/12/2022)").click()
    page.get_by_role("heading", name="Tuần 49/2022 (05/12–11/12)").wait_for()
    wait_for_app(page)
    assert _tiles(page)["Tiếp nhận"] == "2"

    # Week 48 again (a fresh load), then the district one-stop's overdue backlog.
    page.goto(base_url)
    wait_for_app(page)
    page.get_by_role("link", name="Hồ sơ đang quá hạn").first.click()
    page.wait_for_url(re.compile(r"/tre-han\?.*unit=CTA"))
    wait_for_app(page)
    screenshot(page, "overview-to-late")
    # The late view keeps the unit and the dates (and drops `state=overdue`, its default):
    # c1 is the one dossier of the district one-stop overdue at the end of week 48;
    # c2, paused, is not.
    assert "start=1990-01-01" in page.url and "end=2022-12-04" in page.url
    assert page.get_by_text("c1", exact=True).count() >= 1
    assert page.get_by_text("c2", exact=True).count() == 0


def test_form_06a_by_deep_link_with_its_xlsx(app_server, page, make_db):
    base_url = app_server(make_db("sqlite", fixture_form06a.ROWS))
    page.goto(f"{base_url}/bieu-06a")
    wait_for_app(page)
    screenshot(page, "form06a")
    assert page.title() == "Biểu II.06a · Bảng điều hành cải cách hành chính"
    table = page.locator("table.form06a")
    assert table.locator("th[colspan]").all_inner_texts() == [
        "Số hồ sơ nhận giải quyết",
        "Số hồ sơ đã giải quyết",
        "Số hồ sơ đang giải quyết",
    ]
    total = table.locator("tr.total td").all_inner_texts()
    assert total == ["", "Tổng cộng", "23", "5", "11", "7", "14", "2", "9", "3", "9", "4", "5"]

    with page.expect_download() as download:
        page.get_by_role("button", name="Tải Excel (mẫu biểu)").click()
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    assert sheet["A3"].value == "TẠI BỘ PHẬN MỘT CỬA CẤP HUYỆN VÀ CẤP XÃ"
    assert [sheet.cell(8, n).value for n in range(1, 14)] == list(range(1, 14))
