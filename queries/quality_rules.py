"""What counts as a row that breaks the data contract, problem by problem.

A real one-stop database is mapped onto the contract by views, and nothing then stops a
NULL appointment, a status the contract does not know or a dossier of a unit missing from
`units`. The figures treat each kind in one stated way (docs/decisions.md, "Rows that
break the contract"). Here are the conditions, as SQL; queries/quality.py counts them
(incrementally, queries/quality_parts.py).

Three sorts, by what a count depends on:
- a row's own columns (ROW_PROBLEMS): counted once per row and kept, a row that does not
  change keeping its problems;
- the moment of counting (FUTURE): a time after today stops being in the future as days
  pass without any row changing, so these are counted at every check, from the indexes
  of the time columns (a few rows);
- the units a dossier names (unit_problems): its receiving and handling unit against
  `units` as it stands, so from the dossiers' counts by unit, never kept per row.
"""

from datetime import datetime

from sqlalchemy import and_, func, not_, or_, select, text
from sqlalchemy.engine import Connection

from queries.cohort import count_where
from queries.contract import (
    CHANNELS,
    ENDED_STATUSES,
    OPEN_STATUS_SQL,
    RATING_LEVELS,
    RECEIVING_KINDS,
    STATUSES,
    UNIT_KINDS,
    distinct_units,
    dossiers,
    ratings,
    units,
    units_by_code,
)
from queries.dialect import comparable_ts, finite, has_zone, moment

# Before this, a time is a typing or conversion error (1900-01-01, a year BC): the district
# one-stops date from the 2000s. Such a time is still counted by its date.
EARLIEST_SANE = datetime(2000, 1, 1)
# The dossiers whose status may still change in the normal course of work (processing,
# paused, or a status the contract does not know), and the others: in the words of the
# open dossiers' index, so that it serves the reads of them (SQLite uses a partial index
# only for the same words, not for bound values).
OPEN = text(f"({OPEN_STATUS_SQL})")
NOT_OPEN = text(f"NOT ({OPEN_STATUS_SQL})")


def _unknown(column, allowed: tuple[str, ...]):
    return or_(column.is_(None), column.not_in(allowed))


def _dossier_problems() -> dict:
    d = dossiers.c
    times = (d.received_at, d.due_at, d.finished_at)

    def before(first, second):  # two times, both finite: an infinite one is counted apart
        return and_(finite(first), finite(second), comparable_ts(first) < comparable_ts(second))

    return {
        "received_at_missing": d.received_at.is_(None),
        "due_at_missing": d.due_at.is_(None),
        "status_unknown": _unknown(d.status, STATUSES),
        "channel_unknown": _unknown(d.channel, CHANNELS),
        "finished_at_missing": and_(d.status.in_(ENDED_STATUSES), d.finished_at.is_(None)),
        "finished_while_open": and_(
            d.status.in_(("processing", "paused")), d.finished_at.is_not(None)
        ),
        "finished_before_received": before(d.finished_at, d.received_at),
        "due_before_received": before(d.due_at, d.received_at),
        "timestamp_infinite": or_(*[not_(finite(t)) for t in times]),
        "timestamp_too_early": or_(*[and_(t < moment(EARLIEST_SANE), finite(t)) for t in times]),
        "timestamp_with_zone": or_(*[has_zone(t) for t in times]),
    }


# By table, the problems a row has by its own columns.
ROW_PROBLEMS = {
    "dossiers": _dossier_problems(),
    "ratings": {"rating_level_unknown": _unknown(ratings.c.level, RATING_LEVELS)},
}


def future_counts(conn: Connection, tomorrow: datetime, present: list[str]) -> dict[str, int]:
    """The rows dated from `tomorrow` (the midnight after today) on: in the future. Read on
    the indexes of the time columns, for the tables `present`."""
    after = moment(tomorrow)
    d = dossiers.c
    future = {
        "received_in_future": (dossiers, and_(d.received_at >= after, finite(d.received_at))),
        "finished_in_future": (dossiers, and_(d.finished_at >= after, finite(d.finished_at))),
        "rated_in_future": (ratings, ratings.c.rated_at >= after),
    }
    return {
        key: int(conn.execute(select(func.count()).where(condition)).scalar_one())
        for key, (table, condition) in future.items()
        if table.name in present
    }


def unit_kinds(conn: Connection) -> dict:
    """Every unit as the figures read `units` (each id once, each code once): id → kind."""
    return dict(conn.execute(select(distinct_units.c.id, distinct_units.c.kind)).all())


def unit_problems(received: dict, handling: dict, kinds: dict) -> dict[str, int]:
    """The dossiers whose units break the contract, from their numbers by receiving unit id
    (`received`) and by handling unit id (`handling`), against `kinds` (unit_kinds): a unit
    missing from `units` (a NULL receiving unit too), a receiving unit of a kind that does
    not receive dossiers, a handling unit missing from `units` (NULL is "not yet assigned")."""
    return {
        "received_unit_unknown": sum(n for unit, n in received.items() if unit not in kinds),
        "received_unit_not_receiving": sum(
            n
            for unit, n in received.items()
            if unit in kinds and kinds[unit] not in RECEIVING_KINDS
        ),
        "handling_unit_unknown": sum(
            n for unit, n in handling.items() if unit is not None and unit not in kinds
        ),
    }


def _count(source):
    return select(func.count()).select_from(source).scalar_subquery()


def units_counts(conn: Connection) -> dict[str, int]:
    """The problems of `units` itself (a few hundred rows: read whole at every check)."""
    kept = distinct_units.c
    statements = [
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
    ]
    counts = {}
    for aggregates, source in statements:
        query = select(*[a.label(key) for key, a in aggregates.items()]).select_from(source)
        counts |= {key: int(n) for key, n in conn.execute(query).one()._mapping.items()}
    return counts
