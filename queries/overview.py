"""The chairman's weekly overview: one week's KPIs by receiving unit, against the week
before and against each unit's own last 12 weeks.

KPIs (docs/decisions.md, "Weekly overview"):
- received, online_rate, on_time_rate, resolved_late: the cohort of the week
  (received in it, states as of its end), as everywhere else in the app;
- overdue_now: the backlog, every dossier open and overdue at the week's end
  whenever it was received (not just the week's cohort);
- satisfaction_rate: ratings given in the week.
A week still in progress ends at the last day of data, and is compared with the
same days of the week before.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import pandas as pd
from sqlalchemy import and_, literal, select
from sqlalchemy.engine import Engine

from dashboard.contract import RECEIVING_KINDS, Timestamp, dossiers
from dashboard.db import missing_tables
from dashboard.kpi import COHORT_COUNTS, add_cohort_rates, add_satisfaction_rate
from queries.cohort import cohort_by, cohort_series, count_where, dossier_states, unit_list
from queries.period import Period
from queries.satisfaction import satisfaction_by_unit, satisfaction_series

WEEKS = 12
KPIS = (
    "received",
    "online_rate",
    "on_time_rate",
    "resolved_late",
    "overdue_now",
    "satisfaction_rate",
)
RATING_COUNTS = ("very_satisfied", "satisfied", "dissatisfied")


def week_of(day: date, last_day: date) -> Period:
    """The ISO week containing `day`, cut at `last_day` (the last day of data) if sooner."""
    monday = day - timedelta(days=day.weekday())
    return Period(monday, min(monday + timedelta(days=6), last_day))


def last_complete_week(last_day: date) -> Period:
    """The latest Monday-to-Sunday week that the data covers to its end."""
    sunday = last_day - timedelta(days=(last_day.weekday() + 1) % 7)
    return week_of(sunday, last_day)


def _midnight(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time())


def week_before(week: Period) -> Period:
    """The same days one week earlier (a whole week for a whole week)."""
    return Period(week.start - timedelta(days=7), week.end - timedelta(days=7))


def overdue_backlog(engine: Engine, moments: list[datetime]) -> pd.DataFrame:
    """Dossiers open and overdue at each moment, whatever their receipt date.

    One row per receiving unit and moment: `group`, `as_of`, `overdue_now`.
    One pass over the table: one conditional count per moment.
    """
    d = dossiers.c
    counts = []
    for index, moment in enumerate(moments):
        as_of = literal(moment, Timestamp())
        overdue = and_(d.received_at < as_of, dossier_states(as_of)["overdue"])
        counts.append(count_where(overdue).label(f"m{index}"))
    first, last = (literal(m, Timestamp()) for m in (min(moments), max(moments)))
    # Only dossiers that can be overdue at one of the moments at all.
    candidates = and_(
        d.received_at < last, d.due_at < last, d.status != "paused", dossier_states(first)["open"]
    )
    query = select(d.received_unit_id.label("id"), *counts).where(candidates)
    query = query.group_by(d.received_unit_id)
    with engine.connect() as conn:
        found = pd.read_sql(query, conn)
    found = found.melt(id_vars="id", var_name="moment", value_name="overdue_now")
    found["as_of"] = found["moment"].map(lambda m: moments[int(m[1:])])
    grid = unit_list(engine, RECEIVING_KINDS)[["id", "group"]].merge(
        pd.DataFrame({"as_of": moments}), how="cross"
    )
    frame = grid.merge(found[["id", "as_of", "overdue_now"]], on=["id", "as_of"], how="left")
    frame["overdue_now"] = frame["overdue_now"].fillna(0).astype("int64")
    return frame[["group", "as_of", "overdue_now"]]


def _ratings(engine: Engine, period: Period, has_ratings: bool) -> pd.DataFrame:
    if not has_ratings:
        return pd.DataFrame(columns=["group", *RATING_COUNTS])
    return satisfaction_by_unit(engine, period)[["group", *RATING_COUNTS]]


def _with_ratings(frame: pd.DataFrame, ratings: pd.DataFrame) -> pd.DataFrame:
    frame = frame.merge(ratings, on="group", how="left")
    frame[list(RATING_COUNTS)] = frame[list(RATING_COUNTS)].fillna(0).astype("int64")
    return add_satisfaction_rate(frame)


def unit_week(frame: pd.DataFrame, backlog: pd.Series, ratings: pd.DataFrame) -> pd.DataFrame:
    """The cohort rows of receiving units with the backlog and satisfaction beside them."""
    frame = frame.assign(overdue_now=frame["group"].map(backlog).fillna(0).astype("int64"))
    return _with_ratings(frame, ratings)


TOTAL = "ALL"


def total_row(frame: pd.DataFrame) -> pd.DataFrame:
    """One row (`group` = TOTAL) adding up the units' counts, rates recomputed from the sums."""
    counts = [*COHORT_COUNTS, "overdue_now", *RATING_COUNTS]
    total = pd.DataFrame([{"group": TOTAL, **frame[counts].sum()}])
    return add_satisfaction_rate(add_cohort_rates(total))


