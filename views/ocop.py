"""OCOP và thương mại điện tử: OCOP products, their listings on platforms, sellers' accounts.

All as of a chosen day (data-contract.md): products certified by then, listings
open on it, accounts opened by then. The provinces' target: every product of
3 stars or more listed on a platform.
"""

import pandas as pd
import streamlit as st

from dashboard import charts, fmt
from dashboard.frame import chart, data, url_state, widgets
from dashboard.labels import HOLDER_KIND_NAMES, PLATFORM_NAMES
from queries import ocop as q

TARGET = {"Mục tiêu": 1.0}  # all products of 3 stars or more on a platform
PLATFORM_COLUMNS = {
    "platform_name": ("Sàn", None),
    "seller_accounts": ("Tài khoản bán hàng", fmt.number),
    "listed_products": ("Sản phẩm OCOP đang bán", fmt.number),
    "listed_products_3_star_plus": ("Sản phẩm 3 sao trở lên đang bán", fmt.number),
    "listed_share_3_star_plus": ("Tỷ lệ trên số sản phẩm 3 sao trở lên", fmt.percent),
}


def platform_name(platform: str) -> str:
    return PLATFORM_NAMES.get(platform, platform)


def show_tiles(all_row: pd.Series, products: int) -> None:
    listed = all_row["listed_products_3_star_plus"]
    target_products = all_row["products_3_star_plus"]
    tiles = [
        (
            "Tỷ lệ lên sàn",
            fmt.percent(all_row["listed_share_3_star_plus"]),
            "Sản phẩm OCOP 3 sao trở lên đang bán trên ít nhất một sàn thương mại điện tử; "
            "mục tiêu của tỉnh là 100%.",
        ),
        ("Sản phẩm 3 sao+ lên sàn", f"{fmt.number(listed)}/{fmt.number(target_products)}", None),
        ("Sản phẩm OCOP", fmt.number(products), "Sản phẩm được công nhận đến ngày đã chọn."),
        ("Tài khoản bán hàng", fmt.number(all_row["seller_accounts"]), None),
    ]
    widgets.tile_row(tiles)


def holder_table(accounts: pd.DataFrame) -> pd.DataFrame:
    """Seller accounts: one row per platform, one column per kind of holder, and totals."""
    wide = accounts.pivot_table(
        index="platform",
        columns="holder_kind",
        values="seller_accounts",
        aggfunc="sum",
        fill_value=0,
    )
    kinds = [k for k in HOLDER_KIND_NAMES if k in wide.columns]
    kinds += [k for k in wide.columns if k not in kinds]
    wide = wide[kinds]
    wide["total"] = wide.sum(axis=1)
    wide.loc["ALL"] = wide.sum()
    wide = wide.reset_index()
    columns = {"platform_name": ("Sàn", None)}
    columns |= {k: (HOLDER_KIND_NAMES.get(k, k), fmt.number) for k in kinds}
    columns["total"] = ("Tổng", fmt.number)
    return fmt.table(wide.assign(platform_name=wide["platform"].map(platform_name)), columns)


day = widgets.page_header("OCOP và thương mại điện tử", url_state.day, q.TABLES)
widgets.quality_notice(("units",))

stars = data.load(q.products_by_stars, day, tables=q.TABLES)
listing = data.load(q.listing_by_platform, day, tables=q.TABLES)
all_row = listing.set_index("platform").loc[q.ALL_PLATFORMS]
if stars.empty and all_row["seller_accounts"] == 0:
    st.info(f"Chưa có sản phẩm OCOP hay tài khoản bán hàng nào đến ngày {fmt.date(day)}.")
    st.stop()

st.caption(
    f"Sản phẩm được công nhận, tin bán đang mở và tài khoản đã mở đến hết ngày {fmt.date(day)}."
)
show_tiles(all_row, int(stars["products"].sum()))

by_stars, sellers = st.columns(2, gap="large")
with by_stars:
    st.subheader("Sản phẩm OCOP theo số sao")
    if stars.empty:
        st.info("Chưa có sản phẩm OCOP nào.")
    else:
        labels = stars.assign(star_label=stars["stars"].map(lambda n: f"{n} sao"))
        order = [f"{n} sao" for n in sorted(stars["stars"].unique())]
        chart.show(
            charts.stacked_bars,
            labels,
            "name",
            "star_label",
            "products",
            order,
            "Sản phẩm",
            category_title="Xã, thị trấn",
            stack_title="Hạng sao",
        )
with sellers:
    st.subheader("Tài khoản bán hàng theo sàn")
    growth = data.load(q.seller_accounts_growth, day, tables=q.TABLES)
    if growth.empty:
        st.info("Chưa có tài khoản bán hàng nào.")
    else:
        growth = growth.assign(platform_name=growth["platform"].map(platform_name))
        order = [platform_name(p) for p in listing["platform"] if p in set(growth["platform"])]
        chart.show(
            charts.counts_over_time,
            growth,
            "month",
            "seller_accounts",
            "platform_name",
            order,
            "Tài khoản",
            series_title="Sàn",
        )

st.subheader("Sản phẩm 3 sao trở lên đang bán, theo sàn")
shown = listing.assign(platform_name=listing["platform"].map(platform_name))
has_figures = (shown["seller_accounts"] > 0) | (shown["listed_products"] > 0)
shown = shown[has_figures | (shown["platform"] == q.ALL_PLATFORMS)]
on_platforms = shown[shown["platform"] != q.ALL_PLATFORMS]
if not on_platforms.empty:
    detail = on_platforms["listed_products_3_star_plus"].map(fmt.number) + " sản phẩm"
    chart.show(
        charts.rate_dots,
        on_platforms.assign(detail=detail),
        "platform_name",
        "listed_share_3_star_plus",
        "detail",
        TARGET,
        category_title="Sàn",
    )
widgets.table(fmt.table(shown, PLATFORM_COLUMNS), bold_last=True)
st.caption(
    "Dòng “Tất cả các sàn”: mỗi sản phẩm tính một lần dù bán trên nhiều sàn; "
    f"{fmt.number(all_row['products_3_star_plus'])} sản phẩm 3 sao trở lên được công nhận."
)

st.subheader("Tài khoản bán hàng theo sàn và chủ tài khoản")
accounts = data.load(q.seller_accounts_by, day, tables=q.TABLES)
if accounts.empty:
    st.info("Chưa có tài khoản bán hàng nào.")
else:
    widgets.table(holder_table(accounts), bold_last=True)
