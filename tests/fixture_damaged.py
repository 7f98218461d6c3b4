"""A one-stop database whose rows break the data contract, one problem at a time, with what
each page must make of them worked out by hand (built with `make_db(..., loose=True)`: the
tables without NOT NULL or foreign keys, as a real database mapped by views may be).

Week under test: Tuần 45/2024, Monday 04/11 to Sunday 10/11 (as_of 11/11 00:00). NOW, the
moment the tests read the database at, is 20/11/2024 12:00: a timestamp from 21/11 on is
in the future. Each row's comment says what is wrong and where it lands.

Cohort of W45 by receiving unit (received, online, finished, early, on time, late,
withdrawn, open, open overdue):
- CTA 8 (d1–d7, d17): 8, 1, 4, 2, 0, 1, 0, 4, 1 (finished d1 d2 d4 d5; open d3 d6 d7 d17)
- CTA-MN 2 (d12 d13): 2, 0, 1, 0, 0, 1, 0, 1, 1
- CTA-BN 2 (d14 d15): 2, 0, 1, 1, 0, 0, 0, 1, 0
- the unknown unit ("?": d8 unit 99, d9 no unit): 2, 1, 1, 1, 0, 0, 0, 1, 1
- P-TP, a department that received d10: 1, 0, 0, 0, 0, 0, 0, 1, 0
- X-LA, a unit of an unknown kind, received d11: 1, 0, 1, 0, 1, 0, 0, 0, 0
16 received in all (d16 is dated 2031, d18 has no receipt date).

The week as a flow, W45 (received, online, finished, in time, late, overdue at its end):
CTA 8, 1, 5, 3, 1, 1 (finished d1 d2 d4 d5 and d18, received whenever: d2 has no due date,
so 3 + 1 < 5); CTA-MN 2, 0, 1, 0, 1, 1; CTA-BN 2, 0, 1, 1, 0, 0; "?" 2, 1, 1, 1, 0, 1;
P-TP 1, 0, 0, 0, 0, 0; X-LA 1, 0, 1, 1, 0, 0. District: 16, 2, 9, 6, 2, 3; on time 6 / 8.
"""

from datetime import date as d
from datetime import datetime as dt

from tests import fixture_common as common

NOW = dt(2024, 11, 20, 12)
WEEK = (2024, 45)
UNITS = [
    common.DISTRICT,
    {**common.MOT_NGAN, "name": None},  # no name: shown by its code
    {**common.BAY_NGAN, "name": "   "},  # a blank name: the same
    common.TU_PHAP,
    {"id": 5, "code": "X-LA", "name": "Phường Lạ", "kind": "ward", "parent_id": 1},  # no kind
]
PROCEDURES = [common.BIRTH]


def _dossier(n, unit, handling, channel, received, due, finished, status):
    return common.dossier(n, f"d{n}", 1, unit, handling, channel, received, due, finished, status)


DOSSIERS = [
    # d1: clean, finished in time.
    _dossier(
        1, 1, 4, "counter", dt(2024, 11, 4, 8), dt(2024, 11, 6, 17), dt(2024, 11, 5, 10), "resolved"
    ),
    # d2: no due date, finished: in `finished`, neither in time nor late.
    _dossier(2, 1, 4, "online", dt(2024, 11, 4, 9), None, dt(2024, 11, 5, 11), "resolved"),
    # d3: no due date, open: never overdue.
    _dossier(3, 1, 4, "counter", dt(2024, 11, 5, 8), None, None, "processing"),
    # d4: no channel: received, not online; finished late.
    _dossier(
        4, 1, 4, None, dt(2024, 11, 5, 9), dt(2024, 11, 7, 17), dt(2024, 11, 8, 9), "resolved"
    ),
    # d5: a channel outside the contract: the same; finished early.
    _dossier(
        5, 1, 4, "fax", dt(2024, 11, 5, 10), dt(2024, 11, 7, 17), dt(2024, 11, 6, 9), "resolved"
    ),
    # d6: no status, past due: open and overdue.
    _dossier(
        6, 1, 4, "counter", dt(2024, 11, 6, 8), dt(2024, 11, 7, 17), dt(2024, 11, 7, 10), None
    ),
    # d7: a status outside the contract, not yet due: open.
    _dossier(
        7, 1, 4, "counter", dt(2024, 11, 6, 9), dt(2024, 11, 20, 17), dt(2024, 11, 8), "returned"
    ),
    # d8: received by unit 99, which is not in `units`; finished early.
    _dossier(
        8, 99, 4, "counter", dt(2024, 11, 6, 10), dt(2024, 11, 8, 17), dt(2024, 11, 7), "resolved"
    ),
    # d9: no receiving unit, no handling unit, online; open and overdue.
    _dossier(9, None, None, "online", dt(2024, 11, 7, 8), dt(2024, 11, 8, 17), None, "processing"),
    # d10: received by a department (P-TP): open, not yet due.
    _dossier(10, 4, 4, "counter", dt(2024, 11, 7, 9), dt(2024, 11, 12, 17), None, "processing"),
    # d11: received by X-LA (kind "ward"); finished on time on its due day.
    _dossier(
        11,
        5,
        5,
        "counter",
        dt(2024, 11, 7, 10),
        dt(2024, 11, 8, 17),
        dt(2024, 11, 8, 16),
        "resolved",
    ),
    # d12: handled by unit 88, not in `units`; finished late.
    _dossier(
        12,
        2,
        88,
        "counter",
        dt(2024, 11, 7, 11),
        dt(2024, 11, 8, 17),
        dt(2024, 11, 9, 9),
        "resolved",
    ),
    # d13: resolved without finished_at: open, and overdue.
    _dossier(13, 2, 2, "counter", dt(2024, 11, 8, 8), dt(2024, 11, 8, 17), None, "resolved"),
    # d14: processing with a finished_at: open by its status.
    _dossier(
        14,
        3,
        3,
        "counter",
        dt(2024, 11, 8, 9),
        dt(2024, 11, 15, 17),
        dt(2024, 11, 8, 10),
        "processing",
    ),
    # d15: finished two hours before it was received: counted by its dates, early.
    _dossier(
        15,
        3,
        3,
        "counter",
        dt(2024, 11, 8, 12),
        dt(2024, 11, 9, 17),
        dt(2024, 11, 8, 10),
        "resolved",
    ),
    # d16: received in 2031: in no week here, and it moves no default.
    _dossier(16, 1, 4, "counter", dt(2031, 1, 1, 8), dt(2031, 1, 3, 17), None, "processing"),
    # d17: to be finished in 2031: open at the end of W45, not yet due then.
    _dossier(
        17, 1, 4, "counter", dt(2024, 11, 9, 8), dt(2024, 11, 12, 17), dt(2031, 2, 1), "resolved"
    ),
    # d18: no receipt date: in no cohort; finished in W45 in time, so in the week's flow.
    _dossier(18, 1, 4, "counter", None, dt(2024, 11, 6, 17), dt(2024, 11, 5), "resolved"),
]
# The latest moment before NOW (d12's finish); without the bound it would be 2031.
DATA_AS_OF = dt(2024, 11, 9, 9)