def _averages(series: pd.DataFrame, backlog: pd.DataFrame, ratings: pd.DataFrame):
    """Each unit's own last weeks: rates over the pooled counts, counts as weekly means."""
    weeks = series["period"].nunique()
    sums = series.groupby("group")[list(COHORT_COUNTS)].sum().reset_index()
    frame = add_cohort_rates(sums)
    frame["received"] = frame["received"] / weeks
    frame["resolved_late"] = frame["resolved_late"] / weeks
    frame["overdue_now"] = frame["group"].map(backlog.groupby("group")["overdue_now"].mean())
    return _with_ratings(frame, ratings)[["group", *KPIS]]


@dataclass(frozen=True)
class WeekOverview:
    week: Period
    previous: Period
    units: pd.DataFrame  # the week, one row per receiving unit (district first), with KPIS
    total: pd.DataFrame  # one row: all receiving units together
    previous_total: pd.DataFrame  # one row: the week before, all together
    averages: pd.DataFrame  # per unit (`group`), the KPIS over the WEEKS weeks before
    trend: pd.DataFrame  # all units, one row per week (`period` = Monday), the last WEEKS
    has_ratings: bool


def week_overview(engine: Engine, week: Period) -> WeekOverview:
    """Everything the weekly overview shows, for `week` (see week_of)."""
    previous = week_before(week)
    history = Period(week.start - timedelta(weeks=WEEKS), week.end)
    has_ratings = not missing_tables(engine, ["ratings"])

    # The backlog at the end of each of the WEEKS weeks before this one (each ends at the
    # next Monday's midnight), at the end of the comparison week and of this one.
    week_ends = [_midnight(week.start - timedelta(weeks=n)) for n in range(WEEKS - 1, -1, -1)]
    backlog = overdue_backlog(engine, sorted({*week_ends, previous.as_of, week.as_of}))
    at = backlog.set_index(["as_of", "group"])["overdue_now"]

    def by_unit(period: Period) -> pd.DataFrame:
        ratings = _ratings(engine, period, has_ratings)
        return unit_week(cohort_by(engine, period, "unit"), at[period.as_of], ratings)

    units, before = by_unit(week), by_unit(previous)
    series = cohort_series(engine, history, "week", by_unit=True)
    prior_weeks = Period(history.start, week.start - timedelta(days=1))
    averages = _averages(
        series[series["period"] < week.start],
        backlog[backlog["as_of"].isin(week_ends)],
        _ratings(engine, prior_weeks, has_ratings),
    )
    shown = series[series["period"] > history.start]
    trend = _trend(engine, shown, backlog, week, has_ratings)
    return WeekOverview(
        week, previous, units, total_row(units), total_row(before), averages, trend, has_ratings
    )


def _trend(engine, series, backlog, week: Period, has_ratings: bool) -> pd.DataFrame:
    """All units together, week by week: cohort KPIs, the backlog at each week's end and
    satisfaction (missing for a week without ratings)."""
    weekly = add_cohort_rates(series.groupby("period")[list(COHORT_COUNTS)].sum().reset_index())
    ends = backlog.groupby("as_of")["overdue_now"].sum()
    weekly["overdue_now"] = [
        ends[min(_midnight(monday + timedelta(days=7)), week.as_of)] for monday in weekly["period"]
    ]
    weekly["satisfaction_rate"] = float("nan")
    if has_ratings:
        shown = Period(weekly["period"].min(), week.end)
        rated = satisfaction_series(engine, shown, "week").set_index("period")
        weekly["satisfaction_rate"] = weekly["period"].map(rated["satisfaction_rate"])
    return weekly[["period", *KPIS]]
