"""Rows that break the data contract (tests/fixture_damaged.py), on SQLite (both timestamp
forms) and PostgreSQL: counted exactly, kept in every total, never moving the defaults."""

import pandas as pd
import pytest

from dashboard import figures, quality
from dashboard.weekly import by_group
from queries.cohort import COUNTS
from queries.connection import readonly_engine
from queries.form06a import form06a
from queries.late import LateFilter, late_count, late_list
from queries.meta import data_as_of
from queries.period import Period
from queries.quality import quality_counts
from queries.week import week_flow
from tests import fixture_damaged as damaged
from tests import fixture_rows

W45 = Period.iso_week(*damaged.WEEK)
COHORT = list(COUNTS)
FLOW = ["received", "received_online", "finished", "finished_in_time", "finished_late"]


@pytest.fixture
def engine(backend, make_db):
    return readonly_engine(make_db(backend, damaged.ROWS, loose=True))


def rows_of(frame, columns) -> dict:
    return {row["name"]: [row[c] for c in columns] for row in frame.to_dict("records")}


def test_every_broken_row_is_counted_by_its_problem(engine):
    counts = quality_counts(engine, damaged.NOW)
    assert {key: n for key, n in counts.items() if n} == damaged.QUALITY
    assert set(counts) >= set(fixture_rows.quality("sqlite"))  # the others, all 0 here


def test_the_latest_data_is_never_later_than_now(engine):
    # d16 (received 2031) and d17 (finished 2031) would make it 2031.
    assert data_as_of(engine, damaged.NOW) == damaged.DATA_AS_OF
    assert data_as_of(engine) == damaged.DATA_AS_OF  # today: 2031 is still ahead
    assert data_as_of(engine, damaged.DATA_AS_OF) < damaged.DATA_AS_OF


def test_the_cohort_by_unit_keeps_every_dossier_and_names_the_nameless(engine):
    frame = figures.cohort_by(engine, W45, "unit")
    assert rows_of(frame, COHORT) == {
        "Bộ phận Một cửa huyện": [8, 1, 4, 2, 0, 1, 0, 4, 1],
        "CTA-MN": [2, 0, 1, 0, 0, 1, 0, 1, 1],  # no name: its code
        "CTA-BN": [2, 0, 1, 1, 0, 0, 0, 1, 0],  # a blank name: its code
        "Phòng Tư pháp": [1, 0, 0, 0, 0, 0, 0, 1, 0],
        "Phường Lạ": [1, 0, 1, 0, 1, 0, 0, 0, 0],
        "Đơn vị không rõ (không có trong danh mục đơn vị)": [2, 1, 1, 1, 0, 0, 0, 1, 1],
    }
    assert frame["received"].sum() == 16
    # d2 has no due date: finished, neither early, on time nor late; outside the rate.
    cta = frame.set_index("group").loc["CTA"]
    assert cta["on_time_rate"] == pytest.approx(2 / 3)


def test_the_cohort_by_kind_and_by_handling_unit_add_up_to_every_dossier(engine):
    kinds = figures.cohort_by(engine, W45, "kind")
    assert dict(zip(kinds["group"], kinds["received"], strict=True)) == {
        "district": 8,
        "commune": 4,
        "?": 4,  # d8 d9 (no unit), d10 (a department), d11 (kind "ward")
    }
    handling = figures.cohort_by(engine, W45, "handling")
    assert dict(zip(handling["name"], handling["received"], strict=True)) == {
        "Phòng Tư pháp": 10,
        "CTA-MN": 1,
        "CTA-BN": 2,
        "Phường Lạ": 1,
        "Đơn vị không rõ (không có trong danh mục đơn vị)": 1,
        "Chưa phân công xử lý": 1,
    }


def test_the_week_as_a_flow_keeps_every_dossier(engine):
    flow = by_group(week_flow(engine, W45))
    got = {row["group"]: [row[c] for c in [*FLOW, "overdue_open"]] for _, row in flow.iterrows()}
    assert got == {
        "CTA": [8, 1, 5, 3, 1, 1],
        "CTA-MN": [2, 0, 1, 0, 1, 1],
        "CTA-BN": [2, 0, 1, 1, 0, 0],
        "P-TP": [1, 0, 0, 0, 0, 0],
        "X-LA": [1, 0, 1, 1, 0, 0],
        "?": [2, 1, 1, 1, 0, 1],
    }
    kinds = by_group(week_flow(engine, W45), "kind").set_index("group")
    assert kinds["received"].to_dict() == {"district": 8, "commune": 4, "?": 4}
    total = kinds.sum()
    assert total["finished_in_time"] + total["finished_late"] == total["finished"] - 1  # d2


def test_the_form_counts_every_dossier_and_leaves_the_undated_out_of_the_details(engine):
    form = form06a(engine, W45).iloc[0]
    got = {column: int(form[column]) for column in [f"c{n}" for n in range(3, 14)]}
    assert got == {
        "c3": 16, "c4": 2, "c5": 14, "c6": 0,  # d4 d5: not online, column 5
        "c7": 8, "c8": 4, "c9": 1, "c10": 2,  # d2 (no due date) in 7, not in 8-10
        "c11": 8, "c12": 4, "c13": 3,  # d3 (no due date) in 11, not in 12-13
    }  # fmt: skip


@pytest.mark.parametrize(
    "state, codes", [("late", {"d4", "d12"}), ("overdue", {"d6", "d9", "d13"})]
)
def test_the_late_lists_hold_what_they_count(engine, state, codes):
    filt = LateFilter(W45, state)
    listed = late_list(engine, filt, page_size=None)
    assert late_count(engine, filt) == len(listed) and set(listed["code"]) == codes


def test_the_notice_says_every_problem_and_nothing_on_clean_data():
    every_key = {key for table in quality.SENTENCES.values() for key in table}
    planted = {*fixture_rows.quality("sqlite"), *fixture_rows.CLEANED}
    assert every_key == set(damaged.QUALITY) | planted
    found = quality.notice(damaged.QUALITY, ("dossiers", "units", "ratings"), damaged.NOW)
    assert found.summary.startswith(f"**Chất lượng dữ liệu**: {len(damaged.QUALITY)} loại dòng")
    assert "- 2 hồ sơ không có ngày hẹn trả (`due_at`)" in found.details
    assert found.details.count("- ") == len(damaged.QUALITY)
    assert quality.notice(dict.fromkeys(every_key, 0), ("dossiers", "units"), damaged.NOW) is None
    one = quality.notice({"due_at_missing": 1234}, ("dossiers",), damaged.NOW)
    assert one.details.count("1.234 hồ sơ") == 1 and "1 loại dòng" in one.summary


def test_the_demo_keeps_the_contract(demo_sqlite):
    counts = quality_counts(readonly_engine(demo_sqlite))
    assert counts and not any(counts.values())


def test_the_units_view_s_one_pass_keeps_the_same_rows(engine):
    # Unknown units, dossiers no office handles yet, a nameless unit: as read one by one.
    by_unit, by_handling, weekly = figures.cohort_units_and_weeks(engine, W45)
    pd.testing.assert_frame_equal(by_unit, figures.cohort_by(engine, W45, "unit"))
    pd.testing.assert_frame_equal(by_handling, figures.cohort_by(engine, W45, "handling"))
    pd.testing.assert_frame_equal(weekly, figures.cohort_series(engine, W45, "week"))
