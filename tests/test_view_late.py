"""AppTest of the view "Hồ sơ trễ hạn": deep-link parameters, bad input, filters, paging, masking.

Figures are worked out by hand in tests/fixture_late.py (period 01/03–31/03/2022). The
views run on SQLite only: the query tests cover both engines and both timestamp forms.
"""

import csv
import io
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import exports, figures, late_table
from queries.connection import readonly_engine
from queries.late import LateFilter
from queries.period import Period
from tests import fixture_late
from tests.apptest import run_view, tiles

VIEW = "views/late.py"
MARCH = {"start": "2022-03-01", "end": "2022-03-31"}
LIST_KEY_PREFIX = "late_rows_"


def open_view(monkeypatch, url: str, **query) -> AppTest:
    """The view as a deep link with `query` as its URL parameters."""
    return run_view(monkeypatch, url, VIEW, query)


def the_list(at: AppTest):
    [table] = [df for df in at.dataframe if (df.key or "").startswith(LIST_KEY_PREFIX)]
    return table.value


def codes(at: AppTest) -> list[str]:
    return list(the_list(at)["Mã hồ sơ"])


def url_params(at: AppTest) -> dict[str, str]:
    """The page's URL parameters as the script last wrote them."""
    return {k: v if isinstance(v, str) else v[-1] for k, v in at.query_params.items()}


def warnings(at: AppTest) -> str:
    return " ".join(w.value for w in at.warning)


@pytest.fixture
def db_url(make_db):
    return make_db("sqlite", fixture_late.ROWS)


def test_deep_link_shows_the_filtered_list(monkeypatch, db_url):
    at = open_view(monkeypatch, db_url, **MARCH, state="late", unit="CTA")
    assert not at.exception and not at.error and not at.warning
    # District one-stop, late: 3 (7 days), 4 (1, refused), 1 (0).
    assert codes(at) == ["L-003", "L-004", "L-001"]
    table = the_list(at)
    assert list(table["Số ngày trễ"]) == [7, 1, 0]
    assert list(table["Người nộp"]) == ["Trần T. B. N.", "Lê T.", "Nguyễn V. A."]
    assert list(table["Trạng thái hiện nay"]) == ["Đã giải quyết", "Từ chối", "Đã giải quyết"]
    assert list(table["Hẹn trả"])[0] == "05/03/2022 17:00"
    assert tiles(at) == {
        "Số hồ sơ trễ hạn": "3",
        "Trễ lâu nhất": "7 ngày",
        "Đơn vị xử lý nhiều nhất": "2 hồ sơ",  # Tài nguyên và Môi trường: 1 and 3
    }
    assert at.radio(key="late_state").value == "late"
    assert at.selectbox(key="late_unit").value == "CTA"
    assert at.date_input(key="late_period").value == (date(2022, 3, 1), date(2022, 3, 31))
    # The title is plain text (unit names come from the database, never Markdown).
    title = " ".join(t.value for t in at.text)
    assert "Hồ sơ đã giải quyết trễ hạn – hồ sơ tiếp nhận từ 01/03/2022 đến 31/03/2022" in title
    assert "Nơi tiếp nhận: Bộ phận Một cửa huyện" in title
    # The files are made on request, then offered for download.
    assert not at.get("download_button")
    at.button(key="late_prepare").click().run()
    assert not at.exception and not at.error
    assert [b.proto.label for b in at.get("download_button")] == ["Tải CSV", "Tải Excel"]
    assert codes(at) == ["L-003", "L-004", "L-001"]


def filters_open(at: AppTest) -> bool:
    """Whether the page asks for its filter panel open (the user may still open it)."""
    [panel] = [e for e in at.expander if e.label.startswith("Bộ lọc:")]
    return panel.proto.expanded


def test_a_link_folds_the_filters_under_what_the_list_holds(monkeypatch, db_url):
    at = open_view(monkeypatch, db_url, **MARCH, state="overdue", unit="CTA")
    assert not filters_open(at)  # the list comes first; the title line says what it holds
    assert "Nơi tiếp nhận: Bộ phận Một cửa huyện" in at.text[0].value
    assert at.radio(key="late_state").value == "overdue"  # the widgets are there, folded
    at.radio(key="late_state").set_value("late").run()
    assert not filters_open(at)  # opened by hand and changed: the page does not reopen it
    assert codes(at) == ["L-003", "L-004", "L-001"]
    # The list's own address: the filters open, and they stay open once in the URL.
    at = open_view(monkeypatch, db_url)
    assert filters_open(at)
    at.radio(key="late_state").set_value("late").run()
    assert url_params(at)["state"] == "late"
    assert filters_open(at)


def test_no_raw_names_or_markup_reach_the_page(monkeypatch, db_url):
    at = open_view(monkeypatch, db_url, **MARCH, state="late")
    shown = " ".join(df.value.to_csv() for df in at.dataframe)
    assert "Lê T." in shown
    for raw in ("Nguyễn Văn An", "<script>", "<b>", "alert", "Bích Ngọc"):
        assert raw not in shown


