"""Every view at N dossiers on PostgreSQL: time, statements, rows, memory, against hand-written SQL.

    .venv/bin/python benchmarks/scale.py [--dossiers 1000000] [--runs 3] [--keep]
    .venv/bin/python benchmarks/scale.py --db postgresql://…/onestop_scale_1m [--runs 3]
    .venv/bin/python benchmarks/scale.py --db postgresql://… --scope 31342 [--runs 3]
    .venv/bin/python benchmarks/scale.py --compare scale-1000000.json scale-1000000-31342.json
    .venv/bin/python benchmarks/scale.py --db postgresql://…/onestop_scale_1m --late-pages

Without `--db`, builds the demo with about `--dossiers` dossiers into a new database
on the test server (tests.databases.create_postgres_database; `python -m dashboard
demo --scale N/193,800`, which creates the README's indexes) and drops it afterwards
unless `--keep`. With `--db`, reads that database and never writes to it.

For each view (views/*.py, plus the overview on an older week) a subprocess opens
the view in AppTest (tests/apptest.py run_view) `--runs` times: cold (Streamlit
caches cleared, the app's engines disposed, so a fresh engine) then warm (the
same AppTest run again, caches kept). Every statement is counted with SQLAlchemy
events on the Engine class (benchmarks/statements.py): statements, SQL time, rows
fetched; and the process's memory after each run (`rss_runs`: resident now, and its
peak so far, ru_maxrss), one process per view. A cold run clears st.cache_resource, as
a restart does, and finds the data-quality audit's kept counts (checked only when a check
is due); what each cold run did of the audit is counted apart (`audit_runs`, and `audit`
in the results), never in `sql_ms_without_quality` nor `ratio`.
Then, in this process: each view's hand-written statement (benchmarks/handwritten.py)
timed `--runs` times on a fresh psycopg connection in the app's own session settings
(benchmarks/sessions.py: JIT off as the app's sessions have it; both sides' settings
under `sessions` in the results), `ratio` = the view's cold SQL time / hand-written
time; the overview's figures checked equal to the app's (queries.week.week_flow,
queries.quality.quality_counts); the overview's own reads (dashboard.weekly.week_overview)
for the last complete week and an older one; the naive way (the 13 weeks' dossiers read
with pd.read_sql, counted in pandas), `naive_ratio` = naive time / week_overview SQL
time; pages of the late list (dashboard.figures.late_page) under several filters, the
first and the last, by their number and as the pager reaches them. Prints each view
against the issue's goals and writes benchmarks/results/scale-<N>.json and .md (N as
asked). `--late-pages` measures those pages alone and writes late-pages-<N>.json and .md.
Median and p95 are over `--runs` runs (p95: nearest rank, the slowest of fewer than
20). A script with results, not a test.

`--scope CODE` measures a deployment limited to one unit (DASHBOARD_SCOPE, queries/
scope.py) on the same database: the view workers run with DASHBOARD_SCOPE=CODE, the
overview's reads and the late list's pages on the scoped engine (the late list's unit
filters on units of the area), and the results go to scale-<N>-<CODE>.json and .md.
The hand-written statements, the naive overview and the check against them read the
whole database, so they are left out under a scope (no `ratio`). `--compare` prints
the cold and warm medians and the views' own SQL of several results files side by side
(the README's table; benchmarks/readme_tables.py writes the README's tables from the
results files).
"""

import argparse
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import handwritten  # noqa: E402
import pandas as pd  # noqa: E402
import psycopg  # noqa: E402
import sessions  # noqa: E402
from readme_tables import compare, goals_table, sessions_table  # noqa: E402
from sessions import psycopg_url  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402
from statements import Recorder  # noqa: E402

