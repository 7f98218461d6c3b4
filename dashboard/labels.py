"""Vietnamese display labels for the contract's coded values and KPI names."""

UNIT_KIND_NAMES = {
    "province": "Trung tâm Phục vụ hành chính công cấp tỉnh",
    "branch": "Chi nhánh Trung tâm Phục vụ hành chính công",
    "district": "Bộ phận Một cửa cấp huyện",
    "commune": "Bộ phận Một cửa cấp xã",
    "department": "Phòng chuyên môn",
}
UNASSIGNED_HANDLING = "Chưa phân công xử lý"
# The row of dossiers whose unit is missing from the list of units (queries.cohort.UNKNOWN_UNIT),
# or, by kind, of a unit that is neither the district one-stop nor a commune.
UNKNOWN_UNIT_NAME = "Đơn vị không rõ (không có trong danh mục đơn vị)"
OTHER_KIND_NAME = "Đơn vị khác hoặc không rõ"

CHANNEL_NAMES = {"counter": "Trực tiếp", "online": "Trực tuyến", "postal": "Bưu chính công ích"}

STATUS_NAMES = {
    "processing": "Đang xử lý",
    "paused": "Tạm dừng (chờ bổ sung)",
    "resolved": "Đã giải quyết",
    "refused": "Từ chối",
    "withdrawn": "Rút hồ sơ",
}

# The key columns of a KPI frame; the KPIs' own labels are in the registry (dashboard.kpi).
GROUP_LABELS = {"group": "Mã", "name": "Đơn vị"}
RATING_LEVEL_NAMES = {
    "very_satisfied": "Rất hài lòng",
    "satisfied": "Hài lòng",
    "dissatisfied": "Không hài lòng",
}
FACILITY_KIND_NAMES = {
    "health_station": "Trạm y tế",
    "market": "Chợ",
    "school_canteen": "Căng tin trường học",
    "hospital_canteen": "Căng tin bệnh viện",
}
PLATFORM_NAMES = {
    "voso": "Voso",
    "postmart": "Postmart",
    "shopee": "Shopee",
    "lazada": "Lazada",
    "tiki": "Tiki",
    "tiktok": "TikTok Shop",
    "other": "Sàn khác",
    "ALL": "Tất cả các sàn",
}
HOLDER_KIND_NAMES = {
    "household": "Hộ gia đình",
    "ocop_producer": "Chủ thể OCOP",
    "cooperative": "Hợp tác xã",
    "business": "Doanh nghiệp",
}
