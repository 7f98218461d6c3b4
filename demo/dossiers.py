"""Dossiers and their ratings, generated one calendar year at a time.

Each year draws from its own random stream (`[seed, year]`), so a year's
dossiers never depend on `until`: build() censors them afterwards. A dossier
carries its whole future: when it will finish and how (resolved, refused,
withdrawn), and whether it was paused waiting on the applicant (the source
system then moves the appointment by the working time paused).
"""

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from demo.calendar import DAY, OPEN, WorkCalendar, tet_days, to_seconds
from demo.directory import Directory, NameMaker
from demo.lives import (
    COHORT_AS_OF,
    COHORT_START,
    COHORT_TARGETS,
    NEVER,
    WITHDRAWN,
    draw_lives,
    pin_cohort,
)
from demo.reference import (
    AT_THE_POINT,
    DISSATISFIED_COMMENTS,
    LATE_REASONS,
    ONE_PLACE_FROM,
    REORGANISED_ON,
    SATISFIED_COMMENTS,
    SOFTWARE_LATE,
    TET,
)

COUNTER, ONLINE, POSTAL = 0, 1, 2
# The 766 estimate's optional columns are recorded from this day on (null before: the
# one-stop software did not ask); the shares digitised, online and at the counter.
DIGITISED_FROM = date(2024, 1, 1)
COMPONENTS_DIGITISED = {True: 0.92, False: 0.7}
RESULT_DIGITISED = {True: 0.85, False: 0.6}
VERY_SATISFIED, SATISFIED, DISSATISFIED = 0, 1, 2


@dataclass(frozen=True)
class YearProfile:
    """How a year looked: volumes at scale 1, online uptake, lateness, rating habits."""

    district_volume: float
    commune_volume: float
    district_online: float  # chance an online-capable dossier comes in online
    commune_online: float
    late_factor: float
    pay_online: float  # chance an online dossier with a fee is paid online
    rated: float  # chance a counter dossier is rated on the tablet


PROFILES = {
    2021: YearProfile(5600, 23500, 0.07, 0.40, 1.5, 0.25, 0.35),
    2022: YearProfile(6450, 28700, 0.18, 0.93, 1.0, 0.45, 0.55),
    2023: YearProfile(6300, 27800, 0.30, 0.95, 0.8, 0.60, 0.62),
    2024: YearProfile(6150, 27100, 0.40, 0.96, 0.7, 0.70, 0.65),
    2025: YearProfile(6000, 26500, 0.48, 0.97, 0.7, 0.75, 0.65),
}

WEEKDAY_FACTOR = np.array([1.15, 1.05, 1.0, 1.0, 0.95, 0.25, 0.01])  # Monday .. Sunday
PRE_TET = (-12, -3, 1.25)  # the rush before Tết: days from Tết, factor
POST_TET = (5, 10, 0.7)  # the slow restart after it
COVID = (date(2021, 7, 19), date(2021, 9, 30), 0.45)  # social distancing in Hậu Giang
# Hour-of-day weights from 07:00: weekdays (lunch dip), Saturday morning, Sunday duty.
HOUR_WEIGHTS = (
    np.array([1.0, 1.4, 1.4, 1.2, 0.6, 0.15, 0.7, 1.1, 1.0, 0.5]),
    np.array([1.0, 1.3, 1.2, 0.9, 0.3, 0, 0, 0, 0, 0]),
    np.array([0, 1.0, 1.0, 1.0, 0, 0, 0, 0, 0, 0]),
)


def profile(year: int) -> YearProfile:
    return PROFILES.get(year) or PROFILES[max(PROFILES)]


@dataclass
class YearData:
    """All dossiers received in one year (uncensored) and the ratings given on them."""

    dossiers: dict[str, np.ndarray]
    ratings: dict[str, np.ndarray]


