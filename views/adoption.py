"""Chuyển đổi số cộng đồng: households guided onto online public services and cashless accounts.

Each commune counts with its latest report on or before the chosen day
(data-contract.md); snapshots are stocks, so only that day matters.
"""

import pandas as pd
import streamlit as st

from dashboard import charts, figures, fmt
from dashboard.frame import chart, data, url_state, widgets
from dashboard.totals import DISTRICT_NAME, with_total
from queries import adoption as q

COMMUNE_COLUMNS = {
    "name": ("Xã, thị trấn", None),
    "as_of": ("Báo cáo ngày", fmt.date),
    "households": ("Số hộ", fmt.number),
    "households_onboarded": ("Hộ được hướng dẫn", fmt.number),
    "onboarded_rate": ("Tỷ lệ hộ", fmt.percent),
    "public_service_accounts": ("Tài khoản dịch vụ công", fmt.number),
    "e_wallet_accounts": ("Ví điện tử", fmt.number),
    "e_health_records": ("Sổ sức khỏe điện tử", fmt.number),
}
GROWTH_SERIES = {
    "households": "Tổng số hộ",
    "households_onboarded": "Hộ được hướng dẫn",
    "public_service_accounts": "Tài khoản dịch vụ công",
    "e_wallet_accounts": "Ví điện tử",
}


def show_tiles(total: pd.Series) -> None:
    tiles = [
        (
            "Tỷ lệ hộ",
            fmt.percent(total["onboarded_rate"]),
            f"{fmt.number(total['households_onboarded'])} trên {fmt.number(total['households'])}"
            " hộ được hướng dẫn cài đặt dịch vụ công trực tuyến, ứng dụng của tỉnh và thanh "
            "toán không dùng tiền mặt.",
        ),
        ("Hộ được hướng dẫn", fmt.number(total["households_onboarded"]), None),
        ("Tổng số hộ", fmt.number(total["households"]), None),
        ("Tài khoản DVC", fmt.number(total["public_service_accounts"]), "Tài khoản dịch vụ công."),
        ("Ví điện tử", fmt.number(total["e_wallet_accounts"]), None),
        ("Sổ sức khỏe điện tử", fmt.number(total["e_health_records"]), None),
    ]
    widgets.tile_row(tiles)


day = widgets.page_header("Chuyển đổi số cộng đồng", url_state.day, q.TABLES)
widgets.quality_notice(("units",))

by_commune = data.load(figures.adoption_by_commune, day, tables=q.TABLES)
reported = by_commune[by_commune["as_of"].notna()]
if reported.empty:
    st.info(f"Chưa có xã, thị trấn nào báo cáo đến ngày {fmt.date(day)}.")
    st.stop()

table = with_total(by_commune, name=DISTRICT_NAME)
total = table.iloc[-1]
st.caption(
    f"Số liệu của lần báo cáo gần nhất của mỗi xã, thị trấn đến hết ngày {fmt.date(day)} "
    f"({fmt.number(len(reported))} trên {fmt.number(len(by_commune))} xã, thị trấn đã báo cáo)."
)
show_tiles(total)

rates, growth = st.columns(2, gap="large")
with rates:
    st.subheader("Tỷ lệ hộ được hướng dẫn")
    detail = (
        reported["households_onboarded"].map(fmt.number)
        + "/"
        + reported["households"].map(fmt.number)
        + " hộ"
    )
    chart.show(
        charts.rate_dots,
        reported.assign(detail=detail),
        "name",
        "onboarded_rate",
        "detail",
        category_title="Xã, thị trấn",
    )
with growth:
    st.subheader("Diễn biến toàn huyện")
    history = data.load(figures.adoption_history, day, tables=q.TABLES)
    long = history.melt(
        id_vars=["as_of"], value_vars=list(GROWTH_SERIES), var_name="measure", value_name="value"
    )
    long["series"] = long["measure"].map(GROWTH_SERIES)
    chart.show(
        charts.counts_over_time,
        long,
        "as_of",
        "value",
        "series",
        list(GROWTH_SERIES.values()),
        "Số hộ, tài khoản",
        by_day=True,
        series_title="Chỉ tiêu",
    )
    st.caption("Mỗi ngày có báo cáo: mỗi xã, thị trấn tính theo báo cáo gần nhất của mình.")

st.subheader("Theo xã, thị trấn")
widgets.table(fmt.table(table, COMMUNE_COLUMNS), bold_last=True)
