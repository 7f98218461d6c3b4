"""Small databases for the four topic pages, with figures worked out by hand.

Each row's comment says where it lands; the expectations in
test_<topic>_queries.py add these up. Boundaries the definitions turn on are
placed exactly on the period's edges.
"""

from datetime import date as d
from datetime import datetime as dt
from datetime import time

from tests import fixture_common as common

UNITS = [common.DISTRICT, common.MOT_NGAN, common.BAY_NGAN, common.TU_PHAP, common.TAN_HOA]

# --- Satisfaction: period 2022-03-01 … 2022-03-31 ------------------------------------------
SATISFACTION_PERIOD = (d(2022, 3, 1), d(2022, 3, 31))

OFFICERS = [
    {"id": 1, "unit_id": 1, "full_name": "Trần Văn Bình"},
    {"id": 2, "unit_id": 1, "full_name": "Lê Thị Cúc"},
    {"id": 3, "unit_id": 2, "full_name": "Phạm Văn Dũng"},
]
PROCEDURES = [common.BIRTH]
DOSSIERS = [
    common.dossier(
        1,
        "HS-001",
        1,
        1,
        1,
        "counter",
        dt(2022, 3, 7, 8),
        dt(2022, 3, 7, 17),
        dt(2022, 3, 7, 9),
        "resolved",
        officer=1,
        applicant="Nguyễn Văn An",
    ),
]


def _rating(id, unit, officer, rated_at, level, comment=None, dossier=None):
    return {
        "id": id,
        "unit_id": unit,
        "officer_id": officer,
        "dossier_id": dossier,
        "rated_at": rated_at,
        "level": level,
        "comment": comment,
    }


RATINGS = [
    # District one-stop (unit 1).
    # 1: the period's first instant: in.
    _rating(1, 1, 1, dt(2022, 3, 1), "very_satisfied"),
    _rating(2, 1, 1, dt(2022, 3, 2, 9), "satisfied"),
    # 3: dissatisfied with a comment, linked to a dossier.
    _rating(3, 1, 1, dt(2022, 3, 7, 10), "dissatisfied", "Chờ lâu quá", dossier=1),
    # 4: dissatisfied, blank comment: counted, not listed among the comments.
    _rating(4, 1, 2, dt(2022, 3, 15, 10), "dissatisfied", "   "),
    # 5: the period's last second: in, and the newest comment.
    _rating(5, 1, 2, dt(2022, 3, 31, 23, 59, 59), "dissatisfied", "Hướng dẫn chưa rõ"),
    # 6, 7: just outside the period on either side.
    _rating(6, 1, 1, dt(2022, 4, 1), "dissatisfied", "Ngoài kỳ"),
    _rating(7, 1, 1, dt(2022, 2, 28, 23, 59, 59), "very_satisfied"),
    # 8: Sunday 20/3 (week of Monday 14/3), no officer named: counts for the unit only.
    _rating(8, 1, None, dt(2022, 3, 20, 8), "very_satisfied"),
    # 9: a fraction of a second in the timestamp.
    _rating(9, 1, 2, dt(2022, 3, 31, 12, 0, 0, 500000), "satisfied"),
    # Commune Một Ngàn (unit 2).
    _rating(10, 2, 3, dt(2022, 3, 10, 8), "very_satisfied"),
    # 11: dissatisfied without a comment.
    _rating(11, 2, 3, dt(2022, 3, 11, 8), "dissatisfied"),
    # 12: a department rated (Saturday 5/3): it gets a row of its own.
    _rating(12, 4, None, dt(2022, 3, 5, 11), "satisfied"),
]

# --- Cashless: period 2022-02-01 … 2022-03-31 (months February and March) ----------------
CASHLESS_PERIOD = (d(2022, 2, 1), d(2022, 3, 31))

FACILITIES = [
    {
        "id": 1,
        "unit_id": 2,
        "kind": "health_station",
        "name": "Trạm y tế Một Ngàn",
        "cashless_since": d(2021, 6, 1),
    },
    # 2: started on the period's last day: counts.
    {
        "id": 2,
        "unit_id": 3,
        "kind": "health_station",
        "name": "Trạm y tế Bảy Ngàn",
        "cashless_since": d(2022, 3, 31),
    },
    # 3: started the day after: does not.
    {
        "id": 3,
        "unit_id": 5,
        "kind": "health_station",
        "name": "Trạm y tế Tân Hòa",
        "cashless_since": d(2022, 4, 1),
    },
    # 4: a market taking cashless payment: a "chợ 4.0".
    {
        "id": 4,
        "unit_id": 2,
        "kind": "market",
        "name": "Chợ Một Ngàn",
        "cashless_since": d(2022, 2, 10),
    },
    {"id": 5, "unit_id": 3, "kind": "market", "name": "Chợ Bảy Ngàn", "cashless_since": None},
    {
        "id": 6,
        "unit_id": 2,
        "kind": "school_canteen",
        "name": "Căng tin THCS Một Ngàn",
        "cashless_since": None,
    },
]


def _month(facility, month, payments, cashless, amount, vendors=None, cashless_vendors=None):
    return {
        "facility_id": facility,
        "month": month,
        "payments": payments,
        "cashless_payments": cashless,
        "cashless_amount": amount,
        "vendors": vendors,
        "cashless_vendors": cashless_vendors,
    }


