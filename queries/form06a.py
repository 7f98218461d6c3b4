"""Biểu II.06a, "Tình hình, kết quả giải quyết TTHC": the flow of a period by field.

Definitions: data-contract.md, "The official report". The dossiers counted are
those received in the period and those carried over into it (received before
`start`, not finished before it); their state is taken as of midnight after
the period's last day. One row per procedure field (lĩnh vực) with at least
one dossier (the total row is added by dashboard.totals).

The identities hold on every row by construction:
3 = 4 + 5 + 6 = 7 + 11; 7 = 8 + 9 + 10; 11 = 12 + 13.
"""

import pandas as pd
from sqlalchemy import and_, func, not_, or_, select
from sqlalchemy.engine import Engine

from queries.cohort import Codes, as_codes, count_where, dossier_states, unit_list
from queries.contract import RECEIVING_KINDS, distinct_units, dossiers, procedures
from queries.dialect import moment
from queries.period import Period
from queries.scope import ids as scope_ids
from queries.scope import within

COLUMNS = tuple(f"c{n}" for n in range(3, 14))
# The form's levels and the kinds of receiving unit each holds: the province centre with its
# branches, the district one-stop (until 1 July 2025), the communes.
LEVEL_KINDS = {
    "province": ("province", "branch"),
    "district": ("district",),
    "commune": ("commune",),
}
LEVELS = tuple(LEVEL_KINDS)


def _states(period: Period) -> dict:
    """The conditions of columns 4 to 13 (column 3 counts every dossier of `population`)."""
    d = dossiers.c
    start = moment(period.start_at)
    new = d.received_at >= start
    # The cohort's states as of the period's end (one definition for the whole app);
    # the population guarantees an ended dossier ended on or after start.
    state = dossier_states(moment(period.as_of))
    resolved = d.status == "resolved"
    # The form's footnote: refused and withdrawn dossiers count as on time.
    on_time = or_(
        and_(state["on_time"], resolved),
        and_(state["finished"], d.status == "refused"),
        state["withdrawn"],
    )
    return {
        "c4": and_(new, d.channel == "online"),
        # Anything not online is at the counter or by post, a missing or unknown channel
        # too; keeps 3 = 4 + 5 + 6 exact.
        "c5": and_(new, or_(d.channel.is_(None), d.channel != "online")),
        "c6": d.received_at < start,
        "c7": or_(state["finished"], state["withdrawn"]),
        "c8": and_(state["early"], resolved),
        "c9": on_time,
        "c10": and_(state["late"], resolved),
        "c11": state["open"],
        # Overdue: open, due before as_of and not paused (awaiting the applicant's
        # supplement counts as within the deadline).
        "c12": and_(state["open"], not_(state["overdue"])),
        "c13": state["overdue"],
    }


def _columns(period: Period) -> list:
    counts = {"c3": func.count(), **{n: count_where(c) for n, c in _states(period).items()}}
    return [expr.label(name) for name, expr in counts.items()]


def within_time(period: Period):
    """Columns 8, 9 and 12 together (disjoint: done early, on time, or still within time),
    the 766 estimate's progress (data-contract.md) over `population`."""
    states = _states(period)
    return or_(states["c8"], states["c9"], states["c12"])


def population(period: Period):
    """Received in the period, or received before it and not finished before its start."""
    d = dossiers.c
    start = moment(period.start_at)
    carried_over = or_(d.finished_at.is_(None), d.finished_at >= start)
    return and_(d.received_at < moment(period.as_of), or_(d.received_at >= start, carried_over))


def _scope(level: str | None, unit: Codes | None) -> list:
    """Dossiers received at one level (LEVEL_KINDS), or by one unit (with its predecessors,
    by today's units: several codes)."""
    conditions = []
    if level is not None:
        if level not in LEVELS:
            raise ValueError(f"unknown level {level!r}; expected one of {LEVELS}")
        conditions.append(distinct_units.c.kind.in_(LEVEL_KINDS[level]))
    if unit is not None:
        conditions.append(distinct_units.c.code.in_(as_codes(unit)))
    return conditions


def form06a(
    engine: Engine, period: Period, level: str | None = None, unit: Codes | None = None
) -> pd.DataFrame:
    """The form's figures: one row per field, columns `field`, `c3` … `c13` (the total row:
    dashboard.totals).

    Scope: `level` one of LEVELS (the kinds of the receiving unit), `unit` a receiving
    unit's code (or several), both None for every receiving unit.
    Fields are ordered by dossiers counted (column 3), largest first.
    """
    field = procedures.c.field
    query = (
        select(field.label("field"), *_columns(period))
        .select_from(
            # Outer: a dossier of a unit missing from `units` still counts for the district.
            dossiers.join(procedures, dossiers.c.procedure_id == procedures.c.id).outerjoin(
                distinct_units, dossiers.c.received_unit_id == distinct_units.c.id
            )
        )
        .where(
            population(period),
            *_scope(level, unit),
            *within(scope_ids(engine), dossiers.c.received_unit_id),  # queries.scope
        )
        .group_by(field)
    )
    with engine.connect() as conn:
        rows = pd.read_sql(query, conn)
    rows[list(COLUMNS)] = rows[list(COLUMNS)].astype("int64")
    rows = rows.sort_values(["c3", "field"], ascending=[False, True], ignore_index=True)
    return rows


def receiving_units(engine: Engine) -> pd.DataFrame:
    """The one-stops a form can be made for: `group` (code), `name`, `kind`; district first."""
    return unit_list(engine, RECEIVING_KINDS)[["group", "name", "kind"]]
