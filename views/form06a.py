"""Biểu II.06a, "Tình hình, kết quả giải quyết TTHC": the official form for any period.

One row per procedure field and the total, for the whole district, one level
(district one-stop or communes) or one receiving unit; downloadable as the
paper form's XLSX and as CSV. Definitions: data-contract.md, "The official
report"; readings: docs/decisions.md, "Biểu II.06a".
"""

from datetime import date

import pandas as pd
import streamlit as st

from dashboard import export_form06a, exports, fmt
from dashboard.figures import form06a_rows
from dashboard.frame import data, widgets
from dashboard.labels import UNIT_KIND_NAMES
from queries.form06a import receiving_units
from queries.period import Period

KINDS = {"month": "Tháng", "quarter": "Quý", "year": "Năm", "dates": "Khoảng ngày"}
QUARTERS = ("I", "II", "III", "IV")
MONTHS_OFFERED = 36
YEARS_OFFERED = 6
ALL = "__all__"


def _months(last_day: date) -> list[Period]:
    periods, year, month = [], last_day.year, last_day.month
    for _ in range(MONTHS_OFFERED):
        periods.append(Period.month(year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return periods


def _quarters(last_day: date) -> list[Period]:
    year, quarter = last_day.year, (last_day.month - 1) // 3 + 1
    periods = []
    for _ in range(MONTHS_OFFERED // 3):
        periods.append(Period.quarter(year, quarter))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return periods


def _label(kind: str, period: Period) -> str:
    if kind == "month":
        return f"Tháng {period.start.month:02d}/{period.start.year}"
    if kind == "quarter":
        return f"Quý {QUARTERS[(period.start.month - 1) // 3]}/{period.start.year}"
    return f"Năm {period.start.year}"


def pick_period(last_day: date) -> Period:
    """Month, quarter, year or two dates; a period still running ends at the last data day."""
    kind_column, period_column = st.columns([4, 3], vertical_alignment="bottom")
    with kind_column:
        kind = (
            st.segmented_control(
                "Kỳ báo cáo", list(KINDS), format_func=KINDS.get, default="month", key="form_kind"
            )
            or "month"
        )
    with period_column:
        if kind == "dates":
            default = data.default_period()
            return widgets.period_picker("form_dates", "Khoảng thời gian", default, default)
        if kind == "year":
            options = [Period.year(last_day.year - n) for n in range(YEARS_OFFERED)]
        else:
            options = _months(last_day) if kind == "month" else _quarters(last_day)
        # Default: the last period the data covers to its end, else the running one.
        complete = [i for i, p in enumerate(options) if p.end <= last_day]
        picked = st.selectbox(
            KINDS[kind],
            options,
            index=complete[0] if complete else 0,
            format_func=lambda p: _label(kind, p),
            key=f"form_{kind}",
        )
    return Period(picked.start, min(picked.end, max(last_day, picked.start)))


def pick_scope(units: pd.DataFrame) -> tuple[str | None, str | None, str]:
    """(level, unit code, scope name for the title)."""
    names = dict(zip(units["group"], units["name"], strict=True))
    options = [ALL, "district", "commune", *names]
    labels = {
        ALL: "Toàn huyện: cấp huyện và cấp xã",
        "district": f"Cấp huyện: {UNIT_KIND_NAMES['district']}",
        "commune": f"Cấp xã: các {UNIT_KIND_NAMES['commune']}",
        **{code: f"Đơn vị: {name}" for code, name in names.items()},
    }
    scope = st.selectbox("Phạm vi", options, format_func=labels.get, key="form_scope")
    if scope == ALL:
        return None, None, export_form06a.scope_name()
    if scope in ("district", "commune"):
        return scope, None, export_form06a.scope_name(scope)
    return None, scope, export_form06a.scope_name(unit_name=names[scope])


st.title("Biểu II.06a: Tình hình, kết quả giải quyết TTHC")
last_day = data.last_day()
period_column, scope_column = st.columns([3, 2], gap="large")
with period_column:
    period = pick_period(last_day)
with scope_column:
    level, unit, scope = pick_scope(data.load(receiving_units))

frame = data.load(form06a_rows, period, level, unit)
st.subheader(f"Tại {scope}, {fmt.period(period.start, period.end)}")
st.caption(
    f"Số hồ sơ TTHC. Tình trạng tính đến hết ngày {fmt.date(period.end)}. "
    "Cột (9) gồm cả hồ sơ bị từ chối và hồ sơ xin rút; cột (12) gồm cả hồ sơ tạm dừng chờ "
    "bổ sung; cột (6) là hồ sơ nhận trước kỳ chưa giải quyết xong khi bắt đầu kỳ."
)
if frame["c3"].iloc[-1] == 0:
    st.info("Không có hồ sơ nào trong phạm vi và kỳ đã chọn.")
st.html(export_form06a.to_html(frame))

name = f"bieu-II06a_{unit or level or 'toan-huyen'}_{period.start}_{period.end}"
files = (("Tải Excel (mẫu biểu)", ".xlsx"), ("Tải CSV", ".csv"))
for column, (label, suffix) in zip(st.columns(len(files)), files, strict=True):
    with column:
        st.download_button(
            label,
            export_form06a.to_file_bytes(frame, suffix, scope, period),
            file_name=f"{name}{suffix}",
            mime=exports.MIME_TYPES[suffix],
            icon=":material/download:",
        )
