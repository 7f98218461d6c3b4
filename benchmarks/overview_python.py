"""The overview's own Python, apart from its SQL: CPU milliseconds of each part of a page.

    .venv/bin/python benchmarks/overview_python.py [--db data/demo.sqlite] [--units 120]

Reads the default week's flow once, then times, on those figures and with no SQL, what a
page of the overview computes in Python: the week's frames (dashboard.weekly.week_overview,
its reads replaced by the figures read), the tiles, the attention cards, the ranking's
HTML and the seven tiles' sparkline specs (as dashboard/frame/chart.py builds them, not
validated). The thread's CPU time, the least of `--repeat` calls: the machine is shared,
and a wall clock measures the others as much as the page. `--units N` repeats the week's
units (their codes and names made distinct) to N rows, as in a province's database, for
the cards and the ranking. A script with results, not a test.
"""

import argparse
import dataclasses
import functools
import sys
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import altair as alt  # noqa: E402
import pandas as pd  # noqa: E402
from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec  # noqa: E402

from dashboard import charts, unit_reading, weekly  # noqa: E402
from dashboard.content import overview as content  # noqa: E402
from dashboard.targets import load_targets  # noqa: E402
from queries.connection import DEMO_PATH, readonly_engine  # noqa: E402
from queries.meta import data_as_of  # noqa: E402
from queries.period import local_now  # noqa: E402


def cpu_ms(fn, repeat: int) -> float:
    """The least CPU time of `repeat` calls of `fn`, in this thread, ms."""
    times = []
    for _ in range(repeat):
        started = time.thread_time()
        fn()
        times.append(1000 * (time.thread_time() - started))
    return min(times)


def repeated(frame: pd.DataFrame, times: int) -> pd.DataFrame:
    """`frame`'s units `times` over, each copy's codes and names distinct."""
    copies = []
    for n in range(times):
        copy = frame.copy()
        copy["group"] = copy["group"].astype(object) + f"-{n}"
        if "name" in copy:
            copy["name"] = copy["name"] + f" {n}"
        copies.append(copy)
    return pd.concat(copies, ignore_index=True)


def spec(build, *args) -> dict:
    """A chart's spec as dashboard/frame/chart.py makes it: without validation."""
    with alt.utils.schemapi.debug_mode(False):
        chart = build(*args)
    object.__setattr__(chart, "to_dict", functools.partial(chart.to_dict, validate=False))
    return _convert_altair_to_vega_lite_spec(chart)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=str(DEMO_PATH))
    parser.add_argument("--units", type=int, help="repeat the week's units to about N rows")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)

    engine = readonly_engine(args.db)
    last_day = data_as_of(engine, local_now()).date()
    week = weekly.default_week(engine, last_day)
    reading = unit_reading.reading_map(engine, unit_reading.DEFAULT)
    flows, read = {}, weekly.week_flow

    def read_once(engine_, span):
        if span not in flows:
            flows[span] = read(engine_, span)
        return flows[span].copy()

    reads = (
        mock.patch.object(weekly, "week_flow", read_once),
        mock.patch.object(weekly, "reading_map", lambda *_: reading),
        mock.patch.object(weekly, "missing_tables", lambda *_: []),
    )
    for patch in reads:
        patch.start()
    overview = weekly.week_overview(engine, week)
    found = {"week_overview": cpu_ms(lambda: weekly.week_overview(engine, week), args.repeat)}
    for patch in reads:
        patch.stop()
    if args.units:
        times = max(1, round(args.units / max(len(overview.units), 1)))
        overview = dataclasses.replace(
            overview,
            units=repeated(overview.units, times),
            averages=repeated(overview.averages, times),
        )
    targets = load_targets()
    marked = unit_reading.succession_dates(engine)
    tiles = content.tiles(overview, targets)
    found["tiles"] = cpu_ms(lambda: content.tiles(overview, targets), args.repeat)
    found["attention cards"] = cpu_ms(lambda: content.attention(overview, targets), args.repeat)
    found["ranking (HTML)"] = cpu_ms(
        lambda: content.ranking_html(overview.units, targets, week), args.repeat
    )

    def sparklines():
        for tile in tiles:
            spec(
                charts.sparkline,
                overview.trend,
                tile.key,
                tile.label,
                tile.is_rate,
                charts.PALETTE["received"],
                tile.floor,
                marked,
            )

    found[f"{len(tiles)} sparkline specs"] = cpu_ms(sparklines, args.repeat)
    print(
        f"{args.db}: week of {week.start}, {len(overview.units)} units; CPU ms, least of "
        f"{args.repeat}"
    )
    for name, ms in found.items():
        print(f"{name:24s} {ms:8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
