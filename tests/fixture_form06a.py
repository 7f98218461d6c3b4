"""A small one-stop database whose Biểu II.06a is worked out by hand.

Period under test: 2022-03-01 … 2022-03-31, so as_of = 2022-04-01 00:00.
Each dossier's comment names the form columns it lands in; the expectations
in test_form06a_query.py add these up.
"""

from datetime import datetime as dt

from tests import fixture_common as common

PERIOD = ("2022-03-01", "2022-03-31")

UNITS = [
    {**common.DISTRICT, "name": "Một cửa huyện"},
    common.MOT_NGAN,
    common.BAY_NGAN,
    {**common.TAI_NGUYEN, "id": 4},
]

LAND, CIVIL, CERTIFY = 1, 2, 3
PROCEDURES = [
    {**common.LAND, "id": LAND},
    {**common.BIRTH, "id": CIVIL},
    {
        "id": CERTIFY,
        "code": "2.000815",
        "name": "Chứng thực bản sao",
        "field": "Chứng thực",
        "level": "commune",
        "online_service": "partial",
        "processing_days": 0,
    },
]


def _dossier(id, unit, channel, received, due, finished, status, procedure=LAND):
    handling = 4 if unit == 1 else unit
    return common.dossier(
        id, f"HS-{id:03d}", procedure, unit, handling, channel, received, due, finished, status
    )


