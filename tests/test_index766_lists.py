"""The dossiers behind the 766 figures (tests/fixture_766_lists.py, every list worked out by
hand there), on SQLite (both timestamp forms) and PostgreSQL: each list by today's units
and as recorded, paged, held to a unit user's area and to the deployment's scope, the
applicants' names masked; each list as long as its group's denominator less its
numerator."""

import pytest

from dashboard import figures
from dashboard.index766 import index766_by_unit
from queries import index766_lists, scope
from queries.connection import readonly_engine
from queries.index766_lists import LISTS, ListFilter, available, dossier_list, list_count
from queries.period import Period
from tests import fixture_766, fixture_766_lists

JULY = Period(*fixture_766.PERIOD)
JUNE = Period.month(2025, 6)


@pytest.fixture
def engine(backend, make_db):
    engine = readonly_engine(make_db(backend, fixture_766_lists.ROWS))
    yield engine
    engine.dispose()


def _codes(engine, filt, units="current", page=1, page_size=50) -> list[str]:
    return figures.index766_list(engine, filt, page, page_size, units)["code"].tolist()


@pytest.mark.parametrize("unit", ["XA-AB", "XA-C"])
@pytest.mark.parametrize("kind", LISTS)
def test_each_list_by_todays_units(engine, unit, kind):
    filt = ListFilter(kind, JULY, unit)
    expected = fixture_766_lists.JULY[unit][kind]
    assert _codes(engine, filt) == expected
    assert figures.index766_list_count(engine, filt) == len(expected)


def test_the_period_decides_by_receipt_or_by_result(engine):
    for kind, expected in fixture_766_lists.JUNE_XA_C.items():
        assert _codes(engine, ListFilter(kind, JUNE, "XA-C")) == expected, kind


def test_each_list_holds_what_its_group_misses(engine):
    """A list is the dossiers of the group's denominator not in its numerator."""
    for row in index766_by_unit(engine, JULY).to_dict("records"):
        for kind in LISTS:
            missed = row[f"{kind}_den"] - row[f"{kind}_num"]
            assert figures.index766_list_count(engine, ListFilter(kind, JULY, row["group"])) == (
                missed
            ), (row["group"], kind)


def test_as_recorded_each_unit_its_own(engine):
    assert _codes(engine, ListFilter("online", JULY, "XA-A"), "recorded") == ["a2"]
    assert _codes(engine, ListFilter("online", JULY, "XA-AB"), "recorded") == ["m2"]


def test_pages_do_not_overlap(engine):
    filt = ListFilter("online", JULY, "XA-C")
    assert _codes(engine, filt, page_size=1) == ["x1"]
    assert _codes(engine, filt, page=2, page_size=1) == ["x3"]
    assert _codes(engine, filt, page=3, page_size=1) == []
    with pytest.raises(ValueError):
        dossier_list(engine, filt, page=0)


def test_a_unit_user_sees_what_its_area_received_or_handles(engine):
    handler = "XA-D"  # handles x1, received by XA-C
    assert _codes(engine, ListFilter("online", JULY, "XA-C", handler)) == ["x1"]
    assert _codes(engine, ListFilter("online", JULY, "XA-AB", handler)) == []
    # XA-AB's area holds XA-A and XA-B, merged into it: a2 was received by XA-A.
    assert _codes(engine, ListFilter("online", JULY, "XA-AB", "XA-AB")) == ["a2", "m2"]
    assert list_count(engine, ListFilter("online", JULY, ("XA-C",), handler)) == 1


def test_the_deployments_scope_holds(engine):
    scoped = scope.scoped(engine, "XA-AB")
    assert _codes(scoped, ListFilter("online", JULY, "XA-C")) == []
    assert _codes(scoped, ListFilter("online", JULY, "XA-AB")) == ["a2", "m2"]


def test_names_masked_and_columns(engine):
    rows = figures.index766_list(engine, ListFilter("payment", JULY, "XA-C"))
    assert list(rows.columns) == [
        "applicant" if c == "applicant_name" else c for c in index766_lists.LIST_COLUMNS
    ]
    row = rows.iloc[0]
    assert (row["code"], row["applicant"]) == ("x1", "Nguyễn V. A.")
    assert (row["received_unit"], row["handling_unit"], row["channel"]) == (
        "Xã C",
        "Xã D",
        "postal",
    )
    assert row["procedure"] == "Đăng ký khai sinh"


def test_lists_without_their_column_are_not_offered(backend, make_db, engine):
    assert available(engine) == LISTS
    rows = fixture_766.WITHOUT_COLUMNS
    without = readonly_engine(make_db(backend, rows))
    assert available(without) == ("online", "payment")
    assert _codes(without, ListFilter("online", JULY, "XA-AB")) == ["a2", "m2"]
    without.dispose()


def test_an_unknown_list_is_refused():
    with pytest.raises(ValueError):
        ListFilter("progress", JULY, "XA-C")
