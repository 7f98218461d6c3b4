"""Satisfaction ratings (Mức độ hài lòng): by unit, by officer, over time, and complaints.

Definition (data-contract.md, "Satisfaction, adoption"): over the ratings with
`rated_at` in the period, satisfaction_rate = (very_satisfied + satisfied) /
all ratings, null when there are none.
"""

import pandas as pd
from sqlalchemy import and_, case, func, literal, or_, select
from sqlalchemy.engine import Engine

from queries.cohort import count_where
from queries.contract import (
    RATING_LEVELS,
    RECEIVING_KINDS,
    distinct_units,
    dossiers,
    officers,
    ratings,
    unit_name,
)
from queries.dialect import moment, month_start, week_start
from queries.period import Period
from queries.scope import area, within
from queries.scope import ids as scope_ids

TABLES = ("ratings", "units", "officers", "dossiers")
FREQUENCIES = ("week", "month")
COMMENTS_LIMIT = 200


def _level_counts(rated=ratings):
    """The three level counts over `rated` (the ratings table or a subquery of it)."""
    return [count_where(rated.c.level == level).label(level) for level in RATING_LEVELS]


def _in_period(engine: Engine, period: Period):
    """Rated in the period, at a unit of the engine's scope if it has one (queries.scope)."""
    rated_at = ratings.c.rated_at
    return and_(
        rated_at >= moment(period.start_at),
        rated_at < moment(period.as_of),
        *within(scope_ids(engine), ratings.c.unit_id),
    )


def _unit_filter(engine: Engine, unit: str | None):
    """Rated at a unit of `unit`'s area (queries.scope.area: a merged commune with its
    predecessors), a unit user's own or the one picked."""
    if unit is None:
        return literal(True)
    return ratings.c.unit_id.in_(sorted(area(engine, unit)))


def _counts(frame: pd.DataFrame) -> pd.DataFrame:
    frame[list(RATING_LEVELS)] = frame[list(RATING_LEVELS)].astype("int64")
    return frame


def satisfaction_by_unit(engine: Engine, period: Period) -> pd.DataFrame:
    """One row per one-stop (district first, then communes by code), zeros included.

    Columns: `group` (unit code), `name`, the three level counts. A unit of another
    kind appears only if it was rated.
    """
    # Filtered before the outer join so that units without ratings keep their row.
    rated = select(ratings).where(_in_period(engine, period)).subquery()
    query = (
        select(
            distinct_units.c.code.label("group"), unit_name().label("name"), *_level_counts(rated)
        )
        .select_from(distinct_units.outerjoin(rated, rated.c.unit_id == distinct_units.c.id))
        .group_by(
            distinct_units.c.id, distinct_units.c.code, distinct_units.c.name, distinct_units.c.kind
        )
        .where(*within(scope_ids(engine), distinct_units.c.id))
        .having(or_(distinct_units.c.kind.in_(RECEIVING_KINDS), func.count(rated.c.id) > 0))
        .order_by(case((distinct_units.c.kind == "district", 0), else_=1), distinct_units.c.code)
    )
    with engine.connect() as conn:
        frame = pd.read_sql(query, conn)
    return _counts(frame)


def satisfaction_by_officer(engine: Engine, period: Period, unit: str | None = None):
    """One row per officer rated in the period (optionally at one unit), by id.

    Columns: `officer_id`, `name`, `unit` (the officer's unit name), the level
    counts. Ratings that name no officer count only for their unit. Ranking:
    dashboard.kpi.rank_officers.
    """
    query = (
        select(
            officers.c.id.label("officer_id"),
            officers.c.full_name.label("name"),
            unit_name().label("unit"),
            *_level_counts(),
        )
        .select_from(
            ratings.join(officers, ratings.c.officer_id == officers.c.id).join(
                distinct_units, officers.c.unit_id == distinct_units.c.id
            )
        )
        .where(_in_period(engine, period), _unit_filter(engine, unit))
        .group_by(officers.c.id, officers.c.full_name, distinct_units.c.name, distinct_units.c.code)
        .order_by(officers.c.id)
    )
    with engine.connect() as conn:
        return _counts(pd.read_sql(query, conn))


def satisfaction_series(
    engine: Engine, period: Period, freq: str = "month", unit: str | None = None
) -> pd.DataFrame:
    """One row per week (Monday) or month (first day) with ratings in the period.

    Buckets without a rating are left out: their rate is undefined, and a
    chart line should skip them rather than drop to zero.
    """
    if freq not in FREQUENCIES:
        raise ValueError(f"unknown frequency {freq!r}; expected one of {FREQUENCIES}")
    bucket = (week_start if freq == "week" else month_start)(ratings.c.rated_at).label("period")
    query = (
        select(bucket, *_level_counts())
        .where(_in_period(engine, period), _unit_filter(engine, unit))
        .group_by(bucket.element)
        .order_by(bucket.element)
    )
    with engine.connect() as conn:
        frame = pd.read_sql(query, conn)
    frame["period"] = pd.to_datetime(frame["period"]).dt.date
    return _counts(frame)


def dissatisfied_comments(
    engine: Engine, period: Period, unit: str | None = None, limit: int = COMMENTS_LIMIT
) -> pd.DataFrame:
    """The dissatisfied ratings with a comment, newest first, at most `limit` of them.

    Columns: `rated_at`, `unit` (name), `officer` (name, null when none was
    rated), `dossier` (dossier code, null when not linked), `comment`.
    """
    comment = func.trim(ratings.c.comment)
    query = (
        select(
            ratings.c.rated_at,
            unit_name().label("unit"),
            officers.c.full_name.label("officer"),
            dossiers.c.code.label("dossier"),
            ratings.c.comment,
        )
        .select_from(
            ratings.join(distinct_units, ratings.c.unit_id == distinct_units.c.id)
            .outerjoin(officers, ratings.c.officer_id == officers.c.id)
            .outerjoin(dossiers, ratings.c.dossier_id == dossiers.c.id)
        )
        .where(
            _in_period(engine, period),
            _unit_filter(engine, unit),
            ratings.c.level == "dissatisfied",
            comment != "",
        )
        .order_by(ratings.c.rated_at.desc(), ratings.c.id.desc())
        .limit(limit)
    )
    with engine.connect() as conn:
        return pd.read_sql(query, conn)
