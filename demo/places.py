"""The demo's adoption tables: facilities and their months, household adoption, OCOP.

They are small, so each is generated to a fixed horizon (HORIZON) from its own
random stream and then cut at `until`: the rows up to `until` never depend on it.
The figures of the report date 2023-03-09 (docs/decisions.md) are built in:
the February 2023 adoption snapshot sums to the reported district totals, 362
seller accounts were opened by that date, and 16 OCOP products were listed on
voso on it.
"""

from datetime import date, timedelta

import numpy as np

from demo.reference import (
    COMMUNES,
    FACILITIES,
    FACILITY_PAYMENTS,
    MARKET_STALLS,
    MERGED_INTO,
    OCOP_PRODUCTS,
    REORGANISED_ON,
)

HORIZON = date(2030, 12, 31)
FIRST_MONTH = date(2021, 1, 1)
REPORT_DATE = date(2023, 3, 9)

# The snapshot of 2023-02-28 (the latest on or before the report date), district totals.
SNAPSHOT = date(2023, 2, 28)
SNAPSHOT_TOTALS = {
    "households_onboarded": 24_092,
    "public_service_accounts": 24_822,
    "e_wallet_accounts": 23_544,
    "e_health_records": 61_370,
}
# Towns adopt a little faster than the rural communes (per commune, COMMUNES order).
ADOPTION_TILT = np.array([0.03, 0.01, 0.02, 0.025, -0.01, -0.005, -0.02, -0.01, -0.025, -0.02])
PEOPLE_PER_HOUSEHOLD = 3.73  # Tân Hòa: 10,081 people in about 2,700 households
HOUSEHOLD_GROWTH = 0.009  # a year

SELLERS_BY_REPORT = 362
SELLERS_FIRST_DAY = date(2020, 9, 1)
SELLERS_PER_MONTH_LATER = 14
PLATFORM_MIX = {
    "voso": 0.30,
    "postmart": 0.24,
    "shopee": 0.20,
    "lazada": 0.06,
    "tiki": 0.05,
    "tiktok": 0.07,
    "other": 0.08,
}
HOLDER_MIX = {"household": 0.65, "ocop_producer": 0.12, "cooperative": 0.10, "business": 0.13}
VOSO_ON_REPORT = 16
# Other platforms: chance an OCOP product is listed there.
OTHER_LISTINGS = {"postmart": 0.5, "shopee": 0.4, "tiktok": 0.25, "lazada": 0.15, "tiki": 0.1}


def months(first: date, last: date) -> list[date]:
    """First days of the months from `first`'s to `last`'s."""
    out, y, m = [], first.year, first.month
    while (y, m) <= (last.year, last.month):
        out.append(date(y, m, 1))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def month_end(first_day: date) -> date:
    following = months(first_day, first_day + timedelta(days=31))[1]
    return following - timedelta(days=1)


def _month_number(day: date) -> float:
    return day.year * 12 + day.month - 1 + (day.day - 1) / 31


def facility_rows(unit_id: dict[str, int], until: date) -> list[tuple]:
    return [
        (i + 1, unit_id[code], kind, name, since if since and since <= until else None)
        for i, (code, kind, name, since) in enumerate(FACILITIES)
    ]


def _cashless_share(kind: str, since: date | None, month: date) -> float:
    """Share of a month's payments made cashless, growing after `since` (0 before)."""
    end = month_end(month)
    if since is None or since > end:
        return 0.0
    final = {"health_station": 0.55, "market": 0.35, "school_canteen": 0.45}.get(kind, 0.6)
    active = (end - max(since, month)).days + 1
    elapsed = max(_month_number(end) - _month_number(since), 0.0)
    return final * (1 - np.exp(-(elapsed + 0.5) / 10)) * active / (end - month).days


