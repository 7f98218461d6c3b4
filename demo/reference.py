# ruff: noqa: E501  (data tables: one record per line reads best)
"""Fixed reference data of the Châu Thành A demo: units, procedures, names, texts.

Everything here is plain data. Procedure codes follow the national format
(`1.001193`); a few are the real codes of common procedures, the others are
illustrative (docs/decisions.md, "Demo database").
"""

from dataclasses import dataclass
from datetime import date

DISTRICT = ("CTA", "Bộ phận Một cửa huyện Châu Thành A")

# code, name, households in the February 2023 snapshot (they sum to 26,768).
COMMUNES = (
    ("CTA-MN", "Thị trấn Một Ngàn", 3912),
    ("CTA-BN", "Thị trấn Bảy Ngàn", 2287),
    ("CTA-RG", "Thị trấn Rạch Gòi", 2934),
    ("CTA-CT", "Thị trấn Cái Tắc", 3318),
    ("CTA-NNA", "Xã Nhơn Nghĩa A", 3046),
    ("CTA-TH", "Xã Tân Hòa", 2702),
    ("CTA-TPT", "Xã Tân Phú Thạnh", 2215),
    ("CTA-TX", "Xã Thạnh Xuân", 2603),
    ("CTA-TLA", "Xã Trường Long A", 1874),
    ("CTA-TLT", "Xã Trường Long Tây", 1877),
)

DEPARTMENTS = (
    ("CTA-TP", "Phòng Tư pháp"),
    ("CTA-TNMT", "Phòng Tài nguyên và Môi trường"),
    ("CTA-KTHT", "Phòng Kinh tế và Hạ tầng"),
    ("CTA-TCKH", "Phòng Tài chính – Kế hoạch"),
    ("CTA-LDTBXH", "Phòng Lao động – Thương binh và Xã hội"),
    ("CTA-VHTT", "Phòng Văn hóa và Thông tin"),
    ("CTA-GDDT", "Phòng Giáo dục và Đào tạo"),
    ("CTA-NNPTNT", "Phòng Nông nghiệp và Phát triển nông thôn"),
    ("CTA-YT", "Phòng Y tế"),
    ("CTA-NV", "Phòng Nội vụ"),
)

# The department that handles a district dossier, by the procedure's field.
FIELD_DEPARTMENT = {
    "Hộ tịch": "CTA-TP",
    "Chứng thực": "CTA-TP",
    "Đất đai": "CTA-TNMT",
    "Môi trường": "CTA-TNMT",
    "Xây dựng": "CTA-KTHT",
    "Lưu thông hàng hóa trong nước": "CTA-KTHT",
    "Thành lập và hoạt động của hộ kinh doanh": "CTA-TCKH",
    "Bảo trợ xã hội": "CTA-LDTBXH",
    "Người có công": "CTA-LDTBXH",
    "Văn hóa": "CTA-VHTT",
    "Giáo dục và Đào tạo": "CTA-GDDT",
    "Nông nghiệp": "CTA-NNPTNT",
    "An toàn thực phẩm": "CTA-YT",
    "Thi đua – Khen thưởng": "CTA-NV",
}

# 1 July 2025: two-level local government (Decree 118/2025/NĐ-CP; Nghị quyết
# 1668/NQ-UBTVQH15). The district one-stop and its offices were dissolved; the communes
# merged into communes of the new Cần Thơ; the city's centre, and until 2026 its reception
# point in the former Hậu Giang, took the former district-level procedures.
# docs/decisions.md, "The demo across 1 July 2025".
REORGANISED_ON = date(2025, 7, 1)
# The centre ran reception points in the former provinces until it worked from one place.
ONE_PLACE_FROM = date(2026, 1, 1)

PROVINCE = ("TPCT", "Trung tâm Phục vụ hành chính công thành phố Cần Thơ")
BRANCH = ("TPCT-VT", "Điểm tiếp nhận và trả kết quả số 2 (phường Vị Tân)")

