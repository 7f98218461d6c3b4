"""The dossiers behind the 766 estimate's figures (data-contract.md, "The 766 index,
estimated from the one-stop's own rows"): of one receiving unit and period, those in a
group's denominator and not in its numerator, the ones that cost it points.

- `online`: received in the period, the procedure offering full online service
  (`online_service = 'full'`), not submitted online;
- `payment`: received in the period with a fee (`fee_required`), not paid online;
- `result_digital`: resolved in `[start, as_of)` with `result_digitised` false (not
  recorded is in no denominator: not listed);
- `components_digital`: received in the period with `components_digitised` false.

The last two need their optional column (queries.index766.optional_columns). Progress's
dossiers are the late list's (queries.late). Lists are filtered, sorted and paged in SQL;
applicants' names leave this module as stored, and the dashboard masks them
(dashboard.masking). A unit user's list holds only what their unit's area received or
handles (`unit_scope`, queries.scope.area), as on the late list.
"""

from dataclasses import dataclass

import pandas as pd
from sqlalchemy import and_, func, or_, select
from sqlalchemy.engine import Engine

from queries.cohort import Codes, received_in, unit_ids
from queries.contract import dossiers, procedures, unit_name
from queries.dialect import comparable_ts, moment
from queries.index766 import NEEDS_COLUMN, optional_columns
from queries.late import handling_unit, received_unit
from queries.period import Period
from queries.scope import area, within
from queries.scope import ids as scope_ids

LISTS = ("online", "payment", "result_digital", "components_digital")
PAGE_SIZE = 50
LIST_COLUMNS = (
    "code",
    "procedure",
    "received_unit",
    "handling_unit",
    "channel",
    "received_at",
    "finished_at",
    "applicant_name",
)


@dataclass(frozen=True)
class ListFilter:
    """One list: its kind (LISTS), period and receiving unit (codes: a merged commune with
    its predecessors), and a unit user's unit (`unit_scope`), if any."""

    kind: str
    period: Period
    received_unit: Codes
    unit_scope: str | None = None

    def __post_init__(self):
        if self.kind not in LISTS:
            raise ValueError(f"unknown list {self.kind!r}; expected one of {LISTS}")


def available(engine: Engine) -> tuple[str, ...]:
    """The lists this database can give: those whose optional column it has."""
    present = optional_columns(engine)
    return tuple(k for k in LISTS if k not in NEEDS_COLUMN or NEEDS_COLUMN[k] in present)


def _kind(filt: ListFilter):
    """The group's denominator and not its numerator, as queries.index766 counts them."""
    d = dossiers.c
    received = received_in(filt.period)
    if filt.kind == "online":
        not_online = or_(d.channel.is_(None), d.channel != "online")
        return and_(received, procedures.c.online_service == "full", not_online)
    if filt.kind == "payment":
        return and_(received, d.fee_required.is_(True), d.fee_paid_online.is_not(True))
    if filt.kind == "components_digital":
        return and_(received, d.components_digitised.is_(False))
    return and_(
        d.status == "resolved",
        d.finished_at >= moment(filt.period.start_at),
        d.finished_at < moment(filt.period.as_of),
        d.result_digitised.is_(False),
    )


def _selection(engine: Engine, filt: ListFilter):
    d = dossiers.c
    user = None if filt.unit_scope is None else area(engine, filt.unit_scope)
    return and_(
        _kind(filt),
        d.received_unit_id.in_(unit_ids(filt.received_unit)),
        *within(scope_ids(engine), d.received_unit_id),
        *within(user, d.received_unit_id, d.handling_unit_id),
    )


def _source():
    return dossiers.outerjoin(procedures, dossiers.c.procedure_id == procedures.c.id)


def list_count(engine: Engine, filt: ListFilter) -> int:
    """How many dossiers the list has (a SQL count, whatever its size)."""
    query = select(func.count()).select_from(_source()).where(_selection(engine, filt))
    with engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


def dossier_list(
    engine: Engine, filt: ListFilter, page: int = 1, page_size: int = PAGE_SIZE
) -> pd.DataFrame:
    """One page of the list (1-based), oldest received first, then by code, so that pages
    never overlap: its rows picked from the dossiers (and their procedures, for `online`)
    alone, then only they named, as the late list's pages are (queries.late.late_page).
    Columns: LIST_COLUMNS, `applicant_name` as stored."""
    if page < 1:
        raise ValueError(f"pages start at 1, not {page}")
    d = dossiers.c
    picked = (
        select(
            d.code,
            d.procedure_id,
            d.received_unit_id,
            d.handling_unit_id,
            d.channel,
            d.received_at,
            d.finished_at,
            d.applicant_name,
        )
        .select_from(_source())
        .where(_selection(engine, filt))
        .order_by(comparable_ts(d.received_at), d.code)
        .limit(page_size)
        .offset((page - 1) * page_size)
        .subquery("listed")
    )
    r = picked.c
    source = (
        picked.outerjoin(procedures, r.procedure_id == procedures.c.id)
        .outerjoin(received_unit, r.received_unit_id == received_unit.c.id)
        .outerjoin(handling_unit, r.handling_unit_id == handling_unit.c.id)
    )
    query = (
        select(
            r.code,
            procedures.c.name.label("procedure"),
            unit_name(received_unit).label("received_unit"),
            unit_name(handling_unit).label("handling_unit"),
            r.channel,
            r.received_at,
            r.finished_at,
            r.applicant_name,
        )
        .select_from(source)
        .order_by(comparable_ts(r.received_at), r.code)
    )
    with engine.connect() as conn:
        frame = pd.read_sql(query, conn)
    return frame[list(LIST_COLUMNS)]
