"""Units across a reorganisation (data-contract.md, "Units across a reorganisation").

The unit map says, for every unit, which unit serves its area today: follow
`unit_successions` while a unit has exactly one successor (a merger); a unit
that was split (several successors) or dissolved (none, the district one-stops
and their offices on 1 July 2025) stands as itself, with its end date. A
database without `unit_successions` and without `units.valid_from`/`valid_to`
has had no reorganisation: its map is the identity, and every figure comes out
exactly as before. The dashboard re-groups its by-unit figures through the map
(dashboard.unit_reading); this module only reads it.
"""

import time
import weakref
from dataclasses import dataclass, field
from datetime import date

import pandas as pd
from sqlalchemy import String, inspect, select, type_coerce
from sqlalchemy.engine import Engine

from queries.connection import missing_tables
from queries.contract import OPTIONAL_UNIT_COLUMNS, distinct_units, unit_successions, unit_validity


@dataclass(frozen=True)
class UnitMap:
    """`current`: each unit id → its current unit's id (itself unless merged into another);
    `codes`: each unit id → its code; `ended`: each unit no longer in service → the first
    day it no longer served (`valid_to`, else its successions' date); `dates`: the days a
    succession took effect, oldest first (the charts mark them); `parents`: each unit id →
    its `parent_id` where it has one."""

    current: dict[int, int] = field(default_factory=dict)
    codes: dict[int, str] = field(default_factory=dict)
    ended: dict[int, date] = field(default_factory=dict)
    dates: tuple[date, ...] = ()
    parents: dict[int, int] = field(default_factory=dict)

    @property
    def is_identity(self) -> bool:
        return all(unit == today for unit, today in self.current.items())

    def current_code(self, code):
        """The code of the unit that serves `code`'s area today (any other value as is: the
        row of no known unit, dossiers no office handles)."""
        unit = self._ids_by_code().get(code)
        return code if unit is None else self.codes[self.current[unit]]

    def member_codes(self, code: str) -> tuple[str, ...]:
        """`code` and the codes of every unit whose dossiers count as its by today's units
        (its predecessors, theirs, …), `code` first."""
        unit = self._ids_by_code().get(code)
        if unit is None:
            return (code,)
        others = sorted(
            self.codes[u] for u, today in self.current.items() if today == unit and u != unit
        )
        return (code, *others)

    def area(self, code: str) -> frozenset[int]:
        """The ids of the units whose dossiers a scope on `code` holds (data-contract.md,
        "Units across a reorganisation"): the unit, every unit under it by `parent_id`, and
        every unit whose current unit is one of those (a merged commune's predecessors).
        Under a former district, its communes as they stood: its history. Empty for a code
        no unit has."""
        top = self._ids_by_code().get(code)
        if top is None:
            return frozenset()
        children: dict[int, list[int]] = {}
        for unit, parent in self.parents.items():
            children.setdefault(parent, []).append(unit)
        under, todo = {top}, [top]
        while todo:  # the seen set stops a loop in the data
            for child in children.get(todo.pop(), ()):
                if child not in under:
                    under.add(child)
                    todo.append(child)
        return frozenset(u for u in self.codes if u in under or self.current[u] in under)

    def end_of(self, code) -> date | None:
        """The first day the unit with `code` no longer served; None while in service."""
        unit = self._ids_by_code().get(code)
        return None if unit is None else self.ended.get(unit)

    def _ids_by_code(self) -> dict[str, int]:
        return {code: unit for unit, code in self.codes.items()}


# Which optional parts a database has, asked once per engine (a schema does not change
# under a running dashboard; a new one is a new engine).
_parts: "weakref.WeakKeyDictionary[Engine, tuple[bool, bool]]" = weakref.WeakKeyDictionary()


