"""Satisfaction on SQLite (both timestamp forms) and PostgreSQL, against hand-worked figures.

The queries give the level counts; the total of ratings, the rate and the officers'
ranking are dashboard.figures' (the registry's), checked here on the same figures.
"""

import math
from datetime import date, datetime

import pytest

from dashboard import figures
from queries import satisfaction
from queries.connection import readonly_engine
from queries.contract import RATING_LEVELS
from queries.period import Period
from queries.satisfaction import dissatisfied_comments
from tests import fixture_topics

PERIOD = Period(*fixture_topics.SATISFACTION_PERIOD)
LEVELS = ("very_satisfied", "satisfied", "dissatisfied", "ratings")


@pytest.fixture
def engine(backend, make_db):
    engine = readonly_engine(make_db(backend, fixture_topics.ROWS))
    yield engine
    engine.dispose()


def _levels(row):
    return tuple(int(row[key]) for key in LEVELS)


def test_by_unit(engine):
    counts = satisfaction.satisfaction_by_unit(engine, PERIOD)
    assert list(counts.columns) == ["group", "name", *RATING_LEVELS]  # level counts only
    frame = figures.satisfaction_by_unit(engine, PERIOD)
    assert frame[["group", "name", *RATING_LEVELS]].equals(counts)
    # District first, then by code; the department appears because it was rated.
    assert list(frame["group"]) == ["CTA", "CTA-BN", "CTA-MN", "CTA-TH", "P-TP"]
    rows = {row["group"]: row for row in frame.to_dict("records")}
    # CTA: ratings 1, 2, 3, 4, 5, 8, 9 (6 and 7 fall outside): very 1, 8; satisfied 2, 9;
    # dissatisfied 3, 4, 5 -> 7 ratings, rate 4/7.
    assert _levels(rows["CTA"]) == (2, 2, 3, 7)
    assert rows["CTA"]["satisfaction_rate"] == pytest.approx(4 / 7)
    # Một Ngàn: 10 very satisfied, 11 dissatisfied -> 1/2.
    assert _levels(rows["CTA-MN"]) == (1, 0, 1, 2)
    assert rows["CTA-MN"]["satisfaction_rate"] == pytest.approx(0.5)
    # Bảy Ngàn and Tân Hòa: no rating, rate undefined.
    assert _levels(rows["CTA-BN"]) == (0, 0, 0, 0)
    assert math.isnan(rows["CTA-BN"]["satisfaction_rate"])
    # Phòng Tư pháp: 12 satisfied -> 1/1.
    assert _levels(rows["P-TP"]) == (0, 1, 0, 1)
    assert rows["P-TP"]["satisfaction_rate"] == 1.0


def test_by_unit_one_day(engine):
    # 31/3 alone: 5 (last second) dissatisfied, 9 satisfied.
    frame = figures.satisfaction_by_unit(engine, Period(date(2022, 3, 31), date(2022, 3, 31)))
    cta = frame[frame["group"] == "CTA"].iloc[0]
    assert _levels(cta) == (0, 1, 1, 2)


def test_by_officer_counts_unranked_by_officer_id(engine):
    counts = satisfaction.satisfaction_by_officer(engine, PERIOD)
    assert list(counts.columns) == ["officer_id", "name", "unit", *RATING_LEVELS]
    # By officer id (Bình, Cúc, Dũng), neither ranked nor rated here.
    assert counts["officer_id"].is_monotonic_increasing
    assert sorted(counts["name"]) == ["Lê Thị Cúc", "Phạm Văn Dũng", "Trần Văn Bình"]
    levels = {r["name"]: tuple(r[k] for k in RATING_LEVELS) for r in counts.to_dict("records")}
    assert levels == {
        "Trần Văn Bình": (1, 1, 1),
        "Lê Thị Cúc": (0, 1, 2),
        "Phạm Văn Dũng": (1, 0, 1),
    }


