"""Pages of the late list read three ways give the same rows: by their number (the page's
rows picked from `dossiers` alone, then named), after the last row of the page before, and
before the first row of the page after (queries.late.late_page), on SQLite (both timestamp
forms, mixed in one table too) and PostgreSQL; and in the view, a page reached by the pager
shows what a link to it shows.

The rows tie on days and on due times, and some have no days (due `-infinity`), where the
boundaries between pages fall; the lists' order is worked out by hand below.
"""

from datetime import date
from datetime import datetime as dt

import pandas as pd
import pytest

from queries import late
from queries.connection import readonly_engine
from queries.late import LateFilter, late_count, late_list, late_page
from queries.period import Period
from tests import fixture_common as common
from tests.apptest import run_view

PERIOD = Period(date(2022, 3, 1), date(2022, 3, 31))  # as_of 01/04 00:00, last day 31/03
RECEIVED = dt(2022, 3, 1, 8)
MINUS_INFINITY = "-infinity"  # as both engines store it
# 02/03 08:00 with a fraction of a second: on SQLite in the plain form, the same instant as
# `2022-03-02 08:00:00` written another way.
EIGHT_O_CLOCK = "2022-03-02 08:00:00.000"


def _dossier(code, due, finished, status="resolved"):
    number = int(code[2:])
    return common.dossier(
        number, code, 2, 1, 5, "counter", RECEIVED, due, finished, status, applicant=code
    )


DOSSIERS = [
    # Late, in the list's order: no days first (due `-infinity`), by code as their due
    # times tie too; then most days first, by due time, then code.
    _dossier("L-01", MINUS_INFINITY, dt(2022, 3, 10, 10)),
    _dossier("L-02", MINUS_INFINITY, dt(2022, 3, 11, 9)),
    _dossier("L-03", dt(2022, 3, 1, 17), dt(2022, 3, 9, 8)),  # 8 days
    _dossier("L-04", dt(2022, 3, 2, 8), dt(2022, 3, 10, 9)),  # 8, due later than 3
    _dossier("L-05", EIGHT_O_CLOCK, dt(2022, 3, 10, 9)),  # 8, due as 4: by code
    _dossier("L-06", dt(2022, 3, 2, 8), dt(2022, 3, 10, 16)),  # 8, due as 4 and 5
    _dossier("L-07", dt(2022, 3, 5, 17), dt(2022, 3, 8, 8)),  # 3
    _dossier("L-08", dt(2022, 3, 5, 17, 0, 0, 500000), dt(2022, 3, 8, 8)),  # 3, half a second later
    _dossier("L-09", dt(2022, 3, 7, 17), dt(2022, 3, 7, 17, 30)),  # 0: late the same day
    _dossier("L-10", dt(2022, 3, 7, 17), dt(2022, 3, 7, 17)),  # on time: on no list
    _dossier("L-11", dt(2022, 3, 7, 17), dt(2022, 4, 2, 8)),  # finished after as_of: overdue
    # Open. Overdue at the end of 31/03: no days first, then the most.
    _dossier("L-12", MINUS_INFINITY, None, "processing"),
    _dossier("L-13", dt(2022, 3, 20, 17), None, "processing"),  # 20/03 → 31/03: 11 days
    _dossier("L-14", dt(2022, 3, 20, 9), None, "processing"),  # 11, due before 13
    # Due within 2 working days after Thursday 31/03 (by Monday 04/04 evening): fewest
    # days left first, then by due time and code.
    _dossier("L-15", dt(2022, 4, 1, 10), None, "processing"),  # 1 day left
    _dossier("L-16", dt(2022, 4, 1, 9), None, "processing"),  # 1, due before 15
    _dossier("L-17", dt(2022, 4, 4, 12), None, "processing"),  # 4
    _dossier("L-18", dt(2022, 4, 1, 9), None, "processing"),  # 1, due as 16: by code
]
ROWS = {"units": common.UNITS, "procedures": common.PROCEDURES, "dossiers": DOSSIERS}
ORDER = {
    "late": ["L-01", "L-02", "L-03", "L-04", "L-05", "L-06", "L-07", "L-08", "L-09"],
    "overdue": ["L-12", "L-11", "L-14", "L-13"],  # 11: 07/03 → 31/03, 24 days
    "due-soon": ["L-16", "L-18", "L-15", "L-17"],
}
DAYS = {
    "late": [None, None, 8, 8, 8, 8, 3, 3, 0],
    "overdue": [None, 24, 11, 11],
    "due-soon": [1, 1, 1, 4],
}


@pytest.fixture
def engine(backend, make_db):
    engine = readonly_engine(make_db(backend, ROWS))
    yield engine
    engine.dispose()