_rating = common.rating


RATINGS = [
    _rating(1, 1, dt(2024, 11, 5, 10), "very_satisfied"),
    _rating(2, 1, dt(2024, 11, 6, 10), "meh"),  # a level outside the contract
    _rating(3, 1, dt(2024, 11, 6, 11), None),  # no level
    _rating(4, 2, dt(2031, 5, 1), "satisfied"),  # in the future
]

# One row for each topic page, at the nameless commune: its code must show.
FACILITIES = [
    {
        "id": 1,
        "unit_id": 2,
        "kind": "market",
        "name": "Chợ Một Ngàn",
        "cashless_since": d(2024, 1, 1),
    },
]
FACILITY_MONTHS = [
    {
        "facility_id": 1,
        "month": d(2024, 10, 1),
        "payments": 100,
        "cashless_payments": 40,
        "cashless_amount": 4_000_000,
        "vendors": 50,
        "cashless_vendors": 20,
    },
]
DIGITAL_ADOPTION = [
    {
        "unit_id": 2,
        "as_of": d(2024, 10, 31),
        "households": 1000,
        "households_onboarded": 800,
        "public_service_accounts": 700,
        "e_wallet_accounts": 600,
        "e_health_records": 500,
    },
]
OCOP_PRODUCTS = [
    {
        "id": 1,
        "name": "Khóm Một Ngàn",
        "producer": "HTX Một Ngàn",
        "unit_id": 2,
        "stars": 3,
        "category": "Thực phẩm",
        "certified_on": d(2024, 1, 1),
    },
]
PRODUCT_LISTINGS = [
    {"id": 1, "product_id": 1, "platform": "voso", "listed_on": d(2024, 2, 1), "delisted_on": None},
]
SELLER_ACCOUNTS = [
    {
        "id": 1,
        "unit_id": 2,
        "platform": "voso",
        "holder_kind": "household",
        "opened_on": d(2024, 2, 1),
    },
]

ROWS = {
    "units": UNITS,
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

# queries.quality.quality_counts at NOW, problem by problem (the rows named).
QUALITY = {
    "received_at_missing": 1,  # d18
    "due_at_missing": 2,  # d2 d3
    "status_unknown": 2,  # d6 d7
    "channel_unknown": 2,  # d4 d5
    "received_unit_unknown": 2,  # d8 d9
    "received_unit_not_receiving": 2,  # d10 d11
    "handling_unit_unknown": 1,  # d12
    "finished_at_missing": 1,  # d13
    "finished_while_open": 1,  # d14
    "finished_before_received": 1,  # d15
    "received_in_future": 1,  # d16
    "finished_in_future": 1,  # d17
    "unit_kind_unknown": 1,  # X-LA
    "unit_name_missing": 2,  # CTA-MN, CTA-BN
    "rating_level_unknown": 2,  # ratings 2 and 3
    "rated_in_future": 1,  # rating 4
}
