"""The counts behind the 766 estimate (data-contract.md, "The 766 index, estimated from
the one-stop's own rows"), by receiving unit id and period: each ratio's numerator and
denominator.

Several consecutive periods (a page's twelve months) come from the same four
statements, as queries.week does for weeks: progress as Biểu II.06a counts it
(queries.form06a's own conditions, one conditional count per period, since a dossier
carried over belongs to several months), the dossiers received and those resolved, each
in the period its time falls in, and the ratings. The optional columns `result_digitised`
and `components_digitised` are read only where the database has them; without them their
counts are missing (NA), never 0. Ratios and points: dashboard.index766. What is at stake
before the month ends (`due_counts`): the dossiers whose points the month can still lose
(dashboard.index766_actions).
"""

import weakref
from collections.abc import Sequence

import pandas as pd
from sqlalchemy import and_, case, func, inspect, literal, or_, select, union_all
from sqlalchemy.engine import Engine

from queries.cohort import count_where, not_paused, open_parts
from queries.contract import (
    OPTIONAL_DOSSIER_COLUMNS,
    RATING_LEVELS,
    dossiers,
    procedures,
    ratings,
)
from queries.dialect import moment
from queries.form06a import population, within_time
from queries.period import Period, midnight
from queries.scope import ids as scope_ids
from queries.scope import within

TABLES = ("dossiers", "procedures", "units", "ratings")
PROGRESS_COUNTS = ("progress_num", "progress_den")
RECEIVED_COUNTS = (
    "online_num",
    "online_den",
    "payment_num",
    "payment_den",
    "components_digital_num",
    "components_digital_den",
)
RESOLVED_COUNTS = ("result_digital_num", "result_digital_den")
COUNTS = (*PROGRESS_COUNTS, *RECEIVED_COUNTS, *RESOLVED_COUNTS)
# The groups whose counts need an optional dossier column.
NEEDS_COLUMN = {"result_digital": "result_digitised", "components_digital": "components_digitised"}

# Which optional dossier columns a database has, asked once per engine (a schema does not
# change under a running dashboard; a new one is a new engine).
_columns: "weakref.WeakKeyDictionary[Engine, frozenset[str]]" = weakref.WeakKeyDictionary()


def optional_columns(engine: Engine) -> frozenset[str]:
    """Those of OPTIONAL_DOSSIER_COLUMNS the database's `dossiers` has."""
    if engine not in _columns:
        present = {column["name"] for column in inspect(engine).get_columns("dossiers")}
        _columns[engine] = frozenset(present & set(OPTIONAL_DOSSIER_COLUMNS))
    return _columns[engine]


def checked(periods: Sequence[Period]) -> tuple[Period, ...]:
    """`periods` as a tuple, each starting the day after the one before ends (no gap, no
    overlap: a dossier's time falls in one of them at most)."""
    periods = tuple(periods)
    if not periods:
        raise ValueError("no period")
    for before, after in zip(periods, periods[1:], strict=False):
        if after.start_at != before.as_of:
            raise ValueError(f"periods not consecutive: {before} then {after}")
    return periods


def _in_periods(column, periods: tuple[Period, ...]) -> list:
    """`column` (a time) within the periods, from the first's start to the last's end."""
    return [column >= moment(periods[0].start_at), column < moment(periods[-1].as_of)]


def _period_of(column, periods: tuple[Period, ...]):
    """The index in `periods` of the one `column` (within them) falls in."""
    if len(periods) == 1:
        return literal(0)
    bounds = [(column < moment(p.as_of), index) for index, p in enumerate(periods[:-1])]
    return case(*bounds, else_=len(periods) - 1)


def _recorded(column):
    """Of the rows with `column` recorded (not null), those true: (numerator, denominator)."""
    return count_where(column.is_(True)), count_where(column.is_not(None))


def progress_counts(engine: Engine, periods: Sequence[Period]) -> pd.DataFrame:
    """Biểu II.06a's columns 8 + 9 + 12 (`progress_num`) of column 3 (`progress_den`) by
    receiving unit (`key`, its id) and period (`period`, its index in `periods`); only the
    pairs with dossiers. One pass over the dossiers of any of the periods' populations."""
    periods = checked(periods)
    counts = []
    for index, period in enumerate(periods):
        counted = population(period)
        counts.append(count_where(and_(counted, within_time(period))).label(f"n{index}"))
        counts.append(count_where(counted).label(f"d{index}"))
    d = dossiers.c
    first = moment(periods[0].start_at)
    query = (
        select(d.received_unit_id.label("key"), *counts)
        .where(
            d.received_at < moment(periods[-1].as_of),
            or_(d.finished_at.is_(None), d.finished_at >= first),  # in some population
            *within(scope_ids(engine), d.received_unit_id),
        )
        .group_by(d.received_unit_id)
    )
    with engine.connect() as conn:
        found = pd.read_sql(query, conn)
    parts = [
        found[["key", f"n{index}", f"d{index}"]]
        .set_axis(["key", *PROGRESS_COUNTS], axis=1)
        .assign(period=index)
        for index in range(len(periods))
    ]
    frame = pd.concat(parts, ignore_index=True)
    frame = frame[frame["progress_den"] > 0]
    return _typed(frame, PROGRESS_COUNTS)