# The merged communes: code (the national code of QĐ 19/2025/QĐ-TTg, each reused from one
# old unit, not always the namesake: new Tân Hòa took Một Ngàn's 31342), name, the
# communes of Châu Thành A it took over. Đông Phước also took over Đông Thạnh and Đông
# Phước A of huyện Châu Thành, whose dossiers are not in the demo: its name says so.
MERGED_COMMUNES = (
    ("31360", "Xã Thạnh Xuân", ("CTA-RG", "CTA-TPT", "CTA-TX")),
    ("31342", "Xã Tân Hòa", ("CTA-MN", "CTA-BN", "CTA-NNA", "CTA-TH")),
    ("31348", "Xã Trường Long Tây", ("CTA-TLA", "CTA-TLT")),
    ("31369", "Xã Đông Phước (trước 01/07/2025 chỉ có số liệu của TT Cái Tắc)", ("CTA-CT",)),
)

MERGED_INTO = {old: new for new, _, olds in MERGED_COMMUNES for old in olds}

# The city's departments (sở) that handle the former district-level procedures.
PROVINCE_DEPARTMENTS = (
    ("TPCT-STP", "Sở Tư pháp"),
    ("TPCT-SNNMT", "Sở Nông nghiệp và Môi trường"),
    ("TPCT-SXD", "Sở Xây dựng"),
    ("TPCT-SCT", "Sở Công Thương"),
    ("TPCT-STC", "Sở Tài chính"),
    ("TPCT-SYT", "Sở Y tế"),
    ("TPCT-SNV", "Sở Nội vụ"),
    ("TPCT-SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch"),
    ("TPCT-SGDDT", "Sở Giáo dục và Đào tạo"),
)
PROVINCE_FIELD_DEPARTMENT = {
    "Hộ tịch": "TPCT-STP",
    "Chứng thực": "TPCT-STP",
    "Đất đai": "TPCT-SNNMT",
    "Môi trường": "TPCT-SNNMT",
    "Nông nghiệp": "TPCT-SNNMT",
    "Xây dựng": "TPCT-SXD",
    "Lưu thông hàng hóa trong nước": "TPCT-SCT",
    "Thành lập và hoạt động của hộ kinh doanh": "TPCT-STC",
    "Bảo trợ xã hội": "TPCT-SYT",
    "An toàn thực phẩm": "TPCT-SYT",
    "Người có công": "TPCT-SNV",
    "Thi đua – Khen thưởng": "TPCT-SNV",
    "Văn hóa": "TPCT-SVHTTDL",
    "Giáo dục và Đào tạo": "TPCT-SGDDT",
}
# The district chairman's award has no district left to give it: the city's takes its place.
PROVINCE_RENAMED = {
    "1.000775": "Tặng Bằng khen của Chủ tịch Ủy ban nhân dân cấp tỉnh về thành tích thi đua theo đợt, chuyên đề",
}
# Where the former district-level dossiers are received until the centre works from one
# place: online and postal ones at the centre, a share of those at the counter at the point.
AT_THE_POINT = 0.6

# Fields where dossiers run late (verification on site, other agencies' opinions).
LATE_PRONE_FIELDS = ("Đất đai", "Xây dựng")


@dataclass(frozen=True)
class Procedure:
    code: str
    name: str
    field: str
    level: str  # district | commune (the city's copies of the district ones: province)
    online_service: str  # full | partial | none
    processing_days: int  # working days; 0 = same day
    fee: bool
    weight: float  # share of its level's volume (relative)


