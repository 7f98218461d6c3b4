"""The query results as the dashboard shows, exports and prints them.

Each function takes an engine first (so `ui.load` can cache it) and returns
what `queries/` returns plus what people need: the registry's rates beside the
counts (dashboard.kpi), names for groups the data does not name (a unit kind,
dossiers no office handles yet), applicants' names masked. The views, the
command line and the exports call these, so they never disagree.
"""

from dataclasses import replace
from datetime import date

import pandas as pd
from sqlalchemy.engine import Engine

from dashboard import daily_figures, households, index766
from dashboard.index766_formula import Formula
from dashboard.kpi import rank_officers, with_rates
from dashboard.labels import (
    OTHER_KIND_NAME,
    UNASSIGNED_HANDLING,
    UNIT_KIND_NAMES,
    UNKNOWN_UNIT_NAME,
)
from dashboard.masking import mask_name
from dashboard.totals import with_total
from dashboard.unit_reading import (
    DEFAULT,
    folded_units,
    in_service,
    member_codes,
    picked_units,
    reading_map,
    regrouped,
)
from queries import adoption, cashless, cohort, form06a, index766_lists, late, ocop, satisfaction
from queries.cashless import (  # noqa: F401  (the cashless view's figures, as they are)
    cashless_by_kind,
    cashless_months,
    facility_list,
)
from queries.contract import RATING_LEVELS
from queries.form06a import receiving_units  # noqa: F401  (the form's scopes)
from queries.index766_lists import (  # noqa: F401  (the 766 page's lists, as they are)
    ListFilter,
)
from queries.index766_lists import available as index766_lists_available  # noqa: F401
from queries.late import (  # noqa: F401  (the late view's terms, as they are)
    BASES,
    MAX_SOON_DAYS,
    PAGE_SIZE,
    STATES,
    LateFilter,
    filter_options,
)
from queries.ocop import (  # noqa: F401  (the OCOP view's figures, as they are)
    listing_by_platform,
    products_by_stars,
    seller_accounts_by,
    seller_accounts_growth,
)
from queries.period import Period
from queries.ratios import rate
from queries.satisfaction import dissatisfied_comments  # noqa: F401  (names: roles first)
from queries.scope import place_name, scope_name  # noqa: F401  (the titles: queries.scope)


def cohort_by(
    engine: Engine,
    period: Period,
    group: str = "unit",
    received_unit: str | None = None,
    units: str = DEFAULT,
) -> pd.DataFrame:
    """The cohort counts by receiving unit, unit kind or handling unit, named, with rates;
    by unit, in the reading `units` (dashboard.unit_reading): `received_unit` by today's
    units holds its predecessors' dossiers."""
    unit_map = reading_map(engine, units)
    frame = cohort.cohort_by(engine, period, group, member_codes(unit_map, received_unit))
    if group == "kind":
        return with_rates(named_kinds(frame))
    frame = _named(regrouped(frame, unit_map, cohort.COUNTS), group)
    if received_unit is not None and group == "unit":
        frame = frame[frame["group"] == received_unit].reset_index(drop=True)
    return frame


def cohort_units_and_weeks(
    engine: Engine, period: Period, units: str = DEFAULT
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """`cohort_by` by receiving and by handling unit and `cohort_series` by week, read in
    one pass (the units view), from the daily counts the dashboard keeps when they can
    answer (dashboard/daily_figures.py)."""
    by_unit, by_handling, weekly = daily_figures.units_and_weeks(engine, period)
    unit_map = reading_map(engine, units)
    return (
        _named(regrouped(by_unit, unit_map, cohort.COUNTS), "unit"),
        _named(regrouped(by_handling, unit_map, cohort.COUNTS), "handling"),
        with_rates(weekly),
    )


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
    engine: Engine,
    period: Period,
    freq: str = "week",
    received_unit: str | None = None,
    units: str = DEFAULT,
) -> pd.DataFrame:
    """The cohort by week or month of receipt, with rates: of one unit (by today's units,
    with its predecessors: one line through the reorganisation) or of all."""
    codes = member_codes(reading_map(engine, units), received_unit)
    return with_rates(cohort.cohort_series(engine, period, freq, codes))