def _optional_parts(engine: Engine) -> tuple[bool, bool]:
    """(has unit_successions, has units.valid_to)."""
    if engine not in _parts:
        columns = {column["name"] for column in inspect(engine).get_columns("units")}
        has_table = not missing_tables(engine, ["unit_successions"])
        _parts[engine] = (has_table, OPTIONAL_UNIT_COLUMNS[1] in columns)
    return _parts[engine]


def _days(values: pd.Series) -> pd.Series:
    """Dates as `date` (SQLite hands text, with or without a time; PostgreSQL dates)."""
    return pd.to_datetime(values.astype("string"), errors="coerce").dt.date


# Units change by decree, not by the minute, and a page asks for the map once per figure
# (10 to 40 times): read it once a minute per database (8 ms a read on the demo).
MAP_TTL_SECONDS = 60.0
_maps: "weakref.WeakKeyDictionary[Engine, tuple[float, UnitMap]]" = weakref.WeakKeyDictionary()


def unit_map(engine: Engine) -> UnitMap:
    """The database's unit map (the identity where it has no reorganisation), read again
    once it is MAP_TTL_SECONDS old."""
    now = time.monotonic()
    kept = _maps.get(engine)
    if kept is not None and now - kept[0] < MAP_TTL_SECONDS:
        return kept[1]
    found = _read_unit_map(engine)
    _maps[engine] = (now, found)
    return found


def _read_unit_map(engine: Engine) -> UnitMap:
    has_successions, has_valid_to = _optional_parts(engine)
    columns = [distinct_units.c.id, distinct_units.c.code, distinct_units.c.parent_id]
    query = select(*columns)
    if has_valid_to:
        validity = unit_validity.alias("validity")
        valid_to = type_coerce(validity.c.valid_to, String).label("valid_to")
        query = select(*columns, valid_to).join_from(
            distinct_units, validity, validity.c.id == distinct_units.c.id, isouter=True
        )
    with engine.connect() as conn:
        rows = pd.read_sql(query, conn)
        links = (
            pd.read_sql(
                select(
                    unit_successions.c.predecessor_id,
                    unit_successions.c.successor_id,
                    type_coerce(unit_successions.c.effective_on, String).label("effective_on"),
                ),
                conn,
            )
            if has_successions
            else pd.DataFrame(columns=["predecessor_id", "successor_id", "effective_on"])
        )
    # A unit repeated in `units` is read once, as every query reads it.
    rows = rows.dropna(subset=["id"]).drop_duplicates("id")
    codes = {int(unit): str(code) for unit, code in zip(rows["id"], rows["code"], strict=True)}
    links = links.dropna(subset=["predecessor_id", "successor_id"])
    links = links.assign(effective_on=_days(links["effective_on"]))
    successors: dict[int, set[int]] = {}
    for before, after in zip(links["predecessor_id"], links["successor_id"], strict=True):
        successors.setdefault(int(before), set()).add(int(after))

    ended = {}
    if has_valid_to:
        for unit, day in zip(rows["id"], _days(rows["valid_to"]), strict=True):
            if pd.notna(day):
                ended[int(unit)] = day
    for unit, day in zip(links["predecessor_id"], links["effective_on"], strict=True):
        if pd.notna(day):
            ended.setdefault(int(unit), day)
    parents = {
        int(unit): int(parent)
        for unit, parent in zip(rows["id"], rows["parent_id"], strict=True)
        if pd.notna(parent)
    }
    return UnitMap(
        current={unit: _today(unit, successors, codes) for unit in codes},
        codes=codes,
        ended=ended,
        dates=tuple(sorted({day for day in links["effective_on"] if pd.notna(day)})),
        parents=parents,
    )


def _today(unit: int, successors: dict[int, set[int]], known) -> int:
    """Follow the single successor of each merger; stop at a split, a dissolution, a
    successor missing from `units` (`known`), or a loop in the data."""
    seen = {unit}
    while len(successors.get(unit, ())) == 1:
        (after,) = successors[unit]
        if after in seen or after not in known:
            break
        seen.add(after)
        unit = after
    return unit