def test_filters_change_the_list_and_the_url(monkeypatch, db_url):
    at = open_view(monkeypatch, db_url, **MARCH)
    assert codes(at) == ["L-013", "L-018", "L-005", "L-019", "L-006"]  # overdue by default
    # Where they concentrate, and why.
    tables = {tuple(df.value.columns)[0]: df.value for df in at.dataframe}
    by_handling = tables["Đơn vị xử lý"]
    # Overdue 5, 6 of 8 open at Tài nguyên và Môi trường; 18, 19 of 2 at Một Ngàn; 13 unassigned.
    assert by_handling.values.tolist() == [
        ["Phòng Tài nguyên và Môi trường", "2", "8", "25,0%"],
        ["Thị trấn Một Ngàn", "2", "2", "100,0%"],
        ["Chưa phân công xử lý", "1", "1", "100,0%"],
    ]
    assert list(by_handling.columns) == [
        "Đơn vị xử lý",
        "Quá hạn",
        "Đang giải quyết",
        "Tỷ lệ quá hạn",
    ]
    assert tables["Lĩnh vực"]["Lĩnh vực"].tolist() == ["Đất đai", "Chứng thực", "Hộ tịch"]
    assert tables["Lý do ghi nhận"].values.tolist() == [
        ["Thiếu giấy tờ", "2"],
        ["(Chưa ghi lý do)", "2"],
        ["Hồ sơ phức tạp", "1"],
    ]
    assert len(at.get("vega_lite_chart")) == 3
    # Then each filter in turn.
    at.radio(key="late_state").set_value("due-soon").run()
    assert codes(at) == ["L-008", "L-011", "L-009"]  # 2 working days (fixture_late)
    assert list(the_list(at)["Số ngày còn lại"]) == [1, 1, 2]
    at.number_input(key="late_days").set_value(3).run()
    assert codes(at)[-1] == "L-010"
    at.selectbox(key="late_channel").set_value("online").run()
    assert codes(at) == ["L-011"]
    assert url_params(at) == {
        **MARCH,
        "state": "due-soon",
        "channel": "online",
        "days": "3",
    }
    at.radio(key="late_state").set_value("late").run()
    at.selectbox(key="late_channel").set_value("").run()
    at.selectbox(key="late_handling").set_value("P-TNMT").run()
    assert codes(at) == ["L-003", "L-001"]
    at.selectbox(key="late_handling").set_value("").run()
    at.selectbox(key="late_field").set_value("Hộ tịch").run()
    assert codes(at) == ["L-017"]
    at.selectbox(key="late_field").set_value("").run()
    at.selectbox(key="late_procedure").set_value("1.004227").run()
    assert codes(at) == ["L-003", "L-004", "L-001"]  # 17 is a birth registration
    assert not at.exception


@pytest.mark.parametrize(
    ("query", "expected_warning"),
    [
        ({"unit": "NOPE"}, "Không có nơi tiếp nhận `NOPE` trong dữ liệu; đang hiển thị tất cả."),
        ({"unit": "CTA'; DROP TABLE dossiers; --"}, "Không có nơi tiếp nhận `CTA'; DROP"),
        ({"handling": '"><script>alert(1)</script>'}, 'Không có đơn vị xử lý `"><script>'),
        ({"state": "lost"}, "Không có loại hồ sơ `lost` trong dữ liệu"),
        ({"page": "-1"}, "Trang `-1` nằm ngoài khoảng 1–1; dùng 1."),
        ({"page": "1000000000000"}, "Trang `1000000000000` nằm ngoài khoảng 1–1; dùng 1."),
        ({"days": "abc"}, "Số ngày `abc` không phải là số; dùng 2."),
        ({"start": "2022-02-30"}, "Ngày `2022-02-30` không hợp lệ"),
    ],
)
def test_bad_parameters_get_a_message_and_a_default(monkeypatch, make_db, query, expected_warning):
    url = make_db("sqlite", fixture_late.ROWS)
    at = open_view(monkeypatch, url, **{**MARCH, "state": "overdue", **query})
    assert not at.exception and not at.error
    assert expected_warning in warnings(at)
    assert at.dataframe  # the page still shows its list


def test_reversed_period_is_swapped(monkeypatch, make_db):
    url = make_db("sqlite", fixture_late.ROWS)
    at = open_view(monkeypatch, url, start="2022-03-31", end="2022-03-01", state="overdue")
    assert "đã đổi chỗ hai ngày" in warnings(at)
    assert at.date_input(key="late_period").value == (date(2022, 3, 1), date(2022, 3, 31))
    assert len(codes(at)) == 5
    # The URL now says what is shown.
    assert url_params(at) == {**MARCH, "state": "overdue"}