P = Procedure
# fmt: off
PROCEDURES = (
    # District level: received at the district one-stop, handled by a department.
    P("1.004227", "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do chuyển nhượng, tặng cho, thừa kế", "Đất đai", "district", "partial", 10, True, 15.0),
    P("1.004238", "Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất", "Đất đai", "district", "partial", 7, True, 6.0),
    P("1.004269", "Đăng ký, cấp Giấy chứng nhận quyền sử dụng đất lần đầu", "Đất đai", "district", "partial", 30, True, 4.0),
    P("1.004206", "Chuyển mục đích sử dụng đất phải được phép của cơ quan nhà nước có thẩm quyền đối với hộ gia đình, cá nhân", "Đất đai", "district", "partial", 15, True, 3.5),
    P("1.009994", "Cấp giấy phép xây dựng nhà ở riêng lẻ", "Xây dựng", "district", "partial", 15, True, 6.5),
    P("1.009995", "Cấp giấy phép sửa chữa, cải tạo công trình, nhà ở riêng lẻ", "Xây dựng", "district", "partial", 15, True, 1.2),
    P("1.009998", "Gia hạn giấy phép xây dựng", "Xây dựng", "district", "partial", 5, True, 0.6),
    P("2.000720", "Đăng ký thành lập hộ kinh doanh", "Thành lập và hoạt động của hộ kinh doanh", "district", "full", 3, True, 9.0),
    P("2.000719", "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh", "Thành lập và hoạt động của hộ kinh doanh", "district", "full", 3, True, 4.5),
    P("2.000575", "Tạm ngừng hoạt động hộ kinh doanh", "Thành lập và hoạt động của hộ kinh doanh", "district", "full", 3, False, 1.5),
    P("2.000553", "Chấm dứt hoạt động hộ kinh doanh", "Thành lập và hoạt động của hộ kinh doanh", "district", "full", 3, False, 1.5),
    P("1.001669", "Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc", "Hộ tịch", "district", "partial", 3, True, 3.0),
    P("1.001695", "Đăng ký kết hôn có yếu tố nước ngoài", "Hộ tịch", "district", "partial", 15, True, 0.8),
    P("2.000843", "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của nước ngoài cấp", "Chứng thực", "district", "partial", 0, True, 5.0),
    P("2.000913", "Chứng thực chữ ký người dịch mà người dịch là cộng tác viên dịch thuật", "Chứng thực", "district", "none", 0, True, 1.0),
    P("1.001739", "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội", "Bảo trợ xã hội", "district", "partial", 5, False, 2.0),
    P("1.010801", "Giải quyết chế độ trợ cấp thờ cúng liệt sĩ", "Người có công", "district", "partial", 12, False, 0.8),
    P("1.005099", "Chuyển trường đối với học sinh trung học cơ sở", "Giáo dục và Đào tạo", "district", "full", 3, False, 2.0),
    P("2.001914", "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc", "Giáo dục và Đào tạo", "district", "partial", 0, True, 1.0),
    P("1.001029", "Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke", "Văn hóa", "district", "partial", 5, True, 0.3),
    P("2.000633", "Cấp Giấy phép bán lẻ sản phẩm rượu", "Lưu thông hàng hóa trong nước", "district", "full", 10, True, 0.6),
    P("1.003605", "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở sản xuất, kinh doanh nông, lâm, thủy sản", "Nông nghiệp", "district", "partial", 15, True, 0.6),
    P("1.001312", "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở kinh doanh dịch vụ ăn uống", "An toàn thực phẩm", "district", "partial", 15, True, 0.5),
    P("1.000775", "Tặng Giấy khen của Chủ tịch Ủy ban nhân dân cấp huyện về thành tích thi đua theo đợt, chuyên đề", "Thi đua – Khen thưởng", "district", "none", 20, False, 0.5),
    # Commune level: received and handled by the commune itself.
    P("1.001193", "Đăng ký khai sinh", "Hộ tịch", "commune", "full", 0, False, 8.0),
    P("1.000894", "Đăng ký kết hôn", "Hộ tịch", "commune", "partial", 0, False, 3.0),
    P("1.000656", "Đăng ký khai tử", "Hộ tịch", "commune", "full", 0, False, 3.0),
    P("1.004873", "Cấp Giấy xác nhận tình trạng hôn nhân", "Hộ tịch", "commune", "full", 3, True, 9.0),
    P("2.000635", "Cấp bản sao trích lục hộ tịch", "Hộ tịch", "commune", "full", 0, True, 8.0),
    P("1.004884", "Đăng ký lại khai sinh", "Hộ tịch", "commune", "partial", 5, False, 1.0),
    P("1.001022", "Liên thông thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi", "Hộ tịch", "commune", "full", 0, False, 2.0),
    P("1.004859", "Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch", "Hộ tịch", "commune", "partial", 3, True, 1.5),
    P("2.000908", "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp", "Chứng thực", "commune", "partial", 0, True, 38.0),
    P("2.000884", "Chứng thực chữ ký trong các giấy tờ, văn bản", "Chứng thực", "commune", "partial", 0, True, 6.0),
    P("2.001035", "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất và nhà ở", "Chứng thực", "commune", "none", 2, True, 4.5),
    P("2.001019", "Chứng thực di chúc", "Chứng thực", "commune", "none", 2, True, 0.3),
    P("1.003554", "Hòa giải tranh chấp đất đai", "Đất đai", "commune", "none", 45, False, 0.4),
    P("1.004203", "Tiếp nhận hồ sơ đăng ký đất đai, cấp Giấy chứng nhận lần đầu tại Ủy ban nhân dân cấp xã", "Đất đai", "commune", "partial", 30, False, 0.9),
    P("1.001776", "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hàng tháng, hỗ trợ kinh phí chăm sóc, nuôi dưỡng hàng tháng", "Bảo trợ xã hội", "commune", "partial", 20, False, 1.5),
    P("1.001758", "Hỗ trợ chi phí mai táng", "Bảo trợ xã hội", "commune", "partial", 5, False, 0.8),
    P("1.010832", "Giải quyết chế độ mai táng phí đối với người có công với cách mạng", "Người có công", "commune", "partial", 10, False, 0.5),
    P("1.000954", "Xét tặng danh hiệu Gia đình văn hóa hằng năm", "Văn hóa", "commune", "none", 5, False, 1.2),
    P("1.008950", "Xét, cấp học bổng chính sách và hỗ trợ chi phí học tập", "Giáo dục và Đào tạo", "commune", "partial", 10, False, 0.5),
    P("1.008004", "Kê khai hoạt động chăn nuôi trang trại quy mô nhỏ, chăn nuôi nông hộ", "Nông nghiệp", "commune", "full", 1, False, 0.6),
)
# fmt: on

