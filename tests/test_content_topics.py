"""What the topic pages and the form's scope list show, tested as plain functions on
hand-made query results (the views' AppTests check the same pages on a database)."""

from datetime import date

import pandas as pd

from dashboard.content import adoption, cashless, form06a, ocop, satisfaction
from dashboard.targets import Target
from queries.period import Period

MARCH = Period(date(2022, 3, 1), date(2022, 3, 31))


# ---- satisfaction -----------------------------------------------------------------------

SAT_UNITS = pd.DataFrame(
    {
        "group": ["CTA", "CTA-MN", "CTA-BN"],
        "name": ["Bộ phận Một cửa huyện", "Thị trấn Một Ngàn", "Thị trấn Bảy Ngàn"],
        "ratings": [7, 2, 0],
    }
)


def test_satisfaction_lines_and_tiles():
    assert satisfaction.references({}) == {"Điểm tối đa Bộ chỉ số 766": 0.9}
    lines = satisfaction.references({"satisfaction_rate": Target(0.95)})
    assert lines == {"Mục tiêu": 0.95, "Điểm tối đa Bộ chỉ số 766": 0.9}
    total = pd.Series(
        {
            "satisfaction_rate": 0.6,
            "ratings": 10,
            "very_satisfied": 3,
            "satisfied": 3,
            "dissatisfied": 4,
        }
    )
    assert satisfaction.tiles(total, lines) == [
        ("Tỷ lệ hài lòng · chưa đạt", "60,0%", "Mục tiêu 95,0%."),
        ("Số phiếu đánh giá", "10", None),
        ("Rất hài lòng", "3", None),
        ("Hài lòng", "3", None),
        ("Không hài lòng", "4", None),
    ]
    assert satisfaction.tiles(total, {})[0][2] is None  # no target: no help line
    assert "01/03/2022" in satisfaction.no_ratings(MARCH)


def test_satisfaction_units_rated_and_the_officer_box():
    rated = satisfaction.rated_units(SAT_UNITS)
    assert list(rated["group"]) == ["CTA", "CTA-MN"]  # no dot for a unit without ratings
    assert list(rated["detail"]) == ["7 phiếu", "2 phiếu"]
    assert satisfaction.officer_choices(SAT_UNITS, None) == {
        "Tất cả đơn vị": None,
        "Bộ phận Một cửa huyện": "CTA",
        "Thị trấn Một Ngàn": "CTA-MN",
        "Thị trấn Bảy Ngàn": "CTA-BN",
    }
    # A unit user: their own unit only; a unit not among the rated ones still by its code.
    assert satisfaction.officer_choices(SAT_UNITS, "CTA-MN") == {"Thị trấn Một Ngàn": "CTA-MN"}
    assert satisfaction.officer_choices(SAT_UNITS, "P-TP") == {"P-TP": "P-TP"}


def test_satisfaction_officers_and_comments():
    officers = pd.DataFrame(
        {
            "rank": [1, None],
            "name": ["Trần Văn Bình", "Lê Thị Cúc"],
            "unit": ["Bộ phận Một cửa huyện"] * 2,
            "ratings": [40, 2],
            "very_satisfied": [20, 1],
            "satisfied": [10, 0],
            "dissatisfied": [10, 1],
            "satisfaction_rate": [0.75, 0.5],
            "few_ratings": [False, True],
        }
    )
    ranked, few = satisfaction.officer_tables(officers)
    assert list(ranked.columns[:3]) == ["Hạng", "Cán bộ", "Đơn vị"]
    assert list(ranked["Cán bộ"]) == ["Trần Văn Bình"] and list(ranked["Tỷ lệ hài lòng"]) == [
        "75,0%"
    ]
    assert "Hạng" not in few.columns and list(few["Cán bộ"]) == ["Lê Thị Cúc"]
    assert satisfaction.comments_note(pd.DataFrame({"comment": ["x"] * 199})) is None
    assert satisfaction.comments_note(pd.DataFrame({"comment": ["x"] * 200})) == (
        "200 ý kiến mới nhất."
    )


# ---- cashless ---------------------------------------------------------------------------

