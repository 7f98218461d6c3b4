"""`python -m dashboard kpis` prints the cohort table, the same on both engines.

The commands run in this process (`dashboard.cli.main`, as `python -m dashboard` calls
it); a few tests run the real entry point, for its exit status and error output.
"""

import csv
import io
import json
import subprocess
import sys
from dataclasses import dataclass

import pytest

from dashboard.cli import main
from queries.connection import PROJECT_ROOT
from tests import fixture_cohort

pytestmark = pytest.mark.engines_only  # over queries tested in both SQLite forms

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


@dataclass
class Done:
    returncode: int
    stdout: str
    stderr: str


def run_cli(capsys, *args) -> Done:
    """`python -m dashboard …` in this process: the exit status and the output as the
    interpreter gives them (a `SystemExit` message on stderr with status 1). Anything
    else raised fails the test: no traceback can reach a user unnoticed."""
    capsys.readouterr()
    try:
        status = main(list(args))
    except SystemExit as exit_:
        status = exit_.code
    out, err = capsys.readouterr()
    if isinstance(status, str):
        err, status = err + status + "\n", 1
    return Done(status or 0, out, err)


def run_process(*args, env=None) -> subprocess.CompletedProcess:
    """The real entry point, `python -m dashboard …`, in its own process."""
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        env=env,
    )


def test_json_records_by_kind(capsys, backend, make_db):
    url = make_db(backend, fixture_cohort.ROWS)
    done = run_cli(
        capsys,
        "kpis",
        "--db",
        url,
        "--start",
        "2022-03-01",
        "--end",
        "2022-03-31",
        "--group",
        "kind",
    )
    assert done.returncode == 0, done.stderr
    records = json.loads(done.stdout)
    assert [r["group"] for r in records] == ["district", "commune"]
    assert list(records[0]) == ["group", "name", *KPI_NAMES]
    assert records[0]["received"] == 11 and records[0]["open_overdue"] == 2
    assert records[0]["on_time_rate"] == 0.8


def test_null_rates_and_csv(capsys, make_db):
    url = make_db("sqlite", fixture_cohort.ROWS)
    done = run_cli(capsys, "kpis", "--db", url, "--start", "2022-03-01", "--end", "2022-03-31")
    assert done.returncode == 0, done.stderr
    bay_ngan = next(r for r in json.loads(done.stdout) if r["group"] == "CTA-BN")
    assert bay_ngan["on_time_rate"] is None and bay_ngan["online_rate"] is None

    done = run_cli(
        capsys,
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
    """The real entry point, reading the app's database from the environment; exit 0."""
    import os

    url = make_db("sqlite", fixture_cohort.ROWS)
    env = {**os.environ, "DASHBOARD_DB_URL": url}
    done = run_process("kpis", "--start", "2022-03-01", "--end", "2022-03-31", env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)[0]["received"] == 11


def test_reversed_dates_give_a_plain_error(make_db):
    """The real entry point: a plain message on stderr, a failing exit status."""
    url = make_db("sqlite", fixture_cohort.ROWS)
    done = run_process("kpis", "--db", url, "--start", "2022-03-31", "--end", "2022-03-01")
    assert done.returncode != 0
    assert "trước khi bắt đầu" in done.stderr and "Traceback" not in done.stderr
    assert done.stdout == ""


def test_an_impossible_date_gives_a_plain_error(capsys, make_db):
    url = make_db("sqlite", fixture_cohort.ROWS)
    done = run_cli(capsys, "kpis", "--db", url, "--start", "2022-02-30", "--end", "2022-03-01")
    assert done.returncode != 0 and "không phải một ngày" in done.stderr
