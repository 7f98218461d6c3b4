"""A small one-stop database whose week as a flow is worked out by hand.

Week under test: Tuần 45/2024, Monday 04/11 to Sunday 10/11 (as_of 11/11 00:00);
the week before is Tuần 44 (28/10–03/11, as_of 04/11 00:00). Each dossier's
comment says where it lands in each week (data-contract.md, "The week").

Tuần 45, by receiving unit (received; online; finished; in time; late; overdue_open):
- CTA: 4 (w1 w4 w5 w9); 1 (w1); 6 (w1 w2 w3 w4 w5 w12); 4 (w1 w3 w4 w12); 2 (w2 w5);
  2 (w7 w11); ratings 2 very satisfied, 1 dissatisfied.
- CTA-MN: 2 (m1 m2); 1 (m1); 1 (m1); 0; 1 (m1); 1 (m3); ratings 1 satisfied.
- CTA-BN: nothing.
Tuần 44: CTA received 6 (w2 w3 w6 w11 w12 w13), finished 1 late (w13), overdue 2
(w7 w2), ratings 0/1; CTA-MN overdue 1 (m3); CTA-BN nothing.
"""

from datetime import datetime as dt

from tests import fixture_common as common

WEEK = (2024, 45)
UNITS = [common.DISTRICT, common.MOT_NGAN, common.BAY_NGAN, common.TU_PHAP]
PROCEDURES = [common.BIRTH]


def _dossier(code, unit, channel, received, due, finished, status):
    id = int(code[1:]) + 100 * (ord(code[0]) - ord("a"))
    return common.dossier(id, code, 1, unit, unit, channel, received, due, finished, status)


DOSSIERS = [
    # w1: received at the week's first midnight, online; finished in time.
    _dossier(
        "w1", 1, "online", dt(2024, 11, 4), dt(2024, 11, 6, 17), dt(2024, 11, 5, 10), "resolved"
    ),
    # w2: received the week before, finished in this week after its due time: late here;
    #     open and overdue at the end of week 44.
    _dossier(
        "w2", 1, "counter", dt(2024, 10, 28, 9), dt(2024, 11, 1, 17), dt(2024, 11, 5, 9), "resolved"
    ),
    # w3: finished after a pause (resolved now, the dates alone count), before its due time.
    _dossier(
        "w3",
        1,
        "counter",
        dt(2024, 10, 30, 9),
        dt(2024, 11, 8, 17),
        dt(2024, 11, 8, 16),
        "resolved",
    ),
    # w4: finished exactly at its due time: in time.
    _dossier(
        "w4", 1, "counter", dt(2024, 11, 5, 8), dt(2024, 11, 7, 17), dt(2024, 11, 7, 17), "resolved"
    ),
    # w5: refused after its due time: finished, late.
    _dossier(
        "w5", 1, "counter", dt(2024, 11, 6, 8), dt(2024, 11, 7, 17), dt(2024, 11, 8, 9), "refused"
    ),
    # w6: withdrawn during the week, past due: neither finished nor overdue.
    _dossier(
        "w6", 1, "counter", dt(2024, 11, 1, 9), dt(2024, 11, 4, 17), dt(2024, 11, 6, 9), "withdrawn"
    ),
    # w7: long overdue and still being processed: overdue at both week ends.
    _dossier("w7", 1, "counter", dt(2024, 10, 20, 9), dt(2024, 10, 25, 17), None, "processing"),
    # w8: paused past its due time: never overdue.
    _dossier("w8", 1, "counter", dt(2024, 10, 22, 9), dt(2024, 10, 30, 17), None, "paused"),
    # w9: received the week's last second, not yet due.
    _dossier(
        "w9", 1, "counter", dt(2024, 11, 10, 23, 59, 59), dt(2024, 11, 12, 17), None, "processing"
    ),
    # w10: received at the next week's first midnight: not in week 45.
    _dossier("w10", 1, "online", dt(2024, 11, 11), dt(2024, 11, 11, 17), None, "processing"),
    # w11: finished at the first instant after the week: open and overdue at its end.
    _dossier(
        "w11", 1, "counter", dt(2024, 10, 29, 9), dt(2024, 11, 5, 17), dt(2024, 11, 11), "resolved"
    ),
    # w12: finished at the week's first midnight, before its due time: in time in week 45.
    _dossier(
        "w12", 1, "counter", dt(2024, 11, 1, 9), dt(2024, 11, 5, 17), dt(2024, 11, 4), "resolved"
    ),
    # w13: finished the last second of week 44, after its due time: late in week 44 only.
    _dossier(
        "w13",
        1,
        "counter",
        dt(2024, 10, 31, 9),
        dt(2024, 11, 2, 17),
        dt(2024, 11, 3, 23, 59, 59),
        "resolved",
    ),
    # Một Ngàn. m1: online, finished late.  m2: by post, open, not yet due.
    _dossier(
        "m1", 2, "online", dt(2024, 11, 7, 8), dt(2024, 11, 8, 17), dt(2024, 11, 9, 8), "resolved"
    ),
    _dossier("m2", 2, "postal", dt(2024, 11, 8, 8), dt(2024, 11, 15, 17), None, "processing"),
    # m3: received weeks before, overdue at both week ends.
    _dossier("m3", 2, "counter", dt(2024, 10, 15, 8), dt(2024, 11, 1, 17), None, "processing"),
]


_rating = common.rating


RATINGS = [
    _rating(1, 1, dt(2024, 11, 4), "very_satisfied"),
    _rating(2, 1, dt(2024, 11, 6, 10), "very_satisfied"),
    _rating(3, 1, dt(2024, 11, 8, 10), "dissatisfied"),
    _rating(4, 2, dt(2024, 11, 10, 23, 59, 59), "satisfied"),
    _rating(5, 1, dt(2024, 11, 3, 23, 59, 59), "dissatisfied"),  # week 44
    _rating(6, 2, dt(2024, 11, 11), "very_satisfied"),  # week 46
]

ROWS = {"units": UNITS, "procedures": PROCEDURES, "dossiers": DOSSIERS, "ratings": RATINGS}