BY_KIND = pd.DataFrame(
    {
        "kind": ["health_station", "market", "school_canteen"],
        "facilities": [3, 2, 0],
        "cashless_facilities": [2, 1, 0],
        "cashless_facility_share": [2 / 3, 0.5, None],
        "cashless_since": [date(2021, 5, 1), date(2022, 1, 10), None],
        "payments": [100, 50, 0],
        "cashless_payments": [40, 10, 0],
        "cashless_payment_share": [0.4, 0.2, None],
        "cashless_amount": [2_500_000, 1_000_000, 0],
    }
)


def test_cashless_tiles_and_table():
    tiles = cashless.tiles(BY_KIND, date(2022, 3, 31))
    # A kind with no place gets no tile; the amount is in millions of đồng, 3,5 rounded to 4.
    assert [(label, value) for label, value, _ in tiles] == [
        ("Trạm y tế", "2/3"),
        ("Chợ", "1/2"),
        ("Giá trị (triệu đồng)", "4"),
    ]
    assert "31/03/2022" in tiles[0][2]
    table = cashless.kind_table(BY_KIND)
    assert list(table["Loại nơi thu"]) == ["Trạm y tế", "Chợ", "Căng tin trường học"]
    assert list(table["Giá trị không tiền mặt (triệu đồng)"]) == ["2", "1", "0"]
    assert list(table["Tỷ lệ lượt"]) == ["40,0%", "20,0%", "–"]


def test_cashless_months_stalls_and_markets():
    months = pd.DataFrame(
        {
            "month": [date(2022, 2, 1), date(2022, 2, 1), date(2022, 3, 1)],
            "kind": ["market", "health_station", "market"],
            "vendors": [20, None, 25],
            "cashless_vendors": [5, None, 10],
        }
    )
    by_month, order = cashless.share_months(months, BY_KIND)
    assert order == ["Trạm y tế", "Chợ"]  # the table's order, kinds with months only
    assert list(by_month["kind_name"]) == ["Chợ", "Trạm y tế", "Chợ"]
    stalls = cashless.market_stalls(months)
    assert list(stalls["period"]) == [date(2022, 2, 1), date(2022, 3, 1)]
    assert cashless.stalls_caption(stalls) == (
        "Tháng 03/2022: 10 trong 25 sạp đang kinh doanh nhận thanh toán không tiền mặt."
    )
    places = cashless.named_places(
        pd.DataFrame(
            {
                "name": ["Chợ Một Ngàn", "Chợ Cái Tắc", "Trạm y tế Tân Hòa"],
                "kind": ["market", "market", "health_station"],
                "takes_cashless": [True, False, True],
            }
        )
    )
    assert list(places["kind_name"]) == ["Chợ", "Chợ", "Trạm y tế"]
    assert list(cashless.markets_40(places)["name"]) == ["Chợ Một Ngàn"]


# ---- households -------------------------------------------------------------------------


def test_adoption_tiles_dots_and_growth():
    total = pd.Series(
        {
            "onboarded_rate": 0.25,
            "households_onboarded": 1500,
            "households": 6000,
            "public_service_accounts": 900,
            "e_wallet_accounts": 700,
            "e_health_records": 12000,
        }
    )
    tiles = adoption.tiles(total)
    assert tiles[0][:2] == ("Tỷ lệ hộ", "25,0%")
    assert tiles[0][2].startswith("1.500 trên 6.000 hộ")
    assert [value for _, value, _ in tiles[1:]] == ["1.500", "6.000", "900", "700", "12.000"]
    reported = pd.DataFrame({"households_onboarded": [1500], "households": [6000]})
    assert list(adoption.rate_dots(reported)["detail"]) == ["1.500/6.000 hộ"]
    history = pd.DataFrame(
        {
            "as_of": [date(2022, 1, 31), date(2022, 2, 28)],
            "households": [6000, 6010],
            "households_onboarded": [1000, 1500],
            "public_service_accounts": [800, 900],
            "e_wallet_accounts": [600, 700],
            "e_health_records": [11000, 12000],  # not a growth series
        }
    )
    growth = adoption.growth(history)
    assert len(growth) == 2 * 4
    assert set(growth["series"]) == set(adoption.GROWTH_SERIES.values())
    onboarded = growth[growth["series"] == "Hộ được hướng dẫn"]
    assert list(onboarded["value"]) == [1000, 1500]
    assert adoption.caption(date(2022, 2, 28), 9, 10).endswith(
        "(9 trên 10 xã, thị trấn đã báo cáo)."
    )


