"""The presentation mode in a real browser, at 1280x720 and 1920x1080: each slide fits the
screen with no scrolling and no text under 20 pixels, the keys a presentation clicker sends
move between slides and the URL follows. Screenshots: tests/artifacts/slide_<n>_<width>.png.
"""

import re

import pytest
from playwright.sync_api import expect

from dashboard.freshness import OLD_DATA_ENV
from tests.browser import screenshot, serve, wait_for_app

pytestmark = pytest.mark.browser

SIZES = ({"width": 1280, "height": 720}, {"width": 1920, "height": 1080})
SLIDES = 8  # the demo has every topic: the briefing's seven and the 12-week trend
# Every piece of text a person sees on the page: its font size in pixels (icons, drawn
# from a symbol font, and the screen readers' off-screen "skip" link are not text to
# read), and whether the page scrolls at all (it must not: a slide is one screen).
MEASURE = """() => {
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const element = node.parentElement;
    if (!node.textContent.trim() || !element) continue;
    const box = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    if (!box.width || !box.height || style.visibility === "hidden") continue;
    if (box.bottom <= 0 || box.right <= 0 || box.top >= innerHeight) continue;
    if (/Material Symbols/.test(style.fontFamily)) continue;
    if (element.closest("style, script, [data-testid='stPopoverBody']")) continue;
    const size = parseFloat(style.fontSize);
    if (size < 20) small.push(`${size}px: ${node.textContent.trim().slice(0, 40)}`);
  }
  const main = document.querySelector('[data-testid="stMain"]') || document.documentElement;
  return {small, scrolls: Math.max(document.documentElement.scrollHeight,
          main.scrollHeight) > window.innerHeight + 1};
}"""


def counter(page, number: int):
    return page.locator(".st-key-slide_counter").get_by_text(f"{number} / {SLIDES}")


@pytest.mark.parametrize("size", SIZES, ids=lambda size: str(size["width"]))
def test_every_slide_fits_and_the_keys_move(running_app_server, page, demo_sqlite, size):
    base_url = running_app_server(demo_sqlite)
    page.set_viewport_size(size)
    page.goto(f"{base_url}/trinh-chieu?tuan=2023-W10&slide=1")
    wait_for_app(page, ready=counter(page, 1))
    for number in range(1, SLIDES + 1):
        # The run that draws the slide ends before it is measured: while it runs, the last
        # slide's elements may still stand beside the new one's (a page taller for a moment).
        wait_for_app(page, ready=counter(page, number))
        expect(page.locator(".slide h1, .slide-head h1")).to_be_visible()
        expect(page).to_have_url(re.compile(rf"slide={number}" if number > 1 else r"tuan=2023-W10"))
        measured = page.evaluate(MEASURE)
        assert not measured["scrolls"], f"slide {number} scrolls at {size}"
        assert measured["small"] == [], f"slide {number} at {size}: {measured['small']}"
        screenshot(page, f"slide_{number}_{size['width']}")
        if number < SLIDES:  # alternate the arrow key and the clicker's PageDown
            page.keyboard.press("ArrowRight" if number % 2 else "PageDown")
    # Back by the clicker's PageUp and the left arrow.
    page.keyboard.press("PageUp")
    expect(counter(page, SLIDES - 1)).to_be_visible()
    page.keyboard.press("ArrowLeft")
    expect(counter(page, SLIDES - 2)).to_be_visible()
    expect(page).to_have_url(re.compile(rf"slide={SLIDES - 2}"))
    # No navigation bar, no sidebar: the slide is the whole screen.
    expect(page.get_by_test_id("stHeader")).to_be_hidden()
    expect(page.get_by_text("Tuần 10/2023 (06/03–12/03)").first).to_be_visible()


def test_a_lobby_tv_moves_on_by_itself(running_app_server, page, demo_sqlite):
    base_url = running_app_server(demo_sqlite)
    page.goto(f"{base_url}/trinh-chieu?tuan=2023-W10&slide=1&tu-dong=5")
    wait_for_app(page, ready=counter(page, 1))
    expect(counter(page, 2)).to_be_visible(timeout=30_000)  # after 5 seconds or so
    expect(page).to_have_url(re.compile(r"slide=2.*tu-dong=5|tu-dong=5.*slide=2"))


