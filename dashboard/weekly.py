"""The chairman's week, assembled from the week as a flow (data-contract.md, "The week").

For one week by receiving unit: what was received, what was finished (in time
or late, whenever received) and what was open and overdue at the week's end,
with the week's satisfaction; against the week before and against each unit's
own last 12 weeks; and the 12-week trend of the whole district. A week still
running ends at the last day of data and is compared with the same days of the
week before. The overview, `kpis --week` and the briefing all read it here.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

import pandas as pd
from sqlalchemy.engine import Engine

from dashboard.figures import named_kinds, named_units
from dashboard.kpi import with_rates
from dashboard.totals import total_row
from dashboard.unit_reading import DEFAULT, in_service, reading_map, regrouped
from queries.cohort import UNKNOWN_UNIT
from queries.connection import missing_tables
from queries.contract import RATING_LEVELS, RECEIVING_KINDS, listed_kinds
from queries.meta import last_receipt_before
from queries.period import Period, last_complete_week, midnight, week_before, week_of
from queries.week import COUNTS as FLOW_COUNTS
from queries.week import week_flow

WEEKS = 12
# The overview's KPIs, in the order of its tiles.
KPIS = (
    "received",
    "online_rate",
    "on_time_rate",
    "finished_late",
    "overdue_open",
    "satisfaction_rate",
)
# The overview's tiles and the first slide's figures: the KPIs and the week's finished
# dossiers beside what was received.
TILES = (KPIS[0], "finished", *KPIS[1:])
# The ranking's columns: the tiles' KPIs and the week's finished dossiers beside them.
RANKING = ("received", "online_rate", "finished", *KPIS[2:])
# What `kpis --week` prints for each group, in the contract's order ("The week").
WEEK_KEYS = (*FLOW_COUNTS, "on_time_rate", "online_rate", "satisfaction_rate")
WEEK_GROUPS = ("unit", "kind")
COUNTS = (*FLOW_COUNTS, *RATING_LEVELS)


def by_group(flow: pd.DataFrame, group: str = "unit") -> pd.DataFrame:
    """A week's flow (queries.week) by receiving unit, or by unit kind (district one-stop,
    communes, in that order), counts summed, with the registry's rates."""
    if group not in WEEK_GROUPS:
        raise ValueError(f"unknown group {group!r}; expected one of {WEEK_GROUPS}")
    if group == "kind":
        # A unit of another kind, or missing from `units`: the row UNKNOWN_UNIT, after them.
        kind = flow["kind"].where(flow["kind"].isin(RECEIVING_KINDS), UNKNOWN_UNIT)
        sums = flow.groupby(kind)[list(COUNTS)].sum()
        kinds = [*listed_kinds(kind), *({UNKNOWN_UNIT} & set(kind))]
        flow = sums.reindex(kinds, fill_value=0).rename_axis("group").reset_index()
        return with_rates(named_kinds(flow))
    return with_rates(named_units(flow.reset_index(drop=True)))


def flow_by_unit(engine: Engine, span: Period, units: str = DEFAULT) -> pd.DataFrame:
    """queries.week.week_flow in the reading `units` (dashboard.unit_reading): by today's
    units a merged commune's weeks before the date are its predecessors' summed."""
    flow = week_flow(engine, span)
    return regrouped(flow, reading_map(engine, units), COUNTS, by=("week", "end"))


def week_kpis(
    engine: Engine, week: Period, group: str = "unit", units: str = DEFAULT
) -> pd.DataFrame:
    """`python -m dashboard kpis --week`: one row per group, `group` and WEEK_KEYS."""
    return by_group(flow_by_unit(engine, week, units), group)[["group", *WEEK_KEYS]]


def default_week(engine: Engine, last_day: date) -> Period:
    """The week every page, the slides and `brief` open on: the last calendar week that
    ended by the last day of data and in which dossiers were received (data that stop on a
    Wednesday open on the week before; a quiet tail of weeks with only finishes is skipped)."""
    complete = last_complete_week(last_day)
    if complete.end - complete.start < timedelta(days=6):  # the data start mid-week
        return complete
    received = last_receipt_before(engine, midnight(complete.end + timedelta(days=1)))
    if received is None:
        return complete
    return week_of(received.date(), last_day)


def _averages(prior: pd.DataFrame) -> pd.DataFrame:
    """Each unit over its weeks in `prior`: rates over the pooled counts, counts as weekly
    means (the backlog too: the mean of its week ends)."""
    weeks = max(prior["week"].nunique(), 1)
    sums = prior.groupby("group")[list(COUNTS)].sum().reset_index()
    frame = with_rates(sums)
    for count in FLOW_COUNTS:
        frame[count] = frame[count] / weeks
    return frame


def _trend(flow: pd.DataFrame) -> pd.DataFrame:
    """All units together, week by week (`period` = Monday), with the rates; a week
    without a finished dossier or a rating has no rate."""
    weekly = flow.groupby("week")[list(COUNTS)].sum().reset_index()
    return with_rates(weekly.rename(columns={"week": "period"}))


@dataclass(frozen=True)
class WeekOverview:
    week: Period
    previous: Period
    units: pd.DataFrame  # the week by receiving unit in service at its end: counts and rates
    total: pd.DataFrame  # one row: all receiving units together (`ended` included)
    previous_total: pd.DataFrame  # one row: the week before (the same days), all together
    averages: pd.DataFrame  # per unit (`group`), its WEEKS weeks before this one
    trend: pd.DataFrame  # all units, one row per week (`period` = Monday), the last WEEKS
    has_ratings: bool
    # Units no longer in service at the week's end (dissolved, split; merged ones as
    # recorded): never ranked nor among the units needing attention, listed apart.
    ended: pd.DataFrame = field(default_factory=pd.DataFrame)
    reading: str = DEFAULT  # dashboard.unit_reading: the links into the late list keep it


def week_overview(engine: Engine, week: Period, units: str = DEFAULT) -> WeekOverview:
    """Everything the weekly overview and the briefing show for `week`
    (queries.period.week_of: Monday to Sunday, or to the last day of data), by unit in the
    reading `units`."""
    previous = week_before(week)
    flow = flow_by_unit(engine, Period(week.start - timedelta(weeks=WEEKS), week.end), units)
    this = by_group(flow[flow["week"] == week.start])
    serving = in_service(this, reading_map(engine, units), week.end)
    whole_week = (week.end - week.start).days == 6
    before = (
        flow[flow["week"] == previous.start]
        if whole_week
        else flow_by_unit(engine, previous, units)
    )
    prior = flow[flow["week"] < week.start]
    return WeekOverview(
        week=week,
        previous=previous,
        units=this[serving].reset_index(drop=True),
        total=total_row(this),
        previous_total=total_row(by_group(before)),
        averages=_averages(prior),
        trend=_trend(flow[flow["week"] > flow["week"].min()]),
        has_ratings=not missing_tables(engine, ["ratings"]),
        ended=this[~serving].reset_index(drop=True),
        reading=units,
    )
