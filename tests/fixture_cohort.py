"""A small one-stop database whose cohort figures are worked out by hand.

Period under test: 2022-03-01 … 2022-03-31, so as_of = 2022-04-01 00:00.
Each dossier's comment says where it lands; the expectations in
test_cohort_queries.py add these up.
"""

from datetime import datetime as dt

from tests import fixture_common as common

PERIOD = ("2022-03-01", "2022-03-31")

UNITS = common.UNITS
PROCEDURES = common.PROCEDURES


def _dossier(id, unit, handling, channel, received, due, finished, status, procedure=2):
    return common.dossier(
        id, f"HS-{id:03d}", procedure, unit, handling, channel, received, due, finished, status
    )


DOSSIERS = [
    # District one-stop (unit 1).
    # 1: received exactly at the period's first midnight; finished the day before due: early.
    _dossier(
        1, 1, 5, "counter", dt(2022, 3, 1), dt(2022, 3, 10, 17), dt(2022, 3, 9, 10), "resolved"
    ),
    # 2: finished exactly at due_at: on time.
    _dossier(
        2, 1, 5, "online", dt(2022, 3, 2, 8), dt(2022, 3, 10, 17), dt(2022, 3, 10, 17), "resolved"
    ),
    # 3: finished on the due day one second after the due time: late.
    _dossier(
        3,
        1,
        5,
        "counter",
        dt(2022, 3, 2, 8),
        dt(2022, 3, 10, 17),
        dt(2022, 3, 10, 17, 0, 1),
        "resolved",
    ),
    # 4: finished on the due day before the due time: on time, not early.
    _dossier(
        4, 1, 4, "counter", dt(2022, 3, 3, 8), dt(2022, 3, 3, 17), dt(2022, 3, 3, 9), "resolved"
    ),
    # 5: refused before the due day: counts as finished, early.
    _dossier(
        5, 1, 4, "postal", dt(2022, 3, 4, 8), dt(2022, 3, 8, 17), dt(2022, 3, 4, 15), "refused"
    ),
    # 6: withdrawn.
    _dossier(
        6, 1, 4, "counter", dt(2022, 3, 5, 8), dt(2022, 3, 9, 17), dt(2022, 3, 6, 9), "withdrawn"
    ),
    # 7: received Sunday 20/3, open past due: open, overdue.
    _dossier(7, 1, 5, "counter", dt(2022, 3, 20, 9), dt(2022, 3, 25, 17), None, "processing"),
    # 8: paused past due: open, not overdue.
    _dossier(8, 1, 5, "counter", dt(2022, 3, 21, 9), dt(2022, 3, 25, 17), None, "paused"),
    # 9: due after the period: open, not overdue.
    _dossier(9, 1, 5, "counter", dt(2022, 3, 28, 9), dt(2022, 4, 5, 17), None, "processing"),
    # 10: resolved only after as_of, due before it: open and overdue as of the period's end.
    _dossier(
        10, 1, 5, "counter", dt(2022, 3, 29, 9), dt(2022, 3, 30, 17), dt(2022, 4, 2, 9), "resolved"
    ),
    # 11: last second of the period, no handling unit yet, due exactly at as_of: not overdue.
    _dossier(
        11, 1, None, "online", dt(2022, 3, 31, 23, 59, 59), dt(2022, 4, 1), None, "processing"
    ),
    # 12, 13: just outside the period on either side.
    _dossier(12, 1, 4, "counter", dt(2022, 4, 1), dt(2022, 4, 1, 17), None, "processing"),
    _dossier(
        13,
        1,
        4,
        "counter",
        dt(2022, 2, 28, 23, 59, 59),
        dt(2022, 3, 1, 17),
        dt(2022, 3, 1, 9),
        "resolved",
    ),
    # Commune Một Ngàn (unit 2), handled by itself.
    # 14: same-day procedure finished before the due time: on time.
    _dossier(
        14,
        2,
        2,
        "online",
        dt(2022, 3, 7, 8),
        dt(2022, 3, 7, 17),
        dt(2022, 3, 7, 16),
        "resolved",
        procedure=1,
    ),
    # 15: early.
    _dossier(
        15,
        2,
        2,
        "online",
        dt(2022, 3, 7, 9),
        dt(2022, 3, 8, 17),
        dt(2022, 3, 7, 11),
        "resolved",
        procedure=1,
    ),
    # 16: late (next morning).
    _dossier(
        16,
        2,
        2,
        "counter",
        dt(2022, 3, 8, 9),
        dt(2022, 3, 8, 17),
        dt(2022, 3, 9, 8),
        "resolved",
        procedure=1,
    ),
    # 17: withdrawn half a second before as_of (a fraction of a second in the data).
    _dossier(
        17,
        2,
        2,
        "counter",
        dt(2022, 3, 15, 9),
        dt(2022, 3, 16, 17),
        dt(2022, 3, 31, 23, 59, 59, 500000),
        "withdrawn",
        procedure=1,
    ),
    # 18: resolved exactly at as_of: not finished by then, so open and overdue.
    _dossier(
        18,
        2,
        2,
        "counter",
        dt(2022, 3, 30, 8),
        dt(2022, 3, 31, 17),
        dt(2022, 4, 1),
        "resolved",
        procedure=1,
    ),
    # Bảy Ngàn (unit 3) received nothing: it must still be listed, with zeros.
]

ROWS = {"units": UNITS, "procedures": PROCEDURES, "dossiers": DOSSIERS}