def satisfaction_by_unit(engine: Engine, period: Period, units: str = DEFAULT) -> pd.DataFrame:
    frame = satisfaction.satisfaction_by_unit(engine, period)
    return with_rates(regrouped(frame, reading_map(engine, units), RATING_LEVELS))


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
    engine: Engine,
    period: Period,
    level: str | None = None,
    unit: str | None = None,
    units: str = DEFAULT,
) -> pd.DataFrame:
    """Biểu II.06a: one row per field, then the total row (`field` = totals.ALL); a unit's
    by today's units holds its predecessors' dossiers."""
    codes = member_codes(reading_map(engine, units), unit)
    rows = form06a.form06a(engine, period, level, codes)
    return with_total(rows, key="field", counts=form06a.COLUMNS)


def read_as(engine: Engine, filt: late.LateFilter, units: str) -> late.LateFilter:
    """`filt` with each unit it names replaced by the codes whose dossiers are that unit's in
    the reading `units` (by today's units: a merged commune and its predecessors). A unit
    user's own unit is read as its area whatever the reading (queries.scope.area)."""
    unit_map = reading_map(engine, units)
    return replace(
        filt,
        received_unit=member_codes(unit_map, filt.received_unit),
        handling_unit=member_codes(unit_map, filt.handling_unit),
    )


def late_count(engine: Engine, filt: late.LateFilter, units: str = DEFAULT) -> int:
    return late.late_count(engine, read_as(engine, filt, units))


def late_extreme_days(engine: Engine, filt: late.LateFilter, units: str = DEFAULT) -> int | None:
    return late.late_extreme_days(engine, read_as(engine, filt, units))


def late_reasons(engine: Engine, filt: late.LateFilter, units: str = DEFAULT) -> pd.DataFrame:
    return late.late_reasons(engine, read_as(engine, filt, units))


def late_list(
    engine: Engine,
    filt: late.LateFilter,
    page: int = 1,
    page_size: int | None = late.PAGE_SIZE,
    units: str = DEFAULT,
) -> pd.DataFrame:
    """One page of the late list (None: all of it), the applicant's name masked
    (`applicant`)."""
    return _applicants_masked(late.late_list(engine, read_as(engine, filt, units), page, page_size))


def late_page(
    engine: Engine,
    filt: late.LateFilter,
    page: int,
    page_size: int = late.PAGE_SIZE,
    units: str = DEFAULT,
    after: late.ListKey | None = None,
    before: late.ListKey | None = None,
) -> late.ListPage:
    """One page of the late list and the keys of its first and last rows, the applicant's
    name masked (`applicant`). `after` the last row of the page before it or `before` the
    first of the page after, when the view has shown one (dashboard.content.late.page_keys):
    the same rows, without reading those above (queries.late.late_page)."""
    listed = late.late_page(engine, read_as(engine, filt, units), page, page_size, after, before)
    return replace(listed, rows=_applicants_masked(listed.rows))


def _applicants_masked(frame: pd.DataFrame) -> pd.DataFrame:
    masked = frame["applicant_name"].map(mask_name).astype("str")
    return frame.assign(applicant_name=masked).rename(columns={"applicant_name": "applicant"})


# The columns of a `late_list` page, in order.
LIST_COLUMNS = tuple("applicant" if c == "applicant_name" else c for c in late.LIST_COLUMNS)


def late_breakdown(
    engine: Engine, filt: late.LateFilter, by: str, units: str = DEFAULT, limit: int = 15
) -> pd.DataFrame:
    """Where the list concentrates (at most `limit` groups, most first); dossiers no office
    handles yet named as such; by handling unit in the reading `units`."""
    unit_map = reading_map(engine, units)
    filt = read_as(engine, filt, units)
    if by != "handling":
        return late.late_breakdown(engine, filt, by, limit)
    # Every handling unit, then re-grouped: a merged commune's share over all its members.
    every = late.late_breakdown(engine, filt, by, None, every_group=True)
    frame = regrouped(every, unit_map, ("count", "base"))
    frame = frame[frame["count"] > 0].assign(share=rate(frame["count"], frame["base"]))
    frame = frame.sort_values("count", ascending=False, kind="stable").head(limit)
    frame["name"] = frame["name"].where(frame["group"].notna(), UNASSIGNED_HANDLING)
    return named_units(frame.reset_index(drop=True))