DOSSIERS = [
    # District one-stop (unit 1), field Đất đai.
    # 1: received at the period's first midnight, finished the day before due: 5, 7, 8.
    _dossier(1, 1, "counter", dt(2022, 3, 1), dt(2022, 3, 10, 17), dt(2022, 3, 9, 10), "resolved"),
    # 2: online, finished exactly at due_at: 4, 7, 9.
    _dossier(
        2, 1, "online", dt(2022, 3, 2, 8), dt(2022, 3, 10, 17), dt(2022, 3, 10, 17), "resolved"
    ),
    # 3: finished one second after the due time: 5, 7, 10.
    _dossier(
        3,
        1,
        "counter",
        dt(2022, 3, 2, 8),
        dt(2022, 3, 10, 17),
        dt(2022, 3, 10, 17, 0, 1),
        "resolved",
    ),
    # 4: postal, finished on the due day before the due time (on time, not early): 5, 7, 9.
    _dossier(4, 1, "postal", dt(2022, 3, 3, 8), dt(2022, 3, 3, 17), dt(2022, 3, 3, 9), "resolved"),
    # 5: refused days before due: on time by the footnote, never early: 5, 7, 9.
    _dossier(5, 1, "counter", dt(2022, 3, 4, 8), dt(2022, 3, 8, 17), dt(2022, 3, 4, 15), "refused"),
    # 6: online, withdrawn: 4, 7, 9.
    _dossier(6, 1, "online", dt(2022, 3, 5, 8), dt(2022, 3, 9, 17), dt(2022, 3, 6, 9), "withdrawn"),
    # 7: carried over, still open and past due: 6, 11, 13.
    _dossier(7, 1, "counter", dt(2022, 2, 20, 9), dt(2022, 3, 5, 17), None, "processing"),
    # 8: carried over, resolved late in the period: 6, 7, 10.
    _dossier(
        8, 1, "counter", dt(2022, 2, 25, 9), dt(2022, 2, 28, 17), dt(2022, 3, 2, 9), "resolved"
    ),
    # 9: carried over, finished exactly at the start's midnight (not before start), due
    #    later that day: 6, 7, 9.
    _dossier(9, 1, "counter", dt(2022, 2, 26, 9), dt(2022, 3, 1, 17), dt(2022, 3, 1), "resolved"),
    # 10: finished one second before the start: not in the form at all.
    _dossier(
        10,
        1,
        "counter",
        dt(2022, 2, 26, 9),
        dt(2022, 3, 1, 17),
        dt(2022, 2, 28, 23, 59, 59),
        "resolved",
    ),
    # 11: carried over, paused, due date long passed: within the deadline: 6, 11, 12.
    _dossier(11, 1, "counter", dt(2022, 2, 1, 9), dt(2022, 2, 28, 17), None, "paused"),
    # 12: open past due: 5, 11, 13.
    _dossier(12, 1, "counter", dt(2022, 3, 20, 9), dt(2022, 3, 25, 17), None, "processing"),
    # 13: paused past due: 5, 11, 12.
    _dossier(13, 1, "counter", dt(2022, 3, 21, 9), dt(2022, 3, 25, 17), None, "paused"),
    # 14: due after the period: 5, 11, 12.
    _dossier(14, 1, "counter", dt(2022, 3, 28, 9), dt(2022, 4, 5, 17), None, "processing"),
    # 15: resolved after as_of, due before it: still open as of the end, overdue: 5, 11, 13.
    _dossier(
        15, 1, "counter", dt(2022, 3, 29, 9), dt(2022, 3, 30, 17), dt(2022, 4, 2, 9), "resolved"
    ),
    # 16: online, the period's last second, due exactly at as_of: 4, 11, 12.
    _dossier(16, 1, "online", dt(2022, 3, 31, 23, 59, 59), dt(2022, 4, 1), None, "processing"),
    # 17: received exactly at as_of: not in the form.
    _dossier(17, 1, "counter", dt(2022, 4, 1), dt(2022, 4, 1, 17), None, "processing"),
    # 18: carried over, resolved exactly at as_of (after the period), due before: 6, 11, 13.
    _dossier(18, 1, "counter", dt(2022, 2, 15, 9), dt(2022, 3, 15, 17), dt(2022, 4, 1), "resolved"),
    # 19: carried over, withdrawn in the period after its due date: on time: 6, 7, 9.
    _dossier(
        19, 1, "counter", dt(2022, 2, 10, 9), dt(2022, 3, 1, 17), dt(2022, 3, 20, 10), "withdrawn"
    ),
    # 20: district, field Hộ tịch, same-day procedure: online, on time: 4, 7, 9.
    _dossier(
        20,
        1,
        "online",
        dt(2022, 3, 10, 8),
        dt(2022, 3, 10, 17),
        dt(2022, 3, 10, 11),
        "resolved",
        CIVIL,
    ),
    # Commune Một Ngàn (unit 2), field Hộ tịch.
    # 21: online, same day: 4, 7, 9.
    _dossier(
        21,
        2,
        "online",
        dt(2022, 3, 7, 8),
        dt(2022, 3, 7, 17),
        dt(2022, 3, 7, 16),
        "resolved",
        CIVIL,
    ),
    # 22: early: 5, 7, 8.
    _dossier(
        22,
        2,
        "counter",
        dt(2022, 3, 7, 9),
        dt(2022, 3, 8, 17),
        dt(2022, 3, 7, 11),
        "resolved",
        CIVIL,
    ),
    # 23: carried over, refused after its due date: on time by the footnote: 6, 7, 9.
    _dossier(
        23,
        2,
        "counter",
        dt(2022, 2, 27, 9),
        dt(2022, 3, 2, 17),
        dt(2022, 3, 3, 9),
        "refused",
        CIVIL,
    ),
    # 24: open past due: 5, 11, 13.
    _dossier(24, 2, "counter", dt(2022, 3, 30, 9), dt(2022, 3, 31, 17), None, "processing", CIVIL),
    # Commune Bảy Ngàn (unit 3), field Chứng thực.
    # 25: postal, resolved the day after due: 5, 7, 10.
    _dossier(
        25,
        3,
        "postal",
        dt(2022, 3, 15, 9),
        dt(2022, 3, 15, 17),
        dt(2022, 3, 16, 8),
        "resolved",
        CERTIFY,
    ),
]

ROWS = {"units": UNITS, "procedures": PROCEDURES, "dossiers": DOSSIERS}
