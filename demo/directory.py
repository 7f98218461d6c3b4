"""The demo's fixed rows (units, procedures, officers) and the arrays drawn from them."""

from dataclasses import dataclass, replace
from datetime import date

import numpy as np

from demo.reference import (
    BRANCH,
    COMMUNES,
    DEPARTMENTS,
    DISTRICT,
    FEMALE_GIVEN,
    FEMALE_MIDDLE,
    FIELD_DEPARTMENT,
    LATE_PRONE_FIELDS,
    LOW_RATED_OFFICERS,
    MALE_GIVEN,
    MALE_MIDDLE,
    MERGED_COMMUNES,
    MERGED_INTO,
    OFFICERS_PER_UNIT,
    ONE_PLACE_FROM,
    PROCEDURES,
    PROVINCE,
    PROVINCE_DEPARTMENTS,
    PROVINCE_FIELD_DEPARTMENT,
    PROVINCE_RENAMED,
    REORGANISED_ON,
    SURNAMES,
)


def _weighted(pairs):
    names = [name for name, _ in pairs]
    weights = np.array([w for _, w in pairs], dtype=float)
    return names, weights / weights.sum()


class NameMaker:
    """Vietnamese full names: family name, middle name(s) by sex, given name."""

    def __init__(self):
        self.surnames, self.surname_p = _weighted(SURNAMES)
        self.middle = (_weighted(MALE_MIDDLE), _weighted(FEMALE_MIDDLE))
        self.given = (MALE_GIVEN, FEMALE_GIVEN)

    def make(self, rng: np.random.Generator, n: int) -> list[str]:
        female = rng.random(n) < 0.5
        family = rng.choice(self.surnames, size=n, p=self.surname_p)
        (male_mid, male_p), (female_mid, female_p) = self.middle
        middle = np.where(
            female,
            rng.choice(female_mid, size=n, p=female_p),
            rng.choice(male_mid, size=n, p=male_p),
        )
        given = np.where(
            female, rng.choice(self.given[1], size=n), rng.choice(self.given[0], size=n)
        )
        return [f"{a} {b} {c}" for a, b, c in zip(family, middle, given, strict=True)]


@dataclass
class Directory:
    """Rows of units, procedures and officers, plus lookups for the generator."""

    units: list[tuple]  # id, code, name, kind, parent_id, valid_from, valid_to
    successions: list[tuple]  # predecessor_id, successor_id, effective_on
    procedures: list[tuple]  # id, code, name, field, level, online_service, processing_days
    officers: list[tuple]  # id, unit_id, full_name
    unit_id: dict[str, int]
    # Receiving one-stops: index 0 is the district, then the communes in COMMUNES order
    # (the volume is drawn over these), then those of 1 July 2025: the centre, its point,
    # the merged communes in MERGED_COMMUNES order.
    receiving_ids: np.ndarray
    receiving_codes: list[str]
    households: np.ndarray  # per commune, for the split of commune volume
    # Per receiving one-stop of before 1 July 2025: the one that receives its dossiers
    # after (the district's: the centre, or its point; demo/dossiers.py).
    successor: np.ndarray
    point: int  # the centre's reception point
    # Per procedure (index = position in procedures).
    proc_ids: np.ndarray
    proc_level: np.ndarray
    proc_online: np.ndarray  # 0 none, 1 partial, 2 full
    proc_days: np.ndarray
    proc_fee: np.ndarray
    proc_weight: np.ndarray
    proc_late_prone: np.ndarray
    proc_fields: list[str]
    proc_department: np.ndarray  # handling department id (district and province procedures)
    proc_province: np.ndarray  # a district procedure's city copy (index), else -1
    # Officers in receiving one-stop order; those of one-stop i are at
    # officer_first[i] .. officer_first[i + 1] - 1.
    officer_ids: np.ndarray
    officer_low: np.ndarray  # rated noticeably lower
    officer_first: np.ndarray


ONLINE_LEVELS = {"none": 0, "partial": 1, "full": 2}


def _units() -> tuple[list[tuple], list[tuple]]:
    """The units (ids 1-21 as before the reorganisation, the city's from 22) and who took
    over from whom."""
    district_code, district_name = DISTRICT
    ended = REORGANISED_ON
    units = [[1, district_code, district_name, "district", None, None, ended]]
    for code, name, _ in COMMUNES:
        units.append([len(units) + 1, code, name, "commune", 1, None, ended])
    for code, name in DEPARTMENTS:
        units.append([len(units) + 1, code, name, "department", 1, None, ended])
    centre = len(units) + 1
    units[0][4] = centre  # a former district stands under the city's centre
    units.append([centre, *PROVINCE, "province", None, ended, None])
    units.append([centre + 1, *BRANCH, "branch", centre, ended, ONE_PLACE_FROM])
    for code, name, _ in MERGED_COMMUNES:
        units.append([len(units) + 1, code, name, "commune", centre, ended, None])
    for code, name in PROVINCE_DEPARTMENTS:
        units.append([len(units) + 1, code, name, "department", centre, ended, None])
    unit_id = {row[1]: row[0] for row in units}
    successions = [(centre + 1, centre, ONE_PLACE_FROM)]
    for code, _, predecessors in MERGED_COMMUNES:
        successions += [(unit_id[old], unit_id[code], ended) for old in predecessors]
    return [tuple(row) for row in units], sorted(successions)


