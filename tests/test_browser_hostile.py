"""In a real browser, names planted with HTML and Markdown show as their own characters."""

import pytest
from playwright.sync_api import expect

from tests.browser import open_page, screenshot
from tests.hostile import LINK, OVERLAY, hostile_codes, hostile_copy

pytestmark = pytest.mark.browser

# Elements the planted strings would create, were they rendered.
PLANTED = "a[href*='evil.example'], img[src='x'], h1:has-text('EVIL6')"


def _overlays(page) -> int:
    """Elements laid over the page (fixed) that carry planted text."""
    return page.evaluate(
        """() => [...document.querySelectorAll('div')].filter(
            e => getComputedStyle(e).position === 'fixed' && e.textContent.includes('EVIL')
        ).length"""
    )


def test_planted_html_and_markdown_stay_text(app_server, page, demo_sqlite, tmp_path):
    url = hostile_copy(demo_sqlite, tmp_path)
    base_url = app_server(url)

    open_page(page, f"{base_url}/tong-quan?tuan=2023-W12")
    ranking = page.locator("table.ranking")
    expect(ranking).to_contain_text(OVERLAY, use_inner_text=True)
    expect(ranking).to_contain_text(LINK, use_inner_text=True)
    assert _overlays(page) == 0
    expect(page.locator(PLANTED)).to_have_count(0)
    screenshot(page, "hostile-overview")

    open_page(page, f"{base_url}/bieu-06a?scope={hostile_codes(url)['link']}")
    expect(page.get_by_role("heading", level=3).filter(has_text="EVIL2")).to_contain_text(
        f"Tại {LINK}, "
    )
    expect(page.locator(PLANTED)).to_have_count(0)
    screenshot(page, "hostile-form06a")
