"""Rows that break the data contract, counted by kind of problem.

A real one-stop database is mapped onto the contract by views, and nothing then
stops a NULL appointment, a status the contract does not know or a dossier of a
unit missing from `units`. The figures treat each kind in one stated way
(docs/decisions.md, "Rows that break the contract"); these counts let every page
say how many rows are concerned. One statement per table, conditional counts
over the whole table; tables the database lacks are skipped.
"""

from datetime import datetime, time, timedelta

from sqlalchemy import and_, case, func, not_, or_, select
from sqlalchemy.engine import Engine

from queries.cohort import count_where
from queries.connection import missing_tables
from queries.contract import (
    CHANNELS,
    RATING_LEVELS,
    RECEIVING_KINDS,
    STATUSES,
    UNIT_KINDS,
    distinct_units,
    dossiers,
    procedures,
    ratings,
    units,
    units_by_code,
)
from queries.dialect import comparable_ts, finite, has_zone, moment
from queries.period import local_now

ENDED = ("resolved", "refused", "withdrawn")
# Before this, a time is a typing or conversion error (1900-01-01, a year BC): the district
# one-stops date from the 2000s. Such a time is still counted by its date.
EARLIEST_SANE = datetime(2000, 1, 1)


def _unknown(column, allowed: tuple[str, ...]):
    return or_(column.is_(None), column.not_in(allowed))


def _dossier_counts(future) -> tuple[dict, object]:
    """The dossiers' counts and their source. The problems of the row itself are counted
    by pair of receiving and handling unit first (a few hundred pairs), and only those
    pairs are joined to `units`: joining every one of ten million rows took seconds."""
    d = dossiers.c
    times = (d.received_at, d.due_at, d.finished_at)

    def before(first, second):  # two times, both finite: an infinite one is counted apart
        return and_(finite(first), finite(second), comparable_ts(first) < comparable_ts(second))

    by_row = {
        "received_at_missing": d.received_at.is_(None),
        "due_at_missing": d.due_at.is_(None),
        "status_unknown": _unknown(d.status, STATUSES),
        "channel_unknown": _unknown(d.channel, CHANNELS),
        "finished_at_missing": and_(d.status.in_(ENDED), d.finished_at.is_(None)),
        "finished_while_open": and_(
            d.status.in_(("processing", "paused")), d.finished_at.is_not(None)
        ),
        "finished_before_received": before(d.finished_at, d.received_at),
        "due_before_received": before(d.due_at, d.received_at),
        "received_in_future": and_(d.received_at >= future, finite(d.received_at)),
        "finished_in_future": and_(d.finished_at >= future, finite(d.finished_at)),
        "timestamp_infinite": or_(*[not_(finite(t)) for t in times]),
        "timestamp_too_early": or_(*[and_(t < moment(EARLIEST_SANE), finite(t)) for t in times]),
        "timestamp_with_zone": or_(*[has_zone(t) for t in times]),
    }
    pairs = (
        select(
            d.received_unit_id,
            d.handling_unit_id,
            func.count().label("rows"),
            *[count_where(condition).label(key) for key, condition in by_row.items()],
        )
        .group_by(d.received_unit_id, d.handling_unit_id)
        .subquery("pairs")
    )
    received_unit = distinct_units.alias("received_unit")
    handling_unit = distinct_units.alias("handling_unit")
    source = pairs.outerjoin(received_unit, pairs.c.received_unit_id == received_unit.c.id)
    source = source.outerjoin(handling_unit, pairs.c.handling_unit_id == handling_unit.c.id)

    def rows_where(condition):
        return func.coalesce(func.sum(case((condition, pairs.c.rows), else_=0)), 0)

    counts = {key: func.coalesce(func.sum(pairs.c[key]), 0) for key in by_row}
    counts |= {
        "received_unit_unknown": rows_where(received_unit.c.id.is_(None)),
        "received_unit_not_receiving": rows_where(
            and_(received_unit.c.id.is_not(None), _unknown(received_unit.c.kind, RECEIVING_KINDS))
        ),
        "handling_unit_unknown": rows_where(
            and_(pairs.c.handling_unit_id.is_not(None), handling_unit.c.id.is_(None))
        ),
    }
    return counts, source


def _rows_sharing(column):
    """How many dossiers share their `column` with another (all of them, the first too)."""
    shared = select(func.count().label("rows")).group_by(column).having(func.count() > 1)
    shared = shared.where(column.is_not(None)).subquery()
    return select(func.coalesce(func.sum(shared.c.rows), 0)).scalar_subquery()


def _count(source):
    return select(func.count()).select_from(source).scalar_subquery()


def _statements(future) -> dict[str, list[tuple[dict, object]]]:
    """Per table, one or more statements: their counts (name → SQL aggregate) and what to
    select them from (None: the counts are whole statements)."""
    kept = distinct_units.c
    return {
        "dossiers": [
            _dossier_counts(future),
            (
                {
                    "dossier_id_duplicate": _rows_sharing(dossiers.c.id),
                    "dossier_code_duplicate": _rows_sharing(dossiers.c.code),
                },
                None,
            ),
        ],
        "units": [
            (
                {
                    "unit_kind_unknown": count_where(_unknown(kept.kind, UNIT_KINDS)),
                    # Missing or blank: shown by its code (queries.contract.unit_name).
                    "unit_name_missing": count_where(func.coalesce(func.trim(kept.name), "") == ""),
                    "unit_own_parent": count_where(kept.parent_id == kept.id),
                },
                distinct_units,
            ),
            (
                {
                    # Rows after the first of their id, units after the first of their code:
                    # what queries.contract.distinct_units leaves out.
                    "unit_duplicate": _count(units) - _count(units_by_code),
                    "unit_code_duplicate": count_where(
                        and_(units_by_code.c.nth_of_code > 1, units_by_code.c.code.is_not(None))
                    ),
                },
                units_by_code,
            ),
        ],
        "ratings": [
            (
                {
                    "rating_level_unknown": count_where(_unknown(ratings.c.level, RATING_LEVELS)),
                    "rated_in_future": count_where(ratings.c.rated_at >= future),
                },
                ratings,
            )
        ],
    }


def quality_counts(engine: Engine, now: datetime | None = None) -> dict[str, int]:
    """How many rows break the contract, by problem (the keys of each present table's
    statement; a table the database lacks has none).

    A timestamp is in the future from the midnight after `now`'s day on (default: the
    current local time): a day is what every figure counts by, and a rating stamped by
    a clock a few minutes ahead of ours is not a data error.
    """
    tomorrow = datetime.combine((now or local_now()).date() + timedelta(days=1), time())
    statements = _statements(moment(tomorrow))
    present = [t for t in statements if t not in missing_tables(engine, list(statements))]
    counts: dict[str, int] = {}
    with engine.connect() as conn:
        for table in present:
            for counts_of, source in statements[table]:
                query = select(*[aggregate.label(key) for key, aggregate in counts_of.items()])
                if source is not None:
                    query = query.select_from(source)
                row = conn.execute(query).one()
                counts |= {key: int(value) for key, value in row._mapping.items()}
    return counts


def source_names(engine: Engine) -> dict[str, list]:
    """The names a person reads, by table: every unit's (as the queries read units) and
    every procedure's, for the dashboard to count those it cleans (dashboard.plain_text).
    Small tables (hundreds of units, a few thousand procedures); a table the database
    lacks has none."""
    columns = {"units": distinct_units.c.name, "procedures": procedures.c.name}
    present = [t for t in columns if t not in missing_tables(engine, list(columns))]
    with engine.connect() as conn:
        return {table: conn.execute(select(columns[table])).scalars().all() for table in present}
