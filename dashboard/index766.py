"""The 766 estimate by unit (data-contract.md, "The 766 index, estimated from the
one-stop's own rows"): each group's ratio and points, the estimate out of the points
that could be computed, never out of 100 and never the official score.

The counts come from queries (queries.form06a for progress, queries.index766,
queries.satisfaction), by receiving unit; they are summed by today's units
(dashboard.unit_reading) before any ratio, so that a commune merged mid-month counts
once, under today's unit. The weights and thresholds are dashboard.index766_formula's.
One code for the page and for `kpis --topic 766`.
"""

from datetime import date

import pandas as pd
from sqlalchemy.engine import Engine

from dashboard import fmt
from dashboard.index766_formula import KEYS, Formula, load_formula
from dashboard.unit_reading import DEFAULT, reading_map, regrouped
from queries import index766, satisfaction
from queries.cohort import unit_groups, unit_rows
from queries.contract import RATING_LEVELS, RECEIVING_KINDS
from queries.form06a import form06a_by_unit
from queries.period import Period
from queries.ratios import rate

# Each key's counts: `<key>_num` of `<key>_den`.
COUNTS = tuple(f"{key}_{part}" for key in KEYS for part in ("num", "den"))
# Of progress_num, the dossiers that fall due before the month ends (queries.index766).
DUE = "progress_due"
# The groups whose counts need an optional dossier column (queries.index766).
NEEDS_COLUMN = {"result_digital": "result_digitised", "components_digital": "components_digitised"}


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


def index766_counts(engine: Engine, period: Period, units: str = DEFAULT) -> pd.DataFrame:
    """One row per receiving unit (`group`, `name`, by the `units` reading), each key's
    counts COUNTS, then DUE (of the dossiers within time at the period's end, those due
    before the end of the month of its last day); a count whose column the database
    lacks is missing (NA), never 0."""
    form = form06a_by_unit(engine, period)
    progress = form.assign(progress_num=form["c8"] + form["c9"] + form["c12"])
    progress = progress.rename(columns={"c3": "progress_den"})
    due = index766.due_counts(engine, period, next_month_start(period.end))
    by_id = (
        progress[["key", "progress_num", "progress_den"]]
        .merge(index766.received_counts(engine, period), on="key", how="outer")
        .merge(index766.resolved_counts(engine, period), on="key", how="outer")
        .merge(due, on="key", how="outer")
    )
    absent = {f"{key}_{part}" for key in absent_keys(engine) for part in ("num", "den")}
    dossier_counts = [c for c in (*COUNTS, DUE) if c in by_id.columns and c not in absent]
    by_id[dossier_counts] = by_id[dossier_counts].fillna(0).astype("int64")
    rows = unit_rows(engine, RECEIVING_KINDS, by_id["key"])
    by_id["group"] = unit_groups(rows, by_id["key"])
    summed = by_id.groupby("group")[dossier_counts].sum().reset_index()
    frame = rows[["group", "name"]].merge(summed, on="group", how="left")
    frame[dossier_counts] = frame[dossier_counts].fillna(0).astype("int64")

    ratings = satisfaction.satisfaction_by_unit(engine, period)
    ratings = ratings.assign(
        satisfaction_num=ratings["very_satisfied"] + ratings["satisfied"],
        satisfaction_den=ratings[list(RATING_LEVELS)].sum(axis=1),
    )[["group", "satisfaction_num", "satisfaction_den"]]
    frame = frame.merge(ratings, on="group", how="left")
    present = [*dossier_counts, "satisfaction_num", "satisfaction_den"]
    frame[present] = frame[present].fillna(0).astype("int64")
    # Summed by today's units before any ratio (a merged commune counts once).
    frame = regrouped(frame, reading_map(engine, units), present)
    missing = {name: pd.Series(pd.NA, index=frame.index, dtype="Int64") for name in absent}
    return frame.assign(**missing)[["group", "name", *COUNTS, DUE]]


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