# Tết Nguyên Đán (first day of the lunar year); offices close about a week around it.
TET = (
    date(2021, 2, 12),
    date(2022, 2, 1),
    date(2023, 1, 22),
    date(2024, 2, 10),
    date(2025, 1, 29),
    date(2026, 2, 17),
    date(2027, 2, 6),
    date(2028, 1, 26),
    date(2029, 2, 13),
    date(2030, 2, 3),
    date(2031, 1, 23),
    date(2032, 2, 11),
    date(2033, 1, 31),
)
# Fixed-date public holidays (month, day): New Year, Reunification Day, Labour Day, National Day.
FIXED_HOLIDAYS = ((1, 1), (4, 30), (5, 1), (9, 2))

# Applicant and officer names, weighted towards the Mekong delta's usual ones.
SURNAMES = (
    ("Nguyễn", 31), ("Trần", 11), ("Lê", 9), ("Phạm", 6), ("Huỳnh", 6), ("Võ", 5),
    ("Phan", 4), ("Trương", 3), ("Bùi", 2), ("Đặng", 2), ("Đỗ", 2), ("Ngô", 2), ("Hồ", 2),
    ("Dương", 2), ("Lâm", 2), ("Lý", 1.5), ("Đinh", 1), ("Tô", 1), ("Châu", 1), ("Thái", 1),
    ("Mai", 1), ("Cao", 1), ("La", 1), ("Quách", 1), ("Thạch", 0.5), ("Danh", 0.5),
)  # fmt: skip
MALE_MIDDLE = (
    ("Văn", 45), ("Minh", 8), ("Hoàng", 5), ("Quốc", 5), ("Thanh", 6), ("Hữu", 5), ("Công", 3),
    ("Tấn", 4), ("Trọng", 2), ("Phước", 3), ("Chí", 3), ("Hoài", 2), ("Ngọc", 3), ("Thành", 4),
)  # fmt: skip
FEMALE_MIDDLE = (
    ("Thị", 40), ("Thị Kim", 6), ("Thị Ngọc", 6), ("Thị Mỹ", 4), ("Thị Thu", 4), ("Ngọc", 8),
    ("Thanh", 5), ("Kim", 5), ("Mỹ", 5), ("Bích", 3), ("Thu", 4), ("Hồng", 3), ("Diễm", 2),
)  # fmt: skip
MALE_GIVEN = (
    "An", "Bảo", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Hải", "Hậu", "Hiếu", "Hòa", "Hùng",
    "Huy", "Khang", "Khánh", "Kiệt", "Lộc", "Long", "Luân", "Minh", "Nam", "Nghĩa", "Nhân",
    "Phát", "Phong", "Phúc", "Quang", "Sang", "Sơn", "Tài", "Tâm", "Thắng", "Thành", "Thiện",
    "Thịnh", "Toàn", "Trí", "Trung", "Tuấn", "Vinh", "Vũ", "Hưng", "Lợi", "Tùng",
)  # fmt: skip
FEMALE_GIVEN = (
    "Anh", "Bích", "Châu", "Diễm", "Dung", "Duyên", "Giang", "Hà", "Hân", "Hằng", "Hạnh",
    "Hiền", "Hoa", "Hồng", "Hương", "Huyền", "Kiều", "Lan", "Liên", "Linh", "Loan", "Mai",
    "My", "Nga", "Ngân", "Ngọc", "Nhi", "Nhung", "Oanh", "Phương", "Phượng", "Quyên", "Thảo",
    "Thơ", "Thủy", "Trang", "Trinh", "Tuyết", "Uyên", "Vân", "Vy", "Xuân", "Yến",
)  # fmt: skip

