"""The weekly overview's figures on SQLite (both forms) and PostgreSQL, worked out by hand.

The rows and where each one lands are in fixture_overview.py. The week arithmetic is
queries.period's, the backlog queries.backlog's, the overview assembled dashboard.weekly.
"""

import math
from datetime import date, datetime, timedelta

import pytest

from dashboard.totals import ALL
from dashboard.weekly import KPIS, week_overview
from queries import backlog
from queries.backlog import overdue_backlog, overdue_by_unit_id
from queries.connection import readonly_engine
from queries.period import Period, last_complete_week, week_before, week_of
from tests import fixture_damaged, fixture_late, fixture_overview

LAST_DAY = date(*fixture_overview.LAST_DAY)
WEEK_48 = Period.iso_week(2022, 48)


def test_the_week_picker_arithmetic():
    # Data to Wednesday 07/12: the last complete week is 48; this week runs to 07/12.
    assert last_complete_week(LAST_DAY) == WEEK_48
    assert week_of(LAST_DAY, LAST_DAY) == Period(date(2022, 12, 5), date(2022, 12, 7))
    # Data to a Sunday: that week is complete.
    assert last_complete_week(date(2022, 12, 4)) == WEEK_48
    assert week_of(date(2022, 11, 30), LAST_DAY) == WEEK_48
    # The week before, day for day.
    assert week_before(WEEK_48) == Period.iso_week(2022, 47)
    assert week_before(Period(date(2022, 12, 5), date(2022, 12, 7))) == Period(
        date(2022, 11, 28), date(2022, 11, 30)
    )


@pytest.fixture
def engine(backend, make_db):
    engine = readonly_engine(make_db(backend, fixture_overview.ROWS))
    yield engine
    engine.dispose()


def _kpis(row):
    return tuple(None if _nan(row[k]) else row[k] for k in KPIS)


def _nan(value):
    return isinstance(value, float) and math.isnan(value)


def test_backlog_counts_every_open_overdue_dossier_whenever_received(engine):
    moments = [
        datetime(2022, 11, 21),
        datetime(2022, 11, 28),
        datetime(2022, 12, 5),
        datetime(2022, 12, 8),
    ]
    frame = overdue_backlog(engine, moments)
    got = {(row["group"], row["as_of"]): row["overdue_open"] for row in frame.to_dict("records")}
    assert got == {
        # c1 (due 20/11) from 21/11 on; a4 (due 07/12 17:00) on 08/12; c2 paused: never.
        ("CTA", moments[0]): 1,
        ("CTA", moments[1]): 1,
        ("CTA", moments[2]): 1,
        ("CTA", moments[3]): 2,
        # b3 (received 03/12, due 04/12 17:00), open.
        ("CTA-MN", moments[0]): 0,
        ("CTA-MN", moments[1]): 0,
        ("CTA-MN", moments[2]): 1,
        ("CTA-MN", moments[3]): 1,
        # c3 (due 24/11) until it is resolved on 06/12.
        ("CTA-BN", moments[0]): 0,
        ("CTA-BN", moments[1]): 1,
        ("CTA-BN", moments[2]): 1,
        ("CTA-BN", moments[3]): 0,
    }


@pytest.mark.parametrize(
    ("rows", "last"),
    [
        (fixture_overview.ROWS, datetime(2022, 12, 8)),
        (fixture_late.ROWS, datetime(2022, 4, 4)),
        # d13, resolved without finished_at: overdue by the part of ended statuses with none.
        (fixture_damaged.ROWS, fixture_damaged.NOW),
    ],
)
def test_the_backlog_is_the_same_in_one_statement_or_in_three_parts(
    backend, make_db, monkeypatch, rows, last
):
    engine = readonly_engine(make_db(backend, rows, loose=rows is fixture_damaged.ROWS))
    moments = [last - timedelta(days=3 * n) for n in range(14)]

    def counted() -> list[tuple]:
        frame = overdue_by_unit_id(engine, moments).fillna({"id": -1}).sort_values(["id", "as_of"])
        return list(frame.itertuples(index=False, name=None))

    one_statement = counted()  # few late finishes in the fixtures
    monkeypatch.setattr(backlog, "MANY_LATE_SINCE", 0)
    assert counted() == one_statement
    assert sum(count for *_, count in one_statement) > 0
    engine.dispose()


