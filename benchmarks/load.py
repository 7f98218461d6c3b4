"""Thirty viewers at once: real browser sessions opening views for a few minutes.

    .venv/bin/python benchmarks/load.py --db postgresql://…/onestop \
        [--viewers 30] [--minutes 5]

A fresh `streamlit run` (caches empty) against `--db`, its process counting every
statement it sends (benchmarks/statements.py, one line per statement to a file).
`--viewers` headless Chromium pages (one browser, a context each, 1280x720) then:
1. all open the overview at once (the Monday morning burst);
2. until `--minutes` have passed since the start, each opens one view after another,
   in its own order through every view (a new page load each time, as a link does).
For each open: the seconds from navigation to the run finished with the page drawn
(script state notRunning, main block present); an error is a timeout, an exception
or an error box on the page. Statements: counted in the server, and PostgreSQL's
transactions for the database (pg_stat_database xact_commit + xact_rollback) before
and after. pg_stat_statements is not loaded on this server (shared_preload_libraries
is empty), so it cannot count. Prints a Markdown table and writes
benchmarks/results/load-<viewers>x<minutes>m-<database>.json. A script with results,
not a test.
"""

import argparse
import asyncio
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402
from playwright.async_api import async_playwright  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from tests.browser import APP_IDLE, CHROMIUM, CHROMIUM_ARGS, _healthy, free_port, stop  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
VIEWS = (
    "tong-quan",
    "don-vi",
    "tre-han",
    "bieu-06a",
    "hai-long",
    "khong-tien-mat",
    "chuyen-doi-so",
    "ocop",
    "trinh-chieu",
)
OPEN_TIMEOUT_MS = 180_000
PROBLEM = '[data-testid="stException"], [data-testid="stAlertContentError"]'
SERVER = """
import sys
sys.path.insert(0, {benchmarks!r})
from statements import count_to_file
count_to_file({count_file!r})
from streamlit.web import cli
sys.argv = ["streamlit", "run", "app.py", "--server.headless", "true",
            "--server.address", "127.0.0.1", "--server.port", "{port}",
            "--browser.gatherUsageStats", "false"]
sys.exit(cli.main())
"""