def facility_month_rows(seed: int, until: date) -> list[tuple]:
    rows = []
    for fid, (_, kind, _, since) in enumerate(FACILITIES, start=1):
        rng = np.random.default_rng([seed, 30, fid])
        (low, high), ticket = FACILITY_PAYMENTS[kind]
        base = rng.uniform(low, high)
        stalls = rng.integers(*MARKET_STALLS)
        for month in months(FIRST_MONTH, HORIZON):
            noise = rng.normal(1, 0.05, 4)
            season = 1.15 if month.month in (1, 2) else 1.0
            if kind == "school_canteen" and month.month in (6, 7, 8):
                season = 0.15  # summer holidays
            years = (month.year - 2021) + month.month / 12
            payments = int(base * season * (1 + 0.02 * years) * noise[0])
            share = _cashless_share(kind, since, month)
            cashless = min(int(round(payments * share * noise[1])), payments)
            amount = int(round(cashless * ticket * noise[2], -3))
            vendors = cashless_vendors = None
            if kind == "market":
                vendors = int(stalls * noise[3])
                cashless_vendors = min(int(round(vendors * share / 0.35 * 0.8)), vendors)
            if month_end(month) <= until:
                rows.append((fid, month, payments, cashless, amount, vendors, cashless_vendors))
    return rows


def _apportion(total: int, weights: np.ndarray) -> np.ndarray:
    """Integers proportional to weights that sum to `total` exactly (largest remainder)."""
    quota = total * weights / weights.sum()
    whole = np.floor(quota).astype(np.int64)
    rest = total - whole.sum()
    whole[np.argsort(-(quota - whole), kind="stable")[:rest]] += 1
    return whole


def _ramp(month: date) -> float:
    """Adoption relative to the February 2023 snapshot: a 2022 campaign, then saturation."""
    t = _month_number(month) - _month_number(SNAPSHOT)
    if t <= 0:
        middle, width = -11.0, 3.5  # the campaign peaked in the spring of 2022
        return (1 / (1 + np.exp(-(t - middle) / width))) / (1 / (1 + np.exp(middle / width)))
    return 1.0 + (1 - np.exp(-t / 12))


def digital_adoption_rows(unit_id: dict[str, int], until: date) -> list[tuple]:
    households = np.array([hh for _, _, hh in COMMUNES], dtype=float)
    targets = {
        name: _apportion(total, households * (1 + ADOPTION_TILT))
        for name, total in SNAPSHOT_TOTALS.items()
    }
    rows = []
    for month in months(FIRST_MONTH, HORIZON):
        as_of = month_end(month)
        if as_of > until:
            break
        years = (_month_number(as_of) - _month_number(SNAPSHOT)) / 12
        ramp = _ramp(as_of)
        for c, (code, _, hh) in enumerate(COMMUNES):
            count = round(hh * (1 + HOUSEHOLD_GROWTH * years))
            people = round(count * PEOPLE_PER_HOUSEHOLD)
            values = []
            for name in SNAPSHOT_TOTALS:
                target = targets[name][c]
                ceiling = people if name == "e_health_records" else count
                # Closes part of the remaining gap after the snapshot; exact at the snapshot.
                gap = (ceiling * 0.985 - target) * 0.6 if ramp > 1 else 0.0
                value = target * ramp if ramp <= 1 else target + gap * (ramp - 1)
                values.append(min(int(round(value)), ceiling))
            rows.append((unit_id[code], as_of, count, *values))
    return _merged_snapshots(rows, unit_id)


def _merged_snapshots(rows: list[tuple], unit_id: dict[str, int]) -> list[tuple]:
    """From 1 July 2025 a merged commune reports: its communes' figures added up."""
    merged = {unit_id[old]: unit_id[new] for old, new in MERGED_INTO.items()}
    kept, sums = [], {}
    for unit, as_of, *counts in rows:
        if as_of < REORGANISED_ON:
            kept.append((unit, as_of, *counts))
            continue
        key = (as_of, merged[unit])
        sums[key] = [a + b for a, b in zip(sums.get(key, [0] * len(counts)), counts, strict=True)]
    return kept + [(unit, as_of, *counts) for (as_of, unit), counts in sums.items()]


