"""Cohort queries at scale: a demo at `--scale N` on SQLite and PostgreSQL, then timings.

    .venv/bin/python benchmarks/cohort_scale.py [--scale 10] [--until 2025-12-31] [--year 2024]

Builds the demo database (dossier volume times N) into a SQLite file and a
throwaway PostgreSQL database (dropped afterwards unless --keep), then times
`cohort_by` by receiving and by handling unit and `cohort_series` by week over
one year, through the app's read-only engine. Prints one line per engine and
query: rows in the database, build time, first (cold) and best-of-`--repeat`
seconds per query. A script with results, not a test.
"""

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, select  # noqa: E402

import demo  # noqa: E402
from queries.cohort import cohort_by, cohort_series  # noqa: E402
from queries.connection import readonly_engine  # noqa: E402
from queries.contract import dossiers, ratings  # noqa: E402
from queries.period import Period  # noqa: E402
from tests.databases import create_postgres_database, drop_postgres_database  # noqa: E402

QUERIES = {
    "cohort_by unit": lambda engine, period: cohort_by(engine, period, "unit"),
    "cohort_by handling": lambda engine, period: cohort_by(engine, period, "handling"),
    "cohort_series week": lambda engine, period: cohort_series(engine, period, "week"),
}


def timed(function, *args):
    started = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - started, result


def measure(name: str, url: str, build_seconds: float, period: Period, repeat: int) -> list[dict]:
    engine = readonly_engine(url, timeout_ms=600_000)
    with engine.connect() as conn:
        n_dossiers = conn.execute(select(func.count()).select_from(dossiers)).scalar_one()
        n_ratings = conn.execute(select(func.count()).select_from(ratings)).scalar_one()
    lines = []
    for label, query in QUERIES.items():
        first, frame = timed(query, engine, period)
        best = min([first] + [timed(query, engine, period)[0] for _ in range(repeat - 1)])
        lines.append(
            {
                "engine": name,
                "dossiers": n_dossiers,
                "ratings": n_ratings,
                "build_s": build_seconds,
                "query": label,
                "result_rows": len(frame),
                "first_s": first,
                "best_s": best,
            }
        )
    engine.dispose()
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=10)
    parser.add_argument("--until", type=date.fromisoformat, default=date(2025, 12, 31))
    parser.add_argument("--year", type=int, default=2024, help="the year the queries cover")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the databases built")
    args = parser.parse_args(argv)
    period = Period(date(args.year, 1, 1), date(args.year, 12, 31))

    workdir = Path(tempfile.mkdtemp(prefix="cohort-scale-"))
    sqlite_path = str(workdir / "demo.sqlite")
    pg_url = create_postgres_database()
    results = []
    try:
        for name, target in (("sqlite", sqlite_path), ("postgresql", pg_url)):
            build_seconds, _ = timed(demo.build, target, args.until, args.scale)
            print(f"built {name} in {build_seconds:.1f} s", file=sys.stderr, flush=True)
            results += measure(name, target, build_seconds, period, args.repeat)
    finally:
        if not args.keep:
            drop_postgres_database(pg_url)
            Path(sqlite_path).unlink(missing_ok=True)
            workdir.rmdir()
    print(f"scale {args.scale:g}, data to {args.until}, queries over {args.year}")
    print(
        f"{'engine':<11}{'dossiers':>11}{'ratings':>10}{'build s':>9}  "
        f"{'query':<20}{'rows':>6}{'first s':>9}{'best s':>8}"
    )
    for r in results:
        print(
            f"{r['engine']:<11}{r['dossiers']:>11,}{r['ratings']:>10,}{r['build_s']:>9.1f}  "
            f"{r['query']:<20}{r['result_rows']:>6}{r['first_s']:>9.2f}{r['best_s']:>8.2f}"
        )
    if args.keep:
        print(f"kept: {sqlite_path} and {pg_url}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
