"""Pure KPI arithmetic: rates from counts, targets and traffic lights. No database, no streamlit."""

import math
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.contract import RATING_LEVELS

COHORT_COUNTS = (
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
COHORT_RATES = ("on_time_rate", "online_rate")


def rate(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """numerator / denominator as a float fraction, missing (NaN) where the denominator is 0."""
    denominator = denominator.astype("float64")
    return numerator.astype("float64") / denominator.where(denominator != 0)


def add_cohort_rates(frame: pd.DataFrame) -> pd.DataFrame:
    """Add on_time_rate and online_rate (data-contract.md) to a frame of cohort counts."""
    on_time = frame["resolved_early"] + frame["resolved_on_time"]
    return frame.assign(
        on_time_rate=rate(on_time, frame["finished"]),
        online_rate=rate(frame["received_online"], frame["received"]),
    )


# Satisfaction (data-contract.md "Satisfaction, adoption").
SATISFACTION_LEVELS = RATING_LEVELS
SATISFACTION_FULL_MARKS = 0.90  # Bộ chỉ số 766 gives full marks from 90% satisfied
FEW_RATINGS = 30  # an officer with fewer ratings in the period is shown but not ranked


def add_satisfaction_rate(frame: pd.DataFrame) -> pd.DataFrame:
    """Add the three-level total `ratings` and `satisfaction_rate` to a frame of level counts."""
    ratings = frame[list(SATISFACTION_LEVELS)].sum(axis=1)
    satisfied = frame["very_satisfied"] + frame["satisfied"]
    return frame.assign(ratings=ratings, satisfaction_rate=rate(satisfied, ratings))


def rank_by_satisfaction(frame: pd.DataFrame, few: int = FEW_RATINGS) -> pd.DataFrame:
    """Add `few_ratings` and `rank` (1 = most satisfied; ties share a rank; none when few)."""
    few_ratings = frame["ratings"] < few
    ranked = frame["satisfaction_rate"].where(~few_ratings)
    rank = ranked.rank(method="min", ascending=False).astype("Int64")
    return frame.assign(few_ratings=few_ratings, rank=rank)


# Targets and traffic lights: config/targets.toml, or the file DASHBOARD_TARGETS names.
TARGETS_ENV = "DASHBOARD_TARGETS"
DEFAULT_TARGETS_PATH = Path(__file__).resolve().parent.parent / "config" / "targets.toml"
GREEN, AMBER, RED = "green", "amber", "red"
_EPSILON = 1e-9  # 0.99 - 0.97 is not exactly 0.02 in floating point


@dataclass(frozen=True)
class Target:
    """A KPI's target: a minimum when higher is better (rates), else a maximum (counts)."""

    value: float
    higher_is_better: bool = True
    tolerance: float = 0.0


def targets_path() -> Path:
    return Path(os.environ.get(TARGETS_ENV) or DEFAULT_TARGETS_PATH)


def load_targets(path: Path | None = None) -> dict[str, Target]:
    """The targets by KPI name, read from the file each call; a KPI not in it has none."""
    with open(path or targets_path(), "rb") as f:
        config = tomllib.load(f)
    targets = {}
    for kpi, entry in config.items():
        better = entry.get("better", "higher")
        if better not in ("higher", "lower"):
            raise ValueError(f"[{kpi}] better = {better!r}: expected 'higher' or 'lower'")
        tolerance = float(entry.get("tolerance", 0))
        targets[kpi] = Target(float(entry["target"]), better == "higher", tolerance)
    return targets


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def light(value, target: Target | None) -> str | None:
    """GREEN when `value` meets the target, AMBER when short of it by at most the
    tolerance, RED beyond; None without a value or a target."""
    if target is None or _missing(value):
        return None
    shortfall = target.value - value if target.higher_is_better else value - target.value
    if shortfall <= _EPSILON:
        return GREEN
    return AMBER if shortfall <= target.tolerance + _EPSILON else RED


def change(current, previous) -> float | None:
    """current − previous, None when either is missing."""
    if _missing(current) or _missing(previous):
        return None
    return float(current) - float(previous)


def is_worse(value, reference, target: Target | None) -> bool:
    """`value` is worse than `reference` in the KPI's direction (higher is better without a
    target); False when either is missing."""
    if _missing(value) or _missing(reference):
        return False
    higher_is_better = target.higher_is_better if target else True
    return value < reference - _EPSILON if higher_is_better else value > reference + _EPSILON


def add_lights(frame: pd.DataFrame, targets: dict[str, Target], kpis) -> pd.DataFrame:
    """Add `<kpi>_light` (GREEN, AMBER, RED or None) for each of `kpis` present in `frame`."""
    lights = {}
    for kpi in kpis:
        if kpi in frame.columns:
            target = targets.get(kpi)
            lights[f"{kpi}_light"] = [light(value, target) for value in frame[kpi]]
    return frame.assign(**lights)


def worst_first(frame: pd.DataFrame, kpis) -> pd.DataFrame:
    """Rows with the most RED lights first, then the most AMBER, then the lowest on-time rate."""
    lights = frame[[f"{kpi}_light" for kpi in kpis if f"{kpi}_light" in frame.columns]]
    order = frame.assign(
        _reds=(lights == RED).sum(axis=1), _ambers=(lights == AMBER).sum(axis=1)
    ).sort_values(
        ["_reds", "_ambers", "on_time_rate", "name"],
        ascending=[False, False, True, True],
        na_position="last",
        kind="stable",
    )
    return order.drop(columns=["_reds", "_ambers"]).reset_index(drop=True)


def needing_attention(
    week: pd.DataFrame, averages: pd.DataFrame, targets: dict[str, Target], kpis
) -> pd.DataFrame:
    """One row per reason a unit needs attention: a KPI short of its target (`reason` =
    "target", `reference` = the target) or worse than the unit's own average (`reason` =
    "average", `reference` = that average). Frames are keyed by `group` (unit code)."""
    average_of = averages.set_index("group")
    reasons = []
    for row in week.to_dict("records"):
        for kpi in kpis:
            target, value = targets.get(kpi), row.get(kpi)
            if light(value, target) in (AMBER, RED):
                reasons.append((row["group"], row["name"], kpi, "target", value, target.value))
            elif row["group"] in average_of.index:
                reference = average_of.at[row["group"], kpi]
                if is_worse(value, reference, target):
                    reasons.append((row["group"], row["name"], kpi, "average", value, reference))
    columns = ["group", "name", "kpi", "reason", "value", "reference"]
    return pd.DataFrame(reasons, columns=columns)
