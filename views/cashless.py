"""Thanh toán không dùng tiền mặt: health stations, markets and canteens taking cashless payment.

A place takes cashless payment from its `cashless_since` on (a market that does
is a "chợ 4.0"); payments are the monthly figures of the months whose first day
lies in the chosen period (docs/decisions.md).
"""

import streamlit as st

from dashboard import charts, figures, fmt
from dashboard.content import cashless as content
from dashboard.frame import access, chart, data, url_state, widgets

access.grant("cashless")
period = widgets.page_header("Thanh toán không dùng tiền mặt", url_state.period, content.TABLES)
widgets.quality_notice(("units",))

by_kind = data.load(figures.cashless_by_kind, period, tables=content.TABLES)
if by_kind["facilities"].sum() == 0:
    st.info(content.NO_PLACES)
    st.stop()

st.caption(content.caption(period))
widgets.tile_row(content.tiles(by_kind, period.end))

months = data.load(figures.cashless_months, period, tables=content.TABLES)
shares, markets = st.columns(2, gap="large")
with shares:
    if months.empty:
        st.info(content.NO_MONTHS)
    else:
        by_month, order = content.share_months(months, by_kind)
        chart.show(
            charts.rate_over_time,
            by_month,
            "cashless_payment_share",
            "month",
            "Tỷ lệ lượt thanh toán không dùng tiền mặt theo tháng",
            series="kind_name",
            series_order=order,
            count="cashless_payments",
            count_title="Lượt không tiền mặt",
            series_title="Nơi thu",
        )
with markets:
    stalls = content.market_stalls(months)
    if not stalls.empty:
        chart.show(
            charts.rate_over_time,
            stalls,
            "cashless_vendor_share",
            "month",
            "Chợ: tỷ lệ sạp nhận thanh toán không dùng tiền mặt",
            count="cashless_vendors",
            count_title="Sạp nhận không tiền mặt",
        )
        st.caption(content.stalls_caption(stalls))

st.subheader("Theo loại nơi thu")
widgets.table(content.kind_table(by_kind))

facilities = data.load(figures.facility_list, period.end, tables=content.TABLES)
facilities = content.named_places(facilities)
markets_40 = content.markets_40(facilities)
st.subheader(f"Chợ 4.0 ({fmt.number(len(markets_40))} chợ)")
if markets_40.empty:
    st.info(content.no_markets(period.end))
else:
    widgets.table(fmt.table(markets_40, content.MARKET_COLUMNS))

with st.expander("Danh sách tất cả nơi thu"):
    widgets.table(fmt.table(facilities, content.FACILITY_COLUMNS))
