"""The 766 estimate of July 2025, worked out by hand (data-contract.md, "The 766 index,
estimated from the one-stop's own rows"; points 20, 12, 6, 6, 4 (full at 0.8), 6 (full
at 0.9)).

Units: communes XA-A (2) and XA-B (3) merged into XA-AB (4) on 15/07/2025, mid-month
(valid_to / valid_from 2025-07-15); XA-C (5) and XA-D (6) stand throughout. Procedures:
1 Hộ tịch, full online service; 2 Đất đai, partial. Period 01/07–31/07, as_of 01/08 00:00.

Dossiers (fee: fee_required / fee_paid_online; result, components: result_digitised,
components_digitised, "-" null):
- a1 XA-A, proc 1, online, received 02/07, due 04/07 17:00, resolved 03/07: early (col 8);
  fee paid online; result T; components T.
- a2 XA-A, proc 1, counter, received 03/07, due 05/07 17:00, resolved 07/07: late; fee not
  paid online; result F; components T.
- b1 XA-B, proc 2, online, received 10/07, due 05/08 17:00, open: within time (col 12); no
  fee; result -; components F.
- m1 XA-AB, proc 1, online, received 16/07, due 18/07 17:00, resolved 18/07 10:00: on time
  (col 9); fee paid online; result T; components T.
- m2 XA-AB, proc 1, counter, received 20/07, due 22/07 17:00, open: overdue (col 13); fee
  paid online; result -; components -.
- m3 XA-AB, proc 2, counter, received 25/06 (carried over, col 6), due 05/07 17:00,
  resolved 08/07: late; no fee; result T; components T (received before the period: not
  counted).
- c1 XA-C, proc 2, counter, received 05/07, due 10/07 17:00, resolved 09/07: early; no fee;
  result -; components T.
Ratings: XA-A 1 very satisfied (03/07), XA-B 1 satisfied (10/07), XA-AB 4 satisfied,
3 very satisfied and 1 dissatisfied (16–25/07). XA-C and XA-D none.

By today's units, XA-AB counts XA-A's and XA-B's rows once (XA-A and XA-B have no row):
- progress (col 8 + 9 + 12) / col 3: a1 + m1 + b1 = 3 of a1 a2 b1 m1 m2 m3 = 6: 0.5 → 10.
- online: online with full service a1 m1 = 2 of full service a1 a2 m1 m2 = 4 (b1 is
  online but partial): 0.5 → 6.
- payment: paid online a1 m1 m2 = 3 of fee a1 a2 m1 m2 = 4: 0.75 → 4.5.
- result_digital: T a1 m1 m3 = 3 of recorded and resolved in July a1 a2 m1 m3 = 4:
  0.75 → 4.5.
- components_digital: T a1 a2 m1 = 3 of recorded a1 a2 b1 m1 = 4 (m2 null, m3 before the
  period): 0.75 → min(4, 4 × 0.75 / 0.8) = 3.75.
- satisfaction: 9 of 10: 0.9 → min(6, 6 × 0.9 / 0.9) = 6 (the cap).
- estimate 10 + 6 + 4.5 + 4.5 + 3.75 + 6 = 34.75 of 54: percent 34.75 / 54.
XA-C: progress 1/1 → 20; online 0 of 0 full-service dossiers: null; payment 0 fee dossiers:
null; result_digital 0 recorded (c1 null): null; components 1/1 = 1 ≥ 0.8 → 4 (the cap);
no ratings: null. estimate 24 of 24: percent 1.
XA-D: nothing at all: every ratio null, max_points 0, estimate and percent null.

WITHOUT_COLUMNS: the same rows without result_digitised and components_digitised (the
columns absent from the database): result_digital and components_digital null everywhere.
XA-AB 10 + 6 + 4.5 + 6 = 26.5 of 44; XA-C 20 of 20; XA-D as above.
"""

