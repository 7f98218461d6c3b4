"""Chuyển đổi số cộng đồng: households guided onto online public services and cashless accounts.

Each commune counts with its latest report on or before the chosen day
(data-contract.md); snapshots are stocks, so only that day matters. Across a merger a
commune's households count once (dashboard/households.py), in either reading of units.
"""

import streamlit as st

from dashboard import charts, figures, fmt
from dashboard.content import adoption as content
from dashboard.frame import access, chart, data, url_state, widgets
from dashboard.totals import TOTAL_NAME, with_total

access.grant("adoption")
day = widgets.page_header("Chuyển đổi số cộng đồng", url_state.day, content.TABLES)
widgets.quality_notice(("units",))

units = url_state.units()
by_commune = data.load(figures.adoption_by_commune, day, units, tables=content.TABLES)
reported = by_commune[by_commune["as_of"].notna()]
if reported.empty:
    st.info(content.no_reports(day))
    st.stop()

table = with_total(by_commune, name=TOTAL_NAME)
total = table.iloc[-1]
st.caption(content.caption(day, len(reported), len(by_commune)))
widgets.tile_row(content.tiles(total))

rates, growth = st.columns(2, gap="large")
with rates:
    st.subheader("Tỷ lệ hộ được hướng dẫn")
    chart.show(
        charts.rate_dots,
        content.rate_dots(reported),
        "name",
        "onboarded_rate",
        "detail",
        category_title="Xã, thị trấn",
    )
with growth:
    st.subheader("Diễn biến chung của các xã")
    history = data.load(figures.adoption_history, day, tables=content.TABLES)
    chart.show(
        charts.counts_over_time,
        content.growth(history),
        "as_of",
        "value",
        "series",
        list(content.GROWTH_SERIES.values()),
        "Số hộ, tài khoản",
        by_day=True,
        series_title="Chỉ tiêu",
    )
    st.caption("Mỗi ngày có báo cáo: mỗi xã, thị trấn tính theo báo cáo gần nhất của mình.")

st.subheader("Theo xã, thị trấn")
widgets.table(fmt.table(table, content.COMMUNE_COLUMNS), bold_last=True)
