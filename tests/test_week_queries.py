"""The week as a flow, on SQLite (both timestamp forms) and PostgreSQL: fixture_week.py."""

from datetime import date

import pytest

from queries.connection import readonly_engine
from queries.period import Period
from queries.week import COUNTS, week_flow, weeks_of
from tests import fixture_week

W44, W45 = Period.iso_week(2024, 44), Period.iso_week(2024, 45)
LEVELS = ["very_satisfied", "satisfied", "dissatisfied"]


@pytest.fixture
def engine(backend, make_db):
    return readonly_engine(make_db(backend, fixture_week.ROWS))


def figures(frame, week: Period) -> dict:
    rows = frame[frame["week"] == week.start]
    return {row["group"]: [row[c] for c in [*COUNTS, *LEVELS]] for row in rows.to_dict("records")}


def test_one_week_by_receiving_unit(engine):
    frame = week_flow(engine, W45)
    assert frame["week"].tolist() == [date(2024, 11, 4)] * 3
    assert frame["end"].tolist() == [date(2024, 11, 10)] * 3
    # received, online, finished, in time, late, overdue_open; ratings by level
    assert figures(frame, W45) == {
        "CTA": [4, 1, 6, 4, 2, 2, 2, 0, 1],
        "CTA-MN": [2, 1, 1, 0, 1, 1, 0, 1, 0],
        "CTA-BN": [0, 0, 0, 0, 0, 0, 0, 0, 0],
    }
    assert frame["kind"].tolist() == ["district", "commune", "commune"]


def test_several_weeks_come_out_as_each_week_alone(engine):
    frame = week_flow(engine, Period(W44.start, W45.end))
    assert figures(frame, W45) == figures(week_flow(engine, W45), W45)
    assert figures(frame, W44) == {
        "CTA": [6, 0, 1, 0, 1, 2, 0, 0, 1],
        "CTA-MN": [0, 0, 0, 0, 0, 1, 0, 0, 0],
        "CTA-BN": [0, 0, 0, 0, 0, 0, 0, 0, 0],
    }


def test_a_week_still_running_ends_at_the_last_day(engine):
    # Monday to Wednesday of week 45: w9, m1 and m2 not yet received; w3, w5, m1 not yet
    # finished; w2 finished 05/11 late; at 07/11 00:00 w7 and w11 (due 05/11 17:00) are
    # overdue, w6 was withdrawn the day before.
    frame = week_flow(engine, Period(W45.start, date(2024, 11, 6)))
    assert frame["end"].tolist() == [date(2024, 11, 6)] * 3
    assert figures(frame, W45)["CTA"] == [3, 1, 3, 2, 1, 2, 2, 0, 0]


def test_weeks_of_a_span():
    weeks = weeks_of(Period(date(2024, 11, 6), date(2024, 11, 13)))
    assert weeks == [W45, Period(date(2024, 11, 11), date(2024, 11, 13))]