def day_weights(cal: WorkCalendar, year: int) -> tuple[np.ndarray, np.ndarray]:
    """The year's days (epoch seconds at midnight) and their relative dossier volume."""
    first, last = to_seconds(date(year, 1, 1)) // DAY, to_seconds(date(year, 12, 31)) // DAY
    index = np.arange(first, last + 1) - cal.days[0]
    days = cal.days[index]
    weights = WEEKDAY_FACTOR[cal.weekday[index]].copy()
    closed = np.isin(days, [to_seconds(d) // DAY for d in tet_days()])
    closed |= (~cal.working[index]) & (cal.weekday[index] < 5)  # public holidays
    weights[closed] = 0.0
    for tet in TET:
        t = to_seconds(tet) // DAY
        for low, high, factor in (PRE_TET, POST_TET):
            weights[(days >= t + low) & (days < t + high) & ~closed] *= factor
    low, high, factor = COVID
    weights[(days >= to_seconds(low) // DAY) & (days <= to_seconds(high) // DAY)] *= factor
    return days * DAY, weights


def _receipt_counts(rng, directory, days, weights, year, scale) -> np.ndarray:
    """Dossiers per (receiving unit, day): Poisson, or an exact total in the pinned cohort."""
    shares = directory.households / directory.households.sum()
    groups = (
        ("district", np.array([0]), np.array([1.0]), profile(year).district_volume),
        ("commune", np.arange(1, len(shares) + 1), shares, profile(year).commune_volume),
    )
    counts = np.zeros((1 + len(shares), len(days)), dtype=np.int64)
    for kind, members, unit_share, volume in groups:
        grid = np.outer(unit_share, weights)
        if year != COHORT_START.year:
            counts[members] = rng.poisson(grid * volume * scale / grid.sum())
            continue
        # The cohort window gets its exact total; the rest of the year the same daily rate.
        window = days < to_seconds(COHORT_AS_OF)
        total = COHORT_TARGETS[kind].scaled(scale).received
        inside = grid[:, window]
        exact = rng.multinomial(total, (inside / inside.sum()).ravel()).reshape(inside.shape)
        block = np.zeros_like(grid, dtype=np.int64)
        block[:, window] = exact
        block[:, ~window] = rng.poisson(grid[:, ~window] * total / inside.sum())
        counts[members] = block
    return counts


def _receipt_times(rng, cal, days, day_index) -> np.ndarray:
    weekday = cal.weekday[days[day_index] // DAY - cal.days[0]]
    day_type = np.clip(weekday - 4, 0, 2)  # 0 weekday, 1 Saturday, 2 Sunday
    seconds = np.empty(len(day_index), dtype=np.int64)
    for kind, hours in enumerate(HOUR_WEIGHTS):
        chosen = day_type == kind
        hour = rng.choice(len(hours), size=chosen.sum(), p=hours / hours.sum())
        limit = np.where((kind == 1) & (hour == 4), 1800, 3600)  # Saturdays close at 11:30
        seconds[chosen] = OPEN + hour * 3600 + (rng.random(chosen.sum()) * limit).astype(np.int64)
    return days[day_index] + seconds


def online_weight(capable: np.ndarray) -> np.ndarray:
    """How readily a procedure is used online: full service 1, partial 0.9, none 0."""
    return np.select([capable == 2, capable == 1], [1.0, 0.9], 0.0)


def _channels(rng, directory, year, proc, district, pinned=None) -> np.ndarray:
    """counter / online / postal; in the pinned cohort online exactly where it says."""
    p = profile(year)
    capable = directory.proc_online[proc]
    base = np.where(district, p.district_online, p.commune_online)
    p_online = base * online_weight(capable)
    online = rng.random(len(proc)) < p_online
    postal = rng.random(len(proc)) < 0.015
    channel = np.where(online, ONLINE, np.where(postal, POSTAL, COUNTER))
    if pinned is not None:
        channel[pinned.members & (channel == ONLINE)] = COUNTER
        channel[pinned.online] = ONLINE
    return channel


def _late_reasons(rng, directory, proc, district, late) -> np.ndarray:
    reasons = np.full(len(proc), None, dtype=object)
    for i in np.flatnonzero(late):
        pool = LATE_REASONS.get(directory.proc_fields[proc[i]], LATE_REASONS[None])
        if district[i] and rng.random() < 0.4:
            reasons[i] = SOFTWARE_LATE
        else:
            reasons[i] = pool[rng.integers(len(pool))]
    return reasons


def _codes(unit_codes, unit_index, received) -> list[str]:
    """Receipt numbers: one-stop code, receipt date, sequence of that day (received sorted)."""
    frame = pd.DataFrame({"unit": unit_index, "day": received // DAY})
    sequence = frame.groupby(["unit", "day"]).cumcount().to_numpy() + 1
    day = (received // DAY).astype("datetime64[D]")
    month = day.astype("datetime64[M]")
    year = month.astype("datetime64[Y]").astype(np.int64) + 1970
    yymmdd = (year % 100) * 10_000 + (month.astype(np.int64) % 12 + 1) * 100
    yymmdd += (day - month).astype(np.int64) + 1
    return [
        f"{unit_codes[u]}-{d:06d}-{q:04d}"
        for u, d, q in zip(unit_index.tolist(), yymmdd.tolist(), sequence.tolist(), strict=True)
    ]


def generate_year(
    directory: Directory, cal: WorkCalendar, year: int, seed: int, scale: float
) -> YearData:
    rng = np.random.default_rng([seed, year])
    days, weights = day_weights(cal, year)
    counts = _receipt_counts(rng, directory, days, weights, year, scale)
    unit_grid, day_grid = np.indices(counts.shape)
    unit_index = np.repeat(unit_grid.ravel(), counts.ravel())
    received = _receipt_times(rng, cal, days, np.repeat(day_grid.ravel(), counts.ravel()))
    order = np.lexsort((unit_index, received))
    unit_index, received = unit_index[order], received[order]
    district = unit_index == 0
    n = len(received)

    procs_district = np.flatnonzero(directory.proc_level == "district")
    procs_commune = np.flatnonzero(directory.proc_level == "commune")
    proc = np.where(
        district,
        rng.choice(procs_district, n, p=_share(directory.proc_weight[procs_district])),
        rng.choice(procs_commune, n, p=_share(directory.proc_weight[procs_commune])),
    )
    days_allowed = directory.proc_days[proc]
    late_prone = directory.proc_late_prone[proc]
    lives = draw_lives(
        rng, cal, received, days_allowed, late_prone, district, profile(year).late_factor
    )
    pinned = None
    if year == COHORT_START.year:
        capable = directory.proc_online[proc]
        pinned = pin_cohort(
            np.random.default_rng([seed, year, 1]),
            cal,
            lives,
            district,
            capable > 0,
            online_weight(capable),
            scale,
        )
    channel = _channels(rng, directory, year, proc, district, pinned)

    ended = (lives["finish"] != NEVER) & (lives["fate"] != WITHDRAWN)
    late = ended & (lives["finish"] > lives["due"])
    reasons = _late_reasons(rng, directory, proc, district, late)
    if pinned is not None:
        reasons[pinned.district_late] = SOFTWARE_LATE

    # The receiving officer: any of the one-stop's staff.
    first = directory.officer_first[unit_index]
    staff = directory.officer_first[unit_index + 1] - first
    officer = first + (rng.random(n) * staff).astype(np.int64)

    fee = directory.proc_fee[proc] & (rng.random(n) > 0.03)  # policy beneficiaries are exempt
    pay_online = np.where(channel == ONLINE, profile(year).pay_online, 0.02)
    paid_online = fee & (rng.random(n) < pay_online)
    components_digitised, result_digitised = _digitised(
        np.random.default_rng([seed, year, 3]), received, channel == ONLINE
    )
    unit_index, proc, officer = _reorganise(
        np.random.default_rng([seed, year, 2]), directory, received, channel,
        unit_index, proc, officer,
    )  # fmt: skip
    department = directory.proc_department[proc]
    handling = np.where(department > 0, department, directory.receiving_ids[unit_index])

    dossiers = dict(lives)
    dossiers.update(
        code=np.array(_codes(directory.receiving_codes, unit_index, received), dtype=object),
        procedure_id=directory.proc_ids[proc],
        received_unit_id=directory.receiving_ids[unit_index],
        handling_unit_id=handling,
        officer_id=directory.officer_ids[officer],
        channel=channel,
        late_reason=reasons,
        applicant_name=np.array(NameMaker().make(rng, n), dtype=object),
        fee_required=fee,
        fee_paid_online=paid_online,
        components_digitised=components_digitised,
        result_digitised=result_digitised,
    )
    ratings = _ratings(rng, year, dossiers, directory.officer_low[officer])
    return YearData(dossiers=dossiers, ratings=ratings)


def _digitised(rng, received, online):
    """Whether each dossier's components were digitised and its result issued
    electronically (None before DIGITISED_FROM: not recorded), in a random stream of
    their own so that every other draw stays as it was. A result is kept only for a
    dossier resolved by the demo's cutoff (demo.builder.censor_dossiers)."""
    recorded = received >= to_seconds(DIGITISED_FROM)
    shares = np.where(online, COMPONENTS_DIGITISED[True], COMPONENTS_DIGITISED[False])
    components = rng.random(len(received)) < shares
    shares = np.where(online, RESULT_DIGITISED[True], RESULT_DIGITISED[False])
    result = rng.random(len(received)) < shares
    # As Python's True and False (a database driver takes no NumPy booleans), or None.
    return (
        np.where(recorded, components.astype(object), None),
        np.where(recorded, result.astype(object), None),
    )


def _reorganise(rng, directory, received, channel, unit_index, proc, officer):
    """From 1 July 2025 the same people's dossiers go to the units that took over: a
    commune's to its merged commune, the district's (as the city's procedures) to the
    city's centre, or at the counter often to its reception point while it served.
    Their own random stream: the draws above, and every dossier before, stay as they were.
    """
    moved = np.flatnonzero(received >= to_seconds(REORGANISED_ON))
    if not len(moved):
        return unit_index, proc, officer
    unit_index, proc, officer = unit_index.copy(), proc.copy(), officer.copy()
    district = unit_index[moved] == 0
    at_point = (
        district
        & (channel[moved] == COUNTER)
        & (received[moved] < to_seconds(ONE_PLACE_FROM))
        & (rng.random(len(moved)) < AT_THE_POINT)
    )
    slot = np.where(at_point, directory.point, directory.successor[unit_index[moved]])
    proc[moved] = np.where(district, directory.proc_province[proc[moved]], proc[moved])
    first = directory.officer_first[slot]
    staff = directory.officer_first[slot + 1] - first
    officer[moved] = first + (rng.random(len(moved)) * staff).astype(np.int64)
    unit_index[moved] = slot
    return unit_index, proc, officer


def _share(weights: np.ndarray) -> np.ndarray:
    return weights / weights.sum()


def _ratings(rng, year, dossiers, officer_low) -> dict[str, np.ndarray]:
    """Tablet ratings at the counter, a few minutes after the dossier is received."""
    n = len(officer_low)
    rated = (dossiers["channel"] == COUNTER) & (rng.random(n) < profile(year).rated)
    delay = rng.integers(60, 900, n)
    u = rng.random(n)
    p_dissatisfied = np.where(officer_low, 0.035, 0.0035)
    level = np.where(
        u < p_dissatisfied,
        DISSATISFIED,
        np.where(u < p_dissatisfied + 0.27, SATISFIED, VERY_SATISFIED),
    )
    comment = np.full(n, None, dtype=object)
    unhappy = level == DISSATISFIED
    comment[unhappy] = rng.choice(DISSATISFIED_COMMENTS, unhappy.sum())
    happy = ~unhappy & (rng.random(n) < 0.03)
    comment[happy] = rng.choice(SATISFIED_COMMENTS, happy.sum())
    return {
        "dossier_index": np.flatnonzero(rated),
        "unit_id": dossiers["received_unit_id"][rated],
        "officer_id": dossiers["officer_id"][rated],
        "rated_at": dossiers["received"][rated] + delay[rated],
        "level": level[rated],
        "comment": comment[rated],
    }