from dashboard.state_dir import STATE_DIR_ENV  # noqa: E402
from queries import scope  # noqa: E402
from queries.contract import RATING_LEVELS  # noqa: E402
from queries.week import COUNTS as WEEK_COUNTS  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
# The data-quality audit in the cold runs, as the results say it: no setting of the app
# leaves it out; it keeps its counts between restarts (dashboard/quality_store.py), so a
# cold run finds them as a restarted app does and checks only when a check is due.
AUDIT = {
    "switch": None,
    "cold_runs": "each cold run clears st.cache_resource and disposes the engines, as a "
    "restart does, and finds the audit's counts kept in this run's own state folder: the "
    "first cold run on an empty store counts everything in the background, later ones check "
    "only when a check is due; whatever the audit did in a cold run is the view's "
    "audit_runs, left out of sql_ms_without_quality and ratio (the hand-written side "
    "without the quality counts), in sql_ms and ratio_with_quality (the hand-written side "
    "with them)",
}
DOSSIERS_PER_SCALE = 193_800  # demo --scale 1 to today (2026-12): 1M came from --scale 5.2
OLDER_WEEK = date(2022, 11, 7)  # the overview on a week long past (?tuan=2022-W45)
VIEWS = {
    "overview": ("views/overview.py", {}),
    "overview-older": ("views/overview.py", {"tuan": "2022-W45"}),
    "units": ("views/units.py", {}),
    "late": ("views/late.py", {}),
    "form06a": ("views/form06a.py", {}),
    "satisfaction": ("views/satisfaction.py", {}),
    "cashless": ("views/cashless.py", {}),
    "adoption": ("views/adoption.py", {}),
    "ocop": ("views/ocop.py", {}),
    "briefing": ("views/briefing.py", {}),
}
GOALS = {
    "overview_sql_ms": 150,  # the last complete week, cold, SQL of its reads
    "older_week_sql_ms": 300,  # an older week, the same
    "cold_ms": 1500,  # every view, cold
    "warm_ms": 200,  # a cached rerun, server time
    "ratio": 1.2,  # view SQL / hand-written
    "late_page_ms": 300,  # a page of the late list, whatever the filters
}


def median(values):
    return statistics.median(values) if values else None


def p95(values):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)] if ordered else None


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    """The process's resident memory now (VmRSS), MB."""
    status = Path("/proc/self/status").read_text().splitlines()
    return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:")) / 1024


def memory() -> dict:
    return {"rss_mb": rss_mb(), "rss_peak_mb": max_rss_mb()}


# --------------------------------------------------------------------------- one view


def worker(view: str, db: str, runs: int, code: str | None) -> dict:
    """Run one view cold and warm `runs` times in AppTest, limited to the scope `code`
    (None: the whole database); what it costs (in this process)."""
    import pytest
    import streamlit as st

    from queries import connection
    from tests.apptest import _registered_pages, run_view

    recorder = Recorder().install()
    engines = []
    real_engine = connection.readonly_engine

    def recording_engine(*args, **kwargs):
        engine = real_engine(*args, **kwargs)
        engines.append(engine)
        return engine

    patch = pytest.MonkeyPatch()
    patch.setattr(connection, "readonly_engine", recording_engine)
    _registered_pages()  # one run on an empty SQLite file, before anything is measured
    # The deployment's scope, as the app reads it; never one inherited from the shell.
    if code:
        patch.setenv(scope.ENV, code)
    else:
        patch.delenv(scope.ENV, raising=False)
    path, query = VIEWS[view]
    rss_start = max_rss_mb()
    cold, warm, problems = [], [], []
    for _ in range(runs):
        for engine in engines:
            engine.dispose()
        engines.clear()
        st.cache_data.clear()
        st.cache_resource.clear()
        recorder.reset()
        started = time.perf_counter()
        at = run_view(patch, db, path, query)
        ms = 1000 * (time.perf_counter() - started)
        # A check of the data-quality audit the run started in the background (none while
        # the counts kept are fresh) counts with the cold run's SQL, not its time; the warm
        # run starts on an idle database.
        waited = audit_done() + recorder.wait_idle(since=started)
        cold.append({"ms": ms, "background_wait_ms": 1000 * waited, **recorder.summary()})
        problems += [e.value for e in at.exception] + [e.value for e in at.error]
        cold[-1].update(memory())
        recorder.reset()
        started = time.perf_counter()
        at.run()
        warm.append({"ms": 1000 * (time.perf_counter() - started), **recorder.summary()})
        warm[-1].update(memory())
    patch.undo()
    return {
        "cold": cold,
        "warm": warm,
        "problems": sorted(set(map(str, problems))),
        "rss_start_mb": rss_start,
        "rss_peak_mb": max_rss_mb(),
    }


def audit_done() -> float:
    """Seconds waited for the audit's background check, if the run started one."""
    from dashboard.frame import data

    waiting = time.perf_counter()
    data._auditor().workers.submit(lambda: None).result(timeout=1800)
    return time.perf_counter() - waiting


