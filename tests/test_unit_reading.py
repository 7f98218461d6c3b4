"""Both readings of a figure by unit across the reorganisation (tests/fixture_reorg.py, worked
by hand), on SQLite and PostgreSQL; a database without the optional table and columns, or
with them empty, gives exactly the figures it gave before."""

import json
from datetime import date

import pandas as pd
import pytest
from sqlalchemy import event

from dashboard import figures, weekly
from dashboard.unit_reading import reading_map
from queries import succession
from queries.connection import readonly_engine
from queries.late import LateFilter
from queries.period import Period
from queries.succession import unit_map
from tests import fixture_reorg as reorg
from tests import fixture_week
from tests.cli_run import run

W26 = Period(*reorg.W26)
W27 = Period(*reorg.W27)
COHORT = ["received", "received_online", "finished", "resolved_early", "resolved_on_time",
          "resolved_late", "open", "open_overdue"]  # fmt: skip


@pytest.fixture
def engine(backend, make_db):
    engine = readonly_engine(make_db(backend, reorg.ROWS))
    yield engine
    engine.dispose()


def _by_group(frame: pd.DataFrame, columns) -> dict:
    rows = frame[frame[columns].sum(axis=1) > 0]
    return {row["group"]: [int(row[c]) for c in columns] for _, row in rows.iterrows()}


def test_the_map_follows_mergers_and_leaves_split_and_dissolved_units_as_they_were(engine):
    units = unit_map(engine)
    assert units.current_code("XA-A") == units.current_code("XA-B") == "XA-AB"
    assert units.current_code("XA-S") == "XA-S"  # split: its history belongs to neither
    assert units.current_code("HUYEN-TP") == "HUYEN-TP"  # dissolved
    assert units.member_codes("XA-AB") == ("XA-AB", "XA-A", "XA-B")
    assert units.end_of("XA-S") == units.end_of("HUYEN") == reorg.DATE
    assert units.end_of("XA-AB") is None
    assert units.dates == (reorg.DATE,)


def test_w27_cohort_by_unit_in_both_readings(engine):
    recorded = figures.cohort_by(engine, W27, units="recorded")
    current = figures.cohort_by(engine, W27)
    assert _by_group(recorded, COHORT) == {
        "XA-A": [1, 1, 1, 0, 1, 0, 0, 0],
        "XA-AB": [2, 1, 1, 0, 1, 0, 1, 1],
        "XA-S": [1, 0, 1, 0, 0, 1, 0, 0],
        "XA-S2": [1, 0, 0, 0, 0, 0, 1, 0],
        "TINH": [1, 1, 0, 0, 0, 0, 1, 0],
        "TINH-CN1": [1, 0, 1, 1, 0, 0, 0, 0],
    }
    assert _by_group(current, COHORT) == {
        "XA-AB": [3, 2, 2, 0, 2, 0, 1, 1],
        "XA-S": [1, 0, 1, 0, 0, 1, 0, 0],
        "XA-S2": [1, 0, 0, 0, 0, 0, 1, 0],
        "TINH": [1, 1, 0, 0, 0, 0, 1, 0],
        "TINH-CN1": [1, 0, 1, 1, 0, 0, 0, 0],
    }
    names = dict(zip(current["group"], current["name"], strict=True))
    # Every unit listed, the ended ones with their last day; merged ones only as recorded.
    assert list(current["group"]) == ["TINH", "TINH-CN1", "HUYEN", "XA-AB", "XA-S", "XA-S2"]
    assert names["HUYEN"] == "Bộ phận Một cửa huyện (đến 30/06/2025)"
    assert names["XA-S"] == "Xã S (đến 30/06/2025)"
    assert names["XA-AB"] == "Xã A-B"
    assert current.loc[current["group"] == "XA-AB", "on_time_rate"].item() == 1.0
    assert "XA-A" in set(recorded["group"]) and "XA-B" in set(recorded["group"])
    for column in COHORT:
        assert current[column].sum() == recorded[column].sum()
    assert current["received"].sum() == 7


def test_one_merged_commune_by_today_s_units_holds_its_predecessors(engine):
    current = figures.cohort_by(engine, W27, received_unit="XA-AB")
    recorded = figures.cohort_by(engine, W27, received_unit="XA-AB", units="recorded")
    assert _by_group(current, COHORT) == {"XA-AB": [3, 2, 2, 0, 2, 0, 1, 1]}
    assert _by_group(recorded, COHORT) == {"XA-AB": [2, 1, 1, 0, 1, 0, 1, 1]}
    # Its weeks run through the date as one line.
    span = Period(W26.start, W27.end)
    series = figures.cohort_series(engine, span, received_unit="XA-AB")
    assert list(series["received"]) == [2, 3]
    as_recorded = figures.cohort_series(engine, span, received_unit="XA-AB", units="recorded")
    assert list(as_recorded["received"]) == [0, 2]