def test_by_officer_ranks_only_those_with_enough_ratings(engine):
    frame = figures.satisfaction_by_officer(engine, PERIOD, few=3)
    # Bình: 1 very, 2 satisfied, 3 dissatisfied -> 2/3; Cúc: 9 satisfied, 4 and 5
    # dissatisfied -> 1/3; Dũng: 2 ratings, fewer than 3 -> shown last, not ranked.
    # Rating 8 names no officer and 12's officer is unknown: in no officer's row.
    assert list(frame["name"]) == ["Trần Văn Bình", "Lê Thị Cúc", "Phạm Văn Dũng"]
    assert [_levels(r) for r in frame.to_dict("records")] == [
        (1, 1, 1, 3),
        (0, 1, 2, 3),
        (1, 0, 1, 2),
    ]
    assert frame["satisfaction_rate"].tolist() == pytest.approx([2 / 3, 1 / 3, 1 / 2])
    assert frame["few_ratings"].tolist() == [False, False, True]
    assert frame["rank"].tolist()[:2] == [1, 2]
    assert frame["rank"].isna().tolist() == [False, False, True]
    assert list(frame["unit"]) == ["Bộ phận Một cửa huyện"] * 2 + ["Thị trấn Một Ngàn"]


def test_by_officer_default_threshold_ranks_nobody_here(engine):
    frame = figures.satisfaction_by_officer(engine, PERIOD)
    assert frame["few_ratings"].all()
    assert frame["rank"].isna().all()


def test_by_officer_of_one_unit(engine):
    frame = figures.satisfaction_by_officer(engine, PERIOD, unit="CTA-MN", few=1)
    assert list(frame["name"]) == ["Phạm Văn Dũng"]
    assert frame["rank"].tolist() == [1]


def test_monthly_series(engine):
    frame = figures.satisfaction_series(engine, PERIOD, "month")
    # March: very 1, 8, 10; satisfied 2, 9, 12; dissatisfied 3, 4, 5, 11 -> 6/10.
    assert frame["period"].tolist() == [date(2022, 3, 1)]
    assert _levels(frame.iloc[0]) == (3, 3, 4, 10)
    assert frame["satisfaction_rate"].tolist() == pytest.approx([0.6])


def test_weekly_series_skips_weeks_without_ratings(engine):
    frame = figures.satisfaction_series(engine, PERIOD, "week")
    # Week of 28/2: 1, 2, 12 (Sat 5/3); 7/3: 3, 10, 11; 14/3: 4 and 8 (Sunday 20/3);
    # 21/3: none (left out); 28/3: 5 and 9.
    mondays = [date(2022, 2, 28), date(2022, 3, 7), date(2022, 3, 14), date(2022, 3, 28)]
    assert frame["period"].tolist() == mondays
    assert [_levels(r) for r in frame.to_dict("records")] == [
        (1, 2, 0, 3),
        (1, 0, 2, 3),
        (1, 0, 1, 2),
        (0, 1, 1, 2),
    ]
    assert frame["satisfaction_rate"].tolist() == pytest.approx([1, 1 / 3, 1 / 2, 1 / 2])


def test_series_of_one_unit(engine):
    frame = figures.satisfaction_series(engine, PERIOD, "month", unit="CTA-MN")
    assert _levels(frame.iloc[0]) == (1, 0, 1, 2)


def test_dissatisfied_comments_newest_first(engine):
    frame = dissatisfied_comments(engine, PERIOD)
    # 5 (31/3 23:59:59) then 3; 4 is blank, 11 has none, 6 is after the period.
    assert list(frame["comment"]) == ["Hướng dẫn chưa rõ", "Chờ lâu quá"]
    assert list(frame["rated_at"]) == [datetime(2022, 3, 31, 23, 59, 59), datetime(2022, 3, 7, 10)]
    assert list(frame["officer"]) == ["Lê Thị Cúc", "Trần Văn Bình"]
    assert frame["dossier"].tolist()[1] == "HS-001"
    assert frame["dossier"].isna().tolist() == [True, False]
    assert list(frame["unit"]) == ["Bộ phận Một cửa huyện"] * 2


def test_dissatisfied_comments_limit_and_unit(engine):
    assert list(dissatisfied_comments(engine, PERIOD, limit=1)["comment"]) == ["Hướng dẫn chưa rõ"]
    assert dissatisfied_comments(engine, PERIOD, unit="CTA-MN").empty


def test_empty_period(engine):
    period = Period(date(2021, 1, 1), date(2021, 1, 31))
    assert figures.satisfaction_by_unit(engine, period)["ratings"].sum() == 0
    assert satisfaction.satisfaction_by_officer(engine, period).empty
    assert figures.satisfaction_by_officer(engine, period).empty
    assert satisfaction.satisfaction_series(engine, period, "week").empty
    assert figures.satisfaction_series(engine, period, "week").empty
    assert dissatisfied_comments(engine, period).empty
