"""Biểu II.06a on SQLite (both timestamp forms) and PostgreSQL, against hand-worked figures.

The dossiers and the columns each one lands in are in fixture_form06a.py. The query
gives one row per field; the form's total row (`field` = "TOTAL") is added by
dashboard.figures.form06a_rows, checked here on the same figures.
"""

from datetime import date

import pytest

from dashboard.figures import form06a_rows
from dashboard.totals import ALL as TOTAL
from queries.connection import readonly_engine
from queries.form06a import COLUMNS, form06a
from queries.period import Period
from tests import fixture_form06a

PERIOD = Period(*(date.fromisoformat(d) for d in fixture_form06a.PERIOD))


def _row(*figures):
    return dict(zip(COLUMNS, figures, strict=True))


# District one-stop, Đất đai (dossiers 1–9, 11–16, 18, 19; 10 and 17 are outside):
# 3: 17 dossiers; 4 online: 2, 6, 16; 5 counter/postal: 1, 3, 4, 5, 12, 13, 14, 15;
# 6 carried over: 7, 8, 9, 11, 18, 19.  7 ended: 1–6, 8, 9, 19; 8 early: 1;
# 9 on time: 2, 4, 9 + refused 5 + withdrawn 6, 19; 10 late: 3, 8.
# 11 open: 7, 11–16, 18; 12 within: 11 and 13 (paused), 14, 16 (due = as_of);
# 13 overdue: 7, 12, 15 and 18 (both finished only at or after as_of).
DISTRICT_LAND = _row(17, 3, 8, 6, 9, 1, 6, 2, 8, 4, 4)
DISTRICT_CIVIL = _row(1, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0)  # 20
# Một Ngàn, Hộ tịch: 21 (online, on time), 22 (early), 23 (carried over, refused late:
# on time), 24 (open, overdue).
MOT_NGAN_CIVIL = _row(4, 1, 2, 1, 3, 1, 2, 0, 1, 0, 1)
BAY_NGAN_CERTIFY = _row(1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0)  # 25, late
ZERO = _row(*[0] * 11)


@pytest.fixture
def engine(backend, make_db):
    engine = readonly_engine(make_db(backend, fixture_form06a.ROWS))
    yield engine
    engine.dispose()


def _rows(frame):
    return {row.pop("field"): row for row in frame.to_dict("records")}


def _sum(*rows):
    return {key: sum(row[key] for row in rows) for key in COLUMNS}


def test_the_query_gives_the_fields_and_no_total(engine):
    frame = form06a(engine, PERIOD)
    assert list(frame.columns) == ["field", *COLUMNS]
    assert list(frame["field"]) == ["Đất đai", "Hộ tịch", "Chứng thực"]
    assert _rows(frame)["Đất đai"] == DISTRICT_LAND
    assert TOTAL == "TOTAL"


def test_whole_district(engine):
    rows = _rows(form06a_rows(engine, PERIOD))
    # Ordered by column 3, largest first; the total last.
    assert list(rows) == ["Đất đai", "Hộ tịch", "Chứng thực", TOTAL]
    assert rows["Đất đai"] == DISTRICT_LAND
    assert rows["Hộ tịch"] == _sum(DISTRICT_CIVIL, MOT_NGAN_CIVIL)
    assert rows["Chứng thực"] == BAY_NGAN_CERTIFY
    # 17 + 5 + 1 = 23 received; 9 + 4 + 1 = 14 ended; 8 + 1 + 0 = 9 open.
    assert rows[TOTAL] == _row(23, 5, 11, 7, 14, 2, 9, 3, 9, 4, 5)


def test_district_level(engine):
    rows = _rows(form06a_rows(engine, PERIOD, level="district"))
    assert rows == {
        "Đất đai": DISTRICT_LAND,
        "Hộ tịch": DISTRICT_CIVIL,
        TOTAL: _sum(DISTRICT_LAND, DISTRICT_CIVIL),
    }


def test_commune_level(engine):
    rows = _rows(form06a_rows(engine, PERIOD, level="commune"))
    assert rows == {
        "Hộ tịch": MOT_NGAN_CIVIL,
        "Chứng thực": BAY_NGAN_CERTIFY,
        TOTAL: _row(5, 1, 3, 1, 4, 1, 2, 1, 1, 0, 1),
    }


def test_one_unit(engine):
    rows = _rows(form06a_rows(engine, PERIOD, unit="CTA-BN"))
    assert rows == {"Chứng thực": BAY_NGAN_CERTIFY, TOTAL: BAY_NGAN_CERTIFY}


def test_empty_scope_has_a_zero_total(engine):
    assert form06a(engine, PERIOD, level="district", unit="CTA-MN").empty
    frame = form06a_rows(engine, PERIOD, level="district", unit="CTA-MN")
    assert frame.to_dict("records") == [{"field": TOTAL, **ZERO}]


def test_a_later_period_carries_over_what_was_open(engine):
    # April 2022: carried over from March are those still open at its end (7, 11–16, 24)
    # plus 17, received at 1 April 00:00, which is April's own. Of the carried over,
    # 15 is resolved late on 2 April; 18 (finished at 1 April 00:00, due 15 March) too.
    rows = _rows(form06a_rows(engine, Period(date(2022, 4, 1), date(2022, 4, 30))))
    total = rows[TOTAL]
    assert total["c5"] == 1  # 17
    assert total["c6"] == 9  # 7, 11, 12, 13, 14, 15, 16, 18, 24
    assert total["c7"] == 2 and total["c10"] == 2  # 15, 18
    # Open at the end of April: 7, 11, 12, 13, 14, 16, 17, 24; paused 11, 13 are within.
    assert (total["c11"], total["c12"], total["c13"]) == (8, 2, 6)


def test_identities_hold_on_every_row(engine):
    for level in (None, "district", "commune"):
        for row in form06a_rows(engine, PERIOD, level=level).to_dict("records"):
            assert row["c3"] == row["c4"] + row["c5"] + row["c6"] == row["c7"] + row["c11"]
            assert row["c7"] == row["c8"] + row["c9"] + row["c10"]
            assert row["c11"] == row["c12"] + row["c13"]


def test_unknown_level_is_refused(engine):
    with pytest.raises(ValueError, match="unknown level"):
        form06a(engine, PERIOD, level="hamlet")
