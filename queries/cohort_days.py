"""The cohort's counts by day of receipt, kept by the dashboard and refreshed for the days
whose dossiers changed (docs/decisions.md, "Daily figures kept by the dashboard").

A dossier's cohort states as of a midnight A (queries.cohort.dossier_states) depend on A
only through `finished_at < A` and `due_at < A`. So the dossiers are counted once by
what their states are made of: day of receipt (`r`) and week, receiving and handling
unit, online or not, how they ended by their dates alone (queries.cohort.outcomes), the
day they ended (`f`) and the day they fell due (`d`), both as text that sorts against a
day as the time against its midnight (queries.dialect.day_text, with `BEFORE` and `AFTER`
for the times outside 2000–2099). The states as of any midnight of 2000–2099 are then
conditions on these rows (`COHORT_SQL`, run by the store on its own copy).

Which days to count again is the audit's business too (queries/quality_parts.py: the
same keys, the same look at what changed): the open dossiers (`live`) are read at every
refresh, never kept; a day's settled dossiers are counted again when the look says so.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, case, func, literal, or_, select
from sqlalchemy.engine import Engine

from queries import quality_parts as parts
from queries.cohort import DONE, not_paused, outcomes
from queries.contract import ENDED_STATUSES, dossiers
from queries.dialect import day_text, moment, week_start
from queries.period import Period, local_now
from queries.quality import MARGIN
from queries.quality_parts import LATEST_SANE, SPECS, Level, Part, Reader, Tally
from queries.quality_rules import EARLIEST_SANE

SPEC = SPECS["dossiers"]  # the audit's keys and look at what changed, for the same table
# The text of a time before 2000 (or -infinity), and of one from 2100 on (or infinity, or
# SQLite text that is no time): before and after every day the store answers for.
BEFORE, AFTER = "0000-00-00", "9999-99-99"
FIRST_DAY, LAST_DAY = EARLIEST_SANE.date(), LATEST_SANE.date() - timedelta(days=1)
# What a kept row holds, in order (`n`: how many dossiers).
COLUMNS = (
    "r",
    "week",
    "receiving",
    "handling",
    "online",
    "done",
    "withdrawn",
    "early",
    "on_time",
    "late",
    "f",
    "d",
    "n",
)


def answers(period: Period) -> bool:
    """Whether kept counts answer for `period`: its days within 2000–2099 (the days
    `day_text` is exact for); any other period is read live."""
    return period.start >= FIRST_DAY and period.end <= LAST_DAY


def _as_text(t):
    """`t` as `day_text` with BEFORE and AFTER; NULL for NULL."""
    return case(
        (t < moment(EARLIEST_SANE), literal(BEFORE)),
        (t >= moment(LATEST_SANE), literal(AFTER)),
        else_=day_text(t),
    )


def _flag(condition):
    return case((condition, 1), else_=0)


def _columns() -> list:
    c = dossiers.c
    # Never NULL (a NULL status does not end a dossier): its negation must hold for those.
    ends = and_(c.status.is_not(None), c.status.in_(ENDED_STATUSES))
    ended, due = _as_text(c.finished_at), _as_text(c.due_at)
    # The day it fell due matters only while open and not paused (overdue); of an ended
    # dossier, only when it fell due before it ended. Fewer rows to keep.
    overdue_ever = and_(not_paused(), or_(~ends, c.finished_at.is_(None), due < ended))
    outcome = outcomes()
    in_days = and_(c.received_at >= moment(EARLIEST_SANE), c.received_at < moment(LATEST_SANE))
    return [
        _as_text(c.received_at).label("r"),
        # Only of a day the store answers for (a date BC is none psycopg can read).
        case((in_days, week_start(c.received_at))).label("week"),
        c.received_unit_id.label("receiving"),
        c.handling_unit_id.label("handling"),
        _flag(c.channel == "online").label("online"),
        _flag(DONE).label("done"),
        _flag(c.status == "withdrawn").label("withdrawn"),
        *[_flag(and_(DONE, outcome[name])).label(name) for name in ("early", "on_time", "late")],
        case((ends, ended)).label("f"),
        case((overdue_ever, due)).label("d"),
    ]


def _text(value):
    return value.isoformat() if isinstance(value, date) else value


def rows(reader: Reader, where) -> dict[str, list[tuple]]:
    """The dossiers of `where` counted by what their states are made of, by key (day of
    receipt, as the audit's): key → rows of COLUMNS."""
    day, odd = parts.key_columns(SPEC.time)
    columns = _columns()
    query = (
        select(day, odd, *columns, func.count())
        .where(where)
        .group_by(day, odd, *[column.element for column in columns])
    )
    found: dict[str, list[tuple]] = {}
    for key_day, key_odd, r, week, *rest in reader.rows(query):
        row = (_text(r), _text(week), *rest)
        found.setdefault(parts.key_of(key_day, key_odd), []).append(row)
    return found


@dataclass
class Daily:
    """What the store knows between refreshes: per key, its settled rows' number and its
    live rows' number as counted (queries.quality_parts.Part); when the last refresh, sweep
    and full count started; what the last refresh read: the keys it counted again
    (`changed`: their rows went to its `keep`) and every open dossier's rows (`live`)."""

    parts: dict[str, Part] = field(default_factory=dict)
    checked_at: datetime | None = None
    swept_at: datetime | None = None
    full_at: datetime | None = None
    changed: set[str] = field(default_factory=set)
    live: list[tuple] = field(default_factory=list)


# Takes the settled rows of keys counted again (key → rows of COLUMNS), in place of the old.
Keep = Callable[[dict[str, list[tuple]]], None]


def refresh(
    engine: Engine,
    state: Daily,
    keep: Keep,
    now: datetime | None = None,
    level: Level = Level.QUICK,
    pause=None,
) -> None:
    """Bring `state` up to date at `level` (FULL when it knows nothing yet): the live rows
    read again, the keys the look finds changed counted again (queries/quality.py's
    depths) and handed to `keep` a statement at a time (a month of days), so that a first
    count of millions of dossiers never holds more than a month's rows. `pause(seconds)`
    follows every statement."""
    started = now or local_now()
    tomorrow = datetime.combine(started.date() + timedelta(days=1), time())
    if state.checked_at is None:
        level = Level.FULL
    since = None if level == Level.FULL else state.checked_at - MARGIN
    state.changed = set()
    with engine.connect() as conn:
        reader = Reader(conn, pause)
        live = rows(reader, SPEC.live)
        live_rows = {key: sum(row[-1] for row in found) for key, found in live.items()}
        dirty = parts.dirty(reader, SPEC, state.parts, live_rows, level, since, tomorrow)
        for keys, condition in parts.batches(SPEC, dirty):
            changed = {key: [] for key in keys} | rows(reader, and_(condition, SPEC.settled))
            keep(changed)
            for key, found in changed.items():
                settled = Tally(sum(row[-1] for row in found))
                state.parts[key] = Part(settled, live_rows.get(key, 0))
                if not settled.rows and not state.parts[key].live:
                    del state.parts[key]
            state.changed |= set(changed)
    state.live = [row for found in live.values() for row in found]
    state.checked_at = started
    if level >= Level.SWEEP:
        state.swept_at = started
    if level == Level.FULL:
        state.full_at = started


def _counts(as_of: str) -> dict[str, str]:
    """The cohort COUNTS (queries.cohort) of kept rows as of the midnight starting day
    `as_of` (SQL text, a day or an expression), as SQL over COLUMNS."""
    ended = f"((done = 1 OR withdrawn = 1) AND coalesce(f < {as_of}, 0))"
    counts = {
        "received": "n",
        "received_online": "online * n",
        "finished": f"CASE WHEN done = 1 AND {ended} THEN n ELSE 0 END",
        "resolved_early": f"CASE WHEN early = 1 AND {ended} THEN n ELSE 0 END",
        "resolved_on_time": f"CASE WHEN on_time = 1 AND {ended} THEN n ELSE 0 END",
        "resolved_late": f"CASE WHEN late = 1 AND {ended} THEN n ELSE 0 END",
        "withdrawn": f"CASE WHEN withdrawn = 1 AND {ended} THEN n ELSE 0 END",
        "open": f"CASE WHEN {ended} THEN 0 ELSE n END",
        "open_overdue": f"CASE WHEN NOT {ended} AND d < {as_of} THEN n ELSE 0 END",
    }
    return counts


def cohort_sql(table: str) -> str:
    """The units view's counts (queries.cohort.units_and_weeks' `everything`) from kept rows
    in `table` (SQLite, COLUMNS), for receipts in [:start, :as_of) as of :as_of, and each
    week's as of its end (or :as_of, if sooner); days as text `YYYY-MM-DD`."""
    week_as_of = "min(date(week, '+7 days'), :as_of)"
    period = ", ".join(f"sum({sql}) AS {name}" for name, sql in _counts(":as_of").items())
    weekly = ", ".join(f"sum({sql}) AS week_{name}" for name, sql in _counts(week_as_of).items())
    return (
        f"SELECT receiving, handling, week AS period, {period}, {weekly} FROM {table} "
        "WHERE r >= :start AND r < :as_of GROUP BY receiving, handling, week"
    )


def bounds(period: Period) -> dict[str, str]:
    """The parameters of `cohort_sql` for `period`."""
    return {"start": period.start.isoformat(), "as_of": period.as_of.date().isoformat()}
