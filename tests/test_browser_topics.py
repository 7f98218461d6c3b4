"""The four topic pages in a real browser: each deep link opened first on a fresh server.

The database is the demo up to 2023-03-31; the links carry the report's period
or day, so the tiles show the district report's figures (docs/decisions.md,
"Demo database"). The browser is set to en-US: the Vietnamese formats must
not depend on it. Screenshots: tests/artifacts/topic-<page>.png (1600x1000).
"""

import re
from datetime import date

import pytest

from dashboard import demo
from tests.browser import screenshot, wait_for_app, wait_for_charts

pytestmark = pytest.mark.browser

UNTIL = date(2023, 3, 31)
PAGES = {
    # url: (link query, navigation title, heading, charts, tiles expected)
    "hai-long": (
        "?start=2022-01-01&end=2022-12-31",
        "Mức độ hài lòng",
        "Mức độ hài lòng",
        3,
        {},  # the rate, over 99%, is checked apart: the report pins no exact figure
    ),
    "khong-tien-mat": (
        "?start=2023-01-01&end=2023-03-09",
        "Không dùng tiền mặt",
        "Thanh toán không dùng tiền mặt",
        2,
        {"Trạm y tế": "10/10", "Chợ": "3/8"},
    ),
    "chuyen-doi-so": (
        "?day=2023-03-09",
        "Chuyển đổi số",
        "Chuyển đổi số cộng đồng",
        2,
        {
            "Tỷ lệ hộ": "90,0%",
            "Hộ được hướng dẫn": "24.092",
            "Tổng số hộ": "26.768",
            "Tài khoản DVC": "24.822",
            "Ví điện tử": "23.544",
        },
    ),
    "ocop": (
        "?day=2023-03-09",
        "OCOP và thương mại điện tử",
        "OCOP và thương mại điện tử",
        3,
        {"Tài khoản bán hàng": "362"},
    ),
}
# What else a person reads on each page, first screen or below.
TEXTS = {
    "hai-long": ["Tỷ lệ hài lòng theo tháng", "Theo cán bộ tiếp nhận", "Ý kiến không hài lòng"],
    "khong-tien-mat": ["Chợ 4.0 (3 chợ)", "Theo loại nơi thu"],
    "chuyen-doi-so": ["Tỷ lệ hộ được hướng dẫn", "10 trên 10 xã, thị trấn đã báo cáo"],
    "ocop": ["Sản phẩm OCOP theo số sao", "Tất cả các sàn"],
}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo-browser") / "demo.sqlite"
    demo.build(path, until=UNTIL)
    return str(path)


def _tiles(page) -> dict[str, str]:
    return {
        metric.get_by_test_id("stMetricLabel").inner_text(): metric.get_by_test_id(
            "stMetricValue"
        ).inner_text()
        for metric in page.get_by_test_id("stMetric").all()
    }


@pytest.mark.parametrize("url_path", list(PAGES))
def test_deep_link_first_on_a_fresh_server(app_server, page, demo_db, url_path):
    query, title, heading, charts, tiles = PAGES[url_path]
    base_url = app_server(demo_db)
    page.goto(f"{base_url}/{url_path}{query}")
    wait_for_app(page)
    wait_for_charts(page, charts)
    assert page.get_by_text("Page not found").count() == 0
    assert page.title() == f"{title} · Bảng điều hành cải cách hành chính"
    # The frame ran for the deep link: its sidebar is there.
    assert "Bảng điều hành cải cách hành chính" in page.get_by_test_id("stSidebar").inner_text()
    assert page.get_by_role("heading", name=heading).is_visible()
    assert not page.get_by_test_id("stAlertContentError").count()
    assert not page.get_by_test_id("stAlertContentWarning").count()
    shown = _tiles(page)
    assert {label: shown.get(label) for label in tiles} == tiles
    if url_path == "hai-long":  # over 99% in 2022
        assert re.fullmatch(r"99,[0-9]%|100,0%", shown["Tỷ lệ hài lòng"])
    main = page.get_by_test_id("stMainBlockContainer").inner_text()
    for text in TEXTS[url_path]:
        assert text in main
    assert page.get_by_test_id("stVegaLiteChart").count() == charts
    screenshot(page, f"topic-{url_path}")
