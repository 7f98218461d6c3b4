"""Scope: one unit's area (queries/scope.py) on the reorganisation fixture (tests/fixture_reorg.py,
worked by hand), on SQLite and PostgreSQL.

Areas: XA-AB (merged) = XA-AB, XA-A, XA-B; HUYEN (former district) = HUYEN, HUYEN-TP, XA-A,
XA-B, XA-S (its communes as they stood); TINH (province centre) = every unit; SO-TN (a
department) = itself. Dossiers received in 2025-W27: XA-AB's area d4 d6 d7; HUYEN's d4 d5.
"""

import json

import pandas as pd
import pytest
from openpyxl import load_workbook

from dashboard import figures, weekly
from dashboard.auth import roles
from dashboard.auth.users import User
from queries import scope
from queries.connection import readonly_engine
from queries.late import LateFilter
from queries.period import Period
from tests import fixture_reorg as reorg
from tests.cli_run import run

W26 = Period(*reorg.W26)
W27 = Period(*reorg.W27)
BOTH_WEEKS = Period(W26.start, W27.end)
COHORT = ["received", "received_online", "finished", "resolved_early", "resolved_on_time",
          "resolved_late", "open", "open_overdue"]  # fmt: skip
CODES = {unit["id"]: unit["code"] for unit in reorg.UNITS}
FLOW = ["received", "received_online", "finished", "finished_in_time", "finished_late",
        "overdue_open"]  # fmt: skip


@pytest.fixture
def engine(backend, make_db):
    engine = readonly_engine(make_db(backend, reorg.ROWS))
    yield engine
    engine.dispose()


def _rows(frame: pd.DataFrame, columns) -> dict:
    return {row["group"]: [int(row[c]) for c in columns] for _, row in frame.iterrows()}


def _form(frame: pd.DataFrame) -> list[int]:
    total = frame.iloc[-1]
    return [int(total[f"c{n}"]) for n in range(3, 14)]


def test_areas_through_the_unit_map(engine):
    def codes(code):
        return sorted(CODES[unit] for unit in scope.area(engine, code))

    assert codes("XA-AB") == ["XA-A", "XA-AB", "XA-B"]
    assert codes("HUYEN") == ["HUYEN", "HUYEN-TP", "XA-A", "XA-B", "XA-S"]
    assert len(codes("TINH")) == len(reorg.UNITS)
    assert codes("SO-TN") == ["SO-TN"]
    assert scope.area(engine, "NOWHERE") == frozenset()
    with pytest.raises(scope.UnknownScope):
        scope.ids(scope.scoped(engine, "NOWHERE"))


def test_a_merged_commune_s_scope_in_both_readings(engine):
    commune = scope.scoped(engine, "XA-AB")
    current = figures.cohort_by(commune, W27)
    recorded = figures.cohort_by(commune, W27, units="recorded")
    assert _rows(current, COHORT) == {"XA-AB": [3, 2, 2, 0, 2, 0, 1, 1]}
    assert _rows(recorded, COHORT) == {
        "XA-A": [1, 1, 1, 0, 1, 0, 0, 0],
        "XA-AB": [2, 1, 1, 0, 1, 0, 1, 1],
        "XA-B": [0, 0, 0, 0, 0, 0, 0, 0],
    }
    # The straddling week as a flow, and the week before (all its predecessors').
    week = weekly.week_kpis(commune, W27)
    assert _rows(week, FLOW) == {"XA-AB": [3, 2, 2, 2, 0, 1]}
    assert week.set_index("group").loc["XA-AB", "satisfaction_rate"] == 0.5
    as_recorded = _rows(weekly.week_kpis(commune, W27, units="recorded"), FLOW)
    assert as_recorded == {"XA-A": [1, 1, 1, 1, 0, 0], "XA-AB": [2, 1, 1, 1, 0, 1],
                           "XA-B": [0, 0, 0, 0, 0, 0]}  # fmt: skip
    assert _rows(weekly.week_kpis(commune, W26), FLOW) == {"XA-AB": [2, 1, 2, 1, 1, 0]}
    series = figures.cohort_series(commune, BOTH_WEEKS)
    assert list(series["received"]) == [2, 3]
    assert _form(figures.form06a_rows(commune, W27)) == [3, 2, 1, 0, 2, 0, 2, 0, 1, 0, 1]
    assert list(figures.receiving_units(commune)["group"]) == ["XA-A", "XA-AB", "XA-B"]
    late = LateFilter(BOTH_WEEKS, "late")
    assert list(figures.late_list(commune, late, page_size=None)["code"]) == ["d2"]
    satisfaction = figures.satisfaction_by_unit(commune, W27).set_index("group")
    assert list(satisfaction.index) == ["XA-AB"]
    assert satisfaction.loc["XA-AB", "satisfaction_rate"] == 0.5


