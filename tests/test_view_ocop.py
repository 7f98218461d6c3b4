"""AppTest of the view "OCOP và thương mại điện tử" on the hand-worked topic database.

The views run on SQLite only: the query tests cover both engines and both timestamp forms.
"""

from datetime import date

from tests import fixture_topics
from tests.apptest import chart_data, run_view, run_view_on_day, texts, tiles

VIEW = "views/ocop.py"


def as_of(monkeypatch, url, day=fixture_topics.OCOP_END):
    return run_view_on_day(monkeypatch, url, VIEW, day)


def test_figures_and_charts(monkeypatch, make_db):
    at = as_of(monkeypatch, make_db("sqlite", fixture_topics.ROWS))
    assert not at.exception and not at.error
    # As in test_ocop_queries: of products 1-4 (3 stars or more, certified by 9/3/2023)
    # 1 and 2 are listed; product 6 (2 stars) also counts as an OCOP product.
    assert tiles(at) == {
        "Tỷ lệ lên sàn": "50,0%",
        "Sản phẩm 3 sao+ lên sàn": "2/4",
        "Sản phẩm OCOP": "5",
        "Tài khoản bán hàng": "4",
    }
    platforms, holders = (frame.value for frame in at.dataframe)
    # Only platforms with an account or a listing, then all platforms (product 2 once).
    assert platforms.to_dict("list") == {
        "Sàn": ["Voso", "Postmart", "Shopee", "Tất cả các sàn"],
        "Tài khoản bán hàng": ["3", "1", "0", "4"],
        "Sản phẩm OCOP đang bán": ["3", "0", "1", "3"],
        "Sản phẩm 3 sao trở lên đang bán": ["2", "0", "1", "2"],
        "Tỷ lệ trên số sản phẩm 3 sao trở lên": ["50,0%", "0,0%", "25,0%", "50,0%"],
    }
    assert holders.to_dict("list") == {
        "Sàn": ["Postmart", "Voso", "Tất cả các sàn"],
        "Hộ gia đình": ["0", "2", "2"],
        "Chủ thể OCOP": ["0", "1", "1"],
        "Hợp tác xã": ["1", "0", "1"],
        "Tổng": ["1", "3", "4"],
    }

    # The charts.
    stars, growth, shares = chart_data(at)
    bars = stars[0]
    assert sorted(zip(bars["name"], bars["star_label"], bars["products"], strict=True)) == [
        ("Thị trấn Bảy Ngàn", "3 sao", 1),
        ("Thị trấn Bảy Ngàn", "5 sao", 1),
        ("Thị trấn Một Ngàn", "2 sao", 1),
        ("Thị trấn Một Ngàn", "3 sao", 1),
        ("Thị trấn Một Ngàn", "4 sao", 1),
    ]
    voso = growth[0][growth[0]["platform_name"] == "Voso"]
    assert list(voso["value_text"])[:3] == ["1", "1", "3"]  # January to March 2022
    dots = next(d for d in shares if "label" in d.columns)
    assert list(dots["label"]) == [
        "Voso   50,0% · 2 sản phẩm",
        "Postmart   0,0% · 0 sản phẩm",
        "Shopee   25,0% · 1 sản phẩm",
    ]


def test_nothing_yet(monkeypatch, make_db):
    at = as_of(monkeypatch, make_db("sqlite", fixture_topics.ROWS), date(2020, 1, 1))
    assert not at.exception
    assert "Chưa có sản phẩm OCOP hay tài khoản bán hàng nào đến ngày 01/01/2020." in texts(
        at, "info"
    )


def test_missing_tables(monkeypatch, make_db):
    # A real one-stop database has no OCOP data.
    url = make_db("sqlite", fixture_topics.ONE_STOP_ROWS, fixture_topics.ONE_STOP_TABLES)
    at = run_view(monkeypatch, url, VIEW)
    assert not at.exception
    message = texts(at, "error")
    assert "chưa có bảng `ocop_products`, `product_listings`, `seller_accounts`" in message
    other = at.switch_page("views/satisfaction.py").run()
    assert not other.exception and not other.error
