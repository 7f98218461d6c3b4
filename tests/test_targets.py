"""Targets and traffic lights: config/targets.toml and the pure functions of dashboard.targets."""

import math

import pandas as pd
import pytest

from dashboard import targets
from dashboard.targets import AMBER, GREEN, RED, Target

RATE = Target(0.99, higher_is_better=True, tolerance=0.02)
COUNT = Target(0, higher_is_better=False, tolerance=2)


def test_the_shipped_file_has_the_district_targets(monkeypatch):
    monkeypatch.delenv(targets.TARGETS_ENV, raising=False)
    shipped = targets.load_targets()
    assert shipped["on_time_rate"] == Target(0.99, True, 0.02)
    assert shipped["satisfaction_rate"].value == 0.99
    assert shipped["online_rate"].value == 0.90
    assert shipped["finished_late"] == Target(0, False, 2)
    assert shipped["overdue_open"].higher_is_better is False
    assert "received" not in shipped  # a volume, not something to aim at
    assert shipped.problems == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1.0, GREEN),
        (0.99, GREEN),  # exactly on target meets it
        (0.985, AMBER),
        (0.97, AMBER),  # exactly at the tolerance's edge (0.99 − 0.97 = 0.02)
        (0.9699, RED),
        (0.0, RED),
        (None, None),
        (math.nan, None),
    ],
)
def test_rate_lights(value, expected):
    assert targets.light(value, RATE) == expected


@pytest.mark.parametrize(("value", "expected"), [(0, GREEN), (1, AMBER), (2, AMBER), (3, RED)])
def test_lower_is_better_counts_have_a_maximum(value, expected):
    assert targets.light(value, COUNT) == expected


def test_no_target_no_light():
    assert targets.light(0.5, None) is None


def test_changing_the_file_changes_the_colour(tmp_path, monkeypatch):
    path = tmp_path / "targets.toml"
    monkeypatch.setenv(targets.TARGETS_ENV, str(path))
    path.write_text('[on_time_rate]\nbetter = "higher"\ntarget = 0.99\ntolerance = 0.02\n')
    assert targets.light(0.95, targets.load_targets()["on_time_rate"]) == RED
    path.write_text('[on_time_rate]\nbetter = "higher"\ntarget = 0.95\ntolerance = 0.02\n')
    assert targets.light(0.95, targets.load_targets()["on_time_rate"]) == GREEN


def test_a_bad_direction_is_refused(tmp_path):
    path = tmp_path / "targets.toml"
    path.write_text('[on_time_rate]\nbetter = "up"\ntarget = 0.99\n')
    with pytest.raises(ValueError, match="better"):
        targets.load_targets(path)


def test_change_against_the_week_before():
    assert targets.change(120, 100) == 20
    assert targets.change(0.95, 0.98) == pytest.approx(-0.03)
    assert targets.change(0.95, math.nan) is None
    assert targets.change(None, 3) is None


def test_worse_follows_the_direction():
    assert targets.is_worse(0.95, 0.97, RATE)
    assert not targets.is_worse(0.97, 0.97, RATE)
    assert targets.is_worse(3, 1.5, COUNT)
    assert not targets.is_worse(1, 1.5, COUNT)
    assert not targets.is_worse(math.nan, 1.0, RATE)


UNITS = pd.DataFrame(
    {
        "group": ["A", "B", "C", "D"],
        "name": ["An", "Bình", "Cần", "Đông"],
        "on_time_rate": [1.0, 0.98, 0.90, math.nan],
        "resolved_late": [0, 1, 5, 0],
    }
)
TARGETS = {"on_time_rate": RATE, "resolved_late": COUNT}
KPIS = ("on_time_rate", "resolved_late")


def test_lights_and_worst_first():
    ranked = targets.worst_first(targets.add_lights(UNITS, TARGETS, KPIS), KPIS)
    # C: two reds; B: two ambers; A: two greens; D: no finished dossier, one green.
    assert list(ranked["group"]) == ["C", "B", "A", "D"]
    assert ranked.loc[0, "on_time_rate_light"] == RED
    assert ranked.loc[1, "resolved_late_light"] == AMBER
    assert pd.isna(ranked.loc[3, "on_time_rate_light"])


def test_units_needing_attention():
    averages = pd.DataFrame(
        {
            "group": ["A", "B", "C", "D"],
            "on_time_rate": [1.0, 0.97, 0.95, 0.99],
            "resolved_late": [0.0, 0.5, 0.0, 1.0],
        }
    )
    reasons = targets.needing_attention(UNITS, averages, TARGETS, KPIS)
    as_tuples = [tuple(r) for r in reasons[["group", "kpi", "reason"]].itertuples(index=False)]
    # A meets both targets and its averages; B is short of both targets; C too;
    # D has no on-time rate and fewer late dossiers (0) than its average (1).
    assert as_tuples == [
        ("B", "on_time_rate", "target"),
        ("B", "resolved_late", "target"),
        ("C", "on_time_rate", "target"),
        ("C", "resolved_late", "target"),
    ]
    assert reasons.loc[0, "reference"] == 0.99


def test_worse_than_its_own_average_without_missing_a_target():
    week = pd.DataFrame(
        {"group": ["A"], "name": ["An"], "on_time_rate": [0.995], "resolved_late": [0]}
    )
    averages = pd.DataFrame({"group": ["A"], "on_time_rate": [1.0], "resolved_late": [0.0]})
    reasons = targets.needing_attention(week, averages, TARGETS, KPIS)
    assert reasons[["kpi", "reason", "value", "reference"]].to_dict("records") == [
        {"kpi": "on_time_rate", "reason": "average", "value": 0.995, "reference": 1.0}
    ]
