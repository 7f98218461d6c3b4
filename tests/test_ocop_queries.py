"""OCOP and e-commerce on SQLite (both timestamp forms) and PostgreSQL, hand-worked figures."""

from datetime import date

import pytest

from queries.connection import readonly_engine
from queries.contract import PLATFORMS
from queries.ocop import (
    listing_by_platform,
    products_by_stars,
    seller_accounts_by,
    seller_accounts_growth,
)
from tests import fixture_topics

END = fixture_topics.OCOP_END
LISTING = ("seller_accounts", "listed_products", "listed_products_3_star_plus")


@pytest.fixture
def engine(backend, make_db):
    engine = readonly_engine(make_db(backend, fixture_topics.ROWS))
    yield engine
    engine.dispose()


def test_products_by_stars_and_commune(engine):
    frame = products_by_stars(engine, END)
    rows = list(zip(frame["group"], frame["stars"], frame["products"], strict=True))
    # Product 5 is certified the day after; 4 on the day.
    assert rows == [
        ("CTA-BN", 3, 1),
        ("CTA-BN", 5, 1),
        ("CTA-MN", 2, 1),
        ("CTA-MN", 3, 1),
        ("CTA-MN", 4, 1),
    ]


def test_listing_by_platform(engine):
    frame = listing_by_platform(engine, END)
    assert list(frame["platform"]) == [*PLATFORMS, "ALL"]
    rows = {row["platform"]: row for row in frame.to_dict("records")}
    # Products of 3 stars or more certified by 9/3/2023: 1, 2, 3, 4.
    assert set(frame["products_3_star_plus"]) == {4}
    # Voso: open 1, 3 (listed on the day) and 7 (2 stars); 5 listed the day after and
    # 6 is of a product not yet certified. Sellers 1, 2, 5.
    assert tuple(rows["voso"][k] for k in LISTING) == (3, 3, 2)
    assert rows["voso"]["listed_share_3_star_plus"] == pytest.approx(2 / 4)
    # Postmart: listing 2 closed on the day; seller 3 opened on the day.
    assert tuple(rows["postmart"][k] for k in LISTING) == (1, 0, 0)
    # Shopee: listing 4 open (delisted the day after); seller 4 opened the day after.
    assert tuple(rows["shopee"][k] for k in LISTING) == (0, 1, 1)
    assert tuple(rows["tiki"][k] for k in LISTING) == (0, 0, 0)
    # All platforms: products 1, 2, 6 each once; of 3 stars or more 1 and 2 -> 2 of 4.
    assert tuple(rows["ALL"][k] for k in LISTING) == (4, 3, 2)
    assert rows["ALL"]["listed_share_3_star_plus"] == pytest.approx(0.5)


def test_listing_a_day_later(engine):
    rows = listing_by_platform(engine, date(2023, 3, 10)).set_index("platform")
    # Product 5 is now certified (5 of 3 stars+), its Voso listing open; product 3 listed;
    # Shopee listing 4 closed; seller 4 opened.
    assert rows.loc["ALL", "products_3_star_plus"] == 5
    assert rows.loc["ALL", "listed_products_3_star_plus"] == 4
    assert rows.loc["shopee", "listed_products"] == 0
    assert rows.loc["ALL", "seller_accounts"] == 5


def test_seller_accounts_by_platform_and_holder(engine):
    frame = seller_accounts_by(engine, END)
    rows = list(zip(frame["platform"], frame["holder_kind"], frame["seller_accounts"], strict=True))
    assert rows == [
        ("postmart", "cooperative", 1),
        ("voso", "household", 2),
        ("voso", "ocop_producer", 1),
    ]


def test_seller_accounts_growth(engine):
    frame = seller_accounts_growth(engine, END)
    # January 2022 (the first opening) to March 2023: 15 months, for Postmart and Voso.
    assert len(frame) == 15 * 2
    voso = frame[frame["platform"] == "voso"].set_index("month")["seller_accounts"]
    assert voso[date(2022, 1, 1)] == 1
    assert voso[date(2022, 2, 1)] == 1
    assert voso[date(2022, 3, 1)] == 3  # 1/3 and 31/3
    assert voso[date(2023, 3, 1)] == 3
    postmart = frame[frame["platform"] == "postmart"].set_index("month")["seller_accounts"]
    assert postmart[date(2023, 2, 1)] == 0
    assert postmart[date(2023, 3, 1)] == 1


def test_nothing_yet(engine):
    day = date(2020, 1, 1)
    assert products_by_stars(engine, day).empty
    assert seller_accounts_growth(engine, day).empty
    all_row = listing_by_platform(engine, day).set_index("platform").loc["ALL"]
    assert all_row["products_3_star_plus"] == 0
    assert all_row["listed_products"] == 0


def test_dates_written_with_a_time_of_day(backend, make_db):
    rows = fixture_topics.with_time_of_day(
        {
            "ocop_products": ("certified_on",),
            "seller_accounts": ("opened_on",),
            "product_listings": ("listed_on", "delisted_on"),
        }
    )
    engine = readonly_engine(make_db(backend, rows))
    all_row = listing_by_platform(engine, END).set_index("platform").loc["ALL"]
    assert tuple(all_row[k] for k in LISTING) == (4, 3, 2)
    assert all_row["products_3_star_plus"] == 4
    assert len(seller_accounts_growth(engine, END)) == 30
