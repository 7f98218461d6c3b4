"""The cohort view: of the dossiers received in a period, what became of them.

Definitions: data-contract.md, "The cohort view". Each figure is a count of
dossiers with `received_at` in the period, their state taken as of midnight
after the period's last day (for a series: after each bucket's last day).
"""

import pandas as pd
from sqlalchemy import and_, case, func, or_, select, text
from sqlalchemy.engine import Engine

from queries.contract import (
    ENDED_STATUSES,
    HANDLING_KINDS,
    OPEN_STATUS_SQL,
    RECEIVING_KINDS,
    distinct_units,
    dossiers,
    listed_kinds,
    unit_name,
)
from queries.dialect import (
    bucket_end,
    comparable_ts,
    day_of,
    earliest,
    moment,
    month_start,
    week_start,
)
from queries.period import Period
from queries.scope import ids as scope_ids
from queries.scope import within

GROUPS = ("unit", "kind", "handling")
# The cohort's counts, in the contract's order: the column names every cohort frame carries.
COUNTS = (
    "received",
    "received_online",
    "finished",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "withdrawn",
    "open",
    "open_overdue",
)
FREQUENCIES = ("week", "month")
# The `group` of the row for dossiers whose unit is in no row of `units` (or none at all):
# kept in every table by unit so that its total holds them; dashboard.figures names it.
UNKNOWN_UNIT = "?"


def count_where(condition):
    """How many rows of the group meet `condition` (a SQL count; 0, never NULL, for none)."""
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


# The conditions below read `d`, the dossiers' columns by default: a statement over some of
# the dossiers (the backlog's candidates, the late list's dossiers open at a period's end)
# passes their columns, and is written over them rather than rewritten afterwards.


def not_paused(d=dossiers.c):
    """The dossier's clock runs: its status is not `paused` (a NULL status counts as running,
    like any status outside the contract: such a dossier is open, docs/decisions.md)."""
    return or_(d.status.is_(None), d.status != "paused")


def done(d=dossiers.c):
    """Finished: resolved or refused."""
    return d.status.in_(("resolved", "refused"))


DONE = done()


def outcomes(d=dossiers.c) -> dict:
    """How a finished dossier ended by its dates alone, whatever the moment: `early`,
    `on_time`, `late` as SQL conditions (data-contract.md; a row with odd dates may meet two,
    and is then counted in both, as the contract's definitions say)."""
    finished_at, due_at = comparable_ts(d.finished_at), comparable_ts(d.due_at)
    return {
        "early": day_of(d.finished_at) < day_of(d.due_at),
        "on_time": and_(finished_at <= due_at, day_of(d.finished_at) >= day_of(d.due_at)),
        "late": finished_at > due_at,
    }


def dossier_states(as_of, d=dossiers.c) -> dict:
    """The cohort states of a dossier as of `as_of` (a SQL value), as named SQL conditions.

    `finished`, `early`, `on_time`, `late`, `withdrawn`, `open`, `overdue`: the
    definitions of data-contract.md, shared by the counts and the dossier lists.
    """
    finished = and_(done(d), d.finished_at < as_of)
    outcome = outcomes(d)
    # Neither finished nor withdrawn by as_of, written as the complement of those two so
    # that no dossier falls between them: a NULL or unknown status, or no finished_at, is open.
    still_open = or_(
        d.status.is_(None),
        d.status.not_in(ENDED_STATUSES),
        d.finished_at.is_(None),
        d.finished_at >= as_of,
    )
    return {
        "finished": finished,
        "early": and_(finished, outcome["early"]),
        "on_time": and_(finished, outcome["on_time"]),
        "late": and_(finished, outcome["late"]),
        "withdrawn": and_(d.status == "withdrawn", d.finished_at < as_of),
        "open": still_open,
        "overdue": and_(still_open, d.due_at < as_of, not_paused(d)),
    }


def open_parts(finished_since) -> list:
    """Open at a moment (`dossier_states`' `open`) as three disjoint terms, each found by an
    index rather than by reading every dossier ever received: an open status (as the index
    on open dossiers reads it); an ended status without a finish time; an ended status and
    `finished_since` (a condition on the finish time: from the moment on, or narrower)."""
    d = dossiers.c
    ended = d.status.in_(ENDED_STATUSES)
    return [
        text(f"({OPEN_STATUS_SQL})"),
        and_(ended, d.finished_at.is_(None)),
        and_(ended, finished_since),
    ]


