"""The 766 estimate of several months in one pass (the page's twelve months): each month as
the estimate of that month alone, June 2025 of tests/fixture_766.py worked out by hand, on
SQLite and PostgreSQL; progress as Biểu II.06a counts it; the demo's months alike."""

import math

import pandas as pd
import pytest

from dashboard.index766 import DUE, index766_by_period, index766_by_unit
from queries import index766
from queries.connection import readonly_engine
from queries.form06a import form06a
from queries.period import Period
from tests import fixture_766

JUNE, JULY = Period.month(2025, 6), Period(*fixture_766.PERIOD)


@pytest.fixture
def engine(backend, make_db):
    engine = readonly_engine(make_db(backend, fixture_766.ROWS))
    yield engine
    engine.dispose()


def _month(frame: pd.DataFrame, period: Period) -> pd.DataFrame:
    return frame[frame["period"] == period.start].drop(columns="period").reset_index(drop=True)


@pytest.mark.parametrize("units", ["current", "recorded"])
def test_each_month_is_that_months_estimate(engine, units):
    both = index766_by_period(engine, [JUNE, JULY], units)
    assert len(both) == 2 * len(index766_by_unit(engine, JULY, units))
    for period in (JUNE, JULY):
        # One month alone also counts what is at stake before its end (DUE), for the actions.
        alone = index766_by_unit(engine, period, units).drop(columns=DUE)
        pd.testing.assert_frame_equal(_month(both, period), alone, check_dtype=False)


def test_june_by_hand(engine):
    """June: only m3 (XA-AB, Đất đai, at the counter, received 25/06, due 05/07): within time
    at 01/07 (col 12) of 1 → 20; no full online service, no fee, nothing resolved, no
    ratings: null; components recorded and true 1 of 1 → 4. 24 of 24."""
    june = _month(index766_by_period(engine, [JUNE, JULY]), JUNE)
    rows = {row["group"]: row for row in june.to_dict("records")}
    ab = rows["XA-AB"]
    assert (ab["progress_ratio"], ab["progress_score"]) == (1.0, 20)
    assert (ab["components_digital_ratio"], ab["components_digital_score"]) == (1.0, 4)
    for key in ("online", "payment", "result_digital", "satisfaction"):
        assert math.isnan(ab[f"{key}_ratio"]), key
    assert (ab["estimate"], ab["max_points"], ab["percent"]) == (24, 24, 1.0)
    assert rows["XA-C"]["max_points"] == rows["XA-D"]["max_points"] == 0


def test_progress_is_the_forms(engine):
    """Columns 8 + 9 + 12 of column 3 of Biểu II.06a, unit by unit, month by month."""
    counts = index766.progress_counts(engine, [JUNE, JULY])
    for index, period in enumerate((JUNE, JULY)):
        for key, code in ((2, "XA-A"), (3, "XA-B"), (4, "XA-AB"), (5, "XA-C")):
            total = form06a(engine, period, unit=code)[["c3", "c8", "c9", "c12"]].sum()
            found = counts[(counts["key"] == key) & (counts["period"] == index)]
            expected = [total["c8"] + total["c9"] + total["c12"], total["c3"]]
            got = found[["progress_num", "progress_den"]].sum().tolist()
            assert got == expected, (code, period)


def test_months_must_follow_each_other(engine):
    with pytest.raises(ValueError, match="consecutive"):
        index766_by_period(engine, [Period.month(2025, 5), JULY])
    with pytest.raises(ValueError):
        index766_by_period(engine, [])


def test_the_demos_months(demo_sqlite):
    """On the demo's varied rows: three months in one pass, each as computed alone."""
    engine = readonly_engine(demo_sqlite)
    months = [Period.month(2023, m) for m in (1, 2, 3)]
    together = index766_by_period(engine, months)
    for period in months:
        alone = index766_by_unit(engine, period).drop(columns=DUE)
        assert alone["max_points"].sum() > 0
        pd.testing.assert_frame_equal(_month(together, period), alone, check_dtype=False)
    engine.dispose()
