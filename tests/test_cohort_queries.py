"""Cohort KPIs on SQLite (both timestamp forms) and PostgreSQL, against hand-worked figures.

The query (queries.cohort) gives the counts only; the rates and the names of groups the
data does not name come from dashboard.figures, checked here on the same figures.
"""

import math
from datetime import date

import pandas as pd
import pytest
from sqlalchemy import create_engine, text

from dashboard import figures
from queries.cohort import cohort_by, cohort_series, cohort_units_and_weeks
from queries.connection import readonly_engine
from queries.period import Period
from tests import fixture_cohort
from tests.databases import build_database

PERIOD = Period(*(date.fromisoformat(d) for d in fixture_cohort.PERIOD))
KEYS = (
    "received",
    "received_online",
    "finished",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "withdrawn",
    "open",
    "open_overdue",
)

# District (dossiers 1–11): online 2, 11; finished 1–5; early 1, 5; on time 2, 4; late 3;
# withdrawn 6; open 7–11; overdue 7 (past due) and 10 (resolved after as_of).
DISTRICT = dict(zip(KEYS, (11, 2, 5, 2, 2, 1, 1, 5, 2), strict=True))
# Một Ngàn (14–18): online 14, 15; finished 14–16; early 15; on time 14; late 16;
# withdrawn 17; open 18 (finished exactly at as_of), overdue 18.
MOT_NGAN = dict(zip(KEYS, (5, 2, 3, 1, 1, 1, 1, 1, 1), strict=True))
ZERO = dict.fromkeys(KEYS, 0)


@pytest.fixture
def engine(backend, make_db):
    engine = readonly_engine(make_db(backend, fixture_cohort.ROWS))
    yield engine
    engine.dispose()


def _records(frame):
    return {row["group"]: row for row in frame.to_dict("records")}


def _counts(row):
    return {key: row[key] for key in KEYS}


def test_by_receiving_unit(engine):
    counts = cohort_by(engine, PERIOD, "unit")
    assert list(counts.columns) == ["group", "name", *KEYS]  # counts only: rates come above
    rows = _records(counts)
    assert list(rows) == ["CTA", "CTA-BN", "CTA-MN"]
    assert _counts(rows["CTA"]) == DISTRICT
    assert _counts(rows["CTA-MN"]) == MOT_NGAN
    assert _counts(rows["CTA-BN"]) == ZERO
    assert rows["CTA"]["name"] == "Bộ phận Một cửa huyện"
    rows = _records(figures.cohort_by(engine, PERIOD, "unit"))
    assert list(rows) == ["CTA", "CTA-BN", "CTA-MN"]
    assert _counts(rows["CTA"]) == DISTRICT
    assert rows["CTA"]["on_time_rate"] == pytest.approx(4 / 5)
    assert rows["CTA"]["online_rate"] == pytest.approx(2 / 11)
    assert rows["CTA-MN"]["on_time_rate"] == pytest.approx(2 / 3)
    assert math.isnan(rows["CTA-BN"]["on_time_rate"])
    assert math.isnan(rows["CTA-BN"]["online_rate"])


def test_by_kind(engine):
    rows = _records(cohort_by(engine, PERIOD, "kind"))
    assert list(rows) == ["district", "commune"]
    assert _counts(rows["district"]) == DISTRICT
    assert _counts(rows["commune"]) == MOT_NGAN  # Bảy Ngàn adds nothing
    assert rows["commune"]["name"] is None  # a kind has no name in the data
    shown = _records(figures.cohort_by(engine, PERIOD, "kind"))
    assert _counts(shown["commune"]) == MOT_NGAN
    assert shown["commune"]["name"] == "Bộ phận Một cửa cấp xã"
    assert shown["commune"]["on_time_rate"] == pytest.approx(2 / 3)


def test_by_handling_unit(engine):
    rows = _records(cohort_by(engine, PERIOD, "handling"))
    # Tư pháp: 4 (on time), 5 (refused, early), 6 (withdrawn).
    assert _counts(rows["P-TP"]) == dict(zip(KEYS, (3, 0, 2, 1, 1, 0, 1, 0, 0), strict=True))
    # Tài nguyên và Môi trường: 1, 2, 3, 7, 8, 9, 10.
    assert _counts(rows["P-TNMT"]) == dict(zip(KEYS, (7, 1, 3, 1, 1, 1, 0, 4, 2), strict=True))
    assert _counts(rows["CTA-MN"]) == MOT_NGAN
    assert _counts(rows["CTA-BN"]) == ZERO
    # Dossier 11 has no handling unit yet: its own row, so the rows add up to all received.
    assert _counts(rows[None]) == dict(zip(KEYS, (1, 1, 0, 0, 0, 0, 0, 1, 0), strict=True))
    assert rows[None]["name"] is None
    assert sum(row["received"] for row in rows.values()) == 16
    shown = _records(figures.cohort_by(engine, PERIOD, "handling"))
    assert _counts(shown[None]) == _counts(rows[None])
    assert shown[None]["name"] == "Chưa phân công xử lý"
    assert shown["P-TP"]["name"] == "Phòng Tư pháp"