def kpi_columns(as_of) -> list:
    """The count columns of the cohort table, states as of `as_of` (a SQL value)."""
    state = dossier_states(as_of)
    columns = {
        "received": func.count(),
        "received_online": count_where(dossiers.c.channel == "online"),
        "finished": count_where(state["finished"]),
        "resolved_early": count_where(state["early"]),
        "resolved_on_time": count_where(state["on_time"]),
        "resolved_late": count_where(state["late"]),
        "withdrawn": count_where(state["withdrawn"]),
        "open": count_where(state["open"]),
        "open_overdue": count_where(state["overdue"]),
    }
    assert tuple(columns) == COUNTS
    return [expr.label(name) for name, expr in columns.items()]


# A filter by unit: one code, or several (a merged commune and its predecessors, read by
# today's units: dashboard.unit_reading).
Codes = str | tuple[str, ...]


def as_codes(codes: Codes) -> tuple[str, ...]:
    return (codes,) if isinstance(codes, str) else tuple(codes)


def unit_ids(codes: Codes):
    """The ids of the units with these codes, as a subquery."""
    return select(distinct_units.c.id).where(distinct_units.c.code.in_(as_codes(codes)))


def received_in(period: Period, received_unit: Codes | None = None, scope=None, d=dossiers.c):
    """Dossiers received in the period (by the units with codes `received_unit`, if given;
    by a unit of the scope's ids `scope`, if given: queries.scope)."""
    conditions = [
        d.received_at >= moment(period.start_at),
        d.received_at < moment(period.as_of),
        *within(scope, d.received_unit_id),
    ]
    if received_unit is not None:
        conditions.append(d.received_unit_id.in_(unit_ids(received_unit)))
    return and_(*conditions)


def unit_list(engine: Engine, kinds: tuple[str, ...], also: tuple[int, ...] = ()) -> pd.DataFrame:
    """The units of `kinds`, and those with an id in `also` whatever their kind, as reports
    list them: columns `id`, `group` (code), `name`, `kind`. In a scope, the units of
    `kinds` are its own (queries.scope)."""
    listed = and_(distinct_units.c.kind.in_(kinds), *within(scope_ids(engine), distinct_units.c.id))
    query = (
        select(
            distinct_units.c.id,
            distinct_units.c.code.label("group"),
            unit_name().label("name"),
            distinct_units.c.kind,
        )
        .where(or_(listed, distinct_units.c.id.in_(also)))
        # The province centre, its branches, the district one-stop, departments, then
        # communes: as reports list them.
        .order_by(
            case(
                (distinct_units.c.kind == "province", 0),
                (distinct_units.c.kind == "branch", 1),
                (distinct_units.c.kind == "district", 2),
                (distinct_units.c.kind == "department", 3),
                else_=4,
            ),
            distinct_units.c.code,
        )
    )
    with engine.connect() as conn:
        return pd.read_sql(query, conn)


def unit_named(engine: Engine, code: str) -> str | None:
    """The name of the unit whose code is exactly `code`, whatever its kind; None if none."""
    query = select(unit_name()).where(distinct_units.c.code == code)
    with engine.connect() as conn:
        return conn.execute(query).scalars().first()


def unit_rows(engine: Engine, kinds: tuple[str, ...], ids: pd.Series) -> pd.DataFrame:
    """The rows of a table by unit, so that no dossier leaves it: the units of `kinds`
    (zeros included), any other unit among `ids` (a unit of another kind that still received
    or handled dossiers), and a last row `group` UNKNOWN_UNIT (no id, no name) when one of
    `ids` (NULL included) is in no unit at all. Columns `id`, `group`, `name`, `kind`."""
    present = tuple(sorted({int(i) for i in ids.dropna()}))
    rows = unit_list(engine, kinds, present)
    if not ids.isin(rows["id"]).all():
        unknown = pd.DataFrame({"id": [None], "group": [UNKNOWN_UNIT], "name": [None]})
        rows = pd.concat([rows, unknown.assign(kind=None)], ignore_index=True)
    return rows


def unit_groups(rows: pd.DataFrame, ids: pd.Series) -> pd.Series:
    """Each unit id's `group` among `rows` (unit_rows): its code, else UNKNOWN_UNIT."""
    codes = ids.map(dict(zip(rows["id"].dropna(), rows["group"], strict=False)))
    return codes.fillna(UNKNOWN_UNIT)


def _fill_zeros(frame: pd.DataFrame) -> pd.DataFrame:
    frame[list(COUNTS)] = frame[list(COUNTS)].fillna(0).astype("int64")
    return frame


