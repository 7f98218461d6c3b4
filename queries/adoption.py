"""Household digital adoption (Chuyển đổi số cộng đồng), by commune, as reported.

Definition (data-contract.md, "Satisfaction, adoption"): the figures of each
commune's latest snapshot on or before the chosen date; onboarded_rate =
households_onboarded / households (dashboard.kpi). Only the date counts: a snapshot is a
stock, not a flow, so a period's start does not enter (docs/decisions.md).
"""

from datetime import date

import pandas as pd
from sqlalchemy import and_, func, select
from sqlalchemy.engine import Engine

from queries.contract import digital_adoption, distinct_units, unit_name
from queries.dialect import day_of, on_or_before
from queries.scope import ids as scope_ids
from queries.scope import within

TABLES = ("digital_adoption", "units")
COUNTS = (
    "households",
    "households_onboarded",
    "public_service_accounts",
    "e_wallet_accounts",
    "e_health_records",
)


def _counts(frame: pd.DataFrame) -> pd.DataFrame:
    frame[list(COUNTS)] = frame[list(COUNTS)].astype("Int64")  # missing: no snapshot yet
    return frame


def _dates(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    frame[column] = pd.to_datetime(frame[column]).dt.date
    return frame


def adoption_by_commune(engine: Engine, end: date) -> pd.DataFrame:
    """One row per commune (by code), from its latest snapshot on or before `end`.

    Columns: `group` (unit code), `name`, `as_of` (the snapshot's date), the
    counts of the contract. A commune without a snapshot
    by then keeps its row with missing figures.
    """
    a = digital_adoption.c
    latest = (
        select(a.unit_id, func.max(a.as_of).label("as_of"))
        .where(on_or_before(a.as_of, end))
        .group_by(a.unit_id)
        .subquery()
    )
    snapshot = digital_adoption.join(
        latest, and_(a.unit_id == latest.c.unit_id, a.as_of == latest.c.as_of)
    )
    query = (
        select(
            distinct_units.c.code.label("group"),
            unit_name().label("name"),
            day_of(latest.c.as_of).label("as_of"),
            *[getattr(a, name) for name in COUNTS],
        )
        .select_from(distinct_units.outerjoin(snapshot, distinct_units.c.id == latest.c.unit_id))
        .where(distinct_units.c.kind == "commune", *within(scope_ids(engine), distinct_units.c.id))
        .order_by(distinct_units.c.code)
    )
    with engine.connect() as conn:
        frame = pd.read_sql(query, conn)
    return _counts(_dates(frame, "as_of"))


def latest_by_day(engine: Engine, end: date) -> pd.DataFrame:
    """At every snapshot date up to `end`, each unit's latest snapshot on or before that
    date (a unit not yet reporting has no row): the district's history, which the
    dashboard adds up (dashboard.households: a merged commune's report replaces its
    predecessors'). Columns: `as_of` (the date), `group` (unit code; None for a unit
    missing from `units`), the counts. Oldest first, then by code."""
    a = digital_adoption.c
    day = day_of(a.as_of)
    mine = within(scope_ids(engine), a.unit_id)  # the communes of the scope (queries.scope)
    dates = select(day.label("day")).where(on_or_before(a.as_of, end), *mine).distinct().subquery()
    latest = (
        select(dates.c.day, a.unit_id, func.max(a.as_of).label("as_of"))
        .select_from(dates.join(digital_adoption, day <= dates.c.day))
        .where(*mine)
        .group_by(dates.c.day, a.unit_id)
        .subquery()
    )
    query = (
        select(
            latest.c.day.label("as_of"),
            distinct_units.c.code.label("group"),
            *[getattr(a, name) for name in COUNTS],
        )
        .select_from(
            latest.join(
                digital_adoption, and_(a.unit_id == latest.c.unit_id, a.as_of == latest.c.as_of)
            ).outerjoin(distinct_units, distinct_units.c.id == latest.c.unit_id)
        )
        .order_by(latest.c.day, distinct_units.c.code)
    )
    with engine.connect() as conn:
        frame = pd.read_sql(query, conn)
    return _counts(_dates(frame, "as_of"))
