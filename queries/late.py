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
from sqlalchemy import Date, Text, and_, case, cast, func, literal, or_, select
from sqlalchemy.engine import Engine

from queries.cohort import (
    UNKNOWN_UNIT,
    Codes,
    count_where,
    dossier_states,
    not_paused,
    open_parts,
    received_in,
    unit_ids,
)
from queries.contract import (
    HANDLING_KINDS,
    OPTIONAL_DOSSIER_COLUMNS,
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


def _drawn_from(filt: LateFilter, d):
    """The dossiers the list draws from (see BASES), by the receiving unit if one is given."""
    if filt.basis == "received":
        return [received_in(filt.period, filt.received_unit, d=d)]
    conditions = [d.received_at < moment(filt.period.as_of)]
    if filt.state == "late":  # finished in the period: the state adds "by its end, late"
        conditions.append(d.finished_at >= moment(filt.period.start_at))
    if filt.received_unit is not None:
        conditions.append(d.received_unit_id.in_(unit_ids(filt.received_unit)))
    return conditions


def _scopes(engine: Engine, filt: LateFilter, d) -> list:
    """The dossiers received or handled in the engine's scope and in the unit user's area
    (queries.scope): both, when both are set."""
    user = None if filt.unit_scope is None else area(engine, filt.unit_scope)
    return [
        *within(scope_ids(engine), d.received_unit_id, d.handling_unit_id),
        *within(user, d.received_unit_id, d.handling_unit_id),
    ]


def _selection(engine: Engine, filt: LateFilter, d):
    """The filters other than the state, on the dossier columns `d` only (no join needed)."""
    conditions = _drawn_from(filt, d)
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
    return and_(*conditions, *_scopes(engine, filt, d))


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


def _states(filt: LateFilter, d) -> dict:
    """The contract's states as of the period's end, plus `due-soon` (module docstring), on
    the dossier columns `d`."""
    state = dossier_states(moment(filt.period.as_of), d)
    soon_until = moment(due_soon_until(filt.period.end, filt.soon_days))
    due_soon = and_(
        state["open"],
        not_paused(d),
        d.due_at >= moment(filt.period.as_of),
        d.due_at < soon_until,
    )
    return {**state, "due-soon": due_soon}


def state_condition(filt: LateFilter, d):
    """The SQL condition of the chosen state, on the dossier columns `d`."""
    return _states(filt, d)[filt.state]


# An open list (overdue, due soon) reads the dossiers open at the period's end first, when
# few dossiers finished after that end: then the index on open dossiers and the finish
# times find them all. Left to itself, PostgreSQL also reads every dossier received in the
# period by its receipt time to narrow them (10M dossiers, this year's overdue count:
# 166 ms instead of 66). Past periods, with most dossiers finished since, read as before.
FEW_FINISHED_AFTER = 50_000


def _open_at_end(engine: Engine, filt: LateFilter):
    """The dossiers open at the period's end (dossier_states' `open`), as a CTE that
    PostgreSQL reads apart (MATERIALIZED); None for `late`, or when too many dossiers
    finished after the end for that to pay (at most FEW_FINISHED_AFTER are counted)."""
    if filt.state == "late":
        return None
    d = dossiers.c
    as_of = moment(filt.period.as_of)
    finished_after = select(d.id).where(d.finished_at >= as_of).limit(FEW_FINISHED_AFTER)
    with engine.connect() as conn:
        counted = conn.execute(select(func.count()).select_from(finished_after.subquery()))
        if counted.scalar_one() >= FEW_FINISHED_AFTER:
            return None
    read = [column for column in dossiers.c if column.name not in OPTIONAL_DOSSIER_COLUMNS]
    open_at_end = or_(*open_parts(d.finished_at >= as_of))
    found = select(*read).where(open_at_end).cte("open_at_end")
    return found.prefix_with("MATERIALIZED", dialect="postgresql")


def _rows(engine: Engine, filt: LateFilter):
    """What a list's statements read: the dossiers open at the period's end, when
    `_open_at_end` says so (the same rows, as every state of an open list is open), else
    `dossiers`. Either has the dossiers' columns."""
    found = _open_at_end(engine, filt)
    return dossiers if found is None else found


def _days(filt: LateFilter, d):
    last_day = literal(filt.period.end, Date())
    if filt.state == "late":
        return days_between(d.due_at, d.finished_at)
    if filt.state == "overdue":
        return days_between(d.due_at, last_day)
    return days_between(last_day, d.due_at)


def late_count(engine: Engine, filt: LateFilter) -> int:
    """How many dossiers the list has (a SQL count, whatever its size)."""
    rows = _rows(engine, filt)
    query = select(func.count()).select_from(rows)
    query = query.where(_selection(engine, filt, rows.c), state_condition(filt, rows.c))
    with engine.connect() as conn:
        return int(conn.execute(query).scalar_one())


def late_extreme_days(engine: Engine, filt: LateFilter) -> int | None:
    """The list's first row's days without reading the list: the most days late or overdue,
    the fewest left for `due-soon` (None when the list is empty)."""
    rows = _rows(engine, filt)
    d = rows.c
    days = _days(filt, d)
    extreme = func.min(days) if filt.state == "due-soon" else func.max(days)
    query = select(extreme).select_from(rows)
    query = query.where(_selection(engine, filt, d), state_condition(filt, d))
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


def _listed(rows=dossiers):
    """`rows` (dossiers, or some of them with the same columns) with what names them."""
    r = rows.c
    return (
        rows.join(procedures, r.procedure_id == procedures.c.id)
        .outerjoin(received_unit, r.received_unit_id == received_unit.c.id)
        .outerjoin(handling_unit, r.handling_unit_id == handling_unit.c.id)
        .outerjoin(officers, r.officer_id == officers.c.id)
    )


def _listed_columns(rows=dossiers) -> list:
    """What a list row and the detail both show of a dossier in `_listed(rows)`: its
    procedure and field, its units and officer by name, when it was received, due and
    finished."""
    r = rows.c
    return [
        procedures.c.name.label("procedure"),
        procedures.c.field,
        unit_name(received_unit).label("received_unit"),
        unit_name(handling_unit).label("handling_unit"),
        officers.c.full_name.label("officer"),
        r.received_at,
        r.due_at,
        r.finished_at,
    ]


@dataclass(frozen=True)
class ListKey:
    """Where a row stands in a list's order, to read the page after or before it without
    counting the rows above: its days (None: none), its due time as the database writes it
    as text (exact on both engines, an infinite time included) and its code."""

    days: int | None
    due_at: str
    code: str


@dataclass(frozen=True)
class ListPage:
    """A page's rows (LIST_COLUMNS) and the keys of its first and last (None: no rows)."""

    rows: pd.DataFrame
    first: ListKey | None
    last: ListKey | None


def _most_first(filt: LateFilter, backwards: bool) -> bool:
    """Whether the list read this way has the most days first: forwards except `due-soon`."""
    return (filt.state != "due-soon") != backwards


def _order(filt: LateFilter, days, due, code, backwards: bool = False) -> list:
    """The list's order: most days first (for `due-soon`: fewest days left first), then by
    due time and code, so that pages never overlap. No days (an infinite due or finish
    time: queries.dialect.days_between) count as the most days: first on both engines, as
    PostgreSQL's descending index holds them (last of `due-soon`, which has none).
    `backwards`: the same order reversed."""
    if _most_first(filt, backwards):
        by_days = days.desc().nulls_first()
    else:
        by_days = days.asc().nulls_last()
    if backwards:
        return [by_days, due.desc(), code.desc()]
    return [by_days, due, code]


def _beyond(filt: LateFilter, days, due, code, key: ListKey, backwards: bool):
    """The rows after `key` in the list's order (`backwards`: before it), bounded so that
    PostgreSQL starts reading its index of days at the key. Backwards from a key with days,
    the rows of no days (the most, first of the late and overdue lists) are left out."""
    key_due = comparable_ts(moment(key.due_at))
    if backwards:
        tail = or_(due < key_due, and_(due == key_due, code < key.code))
    else:
        tail = or_(due > key_due, and_(due == key_due, code > key.code))
    most_first = _most_first(filt, backwards)
    if key.days is None:
        beyond_none = and_(days.is_(None), tail)
        return or_(days.is_not(None), beyond_none) if most_first else beyond_none
    if most_first:
        return and_(days <= key.days, or_(days < key.days, tail))
    beyond = and_(days >= key.days, or_(days > key.days, tail))
    # Forwards (`due-soon`, which has no index of its days), with the rows of no days.
    return beyond if backwards else or_(days.is_(None), beyond)


def _picked(engine: Engine, filt: LateFilter, offset: int, limit, key, backwards):
    """The list's rows in its order, from `dossiers` alone (no join for the rows skipped):
    `limit` of them (None: all) after `offset` or after (`backwards`: before) `key`."""
    d = _rows(engine, filt).c
    days = _days(filt, d)
    due = comparable_ts(d.due_at)
    conditions = [
        _selection(engine, filt, d),
        state_condition(filt, d),
        # The rows `_listed` names: a dossier of no known procedure is not listed.
        d.procedure_id.in_(select(procedures.c.id)),
    ]
    if key is not None:
        conditions.append(_beyond(filt, days, due, d.code, key, backwards))
    # Ids and keys only, so that PostgreSQL may read the rows skipped from the late-days
    # index alone (LATE_DAYS_INDEX_SQL carries the filters' columns); the page's rows
    # are read once picked.
    ids = select(d.id, days.label("days"), cast(d.due_at, Text).label("due_key"))
    ids = ids.where(*conditions)
    if limit is not None:  # the whole list is sorted once, named
        ids = ids.order_by(*_order(filt, days, due, d.code, backwards))
        ids = ids.limit(limit).offset(offset or None)
    ids = ids.subquery("page_ids")
    shown = [dossiers.c[name] for name in PICKED_COLUMNS]
    query = select(*shown, ids.c.days, ids.c.due_key)
    return query.select_from(ids.join(dossiers, dossiers.c.id == ids.c.id)).subquery("listed")


# What `_picked` reads of a dossier: what the list shows of it, and what names it.
PICKED_COLUMNS = (
    "code",
    "procedure_id",
    "received_unit_id",
    "handling_unit_id",
    "officer_id",
    "received_at",
    "due_at",
    "finished_at",
    "status",
    "late_reason",
    "applicant_name",
)


def late_page(
    engine: Engine,
    filt: LateFilter,
    page: int = 1,
    page_size: int | None = PAGE_SIZE,
    after: ListKey | None = None,
    before: ListKey | None = None,
) -> ListPage:
    """One page of the list (1-based), or all of it when `page_size` is None.

    The page's rows are picked in the list's order (`_order`) from `dossiers` alone, then
    only they are joined for their names. A page next to one already read says so with a
    key (the same rows as by its number, without reading those above it): `after` the last
    row of the page before, or `before` the first row of the page after. Columns:
    LIST_COLUMNS, `applicant_name` as stored (personal data: dashboard.masking masks it).
    """
    if page < 1:
        raise ValueError(f"pages start at 1, not {page}")
    if after is not None and before is not None:
        raise ValueError("a page is read after a key or before one, not both")
    key = after if after is not None else before
    offset = 0 if key is not None or page_size is None else (page - 1) * page_size
    rows = _picked(engine, filt, offset, page_size, key, before is not None)
    r = rows.c
    query = (
        select(
            r.code,
            *_listed_columns(rows),
            r.days,
            r.status,
            r.late_reason,
            r.applicant_name,
            r.due_key,
        )
        .select_from(_listed(rows))
        .order_by(*_order(filt, r.days, comparable_ts(r.due_at), r.code))
    )
    with engine.connect() as conn:
        frame = pd.read_sql(query, conn)
    # Backwards from a key with days, `_beyond` leaves out the rows of no days (the most,
    # first): a page short of them is one of the first, read by its number at little cost.
    no_days_left_out = before is not None and before.days is not None and filt.state != "due-soon"
    if no_days_left_out and len(frame) < page_size:
        return late_page(engine, filt, page, page_size)
    frame["days"] = frame["days"].astype("Int64")  # NA: no days (see _order)
    ends = [frame.iloc[0], frame.iloc[-1]] if len(frame) else []
    first, last = [_key(row) for row in ends] or [None, None]
    return ListPage(frame[list(LIST_COLUMNS)], first, last)


def _key(row) -> ListKey:
    return ListKey(None if pd.isna(row["days"]) else int(row["days"]), row["due_key"], row["code"])


def late_list(
    engine: Engine, filt: LateFilter, page: int = 1, page_size: int | None = PAGE_SIZE
) -> pd.DataFrame:
    """The rows of `late_page`: one page by its number, or the whole list."""
    return late_page(engine, filt, page, page_size).rows


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
    rows = _rows(engine, filt)
    d = rows.c
    states = _states(filt, d)
    within = states["finished" if filt.state == "late" else "open"]
    count = count_where(states[filt.state]).label("count")
    base = count_where(within).label("base")
    if by == "handling":
        # No handling unit: no code (not yet assigned); one missing from `units`: UNKNOWN_UNIT.
        unknown = and_(d.handling_unit_id.is_not(None), handling_unit.c.id.is_(None))
        code = case((unknown, literal(UNKNOWN_UNIT)), else_=handling_unit.c.code)
        keys = [code.label("group"), unit_name(handling_unit).label("name")]
        source = rows.outerjoin(handling_unit, d.handling_unit_id == handling_unit.c.id)
        group_by = [
            d.handling_unit_id,
            handling_unit.c.id,
            handling_unit.c.code,
            handling_unit.c.name,
        ]
    elif by == "field":
        keys = [procedures.c.field.label("group"), procedures.c.field.label("name")]
        source = rows.join(procedures, d.procedure_id == procedures.c.id)
        group_by = [procedures.c.field]
    else:
        keys = [procedures.c.code.label("group"), procedures.c.name.label("name")]
        source = rows.join(procedures, d.procedure_id == procedures.c.id)
        group_by = [procedures.c.id, procedures.c.code, procedures.c.name]
    query = (
        select(*keys, count, base)
        .select_from(source)
        # Both counts lie within the base: only its rows are read (the open ones through
        # the index on open dossiers, not every dossier ever received).
        .where(_selection(engine, filt, d), within)
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
    rows = _rows(engine, filt)
    reason = func.nullif(func.trim(rows.c.late_reason), "")
    count = func.count().label("count")
    query = (
        select(reason.label("reason"), count)
        .where(_selection(engine, filt, rows.c), state_condition(filt, rows.c))
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