def start_counted(db: str, count_file: Path, log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    code = SERVER.format(benchmarks=str(ROOT / "benchmarks"), count_file=str(count_file), port=port)
    env = {**os.environ, "DASHBOARD_DB_URL": db}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while not _healthy(base):
        if process.poll() is not None or time.monotonic() > deadline:
            stop(process)
            raise RuntimeError(f"streamlit did not start:\n{log.read_text()}")
        time.sleep(0.2)  # polling the health endpoint
    return process, base


def transactions(db: str) -> int:
    url = make_url(db).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(url) as conn:
        conn.execute("SELECT pg_stat_clear_snapshot()")
        return conn.execute(
            "SELECT xact_commit + xact_rollback FROM pg_stat_database "
            "WHERE datname = current_database()"
        ).fetchone()[0]


def statements(count_file: Path) -> int:
    return count_file.read_bytes().count(b"\n") if count_file.exists() else 0


async def open_view(page, base: str, view: str) -> dict:
    started = time.perf_counter()
    error = None
    try:
        await page.goto(f"{base}/{view}", wait_until="commit", timeout=OPEN_TIMEOUT_MS)
        await page.wait_for_selector(APP_IDLE, state="attached", timeout=OPEN_TIMEOUT_MS)
        await page.wait_for_selector(
            '[data-testid="stMainBlockContainer"]', timeout=OPEN_TIMEOUT_MS
        )
        problems = await page.locator(PROBLEM).all_inner_texts()
        if problems:
            error = " | ".join(p[:200] for p in problems)
    except Exception as failure:  # a timeout or a closed page is an error to report
        error = f"{type(failure).__name__}: {str(failure)[:200]}"
    return {"view": view, "s": time.perf_counter() - started, "error": error, "at": time.time()}


async def viewer(index: int, browser, base: str, deadline: float, opens: list) -> None:
    """One viewer's views in turn, each in a new tab (the tab before closed): a page left
    running would move the next navigation (the first run counted 4 "navigation
    interrupted by another navigation" errors of this harness when one tab was reused)."""
    context = await browser.new_context(viewport={"width": 1280, "height": 720})
    order = VIEWS[index % len(VIEWS) :] + VIEWS[: index % len(VIEWS)]
    step = 0
    while time.monotonic() < deadline:
        page = await context.new_page()
        opens.append(await open_view(page, base, order[step % len(order)]) | {"phase": "steady"})
        await page.close()
        step += 1
    await context.close()


async def run(base: str, viewers: int, minutes: float, marks: dict, count_file: Path) -> list:
    opens: list[dict] = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        deadline = time.monotonic() + 60 * minutes
        contexts = [
            await browser.new_context(viewport={"width": 1280, "height": 720})
            for _ in range(viewers)
        ]
        pages = [await c.new_page() for c in contexts]
        burst = await asyncio.gather(*(open_view(p, base, "tong-quan") for p in pages))
        opens += [o | {"phase": "burst"} for o in burst]
        marks["after_burst"] = statements(count_file)
        for context in contexts:
            await context.close()
        await asyncio.gather(*(viewer(i, browser, base, deadline, opens) for i in range(viewers)))
        await browser.close()
    return opens


def summary(opens: list[dict]) -> dict:
    times = sorted(o["s"] for o in opens)
    errors = [o for o in opens if o["error"]]

    def pct(q):
        return times[max(0, math.ceil(q * len(times)) - 1)] if times else None

    return {
        "opens": len(opens),
        "median_s": statistics.median(times) if times else None,
        "p95_s": pct(0.95),
        "max_s": times[-1] if times else None,
        "errors": len(errors),
        "error_samples": sorted({e["error"] for e in errors})[:5],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="PostgreSQL URL of a database with the demo")
    parser.add_argument("--viewers", type=int, default=30)
    parser.add_argument("--minutes", type=float, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="load-"))
    count_file = work / "statements.txt"
    process, base = start_counted(args.db, count_file, work / "streamlit.log")
    marks = {}
    try:
        before = transactions(args.db)
        started = time.perf_counter()
        opens = asyncio.run(run(base, args.viewers, args.minutes, marks, count_file))
        elapsed = time.perf_counter() - started
        time.sleep(2)  # PostgreSQL flushes its statistics about every second
        after = transactions(args.db)
        sent = statements(count_file)
    finally:
        stop(process)
    by_phase = {
        phase: summary([o for o in opens if o["phase"] == phase]) for phase in ("burst", "steady")
    }
    by_view = {
        view: summary([o for o in opens if o["view"] == view and o["phase"] == "steady"])
        for view in VIEWS
    }
    result = {
        "date": datetime.now().isoformat(timespec="seconds"),
        "database": make_url(args.db).database,
        "viewers": args.viewers,
        "minutes": args.minutes,
        "elapsed_s": elapsed,
        "cores": os.cpu_count(),
        "all": summary(opens),
        "phases": by_phase,
        "views": by_view,
        "statements_sent": sent,
        "statements_in_burst": marks.get("after_burst"),
        "transactions": after - before,
        "opens": opens,
    }
    RESULTS.mkdir(exist_ok=True)
    name = f"load-{args.viewers}x{args.minutes:g}m-{result['database']}.json"
    (RESULTS / name).write_text(json.dumps(result, indent=1) + "\n")
    print(
        f"{args.viewers} viewers, {args.minutes:g} min on {result['database']}, "
        f"{elapsed:.0f} s: {sent:,} statements sent ({marks.get('after_burst')} in the "
        f"burst of {args.viewers} overviews), {after - before:,} transactions.\n"
    )
    print("| part | opens | median s | p95 s | max s | errors |\n|---|---|---|---|---|---|")
    for label, s in [*by_phase.items(), *by_view.items(), ("all", result["all"])]:
        if s["opens"]:
            print(
                f"| {label} | {s['opens']} | {s['median_s']:.1f} | {s['p95_s']:.1f} | "
                f"{s['max_s']:.1f} | {s['errors']} |"
            )
    for sample in result["all"]["error_samples"]:
        print(f"error: {sample}")


if __name__ == "__main__":
    main()
