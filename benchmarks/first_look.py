"""How soon each view shows its first figure, and when it is complete, in a real browser.

    .venv/bin/python benchmarks/first_look.py [--db data/demo.sqlite] [--runs 3]

For each view: a fresh `streamlit run` (caches empty), headless Chromium at
1280x720 opens the view's address; "first figure" is the moment the first
tile (or, on Biểu II.06a, the form's table) is on screen, "complete" the
moment the run has finished and every chart has drawn. Then the same address
again in a new tab of the same server (caches warm). Prints the medians of
`--runs` runs as a Markdown table (milliseconds), for the README. A script with
results, not a test.
"""

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from queries.connection import DEMO_PATH  # noqa: E402
from tests.browser import APP_IDLE, CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

VIEWS = {
    "tong-quan": "Tổng quan tuần",
    "don-vi": "Hồ sơ theo đơn vị",
    "tre-han": "Hồ sơ trễ hạn",
    "bieu-06a": "Biểu II.06a",
    "hai-long": "Mức độ hài lòng",
    "khong-tien-mat": "Không dùng tiền mặt",
    "chuyen-doi-so": "Chuyển đổi số",
    "ocop": "OCOP và TMĐT",
}
FIRST_FIGURE = '[data-testid="stMetric"], [data-testid="stHtml"] table'
TIMEOUT_MS = 120_000


# Charts in a tab not open (the late view's other breakdowns) are never drawn: not counted.
CHARTS_DRAWN = """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
                        .filter(chart => chart.offsetWidth > 0)
                        .every(chart => chart.querySelector('svg.marks, canvas'))"""


def open_timed(page, url: str) -> tuple[float, float]:
    """(ms to the first figure, ms to complete) for one load of `url`."""
    started = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(FIRST_FIGURE, state="visible", timeout=TIMEOUT_MS)
    first = time.perf_counter()
    page.wait_for_selector(APP_IDLE, state="attached", timeout=TIMEOUT_MS)
    page.wait_for_function(CHARTS_DRAWN, timeout=TIMEOUT_MS)
    done = time.perf_counter()
    return (first - started) * 1000, (done - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(DEMO_PATH), help="database URL or SQLite path")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results = {view: {"cold": [], "warm": []} for view in VIEWS}
    logs = Path(tempfile.mkdtemp(prefix="first-look-"))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for run in range(args.runs):
            for view in VIEWS:
                with serve(args.db, logs / f"{view}-{run}.log") as base_url:
                    for state in ("cold", "warm"):
                        page = browser.new_page(viewport={"width": 1280, "height": 720})
                        results[view][state].append(open_timed(page, f"{base_url}/{view}"))
                        page.close()
        browser.close()
    print(f"Median of {args.runs} runs, {args.db}, 1280x720, milliseconds.\n")
    print(
        "| view | first figure (cold) | complete (cold) | first figure (warm) | complete (warm) |"
    )
    print("|---|---|---|---|---|")
    for view, label in VIEWS.items():
        cells = []
        for state in ("cold", "warm"):
            firsts, dones = zip(*results[view][state], strict=True)
            cells += [f"{statistics.median(firsts):,.0f}", f"{statistics.median(dones):,.0f}"]
        print(f"| {label} (`/{view}`) | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
