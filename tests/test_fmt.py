"""Vietnamese display formats (dashboard/fmt.py)."""

import math
from datetime import date, datetime

import pandas as pd
import pytest

from dashboard import fmt


@pytest.mark.parametrize(
    ("value", "expected"),
    [(5934, "5.934"), (0, "0"), (1234567, "1.234.567"), (-12, "-12"), (None, "–")],
)
def test_number(value, expected):
    assert fmt.number(value) == expected


def test_number_with_decimals():
    assert fmt.number(1234.5, decimals=1) == "1.234,5"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0.982, "98,2%"),
        (1, "100,0%"),
        (0, "0,0%"),
        (2 / 3, "66,7%"),
        (0.99949, "99,9%"),
        (None, "–"),
        (math.nan, "–"),
        (pd.NA, "–"),
    ],
)
def test_percent(value, expected):
    assert fmt.percent(value) == expected


def test_dates():
    assert fmt.date(date(2022, 12, 2)) == "02/12/2022"
    assert fmt.date(datetime(2022, 12, 2, 23, 59)) == "02/12/2022"
    assert fmt.datetime(datetime(2022, 12, 2, 8, 5)) == "02/12/2022 08:05"
    assert fmt.date(None) == "–"
    assert fmt.datetime(pd.NaT) == "–"
    assert fmt.period(date(2022, 1, 1), date(2022, 12, 2)) == "từ 01/01/2022 đến 02/12/2022"


def test_week_labels():
    assert fmt.week_label(2022, 48) == "Tuần 48/2022 (28/11–04/12)"
    # ISO week 52 of 2022 runs from Monday 26/12/2022 to Sunday 01/01/2023.
    assert fmt.week_label(2022, 52) == "Tuần 52/2022 (26/12–01/01)"
    # 01/01/2021 (a Friday) belongs to week 53 of 2020.
    assert fmt.week_of(date(2021, 1, 1)) == "Tuần 53/2020 (28/12–03/01)"
    assert fmt.week_of(date(2022, 11, 28)) == "Tuần 48/2022 (28/11–04/12)"


def test_kpi_table_formats_counts_and_rates_under_vietnamese_headers():
    frame = pd.DataFrame(
        {
            "group": ["CTA"],
            "name": ["Bộ phận Một cửa huyện"],
            "received": [5934],
            "resolved_late": [7],
            "on_time_rate": [0.9988],
            "online_rate": [math.nan],
        }
    )
    shown = fmt.kpi_table(frame, ["name", "received", "resolved_late", "on_time_rate"])
    assert list(shown.columns) == ["Đơn vị", "Tiếp nhận", "Trễ hạn", "Tỷ lệ đúng hạn"]
    assert shown.iloc[0].tolist() == ["Bộ phận Một cửa huyện", "5.934", "7", "99,9%"]
    # Without a column list: every known column present, in the labels' order.
    assert list(fmt.kpi_table(frame).columns) == [
        "Mã",
        "Đơn vị",
        "Tiếp nhận",
        "Trễ hạn",
        "Tỷ lệ đúng hạn",
        "Tỷ lệ trực tuyến",
    ]
    assert fmt.kpi_table(frame)["Tỷ lệ trực tuyến"].tolist() == ["–"]
    relabelled = fmt.kpi_table(frame, ["name", "online_rate"], {"online_rate": "Trực tuyến"})
    assert list(relabelled.columns) == ["Đơn vị", "Trực tuyến"]


@pytest.mark.parametrize(
    ("fraction", "target", "higher", "shown"),
    [
        (692 / 699, 0.99, True, "98,99%"),  # 98,9986%: never 99,0% or 99,00%
        (0.98956, 0.99, True, "98,95%"),  # rounded away from the target, not to 98,96%
        (0.9899999, 0.99, True, "98,99%"),
        (0.985, 0.99, True, "98,5%"),  # one decimal already on its side
        (0.99, 0.99, True, "99,0%"),  # on the target meets it
        (0.99004, 0.99, True, "99,0%"),
        (0.10004, 0.10, False, "10,01%"),  # a maximum: short above it, rounded up
        (0.0996, 0.10, False, "10,0%"),
    ],
)
def test_a_rate_stays_on_its_side_of_the_target(fraction, target, higher, shown):
    assert fmt.percent_against(fraction, target, higher) == shown
