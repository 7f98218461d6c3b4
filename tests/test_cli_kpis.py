"""`python -m dashboard kpis` prints the cohort table, the same on both engines."""

import csv
import io
import json
import subprocess
import sys

from queries.connection import PROJECT_ROOT
from tests import fixture_cohort

KPI_NAMES = [
    "received",
    "received_online",
    "finished",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "withdrawn",
    "open",
    "open_overdue",
    "on_time_rate",
    "online_rate",
]


def run_cli(*args, env=None):
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        env=env,
    )


def test_json_records_by_kind(backend, make_db):
    url = make_db(backend, fixture_cohort.ROWS)
    done = run_cli(
        "kpis", "--db", url, "--start", "2022-03-01", "--end", "2022-03-31", "--group", "kind"
    )
    assert done.returncode == 0, done.stderr
    records = json.loads(done.stdout)
    assert [r["group"] for r in records] == ["district", "commune"]
    assert list(records[0]) == ["group", "name", *KPI_NAMES]
    assert records[0]["received"] == 11 and records[0]["open_overdue"] == 2
    assert records[0]["on_time_rate"] == 0.8


def test_null_rates_and_csv(make_db):
    url = make_db("sqlite", fixture_cohort.ROWS)
    done = run_cli("kpis", "--db", url, "--start", "2022-03-01", "--end", "2022-03-31")
    bay_ngan = next(r for r in json.loads(done.stdout) if r["group"] == "CTA-BN")
    assert bay_ngan["on_time_rate"] is None and bay_ngan["online_rate"] is None

    done = run_cli(
        "kpis",
        "--db",
        url,
        "--start",
        "2022-03-01",
        "--end",
        "2022-03-31",
        "--group",
        "handling",
        "--format",
        "csv",
    )
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert rows[0].keys() == {"group", "name", *KPI_NAMES}
    assert sum(int(r["received"]) for r in rows) == 16


def test_default_database_is_the_apps(make_db):
    import os

    url = make_db("sqlite", fixture_cohort.ROWS)
    env = {**os.environ, "DASHBOARD_DB_URL": url}
    done = run_cli("kpis", "--start", "2022-03-01", "--end", "2022-03-31", env=env)
    assert json.loads(done.stdout)[0]["received"] == 11


def test_reversed_dates_give_a_plain_error(make_db):
    url = make_db("sqlite", fixture_cohort.ROWS)
    done = run_cli("kpis", "--db", url, "--start", "2022-03-31", "--end", "2022-03-01")
    assert done.returncode != 0
    assert "before it starts" in done.stderr and "Traceback" not in done.stderr
    done = run_cli("kpis", "--db", url, "--start", "2022-02-30", "--end", "2022-03-01")
    assert done.returncode != 0 and "not a date" in done.stderr
