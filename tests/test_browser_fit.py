"""Every view fits a 1280x720 projector and a 1920x1080 screen, in a real browser.

One app server on the demo (up to 2023-03-31) for the whole module, one browser
page reused from test to test. Each view is loaded at 1280x720 (the projector: a
fresh load at its size), checked, then the window is enlarged to 1920x1080 and
checked again once the layout has settled (no second load: half the time).
What "fits" means:
- nothing scrolls sideways: neither the page nor the main block;
- every tile shows its label and its figure whole: no element inside them wider
  than its box, no text cut short with "…", nothing sticking out of the tile;
- every HTML table (the ranking, the unit tables, Biểu II.06a) is no wider than its
  element.
Screenshots of what the screen shows: tests/artifacts/fit_<view>_<width>.png.

The topic views are opened on the links of tests/test_browser_topics.py, and what
that module asserted of each on its own fresh server is asserted here (it keeps
one view's deep link on a fresh server, the point of a fresh server).
The overview at 1280x720 also shows its worst unit above the fold, and its
ranking's first unit name leads to that unit's late list of the same week.
"""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from dashboard import fmt
from tests.browser import (
    APP_TIMEOUT_MS,
    expect_frame,
    expect_tiles,
    open_page,
    screenshot,
    wait_for_app,
)
from tests.test_browser_topics import PAGES as TOPICS
from tests.test_browser_topics import TEXTS as TOPIC_TEXTS

pytestmark = pytest.mark.browser

PROJECTOR = {"width": 1280, "height": 720}
SCREEN = {"width": 1920, "height": 1080}
LATE_HEADING = "Hồ sơ trễ hạn và sắp đến hạn"
VIEWS = {
    # url path: (link query, navigation title, heading, charts at least)
    "tong-quan": ("", "Tổng quan tuần", "Tổng quan tuần", 7),
    "don-vi": ("", "Theo đơn vị", "Hồ sơ theo đơn vị", 4),
    "tre-han": ("", "Hồ sơ trễ hạn", LATE_HEADING, 1),
    "bieu-06a": ("", "Biểu II.06a", "Biểu II.06a: Tình hình, kết quả giải quyết TTHC", 0),
    "chi-so-766": ("?thang=2023-03", "Chỉ số 766", "Chỉ số 766 (ước tính)", 1),
    **{
        path: (query, title, heading, charts)
        for path, (query, title, heading, charts, _) in TOPICS.items()
    },
}

# The layout has settled at `width`: every chart in sight drawn, and the boxes that can
# still move (main block, charts, tiles, tables) where they were one poll before.
SETTLED = """width => {
  const doc = document.documentElement;
  // A chart in a tab not chosen is not drawn (and not seen): only those in view count.
  const charts = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
    .filter(chart => chart.checkVisibility());
  if (window.innerWidth !== width || !charts.every(chart => chart.querySelector('svg.marks'))) {
    return false;
  }
  const moving = document.querySelectorAll('[data-testid="stMainBlockContainer"],'
    + ' [data-testid="stVegaLiteChart"] svg.marks, [data-testid="stMetric"],'
    + ' [data-testid="stHtml"] table');
  const boxes = [...moving].map(element => {
    const box = element.getBoundingClientRect();
    return [box.x, box.y, box.width, box.height];
  });
  const layout = JSON.stringify([doc.scrollWidth, boxes]);
  const settled = window.__fitLayout === layout;
  window.__fitLayout = layout;
  return settled;
}"""

