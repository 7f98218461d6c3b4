"""The frame in a real browser: an address the app does not have gets a Vietnamese page."""

import pytest
from playwright.sync_api import expect

from tests import fixture_overview
from tests.browser import screenshot, wait_for_app

pytestmark = pytest.mark.browser


def test_an_unknown_address_gets_a_vietnamese_page(running_app_server, page, make_db):
    base_url = running_app_server(make_db("sqlite", fixture_overview.ROWS))
    page.goto(f"{base_url}/khong-co-trang")
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Không tìm thấy trang")).to_be_visible()
    expect(page.get_by_text("Địa chỉ “/khong-co-trang” không có trong bảng điều hành."))
    expect(page.get_by_text("Page not found")).to_have_count(0)  # Streamlit's own notice
    expect(page.get_by_role("link", name="Hồ sơ trễ hạn").last).to_be_visible()
    screenshot(page, "not-found")