def received_counts(engine: Engine, periods: Sequence[Period]) -> pd.DataFrame:
    """Of the dossiers received in each period, by receiving unit (`key`) and period
    (`period`): online and its base (the procedure offers full online service), fees paid
    online and the dossiers with a fee, components digitised and those recorded (NA
    without the column)."""
    periods = checked(periods)
    d = dossiers.c
    full = procedures.c.online_service == "full"
    fee = d.fee_required.is_(True)
    columns = {
        "online_num": count_where(and_(full, d.channel == "online")),
        "online_den": count_where(full),
        "payment_num": count_where(and_(fee, d.fee_paid_online.is_(True))),
        "payment_den": count_where(fee),
    }
    if "components_digitised" in optional_columns(engine):
        numerator, denominator = _recorded(d.components_digitised)
        columns |= {"components_digital_num": numerator, "components_digital_den": denominator}
    period = _period_of(d.received_at, periods)
    query = (
        select(
            d.received_unit_id.label("key"),
            period.label("period"),
            *[e.label(n) for n, e in columns.items()],
        )
        .select_from(dossiers.outerjoin(procedures, d.procedure_id == procedures.c.id))
        .where(*_in_periods(d.received_at, periods), *within(scope_ids(engine), d.received_unit_id))
        .group_by(d.received_unit_id, period)
    )
    return _read(engine, query, RECEIVED_COUNTS)


def resolved_counts(engine: Engine, periods: Sequence[Period]) -> pd.DataFrame:
    """Of the dossiers resolved in each period ([start, as_of)), by receiving unit (`key`)
    and period: results issued electronically and those recorded (no rows without the
    column: nothing to count)."""
    periods = checked(periods)
    if "result_digitised" not in optional_columns(engine):
        return pd.DataFrame(columns=["key", "period", *RESOLVED_COUNTS])
    d = dossiers.c
    numerator, denominator = _recorded(d.result_digitised)
    period = _period_of(d.finished_at, periods)
    query = (
        select(
            d.received_unit_id.label("key"),
            period.label("period"),
            numerator.label("result_digital_num"),
            denominator.label("result_digital_den"),
        )
        .where(
            d.status == "resolved",
            *_in_periods(d.finished_at, periods),
            *within(scope_ids(engine), d.received_unit_id),
        )
        .group_by(d.received_unit_id, period)
    )
    return _read(engine, query, RESOLVED_COUNTS)


def rating_counts(engine: Engine, periods: Sequence[Period]) -> pd.DataFrame:
    """The ratings given in each period by level, by the unit rated (`key`, its id) and
    period: the satisfaction group's counts (queries.satisfaction's definition)."""
    periods = checked(periods)
    r = ratings.c
    period = _period_of(r.rated_at, periods)
    levels = [count_where(r.level == level).label(level) for level in RATING_LEVELS]
    query = (
        select(r.unit_id.label("key"), period.label("period"), *levels)
        .where(*_in_periods(r.rated_at, periods), *within(scope_ids(engine), r.unit_id))
        .group_by(r.unit_id, period)
    )
    return _read(engine, query, RATING_LEVELS)


def _typed(frame: pd.DataFrame, names) -> pd.DataFrame:
    frame = frame.astype({"period": "int64"})
    return frame.astype({name: "Int64" for name in names}).reset_index(drop=True)


def due_counts(engine: Engine, period: Period, until) -> pd.DataFrame:
    """By receiving unit (`key`), `progress_due`: the dossiers open and within time at the
    period's end (Biểu II.06a's col 12, counted as on time by the progress ratio) that fall
    due before `until` (a date: midnight starting it) with their clock running. Left
    unresolved by then they would turn overdue and cost the progress points they now
    earn; a paused dossier's deadline waits for the applicant, so it is not counted."""
    d = dossiers.c
    as_of = moment(period.as_of)
    due = [
        d.received_at < as_of,
        not_paused(),
        # Open with its clock running and not yet due: not overdue (col 12).
        d.due_at >= as_of,
        d.due_at < moment(midnight(until)),
        *within(scope_ids(engine), d.received_unit_id),
    ]
    # Open at the period's end in three disjoint parts, each found by an index: about 20
    # times faster at 700,000 dossiers than reading every dossier ever received.
    parts = open_parts(d.finished_at >= as_of)
    found = union_all(
        *(select(d.received_unit_id.label("key")).where(part, *due) for part in parts)
    ).subquery()
    query = select(found.c.key, func.count().label("progress_due")).group_by(found.c.key)
    with engine.connect() as conn:
        return pd.read_sql(query, conn).astype({"progress_due": "int64"})


def _read(engine: Engine, query, names) -> pd.DataFrame:
    """The query's rows, with each of `names` it does not select as a missing count."""
    with engine.connect() as conn:
        frame = pd.read_sql(query, conn)
    for name in names:
        if name not in frame:
            frame[name] = pd.NA
    return _typed(frame, names)