def test_one_receiving_unit(engine):
    rows = _records(cohort_by(engine, PERIOD, "unit", received_unit="CTA-MN"))
    assert list(rows) == ["CTA-MN"]
    assert _counts(rows["CTA-MN"]) == MOT_NGAN


def test_weekly_series_takes_each_week_as_of_its_end(engine):
    series = cohort_series(engine, PERIOD, "week")
    weeks = {row["period"].isoformat(): _counts(row) for row in series.to_dict("records")}
    assert list(weeks) == ["2022-02-28", "2022-03-07", "2022-03-14", "2022-03-21", "2022-03-28"]
    # As of Mon 7/3: 1, 2, 3 not yet finished (open, not yet due); 4 on time; 5 early; 6 withdrawn.
    assert weeks["2022-02-28"] == dict(zip(KEYS, (6, 1, 2, 1, 1, 0, 1, 3, 0), strict=True))
    assert weeks["2022-03-07"] == dict(zip(KEYS, (3, 2, 3, 1, 1, 1, 0, 0, 0), strict=True))
    # 7 (Sunday 20/3) not yet due on 21/3; 17 withdrawn only on 31/3, so open and overdue.
    assert weeks["2022-03-14"] == dict(zip(KEYS, (2, 0, 0, 0, 0, 0, 0, 2, 1), strict=True))
    assert weeks["2022-03-21"] == dict(zip(KEYS, (1, 0, 0, 0, 0, 0, 0, 1, 0), strict=True))
    # The last week is cut at the period's end (1/4), not its Sunday: 9 and 11 not overdue.
    assert weeks["2022-03-28"] == dict(zip(KEYS, (4, 1, 0, 0, 0, 0, 0, 4, 2), strict=True))


def test_monthly_series_by_unit_fills_gaps(engine):
    series = cohort_series(engine, PERIOD, "month", by_unit=True)
    rows = {(r["period"].isoformat(), r["group"]): _counts(r) for r in series.to_dict("records")}
    assert rows[("2022-03-01", "CTA")] == DISTRICT
    assert rows[("2022-03-01", "CTA-MN")] == MOT_NGAN
    assert rows[("2022-03-01", "CTA-BN")] == ZERO


def test_empty_period_gives_zero_rows_not_errors(engine):
    frame = figures.cohort_by(engine, Period(date(2030, 1, 1), date(2030, 1, 31)), "unit")
    assert len(frame) == 3
    assert frame["received"].sum() == 0
    assert frame["on_time_rate"].isna().all()


def test_mixed_timestamp_forms_in_one_sqlite_file(tmp_path):
    """A tool that writes `.000` on some rows only: 17:00:00.000 is still exactly the due time."""
    url = build_database("sqlite", fixture_cohort.ROWS, tmp_path)  # its own: written below
    writer = create_engine(url)
    with writer.begin() as conn:
        exact = "'2022-03-10 17:00:00.000'"
        conn.execute(text(f"UPDATE dossiers SET finished_at = {exact} WHERE id = 2"))
        conn.execute(text(f"UPDATE dossiers SET due_at = {exact} WHERE id = 3"))
    writer.dispose()
    rows = _records(cohort_by(readonly_engine(url), PERIOD, "unit"))
    assert _counts(rows["CTA"]) == DISTRICT


def test_reversed_period_is_refused():
    with pytest.raises(ValueError, match="before it starts"):
        Period(date(2022, 3, 31), date(2022, 3, 1))


def test_the_units_view_s_one_pass_equals_each_grouping(engine):
    # The units view reads its tables and weeks from one statement: the same rows and counts.
    by_unit, by_handling, weekly = cohort_units_and_weeks(engine, PERIOD)
    pd.testing.assert_frame_equal(by_unit, cohort_by(engine, PERIOD, "unit"))
    pd.testing.assert_frame_equal(by_handling, cohort_by(engine, PERIOD, "handling"))
    pd.testing.assert_frame_equal(weekly, cohort_series(engine, PERIOD, "week"))
    assert by_unit.set_index("group").loc["CTA", list(KEYS)].to_dict() == DISTRICT
