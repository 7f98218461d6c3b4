"""A small one-stop database whose weekly overview is worked out by hand.

Week under test: Tuần 48/2022, Monday 28/11 to Sunday 04/12 (as_of 05/12 00:00); the
week before is Tuần 47 (21/11–27/11). The data runs to Wednesday 07/12, so the
current week to date is 05/12–07/12. Each row's comment says where it lands; the
expectations in test_overview_query.py add these up.
"""

from datetime import datetime as dt

from tests import fixture_common as common

LAST_DAY = (2022, 12, 7)

UNITS = [{**common.DISTRICT, "name": "Một cửa huyện"}, common.MOT_NGAN, common.BAY_NGAN]
PROCEDURES = [{**common.BIRTH, "processing_days": 3}]


def _dossier(code, unit, channel, received, due, finished, status):
    id = int(code[1:]) + 100 * (ord(code[0]) - ord("a"))
    return common.dossier(id, code, 1, unit, unit, channel, received, due, finished, status)


DOSSIERS = [
    # Week 48, district one-stop (CTA).
    # a1: received at the week's first midnight, online, finished a day early.
    _dossier(
        "a1", 1, "online", dt(2022, 11, 28), dt(2022, 11, 30, 17), dt(2022, 11, 29, 10), "resolved"
    ),
    # a2: finished one second after due: late (and still open on 01/12, not yet due then).
    _dossier(
        "a2",
        1,
        "counter",
        dt(2022, 11, 29, 9),
        dt(2022, 12, 2, 17),
        dt(2022, 12, 2, 17, 0, 1),
        "resolved",
    ),
    # a3: online, same day, on time.
    _dossier(
        "a3",
        1,
        "online",
        dt(2022, 11, 30, 8),
        dt(2022, 11, 30, 17),
        dt(2022, 11, 30, 16),
        "resolved",
    ),
    # a4: the week's last second, due 07/12 17:00: open, not overdue at the week's end;
    #     overdue on 08/12 00:00.
    _dossier(
        "a4", 1, "counter", dt(2022, 12, 4, 23, 59, 59), dt(2022, 12, 7, 17), None, "processing"
    ),
    # Week 48, Một Ngàn.
    # b1: online, on time.  b2: online, early.
    _dossier(
        "b1", 2, "online", dt(2022, 12, 1, 8), dt(2022, 12, 1, 17), dt(2022, 12, 1, 11), "resolved"
    ),
    _dossier(
        "b2", 2, "online", dt(2022, 12, 2, 8), dt(2022, 12, 3, 17), dt(2022, 12, 2, 9), "resolved"
    ),
    # b3: at the counter, due 04/12 17:00, still open: overdue from the week's end on.
    _dossier("b3", 2, "counter", dt(2022, 12, 3, 8), dt(2022, 12, 4, 17), None, "processing"),
    # Earlier weeks: the backlog.
    # c1: CTA, week 45, due 20/11 17:00, still open: overdue at every week's end from 21/11.
    _dossier("c1", 1, "counter", dt(2022, 11, 10, 9), dt(2022, 11, 20, 17), None, "processing"),
    # c2: CTA, week 46, paused past due: never overdue.
    _dossier("c2", 1, "counter", dt(2022, 11, 15, 9), dt(2022, 11, 25, 17), None, "paused"),
    # c3: Bảy Ngàn, week 47, due 24/11, resolved only on 06/12: overdue at 28/11, 01/12
    #     and 05/12, no longer on 08/12.
    _dossier(
        "c3",
        3,
        "counter",
        dt(2022, 11, 21, 9),
        dt(2022, 11, 24, 17),
        dt(2022, 12, 6, 9),
        "resolved",
    ),
    # Week 47, CTA: d1 online on time, d2 early.
    _dossier(
        "d1",
        1,
        "online",
        dt(2022, 11, 22, 8),
        dt(2022, 11, 23, 17),
        dt(2022, 11, 23, 9),
        "resolved",
    ),
    _dossier(
        "d2",
        1,
        "counter",
        dt(2022, 11, 23, 8),
        dt(2022, 11, 25, 17),
        dt(2022, 11, 24, 9),
        "resolved",
    ),
    # Week 49 to date, CTA: e1 on time; e2, the latest receipt in the data (07/12 16:50).
    _dossier(
        "e1", 1, "counter", dt(2022, 12, 5, 8), dt(2022, 12, 6, 17), dt(2022, 12, 6, 10), "resolved"
    ),
    _dossier("e2", 1, "counter", dt(2022, 12, 7, 16, 50), dt(2022, 12, 9, 17), None, "processing"),
]


_rating = common.rating


RATINGS = [
    # Week 48: CTA 2 very satisfied (one at the first midnight), 1 satisfied,
    # 1 dissatisfied -> 3/4; Một Ngàn 1 satisfied -> 1/1; together 4/5.
    _rating(1, 1, dt(2022, 11, 28), "very_satisfied"),
    _rating(2, 1, dt(2022, 11, 29, 10), "very_satisfied"),
    _rating(3, 1, dt(2022, 11, 30, 10), "satisfied"),
    _rating(4, 1, dt(2022, 12, 1, 10), "dissatisfied"),
    _rating(5, 2, dt(2022, 12, 2, 10), "satisfied"),
    # Week 47: CTA 1 dissatisfied, its last second -> 0/1.
    _rating(6, 1, dt(2022, 11, 27, 23, 59, 59), "dissatisfied"),
    # Week 49, at its first midnight: not in week 48.
    _rating(7, 1, dt(2022, 12, 5), "satisfied"),
]

ROWS = {"units": UNITS, "procedures": PROCEDURES, "dossiers": DOSSIERS, "ratings": RATINGS}
TABLES_WITHOUT_RATINGS = ["units", "procedures", "officers", "dossiers"]
