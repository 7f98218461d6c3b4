"""Hồ sơ theo đơn vị: the cohort KPIs of a period, by receiving and by handling unit.

Of the dossiers received in the chosen period, what became of them by its end
(data-contract.md, "The cohort view"): tiles for the district, a chart and a
table per receiving unit, a table per handling unit, a weekly trend.
"""

import pandas as pd
import streamlit as st

from dashboard import charts, fmt, html_table, unit_reading
from dashboard.content import units as content
from dashboard.figures import cohort_units_and_weeks, unit_kinds
from dashboard.frame import access, chart, data, url_state, widgets
from dashboard.totals import TOTAL_NAME, with_total


def show_table(frame: pd.DataFrame, columns: list[str], unit_param: str) -> None:
    # Every unit in view at once, the report's subtotals, the district total last.
    kinds = data.load(unit_kinds)
    table = content.unit_table_html(
        frame, kinds, columns, period, unit_param, units, data.district_targets()
    )
    st.html(html_table.style("units") + table)


access.grant("units")
period = widgets.page_header("Hồ sơ theo đơn vị", url_state.period)
widgets.quality_notice()

units = url_state.units()
by_unit, by_handling, weekly = data.load(cohort_units_and_weeks, period, units)
total = with_total(by_unit, name=TOTAL_NAME).iloc[-1]
if total["received"] == 0:
    st.info(
        f"Không có hồ sơ nào được tiếp nhận {fmt.period(period.start, period.end)}. "
        "Xin chọn khoảng thời gian khác."
    )
    st.stop()

st.caption(
    f"Hồ sơ tiếp nhận {fmt.period(period.start, period.end)}, "
    f"tình trạng tính đến hết ngày {fmt.date(period.end)}."
)
widgets.tile_row(content.tiles(total, data.district_targets()))

st.subheader("Tiếp nhận và trễ hạn theo đơn vị")
received_column, late_column = st.columns([3, 2], gap="medium")
with received_column:
    chart.show(
        charts.bar_panel, by_unit, "name", "received", "Hồ sơ tiếp nhận", charts.PALETTE["received"]
    )
with late_column:
    chart.show(
        charts.bar_panel,
        by_unit,
        "name",
        "resolved_late",
        "Giải quyết trễ hạn",
        charts.PALETTE["late"],
        show_categories=False,
    )

st.subheader("Diễn biến theo tuần")
st.caption(content.weekly_note(period))
marked = data.load(unit_reading.succession_dates)
received_column, rate_column = st.columns(2, gap="large")
with received_column:
    chart.show(
        charts.weekly_counts,
        weekly,
        "received",
        "Hồ sơ tiếp nhận mỗi tuần",
        charts.PALETTE["received"],
        marked,
    )
with rate_column:
    target = data.district_targets().get("on_time_rate")
    chart.show(
        charts.rate_over_time,
        weekly,
        "on_time_rate",
        "week",
        content.WEEKLY_RATE_TITLE,
        references={"Mục tiêu": target.value} if target else None,
        count="finished",
        count_title="Đã giải quyết",
        marked=marked,
    )

st.subheader("Theo đơn vị tiếp nhận")
show_table(by_unit, content.UNIT_COLUMNS, "unit")

st.subheader("Theo đơn vị xử lý")
show_table(by_handling, content.HANDLING_COLUMNS, "handling")
st.caption("Bấm tên đơn vị để xem danh sách hồ sơ trễ hạn của đơn vị trong kỳ.")
