"""Rows the hand-worked fixture databases share: the district's units, two procedures,
and a dossier row whose columns a fixture does not care about stay quiet.

A fixture that needs a unit or procedure a little different says so with
`{**ROW, "field": value}`, so the difference stands out.
"""

DISTRICT = {
    "id": 1,
    "code": "CTA",
    "name": "Bộ phận Một cửa huyện",
    "kind": "district",
    "parent_id": None,
}
MOT_NGAN = {
    "id": 2,
    "code": "CTA-MN",
    "name": "Thị trấn Một Ngàn",
    "kind": "commune",
    "parent_id": 1,
}
BAY_NGAN = {
    "id": 3,
    "code": "CTA-BN",
    "name": "Thị trấn Bảy Ngàn",
    "kind": "commune",
    "parent_id": 1,
}
TU_PHAP = {"id": 4, "code": "P-TP", "name": "Phòng Tư pháp", "kind": "department", "parent_id": 1}
TAI_NGUYEN = {
    "id": 5,
    "code": "P-TNMT",
    "name": "Phòng Tài nguyên và Môi trường",
    "kind": "department",
    "parent_id": 1,
}
TAN_HOA = {"id": 5, "code": "CTA-TH", "name": "Xã Tân Hòa", "kind": "commune", "parent_id": 1}
# The district one-stop, two towns and two departments.
UNITS = [DISTRICT, MOT_NGAN, BAY_NGAN, TU_PHAP, TAI_NGUYEN]

BIRTH = {
    "id": 1,
    "code": "1.001193",
    "name": "Đăng ký khai sinh",
    "field": "Hộ tịch",
    "level": "commune",
    "online_service": "full",
    "processing_days": 0,
}
LAND = {
    "id": 2,
    "code": "1.004227",
    "name": "Đăng ký biến động đất đai",
    "field": "Đất đai",
    "level": "district",
    "online_service": "partial",
    "processing_days": 7,
}
PROCEDURES = [BIRTH, LAND]


def dossier(
    id,
    code,
    procedure,
    unit,
    handling,
    channel,
    received,
    due,
    finished,
    status,
    *,
    officer=None,
    reason=None,
    applicant=None,
):
    """A `dossiers` row; no fee, and no officer, late reason or applicant unless given."""
    return {
        "id": id,
        "code": code,
        "procedure_id": procedure,
        "received_unit_id": unit,
        "handling_unit_id": handling,
        "officer_id": officer,
        "channel": channel,
        "received_at": received,
        "due_at": due,
        "finished_at": finished,
        "status": status,
        "late_reason": reason,
        "applicant_name": applicant,
        "fee_required": False,
        "fee_paid_online": False,
    }


def rating(id, unit, rated_at, level):
    """A rating of `unit` at the counter: no officer, dossier or comment."""
    return {
        "id": id,
        "unit_id": unit,
        "officer_id": None,
        "dossier_id": None,
        "rated_at": rated_at,
        "level": level,
        "comment": None,
    }
