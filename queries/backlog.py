"""The overdue backlog: dossiers open and overdue at given moments, whatever their receipt date.

The week's `overdue_open` at its end (data-contract.md, "The week": open, due
before the moment, not paused), counted in one pass for several moments.
"""

from datetime import datetime

import pandas as pd
from sqlalchemy import and_, func, or_, select, union_all
from sqlalchemy.engine import Engine

from queries.cohort import (
    count_where,
    dossier_states,
    not_paused,
    open_parts,
    unit_groups,
    unit_rows,
)
from queries.contract import RECEIVING_KINDS, dossiers
from queries.dialect import comparable_ts, moment
from queries.scope import ids as scope_ids
from queries.scope import within

# Late finishes since the first moment, counted up to this many: fewer, and one statement
# finds them and the open dossiers by their indexes at once (10M dossiers, the last 13 week
# ends: 85 ms); more (weeks long past: every late finish since is a candidate), and the
# three parts below each take their own index (a week of 2022: 570 ms to 56 ms).
MANY_LATE_SINCE = 10_000


def _late_finishes_since(engine: Engine, first) -> int:
    """Dossiers finished late from `first` on, counted up to MANY_LATE_SINCE (on the index of
    late finishes)."""
    d = dossiers.c
    late = select(d.id).where(d.finished_at >= first, d.finished_at > d.due_at)
    with engine.connect() as conn:
        found = select(func.count()).select_from(late.limit(MANY_LATE_SINCE).subquery())
        return conn.execute(found).scalar_one()


def overdue_by_unit_id(engine: Engine, moments: list[datetime]) -> pd.DataFrame:
    """Dossiers open and overdue at each moment, whatever their receipt date, by the raw
    receiving unit id: `id`, `as_of`, `overdue_open`; only the pairs that have any.

    One pass over the candidates: one conditional count per moment.
    """
    d = dossiers.c
    first, last = (moment(m) for m in (min(moments), max(moments)))
    # Only dossiers that can be overdue at one of the moments at all. One finished on time
    # never was: open at a moment after its due date means finished after that date. So a
    # finished dossier counts only if it finished late, and after the first moment; the
    # indexes on open dossiers and on late finishes find these few (README, indexes).
    finished_late = comparable_ts(d.finished_at) > comparable_ts(d.due_at)
    shared = [
        *within(scope_ids(engine), d.received_unit_id),  # received in the scope, if any
        d.received_at < last,
        d.due_at < last,
        not_paused(),
    ]
    parts = open_parts(and_(d.finished_at >= first, finished_late))
    read = [d.received_unit_id, d.received_at, d.due_at, d.finished_at, d.status]
    if _late_finishes_since(engine, first) < MANY_LATE_SINCE:
        rows = select(*read).where(*shared, or_(*parts))
    else:  # each part its own statement, with its own plan
        rows = union_all(*(select(*read).where(*shared, part) for part in parts))
    c = rows.subquery("candidates").c
    counts = []
    for index, instant in enumerate(moments):
        as_of = moment(instant)
        overdue = and_(c.received_at < as_of, dossier_states(as_of, c)["overdue"])
        counts.append(count_where(overdue).label(f"m{index}"))
    query = select(c.received_unit_id.label("id"), *counts).group_by(c.received_unit_id)
    with engine.connect() as conn:
        found = pd.read_sql(query, conn)
    found = found.melt(id_vars="id", var_name="moment", value_name="overdue_open")
    found["as_of"] = found["moment"].map(lambda m: moments[int(m[1:])])
    return found[["id", "as_of", "overdue_open"]]


def overdue_backlog(engine: Engine, moments: list[datetime]) -> pd.DataFrame:
    """Dossiers open and overdue at each moment, whatever their receipt date.

    One row per receiving unit and moment (queries.cohort.unit_rows: a dossier of a unit
    missing from `units` is in the row UNKNOWN_UNIT): `group`, `as_of`, `overdue_open`.
    """
    found = overdue_by_unit_id(engine, moments)
    rows = unit_rows(engine, RECEIVING_KINDS, found["id"])
    found["group"] = unit_groups(rows, found["id"])
    found = found.groupby(["group", "as_of"], as_index=False)["overdue_open"].sum()
    grid = rows[["group"]].merge(pd.DataFrame({"as_of": moments}), how="cross")
    frame = grid.merge(found, on=["group", "as_of"], how="left")
    frame["overdue_open"] = frame["overdue_open"].fillna(0).astype("int64")
    return frame[["group", "as_of", "overdue_open"]]
