"""The units view in a real browser, opened by its deep link on a freshly started server."""

from datetime import date

import pytest

from dashboard import demo, fmt
from dashboard.db import readonly_engine
from queries.cohort import cohort_by
from queries.period import Period
from tests.browser import screenshot, wait_for_app, wait_for_charts
from tests.test_view_units import ROWS

pytestmark = pytest.mark.browser


def read_tiles(page) -> dict[str, str]:
    return {
        metric.get_by_test_id("stMetricLabel").inner_text(): metric.get_by_test_id(
            "stMetricValue"
        ).inner_text()
        for metric in page.get_by_test_id("stMetric").all()
    }


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

    # Hand-worked in tests/test_view_units.py; the browser is set to en-US.
    assert read_tiles(page) == {
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


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    demo.build(path, until=date(2023, 3, 31))
    return str(path)


def test_seed_report_cohort_on_the_demo_database(app_server, page, demo_db):
    # The seed report's period, by link: received 01/01–02/12/2022, states as of 03/12/2022.
    page.goto(f"{app_server(demo_db)}/don-vi?start=2022-01-01&end=2022-12-02")
    wait_for_app(page)
    wait_for_charts(page, 4)
    screenshot(page, "units-demo-2022")
    # The demo pins the seed report (dashboard/demo_lives.py): district one-stop
    # 5.934 received, 1.030 online, 5.827 early or on time, 7 late, 100 open; the
    # communes 26.422, 21.316, 25.860, 39, 523. None withdrawn, so finished =
    # received - open: 5.834 + 25.899 = 31.733.
    tiles = read_tiles(page)
    overdue = tiles.pop("Đang quá hạn")
    assert tiles == {
        "Tiếp nhận": "32.356",  # 5.934 + 26.422
        "Nộp trực tuyến": "69,1%",  # (1.030 + 21.316) / 32.356 = 0,6906
        "Đúng hạn": "99,9%",  # (5.827 + 25.860) / 31.733 = 0,99855
        "Trễ hạn": "46",  # 7 + 39
        "Đang giải quyết": "623",  # 100 + 523
    }
    # Overdue depends on which open ones are paused today, which the report does not
    # pin: the screen must show what the query gives.
    by_kind = cohort_by(
        readonly_engine(demo_db), Period(date(2022, 1, 1), date(2022, 12, 2)), "kind"
    )
    assert overdue == fmt.number(by_kind["open_overdue"].sum())
    table = page.get_by_test_id("stDataFrame").first
    assert table.is_visible()
    # The figures on the axes follow the Vietnamese locale, whatever the browser's.
    received_axis = page.get_by_test_id("stVegaLiteChart").first.locator("svg").text_content()
    assert "2.000" in received_axis
