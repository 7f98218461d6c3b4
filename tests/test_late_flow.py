"""The late list drawn from the week's flow holds exactly the week's figures (fixture_week)."""

import pytest

from dashboard import figures
from queries.connection import readonly_engine
from queries.late import LateFilter, late_count
from queries.period import Period
from queries.week import week_flow
from tests import fixture_week

W45 = Period.iso_week(2024, 45)


@pytest.fixture
def engine(backend, make_db):
    return readonly_engine(make_db(backend, fixture_week.ROWS))


def codes(engine, state, unit=None, period=W45):
    filt = LateFilter(period, state, received_unit=unit, basis="flow")
    return figures.late_list(engine, filt, page_size=None)["code"].tolist()


def test_the_weeks_late_and_overdue_dossiers_whenever_received(engine):
    # w2 was received the week before; w5 was refused; w13 finished late the week before.
    assert sorted(codes(engine, "late", "CTA")) == ["w2", "w5"]
    assert sorted(codes(engine, "overdue", "CTA")) == ["w11", "w7"]  # w8 paused, w6 withdrawn
    assert codes(engine, "late", "CTA-MN") == ["m1"]
    assert codes(engine, "overdue", "CTA-MN") == ["m3"]
    # The cohort reading of the same week sees only what was received in it.
    cohort = LateFilter(W45, "late", received_unit="CTA")
    assert figures.late_list(engine, cohort, page_size=None)["code"].tolist() == ["w5"]


def test_counts_equal_the_weeks_flow_for_every_unit(engine):
    flow = week_flow(engine, W45).set_index("group")
    for unit in flow.index:
        for state, count in (("late", "finished_late"), ("overdue", "overdue_open")):
            filt = LateFilter(W45, state, received_unit=unit, basis="flow")
            assert late_count(engine, filt) == flow.at[unit, count], (unit, state)


def test_a_bad_basis_is_refused():
    with pytest.raises(ValueError):
        LateFilter(W45, basis="anything")
