"""Rows that break the data contract, counted by kind of problem, incrementally.

What a problem is: queries/quality_rules.py. How a table is read by day of its time, and
what tells a day changed: queries/quality_parts.py. Here the count itself: `refresh`
brings a State (what was counted before, kept by the dashboard between restarts:
dashboard/quality_store.py) up to date and gives every count; `quality_counts` counts
everything afresh (the same code from an empty State). Three depths of check:

- QUICK: the live rows, the keys whose live rows changed, the keys of rows received or
  finished since the last check (less a MARGIN), and the rows without a usable time;
- SWEEP: also every key's number of rows, against what was kept (rows removed or added
  with an old date);
- FULL: every key counted again, and the repeated ids and codes looked for in one pass
  (a settled row changed in place, which no index tells).
"""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from sqlalchemy import and_, select
from sqlalchemy.engine import Engine

from queries import quality_parts as parts
from queries.connection import missing_tables
from queries.contract import distinct_units, procedures
from queries.period import local_now
from queries.quality_parts import LIVE, SPECS, Level, Part, Reader, Tally, rows_by_key
from queries.quality_rules import future_counts, unit_kinds, unit_problems, units_counts

# Rows received or finished this long before the last check are looked at again: a clock
# a little off, a transaction still running then, a replica a little behind.
MARGIN = timedelta(hours=1)
TABLES = ["dossiers", "units", "ratings"]


@dataclass
class State:
    """What the audit knows between checks. `parts`: table → key → Part; `shared`: problem
    (repeated ids, codes) → value → key → rows, for the values more than one row holds;
    when the last check, sweep and full count started. `changed_parts` ((table, key)) and
    `changed_values` ((problem, value)) say what the last refresh wrote, to keep only
    that."""

    parts: dict[str, dict[str, Part]] = field(default_factory=dict)
    shared: dict[str, dict] = field(default_factory=dict)
    checked_at: datetime | None = None
    swept_at: datetime | None = None
    full_at: datetime | None = None
    changed_parts: set = field(default_factory=set)
    changed_values: set = field(default_factory=set)


def _recount(reader, name, spec, state, live, dirty) -> list:
    """Count the settled rows of `dirty` again; the conditions read (for the repeated
    values among them)."""
    kept = state.parts.setdefault(name, {})
    read = []
    for keys, condition in parts.batches(spec, dirty):
        settled = and_(condition, spec.settled)
        fresh = parts.tallies(reader, spec, settled)
        for key in keys:
            kept[key] = Part(fresh.get(key, Tally()), live[key].rows if key in live else 0)
        read.append(settled)
    state.changed_parts |= {(name, key) for key in dirty}
    for key in [k for k, part in kept.items() if not part.settled.rows and not part.live]:
        del kept[key]
    return read


def _shared(reader, spec, state, read, dirty, level) -> None:
    """Bring the repeated values of `spec.shared` up to date: those among the rows just
    read and the live rows, and those known to lie in keys just counted or live."""
    for problem, column in spec.shared.items():
        known = state.shared.setdefault(problem, {})
        if level == Level.FULL:
            found = parts.repeated(reader, spec, column)
        else:
            found = set()
            for condition in [*read, *([spec.live] if spec.live is not None else [])]:
                found |= parts.repeated(reader, spec, column, condition)
        touched = dirty | {LIVE}
        affected = found | {
            v for v, by_key in known.items() if level == Level.FULL or by_key.keys() & touched
        }
        for value in affected:
            known.pop(value, None)
        holding: dict = {}
        for value, key, rows in parts.rows_holding(reader, spec, column, affected):
            holding.setdefault(value, {})[key] = holding.get(value, {}).get(key, 0) + rows
        known |= {value: by_key for value, by_key in holding.items() if sum(by_key.values()) > 1}
        state.changed_values |= {(problem, value) for value in affected}


def _counts(name, spec, state, live, kinds) -> dict[str, int]:
    total = Tally(problems=dict.fromkeys(spec.problems, 0))
    for part in state.parts.get(name, {}).values():
        total.add(part.settled)
    for tally in live.values():
        total.add(tally)
    counts = dict(total.problems)
    if spec.units:
        received, handling = (total.units.get(column.name, {}) for column in spec.units)
        counts |= unit_problems(received, handling, kinds)
    for problem in spec.shared:
        counts[problem] = sum(sum(k.values()) for k in state.shared.get(problem, {}).values())
    return counts


def refresh(
    engine: Engine,
    state: State,
    now: datetime | None = None,
    level: Level = Level.QUICK,
    pause=None,
) -> dict[str, int]:
    """Bring `state` up to date at `level` (FULL when it knows nothing yet) and give how
    many rows break the contract, by problem (the keys of each present table's problems;
    a table the database lacks has none). `pause(seconds)` follows every statement.

    A timestamp is in the future from the midnight after `now`'s day on (default: the
    current local time): a day is what every figure counts by, and a rating stamped by
    a clock a few minutes ahead of ours is not a data error.
    """
    started = now or local_now()
    tomorrow = datetime.combine(started.date() + timedelta(days=1), time())
    if state.checked_at is None:
        level = Level.FULL
    since = None if level == Level.FULL else state.checked_at - MARGIN
    state.changed_parts, state.changed_values = set(), set()
    present = [t for t in TABLES if t not in missing_tables(engine, TABLES)]
    counts: dict[str, int] = {}
    with engine.connect() as conn:
        reader = Reader(conn, pause)
        kinds = unit_kinds(conn) if "units" in present else {}
        for name, spec in SPECS.items():
            if name not in present:
                continue
            live = parts.live(reader, spec)
            kept = state.parts.setdefault(name, {})
            dirty = parts.dirty(reader, spec, kept, rows_by_key(live), level, since, tomorrow)
            read = _recount(reader, name, spec, state, live, dirty)
            _shared(reader, spec, state, read, dirty, level)
            counts |= _counts(name, spec, state, live, kinds)
        counts |= future_counts(conn, tomorrow, present)
        if "units" in present:
            counts |= units_counts(conn)
    state.checked_at = started
    if level >= Level.SWEEP:
        state.swept_at = started
    if level == Level.FULL:
        state.full_at = started
    return counts


def quality_counts(engine: Engine, now: datetime | None = None) -> dict[str, int]:
    """How many rows break the contract, by problem, counted afresh (see `refresh`)."""
    return refresh(engine, State(), now)


def source_names(engine: Engine) -> dict[str, list]:
    """The names a person reads, by table: every unit's (as the queries read units) and
    every procedure's, for the dashboard to count those it cleans (dashboard.plain_text).
    Small tables (hundreds of units, a few thousand procedures); a table the database
    lacks has none."""
    columns = {"units": distinct_units.c.name, "procedures": procedures.c.name}
    present = [t for t in columns if t not in missing_tables(engine, list(columns))]
    with engine.connect() as conn:
        return {table: conn.execute(select(columns[table])).scalars().all() for table in present}