def test_paging_in_sql(monkeypatch, make_db):
    monkeypatch.setattr("dashboard.figures.PAGE_SIZE", 2)  # as the view reads it
    url = make_db("sqlite", fixture_late.ROWS)
    at = open_view(monkeypatch, url, **MARCH, state="overdue", page="2")
    assert codes(at) == ["L-005", "L-019"]
    assert "Hồ sơ 3–4 / 5 · trang 2/3." in " ".join(c.value for c in at.caption)
    at = open_view(monkeypatch, url, **MARCH, state="overdue", page="1000000000000")
    assert "Trang `1000000000000` nằm ngoài khoảng 1–3; dùng 3." in warnings(at)
    assert codes(at) == ["L-006"]
    [pager] = at.get("pagination")
    pager.set_value(1).run()
    assert codes(at) == ["L-013", "L-018"]
    # A changed filter starts again on its first page.
    at.selectbox(key="late_unit").set_value("CTA").run()
    assert codes(at) == ["L-013", "L-005"]


def test_nothing_to_show_says_so(monkeypatch, db_url):
    at = open_view(monkeypatch, db_url, **MARCH, state="late", unit="CTA-BN")
    assert not at.exception
    assert "Không có hồ sơ nào thuộc loại “đã giải quyết trễ hạn”" in " ".join(
        i.value for i in at.info
    )
    assert not at.get("download_button")


def test_missing_table_gives_a_plain_message(monkeypatch, make_db):
    url = make_db("sqlite", {"units": fixture_late.UNITS}, ["units"])
    at = open_view(monkeypatch, url, **MARCH)
    assert not at.exception
    assert "Cơ sở dữ liệu chưa có bảng" in " ".join(e.value for e in at.error)


def test_export_files_of_the_filtered_list(make_db):
    engine = readonly_engine(make_db("sqlite", fixture_late.ROWS))
    filt = LateFilter(Period(date(2022, 3, 1), date(2022, 3, 31)), "late", received_unit="CTA")
    frame = late_table.export_frame(figures.late_list(engine, filt, page_size=None), "late")
    title = late_table.title(filt, {"CTA": "Bộ phận Một cửa huyện"}, 3)
    assert title == (
        "Hồ sơ đã giải quyết trễ hạn – hồ sơ tiếp nhận từ 01/03/2022 đến 31/03/2022, "
        "tình trạng tính đến hết ngày 31/03/2022 – Nơi tiếp nhận: Bộ phận Một cửa huyện – 3 hồ sơ"
    )
    rows = list(csv.reader(io.StringIO(exports.csv_bytes(frame).decode("utf-8-sig"))))
    assert rows[0][:2] == ["Mã hồ sơ", "Thủ tục"] and "Số ngày trễ" in rows[0]
    assert [r[0] for r in rows[1:]] == ["L-003", "L-004", "L-001"]
    assert [r[-1] for r in rows[1:]] == ["Trần T. B. N.", "Lê T.", "Nguyễn V. A."]
    assert late_table.file_name(filt, ".csv") == "ho-so-tre-han_2022-03-01_2022-03-31_CTA.csv"


def test_detail_frame_is_plain_text():
    detail = {
        "code": "L-018",
        "status": "processing",
        "channel": "online",
        "procedure_code": "2.000815",
        "procedure": "Chứng thực bản sao từ bản chính",
        "field": "Chứng thực",
        "processing_days": 1,
        "received_unit": "Thị trấn Một Ngàn",
        "handling_unit": None,
        "officer": None,
        "received_at": None,
        "due_at": None,
        "finished_at": None,
        "late_reason": "**Thiếu** giấy tờ",
        "applicant": "K.",
        "fee_required": True,
        "fee_paid_online": True,
    }
    rows = dict(late_table.detail_frame(detail).values.tolist())
    assert rows["Thủ tục"] == "2.000815 – Chứng thực bản sao từ bản chính"
    assert rows["Thời hạn giải quyết"] == "1 ngày làm việc"
    assert rows["Kênh nộp"] == "Trực tuyến"
    assert rows["Đơn vị xử lý"] == "Chưa phân công xử lý"
    assert rows["Lý do trễ"] == "**Thiếu** giấy tờ"  # shown as text in a table, never Markdown
    assert rows["Phí, lệ phí"] == "Có; đã nộp trực tuyến"


def test_detail_of_a_real_dossier(make_db):
    engine = readonly_engine(make_db("sqlite", fixture_late.ROWS))
    rows = dict(late_table.detail_frame(figures.dossier_detail(engine, "L-001")).values.tolist())
    assert rows["Người nộp"] == "Nguyễn V. A."
    assert rows["Cán bộ tiếp nhận"] == "Võ Thị Hồng"
    assert rows["Ngày có kết quả"] == "10/03/2022 17:00"
    assert rows["Thời hạn giải quyết"] == "7 ngày làm việc"
