"""Thanh toán không dùng tiền mặt: health stations, markets and canteens taking cashless payment.

A place takes cashless payment from its `cashless_since` on (a market that does
is a "chợ 4.0"); payments are the monthly figures of the months whose first day
lies in the chosen period (docs/decisions.md).
"""

import pandas as pd
import streamlit as st

from dashboard import charts, fmt
from dashboard.frame import chart, data, url_state, widgets
from dashboard.labels import FACILITY_KIND_NAMES
from queries import cashless as q

MILLION = 1_000_000
KIND_COLUMNS = {
    "kind_name": ("Loại nơi thu", None),
    "facilities": ("Số nơi", fmt.number),
    "cashless_facilities": ("Nhận không tiền mặt", fmt.number),
    "cashless_facility_share": ("Tỷ lệ nơi", fmt.percent),
    "cashless_since": ("Nơi đầu tiên từ", fmt.date),
    "payments": ("Lượt thanh toán", fmt.number),
    "cashless_payments": ("Lượt không tiền mặt", fmt.number),
    "cashless_payment_share": ("Tỷ lệ lượt", fmt.percent),
    "amount_million": ("Giá trị không tiền mặt (triệu đồng)", fmt.number),
}
MARKET_COLUMNS = {
    "name": ("Chợ", None),
    "commune": ("Xã, thị trấn", None),
    "cashless_since": ("Từ ngày", fmt.date),
}
FACILITY_COLUMNS = {
    "name": ("Nơi thu", None),
    "kind_name": ("Loại", None),
    "commune": ("Xã, thị trấn", None),
    "cashless_since": ("Nhận không tiền mặt từ", fmt.date),
}


def kind_name(kind: str) -> str:
    return FACILITY_KIND_NAMES.get(kind, kind)


def show_tiles(by_kind: pd.DataFrame, end) -> None:
    tiles = [
        (
            kind_name(row["kind"]),
            f"{fmt.number(row['cashless_facilities'])}/{fmt.number(row['facilities'])}",
            f"Nhận thanh toán không dùng tiền mặt đến {fmt.date(end)}.",
        )
        for row in by_kind.to_dict("records")
        if row["facilities"]
    ]
    amount = by_kind["cashless_amount"].sum() / MILLION
    tiles.append(
        (
            "Giá trị (triệu đồng)",
            fmt.number(amount),
            "Tổng giá trị thanh toán không dùng tiền mặt của các tháng trong kỳ, triệu đồng.",
        )
    )
    widgets.tile_row(tiles)


period = widgets.page_header("Thanh toán không dùng tiền mặt", url_state.period, q.TABLES)
widgets.quality_notice(("units",))

by_kind = data.load(q.cashless_by_kind, period, tables=q.TABLES)
if by_kind["facilities"].sum() == 0:
    st.info("Cơ sở dữ liệu chưa có nơi thu nào (trạm y tế, chợ, căng tin).")
    st.stop()

st.caption(
    f"Số nơi nhận thanh toán không dùng tiền mặt tính đến hết ngày {fmt.date(period.end)}; "
    f"lượt và giá trị thanh toán của các tháng {fmt.period(period.start, period.end)} "
    "(tháng có ngày đầu tháng nằm trong khoảng)."
)
show_tiles(by_kind, period.end)

months = data.load(q.cashless_months, period, tables=q.TABLES)
shares, markets = st.columns(2, gap="large")
with shares:
    if months.empty:
        st.info("Không có số liệu thanh toán theo tháng trong khoảng thời gian này.")
    else:
        by_month = months.assign(period=months["month"], kind_name=months["kind"].map(kind_name))
        order = [kind_name(k) for k in by_kind["kind"] if k in set(months["kind"])]
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
    stalls = months[(months["kind"] == "market") & months["vendors"].notna()]
    if not stalls.empty:
        chart.show(
            charts.rate_over_time,
            stalls.assign(period=stalls["month"]),
            "cashless_vendor_share",
            "month",
            "Chợ: tỷ lệ sạp nhận thanh toán không dùng tiền mặt",
            count="cashless_vendors",
            count_title="Sạp nhận không tiền mặt",
        )
        last = stalls.iloc[-1]
        st.caption(
            f"Tháng {fmt.month(last['month'])}: {fmt.number(last['cashless_vendors'])} trong "
            f"{fmt.number(last['vendors'])} sạp đang kinh doanh nhận thanh toán không tiền mặt."
        )

st.subheader("Theo loại nơi thu")
table = by_kind.assign(
    kind_name=by_kind["kind"].map(kind_name), amount_million=by_kind["cashless_amount"] / MILLION
)
widgets.table(fmt.table(table, KIND_COLUMNS))

facilities = data.load(q.facility_list, period.end, tables=q.TABLES)
facilities = facilities.assign(kind_name=facilities["kind"].map(kind_name))
markets_40 = facilities[(facilities["kind"] == "market") & facilities["takes_cashless"]]
st.subheader(f"Chợ 4.0 ({fmt.number(len(markets_40))} chợ)")
if markets_40.empty:
    st.info(f"Đến {fmt.date(period.end)} chưa có chợ nào nhận thanh toán không dùng tiền mặt.")
else:
    widgets.table(fmt.table(markets_40, MARKET_COLUMNS))

with st.expander("Danh sách tất cả nơi thu"):
    widgets.table(fmt.table(facilities, FACILITY_COLUMNS))
