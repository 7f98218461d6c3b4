"""Biểu II.06a, "Tình hình, kết quả giải quyết TTHC": the flow of a period by field.

Definitions: data-contract.md, "The official report". The dossiers counted are
those received in the period and those carried over into it (received before
`start`, not finished before it); their state is taken as of midnight after
the period's last day. One row per procedure field (lĩnh vực) with at least
one dossier, then a `TOTAL` row that is the sum of the rows.

The identities hold on every row by construction:
3 = 4 + 5 + 6 = 7 + 11; 7 = 8 + 9 + 10; 11 = 12 + 13.
"""

import pandas as pd
from sqlalchemy import and_, func, not_, or_, select
from sqlalchemy.engine import Engine

from dashboard.contract import dossiers, procedures, units
from queries.cohort import _count
from queries.dialect import comparable_ts, day_of
from queries.period import Period

COLUMNS = tuple(f"c{n}" for n in range(3, 14))
LEVELS = ("district", "commune")
TOTAL = "TOTAL"
ENDED = ("resolved", "refused", "withdrawn")


def _columns(period: Period) -> list:
    d = dossiers.c
    start, as_of = period.bind_start(), period.bind_as_of()
    new = d.received_at >= start
    # Finished (resolved, refused) or withdrawn before as_of; the rest is still open.
    # The population (see _population) guarantees such a dossier ended on or after start.
    done = and_(d.status.in_(ENDED), d.finished_at < as_of)
    resolved = and_(done, d.status == "resolved")
    finished_at, due_at = comparable_ts(d.finished_at), comparable_ts(d.due_at)
    early = day_of(d.finished_at) < day_of(d.due_at)
    late = finished_at > due_at
    # The form's footnote: refused and withdrawn dossiers count as on time.
    on_time = or_(
        and_(done, d.status.in_(("refused", "withdrawn"))),
        and_(resolved, not_(early), not_(late)),
    )
    # Exactly the complement of `done`, NULL finished_at included, so 3 = 7 + 11.
    still_open = or_(d.status.not_in(ENDED), d.finished_at.is_(None), d.finished_at >= as_of)
    # Paused (awaiting a supplement from the applicant) counts as within the deadline.
    within = or_(d.due_at >= as_of, d.status == "paused")
    columns = {
        "c3": func.count(),
        "c4": _count(and_(new, d.channel == "online")),
        # Anything not online is at the counter or by post; keeps 3 = 4 + 5 + 6 exact.
        "c5": _count(and_(new, d.channel != "online")),
        "c6": _count(d.received_at < start),
        "c7": _count(done),
        "c8": _count(and_(resolved, early)),
        "c9": _count(on_time),
        "c10": _count(and_(resolved, late)),
        "c11": _count(still_open),
        "c12": _count(and_(still_open, within)),
        "c13": _count(and_(still_open, not_(within))),
    }
    return [expr.label(name) for name, expr in columns.items()]


def _population(period: Period):
    """Received in the period, or received before it and not finished before its start."""
    d = dossiers.c
    start = period.bind_start()
    carried_over = or_(d.finished_at.is_(None), d.finished_at >= start)
    return and_(d.received_at < period.bind_as_of(), or_(d.received_at >= start, carried_over))


def _scope(level: str | None, unit: str | None) -> list:
    """Dossiers received by the district one-stop, by the communes, or by one unit."""
    conditions = []
    if level is not None:
        if level not in LEVELS:
            raise ValueError(f"unknown level {level!r}; expected one of {LEVELS}")
        conditions.append(units.c.kind == level)
    if unit is not None:
        conditions.append(units.c.code == unit)
    return conditions


def form06a(
    engine: Engine, period: Period, level: str | None = None, unit: str | None = None
) -> pd.DataFrame:
    """The form's figures: columns `field`, `c3` … `c13`; a last row with `field` = TOTAL.

    Scope: `level` "district" or "commune" (the kind of the receiving unit),
    `unit` a receiving unit's code, both None for every receiving unit.
    Fields are ordered by dossiers counted (column 3), largest first.
    """
    field = procedures.c.field
    query = (
        select(field.label("field"), *_columns(period))
        .select_from(
            dossiers.join(procedures, dossiers.c.procedure_id == procedures.c.id).join(
                units, dossiers.c.received_unit_id == units.c.id
            )
        )
        .where(_population(period), *_scope(level, unit))
        .group_by(field)
    )
    with engine.connect() as conn:
        rows = pd.read_sql(query, conn)
    rows[list(COLUMNS)] = rows[list(COLUMNS)].astype("int64")
    rows = rows.sort_values(["c3", "field"], ascending=[False, True], ignore_index=True)
    return with_total(rows)


def with_total(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows plus a TOTAL row summing each column."""
    total = pd.DataFrame([{"field": TOTAL, **rows[list(COLUMNS)].sum().astype("int64")}])
    frame = pd.concat([rows, total], ignore_index=True) if len(rows) else total
    frame[list(COLUMNS)] = frame[list(COLUMNS)].astype("int64")
    return frame
