"""What the late-dossier view shows, tested as plain functions; and its export failing plainly."""

import csv
import io
from datetime import date

import pandas as pd
from openpyxl import load_workbook

from dashboard import figures, late_table
from dashboard.content import late as content
from dashboard.params import QueryParams
from queries.late import LateFilter
from queries.period import Period
from tests import fixture_late
from tests.apptest import run_view

MARCH = Period(date(2022, 3, 1), date(2022, 3, 31))
OPTIONS = {
    "received": [("CTA", "Bộ phận Một cửa huyện"), ("CTA-MN", "Thị trấn Một Ngàn")],
    "handling": [("CTA-TP", "Phòng Tư pháp"), ("CTA-MN", "Thị trấn Một Ngàn")],
    "fields": ["Chứng thực", "Hộ tịch"],
    "procedures": [("1.001193", "Đăng ký khai sinh")],
}
CHOICES = content.choices(OPTIONS)


def test_the_url_asks_for_a_filter_and_bad_values_are_named():
    query = QueryParams(
        {"unit": "CTA-MN", "state": "late", "field": "Đất", "start": "2022-03-01", "days": "99"}
    )
    filt = content.read_url(query, CHOICES, MARCH)
    assert filt == LateFilter(MARCH, "late", received_unit="CTA-MN", soon_days=60)
    assert len(query.problems) == 2  # the unknown field, the days clamped to 60
    assert "lĩnh vực `Đất`" in query.problems[0]


def test_the_url_written_back_leaves_defaults_out_of_nothing():
    filt = LateFilter(MARCH, "due-soon", handling_unit="CTA-TP", soon_days=2)
    values = content.url_values(filt, 3)
    assert values["days"] == 2 and values["page"] == 3 and values["handling"] == "CTA-TP"
    assert content.url_values(LateFilter(MARCH, "late", soon_days=5), 1)["days"] is None
    assert content.signature(filt) == content.signature(
        LateFilter(MARCH, "due-soon", None, "CTA-TP")
    )
    assert content.signature(filt) != content.signature(LateFilter(MARCH, "overdue"))


def test_a_link_is_a_url_that_says_which_dossiers():
    assert content.from_link(QueryParams({"unit": "CTA", "state": "overdue"}))
    assert content.from_link(QueryParams({"start": "2022-03-01", "end": "2022-03-31"}))
    # The page's own address, or one with only the page number or nothing usable.
    assert not content.from_link(QueryParams({}))
    assert not content.from_link(QueryParams({"page": "2", "unit": " "}))


def test_long_text_is_cut_to_three_lines_of_its_column():
    procedure = (
        "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do "
        "chuyển nhượng, tặng cho, thừa kế"
    )
    # 250 pixels: 3 lines of (250 - 17) / 9 characters, 77 in all; cut after a word.
    shown = late_table.cut(procedure, 250)
    assert shown == "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất…"
    assert len(shown) <= 77
    assert late_table.cut("Phòng Tư pháp", 180) == "Phòng Tư pháp"  # fits: whole
    assert late_table.cut("x" * 100, 100) == "x" * 26 + "…"  # one long word: cut inside it
    frame = late_table.screen_frame(
        pd.DataFrame(
            [
                {
                    **{column: None for column in late_table.HEADERS},
                    "code": "L-1",
                    "procedure": procedure,
                    "status": "processing",
                    "applicant": "Nguyễn V. A.",
                }
            ]
        ),
        "overdue",
    )
    assert frame["Thủ tục"].tolist() == [shown]
    assert frame["Người nộp"].tolist() == ["Nguyễn V. A."]


def test_names_for_the_title_from_every_choice():
    names = content.names(CHOICES)
    assert names["CTA-TP"] == "Phòng Tư pháp"
    assert names["1.001193"] == "1.001193 – Đăng ký khai sinh"
    assert names["online"] == "Trực tuyến"


def test_tiles_say_how_many_how_late_and_who_holds_most():
    by_handling = pd.DataFrame({"group": ["CTA-TP"], "name": ["Phòng Tư pháp"], "count": [1234]})
    late = content.tiles(LateFilter(MARCH, "overdue"), 1234, 38, by_handling)
    assert [tile[:2] for tile in late] == [
        ("Số hồ sơ quá hạn", "1.234"),
        ("Trễ lâu nhất", "38 ngày"),
        ("Đơn vị xử lý nhiều nhất", "1.234 hồ sơ"),
    ]
    assert late[2][3] == "Phòng Tư pháp"
    soon = content.tiles(LateFilter(MARCH, "due-soon"), 2, 1, by_handling)
    assert soon[1][:2] == ("Gấp nhất", "còn 1 ngày")


