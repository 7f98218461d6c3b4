"""The units view in a real browser, opened by its deep link on a freshly started server."""

import pytest

from tests.browser import screenshot, wait_for_app, wait_for_charts
from tests.test_view_units import ROWS

pytestmark = pytest.mark.browser


def test_deep_link_first_shows_the_frame_and_vietnamese_figures(app_server, page, make_db):
    base_url = app_server(make_db("sqlite", ROWS))
    # The deep link before "/" on a fresh server: the frame (app.py) must run.
    page.goto(f"{base_url}/don-vi")
    wait_for_app(page)
    wait_for_charts(page, 4)
    assert page.get_by_text("Page not found").count() == 0

    screenshot(page, "units-fixture")
    assert page.title() == "Hồ sơ theo đơn vị · Bảng điều hành cải cách hành chính"
    # The sidebar is drawn by app.py: the frame ran for the deep link.
    sidebar = page.get_by_test_id("stSidebar").inner_text()
    assert "Bảng điều hành cải cách hành chính" in sidebar
    assert "Dữ liệu đến 21/06/2022 10:00" in sidebar
    assert page.get_by_role("heading", name="Hồ sơ theo đơn vị").is_visible()

    tiles = {
        metric.get_by_test_id("stMetricLabel").inner_text(): metric.get_by_test_id(
            "stMetricValue"
        ).inner_text()
        for metric in page.get_by_test_id("stMetric").all()
    }
    # Hand-worked in tests/test_view_units.py; the browser is set to en-US.
    assert tiles == {
        "Tiếp nhận": "7",
        "Nộp trực tuyến": "42,9%",
        "Đúng hạn": "75,0%",
        "Trễ hạn": "1",
        "Đang giải quyết": "2",
        "Đang quá hạn": "1",
    }
    charts = page.get_by_test_id("stVegaLiteChart")
    assert charts.count() == 4
    bar_labels = charts.first.locator("svg").text_content()
    assert "Thị trấn Một Ngàn" in bar_labels