def run_worker(view: str, db: str, runs: int, code: str | None) -> dict:
    command = [sys.executable, __file__, "--worker", view, "--db", db, "--runs", str(runs)]
    command += ["--scope", code] if code else []
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=1800)
    if done.returncode != 0:
        raise RuntimeError(f"{view} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def view_figures(raw: dict) -> dict:
    cold, warm = raw["cold"], raw["warm"]

    def med(runs, key):
        return median([r[key] for r in runs])

    slowest = max(cold, key=lambda r: r["sql_ms"])["slowest"]
    without_quality = [r["sql_ms"] - r["by_kind"]["quality"]["sql_ms"] for r in cold]
    return {
        "cold_ms_median": med(cold, "ms"),
        "cold_ms_p95": p95([r["ms"] for r in cold]),
        "warm_ms_median": med(warm, "ms"),
        "warm_ms_p95": p95([r["ms"] for r in warm]),
        "statements": med(cold, "statements"),
        "statements_warm": med(warm, "statements"),
        "sql_ms": med(cold, "sql_ms"),
        "sql_ms_p95": p95([r["sql_ms"] for r in cold]),
        "sql_ms_quality": median([r["by_kind"]["quality"]["sql_ms"] for r in cold]),
        "sql_ms_catalog": median([r["by_kind"]["catalog"]["sql_ms"] for r in cold]),
        "sql_ms_figures": median([r["by_kind"]["figures"]["sql_ms"] for r in cold]),
        "sql_ms_without_quality": median(without_quality),
        "background_wait_ms": median([r["background_wait_ms"] for r in cold]),
        "fetched_rows": med(cold, "fetched_rows"),
        "rss_start_mb": raw["rss_start_mb"],
        "rss_peak_mb": raw["rss_peak_mb"],
        "slowest_statements": slowest,
        "problems": raw["problems"],
        "runs": {"cold": [r["ms"] for r in cold], "warm": [r["ms"] for r in warm]},
        # Per cold run: the audit's statements and SQL (its check, when one was due).
        "audit_runs": [
            {k: r["by_kind"]["quality"][k] for k in ("statements", "sql_ms")} for r in cold
        ],
        # After each run: resident memory and the process's peak so far, MB.
        "rss_runs": {
            side: [{k: r[k] for k in ("rss_mb", "rss_peak_mb")} for r in raw[side]]
            for side in ("cold", "warm")
        },
    }


# --------------------------------------------------------------------------- in this process


def defaults(engine) -> dict:
    """The dates the views open on by default, as the app computes them."""
    from dashboard.content import form06a as form_content
    from dashboard.weekly import default_week
    from queries.meta import data_as_of
    from queries.period import Period, local_now, week_of

    now = local_now()
    last_day = data_as_of(engine, now).date()
    return {
        "now": now,
        "last_day": last_day,
        "period": Period(date(last_day.year, 1, 1), last_day),
        "week": default_week(engine, last_day),
        "older_week": week_of(OLDER_WEEK, last_day),
        "form_period": form_content.default_period(last_day),
    }


def timed_handwritten(
    url: str, view: str, when: dict, runs: int, settings: dict, quality: bool = True
) -> tuple[list[float], dict]:
    """The view's hand-written statement, `runs` times, each on a new connection in
    `settings` (the app's session settings, benchmarks/sessions.py)."""
    sql, params = handwritten.statement(view, when, quality)
    times, document = [], None
    for _ in range(runs):
        with sessions.connect(url, settings) as conn:
            started = time.perf_counter()
            document = conn.execute(sql, params).fetchone()[0]
            times.append(1000 * (time.perf_counter() - started))
    return times, document


FLOW_KEYS = (*WEEK_COUNTS, *RATING_LEVELS)  # queries.week.week_flow's columns


def handwritten_flow(document: dict, when: dict, week_key: str) -> pd.DataFrame:
    """The hand-written overview's weeks by receiving unit code, as queries.week.week_flow."""
    week = when[week_key]
    codes = {u["id"]: u["code"] for u in document["units"]}
    mondays = [week.start - timedelta(weeks=12 - i) for i in range(13)]
    parts = []
    for key in ("received", "finished", "ratings"):
        frame = pd.DataFrame(document[key] or [])
        if len(frame):
            frame["week"] = pd.to_datetime(frame["week"]).dt.date
            parts.append(frame)
    backlog = pd.DataFrame(document["backlog"] or [])
    if len(backlog):
        long = backlog.melt(id_vars="ru", var_name="m", value_name="overdue_open")
        long["week"] = long["m"].map(lambda m: mondays[int(m[1:])])
        parts.append(long.drop(columns="m"))
    frame = pd.concat(parts).fillna(0)
    frame["group"] = frame["ru"].map(codes)
    frame = frame.groupby(["group", "week"])[list(FLOW_KEYS)].sum().astype("int64")
    return frame[frame.sum(axis=1) > 0].sort_index()


def app_flow(engine, when: dict, week_key: str) -> pd.DataFrame:
    from queries.period import Period
    from queries.week import week_flow

    week = when[week_key]
    flow = week_flow(engine, Period(week.start - timedelta(weeks=12), week.end))
    flow = flow.set_index(["group", "week"])[list(FLOW_KEYS)].astype("int64")
    return flow[flow.sum(axis=1) > 0].sort_index()


def check_overview(engine, document: dict, when: dict, week_key: str) -> dict:
    from queries.quality import quality_counts

    mine, app = handwritten_flow(document, when, week_key), app_flow(engine, when, week_key)
    same_flow = mine.equals(app)
    quality = quality_counts(engine, when["now"])
    same_quality = {k: int(v) for k, v in document["quality"].items()} == quality
    return {
        "week": str(when[week_key].start),
        "flow_equal": bool(same_flow),
        "quality_equal": bool(same_quality),
        "rows_compared": len(app),
        "district_week": {
            k: int(app.xs(when[week_key].start, level="week")[k].sum()) for k in FLOW_KEYS
        },
    }


def naive_overview(url: str, when: dict, settings: dict) -> tuple[float, pd.DataFrame, int]:
    """What is often written first: read the period's dossiers and ratings into pandas
    (every dossier received in the 13 weeks or still open at their start), count there."""
    week = when["week"]
    start = datetime.combine(week.start - timedelta(weeks=12), datetime.min.time())
    as_of = week.as_of
    started = time.perf_counter()
    with sessions.connect(url, settings) as conn:
        cursor = conn.execute(
            "SELECT * FROM dossiers WHERE received_at < %(as_of)s AND (finished_at IS NULL"
            " OR finished_at >= %(start)s OR status NOT IN ('resolved', 'refused', 'withdrawn'))",
            {"as_of": as_of, "start": start},
        )
        d = pd.DataFrame(cursor.fetchall(), columns=[c.name for c in cursor.description])
        cursor = conn.execute(
            "SELECT * FROM ratings WHERE rated_at >= %(start)s AND rated_at < %(as_of)s",
            {"as_of": as_of, "start": start},
        )
        r = pd.DataFrame(cursor.fetchall(), columns=[c.name for c in cursor.description])
        codes = dict(conn.execute("SELECT id, code FROM units").fetchall())
    rows = []
    ended = d["status"].isin(["resolved", "refused", "withdrawn"])
    finished_ok = d["status"].isin(["resolved", "refused"])
    for i in range(13):
        monday = week.start - timedelta(weeks=12 - i)
        lo = datetime.combine(monday, datetime.min.time())
        hi = lo + timedelta(days=7)
        got = d[(d["received_at"] >= lo) & (d["received_at"] < hi)]
        fin = d[finished_ok & (d["finished_at"] >= lo) & (d["finished_at"] < hi)]
        open_ = ~ended | d["finished_at"].isna() | (d["finished_at"] >= hi)
        overdue = d[
            (d["received_at"] < hi) & open_ & (d["due_at"] < hi) & (d["status"] != "paused")
        ]
        rat = r[(r["rated_at"] >= lo) & (r["rated_at"] < hi)]
        parts = [
            got.groupby("received_unit_id").agg(
                received=("id", "size"),
                received_online=("channel", lambda c: (c == "online").sum()),
            ),
            fin.assign(
                in_time=fin["finished_at"] <= fin["due_at"], late=fin["finished_at"] > fin["due_at"]
            )
            .groupby("received_unit_id")
            .agg(
                finished=("id", "size"),
                finished_in_time=("in_time", "sum"),
                finished_late=("late", "sum"),
            ),
            overdue.groupby("received_unit_id").size().rename("overdue_open"),
            rat.groupby("unit_id")["level"].value_counts().unstack(fill_value=0),
        ]
        frame = pd.concat(parts, axis=1).fillna(0)
        frame["week"] = monday
        rows.append(frame)
    out = pd.concat(rows).reset_index(names="unit")
    out["group"] = out["unit"].map(codes)
    for key in FLOW_KEYS:
        if key not in out:
            out[key] = 0
    out = out.groupby(["group", "week"])[list(FLOW_KEYS)].sum().astype("int64")
    seconds = time.perf_counter() - started
    return 1000 * seconds, out[out.sum(axis=1) > 0].sort_index(), len(d) + len(r)


def week_overview_sql(url: str, week, runs: int, code: str | None) -> dict:
    """The overview's own reads (dashboard.weekly.week_overview), fresh engine each run,
    limited to the scope `code`."""
    from dashboard.weekly import week_overview
    from queries.connection import readonly_engine

    recorder = Recorder().install()
    sql, statements, rows = [], [], []
    for _ in range(runs):
        engine = scope.scoped(readonly_engine(url), code)
        recorder.reset()
        week_overview(engine, week)
        summary = recorder.summary()
        sql.append(summary["sql_ms"])
        statements.append(summary["statements"])
        rows.append(summary["fetched_rows"])
        engine.dispose()
    return {
        "sql_ms": median(sql),
        "sql_ms_p95": p95(sql),
        "statements": median(statements),
        "fetched_rows": median(rows),
    }


def late_pages(url: str, when: dict, runs: int, code: str | None) -> list[dict]:
    """Pages of the late list (dashboard.figures.late_page) under several filters, limited
    to the scope `code` (its unit filters on units of the area): the first and the last by
    their number (a link, the page picker), and as the pager reaches them, the last after
    the page before it and the first before the page after (each read once, not timed,
    for its key)."""
    from dashboard.figures import PAGE_SIZE, LateFilter, late_count, late_page
    from queries.connection import readonly_engine
    from queries.period import Period

    engine = scope.scoped(readonly_engine(url), code)
    period, week = when["period"], when["week"]
    everything = Period(date(2021, 1, 1), when["last_day"])
    area = scope.ids(engine)
    within = "" if area is None else f"WHERE id IN ({', '.join(map(str, sorted(area)))})"
    with engine.connect() as conn:
        units = dict(
            conn.exec_driver_sql(f"SELECT kind, min(code) FROM units {within} GROUP BY kind").all()
        )
        field, procedure = conn.exec_driver_sql(
            "SELECT field, code FROM procedures ORDER BY id LIMIT 1"
        ).one()
    filters = {
        "default (overdue, this year)": LateFilter(period),
        "late, this year": LateFilter(period, "late"),
        "due-soon, this year": LateFilter(period, "due-soon"),
        "overdue, all years": LateFilter(everything),
        "late, all years": LateFilter(everything, "late"),
        "a commune's overdue": LateFilter(period, received_unit=units.get("commune")),
        "a department's late, all years": LateFilter(
            everything, "late", handling_unit=units.get("department")
        ),
        "a field, online, all years": LateFilter(everything, "late", field=field, channel="online"),
        "a procedure, overdue": LateFilter(period, procedure=procedure),
        "flow: the week's late": LateFilter(week, "late", basis="flow"),
        "flow: overdue at the week's end": LateFilter(week, "overdue", basis="flow"),
    }
    found = []
    for name, filt in filters.items():
        total = late_count(engine, filt)
        pages = max(1, math.ceil(total / PAGE_SIZE))
        reads = [(1, "by number", {})]
        if pages > 1:
            reads += [
                (pages, "by number", {}),
                (
                    pages,
                    "after the page before",
                    {"after": late_page(engine, filt, pages - 1).last},
                ),
                (1, "before the page after", {"before": late_page(engine, filt, 2).first}),
            ]
        for page, read, keys in reads:
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                late_page(engine, filt, page, PAGE_SIZE, **keys)
                times.append(1000 * (time.perf_counter() - started))
            found.append(
                {
                    "filter": name,
                    "page": page,
                    "of": pages,
                    "read": read,
                    "rows": total,
                    "ms_median": median(times),
                    "ms_p95": p95(times),
                }
            )
    engine.dispose()
    return found


def late_pages_only(args) -> int:
    """`--late-pages`: the late list's pages alone on the database `--db`, to
    late-pages-<N>.json and .md (N as asked, `--dossiers`)."""
    from queries.connection import readonly_engine

    engine = scope.scoped(readonly_engine(args.db), args.scope)
    when = defaults(engine)
    engine.dispose()
    result = {
        "dossiers": count_dossiers(args.db),
        "scope": args.scope,
        "database": make_url(args.db).database,
        "machine": machine(args.db),
        "runs": args.runs,
        "defaults": {k: str(v) for k, v in when.items()},
        "late_pages": late_pages(args.db, when, args.runs, args.scope),
    }
    RESULTS.mkdir(exist_ok=True)
    stem = RESULTS / "-".join(
        ["late-pages", str(args.dossiers), *([args.scope] if args.scope else [])]
    )
    stem.with_suffix(".json").write_text(json.dumps(result, indent=1, default=str) + "\n")
    table = "\n".join(late_pages_table(result["late_pages"]))
    stem.with_suffix(".md").write_text(table + "\n")
    print(table)
    return 0


# --------------------------------------------------------------------------- the machine


def machine(url: str) -> dict:
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    total_kb = next(int(line.split()[1]) for line in meminfo if line.startswith("MemTotal"))
    with psycopg.connect(psycopg_url(url)) as conn:
        version = conn.execute("SHOW server_version").fetchone()[0]
        settings = dict(
            conn.execute(
                "SELECT name, setting FROM pg_settings WHERE name IN ('shared_buffers', "
                "'work_mem', 'max_parallel_workers_per_gather', 'jit', 'effective_cache_size')"
            ).fetchall()
        )
        size = conn.execute(
            "SELECT pg_size_pretty(pg_database_size(current_database()))"
        ).fetchone()[0]
    git = ["git", "-C", str(ROOT)]
    commit = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(
        [*git, "status", "--short", "--", "app.py", "views", "dashboard", "queries"],
        capture_output=True,
        text=True,
    )
    return {
        # Others edit the app while this runs: the commit at the start, and whether the
        # app's files differed from it then.
        "commit": commit.stdout.strip(),
        "app_files_modified": dirty.stdout.split("\n")[:-1],
        "cores": os.cpu_count(),
        "memory_gb": round(total_kb / 1024 / 1024, 1),
        "date": datetime.now().isoformat(timespec="seconds"),
        "postgresql": version,
        "postgresql_settings": settings,
        "database_size": size,
        "load_average_at_start": os.getloadavg(),
    }


def build(dossiers: int) -> tuple[str, float]:
    from tests.databases import create_postgres_database

    url = create_postgres_database()
    scale = dossiers / DOSSIERS_PER_SCALE
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "dashboard", "demo", "--out", url, "--scale", f"{scale:.3f}"],
        cwd=ROOT,
        check=True,
    )
    return url, time.perf_counter() - started


