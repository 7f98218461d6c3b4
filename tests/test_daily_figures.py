"""The units view's figures from the daily counts the dashboard keeps (queries/cohort_days.py,
dashboard/figures_store.py, dashboard/daily_figures.py) equal the live query
(queries.cohort.cohort_units_and_weeks), frame for frame: on every fixture with dossiers,
for periods ending on each day a dossier was received, fell due or finished (the days
where a state changes), on SQLite (both timestamp forms) and PostgreSQL; and after rows
were added, finished, paused, reopened, removed or repaired since they were counted, once
the look that sees the change has run (a page's own QUICK look, the hourly sweep, the
daily full count)."""

from datetime import date, datetime, timedelta

import pandas as pd
import pytest

from dashboard import daily_figures
from dashboard.figures_store import Store
from queries import cohort, cohort_days
from queries.connection import readonly_engine
from queries.period import Period
from queries.quality_parts import NONE, OTHER, Level
from tests import (
    fixture_766,
    fixture_766_lists,
    fixture_cohort,
    fixture_damaged,
    fixture_form06a,
    fixture_late,
    fixture_overview,
    fixture_reorg,
    fixture_rows,
    fixture_week,
)
from tests.writes import dossier, write

FIXTURES = {
    "cohort": fixture_cohort.ROWS,
    "week": fixture_week.ROWS,
    "overview": fixture_overview.ROWS,
    "late": fixture_late.ROWS,
    "form06a": fixture_form06a.ROWS,
    "reorg": fixture_reorg.ROWS,
    "766": fixture_766.ROWS,
    "766_lists": fixture_766_lists.ROWS,
    "damaged": fixture_damaged.ROWS,
}
TIMES = ("received_at", "due_at", "finished_at")
MINUTE = timedelta(minutes=1)


def _rows(name: str, backend: str) -> dict:
    return fixture_rows.rows(backend) if name == "rows" else FIXTURES[name]