# What does not fit, one line each (nothing: it all fits).
MISFITS = """() => {
  const misfits = [];
  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth) {
    misfits.push(`page scrolls sideways: scrollWidth ${doc.scrollWidth} > `
      + `clientWidth ${doc.clientWidth}`);
  }
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  if (main.scrollWidth > main.clientWidth + 1) {
    misfits.push(`main block scrolls sideways: scrollWidth ${main.scrollWidth} > `
      + `clientWidth ${main.clientWidth} + 1`);
  }
  document.querySelectorAll('[data-testid="stMetric"]').forEach((tile, index) => {
    const tileBox = tile.getBoundingClientRect();
    const parts = tile.querySelectorAll(
      '[data-testid="stMetricLabel"], [data-testid="stMetricValue"]');
    for (const part of parts) {
      const what = `tile ${index + 1} ${part.dataset.testid} "${part.innerText.trim()}"`;
      const elements = [part, ...part.querySelectorAll('*')];
      for (const element of elements) {
        if (element.scrollWidth > element.clientWidth + 1) {
          misfits.push(`${what}: <${element.tagName.toLowerCase()}> scrollWidth `
            + `${element.scrollWidth} > clientWidth ${element.clientWidth} + 1`);
        }
      }
      // The whole text, and each innermost element's (said once each).
      const texts = new Set([part.innerText.trim(), ...elements
        .filter(element => element.children.length === 0)
        .map(element => (element.textContent ?? '').trim())]);
      for (const text of texts) {
        if (text.endsWith('…')) misfits.push(`${what}: text cut short: "${text}"`);
      }
      const box = part.getBoundingClientRect();
      if (box.left < tileBox.left - 1 || box.right > tileBox.right + 1
          || box.top < tileBox.top - 1 || box.bottom > tileBox.bottom + 1) {
        misfits.push(`${what}: sticks out of its tile: [${box.left}, ${box.top}, `
          + `${box.right}, ${box.bottom}] in [${tileBox.left}, ${tileBox.top}, `
          + `${tileBox.right}, ${tileBox.bottom}]`);
      }
    }
  });
  // A tile's status badge says its target in full ("Chưa đạt · chỉ tiêu ≥ 90,0%").
  document.querySelectorAll('span.stMarkdownBadge').forEach((badge) => {
    if (badge.scrollWidth > badge.clientWidth + 1) {
      misfits.push(`badge "${badge.innerText.trim()}" cut short: scrollWidth `
        + `${badge.scrollWidth} > clientWidth ${badge.clientWidth} + 1`);
    }
  });
  document.querySelectorAll('[data-testid="stHtml"] table').forEach((table, index) => {
    const element = table.closest('[data-testid="stHtml"]');
    const width = Math.max(table.scrollWidth, table.getBoundingClientRect().width);
    for (const container of new Set([table.parentElement, element])) {
      if (width > container.clientWidth + 1) {
        misfits.push(`table ${index + 1} (${table.className || 'no class'}): width `
          + `${width} > its container's clientWidth ${container.clientWidth} + 1`);
      }
    }
  });
  return misfits;
}"""


@pytest.fixture(scope="module")
def base_url(servers, demo_sqlite) -> str:
    """The module's one app server on the demo (one already up on it will do)."""
    return servers.running(demo_sqlite)


@pytest.fixture(scope="module")
def fit_page(browser):
    """One page for the module (browser set to en-US, as the harness's `page`)."""
    context = browser.new_context(viewport=PROJECTOR, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(APP_TIMEOUT_MS)
    yield page
    context.close()


def wait_for_layout(page, width: int) -> None:
    """Wait until fonts are in and the layout at `width` has stopped moving (polled,
    never a fixed sleep)."""
    page.evaluate("() => document.fonts.ready.then(() => { window.__fitLayout = null; })")
    page.wait_for_function(SETTLED, arg=width, polling=100, timeout=APP_TIMEOUT_MS)


def open_view(page, base_url: str, url_path: str) -> None:
    """A fresh load of the view at 1280x720, its frame and heading, its layout settled."""
    query, title, heading, charts = VIEWS[url_path]
    page.set_viewport_size(PROJECTOR)
    open_page(page, f"{base_url}/{url_path}{query}", charts=charts)
    expect_frame(page, title, heading)
    wait_for_layout(page, PROJECTOR["width"])


def expect_topic_content(page, url_path: str) -> None:
    """What tests/test_browser_topics.py asserts of a topic view (its link's figures)."""
    _, _, _, charts, tiles = TOPICS[url_path]
    expect_tiles(page, tiles, complete=False)
    main = page.get_by_test_id("stMainBlockContainer")
    for text in TOPIC_TEXTS[url_path]:
        expect(main).to_contain_text(text, use_inner_text=True)
    expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(charts)


@pytest.mark.parametrize("url_path", list(VIEWS))
def test_view_fits_projector_and_screen(fit_page, base_url, url_path):
    page = fit_page
    open_view(page, base_url, url_path)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)
    if url_path in TOPICS:
        expect(page.get_by_test_id("stAlertContentWarning")).to_have_count(0)
        expect_topic_content(page, url_path)

    misfits = []
    for size in (PROJECTOR, SCREEN):
        if size is not PROJECTOR:
            page.set_viewport_size(size)
            wait_for_layout(page, size["width"])
        screenshot(page, f"fit_{url_path}_{size['width']}")
        at = f"/{url_path} at {size['width']}x{size['height']}"
        misfits += [f"{at}: {misfit}" for misfit in page.evaluate(MISFITS)]
    assert not misfits, "\n".join(misfits)


def shown_week(page) -> tuple[date, date]:
    """Monday and Sunday of the week the overview says it shows ("Tuần 12/2023 (…)")."""
    caption = page.get_by_test_id("stMainBlockContainer").get_by_test_id("stCaptionContainer")
    line = caption.filter(has_text=re.compile(r"^Tuần \d+/\d{4} \(")).first
    expect(line).to_be_visible()
    week, year = re.match(r"Tuần (\d+)/(\d{4})", line.inner_text()).groups()
    monday = date.fromisocalendar(int(year), int(week), 1)
    return monday, monday + timedelta(days=6)