# ---- OCOP -------------------------------------------------------------------------------

LISTING = pd.DataFrame(
    {
        "platform": ["voso", "shopee", "tiki", "ALL"],
        "seller_accounts": [3, 2, 0, 5],
        "listed_products": [4, 1, 0, 4],
        "listed_products_3_star_plus": [3, 1, 0, 3],
        "products_3_star_plus": [4, 4, 4, 4],
        "listed_share_3_star_plus": [0.75, 0.25, 0.0, 0.75],
    }
)


def test_ocop_tiles_and_platforms():
    all_row = ocop.all_platforms(LISTING)
    assert all_row["seller_accounts"] == 5
    assert [value for _, value, _ in ocop.tiles(all_row, 6)] == ["75,0%", "3/4", "6", "5"]
    shown, dots = ocop.platforms_shown(LISTING)
    # Tiki has no account and no product: left out of the table, the total row kept.
    assert list(shown["platform_name"]) == ["Voso", "Shopee", "Tất cả các sàn"]
    assert list(dots["platform"]) == ["voso", "shopee"]
    assert list(dots["detail"]) == ["3 sản phẩm", "1 sản phẩm"]
    assert "4 sản phẩm 3 sao trở lên" in ocop.all_platforms_note(all_row)


def test_ocop_stars_growth_and_holders():
    stars = pd.DataFrame(
        {"name": ["Xã Tân Hòa", "Xã Tân Hòa"], "stars": [4, 3], "products": [1, 2]}
    )
    labels, order = ocop.star_bars(stars)
    assert list(labels["star_label"]) == ["4 sao", "3 sao"] and order == ["3 sao", "4 sao"]
    growth = pd.DataFrame({"platform": ["shopee", "voso"], "seller_accounts": [1, 2]})
    named, order = ocop.account_growth(growth, LISTING)
    assert order == ["Voso", "Shopee"] and list(named["platform_name"]) == ["Shopee", "Voso"]
    accounts = pd.DataFrame(
        {
            "platform": ["voso", "voso", "shopee", "shopee"],
            "holder_kind": ["cooperative", "household", "household", "other"],
            "seller_accounts": [1, 2, 3, 1],
        }
    )
    table = ocop.holder_table(accounts)
    # Known kinds in their order, an unknown one after them by its code; totals both ways.
    assert list(table.columns) == ["Sàn", "Hộ gia đình", "Hợp tác xã", "other", "Tổng"]
    assert table.values.tolist() == [
        ["Shopee", "3", "0", "1", "4"],
        ["Voso", "2", "1", "0", "3"],
        ["Tất cả các sàn", "5", "1", "1", "7"],
    ]


# ---- Biểu II.06a's scopes ---------------------------------------------------------------


def test_form_scopes():
    units = pd.DataFrame(
        {
            "group": ["CTA", "CTA-MN"],
            "name": ["Một cửa huyện", "TT Một Ngàn"],
            "kind": ["district", "commune"],
        }
    )
    scopes = form06a.scopes(units)
    assert list(scopes) == ["all", "district", "commune", "CTA", "CTA-MN"]  # no province
    with_centre = pd.concat(
        [units, pd.DataFrame({"group": ["TPCT"], "name": ["TTPVHCC"], "kind": ["province"]})]
    )
    assert list(form06a.scopes(with_centre))[:4] == ["all", "province", "district", "commune"]
    assert scopes["CTA-MN"] == "Đơn vị: TT Một Ngàn"
    assert scopes["commune"] == "Cấp xã: các Bộ phận Một cửa cấp xã"
    assert form06a.scope_of("all", units)[:2] == (None, None)
    assert form06a.scope_of("commune", units)[:2] == ("commune", None)
    level, unit, name = form06a.scope_of("CTA-MN", units)
    assert (level, unit) == (None, "CTA-MN") and "TT Một Ngàn" in name


def test_the_satisfaction_rate_stays_on_its_side_of_the_target():
    total = pd.Series(
        {
            "satisfaction_rate": 692 / 699,
            "ratings": 699,
            "very_satisfied": 600,
            "satisfied": 92,
            "dissatisfied": 7,
        }
    )
    label, value, _ = satisfaction.tiles(total, {"Mục tiêu": 0.99})[0]
    assert (label, value) == ("Tỷ lệ hài lòng · chưa đạt", "98,99%")