def test_the_straddling_week_as_a_flow_and_the_week_before(engine):
    flow = ["received", "received_online", "finished", "finished_in_time", "finished_late",
            "overdue_open"]  # fmt: skip
    current = weekly.week_kpis(engine, W27)
    recorded = weekly.week_kpis(engine, W27, units="recorded")
    assert _by_group(current, flow)["XA-AB"] == [3, 2, 2, 2, 0, 1]
    assert current.set_index("group").loc["XA-AB", "satisfaction_rate"] == 0.5
    assert _by_group(recorded, flow)["XA-AB"] == [2, 1, 1, 1, 0, 1]
    assert _by_group(recorded, flow)["XA-A"] == [1, 1, 1, 1, 0, 0]
    assert recorded.set_index("group").loc["XA-AB", "satisfaction_rate"] == 0.0
    for column in flow:
        assert current[column].sum() == recorded[column].sum()

    overview = weekly.week_overview(engine, W27)
    assert "XA-A" not in set(overview.units["group"])
    before = weekly.week_kpis(engine, W26)
    assert _by_group(before, flow)["XA-AB"] == [2, 1, 2, 1, 1, 0]
    assert "XA-AB" not in _by_group(weekly.week_kpis(engine, W26, units="recorded"), flow)


def _form(frame: pd.DataFrame) -> list[int]:
    total = frame.iloc[-1]
    return [int(total[f"c{n}"]) for n in range(3, 14)]


def test_form06a_by_unit_and_by_level(engine):
    assert _form(figures.form06a_rows(engine, W27, unit="XA-AB")) == [
        3, 2, 1, 0, 2, 0, 2, 0, 1, 0, 1]  # fmt: skip
    assert _form(figures.form06a_rows(engine, W27, unit="XA-AB", units="recorded")) == [
        2, 1, 1, 0, 1, 0, 1, 0, 1, 0, 1]  # fmt: skip
    district = figures.form06a_rows(engine, W27, level="district")
    assert _form(district) == [1, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0]
    assert list(district["field"][:-1]) == ["Đất đai"]
    assert _form(figures.form06a_rows(engine, W27, level="province")) == [
        2, 1, 1, 0, 1, 1, 0, 0, 1, 1, 0]  # fmt: skip
    assert _form(figures.form06a_rows(engine, W27, level="commune")) == [
        5, 2, 3, 0, 3, 0, 2, 1, 2, 1, 1]  # fmt: skip
    assert _form(figures.form06a_rows(engine, W27))[0] == 8


def test_late_list_filter_scope_and_breakdown(engine):
    span = Period(W26.start, W27.end)
    late = LateFilter(span, "late", received_unit="XA-AB")
    assert list(figures.late_list(engine, late, page_size=None)["code"]) == ["d2"]
    assert figures.late_count(engine, late) == 1
    assert figures.late_count(engine, late, units="recorded") == 0
    signed_in = LateFilter(span, "late", unit_scope="XA-AB")
    assert figures.late_count(engine, signed_in) == 1
    # A unit user's area is theirs whatever the reading (queries.scope.area).
    assert figures.late_count(engine, signed_in, units="recorded") == 1

    every = LateFilter(span, "late")
    current = figures.late_breakdown(engine, every, "handling")
    recorded = figures.late_breakdown(engine, every, "handling", units="recorded")
    assert _by_group(current, ["count", "base"]) == {"XA-AB": [1, 4], "XA-S": [1, 1]}
    assert current.set_index("group").loc["XA-AB", "share"] == 0.25
    assert current.set_index("group").loc["XA-S", "name"] == "Xã S (đến 30/06/2025)"
    assert _by_group(recorded, ["count", "base"]) == {"XA-B": [1, 1], "XA-S": [1, 1]}


def test_satisfaction_by_unit_in_both_readings(engine):
    current = figures.satisfaction_by_unit(engine, W27).set_index("group")
    recorded = figures.satisfaction_by_unit(engine, W27, units="recorded").set_index("group")
    assert current.loc["XA-AB", "satisfaction_rate"] == 0.5
    assert "XA-A" not in current.index
    assert recorded.loc["XA-A", "satisfaction_rate"] == 1.0
    assert recorded.loc["XA-AB", "satisfaction_rate"] == 0.0


WEEK45 = Period(date(2024, 11, 4), date(2024, 11, 10))


@pytest.mark.parametrize(
    "rows", [fixture_week.ROWS, reorg.with_empty_reorganisation(fixture_week.ROWS)]
)
def test_a_database_that_never_reorganised_reads_the_same_both_ways(backend, make_db, rows):
    engine = readonly_engine(make_db(backend, rows))
    assert reading_map(engine, "current").is_identity
    for frame in (
        lambda units: weekly.week_kpis(engine, WEEK45, units=units),
        lambda units: figures.cohort_by(engine, WEEK45, units=units),
        lambda units: figures.cohort_by(engine, WEEK45, "handling", units=units),
        lambda units: figures.form06a_rows(engine, WEEK45, unit="CTA", units=units),
        lambda units: figures.late_breakdown(engine, LateFilter(WEEK45), "handling", units),
    ):
        pd.testing.assert_frame_equal(frame("current"), frame("recorded"))
    # The figures fixture_week worked out by hand (tests/test_cli_week.py reads them too).
    week = weekly.week_kpis(engine, WEEK45).set_index("group")
    assert week.loc["CTA", ["received", "finished", "overdue_open"]].tolist() == [4, 6, 2]
    assert list(week.index) == ["CTA", "CTA-BN", "CTA-MN"]
    engine.dispose()