def test_week_48(engine):
    overview = week_overview(engine, WEEK_48)
    assert overview.previous == Period.iso_week(2022, 47)
    assert overview.has_ratings
    units = {row["group"]: row for row in overview.units.to_dict("records")}
    assert list(units) == ["CTA", "CTA-BN", "CTA-MN"]
    # KPIS (the week as a flow): received, online_rate, on_time_rate (of those finished in
    # the week), finished_late, overdue_open (at the week's end), satisfaction.
    # CTA: a1–a4; online a1, a3; finished a1 (early), a2 (late), a3; backlog c1;
    # ratings 3 of 4 satisfied.
    assert _kpis(units["CTA"]) == pytest.approx((4, 0.5, 2 / 3, 1, 1, 0.75))
    # Một Ngàn: b1–b3; online b1, b2, both finished in time; backlog b3; 1 of 1.
    assert _kpis(units["CTA-MN"]) == pytest.approx((3, 2 / 3, 1.0, 0, 1, 1.0))
    # Bảy Ngàn received nothing; c3 is in its backlog.
    assert _kpis(units["CTA-BN"]) == (0, None, None, 0, 1, None)
    # All together: 7 received, 4 online, 4 of 5 finished in time, 1 late, 3 overdue, 4/5.
    assert overview.total["group"].tolist() == [ALL]
    assert _kpis(overview.total.iloc[0]) == pytest.approx((7, 4 / 7, 0.8, 1, 3, 0.8))
    # Week 47: c3, d1, d2; d1 online; d1, d2 finished in time; c1 and c3 overdue on 28/11;
    # one rating, dissatisfied.
    assert _kpis(overview.previous_total.iloc[0]) == pytest.approx((3, 1 / 3, 1.0, 0, 2, 0.0))


def test_trend_of_twelve_weeks(engine):
    trend = week_overview(engine, WEEK_48).trend
    assert len(trend) == 12
    assert trend["period"].iloc[0] == date(2022, 9, 12)  # week 37
    rows = {row["period"]: row for row in trend.to_dict("records")}
    assert _kpis(rows[date(2022, 11, 28)]) == pytest.approx((7, 4 / 7, 0.8, 1, 3, 0.8))
    assert _kpis(rows[date(2022, 11, 21)]) == pytest.approx((3, 1 / 3, 1.0, 0, 2, 0.0))
    # Week 46: c2 received (paused); at its end, 21/11, c1 is overdue; no ratings.
    assert _kpis(rows[date(2022, 11, 14)]) == (1, 0.0, None, 0, 1, None)
    # Week 45: c1 received, not yet due at 14/11.
    assert _kpis(rows[date(2022, 11, 7)]) == (1, 0.0, None, 0, 0, None)
    assert _kpis(rows[date(2022, 9, 12)]) == (0, None, None, 0, 0, None)


def test_own_averages_over_the_twelve_weeks_before(engine):
    averages = {
        row["group"]: row for row in week_overview(engine, WEEK_48).averages.to_dict("records")
    }
    # CTA, weeks 36–47: c1, c2, d1, d2 received (4/12 a week); d1 online (1/4); d1, d2
    # finished in time (1.0); no late; c1 overdue at the ends of weeks 46 and 47 (2/12);
    # one rating, dissatisfied (0.0).
    assert _kpis(averages["CTA"]) == pytest.approx((4 / 12, 0.25, 1.0, 0, 2 / 12, 0.0))
    # Bảy Ngàn: c3, open at 28/11 and overdue then.
    assert _kpis(averages["CTA-BN"]) == pytest.approx((1 / 12, 0.0, None, 0, 1 / 12, None))
    assert _kpis(averages["CTA-MN"]) == (0, None, None, 0, 0, None)


def test_current_week_to_date_against_the_same_days_before(engine):
    overview = week_overview(engine, week_of(LAST_DAY, LAST_DAY))
    assert overview.previous == Period(date(2022, 11, 28), date(2022, 11, 30))
    # 05/12–07/12: e1, e2 received; finished e1 in time and c3 (received in week 47, due
    # 24/11) late on 06/12: the flow counts it this week; backlog on 08/12: c1, a4, b3;
    # rating 7 satisfied.
    assert _kpis(overview.total.iloc[0]) == pytest.approx((2, 0.0, 0.5, 1, 3, 1.0))
    units = overview.units.set_index("group")
    assert units.at["CTA-BN", "finished_late"] == 1 and units.at["CTA-BN", "received"] == 0
    # 28/11–30/11, as of 01/12: a1–a3; a2 still open (due 02/12); backlog c1, c3;
    # ratings 1–3 all satisfied.
    assert _kpis(overview.previous_total.iloc[0]) == pytest.approx((3, 2 / 3, 1.0, 0, 2, 1.0))
    assert overview.trend["period"].iloc[-1] == date(2022, 12, 5)
    assert overview.trend["overdue_open"].iloc[-1] == 3


def test_without_a_ratings_table_the_rest_works(backend, make_db):
    rows = {name: r for name, r in fixture_overview.ROWS.items() if name != "ratings"}
    url = make_db(backend, rows, fixture_overview.TABLES_WITHOUT_RATINGS)
    engine = readonly_engine(url)
    overview = week_overview(engine, WEEK_48)
    engine.dispose()
    assert not overview.has_ratings
    assert _kpis(overview.total.iloc[0])[:5] == pytest.approx((7, 4 / 7, 0.8, 1, 3))
    assert overview.units["satisfaction_rate"].isna().all()
    assert overview.trend["satisfaction_rate"].isna().all()
