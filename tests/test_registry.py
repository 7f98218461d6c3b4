"""The KPI registry: each KPI once, rates computed from the counts by one formula."""

import math

import pandas as pd
import pytest

from dashboard import fmt
from dashboard.kpi import COUNTS, RATES, REGISTRY, rank_officers, with_rates
from queries.cohort import COUNTS as COHORT_COUNTS


def test_every_cohort_count_and_rate_is_registered_once():
    assert set(COHORT_COUNTS) <= set(COUNTS)
    assert {"on_time_rate", "online_rate", "satisfaction_rate", "onboarded_rate"} <= set(RATES)
    assert not set(COUNTS) & set(RATES)
    for kpi in REGISTRY.values():
        assert kpi.label and kpi.short_label
        if kpi.is_rate:
            assert kpi.numerators and len(kpi.numerators) == len(kpi.denominators)
            assert all(set(names) <= set(COUNTS) for names in kpi.numerators + kpi.denominators)


def test_rates_from_counts_missing_where_the_base_is_zero():
    counts = pd.DataFrame(
        {
            "received": [10, 0],
            "received_online": [4, 0],
            "finished": [5, 0],
            "resolved_early": [1, 0],
            "resolved_on_time": [3, 0],
            "resolved_late": [1, 0],
            "very_satisfied": [2, 0],
            "satisfied": [1, 0],
            "dissatisfied": [1, 0],
        }
    )
    rated = with_rates(counts)
    assert rated["on_time_rate"][0] == pytest.approx(0.8)  # (1 + 3) / (1 + 3 + 1)
    assert rated["online_rate"][0] == pytest.approx(0.4)
    assert rated["ratings"].tolist() == [4, 0]
    assert rated["satisfaction_rate"][0] == pytest.approx(0.75)
    assert all(math.isnan(rated[rate][1]) for rate in ("on_time_rate", "online_rate"))
    assert math.isnan(rated["satisfaction_rate"][1])


def test_only_the_rates_whose_counts_are_there():
    rated = with_rates(pd.DataFrame({"households": [200], "households_onboarded": [150]}))
    assert list(rated.columns) == ["households", "households_onboarded", "onboarded_rate"]
    assert rated["onboarded_rate"][0] == pytest.approx(0.75)


def test_registered_values_are_shown_by_their_kind():
    assert fmt.kpi_value("received", 5934) == "5.934"
    assert fmt.kpi_value("on_time_rate", 0.982) == "98,2%"
    assert fmt.kpi_value("on_time_rate", 0.98956, 0.99) == "98,95%"  # not "99,0%": rounded down
    table = fmt.kpi_table(pd.DataFrame({"name": ["Xã A"], "resolved_late": [7]}))
    assert list(table.columns) == ["Đơn vị", "Trễ hạn"] and table.iloc[0].tolist() == ["Xã A", "7"]


def test_officers_ranked_best_first_few_ratings_unranked_last():
    frame = pd.DataFrame(
        {
            "officer_id": [1, 2, 3, 4],
            "name": ["An", "Bình", "Chi", "Dũng"],
            "very_satisfied": [30, 40, 2, 25],
            "satisfied": [0, 0, 0, 5],
            "dissatisfied": [10, 0, 0, 10],
        }
    )
    ranked = rank_officers(frame)
    assert ranked["name"].tolist() == ["Bình", "An", "Dũng", "Chi"]
    assert ranked["rank"].tolist()[:3] == [1, 2, 2]  # ties share a rank
    assert ranked["few_ratings"].tolist() == [False, False, False, True]
    assert pd.isna(ranked["rank"].iloc[3])


def test_the_week_finished_in_time_gives_the_same_on_time_rate():
    counts = {"finished": [7, 0], "finished_in_time": [4, 0], "finished_late": [3, 0]}
    week = with_rates(pd.DataFrame(counts))
    assert week["on_time_rate"][0] == pytest.approx(4 / 7)
    assert math.isnan(week["on_time_rate"][1])


def test_the_on_time_rate_leaves_out_finished_dossiers_without_a_due_date():
    # 10 finished, 1 of them without due_at: neither in time nor late, outside the rate.
    counts = {"finished": [10], "finished_in_time": [8], "finished_late": [1]}
    assert with_rates(pd.DataFrame(counts))["on_time_rate"][0] == pytest.approx(8 / 9)
