"""`python -m dashboard kpis --week` prints the week as a flow, from the overview's own code;
`late --basis flow` lists the dossiers behind its late and overdue figures (fixture_week)."""

import csv
import io
import json

import pytest

from dashboard.cli import main
from tests import fixture_week

pytestmark = pytest.mark.engines_only  # over queries tested in both SQLite forms

KEYS = [
    "group",
    "received",
    "received_online",
    "finished",
    "finished_in_time",
    "finished_late",
    "overdue_open",
    "on_time_rate",
    "online_rate",
    "satisfaction_rate",
]


@pytest.fixture
def url(backend, make_db):
    return make_db(backend, fixture_week.ROWS)


def run(capsys, *argv) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def test_the_week_by_unit_as_json(capsys, url):
    records = json.loads(run(capsys, "kpis", "--db", url, "--week", "2024-W45"))
    assert [list(r) for r in records] == [KEYS] * 3  # exactly the contract's keys
    by_unit = {r["group"]: r for r in records}
    assert [by_unit["CTA"][k] for k in KEYS[1:7]] == [4, 1, 6, 4, 2, 2]
    assert by_unit["CTA"]["on_time_rate"] == pytest.approx(4 / 6)
    assert by_unit["CTA"]["online_rate"] == 0.25
    assert by_unit["CTA"]["satisfaction_rate"] == pytest.approx(2 / 3)
    assert [by_unit["CTA-MN"][k] for k in KEYS[1:]] == [2, 1, 1, 0, 1, 1, 0.0, 0.5, 1.0]
    assert by_unit["CTA-BN"]["on_time_rate"] is None  # nothing finished: no rate


def test_the_week_by_kind_as_csv_and_as_a_table(capsys, url):
    text = run(
        capsys, "kpis", "--db", url, "--week", "2024W45", "--group", "kind", "--format", "csv"
    )
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["group"] for r in rows] == ["district", "commune"]
    assert rows[1]["received"] == "2" and rows[1]["overdue_open"] == "1"
    table = run(capsys, "kpis", "--db", url, "--week", "2024-W45", "--format", "table")
    lines = table.splitlines()
    assert lines[0].split() == KEYS and len(lines) == 4
    assert lines[1].split()[-3:] == ["66,7%", "25,0%", "66,7%"]  # Vietnamese rates


def test_the_late_list_behind_the_weeks_figures(capsys, url):
    week = ["--start", "2024-11-04", "--end", "2024-11-10", "--unit", "CTA", "--basis", "flow"]
    late = json.loads(run(capsys, "late", "--db", url, "--state", "late", *week))
    assert sorted(r["code"] for r in late) == ["w2", "w5"]
    overdue = json.loads(run(capsys, "late", "--db", url, "--state", "overdue", *week))
    assert sorted(r["code"] for r in overdue) == ["w11", "w7"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--week", "2024-W60"], "không phải một tuần ISO"),
        (["--week", "2024-W45", "--start", "2024-11-04"], "--week không đi cùng --start"),
        (["--week", "2024-W45", "--group", "handling"], "--week chỉ nhóm theo unit hoặc kind"),
        (["--start", "2024-11-04"], "cần --week, hoặc cả --start lẫn --end"),
        (
            ["--start", "2024-11-04", "--end", "2024-11-10", "--format", "table"],
            "chỉ đi với --week",
        ),
    ],
)
def test_wrong_combinations_say_so(capsys, make_db, argv, message):
    url = make_db("sqlite", fixture_week.ROWS)
    with pytest.raises(SystemExit) as stopped:
        main(["kpis", "--db", url, *argv])
    assert stopped.value.code != 0
    assert message in str(stopped.value.code) + capsys.readouterr().err
