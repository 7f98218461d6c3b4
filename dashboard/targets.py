"""Targets and traffic lights: how each KPI of the registry stands against the district's aim.

The targets live in config/targets.toml (or the file DASHBOARD_TARGETS names),
one section per KPI key. No database, no streamlit.
"""

import math
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.kpi import REGISTRY

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


class Targets(dict):
    """The targets by KPI key, with what the file got wrong (`problems`, in Vietnamese)."""

    def __init__(self, targets=(), problems: list[str] | None = None):
        super().__init__(targets)
        self.problems: list[str] = problems or []


def load_targets(path: Path | None = None) -> Targets:
    """The targets by KPI key, read from the file each call; a KPI not in it has none.

    A section without `target` gives no target (its KPI stays uncoloured) and a
    note in `problems`, rather than stopping the page. An unreadable file or a
    wrong `better` raises (OSError, ValueError): the caller says so.
    """
    with open(path or targets_path(), "rb") as f:
        config = tomllib.load(f)
    targets, problems = {}, []
    for key, entry in config.items():
        registered = REGISTRY.get(key)
        direction = registered.higher_is_better if registered else None
        better = entry.get("better", "lower" if direction is False else "higher")
        if better not in ("higher", "lower"):
            raise ValueError(f"[{key}] better = {better!r}: expected 'higher' or 'lower'")
        if "target" not in entry:
            problems.append(f"Mục [{key}] của tệp chỉ tiêu chưa có giá trị target: chưa tô màu.")
            continue
        tolerance = float(entry.get("tolerance", 0))
        targets[key] = Target(float(entry["target"]), better == "higher", tolerance)
    return Targets(targets, problems)


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


STATUS_WORDS = {GREEN: "đạt", AMBER: "chưa đạt", RED: "chưa đạt"}


def status(value, target: Target | None) -> str | None:
    """ "đạt" or "chưa đạt" (amber is short of the target too); None without a light."""
    return STATUS_WORDS.get(light(value, target))


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


# A figure's distance from its target, in its own unit when the target has no tolerance.
UNIT_OF = {True: 0.01, False: 1.0}  # a rate: one percentage point; a count: one dossier
RANK_RULE = (
    "Thứ tự: đơn vị có một chỉ số cách xa chỉ tiêu nhất lên đầu (khoảng cách tính bằng số lần "
    "mức dung sai của chỉ tiêu đó); cách xa bằng nhau thì cùng hạng."
)


def distance(key: str, value, target: Target | None) -> float | None:
    """How far `value` falls short of `target`, in multiples of the target's tolerance (its
    amber band; one percentage point or one dossier without one): above 0 short, 0 on it,
    below 0 met with room to spare; None without a value or a target."""
    if target is None or _missing(value):
        return None
    shortfall = target.value - value if target.higher_is_better else value - target.value
    scale = target.tolerance or UNIT_OF[REGISTRY[key].is_rate]
    return round(shortfall / scale, 6)  # equal figures tie, whatever the floating point


def worst_first(frame: pd.DataFrame, targets: dict[str, Target], kpis) -> pd.DataFrame:
    """Rows by their worst single figure's distance from its target, furthest first
    (RANK_RULE): with `distance`, the KPI deciding it (`worst_kpi`) and `rank`, equal for
    equal distances (1, 1, 3); a row without any figure against a target comes last."""
    columns = {kpi: frame[kpi].tolist() for kpi in kpis if kpi in frame.columns}
    worst, deciding = [], []
    for index in range(len(frame)):
        found = [
            (d, kpi)
            for kpi, values in columns.items()
            if (d := distance(kpi, values[index], targets.get(kpi))) is not None
        ]
        best = max(found, key=lambda pair: pair[0], default=(math.nan, None))
        worst.append(best[0])
        deciding.append(best[1])
    order = frame.assign(distance=worst, worst_kpi=deciding).sort_values(
        ["distance", "name"], ascending=[False, True], na_position="last", kind="stable"
    )
    order["rank"] = order["distance"].rank(method="min", ascending=False).astype("Int64")
    return order.reset_index(drop=True)


def needing_attention(
    week: pd.DataFrame, averages: pd.DataFrame, targets: dict[str, Target], kpis
) -> pd.DataFrame:
    """One row per reason a unit needs attention: a KPI short of its target (`reason` =
    "target", `reference` = the target) or worse than the unit's own average (`reason` =
    "average", `reference` = that average). Frames are keyed by `group` (unit code)."""
    average_of = {row["group"]: row for row in averages.to_dict("records")}
    reasons = []
    for row in week.to_dict("records"):
        for kpi in kpis:
            target, value = targets.get(kpi), row.get(kpi)
            if light(value, target) in (AMBER, RED):
                reasons.append((row["group"], row["name"], kpi, "target", value, target.value))
            elif row["group"] in average_of:
                reference = average_of[row["group"]][kpi]
                if is_worse(value, reference, target):
                    reasons.append((row["group"], row["name"], kpi, "average", value, reference))
    columns = ["group", "name", "kpi", "reason", "value", "reference"]
    return pd.DataFrame(reasons, columns=columns)