def _codes(frame):
    return list(frame["code"])


def test_the_whole_lists_in_their_order(engine):
    for state, codes in ORDER.items():
        whole = late_list(engine, LateFilter(PERIOD, state), page_size=None)
        assert _codes(whole) == codes, state
        assert [None if pd.isna(d) else d for d in whole["days"]] == DAYS[state]
        assert late_count(engine, LateFilter(PERIOD, state)) == len(codes)


@pytest.mark.parametrize("state", late.STATES)
@pytest.mark.parametrize("size", [1, 2, 3])
def test_every_page_the_same_by_number_and_by_key(engine, state, size):
    """Sizes 1 to 3 put a boundary between every two rows: within the rows of no days,
    between them and the first with days, within ties on days and on due time."""
    filt = LateFilter(PERIOD, state)
    codes = ORDER[state]
    pages = [codes[start : start + size] for start in range(0, len(codes), size)]
    read = [late_page(engine, filt, number, size) for number in range(1, len(pages) + 1)]
    assert [_codes(page.rows) for page in read] == pages
    for number, page in enumerate(read, start=1):
        assert (page.first.code, page.last.code) == (pages[number - 1][0], pages[number - 1][-1])
        if number > 1:  # on from the page before
            after = late_page(engine, filt, number, size, after=read[number - 2].last)
            assert _codes(after.rows) == pages[number - 1], ("after", number)
            assert (after.first, after.last) == (page.first, page.last)
        if number < len(pages):  # back from the page after
            before = late_page(engine, filt, number, size, before=read[number].first)
            assert _codes(before.rows) == pages[number - 1], ("before", number)
            assert (before.first, before.last) == (page.first, page.last)
    # The page after the last is empty, whichever way it is read.
    beyond = late_page(engine, filt, len(pages) + 1, size, after=read[-1].last)
    assert beyond.rows.empty and beyond.first is None and beyond.last is None


def test_a_page_reads_the_same_columns_whichever_way(engine):
    filt = LateFilter(PERIOD, "late")
    by_number = late_page(engine, filt, 2, 3)
    after = late_page(engine, filt, 2, 3, after=late_page(engine, filt, 1, 3).last)
    assert by_number.rows.equals(after.rows)
    assert _codes(by_number.rows) == ["L-04", "L-05", "L-06"]
    assert list(by_number.rows["days"]) == [8, 8, 8]
    assert list(by_number.rows["received_unit"]) == ["Bộ phận Một cửa huyện"] * 3
    assert list(by_number.rows["handling_unit"]) == ["Phòng Tài nguyên và Môi trường"] * 3
    assert list(by_number.rows["procedure"]) == ["Đăng ký biến động đất đai"] * 3
    assert list(by_number.rows["applicant_name"]) == ["L-04", "L-05", "L-06"]


def test_a_page_reads_after_or_before_a_key_not_both(engine):
    filt = LateFilter(PERIOD, "late")
    key = late_page(engine, filt, 1, 2).last
    with pytest.raises(ValueError):
        late_page(engine, filt, 2, 2, after=key, before=key)


def test_the_view_s_pager_shows_what_a_link_shows(monkeypatch, make_db):
    """Page 2 reached by the pager (after page 1's last row, or before page 3's first)
    shows the rows a link to `?page=2` shows (read by its number)."""
    monkeypatch.setattr("dashboard.figures.PAGE_SIZE", 2)  # as the view reads it
    url = make_db("sqlite", ROWS)
    march = {"start": "2022-03-01", "end": "2022-03-31", "state": "late"}
    reads = []
    read = late.late_page

    def recorded(engine, filt, page, page_size, after=None, before=None):
        way, key = ("after", after) if after else ("before", before) if before else ("", None)
        reads.append((page, way or "by number", key and key.code))
        return read(engine, filt, page, page_size, after, before)

    monkeypatch.setattr(late, "late_page", recorded)

    def shown(at):
        [table] = [df for df in at.dataframe if (df.key or "").startswith("late_rows_")]
        return list(table.value["Mã hồ sơ"])

    linked = run_view(monkeypatch, url, "views/late.py", {**march, "page": "2"})
    assert shown(linked) == ["L-03", "L-04"]
    assert reads == [(2, "by number", None)]
    for start, way, code in ((1, "after", "L-02"), (3, "before", "L-05")):
        at = run_view(monkeypatch, url, "views/late.py", {**march, "page": str(start)})
        reads.clear()
        [pager] = at.get("pagination")
        pager.set_value(2).run()
        assert not at.exception
        assert shown(at) == shown(linked)
        assert reads == [(2, way, code)]
