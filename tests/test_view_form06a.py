"""AppTest of "Biểu II.06a" on the hand-worked fixture_form06a (figures: test_form06a_query.py).

The views run on SQLite only: the query tests cover both engines and both timestamp forms.
"""

from html.parser import HTMLParser

import pytest
from streamlit.testing.v1 import AppTest

from tests import fixture_form06a
from tests.apptest import run_view

VIEW = "views/form06a.py"


class _Cells(HTMLParser):
    """The text of each body row's cells in an HTML table."""

    def __init__(self):
        super().__init__()
        self.rows, self._row, self._in_body, self._cell = [], None, False, None

    def handle_starttag(self, tag, attrs):
        if tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self._row = []
        elif tag == "td" and self._row is not None:
            self._cell = ""

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self._row.append(self._cell.strip())
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None


def form_rows(at: AppTest) -> dict[str, list[str]]:
    """Field (or "Tổng cộng") → the 11 figures as shown."""
    parser = _Cells()
    parser.feed(at.html[0].proto.body)
    return {row[1]: row[2:] for row in parser.rows}


def figures(*numbers) -> list[str]:
    return [f"{n:,}".replace(",", ".") for n in numbers]


@pytest.fixture
def at(monkeypatch, make_db):
    return run_view(monkeypatch, make_db("sqlite", fixture_form06a.ROWS), VIEW)


def test_default_is_the_last_complete_month(at):
    assert not at.exception and not at.error
    # Data to 02/04/2022 (dossier 15 resolved): April is running, March is complete.
    assert at.selectbox(key="form_month").value.start.isoformat() == "2022-03-01"
    assert at.subheader[0].value == (
        "Tại Bộ phận Một cửa cấp huyện và cấp xã, từ 01/03/2022 đến 31/03/2022"
    )
    rows = form_rows(at)
    assert list(rows) == ["Đất đai", "Hộ tịch", "Chứng thực", "Tổng cộng"]
    assert rows["Đất đai"] == figures(17, 3, 8, 6, 9, 1, 6, 2, 8, 4, 4)
    assert rows["Tổng cộng"] == figures(23, 5, 11, 7, 14, 2, 9, 3, 9, 4, 5)
    body = at.html[0].proto.body
    assert 'colspan="4">Số hồ sơ nhận giải quyết' in body
    assert '<td class="n bad">4</td>' in body  # overdue figures above zero stand out
    assert len(at.download_button) == 2


def test_changing_the_scope_changes_the_figures(at):
    at.selectbox(key="form_scope").set_value("commune").run()
    assert not at.exception
    assert form_rows(at)["Tổng cộng"] == figures(5, 1, 3, 1, 4, 1, 2, 1, 1, 0, 1)
    at.selectbox(key="form_scope").set_value("CTA-BN").run()
    assert at.subheader[0].value.startswith("Tại Thị trấn Bảy Ngàn,")
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
    assert at.subheader[0].value.endswith("từ 01/01/2021 đến 31/12/2021")
    year_2022 = at.selectbox(key="form_year").options[0]
    at.selectbox(key="form_year").select(year_2022).run()
    # 2022 runs to the last data day, 02/04: all 25 dossiers, 17 included.
    assert at.subheader[0].value.endswith("từ 01/01/2022 đến 02/04/2022")
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
