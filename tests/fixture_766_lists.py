"""The dossiers behind the 766 figures, worked out by hand: tests/fixture_766.py's rows
(July 2025; XA-A and XA-B merged into XA-AB on 15/07) and three dossiers of XA-C.

- x1 XA-C, handled by XA-D, Hộ tịch (full online service), by post, received 12/07,
  resolved 14/07; fee not paid online; result not electronic; components not digitised;
  applicant Nguyễn Văn An.
- x2 XA-C, Hộ tịch, at the counter, received 30/06 (June), resolved 02/07 (July); fee not
  paid online; result not electronic; components not digitised.
- x3 XA-C, Hộ tịch, at the counter, received 20/07, refused 24/07; fee paid online;
  result not electronic (refused: no result, in no list of results); components not
  recorded (in no denominator: not listed).

July, by today's units (each list: the group's denominator and not its numerator):
- XA-AB: online a2 (XA-A, 03/07), m2 (20/07); payment a2; results a2; components b1.
- XA-C: online x1 (12/07), x3 (20/07); payment x1; results x2 (received 30/06, resolved
  in July), x1; components x1.
June, XA-C: online, payment and components x2; results none (x2 resolved in July).
As recorded, July: XA-A online a2, XA-AB online m2.
A user of XA-D (x1's handling unit) sees x1 on XA-C's lists, nothing on XA-AB's.
"""

from datetime import datetime as dt

from tests import fixture_766
from tests import fixture_common as common

UNPAID = (True, False)


def _dossier(n, code, channel, received, finished, status, fee, digitised, **more):
    """An XA-C dossier of Hộ tịch; `digitised`: (result, components)."""
    row = common.dossier(
        n, code, 1, 5, more.pop("handling", 5), channel, received, dt(2025, 7, 31, 17),
        finished, status, **more,
    )  # fmt: skip
    return {
        **row,
        "fee_required": fee[0],
        "fee_paid_online": fee[1],
        "result_digitised": digitised[0],
        "components_digitised": digitised[1],
    }


EXTRA = [
    _dossier(8, "x1", "postal", dt(2025, 7, 12, 9), dt(2025, 7, 14, 10), "resolved", UNPAID,
             (False, False), handling=6, applicant="Nguyễn Văn An"),
    _dossier(9, "x2", "counter", dt(2025, 6, 30, 9), dt(2025, 7, 2, 10), "resolved", UNPAID,
             (False, False)),
    _dossier(10, "x3", "counter", dt(2025, 7, 20, 9), dt(2025, 7, 24, 10), "refused",
             (True, True), (False, None)),
]  # fmt: skip
ROWS = {**fixture_766.ROWS, "dossiers": [*fixture_766.DOSSIERS, *EXTRA]}
JULY = {
    "XA-AB": {
        "online": ["a2", "m2"],
        "payment": ["a2"],
        "result_digital": ["a2"],
        "components_digital": ["b1"],
    },
    "XA-C": {
        "online": ["x1", "x3"],
        "payment": ["x1"],
        "result_digital": ["x2", "x1"],
        "components_digital": ["x1"],
    },
}
JUNE_XA_C = {
    "online": ["x2"],
    "payment": ["x2"],
    "result_digital": [],
    "components_digital": ["x2"],
}
