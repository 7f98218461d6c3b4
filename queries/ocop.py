"""OCOP products and e-commerce (OCOP và thương mại điện tử).

Definitions (data-contract.md, "Satisfaction, adoption"), all as of a day
`end`: the products are those certified on or before it; a listing is open on
`end` when listed on or before it and not delisted on or before it; seller
accounts are those opened on or before it. The provinces' target is every
product of 3 stars or more listed on a platform.
"""

from datetime import date

import pandas as pd
from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.engine import Engine

from queries.contract import (
    PLATFORMS,
    distinct_units,
    ocop_products,
    product_listings,
    seller_accounts,
    unit_name,
)
from queries.dialect import month_start, on_or_before
from queries.ratios import rate
from queries.scope import ids as scope_ids
from queries.scope import within

TABLES = ("ocop_products", "product_listings", "seller_accounts", "units")
ALL_PLATFORMS = "ALL"
TARGET_STARS = 3


def _products(engine: Engine, end: date):
    """The products certified on or before `end`, of a commune of the engine's scope if it
    has one (queries.scope)."""
    return and_(
        on_or_before(ocop_products.c.certified_on, end),
        *within(scope_ids(engine), ocop_products.c.unit_id),
    )


def _sellers(engine: Engine, end: date):
    """The seller accounts opened by `end`, in the engine's scope if it has one."""
    s = seller_accounts.c
    return and_(on_or_before(s.opened_on, end), *within(scope_ids(engine), s.unit_id))


def _open_on(end: date):
    listing = product_listings.c
    return and_(
        on_or_before(listing.listed_on, end),
        or_(listing.delisted_on.is_(None), ~on_or_before(listing.delisted_on, end)),
    )


def _count_distinct_products(condition=None):
    product = product_listings.c.product_id
    counted = product if condition is None else case((condition, product))
    return func.count(func.distinct(counted))


def products_by_stars(engine: Engine, end: date) -> pd.DataFrame:
    """Products certified by `end`, one row per commune and star rating that has any.

    Columns: `group` (commune code), `name`, `stars`, `products`.
    """
    query = (
        select(
            distinct_units.c.code.label("group"), unit_name().label("name"), ocop_products.c.stars
        )
        .add_columns(func.count().label("products"))
        .select_from(
            ocop_products.join(distinct_units, ocop_products.c.unit_id == distinct_units.c.id)
        )
        .where(_products(engine, end))
        .group_by(distinct_units.c.code, distinct_units.c.name, ocop_products.c.stars)
        .order_by(distinct_units.c.code, ocop_products.c.stars)
    )
    with engine.connect() as conn:
        return pd.read_sql(query, conn)


def listing_by_platform(engine: Engine, end: date) -> pd.DataFrame:
    """One row per platform, then the row `platform` = `ALL`, as of `end`.

    Columns: `platform`, `seller_accounts`, `listed_products` (products with a
    listing open on `end`), `listed_products_3_star_plus`, `products_3_star_plus`
    (all such products, listed or not) and `listed_share_3_star_plus`. On the
    ALL row a product listed on several platforms counts once.
    """
    three_star = ocop_products.c.stars >= TARGET_STARS
    listed = (
        select(
            _count_distinct_products().label("listed_products"),
            _count_distinct_products(three_star).label("listed_products_3_star_plus"),
        )
        .select_from(product_listings.join(ocop_products))
        .where(_open_on(end), _products(engine, end))
    )
    sellers = select(seller_accounts.c.platform, func.count().label("seller_accounts")).where(
        _sellers(engine, end)
    )
    target = select(func.count()).where(_products(engine, end), three_star)
    with engine.connect() as conn:
        by_platform = pd.read_sql(
            listed.add_columns(product_listings.c.platform).group_by(product_listings.c.platform),
            conn,
        )
        overall = pd.read_sql(listed, conn).assign(platform=ALL_PLATFORMS)
        seller_frame = pd.read_sql(sellers.group_by(seller_accounts.c.platform), conn)
        products_3_star_plus = conn.execute(target).scalar_one()

    found = set(by_platform["platform"]) | set(seller_frame["platform"])
    platforms = [*PLATFORMS, *sorted(found - set(PLATFORMS))]
    frame = pd.concat(
        [
            pd.DataFrame({"platform": platforms}).merge(by_platform, on="platform", how="left"),
            overall,
        ],
        ignore_index=True,
    ).merge(seller_frame, on="platform", how="left")
    frame.loc[frame["platform"] == ALL_PLATFORMS, "seller_accounts"] = seller_frame[
        "seller_accounts"
    ].sum()
    counts = ["seller_accounts", "listed_products", "listed_products_3_star_plus"]
    frame[counts] = frame[counts].fillna(0).astype("int64")
    frame["products_3_star_plus"] = products_3_star_plus
    frame["listed_share_3_star_plus"] = rate(
        frame["listed_products_3_star_plus"], frame["products_3_star_plus"]
    )
    return frame[["platform", *counts, "products_3_star_plus", "listed_share_3_star_plus"]]


def seller_accounts_by(engine: Engine, end: date) -> pd.DataFrame:
    """Seller accounts opened by `end`: one row per platform and kind of holder that has any."""
    s = seller_accounts.c
    query = (
        select(s.platform, s.holder_kind, func.count().label("seller_accounts"))
        .where(_sellers(engine, end))
        .group_by(s.platform, s.holder_kind)
        .order_by(s.platform, s.holder_kind)
    )
    with engine.connect() as conn:
        return pd.read_sql(query, conn)


def seller_accounts_growth(engine: Engine, end: date) -> pd.DataFrame:
    """Accounts open at the end of each month, by platform, from the first opening to `end`.

    Columns: `month` (first day), `platform`, `opened` (that month), `seller_accounts`
    (running total). Every platform has a row in every month.
    """
    s = seller_accounts.c
    month = month_start(s.opened_on).label("month")
    query = (
        select(month, s.platform, func.count().label("opened"))
        .where(_sellers(engine, end))
        .group_by(month.element, s.platform)
    )
    with engine.connect() as conn:
        counts = pd.read_sql(query, conn)
    if counts.empty:
        return counts.assign(seller_accounts=pd.Series(dtype="int64"))
    counts["month"] = pd.to_datetime(counts["month"]).dt.date
    months = [d.date() for d in pd.date_range(min(counts["month"]), end, freq="MS")]
    grid = pd.MultiIndex.from_product(
        [months, sorted(counts["platform"].unique())], names=["month", "platform"]
    ).to_frame(index=False)
    frame = grid.merge(counts, on=["month", "platform"], how="left")
    frame["opened"] = frame["opened"].fillna(0).astype("int64")
    frame["seller_accounts"] = frame.groupby("platform")["opened"].cumsum()
    return frame