def late_filter_options(engine: Engine, units: str = DEFAULT) -> dict[str, list | dict]:
    """queries.late.filter_options with the unit pickers in the reading `units`
    (unit_reading.picked_units) and `folded`: the units they leave out, code → (its unit
    today, its name)."""
    options = filter_options(engine)
    unit_map = reading_map(engine, units)
    every = [*options["received"], *options["handling"]]
    return {
        **options,
        "received": picked_units(options["received"], unit_map),
        "handling": picked_units(options["handling"], unit_map),
        "folded": folded_units(every, unit_map),
    }


def dossier_detail(engine: Engine, code: str) -> dict | None:
    """One dossier's facts, the applicant's name masked (`applicant`); None if not found."""
    detail = late.dossier_detail(engine, code)
    if detail is None:
        return None
    applicant = mask_name(detail.pop("applicant_name"))
    return {**detail, "applicant": applicant}


def index766_months(
    engine: Engine, months: tuple[Period, ...], units: str = DEFAULT, formula: Formula | None = None
) -> pd.DataFrame:
    """The 766 estimate per unit and month (dashboard.index766.index766_by_period, with
    what is at stake in the last month for its actions), the row of dossiers of no known
    unit named, with `serving`: the unit still served at the month's end (only these are
    ranked)."""
    frame = named_units(index766.index766_by_period(engine, months, units, formula, at_stake=True))
    unit_map = reading_map(engine, units)
    serving = pd.Series(False, index=frame.index)
    for month in months:
        rows = frame["period"] == month.start
        serving[rows] = in_service(frame[rows], unit_map, month.end)
    return frame.assign(serving=serving)


def _index766_read_as(
    engine: Engine, filt: index766_lists.ListFilter, units: str
) -> index766_lists.ListFilter:
    """`filt` with its unit (a code in the reading `units`) read as the codes whose dossiers
    are that unit's (by today's units: a merged commune and its predecessors)."""
    codes = member_codes(reading_map(engine, units), filt.received_unit)
    return replace(filt, received_unit=codes)


def index766_list_count(
    engine: Engine, filt: index766_lists.ListFilter, units: str = DEFAULT
) -> int:
    return index766_lists.list_count(engine, _index766_read_as(engine, filt, units))


def index766_list(
    engine: Engine,
    filt: index766_lists.ListFilter,
    page: int = 1,
    page_size: int = index766_lists.PAGE_SIZE,
    units: str = DEFAULT,
) -> pd.DataFrame:
    """One page of a list of the dossiers behind a 766 figure (queries.index766_lists), the
    applicant's name masked (`applicant`)."""
    frame = index766_lists.dossier_list(
        engine, _index766_read_as(engine, filt, units), page, page_size
    )
    return _applicants_masked(frame)


def adoption_by_commune(engine: Engine, end: date, units: str = DEFAULT) -> pd.DataFrame:
    """Households by commune on `end`, each report counted once across a merger
    (dashboard.households), in the reading `units`."""
    return with_rates(households.by_commune(engine, end, units))


def adoption_history(engine: Engine, end: date) -> pd.DataFrame:
    return with_rates(households.history(engine, end))


def adoption_figures(engine: Engine, period: Period, units: str = DEFAULT) -> pd.DataFrame:
    """Households by commune; snapshots are stocks, so only the period's end counts."""
    frame = adoption_by_commune(engine, period.end, units)
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
# The topics whose figures are by unit, read in either reading (`units=`).
TOPICS_BY_UNIT = ("satisfaction", "adoption")