def count_dossiers(url: str, area: frozenset[int] | None = None) -> int:
    """Dossiers in the database, or received by a unit of `area` (a scope's figures)."""
    with psycopg.connect(psycopg_url(url)) as conn:
        if area is None:
            return conn.execute("SELECT count(*) FROM dossiers").fetchone()[0]
        query = "SELECT count(*) FROM dossiers WHERE received_unit_id = ANY(%s)"
        return conn.execute(query, [sorted(area)]).fetchone()[0]


# --------------------------------------------------------------------------- report


def goals(result: dict) -> dict:
    views = result["views"]
    met = {}
    for name, v in views.items():
        checks = {
            "cold_ms": v["cold_ms_median"] <= GOALS["cold_ms"],
            "warm_ms": v["warm_ms_median"] <= GOALS["warm_ms"],
        }
        if v["ratio"] is not None:  # hand-written figures: the whole database only
            checks["ratio"] = v["ratio"] <= GOALS["ratio"]
        if name == "overview":
            checks["overview_sql_ms"] = (
                result["week_overview"]["last_week"]["sql_ms"] <= GOALS["overview_sql_ms"]
            )
        if name == "overview-older":
            checks["older_week_sql_ms"] = (
                result["week_overview"]["older_week"]["sql_ms"] <= GOALS["older_week_sql_ms"]
            )
        if name == "late":
            checks["late_page_ms"] = (
                max(p["ms_median"] for p in result["late_pages"]) <= GOALS["late_page_ms"]
            )
        met[name] = checks
    return met