def test_overview_worst_unit_above_the_fold_and_its_late_list(fit_page, base_url):
    page = fit_page
    open_view(page, base_url, "tong-quan")
    fold = PROJECTOR["height"]

    # The first of "Đơn vị cần chú ý": its unit's name on the first screen.
    name = page.locator('[class*="st-key-card_0"] [data-testid="stText"]').first
    expect(name).to_be_visible()
    box = name.bounding_box()
    assert box["y"] + 30 < fold, f"first card's unit name at y={box['y']}: below the fold"
    # And the tiles, each label and figure.
    tiles = page.get_by_test_id("stMetric")
    expect(tiles).to_have_count(7)
    for tile in tiles.all():
        for part in ("stMetricLabel", "stMetricValue"):
            shown = tile.get_by_test_id(part)
            box = shown.bounding_box()
            assert box["y"] + 30 < fold, (
                f'tile "{shown.inner_text()}" ({part}) at y={box["y"]}: below the fold'
            )

    # The ranking's worst unit, by its name: its late list of the week, as the overview counts.
    monday, sunday = shown_week(page)
    link = page.locator("table.ranking tbody tr").first.locator("a").first
    unit = link.inner_text().strip()
    assert unit
    link.click()
    page.wait_for_url(re.compile(r"/tre-han\?"))
    wait_for_app(page, ready=page.get_by_role("heading", name=LATE_HEADING))
    expect(page).to_have_url(re.compile(r"[?&]basis=flow(&|$)"))
    expect(page).to_have_url(re.compile(rf"[?&]start={monday.isoformat()}(&|$)"))
    expect(page).to_have_url(re.compile(rf"[?&]end={sunday.isoformat()}(&|$)"))
    assert "1990" not in page.url
    # The line under the filters names the unit and the week.
    title_line = page.get_by_test_id("stMainBlockContainer").get_by_test_id("stText").first
    expect(title_line).to_contain_text(f"Nơi tiếp nhận: {unit}", use_inner_text=True)
    expect(title_line).to_contain_text(fmt.period(monday, sunday), use_inner_text=True)
    expect(page.get_by_test_id("stAlertContentError")).to_have_count(0)
    expect(page.get_by_test_id("stAlertContentWarning")).to_have_count(0)
    screenshot(page, "fit_overview_to_late_1280")


def test_overview_attention_cards_whole_on_the_first_screen(fit_page, base_url):
    """Each attention card's reasons and links on the first screen of the projector (before:
    the names only, the reasons and links below the fold)."""
    page = fit_page
    open_view(page, base_url, "tong-quan")
    fold = PROJECTOR["height"]
    cards = page.locator('[class*="st-key-card_"]')
    expect(cards.first).to_be_visible()
    parts = []
    for card in cards.all():
        parts += [card.get_by_test_id("stText"), card.get_by_test_id("stCaptionContainer")]
        parts += card.get_by_test_id("stPageLink").all()
    assert any(card.get_by_test_id("stPageLink").count() for card in cards.all())
    for part in parts:
        box = part.bounding_box()
        assert box["y"] + box["height"] <= fold, (
            f'"{part.inner_text()}" ends at y={box["y"] + box["height"]}: below the fold'
        )
    screenshot(page, "fit_overview_cards_1280")


PHONE = {"width": 390, "height": 844}
# The metric tiles' boxes, each [left, top, right, bottom].
TILE_BOXES = """() => [...document.querySelectorAll('[data-testid="stMetric"]')].map(tile => {
  const box = tile.getBoundingClientRect();
  return [box.left, box.top, box.right, box.bottom];
})"""


def test_overview_on_a_phone_shows_the_weeks_figures_on_its_first_screen(browser, base_url):
    """390x844: the seven headline figures in a compact grid, all on the first screen,
    none over another, none beyond the width."""
    context = browser.new_context(viewport=PHONE, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(APP_TIMEOUT_MS)
    try:
        open_page(page, f"{base_url}/tong-quan?tuan=2023-W10")
        expect(page.get_by_test_id("stMetric")).to_have_count(7)
        page.evaluate("() => document.fonts.ready")
        boxes = page.evaluate(TILE_BOXES)
        screenshot(page, "fit_tong-quan_390")
    finally:
        context.close()
    for left, top, right, bottom in boxes:
        assert top >= 0 and bottom <= PHONE["height"], f"tile at {top}–{bottom}: not on screen"
        assert left >= 0 and right <= PHONE["width"], f"tile at {left}–{right}: too wide"
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]
            assert apart, f"tiles {a} and {b} overlap"