def _procedures():
    """The procedures, then the city's copies of the district ones (level province)."""
    city = [
        replace(p, level="province", name=PROVINCE_RENAMED.get(p.code, p.name))
        for p in PROCEDURES
        if p.level == "district"
    ]
    return (*PROCEDURES, *city)


def _department(unit_id: dict[str, int], p) -> int:
    """The department that handles a district or province dossier; 0: the commune itself."""
    by_field = {"district": FIELD_DEPARTMENT, "province": PROVINCE_FIELD_DEPARTMENT}
    return unit_id[by_field[p.level][p.field]] if p.level in by_field else 0


def build_directory(seed: int) -> Directory:
    units, successions = _units()
    unit_id = {row[1]: row[0] for row in units}
    procs = _procedures()
    procedures = [
        (i + 1, p.code, p.name, p.field, p.level, p.online_service, p.processing_days)
        for i, p in enumerate(procs)
    ]
    district_code, _ = DISTRICT
    before = [district_code] + [code for code, _, _ in COMMUNES]
    after = [PROVINCE[0], BRANCH[0]] + [code for code, _, _ in MERGED_COMMUNES]
    receiving_codes = before + after
    # Names of the city's desks from their own stream: the others' stay as they were.
    names = []
    for seed_part, codes in ((7, before), (8, after)):
        count = sum(OFFICERS_PER_UNIT[code] for code in codes)
        names += NameMaker().make(np.random.default_rng([seed, seed_part]), count)
    officers, officer_low, officer_first = [], [], [0]
    for code in receiving_codes:
        for position in range(OFFICERS_PER_UNIT[code]):
            officers.append((len(officers) + 1, unit_id[code], names[len(officers)]))
            officer_low.append((code, position) in LOW_RATED_OFFICERS)
        officer_first.append(len(officers))
    successor = [receiving_codes.index(PROVINCE[0])]
    successor += [receiving_codes.index(MERGED_INTO[code]) for code in before[1:]]
    first_copy = len(PROCEDURES)
    district_procs = [i for i, p in enumerate(PROCEDURES) if p.level == "district"]
    province = np.full(len(procs), -1)
    province[district_procs] = np.arange(first_copy, first_copy + len(district_procs))

    return Directory(
        units=units,
        successions=successions,
        procedures=procedures,
        officers=officers,
        unit_id=unit_id,
        receiving_ids=np.array([unit_id[c] for c in receiving_codes]),
        receiving_codes=receiving_codes,
        households=np.array([hh for _, _, hh in COMMUNES], dtype=float),
        successor=np.array(successor),
        point=receiving_codes.index(BRANCH[0]),
        proc_ids=np.array([row[0] for row in procedures]),
        proc_level=np.array([p.level for p in procs]),
        proc_online=np.array([ONLINE_LEVELS[p.online_service] for p in procs]),
        proc_days=np.array([p.processing_days for p in procs]),
        proc_fee=np.array([p.fee for p in procs]),
        proc_weight=np.array([p.weight for p in procs]),
        proc_late_prone=np.array([p.field in LATE_PRONE_FIELDS for p in procs]),
        proc_fields=[p.field for p in procs],
        proc_department=np.array([_department(unit_id, p) for p in procs]),
        proc_province=province,
        officer_ids=np.array([row[0] for row in officers]),
        officer_low=np.array(officer_low),
        officer_first=np.array(officer_first),
    )


def known_on(directory: Directory, until: date) -> dict[str, list[tuple]]:
    """The directory's rows as a register kept up to `until` holds them: no unit, officer,
    procedure or succession from after it, and no end after it."""
    started = {row[0] for row in directory.units if row[5] is None or row[5] <= until}

    def end(day):
        return day if day is not None and day <= until else None

    units = [
        (*row[:4], row[4] if row[4] in started else None, row[5], end(row[6]))
        for row in directory.units
        if row[0] in started
    ]
    city_procedures = until >= REORGANISED_ON
    return {
        "units": units,
        "unit_successions": [row for row in directory.successions if row[2] <= until],
        "procedures": [
            row for row in directory.procedures if row[4] != "province" or city_procedures
        ],
        "officers": [row for row in directory.officers if row[1] in started],
    }