# Receiving officers per one-stop (district first, then the communes in COMMUNES order),
# and which of them (unit code, position) are rated noticeably lower.
OFFICERS_PER_UNIT = {"CTA": 8, "CTA-MN": 4, "CTA-BN": 2, "CTA-RG": 3, "CTA-CT": 4,
                     "CTA-NNA": 3, "CTA-TH": 3, "CTA-TPT": 2, "CTA-TX": 3, "CTA-TLA": 2,
                     "CTA-TLT": 2,
                     # From 1 July 2025: the centre's and the point's desks that receive the
                     # area's dossiers, then the merged communes in MERGED_COMMUNES order.
                     "TPCT": 6, "TPCT-VT": 4, "31360": 6, "31342": 8, "31348": 4,
                     "31369": 4}  # fmt: skip
LOW_RATED_OFFICERS = (("CTA", 5), ("CTA-CT", 2), ("CTA-TX", 1), ("TPCT-VT", 3), ("31342", 6))

# Late reasons as the handling offices record them.
SOFTWARE_LATE = "Kết thúc trên phần mềm trễ hạn"
LATE_REASONS = {
    "Đất đai": (
        "Phải xác minh nguồn gốc sử dụng đất, kéo dài thời gian thẩm định",
        "Chờ kết quả đo đạc, trích đo địa chính thửa đất",
        "Người sử dụng đất chưa hoàn thành nghĩa vụ tài chính",
        "Chờ ý kiến phối hợp của Chi nhánh Văn phòng đăng ký đất đai",
    ),
    "Xây dựng": (
        "Chờ kiểm tra hiện trạng công trình tại thực địa",
        "Chờ ý kiến phối hợp của cơ quan liên quan",
        "Hồ sơ thiết kế phải điều chỉnh theo quy hoạch",
    ),
    None: (
        "Công chức thụ lý nghỉ phép, chưa bàn giao hồ sơ",
        "Chờ ý kiến phối hợp của cơ quan liên quan",
        SOFTWARE_LATE,
    ),
}

DISSATISFIED_COMMENTS = (
    "Chờ đợi lâu quá",
    "Cán bộ hướng dẫn chưa rõ ràng, phải đi lại nhiều lần",
    "Thái độ tiếp dân chưa niềm nở",
    "Hẹn trả kết quả nhưng đến nơi chưa có",
    "Yêu cầu bổ sung giấy tờ nhiều lần",
    "Mạng chậm, phải chờ lâu mới nộp được hồ sơ",
)
SATISFIED_COMMENTS = (
    "Cán bộ nhiệt tình, hướng dẫn tận tình",
    "Nhanh chóng, thuận tiện",
    "Rất hài lòng",
    "Giải quyết đúng hẹn",
)

