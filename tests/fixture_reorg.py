"""A one-stop database across the reorganisation of 1 July 2025, worked out by hand.

Units (valid_to: the first day a unit no longer served):
- 1 HUYEN, the district one-stop, and 2 HUYEN-TP, its Phòng Tư pháp: dissolved
  (valid_to 2025-07-01, no succession).
- 3 XA-A and 4 XA-B: merged into 5 XA-AB (valid_from 2025-07-01).
- 6 XA-S: split between 5 XA-AB and 7 XA-S2 (two successors): stands as itself.
- 8 TINH, the province centre; 9 TINH-CN1, its branch; 10 SO-TN, a provincial department.
By today's units: 3, 4 → 5; every other unit → itself. XA-AB's members: XA-AB, XA-A, XA-B.

Dossiers (procedure 1 Hộ tịch at commune level, 2 Đất đai at district level, 3 Đất đai at
province level). Week 2025-W26 (Mon 23/06 – Sun 29/06, as_of 30/06 00:00):
- d1 XA-A, counter, received 23/06, due 25/06 17:00, resolved 24/06: early (in time).
- d2 XA-B, online, received 24/06, due 26/06 17:00, resolved 27/06: late.
- d3 HUYEN (handled by HUYEN-TP), counter, received 25/06, due 10/07: open, not overdue.
Week 2025-W27 (Mon 30/06 – Sun 06/07, as_of 07/07 00:00), straddling the date:
- d4 XA-A, online, received Mon 30/06 08:00, due 01/07 17:00, resolved 01/07 09:00: on time.
- d5 XA-S, counter, received 30/06, due 02/07 17:00, resolved 03/07: late.
- d6 XA-AB, counter, received 01/07, due 02/07 17:00, resolved 02/07 08:00: on time.
- d7 XA-AB, online, received 02/07, due 04/07 17:00, open: overdue at the week's end.
- d8 XA-S2, counter, received 03/07, due 10/07: open.
- d9 TINH (handled by SO-TN), online, procedure 3, received 03/07, due 20/07: open.
- d10 TINH-CN1 (handled by SO-TN), counter, procedure 3, received 04/07, due 05/07 17:00,
  resolved 04/07 15:00: early.
Ratings: XA-A satisfied on 30/06; XA-AB dissatisfied on 02/07.

W27 cohort by receiving unit (received; online; finished; early; on time; late; open;
open_overdue):
- as recorded: XA-A 1;1;1;0;1;0;0;0  XA-AB 2;1;1;0;1;0;1;1  XA-S 1;0;1;0;0;1;0;0
  XA-S2 1;0;0;0;0;0;1;0  TINH 1;1;0;0;0;0;1;0  TINH-CN1 1;0;1;1;0;0;0;0  others 0.
- by today's units: XA-AB 3;2;2;0;2;0;1;1 (d4 d6 d7), XA-A and XA-B gone, the rest as
  recorded; HUYEN "(đến 30/06/2025)" and XA-S "(đến 30/06/2025)" still listed.
- both: 7 received, 3 online, 4 finished (1 early, 2 on time, 1 late), 3 open, 1 overdue.
W27 as a flow: XA-AB by today's units received 3, online 2, finished 2 (in time 2),
overdue_open 1, ratings 0/1 + XA-A's 1/1 = satisfaction 1/2; as recorded XA-AB received 2,
finished 1, overdue 1, satisfaction 0/1, and XA-A received 1, finished 1, satisfaction 1/1.
W26 as a flow: XA-AB by today's units received 2 (online 1), finished 2 (in time 1, late 1);
as recorded nothing (XA-A 1 received, 1 in time; XA-B 1 received online, 1 late).
Biểu II.06a of W27 (columns 3 4 5 6 7 8 9 10 11 12 13):
- XA-AB by today's units: 3 2 1 0 2 0 2 0 1 0 1 (d1, d2 ended before the period); as
  recorded: 2 1 1 0 1 0 1 0 1 0 1.
- level district: 1 0 0 1 0 0 0 0 1 1 0 (d3 carried over, Đất đai).
- level province (centre and branch): 2 1 1 0 1 1 0 0 1 1 0 (d9, d10).
- level commune: 5 2 3 0 3 0 2 1 2 1 1 (d4–d8).
Late list of W26–W27 (received in the period), state late: XA-AB by today's units d2; as
recorded none. By handling unit: by today's units XA-AB 1 of 4 finished (d1 d2 d4 d6) and
XA-S 1 of 1; as recorded XA-B 1 of 1 and XA-S 1 of 1.
"""

from datetime import date
from datetime import datetime as dt

from tests import fixture_common as common

DATE = date(2025, 7, 1)
W26 = (date(2025, 6, 23), date(2025, 6, 29))
W27 = (date(2025, 6, 30), date(2025, 7, 6))


def _unit(id, code, name, kind, parent, valid_from=None, valid_to=None):
    return {
        "id": id,
        "code": code,
        "name": name,
        "kind": kind,
        "parent_id": parent,
        "valid_from": valid_from,
        "valid_to": valid_to,
    }