def ocop_rows(unit_id: dict[str, int], until: date) -> list[tuple]:
    return [
        (i + 1, name, producer, unit_id[code], stars, category, certified)
        for i, (name, producer, code, stars, category, certified) in enumerate(OCOP_PRODUCTS)
        if certified <= until
    ]


def _day_between(rng, first: date, last: date) -> date:
    return first + timedelta(days=int(rng.integers(0, max((last - first).days, 0) + 1)))


def listing_rows(seed: int, until: date) -> list[tuple]:
    """Listings of OCOP products; exactly VOSO_ON_REPORT products on voso on the report date."""
    rng = np.random.default_rng([seed, 40])
    listings = []  # product_id, platform, listed_on, delisted_on
    early = [i for i, p in enumerate(OCOP_PRODUCTS) if p[5] <= REPORT_DATE - timedelta(days=60)]
    order = rng.permutation(early)
    on_report, gone_before = set(order[:VOSO_ON_REPORT]), set(order[VOSO_ON_REPORT:][:2])
    for i, product in enumerate(OCOP_PRODUCTS):
        certified = product[5]
        first_listing = certified + timedelta(days=20)
        if i in on_report:
            listed = _day_between(rng, first_listing, REPORT_DATE - timedelta(days=7))
            gone = _day_between(rng, date(2024, 1, 1), date(2026, 6, 30))
            listings.append((i + 1, "voso", listed, gone if rng.random() < 0.15 else None))
        elif i in gone_before:
            listed = _day_between(rng, first_listing, REPORT_DATE - timedelta(days=40))
            gone = _day_between(rng, listed + timedelta(days=14), REPORT_DATE - timedelta(days=7))
            listings.append((i + 1, "voso", listed, gone))
        elif rng.random() < 0.8:
            start = max(first_listing, REPORT_DATE + timedelta(days=20))
            listed = _day_between(rng, start, start + timedelta(days=300))
            listings.append((i + 1, "voso", listed, None))
        for platform, chance in OTHER_LISTINGS.items():
            if rng.random() < chance:
                listed = _day_between(rng, first_listing, first_listing + timedelta(days=400))
                listings.append((i + 1, platform, listed, None))
    listings.sort(key=lambda row: (row[2], row[0], row[1]))
    return [
        (n, product, platform, listed, gone if gone and gone <= until else None)
        for n, (product, platform, listed, gone) in enumerate(listings, start=1)
        if listed <= until
    ]


def seller_rows(seed: int, unit_id: dict[str, int], until: date) -> list[tuple]:
    """E-commerce seller accounts; exactly SELLERS_BY_REPORT opened by the report date."""
    rng = np.random.default_rng([seed, 50])
    span = (REPORT_DATE - SELLERS_FIRST_DAY).days + 1
    ramp = 1 + 4 * (np.arange(span) / span) ** 2  # the 2022 push on farmers' e-commerce
    early = rng.choice(span, SELLERS_BY_REPORT, p=ramp / ramp.sum())
    opened = [SELLERS_FIRST_DAY + timedelta(days=int(d)) for d in early]
    for month in months(REPORT_DATE + timedelta(days=1), HORIZON):
        first = max(month, REPORT_DATE + timedelta(days=1))
        for _ in range(rng.poisson(SELLERS_PER_MONTH_LATER)):
            opened.append(_day_between(rng, first, month_end(month)))
    opened.sort()
    n = len(opened)
    households = np.array([hh for _, _, hh in COMMUNES], dtype=float)
    codes = rng.choice([code for code, _, _ in COMMUNES], n, p=households / households.sum())
    platforms = rng.choice(list(PLATFORM_MIX), n, p=list(PLATFORM_MIX.values()))
    holders = rng.choice(list(HOLDER_MIX), n, p=list(HOLDER_MIX.values()))
    # From 1 July 2025 an account is opened in the merged commune.
    codes = [
        MERGED_INTO[str(code)] if day >= REORGANISED_ON else str(code)
        for code, day in zip(codes, opened, strict=True)
    ]
    return [
        (i + 1, unit_id[codes[i]], str(platforms[i]), str(holders[i]), day)
        for i, day in enumerate(opened)
        if day <= until
    ]