def periods(rows: dict, most: int = 8) -> list[Period]:
    """Periods ending the day before, on and after each day of the rows' times, starting
    on the first of their month and year, and one day long: `most` of them, spread."""
    days = sorted(
        {
            value.date()
            for row in rows["dossiers"]
            for value in (row.get(column) for column in TIMES)
            if isinstance(value, datetime) and 2000 <= value.year < 2100
        }
    )
    found = set()
    for day in days:
        for end in (day - timedelta(days=1), day, day + timedelta(days=1)):
            found |= {
                Period(end.replace(day=1), end),
                Period(date(end.year, 1, 1), end),
                Period(end, end),
            }
    found = sorted(found, key=lambda p: (p.end, p.start))
    step = max(1, len(found) // most)
    return found[::step]


def assert_equal_to_live(engine, store: Store, period: Period) -> None:
    kept = cohort.units_and_weeks(engine, period, store.units_and_weeks(period))
    live = cohort.cohort_units_and_weeks(engine, period)
    for mine, theirs in zip(kept, live, strict=True):
        pd.testing.assert_frame_equal(mine, theirs, check_dtype=False)


def _counts(frame: pd.DataFrame) -> pd.DataFrame:
    """The period's counts (`cohort.unit_week_counts`' columns) in one order and form: unit
    ids without NULLs, weeks as dates, counts as integers."""
    frame = frame.fillna({"receiving": -1, "handling": -1})
    frame["period"] = pd.to_datetime(frame["period"]).dt.date
    keys = ["receiving", "handling", "period"]
    return frame.astype({column: "int64" for column in frame.columns if column != "period"})[
        [*keys, *sorted(set(frame.columns) - set(keys))]
    ].sort_values(keys, ignore_index=True)


def assert_counts_equal_to_live(engine, store: Store, period: Period) -> None:
    """What the units view sums (every count by receiving unit, handling unit and week),
    kept and live: the same rows, so the same figures (`assert_equal_to_live`)."""
    kept = store.units_and_weeks(period)
    live = cohort.unit_week_counts(engine, period)
    pd.testing.assert_frame_equal(_counts(kept), _counts(live), check_dtype=False)


def built(engine, tmp_path, at: datetime | None = None) -> tuple[Store, cohort_days.Daily]:
    store = Store(tmp_path / "figures.sqlite")
    state = store.load()
    with store.saving(state, whole=True) as keep:
        cohort_days.refresh(engine, state, keep, at)
    return store, state


@pytest.mark.parametrize("name", [*FIXTURES, "rows"])
def test_the_kept_figures_equal_the_live_query_on_every_fixture(name, backend, make_db, tmp_path):
    rows = _rows(name, backend)
    engine = readonly_engine(make_db(backend, rows, loose=name in ("damaged", "rows")))
    store, _ = built(engine, tmp_path)
    spread = periods(rows)
    for period in spread:
        assert_counts_equal_to_live(engine, store, period)
    assert_equal_to_live(engine, store, spread[-1])  # and the figures drawn from them


def test_the_first_count_hands_its_rows_over_a_month_at_a_time(backend, make_db):
    """A first count of millions of dossiers never holds them all: each statement's rows (a
    month of days) go to the store as read, and the state keeps only which keys changed."""
    engine = readonly_engine(make_db(backend, fixture_cohort.ROWS))
    handed, state = [], cohort_days.Daily()
    cohort_days.refresh(engine, state, handed.append)
    months = [{key[:7] for key in batch if key not in (NONE, OTHER)} for batch in handed]
    assert len(handed) > 1 and all(len(month) <= 1 for month in months)
    assert len({month for found in months for month in found}) == len(handed)
    assert state.changed == {key for batch in handed for key in batch}
    received = sum(row[-1] for batch in handed for found in batch.values() for row in found)
    assert received + sum(row[-1] for row in state.live) == len(fixture_cohort.ROWS["dossiers"])


def test_a_count_that_fails_midway_leaves_the_store_as_it_was(make_db, tmp_path):
    engine = readonly_engine(make_db("sqlite", fixture_cohort.ROWS))
    store, state = built(engine, tmp_path)
    period = Period(date(2000, 1, 1), date(2099, 12, 30))  # everything kept
    before = store.units_and_weeks(period)
    with pytest.raises(RuntimeError), store.saving(state, whole=True) as keep:
        keep({key: [] for key in state.parts})  # every day emptied, then the count fails
        raise RuntimeError("the source went away")
    pd.testing.assert_frame_equal(store.units_and_weeks(period), before)
    assert not before.empty


def test_a_period_outside_2000_2099_is_read_live():
    assert not cohort_days.answers(Period(date(1999, 12, 31), date(2000, 1, 5)))
    assert not cohort_days.answers(Period(date(2099, 12, 1), date(2100, 1, 1)))
    assert cohort_days.answers(Period(date(2000, 1, 1), date(2099, 12, 31)))


def _frames_equal(first, second) -> None:
    for mine, theirs in zip(first, second, strict=True):
        pd.testing.assert_frame_equal(mine, theirs, check_dtype=False)


NOW = fixture_damaged.NOW
QUICK = [
    # Received since the last look: open, and finished late at an unknown unit.
    dossier(30, "d30", NOW - 30 * MINUTE, NOW + timedelta(days=2), None, "processing", "online"),
    dossier(
        31, "d31", NOW - 20 * MINUTE, NOW - 15 * MINUTE, NOW - 10 * MINUTE, "resolved", unit=99
    ),
    # An open dossier of W45 finished, another paused, a finished one reopened.
    ("UPDATE dossiers SET status = 'resolved', finished_at = :t WHERE code = 'd3'", {"t": NOW}),
    ("UPDATE dossiers SET status = 'paused' WHERE code = 'd17'", {}),
    ("UPDATE dossiers SET status = 'processing' WHERE code = 'd1'", {}),
]
SWEEP = [
    ("DELETE FROM dossiers WHERE code = 'd15'", {}),  # settled, received 08/11
    dossier(32, "d32", datetime(2024, 11, 5, 9), datetime(2024, 11, 6), None, "withdrawn"),
]
FULL = [("UPDATE dossiers SET channel = 'online' WHERE code = 'd4'", {})]  # repaired in place
W45 = Period(date(2024, 11, 4), date(2024, 11, 10))
CHANGED = [W45, Period(date(2024, 11, 1), date(2024, 11, 20)), Period(date(2024, 1, 1), NOW.date())]


def _kept(engine, store: Store, period: Period):
    return cohort.units_and_weeks(engine, period, store.units_and_weeks(period))


def test_a_day_changed_after_it_was_counted_is_counted_again(backend, own_db, tmp_path):
    url = own_db(backend, fixture_damaged.ROWS)
    engine = readonly_engine(url)
    store, state = built(engine, tmp_path, NOW)
    before = _kept(engine, store, W45)

    write(url, backend, QUICK)
    _frames_equal(_kept(engine, store, W45), before)  # nothing read yet: as counted
    assert not before[0].equals(cohort.cohort_units_and_weeks(engine, W45)[0])
    with store.saving(state, whole=False) as keep:
        cohort_days.refresh(engine, state, keep, NOW + 5 * MINUTE, Level.QUICK)
    for period in CHANGED:
        assert_equal_to_live(engine, store, period)

    write(url, backend, SWEEP)
    with store.saving(state, whole=False) as keep:
        cohort_days.refresh(engine, state, keep, NOW + 10 * MINUTE, Level.SWEEP)
    for period in CHANGED:
        assert_equal_to_live(engine, store, period)

    write(url, backend, FULL)
    with store.saving(state, whole=True) as keep:
        cohort_days.refresh(engine, state, keep, NOW + 15 * MINUTE, Level.FULL)
    for period in CHANGED:
        assert_equal_to_live(engine, store, period)


def test_a_page_looks_for_changes_before_it_answers_from_the_store(own_db, monkeypatch):
    """The page's path: live until something is kept; then each answer after its own QUICK
    look, so rows received or finished a moment ago are in it (and in "Dữ liệu đến")."""
    url = own_db("sqlite", fixture_damaged.ROWS)
    engine = readonly_engine(url)
    store = daily_figures.store_for(engine)
    read_live = []
    live = cohort.cohort_units_and_weeks
    monkeypatch.setattr(
        cohort, "cohort_units_and_weeks", lambda *a: read_live.append(a) or live(*a)
    )
    first = daily_figures.units_and_weeks(engine, W45)
    assert len(read_live) == 1 and store.times() is None  # nothing kept: read live

    assert daily_figures.due(store, NOW)
    assert daily_figures.check(engine, store, NOW)  # the first count, in the background
    assert not daily_figures.due(store, NOW + 5 * MINUTE)  # a QUICK look is the page's
    _frames_equal(daily_figures.units_and_weeks(engine, W45), first)
    assert len(read_live) == 1

    write(url, "sqlite", QUICK)
    _frames_equal(daily_figures.units_and_weeks(engine, W45), live(engine, W45))
    assert len(read_live) == 1
    with store.counting():  # a check holds the store: the page reads live
        daily_figures.units_and_weeks(engine, W45)
    assert len(read_live) == 2