def number(value, digits: int = 0) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def scope_title(result: dict) -> str:
    code = result.get("scope")
    if code is None:
        return "the whole database"
    return (
        f"scope {code} ({result['scope_name']}: {result['scope_units']} units, "
        f"{result['scope_dossiers']:,} dossiers received)"
    )


def markdown(result: dict) -> str:
    n = result["dossiers"]
    lines = [
        f"# Views at {n:,} dossiers, {scope_title(result)}",
        "",
        f"{result['machine']['date']}, {result['machine']['cores']} cores, "
        f"{result['machine']['memory_gb']} GB, PostgreSQL {result['machine']['postgresql']}, "
        f"database {result['machine']['database_size']}; median of {result['runs']} runs "
        "(p95 = slowest); ms. cold = the page's run with caches empty (AppTest); SQL = its "
        "statements' time (summed: the app runs some reads in parallel), without the "
        "data-quality audit's check it starts in the background when one is due (+ audit, "
        "median; waited for before the warm run: the first cold run of the first view "
        "counts everything, later cold runs find the counts kept, as after a restart); "
        "statements include the audit's; hand = benchmarks/handwritten.py "
        "without the quality counts; ratio = SQL / hand; RSS = peak of the process "
        "running the view (it starts at about "
        f"{min(v['rss_start_mb'] for v in result['views'].values()):.0f} MB after imports).",
        "",
        "Session settings of the app's sessions and of the hand-written side:",
        "",
        sessions_table(result),
        "",
        "| view | cold | cold p95 | warm | statements | SQL | + audit | rows | hand | ratio "
        "| RSS MB | goals missed |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, v in result["views"].items():
        missed = [k for k, ok in result["goals_met"][name].items() if not ok]
        lines.append(
            f"| {name} | {v['cold_ms_median']:,.0f} | {v['cold_ms_p95']:,.0f} | "
            f"{v['warm_ms_median']:,.0f} | {v['statements']:.0f} | "
            f"{v['sql_ms_without_quality']:,.0f} | {v['sql_ms_quality']:,.0f} | "
            f"{v['fetched_rows']:,.0f} | {number(v['handwritten_figures_ms'])} | "
            f"{number(v['ratio'], 2)} | {v['rss_peak_mb']:,.0f} | "
            f"{', '.join(missed) or '—'} |"
        )
    wo = result["week_overview"]
    check = result.get("overview_check")
    against = (
        f" Naive (pd.read_sql of {result['naive']['rows_read']:,} "
        f"rows, pandas): {result['naive']['ms']:,.0f} ms, naive_ratio "
        f"{result['naive_ratio']:.1f}. Hand-written figures equal to the app's: flow "
        f"{check['flow_equal']}, quality {check['quality_equal']}; naive equal: "
        f"{result['naive']['equal']}."
        if check
        else " The hand-written and naive statements read the whole database: not run "
        "under a scope."
    )
    lines += [
        "",
        f"Overview's own reads (week_overview, fresh engine): last complete week "
        f"{wo['last_week']['sql_ms']:,.0f} ms of SQL in {wo['last_week']['statements']:.0f} "
        f"statements, older week {wo['older_week']['sql_ms']:,.0f} ms; goal "
        f"{GOALS['overview_sql_ms']} ms.{against}",
        "",
        *late_pages_table(result["late_pages"]),
        "",
        "Goals:",
        "",
        goals_table(result),
        "",
    ]
    return "\n".join(lines)


def late_pages_table(pages: list[dict]) -> list[str]:
    lines = [
        "Late list pages (figures.late_page, ms, median):",
        "",
        "| filter | page | of | read | dossiers | ms | p95 |",
        "|---|---|---|---|---|---|---|",
    ]
    for p in pages:
        lines.append(
            f"| {p['filter']} | {p['page']} | {p['of']} | {p['read']} | {p['rows']:,} | "
            f"{p['ms_median']:,.0f} | {p['ms_p95']:,.0f} |"
        )
    return lines


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=1_000_000)
    parser.add_argument("--db", help="an already built database (read only)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the database built")
    parser.add_argument("--views", nargs="*", default=list(VIEWS))
    parser.add_argument("--scope", help="a unit's code: its area only (DASHBOARD_SCOPE)")
    parser.add_argument("--compare", nargs="+", help="results files (JSON) side by side")
    parser.add_argument(
        "--late-pages", action="store_true", help="the late list's pages only (with --db)"
    )
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker, args.db, args.runs, args.scope), default=str))
        return 0
    if args.compare:
        print(compare([json.loads(Path(f).read_text()) for f in args.compare]))
        return 0
    if args.late_pages:
        if not args.db:
            parser.error("--late-pages reads a database already built: give --db")
        return late_pages_only(args)

    built_url, build_seconds = None, None
    if args.db:
        url = args.db
    else:
        built_url, build_seconds = build(args.dossiers)
        url = built_url
    try:
        # The audit's counts are kept in a folder of this run's own, shared by its views'
        # processes: the first cold run counts them in the background, every later cold
        # run (caches and engines new, as after a restart) finds them kept.
        with tempfile.TemporaryDirectory(prefix="scale-state-") as kept:
            os.environ[STATE_DIR_ENV] = kept
            result = measure(url, args)
        result["build_seconds"] = build_seconds
    finally:
        if built_url and not args.keep:
            from tests.databases import drop_postgres_database

            drop_postgres_database(built_url)
        elif built_url:
            print(f"kept: {built_url} (--db for the next runs)", file=sys.stderr)
    RESULTS.mkdir(exist_ok=True)
    stem = RESULTS / "-".join(["scale", str(args.dossiers), *([args.scope] if args.scope else [])])
    stem.with_suffix(".json").write_text(json.dumps(result, indent=1, default=str) + "\n")
    stem.with_suffix(".md").write_text(markdown(result))
    print(markdown(result))
    for name, checks in result["goals_met"].items():
        said = ", ".join(f"{k} {'met' if ok else 'MISSED'}" for k, ok in checks.items())
        print(f"{name}: {said}")
    return 0


