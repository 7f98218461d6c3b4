"""Biểu II.06a, "Tình hình, kết quả giải quyết TTHC": the official form for any period.

One row per procedure field and the total, for the whole district, one level
(district one-stop or communes) or one receiving unit; downloadable as the
paper form's XLSX and as CSV (not for the role "viewer": dashboard/auth/roles.py).
Definitions: data-contract.md, "The official report"; readings: docs/decisions.md, "Biểu II.06a".
"""

from datetime import date

import pandas as pd
import streamlit as st

from dashboard import export_form06a, exports, fmt
from dashboard.auth import roles
from dashboard.content import form06a as content
from dashboard.content.form06a import ALL
from dashboard.figures import form06a_rows, receiving_units, scope_name
from dashboard.frame import access, data, source_text, url_state, widgets


def pick_period(last_day: date, asked: content.Period) -> content.Period:
    """Month, quarter, year or two dates, starting from the link's period (`asked`); a
    period still running ends at the last data day."""
    kind, whole = content.read_period(asked, last_day)
    if "form_kind" not in st.session_state:  # the first run: the link decides
        st.session_state["form_kind"] = kind
        if whole is not None:
            st.session_state[f"form_{kind}"] = whole
    kind_column, period_column = st.columns([4, 3], vertical_alignment="bottom")
    with kind_column:
        kind = (
            st.segmented_control(
                "Kỳ báo cáo", list(content.KINDS), format_func=content.KINDS.get, key="form_kind"
            )
            or "month"
        )
    with period_column:
        if kind == "dates":
            initial = asked if whole is None else content.default_period(last_day)
            return widgets.period_picker("form_dates", "Khoảng thời gian", initial)
        offered = content.options(kind, last_day)
        if st.session_state.get(f"form_{kind}") not in offered:
            whole_ones = [p for p in offered if p.end <= last_day]
            st.session_state[f"form_{kind}"] = whole_ones[0] if whole_ones else offered[0]
        picked = st.selectbox(
            content.KINDS[kind],
            offered,
            format_func=lambda p: content.label(kind, p),
            key=f"form_{kind}",
        )
    return content.cut(picked, last_day)


def pick_scope(
    units: pd.DataFrame, asked: str, place: str | None
) -> tuple[str | None, str | None, str]:
    """(level, unit code, scope name for the title), starting from the link's `asked`."""
    labels = content.scopes(units, place)
    if "form_scope" not in st.session_state:
        st.session_state["form_scope"] = asked if asked in labels else ALL
    scope = st.selectbox("Phạm vi", list(labels), format_func=labels.get, key="form_scope")
    return content.scope_of(scope, units, place)


allowed = access.grant("form06a")
st.title("Biểu II.06a: Tình hình, kết quả giải quyết TTHC")
widgets.quality_notice()
last_day = data.last_day()
default = content.default_period(last_day)
query = url_state.read()
asked_period = query.period(default)
units = data.load(receiving_units)
place = data.load(scope_name)  # the deployment's scope's unit, if any: the whole's name
asked_scope = query.choice("scope", list(content.scopes(units, place)), "phạm vi", ALL, "toàn bộ")
period_column, scope_column = st.columns([3, 2], gap="large")
with period_column:
    period = pick_period(last_day, asked_period)
with scope_column:
    level, unit, scope = pick_scope(units, asked_scope, place)
url_state.warn(query.problems)
url_state.write(
    {"start": period.start, "end": period.end, "scope": unit or level or ALL},
    {"start": default.start, "end": default.end, "scope": ALL},
)

frame = data.load(form06a_rows, period, level, unit, url_state.units())
source_text.heading(f"Tại {scope}, {fmt.period(period.start, period.end)}")  # a unit's name
st.caption(
    f"Số hồ sơ TTHC. Tình trạng tính đến hết ngày {fmt.date(period.end)}. "
    "Cột (9) gồm cả hồ sơ bị từ chối và hồ sơ xin rút; cột (12) gồm cả hồ sơ tạm dừng chờ "
    "bổ sung; cột (6) là hồ sơ nhận trước kỳ chưa giải quyết xong khi bắt đầu kỳ."
)
if frame["c3"].iloc[-1] == 0:
    st.info("Không có hồ sơ nào trong phạm vi và kỳ đã chọn.")
st.html(export_form06a.to_html(frame))
st.caption(content.LATE_NOTE)

if not allowed.files:  # the files are never built for a viewer
    st.caption(roles.NO_FILES)
    st.stop()
files = (("Tải Excel (mẫu biểu)", ".xlsx"), ("Tải CSV", ".csv"))
sent = export_form06a.addresses(units, unit, place)
for column, (label, suffix) in zip(st.columns(len(files)), files, strict=True):
    with column:
        st.download_button(
            label,
            export_form06a.to_file_bytes(frame, suffix, scope, period, sent),
            file_name=content.file_name(level, unit, period, suffix),
            mime=exports.MIME_TYPES[suffix],
            icon=":material/download:",
        )
