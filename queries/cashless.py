"""Cashless payment (Thanh toán không dùng tiền mặt) at health stations, markets, canteens.

Definitions (data-contract.md, "Satisfaction, adoption"): a facility takes
cashless payment when its `cashless_since` is on or before the period's end
(a market that does is a "chợ 4.0"); payments are the monthly figures of the
months whose first day lies in the period (docs/decisions.md).
"""

from datetime import date

import pandas as pd
from sqlalchemy import Date, and_, case, func, literal, select
from sqlalchemy.engine import Engine

from queries.cohort import count_where
from queries.contract import FACILITY_KINDS, distinct_units, facilities, facility_months, unit_name
from queries.dialect import day_of, on_or_before
from queries.period import Period
from queries.ratios import rate
from queries.scope import ids as scope_ids
from queries.scope import within

TABLES = ("facilities", "facility_months", "units")
MONTH_SUMS = ("payments", "cashless_payments", "cashless_amount", "vendors", "cashless_vendors")


def _takes_cashless(end: date):
    return on_or_before(facilities.c.cashless_since, end)


def _months_in(period: Period):
    month = facility_months.c.month
    return and_(month >= literal(period.start, Date()), on_or_before(month, period.end))


def _kind_rows(found: pd.Series) -> pd.DataFrame:
    """The contract's kinds in its order, then any other kind the data holds."""
    extra = sorted(set(found) - set(FACILITY_KINDS))
    return pd.DataFrame({"kind": [*FACILITY_KINDS, *extra]})


def _sums(columns):
    return [func.sum(getattr(facility_months.c, name)).label(name) for name in columns]


def cashless_by_kind(engine: Engine, period: Period) -> pd.DataFrame:
    """One row per kind of place, every kind of the contract included.

    Columns: `kind`, `facilities`, `cashless_facilities` (cashless_since on or
    before the end), `cashless_since` (the earliest such date), `payments`,
    `cashless_payments`, `cashless_amount` (VND) over the months in the
    period, and the fractions `cashless_facility_share`, `cashless_payment_share`.
    """
    takes = _takes_cashless(period.end)
    places = (
        select(
            facilities.c.kind,
            func.count().label("facilities"),
            count_where(takes).label("cashless_facilities"),
            func.min(case((takes, day_of(facilities.c.cashless_since)))).label("cashless_since"),
        )
        .where(*within(scope_ids(engine), facilities.c.unit_id))
        .group_by(facilities.c.kind)
    )
    paid = (
        select(facilities.c.kind, *_sums(MONTH_SUMS[:3]))
        .select_from(facility_months.join(facilities))
        .where(_months_in(period), *within(scope_ids(engine), facilities.c.unit_id))
        .group_by(facilities.c.kind)
    )
    with engine.connect() as conn:
        places_frame = pd.read_sql(places, conn)
        paid_frame = pd.read_sql(paid, conn)
    frame = (
        _kind_rows(places_frame["kind"])
        .merge(places_frame, on="kind", how="left")
        .merge(paid_frame, on="kind", how="left")
    )
    counts = ["facilities", "cashless_facilities", *MONTH_SUMS[:3]]
    frame[counts] = frame[counts].fillna(0).astype("int64")
    frame["cashless_since"] = pd.to_datetime(frame["cashless_since"]).dt.date
    return frame.assign(
        cashless_facility_share=rate(frame["cashless_facilities"], frame["facilities"]),
        cashless_payment_share=rate(frame["cashless_payments"], frame["payments"]),
    )


def cashless_months(engine: Engine, period: Period, kind: str | None = None) -> pd.DataFrame:
    """One row per month in the period and kind of place with figures, oldest first.

    Columns: `month` (first day), `kind`, `payments`, `cashless_payments`,
    `cashless_amount`, `vendors` and `cashless_vendors` (markets only: stalls
    trading and stalls taking cashless payment, summed over the markets), and
    the fractions `cashless_payment_share`, `cashless_vendor_share`.
    """
    month = day_of(facility_months.c.month).label("month")
    query = (
        select(month, facilities.c.kind, *_sums(MONTH_SUMS))
        .select_from(facility_months.join(facilities))
        .where(_months_in(period), *within(scope_ids(engine), facilities.c.unit_id))
        .group_by(month.element, facilities.c.kind)
        .order_by(month.element, facilities.c.kind)
    )
    if kind is not None:
        query = query.where(facilities.c.kind == kind)
    with engine.connect() as conn:
        frame = pd.read_sql(query, conn)
    frame["month"] = pd.to_datetime(frame["month"]).dt.date
    frame[list(MONTH_SUMS[:3])] = frame[list(MONTH_SUMS[:3])].astype("int64")
    frame[list(MONTH_SUMS[3:])] = frame[list(MONTH_SUMS[3:])].astype("Int64")
    return frame.assign(
        cashless_payment_share=rate(frame["cashless_payments"], frame["payments"]),
        cashless_vendor_share=rate(frame["cashless_vendors"], frame["vendors"]),
    )


def facility_list(engine: Engine, end: date, kind: str | None = None) -> pd.DataFrame:
    """Every facility (optionally of one kind): those taking cashless payment first, earliest first.

    Columns: `name`, `kind`, `commune` (unit name), `cashless_since` (null if
    only after `end`), `takes_cashless`. Markets taking it are the "chợ 4.0".
    """
    since = case((_takes_cashless(end), day_of(facilities.c.cashless_since)))
    query = (
        select(
            facilities.c.name,
            facilities.c.kind,
            unit_name().label("commune"),
            since.label("cashless_since"),
        )
        .select_from(facilities.join(distinct_units, facilities.c.unit_id == distinct_units.c.id))
        .where(*within(scope_ids(engine), facilities.c.unit_id))
        # Ids, not names, break ties: name order differs between the databases' collations.
        .order_by(since.is_(None), since, facilities.c.id)
    )
    if kind is not None:
        query = query.where(facilities.c.kind == kind)
    with engine.connect() as conn:
        frame = pd.read_sql(query, conn)
    frame["cashless_since"] = pd.to_datetime(frame["cashless_since"]).dt.date
    return frame.assign(takes_cashless=frame["cashless_since"].notna())
