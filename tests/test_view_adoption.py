"""AppTest of the view "Chuyển đổi số cộng đồng" on the hand-worked topic database.

The views run on SQLite only: the query tests cover both engines and both timestamp forms.
"""

from datetime import date

from tests import fixture_topics
from tests.apptest import chart_data, run_view, run_view_on_day, texts, tiles

VIEW = "views/adoption.py"


def as_of(monkeypatch, url, day=fixture_topics.ADOPTION_END):
    return run_view_on_day(monkeypatch, url, VIEW, day)


def test_figures_and_charts(monkeypatch, make_db):
    at = as_of(monkeypatch, make_db("sqlite", fixture_topics.ROWS))
    assert not at.exception and not at.error
    # As in test_adoption_queries: Bảy Ngàn of 31/12/2022 and Một Ngàn of 09/03/2023.
    assert tiles(at) == {
        "Tỷ lệ hộ": "80,1%",  # 2,410 / 3,010
        "Hộ được hướng dẫn": "2.410",
        "Tổng số hộ": "3.010",
        "Tài khoản DVC": "2.520",
        "Ví điện tử": "2.280",
        "Sổ sức khỏe điện tử": "1.600",
    }
    assert "(2 trên 3 xã, thị trấn đã báo cáo)" in texts(at, "caption")
    table = at.dataframe[0].value
    assert list(table["Xã, thị trấn"]) == [
        "Thị trấn Bảy Ngàn",
        "Thị trấn Một Ngàn",
        "Xã Tân Hòa",
        "Tổng cộng",
    ]
    assert list(table["Báo cáo ngày"]) == ["31/12/2022", "09/03/2023", "–", "–"]
    assert list(table["Hộ được hướng dẫn"]) == ["1.500", "910", "–", "2.410"]
    assert list(table["Tỷ lệ hộ"]) == ["75,0%", "90,1%", "–", "80,1%"]

    # The growth line carries each commune forward.
    rates, growth = chart_data(at)
    onboarded = growth[0][growth[0]["series"] == "Hộ được hướng dẫn"]
    assert list(onboarded["when_text"]) == ["30/06/2022", "31/12/2022", "09/03/2023"]
    assert list(onboarded["value_text"]) == ["700", "2.200", "2.410"]
    assert list(rates[0]["label"]) == [
        "Thị trấn Bảy Ngàn   75,0% · 1.500/2.000 hộ",
        "Thị trấn Một Ngàn   90,1% · 910/1.010 hộ",
    ]


def test_the_day_before_uses_the_earlier_report(monkeypatch, make_db):
    at = as_of(monkeypatch, make_db("sqlite", fixture_topics.ROWS), date(2023, 3, 8))
    # Một Ngàn of 30/06/2022: 700 onboarded; with Bảy Ngàn 2,200 of 3,000.
    assert tiles(at)["Hộ được hướng dẫn"] == "2.200"


def test_before_any_report(monkeypatch, make_db):
    at = as_of(monkeypatch, make_db("sqlite", fixture_topics.ROWS), date(2022, 1, 1))
    assert not at.exception
    assert "Chưa có xã, thị trấn nào báo cáo đến ngày 01/01/2022." in texts(at, "info")


def test_missing_table(monkeypatch, make_db):
    url = make_db("sqlite", fixture_topics.ONE_STOP_ROWS, fixture_topics.ONE_STOP_TABLES)
    at = run_view(monkeypatch, url, VIEW)
    assert not at.exception
    assert "Cơ sở dữ liệu chưa có bảng `digital_adoption`" in texts(at, "error")
    other = at.switch_page("views/units.py").run()
    assert not other.exception and not other.error


def test_the_day_comes_from_the_url_and_goes_back(monkeypatch, make_db):
    url = make_db("sqlite", fixture_topics.ROWS)
    at = run_view(monkeypatch, url, VIEW, {"day": "2023-03-08"})
    assert at.date_input(key="day").value == date(2023, 3, 8)
    assert tiles(at)["Hộ được hướng dẫn"] == "2.200"
    at.date_input(key="day").set_value(date(2023, 3, 9)).run()
    assert at.query_params["day"] == "2023-03-09"


def test_a_bad_day_in_the_url_gives_a_warning(monkeypatch, make_db):
    at = run_view(monkeypatch, make_db("sqlite", fixture_topics.ROWS), VIEW, {"day": "31/02/2023"})
    assert not at.exception
    assert "Ngày `31/02/2023` không hợp lệ" in texts(at, "warning")
    # The default: the latest data's day (the dossier of 07/03/2022), before any report.
    assert at.date_input(key="day").value == date(2022, 3, 7)
