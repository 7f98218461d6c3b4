"""Vietnamese display labels for the contract's coded values and KPI names."""

UNIT_KIND_NAMES = {
    "district": "Bộ phận Một cửa cấp huyện",
    "commune": "Bộ phận Một cửa cấp xã",
    "department": "Phòng chuyên môn",
}
UNASSIGNED_HANDLING = "Chưa phân công xử lý"

CHANNEL_NAMES = {"counter": "Trực tiếp", "online": "Trực tuyến", "postal": "Bưu chính công ích"}

STATUS_NAMES = {
    "processing": "Đang xử lý",
    "paused": "Tạm dừng (chờ bổ sung)",
    "resolved": "Đã giải quyết",
    "refused": "Từ chối",
    "withdrawn": "Rút hồ sơ",
}

COHORT_LABELS = {
    "group": "Mã",
    "name": "Đơn vị",
    "received": "Tiếp nhận",
    "received_online": "Trực tuyến",
    "finished": "Đã giải quyết",
    "resolved_early": "Trước hạn",
    "resolved_on_time": "Đúng hạn",
    "resolved_late": "Trễ hạn",
    "withdrawn": "Rút hồ sơ",
    "open": "Đang giải quyết",
    "open_overdue": "Đang giải quyết quá hạn",
    "on_time_rate": "Tỷ lệ đúng hạn",
    "online_rate": "Tỷ lệ trực tuyến",
}
