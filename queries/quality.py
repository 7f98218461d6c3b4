"""Rows that break the data contract, counted by kind of problem.

A real one-stop database is mapped onto the contract by views, and nothing then
stops a NULL appointment, a status the contract does not know or a dossier of a
unit missing from `units`. The figures treat each kind in one stated way
(docs/decisions.md, "Rows that break the contract"); these counts let every page
say how many rows are concerned. One statement per table, conditional counts
over the whole table; tables the database lacks are skipped.
"""

from datetime import datetime, time, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.engine import Engine

from queries.cohort import count_where
from queries.connection import missing_tables
from queries.contract import (
    CHANNELS,
    RATING_LEVELS,
    RECEIVING_KINDS,
    STATUSES,
    UNIT_KINDS,
    dossiers,
    ratings,
    units,
)
from queries.dialect import comparable_ts, moment
from queries.period import local_now

ENDED = ("resolved", "refused", "withdrawn")


def _unknown(column, allowed: tuple[str, ...]):
    return or_(column.is_(None), column.not_in(allowed))


def _dossier_problems(future) -> tuple[dict, object]:
    d = dossiers.c
    received_unit, handling_unit = units.alias("received_unit"), units.alias("handling_unit")
    problems = {
        "received_at_missing": d.received_at.is_(None),
        "due_at_missing": d.due_at.is_(None),
        "status_unknown": _unknown(d.status, STATUSES),
        "channel_unknown": _unknown(d.channel, CHANNELS),
        "received_unit_unknown": received_unit.c.id.is_(None),
        "received_unit_not_receiving": and_(
            received_unit.c.id.is_not(None), _unknown(received_unit.c.kind, RECEIVING_KINDS)
        ),
        "handling_unit_unknown": and_(
            d.handling_unit_id.is_not(None), handling_unit.c.id.is_(None)
        ),
        "finished_at_missing": and_(d.status.in_(ENDED), d.finished_at.is_(None)),
        "finished_while_open": and_(
            d.status.in_(("processing", "paused")), d.finished_at.is_not(None)
        ),
        "finished_before_received": comparable_ts(d.finished_at) < comparable_ts(d.received_at),
        "received_in_future": d.received_at >= future,
        "finished_in_future": d.finished_at >= future,
    }
    source = dossiers.outerjoin(received_unit, d.received_unit_id == received_unit.c.id)
    source = source.outerjoin(handling_unit, d.handling_unit_id == handling_unit.c.id)
    return problems, source


def _statements(future) -> dict[str, tuple[dict, object]]:
    """For each table: its problems (name → SQL condition) and what to select them from."""
    return {
        "dossiers": _dossier_problems(future),
        "units": (
            {
                "unit_kind_unknown": _unknown(units.c.kind, UNIT_KINDS),
                # Missing or blank: shown by its code (queries.contract.unit_name).
                "unit_name_missing": func.coalesce(func.trim(units.c.name), "") == "",
            },
            units,
        ),
        "ratings": (
            {
                "rating_level_unknown": _unknown(ratings.c.level, RATING_LEVELS),
                "rated_in_future": ratings.c.rated_at >= future,
            },
            ratings,
        ),
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
            problems, source = statements[table]
            query = select(*[count_where(c).label(k) for k, c in problems.items()])
            row = conn.execute(query.select_from(source)).one()
            counts |= {key: int(value) for key, value in row._mapping.items()}
    return counts