def cohort_by(
    engine: Engine, period: Period, group: str = "unit", received_unit: Codes | None = None
) -> pd.DataFrame:
    """One row per receiving unit, unit kind or handling unit, zeros included.

    Columns: `group` (unit code or kind), `name` (the unit's; none for a kind or for
    dossiers no office handles yet), the cohort COUNTS. Rates: dashboard.kpi.
    """
    if group not in GROUPS:
        raise ValueError(f"unknown group {group!r}; expected one of {GROUPS}")
    if group == "kind":
        # Outer: a dossier of a unit missing from `units` still has a row (UNKNOWN_UNIT).
        key = distinct_units.c.kind
        query = select(key.label("key"), *kpi_columns(moment(period.as_of))).select_from(
            dossiers.outerjoin(distinct_units, dossiers.c.received_unit_id == distinct_units.c.id)
        )
    else:
        key = dossiers.c.received_unit_id if group == "unit" else dossiers.c.handling_unit_id
        query = select(key.label("key"), *kpi_columns(moment(period.as_of)))
    scope = scope_ids(engine)
    if group == "handling":  # in a scope: received or handled in it (queries.scope)
        d = dossiers.c
        where = [received_in(period, received_unit), *within(scope, d.received_unit_id, key)]
    else:
        where = [received_in(period, received_unit, scope)]
    query = query.where(*where).group_by(key)
    with engine.connect() as conn:
        counts = pd.read_sql(query, conn)

    if group == "kind":
        # A kind has no name in the data: the caller names it (dashboard.labels). Dossiers
        # of a unit of another kind, or of none, share the row UNKNOWN_UNIT.
        counts["group"] = counts["key"].where(counts["key"].isin(RECEIVING_KINDS), UNKNOWN_UNIT)
        kinds = [*listed_kinds(counts["group"]), *({UNKNOWN_UNIT} & set(counts["group"]))]
        frame = pd.DataFrame({"group": kinds, "name": None}).merge(_summed(counts), how="left")
        return _fill_zeros(frame[["group", "name", *COUNTS]].reset_index(drop=True))
    return _by_unit(engine, counts, group, received_unit)


