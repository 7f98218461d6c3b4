"""Mức độ hài lòng: satisfaction ratings of a period, over time, by unit and by officer.

Rate = (very satisfied + satisfied) / all ratings given in the period
(data-contract.md). The district's target (config/targets.toml) and the 90% at
which Bộ chỉ số 766 gives full marks are drawn on the charts. Officers' names and
citizens' comments (dashboard/auth/roles.py): a unit user sees their own unit's only, a
viewer none (they are never read for one).
"""

import streamlit as st

from dashboard import charts, figures, fmt, unit_reading
from dashboard.auth import roles
from dashboard.content import satisfaction as content
from dashboard.frame import access, chart, data, url_state, widgets
from dashboard.totals import TOTAL_NAME, with_total

allowed = access.grant("satisfaction")
period = widgets.page_header("Mức độ hài lòng", url_state.period, content.TABLES)
widgets.quality_notice(("ratings", "units"))

by_unit = data.load(figures.satisfaction_by_unit, period, url_state.units(), tables=content.TABLES)
table = with_total(by_unit, name=TOTAL_NAME)
total = table.iloc[-1]
if total["ratings"] == 0:
    st.info(content.no_ratings(period))
    st.stop()

lines = content.references(data.district_targets())
st.caption(f"Phiếu đánh giá {fmt.period(period.start, period.end)}.")
widgets.tile_row(content.tiles(total, lines))

marked = data.load(unit_reading.succession_dates)
monthly, weekly = st.columns(2, gap="large")
for column, freq, title in (
    (monthly, "month", "Tỷ lệ hài lòng theo tháng"),
    (weekly, "week", "Tỷ lệ hài lòng theo tuần"),
):
    with column:
        series = data.load(figures.satisfaction_series, period, freq, tables=content.TABLES)
        chart.show(
            charts.rate_over_time,
            series,
            "satisfaction_rate",
            freq,
            title,
            lines,
            count="ratings",
            marked=marked,
        )

st.subheader("Theo đơn vị")
chart.show(
    charts.rate_dots, content.rated_units(by_unit), "name", "satisfaction_rate", "detail", lines
)
widgets.table(
    fmt.table(table, content.unit_columns(lines.get(content.TARGET_LINE))), bold_last=True
)

st.subheader("Theo cán bộ tiếp nhận")
if not allowed.names:  # officers' names and comments are never read
    st.info(roles.NO_NAMES)
    st.stop()
choices = content.officer_choices(by_unit, allowed.unit)  # a unit user's own unit only
chosen = st.selectbox("Đơn vị", list(choices), key="unit", disabled=allowed.unit is not None)
unit = roles.officer_unit(allowed, choices[chosen])
officers = data.load(figures.satisfaction_by_officer, period, unit, tables=content.TABLES)
ranked, few = content.officer_tables(officers)
if data.load(unit_reading.has_reorganisation):
    st.caption(content.OFFICERS_AS_RECORDED)
if officers.empty:
    st.info(content.NO_OFFICERS)
if not ranked.empty:
    widgets.table(ranked)
if not few.empty:
    st.markdown(content.FEW_HEADING)
    widgets.table(few)

st.subheader("Ý kiến không hài lòng, mới nhất trước")
comments = data.load(figures.dissatisfied_comments, period, unit, tables=content.TABLES)
if comments.empty:
    st.info(content.NO_COMMENTS)
else:
    if note := content.comments_note(comments):
        st.caption(note)
    widgets.table(fmt.table(comments, content.COMMENT_COLUMNS))
