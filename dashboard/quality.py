"""What the page says about rows that break the data contract ("Chất lượng dữ liệu").

queries.quality counts them by problem; here each problem gets one plain sentence:
how many rows, what is wrong, and how the figures treat them
(docs/decisions.md, "Rows that break the contract"), so that no row leaves a total
unnoticed. Only counts and fixed words: nothing read from the database is put in a
sentence (the sentences are shown as Markdown).
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Engine

from dashboard import fmt
from dashboard.plain_text import needed
from queries.quality import quality_counts, source_names

# Names the dashboard cleans before showing them (dashboard.plain_text), by table.
CLEANED = {"units": "unit_name_cleaned", "procedures": "procedure_name_cleaned"}

NOT_IN_DEFAULTS = "không làm thay đổi kỳ mặc định hay mốc “Dữ liệu đến”"
# By table, each problem's sentence; `{n}` is the count, formatted.
SENTENCES = {
    "dossiers": {
        "received_at_missing": "{n} hồ sơ không có ngày tiếp nhận (`received_at`): không "
        "thuộc kỳ nào nên không có trong số tiếp nhận, Biểu II.06a và danh sách trễ hạn",
        "due_at_missing": "{n} hồ sơ không có ngày hẹn trả (`due_at`): vẫn được tính là tiếp "
        "nhận, đã giải quyết hay đang giải quyết, nhưng không xếp được vào trước hạn, đúng "
        "hạn, trễ hạn hay quá hạn; tỷ lệ đúng hạn chỉ tính trên các hồ sơ có ngày hẹn trả, và "
        "ở Biểu II.06a các hồ sơ này có trong cột (7) hoặc (11) mà có thể không thuộc cột con "
        "nào",
        "status_unknown": "{n} hồ sơ có trạng thái (`status`) trống hoặc ngoài 5 trạng thái "
        "của hợp đồng dữ liệu: được tính là đang giải quyết (quá hạn nếu đã qua ngày hẹn trả)",
        "channel_unknown": "{n} hồ sơ không rõ kênh nộp (`channel`): được tính là tiếp nhận, "
        "không phải trực tuyến",
        "received_unit_unknown": "{n} hồ sơ có nơi tiếp nhận (`received_unit_id`) không có "
        "trong danh mục đơn vị (hoặc là đơn vị trùng mã với đơn vị khác): được tính vào dòng "
        "“Đơn vị không rõ” và dòng tổng cộng, không thuộc cấp nào",
        "received_unit_not_receiving": "{n} hồ sơ do một đơn vị không phải nơi tiếp nhận hồ sơ "
        "(Bộ phận Một cửa, Trung tâm Phục vụ hành chính công hay chi nhánh) tiếp nhận: được "
        "tính ở dòng riêng của đơn vị đó và vào dòng tổng cộng, không thuộc cấp nào",
        "handling_unit_unknown": "{n} hồ sơ có đơn vị xử lý (`handling_unit_id`) không có "
        "trong danh mục đơn vị: được tính vào dòng “Đơn vị không rõ” của bảng theo đơn vị xử lý",
        "finished_at_missing": "{n} hồ sơ đã giải quyết, từ chối hoặc rút nhưng không có ngày "
        "kết thúc (`finished_at`): không biết xong lúc nào nên được tính là đang giải quyết "
        "(quá hạn nếu đã qua ngày hẹn trả)",
        "finished_while_open": "{n} hồ sơ đang xử lý hoặc tạm dừng nhưng có ngày kết thúc: "
        "được tính theo trạng thái, là đang giải quyết",
        "finished_before_received": "{n} hồ sơ có ngày kết thúc trước ngày tiếp nhận: vẫn được "
        "tính theo đúng các ngày đã ghi",
        "received_in_future": "{n} hồ sơ có ngày tiếp nhận sau hôm nay: chỉ được tính khi chọn "
        f"kỳ có ngày đó, {NOT_IN_DEFAULTS}",
        "finished_in_future": "{n} hồ sơ có ngày kết thúc sau hôm nay: được tính là đang giải "
        f"quyết cho đến ngày đó, {NOT_IN_DEFAULTS}",
        "due_before_received": "{n} hồ sơ có ngày hẹn trả trước ngày tiếp nhận: vẫn được tính "
        "theo đúng các ngày đã ghi",
        "timestamp_infinite": "{n} hồ sơ có ngày giờ vô hạn (`infinity` hoặc `-infinity`): "
        "được so như sau hoặc trước mọi ngày (hẹn trả `-infinity` là quá hạn, kết thúc "
        "`infinity` là đang giải quyết), và hiện trong danh sách không có ngày, không có số ngày",
        "timestamp_too_early": "{n} hồ sơ có ngày giờ trước năm 2000 (như năm 1900, hay trước "
        "Công nguyên): vẫn được tính theo đúng ngày đã ghi; ngày trước Công nguyên hiện trống",
        "timestamp_with_zone": "{n} hồ sơ có ngày giờ kèm múi giờ: được đọc theo giờ ghi trong "
        "đó, bỏ qua múi giờ (hợp đồng dữ liệu dùng giờ địa phương, không kèm múi giờ)",
        "dossier_id_duplicate": "{n} hồ sơ có `id` trùng với hồ sơ khác: mỗi dòng vẫn được tính "
        "là một hồ sơ, như bảng gốc có",
        "dossier_code_duplicate": "{n} hồ sơ có số biên nhận (`code`) trùng với hồ sơ khác: mỗi "
        "dòng vẫn được tính là một hồ sơ; tra theo số biên nhận chỉ hiện một trong số đó",
        "procedure_name_cleaned": "{n} thủ tục có tên chứa ký tự ẩn (đảo chiều chữ, ký tự độ "
        "rộng bằng 0) hoặc chưa chuẩn hóa Unicode: được hiển thị và xuất ra tệp đã bỏ các ký tự "
        "đó, chuẩn hóa NFC",
    },
    "units": {
        "unit_kind_unknown": "{n} đơn vị có loại (`kind`) trống hoặc ngoài cấp huyện, phòng "
        "chuyên môn và cấp xã: hồ sơ của đơn vị đó được tính ở dòng riêng, ngoài các dòng cộng "
        "theo cấp",
        "unit_name_missing": "{n} đơn vị không có tên: được hiển thị bằng mã đơn vị",
        "unit_duplicate": "{n} dòng đơn vị lặp lại một đơn vị đã có (cùng `id`): đơn vị chỉ "
        "được tính một lần, hồ sơ của nó không bị tính hai lần",
        "unit_code_duplicate": "{n} đơn vị có mã (`code`) trùng với một đơn vị có `id` nhỏ hơn: "
        "mã thuộc về đơn vị đó; hồ sơ của đơn vị trùng mã được tính vào dòng “Đơn vị không rõ”",
        "unit_own_parent": "{n} đơn vị có đơn vị cấp trên (`parent_id`) là chính nó: không ảnh "
        "hưởng số liệu",
        "unit_name_cleaned": "{n} đơn vị có tên chứa ký tự ẩn (đảo chiều chữ, ký tự độ rộng "
        "bằng 0) hoặc chưa chuẩn hóa Unicode: được hiển thị và xuất ra tệp đã bỏ các ký tự đó, "
        "chuẩn hóa NFC; hai đơn vị trùng tên sau đó vẫn là hai dòng, phân biệt bằng mã",
    },
    "ratings": {
        "rating_level_unknown": "{n} phiếu đánh giá có mức (`level`) trống hoặc ngoài 3 mức "
        "của hợp đồng dữ liệu: không được tính vào số phiếu và tỷ lệ hài lòng",
        "rated_in_future": "{n} phiếu đánh giá có ngày đánh giá sau hôm nay: chỉ được tính khi "
        "chọn kỳ có ngày đó",
    },
}
# One line on the page (the details open on a click): the figures stay above the fold.
SUMMARY = (
    "**Chất lượng dữ liệu**: {n} loại dòng không đúng hợp đồng dữ liệu (kiểm tra lúc {at}). "
    "Bấm để xem số dòng và cách số liệu trên trang tính chúng."
)
ASK = "Xin báo đơn vị quản lý phần mềm Một cửa để sửa dữ liệu gốc."


@dataclass(frozen=True)
class Notice:
    summary: str  # Markdown, one line: the number of kinds of problem
    details: str  # Markdown: one line per problem, then who to tell


def names_cleaned(engine: Engine) -> dict[str, int]:
    """The unit and procedure names shown only once cleaned (small tables, read whole)."""
    names = source_names(engine)
    return {CLEANED[table]: sum(map(needed, found)) for table, found in names.items()}


def audit(engine: Engine, now: datetime | None = None) -> dict[str, int]:
    """Every count the notice can speak of, counted afresh: queries.quality's, and the
    names shown only once cleaned (a page reads them as last counted in the background:
    dashboard/quality_check.py)."""
    return quality_counts(engine, now) | names_cleaned(engine)


def sentences(counts: dict[str, int], tables: tuple[str, ...]) -> list[str]:
    """One sentence per problem of `tables` with any rows (`counts`: queries.quality)."""
    return [
        template.format(n=fmt.number(counts[key]))
        for table in tables
        for key, template in SENTENCES[table].items()
        if counts.get(key)
    ]


def notice(counts: dict[str, int], tables: tuple[str, ...], counted_at: datetime) -> Notice | None:
    """The page's "Chất lượng dữ liệu" notice for the rows of `tables` as counted at
    `counted_at`, or None when they keep the contract."""
    found = sentences(counts, tables)
    if not found:
        return None
    lines = [f"- {sentence}." for sentence in found]
    summary = SUMMARY.format(n=fmt.number(len(found)), at=fmt.time_and_date(counted_at))
    return Notice(summary, "\n".join([*lines, "", ASK]))
