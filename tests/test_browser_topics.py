"""The topic pages' deep links: one opened first on a fresh server, all four's content.

The database is the demo up to 2023-03-31; the links carry the report's period
or day, so the tiles show the district report's figures (docs/decisions.md,
"Demo database"). The browser is set to en-US: the Vietnamese formats must
not depend on it.

A fresh server is only the point for one of them: a deep link opened first on it
runs inside the app's frame (/hai-long here). What each of the four shows (PAGES,
TEXTS) is asserted on the shared server of tests/test_browser_fit.py, the
content and the fit in one load. Screenshot: tests/artifacts/topic-hai-long.png
(1600x1000).
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import expect_frame, expect_tiles, open_page, screenshot

pytestmark = pytest.mark.browser

PAGES = {
    # url: (link query, navigation title, heading, charts, tiles expected: text or pattern)
    "hai-long": (
        "?start=2022-01-01&end=2022-12-31",
        "Hài lòng",
        "Mức độ hài lòng",
        3,
        # Over 99% in 2022: the report pins no exact figure.
        {"Tỷ lệ hài lòng · đạt": re.compile(r"^(99,[0-9]%|100,0%)$")},
    ),
    "khong-tien-mat": (
        "?start=2023-01-01&end=2023-03-09",
        "Không tiền mặt",
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
        "OCOP",
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


FRESH = "hai-long"  # the one deep link opened first on a fresh server


def test_deep_link_first_on_a_fresh_server(app_server, page, demo_sqlite):
    url_path = FRESH
    query, title, heading, charts, tiles = PAGES[url_path]
    base_url = app_server(demo_sqlite)
    open_page(page, f"{base_url}/{url_path}{query}", charts=charts)
    # The frame ran for the deep link: its sidebar is there.
    expect_frame(page, title, heading)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)
    expect(page.get_by_test_id("stAlertContentWarning")).to_have_count(0)
    expect_tiles(page, tiles, complete=False)
    main = page.get_by_test_id("stMainBlockContainer")
    for text in TEXTS[url_path]:
        expect(main).to_contain_text(text, use_inner_text=True)
    expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(charts)
    screenshot(page, f"topic-{url_path}")
