"""The 766 estimate by unit (data-contract.md, "The 766 index, estimated from the
one-stop's own rows"): each group's ratio and points, the estimate out of the points
that could be computed, never out of 100 and never the official score.

The counts come from queries.index766 (progress by Biểu II.06a's own conditions,
satisfaction by the ratings'), by receiving unit and period; they are summed by today's
units (dashboard.unit_reading) before any ratio, so that a commune merged mid-month
counts once, under today's unit. The weights and thresholds are
dashboard.index766_formula's. One code for the page (a month, or twelve in one pass)
and for `kpis --topic 766`.
"""

from collections.abc import Sequence
from datetime import date

import pandas as pd
from sqlalchemy.engine import Engine

from dashboard import fmt
from dashboard.index766_formula import KEYS, Formula, load_formula
from dashboard.unit_reading import DEFAULT, reading_map, regrouped
from queries import index766
from queries.cohort import unit_groups, unit_rows
from queries.contract import RATING_LEVELS, RECEIVING_KINDS
from queries.period import Period
from queries.ratios import rate

# Each key's counts: `<key>_num` of `<key>_den`.
COUNTS = tuple(f"{key}_{part}" for key in KEYS for part in ("num", "den"))
NEEDS_COLUMN = index766.NEEDS_COLUMN  # the groups whose counts need an optional column
# Of progress_num, the dossiers that fall due before the month ends (queries.index766).
DUE = "progress_due"


def contract_columns() -> list[str]:
    """What `kpis --topic 766` prints per unit, in the contract's order."""
    scored = [f"{key}_{part}" for key in KEYS for part in ("ratio", "score")]
    return ["group", *scored, "estimate", "max_points", "percent"]


def absent_keys(engine: Engine) -> tuple[str, ...]:
    """The groups the database cannot give: their optional column is absent."""
    present = index766.optional_columns(engine)
    return tuple(key for key, column in NEEDS_COLUMN.items() if column not in present)


def not_computed(engine: Engine, formula: Formula | None = None) -> pd.DataFrame:
    """The groups the estimate leaves out, to be named beside it: those the one-stop's rows
    never give and those whose columns the database lacks. Columns `key`, `name`,
    `points`, `note` (the formula's "cần số liệu Cổng DVCQG")."""
    formula = formula or load_formula()
    absent = absent_keys(engine)
    groups = [g for g in formula.computed if g.key in absent] + list(formula.not_computed)
    rows = [(g.key, g.name, g.points, formula.missing_note) for g in groups]
    return pd.DataFrame(rows, columns=["key", "name", "points", "note"])