FACILITY_MONTHS = [
    _month(1, d(2022, 1, 1), 100, 50, 5_000_000),  # January: before the period
    _month(1, d(2022, 2, 1), 120, 60, 6_000_000),
    _month(1, d(2022, 3, 1), 130, 78, 7_800_000),
    _month(1, d(2022, 4, 1), 999, 999, 9_990_000),  # April: its first day is after the end
    _month(2, d(2022, 3, 1), 80, 2, 150_000),
    _month(4, d(2022, 2, 1), 1000, 100, 20_000_000, 50, 10),
    _month(4, d(2022, 3, 1), 1100, 330, 33_000_000, 52, 26),
    _month(5, d(2022, 3, 1), 900, 0, 0, 40, 0),
    _month(6, d(2022, 2, 1), 500, 0, 0),
]

# --- Households: as of 2023-03-09 ---------------------------------------------------------
ADOPTION_END = d(2023, 3, 9)


def _snapshot(unit, as_of, households, onboarded, public_service, e_wallet, e_health):
    return {
        "unit_id": unit,
        "as_of": as_of,
        "households": households,
        "households_onboarded": onboarded,
        "public_service_accounts": public_service,
        "e_wallet_accounts": e_wallet,
        "e_health_records": e_health,
    }


DIGITAL_ADOPTION = [
    _snapshot(2, d(2022, 6, 30), 1000, 700, 600, 500, 300),
    # Taken on the chosen day itself: the latest for Một Ngàn.
    _snapshot(2, d(2023, 3, 9), 1010, 910, 920, 880, 700),
    # The day after: never counted as of 2023-03-09.
    _snapshot(2, d(2023, 3, 10), 1010, 950, 950, 900, 720),
    _snapshot(3, d(2022, 12, 31), 2000, 1500, 1600, 1400, 900),
    # Tân Hòa (unit 5) has no snapshot.
]

# --- OCOP: as of 2023-03-09 ---------------------------------------------------------------
OCOP_END = d(2023, 3, 9)


def _product(id, unit, stars, certified_on):
    return {
        "id": id,
        "name": f"Sản phẩm {id}",
        "producer": f"Cơ sở {id}",
        "unit_id": unit,
        "stars": stars,
        "category": "Thực phẩm",
        "certified_on": certified_on,
    }


OCOP_PRODUCTS = [
    _product(1, 2, 3, d(2021, 5, 1)),
    _product(2, 2, 4, d(2022, 1, 1)),
    _product(3, 3, 3, d(2022, 6, 1)),
    _product(4, 3, 5, d(2023, 3, 9)),  # certified on the day: counts
    _product(5, 3, 3, d(2023, 3, 10)),  # certified the day after: not yet a product
    # 6: two stars, outside the contract's 3–5: the 3-star filter must not trust the data.
    _product(6, 2, 2, d(2022, 1, 1)),
]


def _listing(id, product, platform, listed_on, delisted_on=None):
    return {
        "id": id,
        "product_id": product,
        "platform": platform,
        "listed_on": listed_on,
        "delisted_on": delisted_on,
    }


PRODUCT_LISTINGS = [
    _listing(1, 1, "voso", d(2022, 1, 1)),  # open
    _listing(2, 1, "postmart", d(2022, 2, 1), d(2023, 3, 9)),  # delisted on the day: closed
    _listing(3, 2, "voso", d(2023, 3, 9)),  # listed on the day: open
    _listing(4, 2, "shopee", d(2022, 5, 1), d(2023, 3, 10)),  # delisted the day after: open
    _listing(5, 3, "voso", d(2023, 3, 10)),  # listed the day after: not open
    _listing(6, 5, "voso", d(2023, 1, 1)),  # open, but its product is not certified yet
    _listing(7, 6, "voso", d(2022, 1, 1)),  # open, a 2-star product
]


def _seller(id, unit, platform, holder_kind, opened_on):
    return {
        "id": id,
        "unit_id": unit,
        "platform": platform,
        "holder_kind": holder_kind,
        "opened_on": opened_on,
    }


SELLER_ACCOUNTS = [
    _seller(1, 2, "voso", "household", d(2022, 1, 15)),
    _seller(2, 2, "voso", "ocop_producer", d(2022, 3, 1)),
    _seller(3, 3, "postmart", "cooperative", d(2023, 3, 9)),  # opened on the day: counts
    _seller(4, 3, "shopee", "household", d(2023, 3, 10)),  # the day after: does not
    _seller(5, 2, "voso", "household", d(2022, 3, 31)),
]

ROWS = {
    "units": UNITS,
    "officers": OFFICERS,
    "procedures": PROCEDURES,
    "dossiers": DOSSIERS,
    "ratings": RATINGS,
    "facilities": FACILITIES,
    "facility_months": FACILITY_MONTHS,
    "digital_adoption": DIGITAL_ADOPTION,
    "ocop_products": OCOP_PRODUCTS,
    "product_listings": PRODUCT_LISTINGS,
    "seller_accounts": SELLER_ACCOUNTS,
}


def _at_midnight(value):
    return value and dt.combine(value, time())


def with_time_of_day(columns: dict[str, tuple[str, ...]]) -> dict:
    """ROWS with the named date columns of each table written as timestamps at midnight.

    Some tools store a date that way (`2022-03-31 00:00:00` on SQLite).
    """
    rows = dict(ROWS)
    for table, names in columns.items():
        rows[table] = [{**row, **{n: _at_midnight(row[n]) for n in names}} for row in ROWS[table]]
    return rows


# A real one-stop database: the dossier side only, no cashless, household or OCOP tables.
ONE_STOP_TABLES = ["units", "procedures", "officers", "dossiers", "ratings"]
ONE_STOP_ROWS = {table: ROWS[table] for table in ONE_STOP_TABLES}
