"""Cashless payment on SQLite (both timestamp forms) and PostgreSQL, against hand-worked figures."""

import math
from datetime import date

import pandas as pd
import pytest

from queries.cashless import cashless_by_kind, cashless_months, facility_list
from queries.connection import readonly_engine
from queries.period import Period
from tests import fixture_topics

PERIOD = Period(*fixture_topics.CASHLESS_PERIOD)
COUNTS = ("facilities", "cashless_facilities", "payments", "cashless_payments", "cashless_amount")


@pytest.fixture
def engine(backend, make_db):
    engine = readonly_engine(make_db(backend, fixture_topics.ROWS))
    yield engine
    engine.dispose()


def _by_kind(frame):
    return {row["kind"]: row for row in frame.to_dict("records")}


def _counts(row):
    return tuple(int(row[key]) for key in COUNTS)


def test_by_kind_february_and_march(engine):
    frame = cashless_by_kind(engine, PERIOD)
    assert list(frame["kind"]) == ["health_station", "market", "school_canteen", "hospital_canteen"]
    rows = _by_kind(frame)
    # Health stations: 1 (2021) and 2 (on the last day) take it, 3 (the day after) not.
    # Payments of February and March: 120 + 130 + 80 = 330; cashless 60 + 78 + 2 = 140;
    # 6,000,000 + 7,800,000 + 150,000 VND. January and April are outside.
    assert _counts(rows["health_station"]) == (3, 2, 330, 140, 13_950_000)
    assert rows["health_station"]["cashless_since"] == date(2021, 6, 1)
    assert rows["health_station"]["cashless_facility_share"] == pytest.approx(2 / 3)
    assert rows["health_station"]["cashless_payment_share"] == pytest.approx(140 / 330)
    # Markets: 4 since 10/2 (a chợ 4.0), 5 never; 1000 + 1100 + 900, 100 + 330 + 0.
    assert _counts(rows["market"]) == (2, 1, 3000, 430, 53_000_000)
    assert rows["market"]["cashless_since"] == date(2022, 2, 10)
    # School canteen: February only, nothing cashless.
    assert _counts(rows["school_canteen"]) == (1, 0, 500, 0, 0)
    assert rows["school_canteen"]["cashless_payment_share"] == 0
    assert pd.isna(rows["school_canteen"]["cashless_since"])
    # No hospital canteen: zeros, shares undefined.
    assert _counts(rows["hospital_canteen"]) == (0, 0, 0, 0, 0)
    assert math.isnan(rows["hospital_canteen"]["cashless_facility_share"])
    assert math.isnan(rows["hospital_canteen"]["cashless_payment_share"])


def test_a_month_counts_when_its_first_day_is_in_the_period(engine):
    # From 2/2: February's first day is before the start, so only March counts.
    rows = _by_kind(cashless_by_kind(engine, Period(date(2022, 2, 2), date(2022, 3, 31))))
    assert _counts(rows["health_station"]) == (3, 2, 210, 80, 7_950_000)
    assert _counts(rows["market"]) == (2, 1, 2000, 330, 33_000_000)
    assert _counts(rows["school_canteen"]) == (1, 0, 0, 0, 0)


def test_facilities_counted_as_of_the_end(engine):
    # To 30/3: station 2 (31/3) does not take it yet.
    rows = _by_kind(cashless_by_kind(engine, Period(date(2022, 2, 1), date(2022, 3, 30))))
    assert rows["health_station"]["cashless_facilities"] == 1


def test_monthly_series(engine):
    frame = cashless_months(engine, PERIOD)
    pairs = list(zip(frame["month"], frame["kind"], strict=True))
    assert pairs == [
        (date(2022, 2, 1), "health_station"),
        (date(2022, 2, 1), "market"),
        (date(2022, 2, 1), "school_canteen"),
        (date(2022, 3, 1), "health_station"),
        (date(2022, 3, 1), "market"),
    ]
    march_market = frame.iloc[4]
    # Markets in March: 1100 + 900 payments, 330 cashless; stalls 52 + 40, of which 26 + 0.
    assert (march_market["payments"], march_market["cashless_payments"]) == (2000, 330)
    assert (march_market["vendors"], march_market["cashless_vendors"]) == (92, 26)
    assert march_market["cashless_vendor_share"] == pytest.approx(26 / 92)
    assert march_market["cashless_payment_share"] == pytest.approx(330 / 2000)
    # Health stations have no stall figures.
    assert pd.isna(frame.iloc[3]["vendors"])
    assert math.isnan(frame.iloc[3]["cashless_vendor_share"])
    assert frame.iloc[3]["cashless_payments"] == 80


def test_monthly_series_of_markets(engine):
    frame = cashless_months(engine, PERIOD, kind="market")
    assert frame["month"].tolist() == [date(2022, 2, 1), date(2022, 3, 1)]
    assert frame["cashless_vendor_share"].tolist() == pytest.approx([10 / 50, 26 / 92])


def test_facility_list(engine):
    frame = facility_list(engine, date(2022, 3, 31))
    # Takers by start date, then the others (by id).
    assert list(frame["name"]) == [
        "Trạm y tế Một Ngàn",
        "Chợ Một Ngàn",
        "Trạm y tế Bảy Ngàn",
        "Trạm y tế Tân Hòa",
        "Chợ Bảy Ngàn",
        "Căng tin THCS Một Ngàn",
    ]
    assert frame["takes_cashless"].tolist() == [True, True, True, False, False, False]
    assert frame["cashless_since"].tolist()[:3] == [
        date(2021, 6, 1),
        date(2022, 2, 10),
        date(2022, 3, 31),
    ]
    assert list(frame["commune"])[:2] == ["Thị trấn Một Ngàn"] * 2


def test_markets_4_0(engine):
    frame = facility_list(engine, date(2022, 3, 31), kind="market")
    assert list(frame[frame["takes_cashless"]]["name"]) == ["Chợ Một Ngàn"]
    # Before 10/2 there was none.
    early = facility_list(engine, date(2022, 2, 9), kind="market")
    assert not early["takes_cashless"].any()


def test_dates_written_with_a_time_of_day(backend, make_db):
    # Some tools write a date column as `2022-03-31 00:00:00`; the figures must not change.
    rows = fixture_topics.with_time_of_day(
        {"facilities": ("cashless_since",), "facility_months": ("month",)}
    )
    engine = readonly_engine(make_db(backend, rows))
    kinds = _by_kind(cashless_by_kind(engine, PERIOD))
    assert _counts(kinds["health_station"]) == (3, 2, 330, 140, 13_950_000)
    assert kinds["market"]["cashless_since"] == date(2022, 2, 10)
    assert cashless_months(engine, PERIOD)["month"].tolist()[-1] == date(2022, 3, 1)
