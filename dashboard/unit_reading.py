"""The two readings of a figure by unit (data-contract.md, "Units across a reorganisation").

`current` (the default): each dossier counts for the unit that serves its unit's area
today (queries.succession): a merged commune's rows are its own and its predecessors'
summed, its rates recomputed from the summed counts. `recorded`: by the unit on the
dossier's row. Both hold every dossier once, so totals are equal. A unit no longer in
service (dissolved, split, or merged when read as recorded) keeps its row, its name
followed by its last day: "Xã S (đến 30/06/2025)".
"""

from dataclasses import replace
from datetime import date, timedelta

import pandas as pd
from sqlalchemy.engine import Engine

from queries import scope
from queries.succession import UnitMap, unit_map

READINGS = ("current", "recorded")
DEFAULT = "current"
# The switch on the pages, in READINGS' order.
READING_NAMES = {"current": "Đơn vị hiện nay", "recorded": "Như đã ghi nhận"}
IDENTITY = UnitMap()


def check(reading: str) -> str:
    if reading not in READINGS:
        raise ValueError(f"unknown reading {reading!r}; expected one of {READINGS}")
    return reading


def reading_map(engine: Engine, reading: str) -> UnitMap:
    """The unit map (whose end dates name the ended units in both readings), followed only
    when reading by today's units, and only within the engine's scope (queries.scope): in a
    former district's, its communes stand as they were, their successors being outside."""
    found = unit_map(engine)
    if check(reading) == "recorded":
        return replace(found, current={u: u for u in found.codes})
    area = scope.ids(engine)
    if area is None:
        return found
    return replace(found, current={u: t if t in area else u for u, t in found.current.items()})


def has_reorganisation(engine: Engine) -> bool:
    """Whether any unit was merged, split or dissolved (else both readings are the same)."""
    found = unit_map(engine)
    return bool(found.ended) or not found.is_identity


def succession_dates(engine: Engine) -> tuple[date, ...]:
    """The days a reorganisation took effect: the charts crossing one mark it."""
    return unit_map(engine).dates


def until_text(ended: date) -> str:
    """'đến 30/06/2025' for a unit whose first day out of service is 01/07/2025."""
    return f"đến {(ended - timedelta(days=1)):%d/%m/%Y}"


def regrouped(
    frame: pd.DataFrame, units: UnitMap, counts, by: tuple[str, ...] = ()
) -> pd.DataFrame:
    """`frame` (one row per unit code `group`, and per `by`) with each row moved to its
    current unit and the `counts` summed: the current unit's row keeps its place, name and
    kind; rows of merged units leave. Other columns (rates) are dropped: the caller
    recomputes them (dashboard.kpi.with_rates). The identity map gives `frame` back, named."""
    counts = list(counts)
    known = frame["group"].notna()
    target = frame["group"].where(~known, frame["group"].map(units.current_code))
    if (target[known] != frame["group"][known]).any():
        keep = frame[target == frame["group"]].drop(columns=counts)
        if not known.all():  # the rows of no unit (None) stay, their counts as they are
            keep = pd.concat([keep, frame[~known].drop(columns=counts)])
        sums = frame.assign(group=target).groupby(["group", *by], dropna=False, sort=False)
        frame = keep.merge(sums[counts].sum().reset_index(), on=["group", *by], how="left")
        frame[counts] = frame[counts].fillna(0).astype("int64")
        frame["group"] = frame["group"].astype(object).where(frame["group"].notna(), None)
    return with_end_dates(frame.reset_index(drop=True), units)


def with_end_dates(frame: pd.DataFrame, units: UnitMap) -> pd.DataFrame:
    """`frame`'s unit names (`name`, by code `group`) followed by the last day of a unit
    no longer in service."""
    if not units.ended or "name" not in frame.columns:
        return frame
    ends = frame["group"].map(lambda code: units.end_of(code) if pd.notna(code) else None)
    ended = ends.notna()
    names = frame["name"].astype(object)
    names[ended] = [
        f"{name} ({until_text(day)})" for name, day in zip(names[ended], ends[ended], strict=True)
    ]
    return frame.assign(name=names)


def in_service(frame: pd.DataFrame, units: UnitMap, end: date) -> pd.Series:
    """For each row (`group` a unit code): the unit still served on `end`, the period's last
    day (ranks and units needing attention hold only these; the others are listed apart)."""

    def serving(code) -> bool:
        ended = units.end_of(code) if pd.notna(code) else None
        return ended is None or ended > end

    return frame["group"].map(serving).astype(bool)


def member_codes(units: UnitMap, code: str | None) -> tuple[str, ...] | None:
    """The codes whose dossiers count as `code`'s in the map's reading (None: no filter)."""
    return None if code is None else units.member_codes(code)


def picked_units(pairs, units: UnitMap) -> list[tuple[str, str]]:
    """The (code, name) pairs of a unit picker in the map's reading: by today's units a unit
    merged into another leaves (its dossiers are its successor's); a unit no longer in
    service is named with its last day."""
    shown = []
    for code, name in pairs:
        if units.current_code(code) != code:
            continue
        ended = units.end_of(code)
        shown.append((code, f"{name} ({until_text(ended)})" if ended else name))
    return shown


def folded_units(pairs, units: UnitMap) -> dict[str, tuple[str, str]]:
    """The units of `pairs` a picker leaves out in the map's reading: code → (the code of the
    unit holding its dossiers today, its own name), for a link that names one."""
    return {
        code: (units.current_code(code), name)
        for code, name in pairs
        if units.current_code(code) != code
    }
