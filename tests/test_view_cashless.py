"""AppTest of the view "Thanh toán không dùng tiền mặt" on the hand-worked topic database.

The views run on SQLite only: the query tests cover both engines and both timestamp forms.
"""

from tests import fixture_topics
from tests.apptest import chart_data, run_view, texts, tiles

VIEW = "views/cashless.py"


def february_march(monkeypatch, url):
    at = run_view(monkeypatch, url, VIEW)
    return at.date_input(key="period").set_value(fixture_topics.CASHLESS_PERIOD).run()


def test_figures_and_charts(monkeypatch, make_db):
    at = february_march(monkeypatch, make_db("sqlite", fixture_topics.ROWS))
    assert not at.exception and not at.error
    # As in test_cashless_queries; no hospital canteen, so no tile for it. Value:
    # 13,950,000 + 53,000,000 VND = 66.95 million, shown rounded.
    assert tiles(at) == {
        "Trạm y tế": "2/3",
        "Chợ": "1/2",
        "Căng tin trường học": "0/1",
        "Giá trị (triệu đồng)": "67",
    }
    kinds, markets, facilities = (frame.value for frame in at.dataframe)
    assert list(kinds["Loại nơi thu"]) == [
        "Trạm y tế",
        "Chợ",
        "Căng tin trường học",
        "Căng tin bệnh viện",
    ]
    assert list(kinds["Lượt thanh toán"]) == ["330", "3.000", "500", "0"]
    assert list(kinds["Tỷ lệ lượt"]) == ["42,4%", "14,3%", "0,0%", "–"]
    assert list(kinds["Nơi đầu tiên từ"]) == ["01/06/2021", "10/02/2022", "–", "–"]
    assert list(kinds["Giá trị không tiền mặt (triệu đồng)"]) == ["14", "53", "0", "0"]
    # The "chợ 4.0": the one market taking cashless payment by 31/03/2022.
    assert "Chợ 4.0 (1 chợ)" in [h.value for h in at.subheader]
    assert markets.to_dict("records") == [
        {"Chợ": "Chợ Một Ngàn", "Xã, thị trấn": "Thị trấn Một Ngàn", "Từ ngày": "10/02/2022"}
    ]
    assert len(facilities) == 6
    # Stalls in March: 26 of 52 + 40.
    assert "Tháng 03/2022: 26 trong 92 sạp" in texts(at, "caption")

    # The monthly shares, charted.
    shares, stalls = chart_data(at)
    points = shares[0]
    # Health stations: February 60/120, March 80/210.
    health = points[points["kind_name"] == "Trạm y tế"]
    assert list(health["rate_text"]) == ["50,0%", "38,1%"]
    assert list(stalls[0]["rate_text"]) == ["20,0%", "28,3%"]  # 10/50, 26/92


def test_a_month_counts_when_its_first_day_is_in_the_period(monkeypatch, make_db):
    at = run_view(monkeypatch, make_db("sqlite", fixture_topics.ROWS), VIEW)
    at.date_input(key="period").set_value(
        (fixture_topics.d(2022, 2, 2), fixture_topics.d(2022, 3, 31))
    ).run()
    kinds = at.dataframe[0].value
    assert list(kinds["Lượt thanh toán"]) == ["210", "2.000", "0", "0"]


def test_missing_tables(monkeypatch, make_db):
    url = make_db("sqlite", fixture_topics.ONE_STOP_ROWS, fixture_topics.ONE_STOP_TABLES)
    at = run_view(monkeypatch, url, VIEW)
    assert not at.exception
    assert "Cơ sở dữ liệu chưa có bảng `facilities`, `facility_months`" in texts(at, "error")
    assert not at.metric
    # The satisfaction page still works on that database.
    other = at.switch_page("views/satisfaction.py").run()
    assert not other.exception and not other.error