def cohort_units_and_weeks(
    engine: Engine, period: Period
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The units view's figures from one pass over the period: `cohort_by(…, "unit")` and
    `cohort_by(…, "handling")` (states as of the period's end) and `cohort_series(…,
    "week")` (each week's states as of its end). The counts by receiving unit, handling
    unit and week of receipt, both ways (a few thousand groups), are summed each way. In a
    scope: by handling unit, the dossiers received or handled in it; the others, received
    in it (queries.scope)."""
    return units_and_weeks(engine, period, unit_week_counts(engine, period))


def unit_week_counts(engine: Engine, period: Period) -> pd.DataFrame:
    """The period's counts by receiving unit, handling unit and week of receipt, read live:
    what `units_and_weeks` sums (its `everything`)."""
    d = dossiers.c
    scope = scope_ids(engine)
    week = week_start(d.received_at)
    week_as_of = earliest(bucket_end(d.received_at, "week"), moment(period.as_of))
    weekly_columns = [c.element.label(f"week_{c.name}") for c in kpi_columns(week_as_of)]
    query = (
        select(
            d.received_unit_id.label("receiving"),
            d.handling_unit_id.label("handling"),
            week.label("period"),
            *kpi_columns(moment(period.as_of)),
            *weekly_columns,
        )
        .where(received_in(period, None), *within(scope, d.received_unit_id, d.handling_unit_id))
        .group_by(d.received_unit_id, d.handling_unit_id, week)
    )
    with engine.connect() as conn:
        return pd.read_sql(query, conn)


def units_and_weeks(
    engine: Engine, period: Period, everything: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """`cohort_units_and_weeks` from the period's counts by receiving unit, handling unit
    and week of receipt (columns `receiving`, `handling`, `period`, COUNTS as of the
    period's end, `week_` COUNTS as of each week's end), read live or kept by the dashboard
    (queries/cohort_days.py); in a scope, rows neither received nor handled in it are left
    out here."""
    scope = scope_ids(engine)
    if scope is not None:
        inside = everything["receiving"].isin(scope) | everything["handling"].isin(scope)
        everything = everything[inside]
    received = everything if scope is None else everything[everything["receiving"].isin(scope)]

    def summed_by(groups: pd.DataFrame, column: str) -> pd.DataFrame:
        by = groups.groupby(column, dropna=False)[list(COUNTS)].sum().reset_index()
        return by.rename(columns={column: "key"})

    weekly = received.groupby("period")[[f"week_{name}" for name in COUNTS]].sum()
    weekly = weekly.rename(columns=lambda name: name.removeprefix("week_")).reset_index()
    weekly["period"] = pd.to_datetime(weekly["period"]).dt.date
    buckets = pd.DataFrame({"period": _buckets(period, "week")})
    return (
        _by_unit(engine, summed_by(received, "receiving"), "unit", None),
        _by_unit(engine, summed_by(everything, "handling"), "handling", None),
        _fill_zeros(buckets.merge(weekly, on="period", how="left")),
    )


def _by_unit(
    engine: Engine, counts: pd.DataFrame, group: str, received_unit: Codes | None
) -> pd.DataFrame:
    """The rows of `cohort_by` by receiving (`unit`) or handling unit, from counts by unit id
    (`key`)."""
    kinds = RECEIVING_KINDS if group == "unit" else HANDLING_KINDS
    # Dossiers no office handles yet (no handling unit) are not of an unknown unit.
    ids = counts["key"] if group == "unit" else counts["key"].dropna()
    rows = unit_rows(engine, kinds, ids)
    counts["group"] = unit_groups(rows, counts["key"])
    if group == "handling":
        counts.loc[counts["key"].isna(), "group"] = None
    frame = rows.merge(_summed(counts), on="group", how="left")
    unassigned = counts[counts["group"].isna()]
    if not unassigned.empty:
        # Dossiers no office handles yet: a row with neither code nor name.
        frame = pd.concat(
            [frame, _summed(unassigned).assign(group=None, name=None)], ignore_index=True
        )
    if received_unit is not None and group == "unit":
        frame = frame[frame["group"].isin(as_codes(received_unit))]
    return _fill_zeros(frame[["group", "name", *COUNTS]].reset_index(drop=True))


def _summed(counts: pd.DataFrame) -> pd.DataFrame:
    """The counts added up by `group` (NULL kept as a group of its own; codes, even when
    there are none: a scope with no receiving unit)."""
    summed = counts.groupby("group", dropna=False)[list(COUNTS)].sum().reset_index()
    return summed.astype({"group": object})


def cohort_series(
    engine: Engine,
    period: Period,
    freq: str = "week",
    received_unit: Codes | None = None,
    by_unit: bool = False,
) -> pd.DataFrame:
    """One row per week (Monday) or month (first day) of receipt, gaps filled with zeros.

    Each bucket's states are taken as of the end of that bucket (or of the
    period, if sooner), so a point shows what choosing that week alone shows.
    With `by_unit`, one row per receiving unit and bucket (`group` = unit code).
    """
    if freq not in FREQUENCIES:
        raise ValueError(f"unknown frequency {freq!r}; expected one of {FREQUENCIES}")
    bucket = (week_start if freq == "week" else month_start)(dossiers.c.received_at)
    as_of = earliest(bucket_end(dossiers.c.received_at, freq), moment(period.as_of))
    keys = [bucket.label("period")]
    if by_unit:
        keys.append(distinct_units.c.code.label("group"))
    query = (
        select(*keys, *kpi_columns(as_of))
        .select_from(
            dossiers.outerjoin(distinct_units, dossiers.c.received_unit_id == distinct_units.c.id)
        )
        .where(received_in(period, received_unit, scope_ids(engine)))
        .group_by(*[key.element for key in keys])
    )
    with engine.connect() as conn:
        counts = pd.read_sql(query, conn)
    counts["period"] = pd.to_datetime(counts["period"]).dt.date

    buckets = _buckets(period, freq)
    if by_unit:
        codes = unit_list(engine, RECEIVING_KINDS)["group"]
        if received_unit is not None:
            codes = codes[codes.isin(as_codes(received_unit))]
        grid = pd.MultiIndex.from_product([buckets, codes], names=["period", "group"])
        frame = grid.to_frame(index=False).merge(counts, on=["period", "group"], how="left")
    else:
        frame = pd.DataFrame({"period": buckets}).merge(counts, on="period", how="left")
    return _fill_zeros(frame)


def _buckets(period: Period, freq: str) -> list:
    first = pd.Timestamp(period.start)
    last = pd.Timestamp(period.end)
    if freq == "week":
        first -= pd.Timedelta(days=first.weekday())
        return [d.date() for d in pd.date_range(first, last, freq="7D")]
    return [d.date() for d in pd.date_range(first.replace(day=1), last, freq="MS")]