from datetime import date
from datetime import datetime as dt

from tests import fixture_common as common

PERIOD = (date(2025, 7, 1), date(2025, 7, 31))
MERGED_ON = date(2025, 7, 15)


def _unit(id, code, name, valid_from=None, valid_to=None):
    return {
        "id": id,
        "code": code,
        "name": name,
        "kind": "commune",
        "parent_id": None,
        "valid_from": valid_from,
        "valid_to": valid_to,
    }


UNITS = [
    _unit(2, "XA-A", "Xã A", valid_to=MERGED_ON),
    _unit(3, "XA-B", "Xã B", valid_to=MERGED_ON),
    _unit(4, "XA-AB", "Xã A-B", valid_from=MERGED_ON),
    _unit(5, "XA-C", "Xã C"),
    _unit(6, "XA-D", "Xã D"),
]
SUCCESSIONS = [
    {"predecessor_id": before, "successor_id": 4, "effective_on": MERGED_ON} for before in (2, 3)
]


def _dossier(n, code, unit, procedure, channel, received, due, finished, fee, digitised):
    """`fee`: (fee_required, fee_paid_online); `digitised`: (result, components)."""
    status = "resolved" if finished else "processing"
    row = common.dossier(n, code, procedure, unit, unit, channel, received, due, finished, status)
    result, components = digitised
    return {
        **row,
        "fee_required": fee[0],
        "fee_paid_online": fee[1],
        "result_digitised": result,
        "components_digitised": components,
    }


PAID, UNPAID, NO_FEE = (True, True), (True, False), (False, False)
DOSSIERS = [
    _dossier(1, "a1", 2, 1, "online", dt(2025, 7, 2, 9), dt(2025, 7, 4, 17), dt(2025, 7, 3, 10),
             PAID, (True, True)),
    _dossier(2, "a2", 2, 1, "counter", dt(2025, 7, 3, 9), dt(2025, 7, 5, 17), dt(2025, 7, 7, 10),
             UNPAID, (False, True)),
    _dossier(3, "b1", 3, 2, "online", dt(2025, 7, 10, 9), dt(2025, 8, 5, 17), None,
             NO_FEE, (None, False)),
    _dossier(4, "m1", 4, 1, "online", dt(2025, 7, 16, 9), dt(2025, 7, 18, 17), dt(2025, 7, 18, 10),
             PAID, (True, True)),
    _dossier(5, "m2", 4, 1, "counter", dt(2025, 7, 20, 9), dt(2025, 7, 22, 17), None,
             PAID, (None, None)),
    _dossier(6, "m3", 4, 2, "counter", dt(2025, 6, 25, 9), dt(2025, 7, 5, 17), dt(2025, 7, 8, 10),
             NO_FEE, (True, True)),
    _dossier(7, "c1", 5, 2, "counter", dt(2025, 7, 5, 9), dt(2025, 7, 10, 17), dt(2025, 7, 9, 10),
             NO_FEE, (None, True)),
]  # fmt: skip
_LEVELS = ["satisfied"] * 4 + ["very_satisfied"] * 3 + ["dissatisfied"]
RATINGS = [
    common.rating(1, 2, dt(2025, 7, 3, 11), "very_satisfied"),
    common.rating(2, 3, dt(2025, 7, 10, 11), "satisfied"),
    *[common.rating(3 + n, 4, dt(2025, 7, 16 + n, 11), level) for n, level in enumerate(_LEVELS)],
]

ROWS = {
    "units": UNITS,
    "unit_successions": SUCCESSIONS,
    "procedures": common.PROCEDURES,
    "dossiers": DOSSIERS,
    "ratings": RATINGS,
}
_OPTIONAL = ("result_digitised", "components_digitised")
WITHOUT_COLUMNS = {
    **ROWS,
    "dossiers": [{k: v for k, v in row.items() if k not in _OPTIONAL} for row in DOSSIERS],
}
