"""`python -m dashboard late` prints the late-dossier list, masked, the same on both engines."""

import csv
import io
import json
import subprocess
import sys

import pytest

from queries.connection import PROJECT_ROOT
from tests import fixture_late
from tests.test_cli_kpis import run_cli

pytestmark = pytest.mark.engines_only  # over queries tested in both SQLite forms

PERIOD = ["--start", "2022-03-01", "--end", "2022-03-31"]


def test_overdue_json_by_receiving_unit(capsys, backend, make_db):
    url = make_db(backend, fixture_late.ROWS)
    done = run_cli(capsys, "late", "--db", url, *PERIOD, "--unit", "CTA")
    assert done.returncode == 0, done.stderr
    records = json.loads(done.stdout)
    # District one-stop, overdue (the default): 13 (27 days), 5 (1), 6 (0).
    assert [(r["code"], r["days"]) for r in records] == [("L-013", 27), ("L-005", 1), ("L-006", 0)]
    assert records[1]["applicant"] == "K."
    assert "applicant_name" not in records[0]


def test_late_csv_masked(capsys, make_db):
    url = make_db("sqlite", fixture_late.ROWS)
    done = run_cli(capsys, "late", "--db", url, *PERIOD, "--state", "late", "--format", "csv")
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    assert [r["code"] for r in rows] == ["L-003", "L-004", "L-017", "L-001"]
    masked = ["Trần T. B. N.", "Lê T.", "Phạm V. B.", "Nguyễn V. A."]
    assert [r["applicant"] for r in rows] == masked
    assert "<script>" not in done.stdout and "Nguyễn Văn An" not in done.stdout


def test_unit_may_be_a_handling_unit(capsys, make_db):
    url = make_db("sqlite", fixture_late.ROWS)
    done = run_cli(capsys, "late", "--db", url, *PERIOD, "--unit", "P-TNMT", "--state", "late")
    assert [r["code"] for r in json.loads(done.stdout)] == ["L-003", "L-001"]
    # A commune both receives and handles: read as the receiving unit.
    done = run_cli(capsys, "late", "--db", url, *PERIOD, "--unit", "CTA-MN", "--state", "overdue")
    assert [r["code"] for r in json.loads(done.stdout)] == ["L-018", "L-019"]


def test_due_soon_days(capsys, make_db):
    url = make_db("sqlite", fixture_late.ROWS)
    done = run_cli(capsys, "late", "--db", url, *PERIOD, "--state", "due-soon", "--days", "3")
    # Three working days after Thursday 31/03 run to Tuesday 05/04 (fixture_late).
    assert [(r["code"], r["days"]) for r in json.loads(done.stdout)] == [
        ("L-008", 1),
        ("L-011", 1),
        ("L-009", 2),
        ("L-010", 5),
    ]


def test_bad_input_gives_plain_errors(capsys, make_db):
    url = make_db("sqlite", fixture_late.ROWS)
    for args, message in [
        (["--unit", "NOPE'; --"], "không có đơn vị nào mã"),
        (["--state", "due-soon", "--days", "0"], "số nguyên từ 1 đến 60"),
        (["--start", "2022-03-31", "--end", "2022-03-01"], "trước khi bắt đầu"),
    ]:
        base = PERIOD if "--start" not in args else []
        done = run_cli(capsys, "late", "--db", url, *base, *args)
        assert done.returncode != 0
        assert message in done.stderr
        assert done.stdout == ""


def test_a_reader_that_stops_early_is_not_an_error(make_db):
    """`python -m dashboard late … | head`: a reader gone before the list is written."""
    url = make_db("sqlite", fixture_late.ROWS)
    command = [sys.executable, "-m", "dashboard", "late", "--db", url, *PERIOD, "--format", "csv"]
    with subprocess.Popen(
        command, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as writer:
        writer.stdout.close()  # closed long before the command has started up and written
        errors = writer.stderr.read()
    assert writer.returncode == 0, errors
    assert "Traceback" not in errors
