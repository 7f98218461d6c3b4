"""AppTest of "Biểu II.06a" on the hand-worked fixture_form06a (figures: test_form06a_query.py).

The views run on SQLite only: the query tests cover both engines and both timestamp forms.
"""

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.content import form06a as content
from queries.period import Period
from tests import fixture_form06a
from tests.apptest import html_headings, html_tables, run_view

VIEW = "views/form06a.py"


def form_rows(at: AppTest) -> dict[str, list[str]]:
    """Field (or "Tổng cộng") → the 11 figures as shown."""
    (rows,) = html_tables(at, "form06a")
    body = rows[3:]  # after the two header rows and the row numbering the columns
    return {row[1][0]: [text for text, _ in row[2:]] for row in body}


def figures(*numbers) -> list[str]:
    return [f"{n:,}".replace(",", ".") for n in numbers]


@pytest.fixture
def at(monkeypatch, make_db):
    return run_view(monkeypatch, make_db("sqlite", fixture_form06a.ROWS), VIEW)


def test_default_is_the_last_complete_month(at):
    assert not at.exception and not at.error
    # Data to 02/04/2022 (dossier 15 resolved): April is running, March is complete.
    assert at.selectbox(key="form_month").value.start.isoformat() == "2022-03-01"
    assert html_headings(at)[0] == (
        "Tại Bộ phận Một cửa cấp huyện và cấp xã, từ 01/03/2022 đến 31/03/2022"
    )
    rows = form_rows(at)
    assert list(rows) == ["Đất đai", "Hộ tịch", "Chứng thực", "Tổng cộng"]
    assert rows["Đất đai"] == figures(17, 3, 8, 6, 9, 1, 6, 2, 8, 4, 4)
    assert rows["Tổng cộng"] == figures(23, 5, 11, 7, 14, 2, 9, 3, 9, 4, 5)
    body = next(h.proto.body for h in at.html if "form06a" in h.proto.body)
    assert 'colspan="4">Số hồ sơ nhận giải quyết' in body
    assert '<td class="n bad">4</td>' in body  # overdue figures above zero stand out
    assert len(at.download_button) == 2


def test_changing_the_scope_changes_the_figures(at):
    at.selectbox(key="form_scope").set_value("commune").run()
    assert not at.exception
    assert form_rows(at)["Tổng cộng"] == figures(5, 1, 3, 1, 4, 1, 2, 1, 1, 0, 1)
    at.selectbox(key="form_scope").set_value("CTA-BN").run()
    assert html_headings(at)[0].startswith("Tại Thị trấn Bảy Ngàn,")
    assert form_rows(at) == {
        "Chứng thực": figures(1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0),
        "Tổng cộng": figures(1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 0),
    }


def test_quarter_and_year(at):
    at.segmented_control(key="form_kind").set_value("quarter").run()
    assert not at.exception
    # Quarter I/2022: every dossier but 17 (received 01/04) was received in it.
    assert form_rows(at)["Tổng cộng"][:4] == figures(24, 5, 19, 0)
    at.segmented_control(key="form_kind").set_value("year").run()
    # The last complete year is 2021: no dossiers then.
    assert html_headings(at)[0].endswith("từ 01/01/2021 đến 31/12/2021")
    year_2022 = at.selectbox(key="form_year").options[0]
    at.selectbox(key="form_year").select(year_2022).run()
    # 2022 runs to the last data day, 02/04: all 25 dossiers, 17 included.
    assert html_headings(at)[0].endswith("từ 01/01/2022 đến 02/04/2022")
    assert form_rows(at)["Tổng cộng"][:4] == figures(25, 5, 20, 0)


def test_two_dates(at):
    at.segmented_control(key="form_kind").set_value("dates").run()
    at.date_input(key="form_dates").set_value(
        (fixture_form06a.dt(2022, 4, 1).date(), fixture_form06a.dt(2022, 4, 30).date())
    ).run()
    assert not at.exception
    # April (test_a_later_period_carries_over_what_was_open): 1 new, 9 carried over.
    assert form_rows(at)["Tổng cộng"] == figures(10, 0, 1, 9, 2, 0, 0, 2, 8, 2, 6)


def test_an_empty_scope_says_so(at):
    at.segmented_control(key="form_kind").set_value("dates").run()
    at.date_input(key="form_dates").set_value(
        (fixture_form06a.dt(2021, 1, 1).date(), fixture_form06a.dt(2021, 1, 31).date())
    ).run()
    assert not at.exception
    assert "Không có hồ sơ nào" in at.info[0].value
    assert form_rows(at) == {"Tổng cộng": figures(*[0] * 11)}


def test_unreachable_database_gives_a_plain_message(monkeypatch):
    app = run_view(monkeypatch, "sqlite:////nonexistent/dir/onestop.sqlite", VIEW)
    assert not app.exception
    assert "Không kết nối được cơ sở dữ liệu" in " ".join(e.value for e in app.error)


def test_a_shared_link_opens_the_same_form(monkeypatch, make_db):
    # Quarter I/2022 for the communes, as a link: the period reads as that quarter.
    url = make_db("sqlite", fixture_form06a.ROWS)
    query = {"start": "2022-01-01", "end": "2022-03-31", "scope": "commune"}
    at = run_view(monkeypatch, url, VIEW, query)
    assert not at.exception and not at.warning
    assert at.segmented_control(key="form_kind").value == "quarter"
    assert at.selectbox(key="form_scope").value == "commune"
    assert html_headings(at)[0] == ("Tại Bộ phận Một cửa cấp xã, từ 01/01/2022 đến 31/03/2022")
    assert form_rows(at)["Tổng cộng"][:4] == figures(5, 1, 4, 0)
    assert content.LATE_NOTE in [c.value for c in at.caption]
    # A choice goes back into the link; defaults are left out of it.
    at.selectbox(key="form_scope").set_value("CTA-BN").run()
    assert at.query_params["scope"] == "CTA-BN"
    assert at.query_params["start"] == "2022-01-01"
    # Two dates that are no month, quarter or year open as two dates.
    dates = run_view(monkeypatch, url, VIEW, {"start": "2022-03-05", "end": "2022-03-20"})
    assert dates.segmented_control(key="form_kind").value == "dates"
    assert dates.date_input(key="form_dates").value == (date(2022, 3, 5), date(2022, 3, 20))
    bad = run_view(monkeypatch, url, VIEW, {"scope": "XYZ"})
    assert "Không có phạm vi `XYZ`" in bad.warning[0].value


def test_period_readings_and_file_names():
    last_day = date(2022, 4, 2)
    assert content.read_period(Period.month(2022, 3), last_day) == ("month", Period.month(2022, 3))
    running = Period(date(2022, 4, 1), last_day)  # April to the last day of data
    assert content.read_period(running, last_day) == ("month", Period.month(2022, 4))
    assert content.read_period(Period.year(2021), last_day) == ("year", Period.year(2021))
    assert content.read_period(Period(date(2022, 3, 2), date(2022, 3, 31)), last_day) == (
        "dates",
        None,
    )
    assert content.default_period(last_day) == Period.month(2022, 3)
    assert content.file_name("commune", None, Period.year(2021), ".xlsx") == (
        "bieu-II06a_cap-xa_2021-01-01_2021-12-31.xlsx"
    )
    assert content.file_name(None, None, Period.year(2021), ".csv").startswith(
        "bieu-II06a_toan-bo_"
    )
