"""Household adoption on SQLite (both timestamp forms) and PostgreSQL, hand-worked figures.

The queries give the counts; the onboarded rate and the district total are the
dashboard's (dashboard.figures, dashboard.totals), checked here on the same figures.
"""

from datetime import date

import pandas as pd
import pytest

from dashboard import figures
from dashboard.totals import total_row
from queries import adoption
from queries.adoption import COUNTS
from queries.connection import readonly_engine
from tests import fixture_topics

END = fixture_topics.ADOPTION_END


@pytest.fixture
def engine(backend, make_db):
    engine = readonly_engine(make_db(backend, fixture_topics.ROWS))
    yield engine
    engine.dispose()


def adoption_total(by_commune):
    """The district total row of a by-commune frame, as the adoption view shows it."""
    return total_row(by_commune).iloc[0]


def _counts(row):
    return tuple(int(row[name]) for name in COUNTS)


def test_latest_snapshot_on_or_before_the_day(engine):
    counts = adoption.adoption_by_commune(engine, END)
    assert list(counts.columns) == ["group", "name", "as_of", *COUNTS]  # no rate
    frame = figures.adoption_by_commune(engine, END)
    # Every commune, by code; the district and the department are not communes.
    assert list(frame["group"]) == ["CTA-BN", "CTA-MN", "CTA-TH"]
    rows = {row["group"]: row for row in frame.to_dict("records")}
    # Bảy Ngàn: its only snapshot (31/12/2022).
    assert rows["CTA-BN"]["as_of"] == date(2022, 12, 31)
    assert _counts(rows["CTA-BN"]) == (2000, 1500, 1600, 1400, 900)
    assert rows["CTA-BN"]["onboarded_rate"] == pytest.approx(0.75)
    # Một Ngàn: the snapshot of 9/3/2023 itself, not the one of 10/3.
    assert rows["CTA-MN"]["as_of"] == date(2023, 3, 9)
    assert _counts(rows["CTA-MN"]) == (1010, 910, 920, 880, 700)
    # Tân Hòa has never reported: a row with missing figures.
    assert pd.isna(rows["CTA-TH"]["as_of"])
    assert all(pd.isna(rows["CTA-TH"][name]) for name in COUNTS)
    assert pd.isna(rows["CTA-TH"]["onboarded_rate"])


def test_district_total(engine):
    total = adoption_total(figures.adoption_by_commune(engine, END))
    # 2000 + 1010 households, 1500 + 910 onboarded, 1600 + 920, 1400 + 880, 900 + 700.
    assert _counts(total) == (3010, 2410, 2520, 2280, 1600)
    assert total["onboarded_rate"] == pytest.approx(2410 / 3010)


def test_the_day_before(engine):
    rows = adoption.adoption_by_commune(engine, date(2023, 3, 8)).set_index("group")
    assert rows.loc["CTA-MN", "as_of"] == date(2022, 6, 30)
    assert rows.loc["CTA-MN", "households_onboarded"] == 700


def test_history_carries_each_commune_forward(engine):
    assert list(adoption.latest_by_day(engine, END).columns) == ["as_of", "group", *COUNTS]
    frame = figures.adoption_history(engine, END)
    assert frame["as_of"].tolist() == [date(2022, 6, 30), date(2022, 12, 31), date(2023, 3, 9)]
    assert frame["communes"].tolist() == [1, 2, 2]
    # 30/6: Một Ngàn alone; 31/12: Một Ngàn of 30/6 + Bảy Ngàn; 9/3: both latest.
    assert frame["households"].tolist() == [1000, 3000, 3010]
    assert frame["households_onboarded"].tolist() == [700, 2200, 2410]
    assert frame["e_health_records"].tolist() == [300, 1200, 1600]
    assert frame["onboarded_rate"].tolist() == pytest.approx([0.7, 2200 / 3000, 2410 / 3010])


def test_before_any_snapshot(engine):
    frame = figures.adoption_by_commune(engine, date(2022, 1, 1))
    assert frame["households"].isna().all()
    assert figures.adoption_history(engine, date(2022, 1, 1)).empty
    assert pd.isna(adoption_total(frame)["onboarded_rate"])


def test_dates_written_with_a_time_of_day(backend, make_db):
    rows = fixture_topics.with_time_of_day({"digital_adoption": ("as_of",)})
    engine = readonly_engine(make_db(backend, rows))
    by_commune = figures.adoption_by_commune(engine, END)
    assert by_commune.set_index("group").loc["CTA-MN", "as_of"] == date(2023, 3, 9)
    assert _counts(adoption_total(by_commune)) == (3010, 2410, 2520, 2280, 1600)
    assert figures.adoption_history(engine, END)["households"].tolist() == [1000, 3000, 3010]
    engine.dispose()
