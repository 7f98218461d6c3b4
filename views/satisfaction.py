"""Mức độ hài lòng: satisfaction ratings of a period, over time, by unit and by officer.

Rate = (very satisfied + satisfied) / all ratings given in the period
(data-contract.md). The district's target (config/targets.toml) and the 90% at
which Bộ chỉ số 766 gives full marks are drawn on the charts. Officers' names and
citizens' comments (dashboard/auth/roles.py): a unit user sees their own unit's only, a
viewer none (they are never read for one).
"""

import pandas as pd
import streamlit as st

from dashboard import charts, figures, fmt
from dashboard.auth import roles
from dashboard.frame import chart, data, sign_in, url_state, widgets
from dashboard.kpi import FEW_RATINGS, SATISFACTION_FULL_MARKS, SATISFACTION_LEVELS
from dashboard.labels import RATING_LEVEL_NAMES
from dashboard.totals import DISTRICT_NAME, with_total
from queries import satisfaction as q

ALL_UNITS = "Tất cả đơn vị"
LEVEL_COLUMNS = {
    "ratings": ("Số phiếu", fmt.number),
    **{level: (RATING_LEVEL_NAMES[level], fmt.number) for level in SATISFACTION_LEVELS},
    "satisfaction_rate": ("Tỷ lệ hài lòng", fmt.percent),
}
UNIT_COLUMNS = {"name": ("Đơn vị", None), **LEVEL_COLUMNS}
OFFICER_COLUMNS = {"name": ("Cán bộ", None), "unit": ("Đơn vị", None), **LEVEL_COLUMNS}
COMMENT_COLUMNS = {
    "rated_at": ("Thời gian", fmt.datetime),
    "unit": ("Đơn vị", None),
    "officer": ("Cán bộ", lambda name: name if isinstance(name, str) else fmt.MISSING),
    "dossier": ("Hồ sơ", lambda code: code if isinstance(code, str) else fmt.MISSING),
    "comment": ("Ý kiến", None),
}


def references() -> dict[str, float]:
    target = data.district_targets().get("satisfaction_rate")
    lines = {"Mục tiêu": target.value} if target else {}
    return {**lines, "Điểm tối đa Bộ chỉ số 766": SATISFACTION_FULL_MARKS}


def show_tiles(total: pd.Series, lines: dict[str, float]) -> None:
    target = lines.get("Mục tiêu")
    tiles = [
        (
            "Tỷ lệ hài lòng",
            fmt.percent(total["satisfaction_rate"]),
            f"Mục tiêu {fmt.percent(target)}." if target else None,
        ),
        ("Số phiếu đánh giá", fmt.number(total["ratings"]), None),
        *[
            (RATING_LEVEL_NAMES[level], fmt.number(total[level]), None)
            for level in SATISFACTION_LEVELS
        ],
    ]
    widgets.tile_row(tiles)


viewer = sign_in.user()
period = widgets.page_header("Mức độ hài lòng", url_state.period, q.TABLES)
widgets.quality_notice(("ratings", "units"))

by_unit = data.load(figures.satisfaction_by_unit, period, url_state.units(), tables=q.TABLES)
table = with_total(by_unit, name=DISTRICT_NAME)
total = table.iloc[-1]
if total["ratings"] == 0:
    st.info(
        f"Không có phiếu đánh giá nào {fmt.period(period.start, period.end)}. "
        "Xin chọn khoảng thời gian khác."
    )
    st.stop()

lines = references()
st.caption(f"Phiếu đánh giá {fmt.period(period.start, period.end)}.")
show_tiles(total, lines)

monthly, weekly = st.columns(2, gap="large")
for column, freq, title in (
    (monthly, "month", "Tỷ lệ hài lòng theo tháng"),
    (weekly, "week", "Tỷ lệ hài lòng theo tuần"),
):
    with column:
        series = data.load(figures.satisfaction_series, period, freq, tables=q.TABLES)
        chart.show(
            charts.rate_over_time, series, "satisfaction_rate", freq, title, lines, count="ratings"
        )

st.subheader("Theo đơn vị")
rated = by_unit[by_unit["ratings"] > 0]
detail = rated["ratings"].map(fmt.number) + " phiếu"
chart.show(
    charts.rate_dots, rated.assign(detail=detail), "name", "satisfaction_rate", "detail", lines
)
widgets.table(fmt.table(table, UNIT_COLUMNS), bold_last=True)

st.subheader("Theo cán bộ tiếp nhận")
if not roles.may_see_names(viewer):  # officers' names and comments are never read
    st.info(roles.NO_NAMES)
    st.stop()
names = dict(zip(by_unit["name"], by_unit["group"], strict=True))
if viewer.role == "unit":  # their own unit's officers only
    names = {name: code for name, code in names.items() if code == viewer.unit}
    chosen = st.selectbox("Đơn vị", list(names) or [viewer.unit], key="unit", disabled=True)
else:
    chosen = st.selectbox("Đơn vị", [ALL_UNITS, *names], key="unit")
unit = roles.officer_unit(viewer, names.get(chosen))
officers = data.load(figures.satisfaction_by_officer, period, unit, tables=q.TABLES)
ranked, few = officers[~officers["few_ratings"]], officers[officers["few_ratings"]]
if officers.empty:
    st.info("Chưa có cán bộ nào được đánh giá trong kỳ này.")
if not ranked.empty:
    widgets.table(fmt.table(ranked, {"rank": ("Hạng", fmt.number), **OFFICER_COLUMNS}))
if not few.empty:
    st.markdown(
        f"**Cán bộ ít phiếu** (dưới {fmt.number(FEW_RATINGS)} phiếu trong kỳ): chưa xếp hạng"
    )
    widgets.table(fmt.table(few, OFFICER_COLUMNS))

st.subheader("Ý kiến không hài lòng, mới nhất trước")
comments = data.load(q.dissatisfied_comments, period, unit, tables=q.TABLES)
if comments.empty:
    st.info("Không có ý kiến không hài lòng nào trong kỳ này.")
else:
    if len(comments) == q.COMMENTS_LIMIT:
        st.caption(f"{fmt.number(q.COMMENTS_LIMIT)} ý kiến mới nhất.")
    widgets.table(fmt.table(comments, COMMENT_COLUMNS))
