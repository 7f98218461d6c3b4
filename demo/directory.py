"""The demo's fixed rows (units, procedures, officers) and the arrays drawn from them."""

from dataclasses import dataclass

import numpy as np

from demo.reference import (
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
    OFFICERS_PER_UNIT,
    PROCEDURES,
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

    units: list[tuple]  # id, code, name, kind, parent_id
    procedures: list[tuple]  # id, code, name, field, level, online_service, processing_days
    officers: list[tuple]  # id, unit_id, full_name
    unit_id: dict[str, int]
    # Receiving one-stops: index 0 is the district, then the communes in COMMUNES order.
    receiving_ids: np.ndarray
    receiving_codes: list[str]
    households: np.ndarray  # per commune, for the split of commune volume
    # Per procedure (index = position in PROCEDURES).
    proc_ids: np.ndarray
    proc_level_district: np.ndarray
    proc_online: np.ndarray  # 0 none, 1 partial, 2 full
    proc_days: np.ndarray
    proc_fee: np.ndarray
    proc_weight: np.ndarray
    proc_late_prone: np.ndarray
    proc_fields: list[str]
    proc_department: np.ndarray  # handling department id (district procedures)
    # Officers in receiving one-stop order; those of one-stop i are at
    # officer_first[i] .. officer_first[i + 1] - 1.
    officer_ids: np.ndarray
    officer_low: np.ndarray  # rated noticeably lower
    officer_first: np.ndarray


ONLINE_LEVELS = {"none": 0, "partial": 1, "full": 2}


def build_directory(seed: int) -> Directory:
    district_code, district_name = DISTRICT
    units = [(1, district_code, district_name, "district", None)]
    for code, name, _ in COMMUNES:
        units.append((len(units) + 1, code, name, "commune", 1))
    for code, name in DEPARTMENTS:
        units.append((len(units) + 1, code, name, "department", 1))
    unit_id = {row[1]: row[0] for row in units}

    procedures = [
        (i + 1, p.code, p.name, p.field, p.level, p.online_service, p.processing_days)
        for i, p in enumerate(PROCEDURES)
    ]
    receiving_codes = [district_code] + [code for code, _, _ in COMMUNES]
    names = NameMaker().make(np.random.default_rng([seed, 7]), sum(OFFICERS_PER_UNIT.values()))
    officers, officer_low, officer_first = [], [], [0]
    for code in receiving_codes:
        for position in range(OFFICERS_PER_UNIT[code]):
            officers.append((len(officers) + 1, unit_id[code], names[len(officers)]))
            officer_low.append((code, position) in LOW_RATED_OFFICERS)
        officer_first.append(len(officers))

    return Directory(
        units=units,
        procedures=procedures,
        officers=officers,
        unit_id=unit_id,
        receiving_ids=np.array([unit_id[c] for c in receiving_codes]),
        receiving_codes=receiving_codes,
        households=np.array([hh for _, _, hh in COMMUNES], dtype=float),
        proc_ids=np.array([row[0] for row in procedures]),
        proc_level_district=np.array([p.level == "district" for p in PROCEDURES]),
        proc_online=np.array([ONLINE_LEVELS[p.online_service] for p in PROCEDURES]),
        proc_days=np.array([p.processing_days for p in PROCEDURES]),
        proc_fee=np.array([p.fee for p in PROCEDURES]),
        proc_weight=np.array([p.weight for p in PROCEDURES]),
        proc_late_prone=np.array([p.field in LATE_PRONE_FIELDS for p in PROCEDURES]),
        proc_fields=[p.field for p in PROCEDURES],
        proc_department=np.array(
            [unit_id[FIELD_DEPARTMENT[p.field]] if p.level == "district" else 0 for p in PROCEDURES]
        ),
        officer_ids=np.array([row[0] for row in officers]),
        officer_low=np.array(officer_low),
        officer_first=np.array(officer_first),
    )