def _json(*args) -> list[dict]:
    outcome = run(*args)
    assert outcome.status == 0, outcome.stderr
    return json.loads(outcome.stdout)


def _groups(records: list[dict], key: str) -> dict:
    return {record["group"]: record[key] for record in records if record[key]}


def test_the_commands_read_by_today_s_units_unless_asked_as_recorded(backend, make_db, tmp_path):
    url = make_db(backend, reorg.ROWS)
    for command in (["kpis", "--week", "2025-W27"], ["kpis", "--start", "2025-06-30",
                                                     "--end", "2025-07-06"]):  # fmt: skip
        current = _json(*command, "--db", url)
        recorded = _json(*command, "--db", url, "--units", "recorded")
        assert _groups(current, "received")["XA-AB"] == 3
        assert _groups(recorded, "received")["XA-AB"] == 2
        assert "XA-A" not in _groups(current, "received")
    topic = ["kpis", "--topic", "satisfaction", "--start", "2025-06-30", "--end", "2025-07-06"]
    assert _groups(_json(*topic, "--db", url), "ratings")["XA-AB"] == 2
    assert _groups(_json(*topic, "--db", url, "--units", "recorded"), "ratings")["XA-AB"] == 1

    late = ["late", "--db", url, "--start", "2025-06-23", "--end", "2025-07-06"]
    late += ["--state", "late", "--unit", "XA-AB"]
    assert [row["code"] for row in _json(*late)] == ["d2"]
    assert _json(*late, "--units", "recorded") == []

    form = ["form06a", "--db", url, "--start", "2025-06-30", "--end", "2025-07-06"]
    for units, expected in (("current", 3), ("recorded", 2)):
        out = tmp_path / f"{backend}-{units}.json"
        assert run(*form, "--unit", "XA-AB", "--units", units, "--out", str(out)).status == 0
        assert json.loads(out.read_text())[-1]["c3"] == expected
    out = tmp_path / f"{backend}-province.json"
    assert run(*form, "--level", "province", "--out", str(out)).status == 0
    assert json.loads(out.read_text())[-1]["c3"] == 2
    for units in ("current", "recorded"):
        out = tmp_path / f"{backend}-{units}.txt"
        brief = ["brief", "--db", url, "--week", "2025-W27", "--units", units, "--out", str(out)]
        assert run(*brief).status == 0
        assert out.read_text()


def test_ranks_hold_only_units_in_service_and_the_ended_are_listed_apart(engine):
    overview = weekly.week_overview(engine, W27)
    assert list(overview.units["group"]) == ["TINH", "TINH-CN1", "XA-AB", "XA-S2"]
    assert list(overview.ended["group"]) == ["HUYEN", "XA-S"]
    assert overview.total["received"].item() == 7
    as_recorded = weekly.week_overview(engine, W27, units="recorded")
    assert list(as_recorded.ended["group"]) == ["HUYEN", "XA-A", "XA-B", "XA-S"]
    assert as_recorded.total["received"].item() == 7
    # The week before the date: every unit still served on its last day.
    assert weekly.week_overview(engine, W26).ended.empty


def test_a_weekly_chart_crossing_the_date_marks_it(engine):
    from dashboard import charts
    from dashboard.unit_reading import succession_dates

    span = Period(W26.start, W27.end)
    series = figures.cohort_series(engine, span, received_unit="XA-AB")
    marked = succession_dates(engine)
    spec = json.dumps(
        charts.weekly_counts(series, "received", "Tiếp nhận", "#000", marked).to_dict(),
        default=str,
        ensure_ascii=False,
    )
    assert "Sắp xếp đơn vị hành chính 01/07/2025" in spec
    before = figures.cohort_series(engine, W26, received_unit="XA-AB")
    spec = json.dumps(
        charts.weekly_counts(before, "received", "Tiếp nhận", "#000", marked).to_dict(),
        default=str,
        ensure_ascii=False,
    )
    assert "Sắp xếp đơn vị" not in spec


def test_the_map_is_read_once_a_minute_per_database(make_db, monkeypatch):
    """A page asks for the map once per figure: the database is asked once a minute."""
    engine = readonly_engine(make_db("sqlite", reorg.ROWS))
    sent = []
    event.listen(engine, "before_cursor_execute", lambda *args: sent.append(args[2]))
    first = succession.unit_map(engine)
    asked = len(sent)
    assert asked and succession.unit_map(engine) is first and len(sent) == asked
    monkeypatch.setattr(succession, "MAP_TTL_SECONDS", 0.0)  # a minute later
    assert succession.unit_map(engine) == first and len(sent) > asked
