"""Reading a big table day by day of one of its times, for an audit that counts again only
the days whose rows changed (queries/quality.py; docs/decisions.md, "The audit, counted
incrementally").

The contract gives no "updated at" column, so what changed is told by the indexes the
README asks for:
- a table's *live* rows, those that change in the normal course of work (for `dossiers`,
  the open ones: the open dossiers' index), are counted at every check, never kept;
- the other rows (*settled*) are counted by *key*: the day of the table's time column
  (`received_at`, `rated_at`), or `none` (no time) or `other` (before 2000, from 2100 on,
  infinite): what is kept per key is the number of its settled rows and their problems;
- a key is counted again when its number of live rows changed (a dossier finished, was
  reopened or removed while open), when settled rows were received or finished since the
  last check (the time columns' indexes), or, at a sweep, when its number of rows (the
  index on the time column alone) less its live rows is not the number kept.

A key's rows are read through a range of the time column a day wider than the key (so
that the index serves the read, whatever text SQLite holds) and told apart by the key
itself, so that every row is in exactly one key on both engines.
"""

import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import IntEnum
from itertools import groupby

from sqlalchemy import String, and_, case, func, literal, not_, or_, select, true, type_coerce
from sqlalchemy.engine import Connection
from sqlalchemy.schema import Column, Table
from sqlalchemy.sql import ColumnElement

from queries.cohort import count_where
from queries.contract import dossiers, ratings
from queries.dialect import day_of, moment
from queries.quality_rules import EARLIEST_SANE, NOT_OPEN, OPEN, ROW_PROBLEMS

# From here on a time is not a day of the data: an error (counted under `other`).
LATEST_SANE = datetime(2100, 1, 1)
NONE, OTHER, LIVE = "none", "other", "live"
A_DAY = timedelta(days=1)
VALUES_AT_ONCE = 500  # values of a column looked up in one statement


@dataclass(frozen=True)
class Spec:
    """How one table is counted: by the day of `time`; `problems` per row (name → SQL
    condition); rows by value of the `units` columns; `live` rows counted at every check
    (None: every row is `settled`); `recent` time columns whose rows since the last check
    mark their key; `shared`: columns whose repeated values are counted (name → column)."""

    table: Table
    time: Column
    problems: dict
    units: tuple = ()
    live: ColumnElement | None = None
    settled: ColumnElement = field(default_factory=true)
    recent: tuple = ()
    shared: dict = field(default_factory=dict)


SPECS = {
    "dossiers": Spec(
        dossiers,
        dossiers.c.received_at,
        ROW_PROBLEMS["dossiers"],
        units=(dossiers.c.received_unit_id, dossiers.c.handling_unit_id),
        live=OPEN,
        settled=NOT_OPEN,
        recent=(dossiers.c.received_at, dossiers.c.finished_at),
        shared={"dossier_id_duplicate": dossiers.c.id, "dossier_code_duplicate": dossiers.c.code},
    ),
    "ratings": Spec(
        ratings, ratings.c.rated_at, ROW_PROBLEMS["ratings"], recent=(ratings.c.rated_at,)
    ),
}


@dataclass
class Tally:
    """What some rows hold: how many, how many have each problem, how many name each unit
    (column name → unit id → rows)."""

    rows: int = 0
    problems: dict[str, int] = field(default_factory=dict)
    units: dict[str, dict] = field(default_factory=dict)

    def add(self, other: "Tally") -> None:
        self.rows += other.rows
        for key, n in other.problems.items():
            self.problems[key] = self.problems.get(key, 0) + n
        for column, by_unit in other.units.items():
            mine = self.units.setdefault(column, {})
            for unit, n in by_unit.items():
                mine[unit] = mine.get(unit, 0) + n


class Level(IntEnum):
    QUICK = 0
    SWEEP = 1
    FULL = 2


@dataclass
class Part:
    """One key of a table: its settled rows as counted, and how many live rows it had."""

    settled: Tally = field(default_factory=Tally)
    live: int = 0


