"""How long people wait, and what they read, while someone holds a lock on `dossiers`.

    .venv/bin/python benchmarks/locked.py --db postgresql://…/onestop_demo [--viewers 10]

Against a PostgreSQL database holding the demo (README: `python -m dashboard demo --out
postgresql://…`): a fresh `streamlit run` per round, then `--viewers` headless Chromium
tabs open the overview together, first while another session holds `LOCK TABLE dossiers
IN ACCESS EXCLUSIVE MODE` (as a long migration would), then with the lock released
(caches emptied by a new server). For each round: the seconds until each tab shows the
page's figures or its message (median and slowest) and the messages seen. The lock is
taken in a transaction that is rolled back: nothing is written. A script with results,
not a test.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from tests.browser import APP_IDLE, CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

OUTCOME = '[data-testid="stMetric"], [data-testid="stAlert"]'
TIMEOUT_MS = 300_000


def round_of(db: str, viewers: int, locked: bool, log: Path) -> tuple[list[float], set[str]]:
    """Seconds to an outcome for each tab, and the error messages the tabs showed."""
    locker = create_engine(make_url(db).set(drivername="postgresql+psycopg"))
    with serve(db, log) as base, sync_playwright() as playwright, locker.connect() as conn:
        if locked:
            conn.execute(text("LOCK TABLE dossiers IN ACCESS EXCLUSIVE MODE"))
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        pages = [browser.new_page(viewport={"width": 1280, "height": 720}) for _ in range(viewers)]
        started = []
        for page in pages:
            started.append(time.perf_counter())
            page.goto(f"{base}/tong-quan", wait_until="commit")
        waits, messages = [], set()
        for page, start in zip(pages, started, strict=True):
            page.wait_for_selector(OUTCOME, state="visible", timeout=TIMEOUT_MS)
            page.wait_for_selector(APP_IDLE, state="attached", timeout=TIMEOUT_MS)
            waits.append(time.perf_counter() - start)
            errors = page.locator('[data-testid="stAlertContentError"]').all_inner_texts()
            messages.update(errors)
        conn.rollback()
        browser.close()
    locker.dispose()
    return waits, messages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="PostgreSQL URL of a database with the demo")
    parser.add_argument("--viewers", type=int, default=10)
    args = parser.parse_args()
    log = Path("/tmp/locked-benchmark.log")
    print("| dossiers | viewers | median s | slowest s | messages |\n|---|---|---|---|---|")
    for locked in (True, False):
        waits, messages = round_of(args.db, args.viewers, locked, log)
        said = "; ".join(sorted(messages)) or "(figures)"
        print(
            f"| {'locked' if locked else 'free'} | {args.viewers} | "
            f"{statistics.median(waits):.1f} | {max(waits):.1f} | {said} |"
        )


if __name__ == "__main__":
    main()