# Boxes that must not overlap or leave the screen: on a slide, its parts (title, week, each
# figure, the table, the note) and the navigation bar under it; `null` when all is well.
BOXES = """() => {
  const parts = [...document.querySelectorAll('.slide > *, .slide .figure, .slide tr')]
    .filter(e => !e.classList.contains('figures') && e.tagName !== 'TABLE');
  const bar = document.querySelector('.st-key-slide_next')
    .closest('[data-testid="stHorizontalBlock"]');
  const box = e => e.getBoundingClientRect();
  const wrong = [];
  for (const part of parts) {
    const b = box(part);
    const what = `${part.className || part.tagName} "${part.innerText.slice(0, 30)}"`;
    if (b.right > innerWidth + 1 || b.left < -1) wrong.push(`${what} beyond the width`);
    if (innerWidth > 640 && b.bottom > box(bar).top + 1) wrong.push(`${what} under the bar`);
  }
  const mark = document.querySelector('.corner-mark');
  const overlap = (a, b) => a.left < b.right - 1 && b.left < a.right - 1
    && a.top < b.bottom - 1 && b.top < a.bottom - 1;
  // The text itself, line by line: a heading's box spans the width its words may not.
  for (const part of parts) {
    const range = document.createRange();
    range.selectNodeContents(part);
    for (const line of range.getClientRects()) {
      if (mark && overlap(box(mark), line)) wrong.push(`the corner mark hides ${part.tagName}`);
    }
  }
  const tiles = [...document.querySelectorAll('.slide .figure')].map(box);
  tiles.forEach((a, i) => tiles.slice(i + 1).forEach(b => {
    if (overlap(a, b)) wrong.push(`figures ${i + 1} overlap`);
  }));
  if (document.documentElement.scrollWidth > innerWidth + 1) wrong.push('scrolls sideways');
  return wrong;
}"""


def test_a_warning_is_a_corner_mark_and_nothing_hides(page, demo_sqlite, monkeypatch, tmp_path):
    """The demo's data are years old: on the slides that is a small mark in the corner, its
    text on hover, not a band pushing the slide down. At 1280x720 slide 1's legend and its
    last row of figures are above the navigation bar; on a phone (390x844) every slide's
    parts stay within the width and its figures do not overlap."""
    monkeypatch.setenv(OLD_DATA_ENV, "7")  # as deployed: the demo's data are old
    with serve(demo_sqlite, tmp_path / "streamlit.log") as base_url:
        corner_mark_and_phone(page, base_url)


def corner_mark_and_phone(page, base_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(f"{base_url}/trinh-chieu?tuan=2023-W10&slide=1")
    wait_for_app(page, ready=counter(page, 1))
    mark = page.locator(".corner-mark")
    expect(mark).to_be_visible()
    assert "Số liệu mới nhất là của ngày 31/03/2023" in mark.get_attribute("title")
    expect(page.get_by_test_id("stAlert")).to_have_count(0)
    box = mark.bounding_box()
    assert box["y"] < 20 and box["x"] + box["width"] > 1200 and box["height"] < 40
    expect(page.locator(".slide .note")).to_contain_text("Mũi tên: so với tuần trước")
    assert page.evaluate(BOXES) == []
    page.set_viewport_size({"width": 390, "height": 844})
    for number in range(1, SLIDES + 1):
        # The run that draws the slide ends before it is measured: while it runs, the last
        # slide's elements may still stand beside the new one's (a page taller for a moment).
        wait_for_app(page, ready=counter(page, number))
        expect(page.locator(".slide h1, .slide-head h1")).to_be_visible()
        assert page.evaluate(BOXES) == [], f"slide {number} at 390x844"
        screenshot(page, f"slide_{number}_390", full_page=True)
        if number < SLIDES:
            page.keyboard.press("ArrowRight")