UNITS = [
    _unit(8, "TINH", "Trung tâm Phục vụ hành chính công tỉnh", "province", None),
    _unit(1, "HUYEN", "Bộ phận Một cửa huyện", "district", 8, valid_to=DATE),
    _unit(2, "HUYEN-TP", "Phòng Tư pháp huyện", "department", 1, valid_to=DATE),
    _unit(3, "XA-A", "Xã A", "commune", 1, valid_to=DATE),
    _unit(4, "XA-B", "Xã B", "commune", 1, valid_to=DATE),
    _unit(5, "XA-AB", "Xã A-B", "commune", 8, valid_from=DATE),
    _unit(6, "XA-S", "Xã S", "commune", 1, valid_to=DATE),
    _unit(7, "XA-S2", "Xã S Nam", "commune", 8, valid_from=DATE),
    _unit(9, "TINH-CN1", "Chi nhánh số 1", "branch", 8),
    _unit(10, "SO-TN", "Sở Nông nghiệp và Môi trường", "department", 8),
]
SUCCESSIONS = [
    {"predecessor_id": before, "successor_id": after, "effective_on": DATE}
    for before, after in ((3, 5), (4, 5), (6, 5), (6, 7))
]
PROVINCE_LAND = {
    **common.LAND,
    "id": 3,
    "code": "1.012.tinh",
    "name": "Đăng ký đất đai (cấp tỉnh)",
    "level": "province",
}
PROCEDURES = [common.BIRTH, common.LAND, PROVINCE_LAND]


def _dossier(n, unit, handling, channel, received, due, finished, status, procedure=1):
    return common.dossier(
        n, f"d{n}", procedure, unit, handling, channel, received, due, finished, status
    )


DOSSIERS = [
    _dossier(
        1, 3, 3, "counter", dt(2025, 6, 23, 9), dt(2025, 6, 25, 17), dt(2025, 6, 24, 10), "resolved"
    ),
    _dossier(
        2, 4, 4, "online", dt(2025, 6, 24, 9), dt(2025, 6, 26, 17), dt(2025, 6, 27, 10), "resolved"
    ),
    _dossier(
        3, 1, 2, "counter", dt(2025, 6, 25, 9), dt(2025, 7, 10, 17), None, "processing", procedure=2
    ),
    _dossier(
        4, 3, 3, "online", dt(2025, 6, 30, 8), dt(2025, 7, 1, 17), dt(2025, 7, 1, 9), "resolved"
    ),
    _dossier(
        5, 6, 6, "counter", dt(2025, 6, 30, 10), dt(2025, 7, 2, 17), dt(2025, 7, 3, 9), "resolved"
    ),
    _dossier(
        6, 5, 5, "counter", dt(2025, 7, 1, 8), dt(2025, 7, 2, 17), dt(2025, 7, 2, 8), "resolved"
    ),
    _dossier(7, 5, 5, "online", dt(2025, 7, 2, 9), dt(2025, 7, 4, 17), None, "processing"),
    _dossier(8, 7, 7, "counter", dt(2025, 7, 3, 9), dt(2025, 7, 10, 17), None, "processing"),
    _dossier(
        9, 8, 10, "online", dt(2025, 7, 3, 10), dt(2025, 7, 20, 17), None, "processing", procedure=3
    ),
    _dossier(
        10,
        9,
        10,
        "counter",
        dt(2025, 7, 4, 10),
        dt(2025, 7, 5, 17),
        dt(2025, 7, 4, 15),
        "resolved",
        procedure=3,
    ),
]
RATINGS = [
    common.rating(1, 3, dt(2025, 6, 30, 11), "satisfied"),
    common.rating(2, 5, dt(2025, 7, 2, 10), "dissatisfied"),
]

ROWS = {
    "units": UNITS,
    "unit_successions": SUCCESSIONS,
    "procedures": PROCEDURES,
    "dossiers": DOSSIERS,
    "ratings": RATINGS,
}


def with_empty_reorganisation(rows: dict) -> dict:
    """`rows` of a database that has the optional table and columns but no reorganisation:
    every unit without dates, no succession."""
    units = [{**unit, "valid_from": None, "valid_to": None} for unit in rows["units"]]
    return {**rows, "units": units, "unit_successions": []}


def _snapshot(unit, as_of, households, onboarded):
    return {
        "unit_id": unit,
        "as_of": as_of,
        "households": households,
        "households_onboarded": onboarded,
        "public_service_accounts": onboarded,
        "e_wallet_accounts": onboarded // 2,
        "e_health_records": households,
    }


# Household snapshots (stocks, month ends) across the date. The merged XA-AB reports its
# area from 31/07 (XA-A and XA-B, and 10 households of the split XA-S); XA-S2 the rest of
# XA-S. Households on a day (docs/decisions.md, "Households across a reorganisation"):
# - 30/06: XA-A 100/50, XA-B 200/100, XA-S 300/150 (all in service): 600/300; by today's
#   units XA-AB 300/150 (its predecessors summed), XA-S 300/150.
# - 15/07: XA-AB has not reported yet: XA-A's and XA-B's last reports stand for it (300/150);
#   XA-S ended and was split, so its report stops counting: 300/150 in both readings.
# - 31/07: XA-AB 310/160 alone (not XA-A's and XA-B's old reports besides), XA-S2 290/145:
#   600/305 in both readings (summing every commune's latest report would give 1.200).
# History (every report day): 31/05 90 (XA-A alone), 30/06 600, 31/07 600.
ADOPTION = [
    _snapshot(3, date(2025, 5, 31), 90, 40),
    _snapshot(3, date(2025, 6, 30), 100, 50),
    _snapshot(4, date(2025, 6, 30), 200, 100),
    _snapshot(6, date(2025, 6, 30), 300, 150),
    _snapshot(5, date(2025, 7, 31), 310, 160),
    _snapshot(7, date(2025, 7, 31), 290, 145),
]
WITH_ADOPTION = {**ROWS, "digital_adoption": ADOPTION}
