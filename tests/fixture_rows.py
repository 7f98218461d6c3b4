"""Rows that broke figures after the first round (issue 17, items 4 and 5), with what each
page must make of them worked out by hand (built with `make_db(..., loose=True)`: tables
without any constraint, so that ids and codes can repeat, as a view may hand them over).

Week under test: Tuần 45/2024, Monday 04/11 to Sunday 10/11 (as_of 11/11 00:00); NOW is
20/11/2024 12:00. Timestamps a Python `datetime` cannot hold are written as the engine
stores them (`rows(backend)`): `infinity`, `-infinity`, a year BC, a time zone.

Units: CTA twice (the same row), CTA-MN twice (ids 2 and 6: id 6 is read as a unit missing
from `units`), P-TP its own parent, X-NA1 and X-NA2 both read "Xã Nhơn Ái" once cleaned
(a zero-width space; decomposed letters), and the procedure's name carries a right-to-left
override.

Received in W45 (13 of the 15 rows): CTA 7 (r1 r6 r7 r8 r8b r12 r15), CTA-MN 3 (r2 r9 r9b),
the unknown unit 1 (r3, unit 6), X-NA1 1 (r4), X-NA2 1 (r5). r13 (1900) and r14 (BC) are
received in no week here.
Overdue at the end of W45, most days first: r6 (due -infinity: no date, no days), r2 and r3
(4 days), r7 (2: its finish, `infinity`, is never reached), r15 (1). Late: r12 (due before
it was received). The week as a flow adds r13 (days from 05/01/1900) and r14 (due 01/11).
"""

import unicodedata
from datetime import datetime as dt

from tests import fixture_common as common

NOW = dt(2024, 11, 20, 12)
WEEK = (2024, 45)
NHON_AI = "Xã Nhơn Ái"
UNITS = [
    common.DISTRICT,
    common.DISTRICT,  # the same row twice: its dossiers count once
    common.MOT_NGAN,
    {**common.MOT_NGAN, "id": 6, "name": "Xã Trùng Mã"},  # CTA-MN again, another id
    {**common.TU_PHAP, "parent_id": 4},  # its own parent
    {"id": 7, "code": "X-NA1", "name": "Xã Nhơn\u200b Ái", "kind": "commune", "parent_id": 1},
    {
        "id": 8,
        "code": "X-NA2",
        "name": unicodedata.normalize("NFD", NHON_AI),
        "kind": "commune",
        "parent_id": 1,
    },
]
PROCEDURES = [{**common.BIRTH, "name": "\u202eĐăng ký khai sinh"}]

# Stand-ins for what a datetime cannot hold, replaced per engine by rows().
INFINITY, MINUS_INFINITY, BC, WITH_ZONE = "<inf>", "<-inf>", "<bc>", "<zone>"
_STORED = {
    "postgresql": {
        INFINITY: "infinity",
        MINUS_INFINITY: "-infinity",
        BC: "0044-03-15 08:00:00 BC",
        # A `timestamp` column drops the zone as the row is written: nothing left to count.
        WITH_ZONE: "2024-11-09 10:00:00+07:00",
    },
    "sqlite": {
        INFINITY: "infinity",
        MINUS_INFINITY: "-infinity",
        BC: "-0044-03-15 08:00:00",
        WITH_ZONE: "2024-11-09 10:00:00+07:00",
    },
}


def _d(n, code, unit, received, due, finished, status):
    return common.dossier(n, code, 1, unit, unit, "counter", received, due, finished, status)


DOSSIERS = [
    _d(1, "r1", 1, dt(2024, 11, 4, 8), dt(2024, 11, 6, 17), dt(2024, 11, 5, 10), "resolved"),
    _d(2, "r2", 2, dt(2024, 11, 5, 8), dt(2024, 11, 6, 17), None, "processing"),
    _d(3, "r3", 6, dt(2024, 11, 5, 9), dt(2024, 11, 6, 17), None, "processing"),
    _d(4, "r4", 7, dt(2024, 11, 6, 8), dt(2024, 11, 8, 17), dt(2024, 11, 7), "resolved"),
    _d(5, "r5", 8, dt(2024, 11, 6, 9), INFINITY, None, "processing"),  # never due
    _d(6, "r6", 1, dt(2024, 11, 7, 8), MINUS_INFINITY, None, "processing"),  # always overdue
    _d(7, "r7", 1, dt(2024, 11, 7, 9), dt(2024, 11, 8, 17), INFINITY, "resolved"),  # open
    _d(8, "r8", 1, dt(2024, 11, 8, 8), dt(2024, 11, 12, 17), None, "processing"),
    _d(8, "r8b", 1, dt(2024, 11, 8, 8), dt(2024, 11, 12, 17), None, "processing"),  # id 8 again
    _d(10, "r9", 2, dt(2024, 11, 8, 9), dt(2024, 11, 12, 17), None, "processing"),
    _d(11, "r9", 2, dt(2024, 11, 8, 9), dt(2024, 11, 12, 17), None, "processing"),  # code r9 again
    # Due an hour before it was received, finished after: late by its dates.
    _d(12, "r12", 1, dt(2024, 11, 8, 10), dt(2024, 11, 8, 9), dt(2024, 11, 8, 11), "resolved"),
    _d(13, "r13", 1, dt(1900, 1, 1, 8), dt(1900, 1, 5, 17), None, "processing"),
    _d(14, "r14", 1, BC, dt(2024, 11, 1, 17), None, "processing"),
    _d(15, "r15", 1, WITH_ZONE, dt(2024, 11, 9, 17), None, "processing"),
]


def rows(backend: str) -> dict:
    """The fixture's rows as `backend` stores them."""
    stored = _STORED["sqlite" if backend.startswith("sqlite") else "postgresql"]
    dossiers = [
        {k: stored.get(v, v) if isinstance(v, str) else v for k, v in r.items()} for r in DOSSIERS
    ]
    return {"units": UNITS, "procedures": PROCEDURES, "dossiers": dossiers}


# dashboard.quality.audit's counts of names shown cleaned: X-NA1 and X-NA2, the procedure.
CLEANED = {"unit_name_cleaned": 2, "procedure_name_cleaned": 1}


def quality(backend: str) -> dict:
    """queries.quality.quality_counts at NOW for the problems planted here (the rest: 0)."""
    return {
        "received_unit_unknown": 1,  # r3: its unit's code belongs to unit 2
        "handling_unit_unknown": 1,  # r3
        "unit_duplicate": 1,  # CTA's second row
        "unit_code_duplicate": 1,  # unit 6
        "unit_own_parent": 1,  # P-TP
        "dossier_id_duplicate": 2,  # r8 r8b
        "dossier_code_duplicate": 2,  # the two r9
        "due_before_received": 1,  # r12
        "timestamp_infinite": 3,  # r5 r6 r7
        "timestamp_too_early": 2,  # r13 r14
        "timestamp_with_zone": 0 if backend == "postgresql" else 1,  # r15
    }