def test_breakdown_and_reasons_as_display_text():
    frame = pd.DataFrame({"name": ["Phòng Tư pháp"], "count": [3], "base": [40], "share": [0.075]})
    shown = content.breakdown_table(frame, "late", "Đơn vị xử lý")
    assert shown.columns.tolist() == ["Đơn vị xử lý", "Trễ hạn", "Đã giải quyết", "Tỷ lệ trễ hạn"]
    assert shown.iloc[0].tolist() == ["Phòng Tư pháp", "3", "40", "7,5%"]
    reasons = content.reasons_table(
        pd.DataFrame({"reason": [None, "Thiếu hồ sơ"], "count": [5, 1200]})
    )
    assert reasons.values.tolist() == [["(Chưa ghi lý do)", "5"], ["Thiếu hồ sơ", "1.200"]]


def test_messages():
    assert "“đang giải quyết quá hạn”" in content.empty_message(LateFilter(MARCH))
    assert content.list_caption(51, 50, 120, 2, 3).startswith("Hồ sơ 51–100 / 120 · trang 2/3.")
    assert "tối đa 50.000 hồ sơ đầu" in content.export_note(60_000)
    assert "tối đa" not in content.export_note(10)


def test_export_files_carry_the_masked_list_and_the_xlsx_its_title(make_db):
    from queries.connection import readonly_engine

    engine = readonly_engine(make_db("sqlite", fixture_late.ROWS))
    filt = LateFilter(MARCH, "late", received_unit="CTA")
    rows = figures.late_list(engine, filt, 1, content.EXPORT_LIMIT)
    names = {"CTA": "Bộ phận Một cửa huyện"}
    text = content.export_file(rows, filt, names, 3, ".csv").decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0][0] == "Mã hồ sơ"  # the header first: the file opens as a table anywhere
    assert [line[-1] for line in lines[1:]] == ["Trần T. B. N.", "Lê T.", "Nguyễn V. A."]
    book = load_workbook(io.BytesIO(content.export_file(rows, filt, names, 3, ".xlsx")))
    assert book.active.title == "Đã giải quyết trễ hạn"
    assert book.active["A1"].value.endswith("Nơi tiếp nhận: Bộ phận Một cửa huyện – 3 hồ sơ")


def test_a_failed_export_says_so_and_offers_no_file(monkeypatch, make_db):
    # Before: the error text was offered for download as a .xlsx file.
    page_of = figures.late_list

    def failing_on_export(engine, filt, page=1, page_size=50, units=figures.DEFAULT):
        if page_size == content.EXPORT_LIMIT:
            raise RuntimeError("connection lost")
        return page_of(engine, filt, page, page_size, units)

    monkeypatch.setattr(figures, "late_list", failing_on_export)
    query = {"start": "2022-03-01", "end": "2022-03-31", "state": "late"}
    at = run_view(monkeypatch, make_db("sqlite", fixture_late.ROWS), "views/late.py", query)
    assert not at.get("download_button")
    at.button(key="late_prepare").click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [content.EXPORT_FAILED]
    assert not at.get("download_button")
    assert at.dataframe  # the rest of the page still works


def test_prepared_files_are_offered_for_download(monkeypatch, make_db):
    query = {"start": "2022-03-01", "end": "2022-03-31", "state": "late"}
    at = run_view(monkeypatch, make_db("sqlite", fixture_late.ROWS), "views/late.py", query)
    at.button(key="late_prepare").click().run()
    buttons = at.get("download_button")
    assert [b.proto.label for b in buttons] == ["Tải CSV", "Tải Excel"]
    assert not at.error


def test_the_weeks_flow_opens_from_a_link_and_says_what_it_counts(monkeypatch, make_db):
    from tests import fixture_week

    url = make_db("sqlite", fixture_week.ROWS)
    week = {"unit": "CTA", "start": "2024-11-04", "end": "2024-11-10", "state": "late"}
    at = run_view(monkeypatch, url, "views/late.py", {**week, "basis": "flow"})
    assert not at.exception and not at.warning
    assert at.radio(key="late_basis").value == "flow"
    assert at.text[0].value == (
        "Hồ sơ đã giải quyết trễ hạn – giải quyết xong từ 04/11/2024 đến 10/11/2024, "
        "tiếp nhận bất kỳ lúc nào – Nơi tiếp nhận: Bộ phận Một cửa huyện"
    )
    listed = next(df.value for df in at.dataframe if "Mã hồ sơ" in df.value.columns)
    assert sorted(listed["Mã hồ sơ"]) == ["w2", "w5"]  # w2 received the week before
    # The same week read as a cohort: only what was received in it.
    at.radio(key="late_basis").set_value("received").run()
    listed = next(df.value for df in at.dataframe if "Mã hồ sơ" in df.value.columns)
    assert listed["Mã hồ sơ"].tolist() == ["w5"]
    assert "basis" not in at.query_params  # the default is left out of the link
