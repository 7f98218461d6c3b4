"""A small one-stop database whose late, overdue and due-soon lists are worked out by hand.

Period under test: 2022-03-01 … 2022-03-31, so as_of = 2022-04-01 00:00 and the
last day is 31/03. Each dossier's comment says which list it lands on and its
`days` (queries/late.py); test_late_queries.py adds them up.
"""

from datetime import datetime as dt

from tests import fixture_common as common

PERIOD = ("2022-03-01", "2022-03-31")

UNITS = common.UNITS
PROCEDURES = [
    *common.PROCEDURES,
    {
        "id": 3,
        "code": "2.000815",
        "name": "Chứng thực bản sao từ bản chính",
        "field": "Chứng thực",
        "level": "commune",
        "online_service": "partial",
        "processing_days": 1,
    },
]

OFFICERS = [
    {"id": 1, "unit_id": 1, "full_name": "Võ Thị Hồng"},
    {"id": 2, "unit_id": 2, "full_name": "Lâm Văn Tú"},
]

TNMT, TP, MN = 5, 4, 2  # handling units


def _dossier(
    id,
    unit,
    handling,
    received,
    due,
    finished,
    status,
    *,
    procedure=2,
    channel="counter",
    reason=None,
    name=None,
    officer=None,
):
    return common.dossier(
        id,
        f"L-{id:03d}",
        procedure,
        unit,
        handling,
        channel,
        received,
        due,
        finished,
        status,
        officer=officer,
        reason=reason,
        applicant=name,
    )


DOSSIERS = [
    # District one-stop (unit 1), land procedure unless said otherwise.
    # 1: finished one second after the due time: late, 0 days (same day).
    _dossier(
        1,
        1,
        TNMT,
        dt(2022, 3, 2, 8),
        dt(2022, 3, 10, 17),
        dt(2022, 3, 10, 17, 0, 1),
        "resolved",
        reason="Chờ xác minh thực địa",
        name="Nguyễn Văn An",
        officer=1,
    ),
    # 2: finished exactly at the due time: on time, on no list.
    _dossier(
        2,
        1,
        TNMT,
        dt(2022, 3, 2, 9),
        dt(2022, 3, 10, 17),
        dt(2022, 3, 10, 17),
        "resolved",
        name="Đỗ Hùng",
    ),
    # 3: late, 05/03 → 12/03 = 7 days; the same reason as 1 with a trailing space.
    _dossier(
        3,
        1,
        TNMT,
        dt(2022, 3, 1, 10),
        dt(2022, 3, 5, 17),
        dt(2022, 3, 12, 9),
        "resolved",
        reason="Chờ xác minh thực địa ",
        name="Trần Thị Bích Ngọc",
    ),
    # 4: refused late (the contract's resolved_late counts refused ones): 1 day; markup name.
    _dossier(
        4,
        1,
        TP,
        dt(2022, 3, 4, 8),
        dt(2022, 3, 8, 17),
        dt(2022, 3, 9, 8),
        "refused",
        name="<b>Lê</b> Thị <script>alert(1)</script>",
    ),
    # 5: resolved only after as_of, due 30/03: open and overdue at the end, 30/03 → 31/03 = 1 day.
    _dossier(
        5,
        1,
        TNMT,
        dt(2022, 3, 29, 9),
        dt(2022, 3, 30, 17),
        dt(2022, 4, 2, 9),
        "resolved",
        reason="Hồ sơ phức tạp",
        name="Khai",
    ),
    # 6: due one second before as_of: overdue, 0 days.
    _dossier(6, 1, TNMT, dt(2022, 3, 25, 9), dt(2022, 3, 31, 23, 59, 59), None, "processing"),
    # 7: paused past due: open, neither overdue nor due soon.
    _dossier(7, 1, TNMT, dt(2022, 3, 14, 9), dt(2022, 3, 20, 17), None, "paused"),
    # 8: due exactly at as_of: not overdue; due soon, 1 day left.
    _dossier(8, 1, TNMT, dt(2022, 3, 28, 9), dt(2022, 4, 1), None, "processing"),
    # Due soon counts working days after Thursday 31/03: Friday 01/04 is the 1st, Monday
    # 04/04 the 2nd, Tuesday 05/04 the 3rd; the weekend between falls inside the 2nd.
    # 9: due Saturday 02/04 17:00: within 2 working days, not 1; 2 days left.
    _dossier(9, 1, TNMT, dt(2022, 3, 28, 10), dt(2022, 4, 2, 17), None, "processing"),
    # 10: due exactly at midnight after the 2nd working day: not within 2; within 3, 5 days left.
    _dossier(10, 1, TNMT, dt(2022, 3, 29, 8), dt(2022, 4, 5), None, "processing"),
    # 11: due one second before midnight after the 1st working day, online: within 1, 1 day left.
    _dossier(
        11,
        1,
        TNMT,
        dt(2022, 3, 29, 9),
        dt(2022, 4, 1, 23, 59, 59),
        None,
        "processing",
        channel="online",
    ),
    # 12: paused, due tomorrow: not due soon (the clock is stopped).
    _dossier(12, 1, TNMT, dt(2022, 3, 30, 9), dt(2022, 4, 1, 10), None, "paused"),
    # 13: received at the period's first midnight, no handling unit yet: overdue, 04/03 → 31/03
    # = 27 days.
    _dossier(
        13,
        1,
        None,
        dt(2022, 3, 1),
        dt(2022, 3, 4, 17),
        None,
        "processing",
        reason="Thiếu giấy tờ",
        name="Đặng Thị Mai",
        officer=1,
    ),
    # 14, 15: received just outside the period, on either side: on no list.
    _dossier(14, 1, TNMT, dt(2022, 2, 28, 23, 59, 59), dt(2022, 3, 3, 17), None, "processing"),
    _dossier(15, 1, TNMT, dt(2022, 4, 1), dt(2022, 4, 1, 17), None, "processing"),
    # 16: withdrawn after its due time: not late.
    _dossier(16, 1, TNMT, dt(2022, 3, 2, 8), dt(2022, 3, 5, 17), dt(2022, 3, 7, 9), "withdrawn"),
    # Commune Một Ngàn (unit 2), handled by itself.
    # 17: late, next morning: 1 day.
    _dossier(
        17,
        2,
        MN,
        dt(2022, 3, 8, 9),
        dt(2022, 3, 8, 17),
        dt(2022, 3, 9, 8),
        "resolved",
        procedure=1,
        reason="Thiếu giấy tờ",
        name="Phạm Văn Bình",
        officer=2,
    ),
    # 18: certification, online, open past due: overdue, 25/03 → 31/03 = 6 days.
    _dossier(
        18,
        2,
        MN,
        dt(2022, 3, 24, 9),
        dt(2022, 3, 25, 17),
        None,
        "processing",
        procedure=3,
        channel="online",
        reason="Thiếu giấy tờ",
    ),
    # 19: resolved exactly at as_of: not finished by then, so overdue, 0 days.
    _dossier(
        19, 2, MN, dt(2022, 3, 30, 8), dt(2022, 3, 31, 17), dt(2022, 4, 1), "resolved", procedure=1
    ),
    # 20: early.
    _dossier(
        20,
        2,
        MN,
        dt(2022, 3, 7, 8),
        dt(2022, 3, 8, 17),
        dt(2022, 3, 7, 11),
        "resolved",
        procedure=1,
    ),
    # Bảy Ngàn (unit 3) received nothing.
]

ROWS = {"units": UNITS, "procedures": PROCEDURES, "officers": OFFICERS, "dossiers": DOSSIERS}
