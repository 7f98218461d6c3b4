"""What the page says about rows that break the data contract ("Chất lượng dữ liệu").

queries.quality counts them by problem; here each problem gets one plain sentence:
how many rows, what is wrong, and how the figures treat them
(docs/decisions.md, "Rows that break the contract"), so that no row leaves a total
unnoticed. Only counts and fixed words: nothing read from the database is put in a
sentence (the sentences are shown as Markdown).
"""

from dataclasses import dataclass

from dashboard import fmt

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
        "trong danh mục đơn vị: được tính vào dòng “Đơn vị không rõ” và tổng toàn huyện, "
        "không thuộc cấp huyện hay cấp xã",
        "received_unit_not_receiving": "{n} hồ sơ do một đơn vị không phải Bộ phận Một cửa "
        "cấp huyện hay cấp xã tiếp nhận: được tính ở dòng riêng của đơn vị đó và vào tổng toàn "
        "huyện, không thuộc cấp huyện hay cấp xã",
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
    },
    "units": {
        "unit_kind_unknown": "{n} đơn vị có loại (`kind`) trống hoặc ngoài cấp huyện, phòng "
        "chuyên môn và cấp xã: hồ sơ của đơn vị đó được tính ở dòng riêng, ngoài các dòng cộng "
        "theo cấp",
        "unit_name_missing": "{n} đơn vị không có tên: được hiển thị bằng mã đơn vị",
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
    "**Chất lượng dữ liệu**: {n} loại dòng không đúng hợp đồng dữ liệu. "
    "Bấm để xem số dòng và cách số liệu trên trang tính chúng."
)
ASK = "Xin báo đơn vị quản lý phần mềm Một cửa để sửa dữ liệu gốc."


@dataclass(frozen=True)
class Notice:
    summary: str  # Markdown, one line: the number of kinds of problem
    details: str  # Markdown: one line per problem, then who to tell


def sentences(counts: dict[str, int], tables: tuple[str, ...]) -> list[str]:
    """One sentence per problem of `tables` with any rows (`counts`: queries.quality)."""
    return [
        template.format(n=fmt.number(counts[key]))
        for table in tables
        for key, template in SENTENCES[table].items()
        if counts.get(key)
    ]


def notice(counts: dict[str, int], tables: tuple[str, ...]) -> Notice | None:
    """The page's "Chất lượng dữ liệu" notice, or None when the rows of `tables` keep the
    contract."""
    found = sentences(counts, tables)
    if not found:
        return None
    lines = [f"- {sentence}." for sentence in found]
    return Notice(SUMMARY.format(n=fmt.number(len(found))), "\n".join([*lines, "", ASK]))