# Facilities: (commune code, kind, name, cashless_since or None). Exactly three markets
# take cashless payment by the report date 2023-03-09 (the "chợ 4.0").
# fmt: off
FACILITIES = (
    ("CTA-MN", "health_station", "Trạm Y tế thị trấn Một Ngàn", date(2021, 9, 15)),
    ("CTA-BN", "health_station", "Trạm Y tế thị trấn Bảy Ngàn", date(2022, 3, 1)),
    ("CTA-RG", "health_station", "Trạm Y tế thị trấn Rạch Gòi", date(2021, 11, 10)),
    ("CTA-CT", "health_station", "Trạm Y tế thị trấn Cái Tắc", date(2021, 10, 4)),
    ("CTA-NNA", "health_station", "Trạm Y tế xã Nhơn Nghĩa A", date(2022, 5, 16)),
    ("CTA-TH", "health_station", "Trạm Y tế xã Tân Hòa", date(2022, 7, 1)),
    ("CTA-TPT", "health_station", "Trạm Y tế xã Tân Phú Thạnh", date(2022, 9, 12)),
    ("CTA-TX", "health_station", "Trạm Y tế xã Thạnh Xuân", date(2022, 8, 1)),
    ("CTA-TLA", "health_station", "Trạm Y tế xã Trường Long A", date(2022, 11, 21)),
    ("CTA-TLT", "health_station", "Trạm Y tế xã Trường Long Tây", date(2022, 12, 5)),
    ("CTA-MN", "market", "Chợ Một Ngàn", date(2022, 8, 15)),
    ("CTA-RG", "market", "Chợ Rạch Gòi", date(2022, 11, 1)),
    ("CTA-CT", "market", "Chợ Cái Tắc", date(2023, 2, 20)),
    ("CTA-BN", "market", "Chợ Bảy Ngàn", date(2023, 5, 10)),
    ("CTA-NNA", "market", "Chợ Nhơn Nghĩa A", date(2023, 9, 1)),
    ("CTA-TPT", "market", "Chợ Tân Phú Thạnh", date(2024, 3, 18)),
    ("CTA-TLT", "market", "Chợ Trường Long Tây", None),
    ("CTA-TH", "market", "Chợ Tân Hòa", None),
    ("CTA-MN", "school_canteen", "Căn tin Trường THPT Châu Thành A", date(2022, 9, 5)),
    ("CTA-CT", "school_canteen", "Căn tin Trường THCS thị trấn Cái Tắc", date(2023, 1, 9)),
    ("CTA-RG", "school_canteen", "Căn tin Trường THCS Rạch Gòi", date(2023, 9, 5)),
    ("CTA-NNA", "school_canteen", "Căn tin Trường THCS Nhơn Nghĩa A", None),
    ("CTA-MN", "hospital_canteen", "Căn tin Trung tâm Y tế huyện Châu Thành A", date(2022, 4, 4)),
)
# fmt: on

# Monthly payments per facility kind (low, high), the average cashless ticket in VND,
# and the stalls of a market (low, high).
FACILITY_PAYMENTS = {
    "health_station": ((700, 1600), 65_000),
    "market": ((9000, 26000), 48_000),
    "school_canteen": ((2500, 6000), 18_000),
    "hospital_canteen": ((3500, 7000), 32_000),
}
MARKET_STALLS = (60, 240)