def next_month_start(day: date) -> date:
    """The first day of the month after `day`'s: the end of "this month"."""
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def period_counts(
    engine: Engine,
    periods: Sequence[Period],
    units: str = DEFAULT,
    extra: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per receiving unit (`group`, `name`, by the `units` reading) and period of
    `periods` (consecutive: queries.index766.checked; `period` its first day), each key's
    counts COUNTS; a count whose column the database lacks is missing (NA), never 0. The
    same four statements for one period or twelve. `extra`: more counts by unit id (`key`)
    and period index (`period`), summed by unit as the others are and given after them."""
    periods = index766.checked(periods)
    by_id = (
        index766.progress_counts(engine, periods)
        .merge(index766.received_counts(engine, periods), on=["key", "period"], how="outer")
        .merge(index766.resolved_counts(engine, periods), on=["key", "period"], how="outer")
    )
    more = [] if extra is None else [c for c in extra.columns if c not in ("key", "period")]
    if more:
        by_id = by_id.merge(extra, on=["key", "period"], how="outer")
    absent = {f"{key}_{part}" for key in absent_keys(engine) for part in ("num", "den")}
    present = [*(c for c in COUNTS if c not in absent), *more]
    rows = unit_rows(engine, RECEIVING_KINDS, by_id["key"])
    by_id["group"] = unit_groups(rows, by_id["key"])
    rated = index766.rating_counts(engine, periods)
    # Only the ratings of the table's units count, as on the satisfaction page by unit.
    rated["group"] = rated["key"].map(dict(zip(rows["id"].dropna(), rows["group"], strict=False)))
    rated = rated.dropna(subset=["group"]).assign(
        satisfaction_num=rated["very_satisfied"] + rated["satisfied"],
        satisfaction_den=rated[list(RATING_LEVELS)].sum(axis=1),
    )
    parts = pd.concat([by_id, rated], ignore_index=True)
    summed = parts.groupby(["group", "period"])[present].sum().reset_index()
    grid = rows[["group", "name"]].merge(pd.DataFrame({"period": range(len(periods))}), how="cross")
    frame = grid.merge(summed, on=["group", "period"], how="left")
    frame[present] = frame[present].fillna(0).astype("int64")
    # Summed by today's units before any ratio (a merged commune counts once).
    frame = regrouped(frame, reading_map(engine, units), present, by=("period",))
    frame["period"] = frame["period"].map(lambda index: periods[index].start)
    missing = {name: pd.Series(pd.NA, index=frame.index, dtype="Int64") for name in absent}
    return frame.assign(**missing)[["period", "group", "name", *COUNTS, *more]]


def index766_counts(engine: Engine, period: Period, units: str = DEFAULT) -> pd.DataFrame:
    """One row per receiving unit (`group`, `name`, by the `units` reading), each key's
    counts COUNTS (period_counts of the one period), then DUE (of the dossiers within
    time at the period's end, those due before the end of the month of its last day)."""
    due = index766.due_counts(engine, period, next_month_start(period.end)).assign(period=0)
    return period_counts(engine, [period], units, extra=due).drop(columns="period")


def scored(counts: pd.DataFrame, formula: Formula) -> pd.DataFrame:
    """`counts` (index766_counts) with each key's `<key>_ratio` (null where its base is 0 or
    its columns absent) and `<key>_score`, then `estimate` (the scores' sum), `max_points`
    (the points of the keys that have a ratio) and `percent` (estimate / max_points)."""
    frame = counts.copy()
    estimate = pd.Series(0.0, index=frame.index)
    max_points = pd.Series(0.0, index=frame.index)
    for group in formula.computed:
        ratio = rate(frame[f"{group.key}_num"], frame[f"{group.key}_den"])
        score = ratio.map(group.score, na_action="ignore")
        frame[f"{group.key}_ratio"], frame[f"{group.key}_score"] = ratio, score
        estimate += score.fillna(0)
        max_points += ratio.notna() * group.points
    frame["estimate"] = estimate.where(max_points > 0)
    frame["max_points"] = max_points
    frame["percent"] = rate(frame["estimate"], max_points)
    return frame


def index766_by_unit(
    engine: Engine, period: Period, units: str = DEFAULT, formula: Formula | None = None
) -> pd.DataFrame:
    """The estimate per receiving unit: `group`, `name`, COUNTS and the scored columns."""
    return scored(index766_counts(engine, period, units), formula or load_formula())


def index766_by_period(
    engine: Engine,
    periods: Sequence[Period],
    units: str = DEFAULT,
    formula: Formula | None = None,
    at_stake: bool = False,
) -> pd.DataFrame:
    """The estimate per receiving unit and period (a page's twelve months, in one pass):
    `period` (its first day), `group`, `name`, COUNTS and the scored columns. `at_stake`:
    DUE too, for the last period only (what its actions need; missing for the others)."""
    extra = None
    if at_stake:
        last = index766.checked(periods)[-1]
        due = index766.due_counts(engine, last, next_month_start(last.end))
        extra = due.assign(period=len(periods) - 1)
    frame = period_counts(engine, periods, units, extra)
    if at_stake:
        frame[DUE] = frame[DUE].astype("Int64").where(frame["period"] == periods[-1].start)
    return scored(frame, formula or load_formula())


def as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """The scored columns as read: ratios and `percent` as percentages (`75,0%`), points
    with two decimals (`4,50`), `max_points` whole, a missing value `–`."""

    def shown(column: str):
        if column.endswith("_ratio") or column == "percent":
            return fmt.percent
        if column.endswith("_score") or column == "estimate":
            return lambda value: fmt.number(value, 2)
        return fmt.number if column == "max_points" else str

    return pd.DataFrame({c: [shown(c)(v) for v in frame[c]] for c in frame.columns})