def test_a_former_district_s_history(engine):
    district = scope.scoped(engine, "HUYEN")
    for units in ("current", "recorded"):  # its communes stand as they were, both ways
        frame = figures.cohort_by(district, W27, units=units)
        assert _rows(frame[frame["received"] > 0], COHORT) == {
            "XA-A": [1, 1, 1, 0, 1, 0, 0, 0],
            "XA-S": [1, 0, 1, 0, 0, 1, 0, 0],
        }
        assert list(frame["group"]) == ["HUYEN", "XA-A", "XA-B", "XA-S"]
    names = figures.cohort_by(district, W27).set_index("group")["name"]
    assert names["XA-A"] == "Xã A (đến 30/06/2025)"
    assert weekly.week_kpis(district, W26)["received"].sum() == 3  # d1 d2 d3
    # d3 carried over (Đất đai, open), d4 on time, d5 late.
    assert _form(figures.form06a_rows(district, W27)) == [3, 1, 1, 1, 2, 0, 1, 1, 1, 1, 0]
    late = LateFilter(BOTH_WEEKS, "late")
    assert sorted(figures.late_list(district, late, page_size=None)["code"]) == ["d2", "d5"]


def test_the_province_centre_holds_everything_under_it(engine):
    centre = scope.scoped(engine, "TINH")
    for read in (
        lambda e: figures.cohort_by(e, W27),
        lambda e: figures.cohort_by(e, W27, "handling"),
        lambda e: weekly.week_kpis(e, W27),
        lambda e: figures.form06a_rows(e, W27),
        lambda e: figures.late_list(e, LateFilter(BOTH_WEEKS, "late"), page_size=None),
    ):
        pd.testing.assert_frame_equal(read(centre), read(engine))


def test_handling_breakdowns_hold_what_the_scope_handles(engine):
    """A provincial department received nothing: by receiving unit its scope is empty, by
    handling unit it holds d9 and d10, received at the centre and its branch."""
    department = scope.scoped(engine, "SO-TN")
    assert figures.cohort_by(department, W27)["received"].sum() == 0
    assert _rows(figures.cohort_by(department, W27, "handling"), ["received", "open"]) == {
        "SO-TN": [2, 1]
    }
    _, by_handling, weekly_rows = figures.cohort_units_and_weeks(department, W27)
    assert _rows(by_handling, ["received"]) == {"SO-TN": [2]}
    assert weekly_rows["received"].sum() == 0


def test_a_merged_commune_s_officer_sees_its_predecessors_dossiers(engine):
    officer = User("can-bo", "unit", "XA-AB")
    filt = roles.late_filter(roles.grant(officer, "late"), LateFilter(BOTH_WEEKS, "late"))
    for units in ("current", "recorded"):  # the user's rights do not follow the switch
        listed = figures.late_list(engine, filt, page_size=None, units=units)
        assert list(listed["code"]) == ["d2"]


def _json(*args) -> list[dict]:
    outcome = run(*args)
    assert outcome.status == 0, outcome.stderr
    return json.loads(outcome.stdout)


def test_every_command_takes_a_scope(backend, make_db, tmp_path, monkeypatch):
    url = make_db(backend, reorg.ROWS)
    week = ["kpis", "--db", url, "--week", "2025-W27", "--scope"]
    assert {r["group"]: r["received"] for r in _json(*week, "XA-AB")} == {"XA-AB": 3}
    district = {r["group"]: r["received"] for r in _json(*week, "HUYEN", "--units", "recorded")}
    assert district == {"HUYEN": 0, "XA-A": 1, "XA-B": 0, "XA-S": 1}
    monkeypatch.setenv(scope.ENV, "XA-AB")  # a deployment's scope, unless --scope says
    cohort = ["kpis", "--db", url, "--start", "2025-06-30", "--end", "2025-07-06"]
    assert [r["group"] for r in _json(*cohort)] == ["XA-AB"]
    assert sum(r["received"] for r in _json(*cohort, "--scope", "TINH")) == 7
    late = ["late", "--db", url, "--start", "2025-06-23", "--end", "2025-07-06", "--state", "late"]
    assert [r["code"] for r in _json(*late)] == ["d2"]
    assert sorted(r["code"] for r in _json(*late, "--scope", "HUYEN")) == ["d2", "d5"]

    out = tmp_path / f"{backend}.json"
    form = ["form06a", "--db", url, "--start", "2025-06-30", "--end", "2025-07-06"]
    assert run(*form, "--scope", "HUYEN", "--out", str(out)).status == 0
    assert json.loads(out.read_text())[-1]["c3"] == 3  # d3 carried over, d4, d5
    xlsx = tmp_path / f"{backend}.xlsx"
    assert run(*form, "--out", str(xlsx)).status == 0
    sheet = load_workbook(xlsx).active
    assert any(row == ("TẠI XÃ A-B",) for row in sheet.iter_rows(values_only=True, max_col=1))

    message = tmp_path / f"{backend}.txt"
    assert run("brief", "--db", url, "--week", "2025-W27", "--out", str(message)).status == 0
    assert message.read_text().splitlines()[0] == "Xã A-B"

    refused = run(*week, "KHONG-CO")
    assert refused.status != 0 and "KHONG-CO" in refused.stderr and not refused.stdout
