"""The query results as the dashboard shows, exports and prints them.

Each function takes an engine first (so `ui.load` can cache it) and returns
what `queries/` returns plus what people need: the registry's rates beside the
counts (dashboard.kpi), names for groups the data does not name (a unit kind,
dossiers no office handles yet), applicants' names masked. The views, the
command line and the exports call these, so they never disagree.
"""

from datetime import date

import pandas as pd
from sqlalchemy.engine import Engine

from dashboard.kpi import rank_officers, with_rates
from dashboard.labels import (
    OTHER_KIND_NAME,
    UNASSIGNED_HANDLING,
    UNIT_KIND_NAMES,
    UNKNOWN_UNIT_NAME,
)
from dashboard.masking import mask_name
from dashboard.totals import with_total
from queries import adoption, cashless, cohort, form06a, late, ocop, satisfaction
from queries.cashless import (  # noqa: F401  (the cashless view's figures, as they are)
    cashless_by_kind,
    cashless_months,
    facility_list,
)
from queries.form06a import receiving_units  # noqa: F401  (the form's scopes)
from queries.late import (  # noqa: F401  (the late view's terms and counts, as they are)
    BASES,
    MAX_SOON_DAYS,
    PAGE_SIZE,
    STATES,
    LateFilter,
    filter_options,
    late_count,
    late_extreme_days,
    late_reasons,
)
from queries.ocop import (  # noqa: F401  (the OCOP view's figures, as they are)
    listing_by_platform,
    products_by_stars,
    seller_accounts_by,
    seller_accounts_growth,
)
from queries.period import Period
from queries.satisfaction import dissatisfied_comments  # noqa: F401  (names: roles first)


def cohort_by(
    engine: Engine, period: Period, group: str = "unit", received_unit: str | None = None
) -> pd.DataFrame:
    """The cohort counts by receiving unit, unit kind or handling unit, named, with rates."""
    frame = cohort.cohort_by(engine, period, group, received_unit)
    if group == "kind":
        return with_rates(named_kinds(frame))
    return _named(frame, group)


def cohort_units_and_weeks(
    engine: Engine, period: Period
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """`cohort_by` by receiving and by handling unit and `cohort_series` by week, read in
    one pass (the units view)."""
    by_unit, by_handling, weekly = cohort.cohort_units_and_weeks(engine, period)
    return _named(by_unit, "unit"), _named(by_handling, "handling"), with_rates(weekly)


def _named(frame: pd.DataFrame, group: str) -> pd.DataFrame:
    if group == "handling":
        frame["name"] = frame["name"].where(frame["group"].notna(), UNASSIGNED_HANDLING)
    return with_rates(named_units(frame))


def named_units(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` (one row per unit) with the row of dossiers of no known unit named."""
    unknown = frame["group"] == cohort.UNKNOWN_UNIT
    return frame.assign(name=frame["name"].mask(unknown, UNKNOWN_UNIT_NAME))


def named_kinds(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` (one row per unit kind, `group` the kind) with each kind's name."""
    return frame.assign(name=frame["group"].map(UNIT_KIND_NAMES).fillna(OTHER_KIND_NAME))


def unit_kinds(engine: Engine) -> dict[str, str]:
    """Every unit's kind by its code (district, department, commune)."""
    frame = cohort.unit_list(engine, ("district", "department", "commune"))
    return dict(zip(frame["group"], frame["kind"], strict=True))


def cohort_series(
    engine: Engine, period: Period, freq: str = "week", received_unit: str | None = None
) -> pd.DataFrame:
    """The cohort by week or month of receipt, with rates."""
    return with_rates(cohort.cohort_series(engine, period, freq, received_unit))


def satisfaction_by_unit(engine: Engine, period: Period) -> pd.DataFrame:
    return with_rates(satisfaction.satisfaction_by_unit(engine, period))


def satisfaction_by_officer(
    engine: Engine, period: Period, unit: str | None = None, few: int | None = None
) -> pd.DataFrame:
    """Officers rated in the period, best ranked first (dashboard.kpi.rank_officers)."""
    frame = satisfaction.satisfaction_by_officer(engine, period, unit)
    return rank_officers(frame) if few is None else rank_officers(frame, few)


def satisfaction_series(
    engine: Engine, period: Period, freq: str = "month", unit: str | None = None
) -> pd.DataFrame:
    return with_rates(satisfaction.satisfaction_series(engine, period, freq, unit))


def form06a_rows(
    engine: Engine, period: Period, level: str | None = None, unit: str | None = None
) -> pd.DataFrame:
    """Biểu II.06a: one row per field, then the total row (`field` = totals.ALL)."""
    rows = form06a.form06a(engine, period, level, unit)
    return with_total(rows, key="field", counts=form06a.COLUMNS)


def late_list(
    engine: Engine, filt: late.LateFilter, page: int = 1, page_size: int | None = late.PAGE_SIZE
) -> pd.DataFrame:
    """One page of the late list, the applicant's name masked (`applicant`)."""
    frame = late.late_list(engine, filt, page, page_size)
    masked = frame["applicant_name"].map(mask_name).astype("str")
    return frame.assign(applicant_name=masked).rename(columns={"applicant_name": "applicant"})


# The columns of a `late_list` page, in order.
LIST_COLUMNS = tuple("applicant" if c == "applicant_name" else c for c in late.LIST_COLUMNS)


def late_breakdown(engine: Engine, filt: late.LateFilter, by: str) -> pd.DataFrame:
    """Where the list concentrates; dossiers no office handles yet named as such."""
    frame = late.late_breakdown(engine, filt, by)
    if by == "handling":
        frame["name"] = frame["name"].where(frame["group"].notna(), UNASSIGNED_HANDLING)
        frame = named_units(frame)
    return frame


def dossier_detail(engine: Engine, code: str) -> dict | None:
    """One dossier's facts, the applicant's name masked (`applicant`); None if not found."""
    detail = late.dossier_detail(engine, code)
    if detail is None:
        return None
    applicant = mask_name(detail.pop("applicant_name"))
    return {**detail, "applicant": applicant}


def adoption_by_commune(engine: Engine, end: date) -> pd.DataFrame:
    return with_rates(adoption.adoption_by_commune(engine, end))


def adoption_history(engine: Engine, end: date) -> pd.DataFrame:
    return with_rates(adoption.adoption_history(engine, end))


def adoption_figures(engine: Engine, period: Period) -> pd.DataFrame:
    """Households by commune; snapshots are stocks, so only the period's end counts."""
    frame = adoption_by_commune(engine, period.end)
    first = ["group", "name", "households", "households_onboarded", "onboarded_rate"]
    return frame[[*first, *[c for c in frame.columns if c not in first]]]


def ocop_figures(engine: Engine, period: Period) -> pd.DataFrame:
    """Listings per platform, then all platforms together, at the period's end."""
    return listing_by_platform(engine, period.end)


# What `python -m dashboard kpis --topic T` prints (one record per row), and the tables
# it reads: the figures of each topic page.
TOPICS = {
    "satisfaction": (satisfaction.TABLES, satisfaction_by_unit),
    "cashless": (cashless.TABLES, cashless_by_kind),
    "adoption": (adoption.TABLES, adoption_figures),
    "ocop": (ocop.TABLES, ocop_figures),
}
