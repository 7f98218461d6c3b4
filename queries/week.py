"""The week as a flow (data-contract.md, "The week"): what happened in each week.

For a week `[monday, sunday]`, `as_of = sunday + 1 day 00:00`, by receiving unit:
- received, received_online: `received_at` in the week (of those, channel online);
- finished, finished_in_time, finished_late: status resolved or refused with
  `finished_at` in `[monday, as_of)`, whenever received; in time is
  `finished_at <= due_at`, late the rest;
- overdue_open: received before `as_of`, neither finished nor withdrawn by then,
  `due_at < as_of`, not paused (queries.backlog);
- the week's ratings by level (their rate: dashboard.kpi).
A week cut short (the week still running) ends at the span's last day. Several
weeks come from the same four statements: receipts by week, finishes by week,
the backlog at each week's end, ratings by week.
"""

from datetime import timedelta

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from queries.backlog import overdue_by_unit_id
from queries.cohort import count_where, unit_groups, unit_rows
from queries.connection import missing_tables
from queries.contract import RATING_LEVELS, RECEIVING_KINDS, dossiers, ratings
from queries.dialect import comparable_ts, moment, week_start
from queries.period import Period
from queries.scope import ids as scope_ids
from queries.scope import within

COUNTS = (
    "received",
    "received_online",
    "finished",
    "finished_in_time",
    "finished_late",
    "overdue_open",
)


def weeks_of(span: Period) -> list[Period]:
    """The ISO weeks from the one holding `span.start` to the one holding `span.end`, the
    last cut at `span.end` (a week still running)."""
    monday = span.start - timedelta(days=span.start.weekday())
    weeks = []
    while monday <= span.end:
        weeks.append(Period(monday, min(monday + timedelta(days=6), span.end)))
        monday += timedelta(days=7)
    return weeks


def _by_week(engine: Engine, query, column: str, names: tuple[str, ...]) -> pd.DataFrame:
    with engine.connect() as conn:
        frame = pd.read_sql(query, conn)
    frame["week"] = pd.to_datetime(frame["week"]).dt.date
    frame[list(names)] = frame[list(names)].astype("int64")
    return frame.rename(columns={column: "id"})


def _received(engine: Engine, span: Period, scope) -> pd.DataFrame:
    d = dossiers.c
    week = week_start(d.received_at).label("week")
    query = (
        select(
            d.received_unit_id,
            week,
            func.count().label("received"),
            count_where(d.channel == "online").label("received_online"),
        )
        .where(
            d.received_at >= moment(span.start_at),
            d.received_at < moment(span.as_of),
            *within(scope, d.received_unit_id),
        )
        .group_by(d.received_unit_id, week.element)
    )
    return _by_week(engine, query, "received_unit_id", ("received", "received_online"))


def _finished(engine: Engine, span: Period, scope) -> pd.DataFrame:
    d = dossiers.c
    week = week_start(d.finished_at).label("week")
    in_time = comparable_ts(d.finished_at) <= comparable_ts(d.due_at)
    query = (
        select(
            d.received_unit_id,
            week,
            func.count().label("finished"),
            count_where(in_time).label("finished_in_time"),
            count_where(~in_time).label("finished_late"),
        )
        .where(
            d.status.in_(("resolved", "refused")),
            d.finished_at >= moment(span.start_at),
            d.finished_at < moment(span.as_of),
            *within(scope, d.received_unit_id),
        )
        .group_by(d.received_unit_id, week.element)
    )
    names = ("finished", "finished_in_time", "finished_late")
    return _by_week(engine, query, "received_unit_id", names)


def _rated(engine: Engine, span: Period, scope) -> pd.DataFrame:
    r = ratings.c
    week = week_start(r.rated_at).label("week")
    levels = [count_where(r.level == level).label(level) for level in RATING_LEVELS]
    query = (
        select(r.unit_id, week, *levels)
        .where(
            r.rated_at >= moment(span.start_at),
            r.rated_at < moment(span.as_of),
            *within(scope, r.unit_id),
        )
        .group_by(r.unit_id, week.element)
    )
    return _by_week(engine, query, "unit_id", RATING_LEVELS)


def week_flow(engine: Engine, span: Period) -> pd.DataFrame:
    """One row per receiving unit and week of `span` (see `weeks_of`), zeros included; a
    dossier of a unit missing from `units` counts in the row UNKNOWN_UNIT
    (queries.cohort.unit_rows), so that the units add up to every dossier.

    Columns: `group` (unit code), `name`, `kind`, `week` (its Monday), `end` (its
    last day), COUNTS and the rating levels (zeros without a ratings table). In a scope,
    its units and the dossiers they received, the ratings given there (queries.scope).
    """
    scope = scope_ids(engine)
    weeks = weeks_of(Period(span.start - timedelta(days=span.start.weekday()), span.end))
    whole = Period(weeks[0].start, weeks[-1].end)
    backlog = overdue_by_unit_id(engine, [w.as_of for w in weeks])
    backlog["week"] = backlog["as_of"].map({w.as_of: w.start for w in weeks})
    parts = [
        _received(engine, whole, scope),
        _finished(engine, whole, scope),
        backlog.drop(columns="as_of"),
    ]
    if not missing_tables(engine, ["ratings"]):
        parts.append(_rated(engine, whole, scope))
    rows = unit_rows(engine, RECEIVING_KINDS, pd.concat([part["id"] for part in parts]))
    frame = rows.merge(
        pd.DataFrame({"week": [w.start for w in weeks], "end": [w.end for w in weeks]}),
        how="cross",
    )
    for part in parts:
        part = part.assign(group=unit_groups(rows, part["id"])).drop(columns="id")
        frame = frame.merge(part.groupby(["group", "week"], as_index=False).sum(), how="left")
    columns = [*COUNTS, *RATING_LEVELS]
    frame = frame.reindex(columns=["group", "name", "kind", "week", "end", *columns])
    frame[columns] = frame[columns].fillna(0).astype("int64")
    return frame
