"""The chairman's weekly overview, assembled: one week's KPIs by receiving unit, against
the week before and against each unit's own last 12 weeks.

KPIs (docs/decisions.md, "Weekly overview"):
- received, online_rate, on_time_rate, resolved_late: the cohort of the week
  (received in it, states as of its end), as everywhere else in the app;
- overdue_now: the backlog, every dossier open and overdue at the week's end
  whenever it was received (not just the week's cohort);
- satisfaction_rate: ratings given in the week.
A week still in progress ends at the last day of data, and is compared with the
same days of the week before. Rates come from the KPI registry (dashboard.kpi).
"""

from dataclasses import dataclass
from datetime import timedelta

import pandas as pd
from sqlalchemy.engine import Engine

from dashboard.kpi import with_rates
from dashboard.totals import total_row
from queries.backlog import overdue_backlog
from queries.cohort import COUNTS as COHORT_COUNTS
from queries.cohort import cohort_by, cohort_series
from queries.connection import missing_tables
from queries.contract import RATING_LEVELS, RECEIVING_KINDS
from queries.period import Period, midnight, week_before
from queries.satisfaction import satisfaction_by_unit, satisfaction_series
from queries.week import COUNTS as FLOW_COUNTS
from queries.week import week_flow

WEEKS = 12
# The overview's KPIs, in the order of its tiles and ranking columns.
KPIS = (
    "received",
    "online_rate",
    "on_time_rate",
    "resolved_late",
    "overdue_now",
    "satisfaction_rate",
)

# What `kpis --week` prints for each group, in the contract's order ("The week").
WEEK_KEYS = (*FLOW_COUNTS, "on_time_rate", "online_rate", "satisfaction_rate")
WEEK_GROUPS = ("unit", "kind")


def by_group(flow: pd.DataFrame, group: str = "unit") -> pd.DataFrame:
    """A week's flow (queries.week) by receiving unit, or by unit kind (district one-stop,
    communes, in that order), counts summed, with the registry's rates."""
    if group not in WEEK_GROUPS:
        raise ValueError(f"unknown group {group!r}; expected one of {WEEK_GROUPS}")
    counts = [*FLOW_COUNTS, *RATING_LEVELS]
    if group == "kind":
        sums = flow.groupby("kind")[counts].sum()
        flow = sums.reindex(RECEIVING_KINDS, fill_value=0).rename_axis("group").reset_index()
    return with_rates(flow.reset_index(drop=True))


def week_kpis(engine: Engine, week: Period, group: str = "unit") -> pd.DataFrame:
    """`python -m dashboard kpis --week`: one row per group, `group` and WEEK_KEYS."""
    return by_group(week_flow(engine, week), group)[["group", *WEEK_KEYS]]


def _ratings(engine: Engine, period: Period, has_ratings: bool) -> pd.DataFrame:
    if not has_ratings:
        return pd.DataFrame(columns=["group", *RATING_LEVELS])
    return satisfaction_by_unit(engine, period)[["group", *RATING_LEVELS]]


def _with_ratings(frame: pd.DataFrame, ratings: pd.DataFrame) -> pd.DataFrame:
    frame = frame.merge(ratings, on="group", how="left")
    frame[list(RATING_LEVELS)] = frame[list(RATING_LEVELS)].fillna(0).astype("int64")
    return with_rates(frame)


def unit_week(frame: pd.DataFrame, backlog: pd.Series, ratings: pd.DataFrame) -> pd.DataFrame:
    """The cohort rows of receiving units with the backlog and satisfaction beside them."""
    frame = frame.assign(overdue_now=frame["group"].map(backlog).fillna(0).astype("int64"))
    return _with_ratings(frame, ratings)


def _averages(series: pd.DataFrame, backlog: pd.DataFrame, ratings: pd.DataFrame):
    """Each unit's own last weeks: rates over the pooled counts, counts as weekly means."""
    weeks = series["period"].nunique()
    sums = series.groupby("group")[list(COHORT_COUNTS)].sum().reset_index()
    # Rates over the pooled counts first (ratings joined), then the counts as means.
    frame = _with_ratings(sums, ratings)
    frame["received"] = frame["received"] / weeks
    frame["resolved_late"] = frame["resolved_late"] / weeks
    frame["overdue_now"] = frame["group"].map(backlog.groupby("group")["overdue_now"].mean())
    return frame[["group", *KPIS]]


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
    week_ends = [midnight(week.start - timedelta(weeks=n)) for n in range(WEEKS - 1, -1, -1)]
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
    weekly = with_rates(series.groupby("period")[list(COHORT_COUNTS)].sum().reset_index())
    ends = backlog.groupby("as_of")["overdue_now"].sum()
    weekly["overdue_now"] = [
        ends[min(midnight(monday + timedelta(days=7)), week.as_of)] for monday in weekly["period"]
    ]
    weekly["satisfaction_rate"] = float("nan")
    if has_ratings:
        shown = Period(weekly["period"].min(), week.end)
        rated = with_rates(satisfaction_series(engine, shown, "week")).set_index("period")
        weekly["satisfaction_rate"] = weekly["period"].map(rated["satisfaction_rate"])
    return weekly[["period", *KPIS]]
