"""One function adds the district total, under one name, its rates from the summed counts."""

import pandas as pd
import pytest

from dashboard.totals import ALL, TOTAL_NAME, total_row, with_total


def units():
    return pd.DataFrame(
        {
            "group": ["CTA", "CTA-MN"],
            "name": ["Huyện", "Một Ngàn"],
            "received": [10, 30],
            "received_online": [1, 29],
            "online_rate": [0.1, 29 / 30],
        }
    )


def test_total_row_sums_counts_and_recomputes_rates():
    total = total_row(units()).iloc[0]
    assert total["group"] == ALL == "TOTAL"
    assert total["received"] == 40 and total["received_online"] == 30
    assert total["online_rate"] == pytest.approx(0.75)  # 30 / 40, not the mean of the rates


def test_with_total_keeps_the_columns_and_names_the_row():
    frame = with_total(units(), name=TOTAL_NAME)
    assert list(frame.columns) == list(units().columns)
    assert frame.iloc[-1][["group", "name", "received"]].tolist() == ["TOTAL", "Tổng cộng", 40]
    assert frame["received"].dtype == "int64"


def test_nullable_counts_stay_nullable_and_missing_ones_are_left_out():
    frame = pd.DataFrame({"group": ["A", "B"], "households": pd.array([100, None], dtype="Int64")})
    total = with_total(frame)
    assert total["households"].dtype == "Int64"
    assert total["households"].iloc[-1] == 100


def test_the_official_form_total_by_field_over_its_own_columns():
    rows = pd.DataFrame({"field": ["Hộ tịch", "Đất đai"], "c3": [5, 2], "c4": [1, 1]})
    frame = with_total(rows, key="field", counts=("c3", "c4"))
    assert frame.iloc[-1].tolist() == ["TOTAL", 7, 2]
    empty = with_total(rows.iloc[:0], key="field", counts=("c3", "c4"))
    assert empty.iloc[0].tolist() == ["TOTAL", 0, 0]