# OCOP products: name, producer, commune, stars, category, certified_on.
# fmt: off
OCOP_PRODUCTS = (
    ("Khóm sấy dẻo", "Hợp tác xã Nông nghiệp Tân Hòa", "CTA-TH", 3, "Thực phẩm", date(2020, 12, 10)),
    ("Bưởi Năm Roi", "Hợp tác xã Bưởi Năm Roi Tân Phú Thạnh", "CTA-TPT", 4, "Thực phẩm", date(2020, 12, 10)),
    ("Trà mãng cầu xiêm", "Cơ sở sản xuất Út Hiền", "CTA-TLT", 3, "Đồ uống", date(2021, 3, 22)),
    ("Mứt mãng cầu", "Cơ sở sản xuất Út Hiền", "CTA-TLT", 3, "Thực phẩm", date(2021, 3, 22)),
    ("Khô cá lóc", "Cơ sở Khô cá Năm Lợi", "CTA-TX", 3, "Thực phẩm", date(2021, 6, 8)),
    ("Khô cá sặc rằn", "Cơ sở Khô cá Năm Lợi", "CTA-TX", 3, "Thực phẩm", date(2021, 6, 8)),
    ("Nước mắm cá linh", "Hộ kinh doanh Bảy Thơ", "CTA-NNA", 3, "Thực phẩm", date(2021, 9, 14)),
    ("Gạo thơm ST25 Châu Thành A", "Hợp tác xã Nông nghiệp Trường Long A", "CTA-TLA", 4, "Thực phẩm", date(2021, 9, 14)),
    ("Bánh tráng giòn Một Ngàn", "Cơ sở sản xuất Tư Lành", "CTA-MN", 3, "Thực phẩm", date(2021, 12, 20)),
    ("Chả cá thát lát", "Công ty TNHH MTV Thủy sản Cái Tắc", "CTA-CT", 4, "Thực phẩm", date(2021, 12, 20)),
    ("Nấm bào ngư tươi", "Tổ hợp tác Nấm sạch Rạch Gòi", "CTA-RG", 3, "Thực phẩm", date(2022, 3, 30)),
    ("Rượu nếp Bảy Ngàn", "Cơ sở Rượu Ba Hoàng", "CTA-BN", 3, "Đồ uống", date(2022, 3, 30)),
    ("Chanh không hạt", "Hợp tác xã Chanh Tân Phú Thạnh", "CTA-TPT", 3, "Thực phẩm", date(2022, 3, 30)),
    ("Tinh dầu sả chanh", "Cơ sở Tinh dầu Thiên Phúc", "CTA-NNA", 3, "Thảo dược", date(2022, 6, 28)),
    ("Trà khổ qua rừng", "Cơ sở Trà thảo mộc Sáu Nhung", "CTA-TH", 3, "Đồ uống", date(2022, 6, 28)),
    ("Mít sấy giòn", "Công ty TNHH Nông sản Phước Thành", "CTA-CT", 4, "Thực phẩm", date(2022, 6, 28)),
    ("Bột gạo lứt huyết rồng", "Hợp tác xã Nông nghiệp Trường Long A", "CTA-TLA", 3, "Thực phẩm", date(2022, 9, 26)),
    ("Dưa lưới Thạnh Xuân", "Hợp tác xã Dưa lưới công nghệ cao Thạnh Xuân", "CTA-TX", 4, "Thực phẩm", date(2022, 9, 26)),
    ("Giỏ lục bình", "Tổ hợp tác Đan lát Trường Long Tây", "CTA-TLT", 3, "Lưu niệm – nội thất – trang trí", date(2022, 9, 26)),
    ("Mật ong hoa tràm", "Cơ sở Ong mật Hai Quang", "CTA-BN", 3, "Thực phẩm", date(2022, 12, 15)),
    ("Chuối sấy dẻo", "Cơ sở sản xuất Kim Yến", "CTA-RG", 3, "Thực phẩm", date(2022, 12, 15)),
    ("Cá thát lát rút xương", "Công ty TNHH MTV Thủy sản Cái Tắc", "CTA-CT", 3, "Thực phẩm", date(2022, 12, 15)),
    ("Bánh phồng tôm", "Cơ sở sản xuất Út Mười", "CTA-MN", 3, "Thực phẩm", date(2023, 4, 25)),
    ("Nem chua Nhơn Nghĩa A", "Hộ kinh doanh Chín Dung", "CTA-NNA", 3, "Thực phẩm", date(2023, 4, 25)),
    ("Bưởi da xanh", "Hợp tác xã Bưởi Năm Roi Tân Phú Thạnh", "CTA-TPT", 3, "Thực phẩm", date(2023, 8, 30)),
    ("Du lịch sinh thái vườn Tân Hòa", "Hợp tác xã Du lịch cộng đồng Tân Hòa", "CTA-TH", 3, "Dịch vụ du lịch cộng đồng", date(2023, 11, 20)),
    ("Khô cá lóc một nắng", "Cơ sở Khô cá Năm Lợi", "CTA-TX", 4, "Thực phẩm", date(2024, 5, 22)),
    ("Trà mãng cầu túi lọc", "Cơ sở sản xuất Út Hiền", "CTA-TLT", 4, "Đồ uống", date(2024, 5, 22)),
    ("Gạo hữu cơ Trường Long Tây", "Hợp tác xã Lúa gạo hữu cơ Trường Long Tây", "CTA-TLT", 5, "Thực phẩm", date(2025, 3, 12)),
)
# fmt: on
