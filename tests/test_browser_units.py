"""The units view in a real browser, opened by its deep link on a freshly started server."""

from datetime import date

import pytest
from playwright.sync_api import expect

from dashboard import fmt
from queries.cohort import cohort_by
from queries.connection import readonly_engine
from queries.period import Period
from tests.browser import expect_frame, expect_tiles, open_page, screenshot
from tests.test_view_units import ROWS

pytestmark = pytest.mark.browser


def test_deep_link_first_shows_the_frame_and_vietnamese_figures(app_server, page, make_db):
    base_url = app_server(make_db("sqlite", ROWS))
    # The deep link before "/" on a fresh server: the frame (app.py) must run.
    open_page(page, f"{base_url}/don-vi", charts=4)
    screenshot(page, "units-fixture")
    # The sidebar is drawn by app.py: the frame ran for the deep link.
    expect_frame(page, "Theo đơn vị", "Hồ sơ theo đơn vị")
    expect(page.get_by_test_id("stSidebar")).to_contain_text(
        "Dữ liệu đến 21/06/2022 10:00", use_inner_text=True
    )

    # Hand-worked in tests/test_view_units.py; the browser is set to en-US.
    expect_tiles(
        page,
        {
            "Tiếp nhận": "7",
            "Nộp trực tuyến · chưa đạt": "42,9%",
            "Đúng hạn · chưa đạt": "75,0%",
            "Trễ hạn": "1",
            "Đang giải quyết": "2",
            "Đang quá hạn": "1",
        },
    )
    charts = page.get_by_test_id("stVegaLiteChart")
    expect(charts).to_have_count(4)
    expect(charts.first.locator("svg")).to_contain_text("Thị trấn Một Ngàn")


def test_seed_report_cohort_on_the_demo_database(running_app_server, page, demo_sqlite):
    # The seed report's period, by link: received 01/01–02/12/2022, states as of 03/12/2022.
    # No fresh server needed: the demo's app of the topic pages' tests will do.
    base_url = running_app_server(demo_sqlite)
    open_page(page, f"{base_url}/don-vi?start=2022-01-01&end=2022-12-02", charts=4)
    screenshot(page, "units-demo-2022")
    # Overdue depends on which open ones are paused today, which the report does not
    # pin: the screen must show what the query gives.
    by_kind = cohort_by(
        readonly_engine(demo_sqlite), Period(date(2022, 1, 1), date(2022, 12, 2)), "kind"
    )
    # The demo pins the seed report (dashboard/demo_lives.py): district one-stop
    # 5.934 received, 1.030 online, 5.827 early or on time, 7 late, 100 open; the
    # communes 26.422, 21.316, 25.860, 39, 523. None withdrawn, so finished =
    # received - open: 5.834 + 25.899 = 31.733.
    expect_tiles(
        page,
        {
            "Tiếp nhận": "32.356",  # 5.934 + 26.422
            "Nộp trực tuyến · chưa đạt": "69,1%",  # (1.030 + 21.316) / 32.356 = 0,6906
            "Đúng hạn · đạt": "99,9%",  # (5.827 + 25.860) / 31.733 = 0,99855
            "Trễ hạn": "46",  # 7 + 39
            "Đang giải quyết": "623",  # 100 + 523
            "Đang quá hạn": fmt.number(by_kind["open_overdue"].sum()),
        },
    )
    expect(page.locator("table.units").first).to_contain_text("Cộng cấp xã", use_inner_text=True)
    # The figures on the axes follow the Vietnamese locale, whatever the browser's.
    expect(page.get_by_test_id("stVegaLiteChart").first.locator("svg")).to_contain_text("2.000")


def test_weekly_charts_crossing_the_reorganisation_mark_its_date(
    running_app_server, page, demo_later_sqlite
):
    # The demo past 1 July 2025 (tests/databases.py DEMO_LATER): June and July 2025, read by
    # today's units, cross the day the district's communes merged.
    base_url = running_app_server(demo_later_sqlite)
    open_page(page, f"{base_url}/don-vi?start=2025-06-02&end=2025-07-27", charts=4)
    screenshot(page, "units-demo-across-2025-07-01")
    charts = page.get_by_test_id("stVegaLiteChart")
    expect(charts).to_have_count(4)
    # The two weekly charts (received, on-time rate) draw the labelled rule; the bars by
    # unit have no time axis and none.
    for weekly in (charts.nth(2), charts.nth(3)):
        expect(weekly.locator("svg")).to_contain_text("Sắp xếp đơn vị hành chính 01/07/2025")
    expect(charts.first.locator("svg")).not_to_contain_text("Sắp xếp đơn vị")
