"""Late dossiers: which dossiers are late or about to be, where they concentrate, who holds them.

By default the dossiers are those of the cohort view (data-contract.md): received
in the period, their state taken as of midnight after its last day (`as_of`). The
states come from `queries.cohort.dossier_states`, so a unit's late list has
exactly its `resolved_late` dossiers and its overdue list its `open_overdue`.
With `basis="flow"` they are those of the week as a flow: a unit's late list of a
week has exactly its `finished_late` (finished in the week, whenever received)
and its overdue list its `overdue_open` (open at the week's end, whenever received).

- `late`: finished by `as_of` after `due_at` (resolved or refused, as in the contract).
- `overdue`: open at `as_of`, `due_at < as_of`, not paused.
- `due-soon`: open at `as_of`, not paused, due from `as_of` up to midnight after the
  N-th working day (Monday to Friday) following the period's last day: from a Friday,
  "within 2 days" means by Tuesday evening, not over the weekend.

`days` counts calendar days (times of day ignored): for `late`, from the due day
to the finish day; for `overdue`, from the due day to the period's last day; for
`due-soon`, the calendar days left from the period's last day to the due day.
A time that is none (`infinity`, `-infinity`: queries.quality counts them) compares as
it says, before or after every time, and gives no days and no date in a list.
Lists are filtered, sorted and paged in SQL; applicants' names leave this module
as stored, and the dashboard masks them before anyone sees them (dashboard.masking).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pandas as pd
from sqlalchemy import Date, and_, case, func, literal, select
from sqlalchemy.engine import Engine

from queries.cohort import (
    UNKNOWN_UNIT,
    Codes,
    count_where,
    dossier_states,
    not_paused,
    received_in,
    unit_ids,
)
from queries.contract import (
    HANDLING_KINDS,
    RECEIVING_KINDS,
    distinct_units,
    dossiers,
    officers,
    procedures,
    unit_name,
)
from queries.dialect import comparable_ts, days_between, moment
from queries.period import Period
from queries.ratios import rate
from queries.scope import area, within
from queries.scope import ids as scope_ids

STATES = ("late", "overdue", "due-soon")
# Which dossiers a list draws from: those received in the period (the cohort, as the unit
# view counts them), or the week's flow (data-contract.md, "The week"): finished in the
# period for `late`, open at its end whenever received for `overdue` and `due-soon`.
BASES = ("received", "flow")
DEFAULT_STATE = "overdue"
DEFAULT_SOON_DAYS = 2
MAX_SOON_DAYS = 60
PAGE_SIZE = 50
BREAKDOWNS = ("handling", "field", "procedure")

received_unit = distinct_units.alias("received_unit")
handling_unit = distinct_units.alias("handling_unit")


@dataclass(frozen=True)
class LateFilter:
    """What the list shows: the period of receipt, the state and the optional filters (codes;
    a unit's may be several: a merged commune with its predecessors)."""

    period: Period
    state: str = DEFAULT_STATE
    received_unit: Codes | None = None
    handling_unit: Codes | None = None
    field: str | None = None
    procedure: str | None = None
    channel: str | None = None
    soon_days: int = DEFAULT_SOON_DAYS
    basis: str = "received"
    # Only dossiers this unit's area (queries.scope.area) received or handles (a unit
    # user's sign-in: dashboard/auth).
    unit_scope: str | None = None

    def __post_init__(self):
        if self.state not in STATES:
            raise ValueError(f"unknown state {self.state!r}; expected one of {STATES}")
        if self.basis not in BASES:
            raise ValueError(f"unknown basis {self.basis!r}; expected one of {BASES}")
        if not 1 <= self.soon_days <= MAX_SOON_DAYS:
            raise ValueError(f"soon_days must be 1 … {MAX_SOON_DAYS}, not {self.soon_days}")


def _drawn_from(filt: LateFilter):
    """The dossiers the list draws from (see BASES), by the receiving unit if one is given."""
    d = dossiers.c
    if filt.basis == "received":
        return [received_in(filt.period, filt.received_unit)]
    conditions = [d.received_at < moment(filt.period.as_of)]
    if filt.state == "late":  # finished in the period: the state adds "by its end, late"
        conditions.append(d.finished_at >= moment(filt.period.start_at))
    if filt.received_unit is not None:
        conditions.append(d.received_unit_id.in_(unit_ids(filt.received_unit)))
    return conditions


def _scopes(engine: Engine, filt: LateFilter) -> list:
    """The dossiers received or handled in the engine's scope and in the unit user's area
    (queries.scope): both, when both are set."""
    d = dossiers.c
    user = None if filt.unit_scope is None else area(engine, filt.unit_scope)
    return [
        *within(scope_ids(engine), d.received_unit_id, d.handling_unit_id),
        *within(user, d.received_unit_id, d.handling_unit_id),
    ]


def _selection(engine: Engine, filt: LateFilter):
    """The filters other than the state, on dossier columns only (no join needed)."""
    d = dossiers.c
    conditions = _drawn_from(filt)
    if filt.handling_unit is not None:
        conditions.append(d.handling_unit_id.in_(unit_ids(filt.handling_unit)))
    if filt.field is not None:
        conditions.append(
            d.procedure_id.in_(select(procedures.c.id).where(procedures.c.field == filt.field))
        )
    if filt.procedure is not None:
        conditions.append(
            d.procedure_id.in_(select(procedures.c.id).where(procedures.c.code == filt.procedure))
        )
    if filt.channel is not None:
        conditions.append(d.channel == filt.channel)
    return and_(*conditions, *_scopes(engine, filt))


def due_soon_until(period_end: date, working_days: int) -> datetime:
    """Midnight after the N-th working day (Monday to Friday) after `period_end`.

    Working days because appointments are set in working days; the contract has
    no holiday calendar, so public holidays count as working days here.
    """
    day, counted = period_end, 0
    while counted < working_days:
        day += timedelta(days=1)
        counted += day.weekday() < 5
    return datetime.combine(day + timedelta(days=1), time())


def _states(filt: LateFilter) -> dict:
    """The contract's states as of the period's end, plus `due-soon` (module docstring)."""
    state = dossier_states(moment(filt.period.as_of))
    soon_until = moment(due_soon_until(filt.period.end, filt.soon_days))
    due_soon = and_(
        state["open"],
        not_paused(),
        dossiers.c.due_at >= moment(filt.period.as_of),
        dossiers.c.due_at < soon_until,
    )
    return {**state, "due-soon": due_soon}


def state_condition(filt: LateFilter):
    """The SQL condition of the chosen state."""
    return _states(filt)[filt.state]


def _days(filt: LateFilter):
    d = dossiers.c
    last_day = literal(filt.period.end, Date())
    if filt.state == "late":
        return days_between(d.due_at, d.finished_at)
    if filt.state == "overdue":
        return days_between(d.due_at, last_day)
    return days_between(last_day, d.due_at)


def late_count(engine: Engine, filt: LateFilter) -> int:
    """How many dossiers the list has (a SQL count, whatever its size)."""
    query = select(func.count()).select_from(dossiers)
    query = query.where(_selection(engine, filt), state_condition(filt))
    with engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


def late_extreme_days(engine: Engine, filt: LateFilter) -> int | None:
    """The list's first row's days without reading the list: the most days late or overdue,
    the fewest left for `due-soon` (None when the list is empty)."""
    days = _days(filt)
    extreme = func.min(days) if filt.state == "due-soon" else func.max(days)
    query = (
        select(extreme).select_from(dossiers).where(_selection(engine, filt), state_condition(filt))
    )
    with engine.connect() as conn:
        value = conn.execute(query).scalar_one()
    return None if value is None else int(value)


LIST_COLUMNS = (
    "code",
    "procedure",
    "field",
    "received_unit",
    "handling_unit",
    "officer",
    "received_at",
    "due_at",
    "finished_at",
    "days",
    "status",
    "late_reason",
    "applicant_name",
)


def _listed():
    d = dossiers.c
    return (
        dossiers.join(procedures, d.procedure_id == procedures.c.id)
        .outerjoin(received_unit, d.received_unit_id == received_unit.c.id)
        .outerjoin(handling_unit, d.handling_unit_id == handling_unit.c.id)
        .outerjoin(officers, d.officer_id == officers.c.id)
    )


def _listed_columns() -> list:
    """What a list row and the detail both show of a dossier in `_listed()`: its procedure
    and field, its units and officer by name, when it was received, due and finished."""
    d = dossiers.c
    return [
        procedures.c.name.label("procedure"),
        procedures.c.field,
        unit_name(received_unit).label("received_unit"),
        unit_name(handling_unit).label("handling_unit"),
        officers.c.full_name.label("officer"),
        d.received_at,
        d.due_at,
        d.finished_at,
    ]


def late_list(
    engine: Engine, filt: LateFilter, page: int = 1, page_size: int | None = PAGE_SIZE
) -> pd.DataFrame:
    """One page of the list (1-based), or all of it when `page_size` is None.

    Sorted by days late, most first (for `due-soon`: fewest days left first),
    then by due time and code so that pages never overlap. Columns: LIST_COLUMNS,
    `applicant_name` as stored (personal data: dashboard.masking masks it).
    """
    if page < 1:
        raise ValueError(f"pages start at 1, not {page}")
    d = dossiers.c
    days = _days(filt)
    # No days (an infinite due or finish time: queries.dialect.days_between) first on both
    # engines, as PostgreSQL's descending index holds them.
    most_urgent = days.desc().nulls_first() if filt.state != "due-soon" else days.asc()
    query = (
        select(
            d.code,
            *_listed_columns(),
            days.label("days"),
            d.status,
            d.late_reason,
            d.applicant_name,
        )
        .select_from(_listed())
        .where(_selection(engine, filt), state_condition(filt))
        .order_by(most_urgent, comparable_ts(d.due_at), d.code)
    )
    if page_size is not None:
        query = query.limit(page_size).offset((page - 1) * page_size)
    with engine.connect() as conn:
        frame = pd.read_sql(query, conn)
    frame["days"] = frame["days"].astype("Int64")  # NA: no days (see most_urgent)
    return frame[list(LIST_COLUMNS)]


def late_breakdown(
    engine: Engine, filt: LateFilter, by: str, limit: int | None = 15, every_group: bool = False
) -> pd.DataFrame:
    """Where the chosen state concentrates: one row per handling unit, field or procedure.

    Columns: `group` (code or field), `name`, `count` (dossiers in the state),
    `base` and `share` = count / base, where the base is the finished dossiers
    for `late` (the late rate) and the open ones otherwise. Only groups with at
    least one (`every_group`: with none too, for a caller that re-groups them), most first,
    at most `limit` (None: all).
    """
    if by not in BREAKDOWNS:
        raise ValueError(f"unknown breakdown {by!r}; expected one of {BREAKDOWNS}")
    states = _states(filt)
    within = states["finished" if filt.state == "late" else "open"]
    count = count_where(states[filt.state]).label("count")
    base = count_where(within).label("base")
    if by == "handling":
        # No handling unit: no code (not yet assigned); one missing from `units`: UNKNOWN_UNIT.
        unknown = and_(dossiers.c.handling_unit_id.is_not(None), handling_unit.c.id.is_(None))
        code = case((unknown, literal(UNKNOWN_UNIT)), else_=handling_unit.c.code)
        keys = [code.label("group"), unit_name(handling_unit).label("name")]
        source = dossiers.outerjoin(
            handling_unit, dossiers.c.handling_unit_id == handling_unit.c.id
        )
        group_by = [
            dossiers.c.handling_unit_id,
            handling_unit.c.id,
            handling_unit.c.code,
            handling_unit.c.name,
        ]
    elif by == "field":
        keys = [procedures.c.field.label("group"), procedures.c.field.label("name")]
        source = dossiers.join(procedures, dossiers.c.procedure_id == procedures.c.id)
        group_by = [procedures.c.field]
    else:
        keys = [procedures.c.code.label("group"), procedures.c.name.label("name")]
        source = dossiers.join(procedures, dossiers.c.procedure_id == procedures.c.id)
        group_by = [procedures.c.id, procedures.c.code, procedures.c.name]
    query = (
        select(*keys, count, base)
        .select_from(source)
        # Both counts lie within the base: only its rows are read (the open ones through
        # the index on open dossiers, not every dossier ever received).
        .where(_selection(engine, filt), within)
        .group_by(*group_by)
        .having(count >= (0 if every_group else 1))
        .order_by(count.desc(), keys[1].nulls_last())
        .limit(limit)
    )
    with engine.connect() as conn:
        frame = pd.read_sql(query, conn)
    frame[["count", "base"]] = frame[["count", "base"]].astype("int64")
    if by == "handling":  # dossiers without a handling unit: a row with no code or name
        frame["group"] = frame["group"].astype(object).where(frame["group"].notna(), None)
    return frame.assign(share=rate(frame["count"], frame["base"]))


def late_reasons(engine: Engine, filt: LateFilter, limit: int = 20) -> pd.DataFrame:
    """The recorded reasons of the list's dossiers, grouped (blank and missing together).

    Columns: `reason` (None where none was recorded) and `count`, most first.
    """
    reason = func.nullif(func.trim(dossiers.c.late_reason), "")
    count = func.count().label("count")
    query = (
        select(reason.label("reason"), count)
        .where(_selection(engine, filt), state_condition(filt))
        .group_by(reason)
        .order_by(count.desc(), reason.nulls_last())
        .limit(limit)
    )
    with engine.connect() as conn:
        frame = pd.read_sql(query, conn)
    frame["count"] = frame["count"].astype("int64")
    return frame


def dossier_detail(engine: Engine, code: str) -> dict | None:
    """Everything the contract holds about one dossier (applicant_name as stored), or None."""
    d = dossiers.c
    query = (
        select(
            d.code,
            d.status,
            d.channel,
            procedures.c.code.label("procedure_code"),
            procedures.c.processing_days,
            *_listed_columns(),
            d.late_reason,
            d.applicant_name,
            d.fee_required,
            d.fee_paid_online,
        )
        .select_from(_listed())
        .where(d.code == code, *within(scope_ids(engine), d.received_unit_id, d.handling_unit_id))
    )
    with engine.connect() as conn:
        row = conn.execute(query).mappings().first()
    if row is None:
        return None
    return dict(row)


def filter_options(engine: Engine) -> dict[str, list]:
    """The values the filters may take: unit codes and names, fields, procedure codes and names.

    `received` and `handling`: (code, name) of the units that receive (district,
    commune) and that handle (department, commune); `fields`: field names;
    `procedures`: (code, name), one per code. In a scope, its units only.
    """
    unit_query = (
        select(distinct_units.c.code, unit_name(), distinct_units.c.kind)
        .where(*within(scope_ids(engine), distinct_units.c.id))
        .order_by(distinct_units.c.code)
    )
    field_query = select(procedures.c.field).distinct().order_by(procedures.c.field)
    procedure_query = (
        select(procedures.c.code, func.min(procedures.c.name))
        .group_by(procedures.c.code)
        .order_by(procedures.c.code)
    )
    with engine.connect() as conn:
        unit_rows = conn.execute(unit_query).all()
        fields = conn.execute(field_query).scalars().all()
        procedure_rows = conn.execute(procedure_query).all()
    return {
        "received": [(c, n) for c, n, k in unit_rows if k in RECEIVING_KINDS],
        "handling": [(c, n) for c, n, k in unit_rows if k in HANDLING_KINDS],
        "fields": list(fields),
        "procedures": [tuple(row) for row in procedure_rows],
    }