class Reader:
    """A connection whose every statement ends its transaction and is followed by
    `pause(seconds it took)`: the audit in the background gives the pages their turn
    (dashboard/quality_check.py) and holds no lock on a table while it rests (a lock
    held would queue the source's own maintenance, and the pages behind it)."""

    def __init__(self, conn: Connection, pause: Callable[[float], None] | None = None):
        self.conn = conn
        self.pause = pause or (lambda _seconds: None)

    def rows(self, query) -> list:
        started = time.perf_counter()
        found = self.conn.execute(query).all()
        self.conn.commit()
        self.pause(time.perf_counter() - started)
        return found


def _sane(t):
    # On PostgreSQL `-infinity` and `infinity` fall outside, as does SQLite's text for them.
    return and_(t >= moment(EARLIEST_SANE), t < moment(LATEST_SANE))


def _outside(t):
    """A time but not one of the data's days: the rows of OTHER (two ranges of the index)."""
    return or_(t < moment(EARLIEST_SANE), t >= moment(LATEST_SANE))


def key_columns(t) -> tuple:
    # The day as text on SQLite, as a date on PostgreSQL: never parsed by the driver's
    # date type, which fails on text that is no date.
    day = type_coerce(case((_sane(t), day_of(t))), String).label("key_day")
    odd = case((t.is_(None), NONE), (not_(_sane(t)), OTHER)).label("key_odd")
    return day, odd


def key_of(day, odd) -> str:
    if odd is not None:
        return odd
    return day.isoformat() if isinstance(day, date) else day


def _as_day(key: str) -> date | None:
    return date.fromisoformat(key) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", key) else None


def batches(spec: Spec, keys: Iterable[str]) -> list[tuple[list[str], ColumnElement]]:
    """The rows of `keys`, a few statements' worth: (keys, condition) per statement, the
    days of one month together."""
    t = spec.time
    keys = sorted(set(keys))
    days = [(key, _as_day(key)) for key in keys if key not in (NONE, OTHER)]
    found = []
    for key in (NONE, OTHER):
        if key in keys:
            found.append(([key], t.is_(None) if key == NONE else _outside(t)))
    dated = [(key, day) for key, day in days if day is not None]
    for _, month in groupby(dated, key=lambda pair: pair[1].replace(day=1)):
        month = list(month)
        first, last = month[0][1], month[-1][1]
        condition = and_(
            t >= moment(datetime.combine(first - A_DAY, datetime.min.time())),
            t < moment(datetime.combine(last + A_DAY, datetime.min.time())),
            day_of(t).in_([day for _, day in month]),
        )
        found.append(([key for key, _ in month], condition))
    undated = [key for key, day in days if day is None]  # SQLite text that is no time
    if undated:
        found.append((undated, and_(_sane(t), type_coerce(day_of(t), String).in_(undated))))
    return found


def _tallies(spec: Spec, found: list) -> dict[str, Tally]:
    tallies: dict[str, Tally] = {}
    for row in found:
        values = row._mapping
        tally = Tally(
            values["rows"],
            {key: int(values[key]) for key in spec.problems},
            {column.name: {values[column.name]: values["rows"]} for column in spec.units},
        )
        tallies.setdefault(key_of(values["key_day"], values["key_odd"]), Tally()).add(tally)
    return tallies


def tallies(reader: Reader, spec: Spec, where) -> dict[str, Tally]:
    """The rows of `where`, by key: their number, problems and units."""
    day, odd = key_columns(spec.time)
    query = (
        select(
            day,
            odd,
            *spec.units,
            func.count().label("rows"),
            *[count_where(condition).label(key) for key, condition in spec.problems.items()],
        )
        .where(where)
        .group_by(day, odd, *spec.units)
    )
    return _tallies(spec, reader.rows(query))


def live(reader: Reader, spec: Spec) -> dict[str, Tally]:
    """The live rows, by key (none for a table without)."""
    return {} if spec.live is None else tallies(reader, spec, spec.live)


def _counts_by_key(found) -> dict[str, int]:
    return {key_of(day, odd): int(n) for day, odd, n in found}


def odd_totals(reader: Reader, spec: Spec) -> dict[str, int]:
    """How many rows have no time, or one outside the data's days (the time's index)."""
    day, odd = key_columns(spec.time)
    t = spec.time
    query = select(day, odd, func.count()).where(or_(t.is_(None), _outside(t))).group_by(day, odd)
    return _counts_by_key(reader.rows(query))


