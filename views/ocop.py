"""OCOP và thương mại điện tử: OCOP products, their listings on platforms, sellers' accounts.

All as of a chosen day (data-contract.md): products certified by then, listings
open on it, accounts opened by then. The provinces' target: every product of
3 stars or more listed on a platform.
"""

import streamlit as st

from dashboard import charts, figures, fmt
from dashboard.content import ocop as content
from dashboard.frame import access, chart, data, url_state, widgets

access.grant("ocop")
day = widgets.page_header("OCOP và thương mại điện tử", url_state.day, content.TABLES)
widgets.quality_notice(("units",))

stars = data.load(figures.products_by_stars, day, tables=content.TABLES)
listing = data.load(figures.listing_by_platform, day, tables=content.TABLES)
all_row = content.all_platforms(listing)
if stars.empty and all_row["seller_accounts"] == 0:
    st.info(content.nothing_yet(day))
    st.stop()

st.caption(
    f"Sản phẩm được công nhận, tin bán đang mở và tài khoản đã mở đến hết ngày {fmt.date(day)}."
)
widgets.tile_row(content.tiles(all_row, int(stars["products"].sum())))

by_stars, sellers = st.columns(2, gap="large")
with by_stars:
    st.subheader("Sản phẩm OCOP theo số sao")
    if stars.empty:
        st.info("Chưa có sản phẩm OCOP nào.")
    else:
        labels, order = content.star_bars(stars)
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
    growth = data.load(figures.seller_accounts_growth, day, tables=content.TABLES)
    if growth.empty:
        st.info(content.NO_ACCOUNTS)
    else:
        growth, order = content.account_growth(growth, listing)
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
shown, on_platforms = content.platforms_shown(listing)
if not on_platforms.empty:
    chart.show(
        charts.rate_dots,
        on_platforms,
        "platform_name",
        "listed_share_3_star_plus",
        "detail",
        content.TARGET,
        category_title="Sàn",
    )
widgets.table(fmt.table(shown, content.PLATFORM_COLUMNS), bold_last=True)
st.caption(content.all_platforms_note(all_row))

st.subheader("Tài khoản bán hàng theo sàn và chủ tài khoản")
accounts = data.load(figures.seller_accounts_by, day, tables=content.TABLES)
if accounts.empty:
    st.info(content.NO_ACCOUNTS)
else:
    widgets.table(content.holder_table(accounts), bold_last=True)