def measure(url: str, args) -> dict:
    from queries.connection import readonly_engine

    whole = readonly_engine(url, timeout_ms=600_000)
    engine = scope.scoped(whole, args.scope)
    area = scope.ids(engine)  # a code no unit has stops here, before any view runs
    when = defaults(engine)
    # The hand-written side's sessions take the app's own settings (JIT off among them).
    settings = sessions.copied(sessions.app_settings(url))
    result = {
        "dossiers": count_dossiers(url),
        "dossiers_asked": args.dossiers,
        "scope": args.scope,
        "scope_name": scope.scope_name(engine),
        "scope_units": None if area is None else len(area),
        "scope_dossiers": count_dossiers(url, area),
        "database": make_url(url).database,
        "machine": machine(url),
        "sessions": sessions.both_sides(url, settings),
        "audit": AUDIT,
        "runs": args.runs,
        "defaults": {k: str(v) for k, v in when.items()},
        "views": {},
    }
    for view in args.views:
        print(f"{view} …", file=sys.stderr, flush=True)
        figures = view_figures(run_worker(view, url, args.runs, args.scope))
        result["views"][view] = figures
        if args.scope:  # the hand-written statements read the whole database
            figures.update(handwritten_ms=None, handwritten_figures_ms=None, ratio=None)
            continue
        times, document = timed_handwritten(url, view, when, args.runs, settings)
        figures["handwritten_ms"] = median(times)
        figures["handwritten_ms_runs"] = times
        # The app counts data-quality problems in a background audit, not on every page:
        # `ratio` compares the page's own reads with the hand-written figures without them;
        # `ratio_with_quality` the page's reads and the audit it started with the whole
        # hand-written statement.
        plain, _ = timed_handwritten(url, view, when, args.runs, settings, quality=False)
        figures["handwritten_figures_ms"] = median(plain)
        figures["ratio"] = figures["sql_ms_without_quality"] / figures["handwritten_figures_ms"]
        figures["ratio_with_quality"] = figures["sql_ms"] / figures["handwritten_ms"]
        if view == "overview":
            result["overview_check"] = check_overview(engine, document, when, "week")
        if view == "overview-older":
            result["overview_older_check"] = check_overview(engine, document, when, "older_week")
    result["week_overview"] = {
        "last_week": week_overview_sql(url, when["week"], args.runs, args.scope),
        "older_week": week_overview_sql(url, when["older_week"], args.runs, args.scope),
    }
    result["late_pages"] = late_pages(url, when, args.runs, args.scope)
    if not args.scope:
        naive_against_app(result, url, engine, when, args.runs, settings)
    whole.dispose()
    result["goals"] = GOALS
    result["goals_met"] = goals(result)
    return result


def naive_against_app(
    result: dict, url: str, engine, when: dict, runs: int, settings: dict
) -> None:
    """The naive pandas overview, timed and checked equal to the app's (whole database)."""
    naive = [naive_overview(url, when, settings) for _ in range(runs)]
    naive_ms = median([n[0] for n in naive])
    result["naive"] = {
        "ms": naive_ms,
        "rows_read": naive[0][2],
        "equal": bool(naive[0][1].equals(app_flow(engine, when, "week"))),
    }
    result["naive_ratio"] = naive_ms / result["week_overview"]["last_week"]["sql_ms"]
    if "overview" in result["views"]:
        result["views"]["overview"]["naive_ratio"] = result["naive_ratio"]


if __name__ == "__main__":
    raise SystemExit(main())