def day_totals(reader: Reader, spec: Spec) -> dict[str, int]:
    """How many rows each day has, a year per statement (the time's index alone)."""
    t = spec.time
    sane = _sane(t)
    first, last = reader.rows(select(func.min(t), func.max(t)).where(sane))[0]
    years = [_year(first), _year(last)]
    if None in years:  # no rows, or SQLite text whose year cannot be read: one statement
        spans = [sane] if first is not None else []
    else:
        spans = [
            and_(t >= moment(datetime(year, 1, 1)), t < moment(datetime(year + 1, 1, 1)))
            for year in range(years[0], years[1] + 1)
        ]
    day = type_coerce(day_of(t), String)  # every row of a span is of a day: no CASE
    totals = {}
    for span in spans:
        found = reader.rows(select(day, func.count()).where(span).group_by(day_of(t)))
        totals |= {key_of(d, None): int(n) for d, n in found}
    return totals


def _year(value) -> int | None:
    if isinstance(value, datetime):
        return value.year
    text = str(value or "")[:4]
    return int(text) if text.isdigit() else None


def recent(reader: Reader, spec: Spec, since: datetime, until: datetime) -> set[str]:
    """The keys of settled rows whose `recent` times fall in [since, until)."""
    day, odd = key_columns(spec.time)
    keys = set()
    for column in spec.recent:
        where = and_(column >= moment(since), column < moment(until), spec.settled)
        found = reader.rows(select(day, odd).where(where).distinct())
        keys |= {key_of(d, o) for d, o in found}
    return keys


def repeated(reader: Reader, spec: Spec, column, where=None) -> set:
    """The values of `column` held by more than one row of the table, among the rows of
    `where` (None: all rows, in one pass)."""
    other = spec.table.alias("other")
    same = other.c[column.name]
    query = select(same).where(same.is_not(None)).group_by(same).having(func.count() > 1)
    if where is not None:
        query = query.where(same.in_(select(column).where(where, column.is_not(None))))
    return {value for (value,) in reader.rows(query)}


def rows_holding(reader: Reader, spec: Spec, column, values: Iterable) -> list[tuple]:
    """For rows whose `column` is one of `values`: (value, key, rows), live rows under LIVE."""
    day, odd = key_columns(spec.time)
    is_live = (literal(0) if spec.live is None else case((spec.live, 1), else_=0)).label("live")
    values = sorted(values, key=repr)
    found = []
    for start in range(0, len(values), VALUES_AT_ONCE):
        chunk = values[start : start + VALUES_AT_ONCE]
        query = (
            select(column, day, odd, is_live, func.count())
            .where(column.in_(chunk))
            .group_by(column, day, odd, is_live)
        )
        for value, d, o, live_row, n in reader.rows(query):
            found.append((value, LIVE if live_row else key_of(d, o), int(n)))
    return found


def dirty(
    reader, spec: Spec, kept: dict[str, Part], live_rows: dict[str, int], level, since, until
) -> set[str]:
    """The keys to count again at `level` (see the module's docstring and queries/quality.py),
    from what was `kept` by key, the number of live rows by key now, and the settled rows
    received or finished in [`since`, `until`) (None: no such look)."""
    found = {k for k in kept.keys() | live_rows.keys() if live_rows.get(k, 0) != _live(kept, k)}
    if since is not None:
        found |= recent(reader, spec, since, until)
    totals = odd_totals(reader, spec)
    looked = {NONE, OTHER}
    if level >= Level.SWEEP:
        totals |= day_totals(reader, spec)
        looked = kept.keys() | totals.keys()
    for key in looked:
        settled = totals.get(key, 0) - live_rows.get(key, 0)
        if settled != (kept[key].settled.rows if key in kept else 0):
            found.add(key)
    if level == Level.FULL:
        found |= {key for key, n in totals.items() if n > live_rows.get(key, 0)} | kept.keys()
    return found


def rows_by_key(tallies: dict[str, Tally]) -> dict[str, int]:
    return {key: tally.rows for key, tally in tallies.items()}


def _live(kept: dict[str, Part], key: str) -> int:
    return kept[key].live if key in kept else 0
