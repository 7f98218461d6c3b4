"""Hồ sơ theo đơn vị: the cohort KPIs of a period by receiving and handling unit."""

import streamlit as st

from dashboard import fmt, ui
from queries.cohort import cohort_by

st.title("Hồ sơ theo đơn vị")
period = ui.period_picker()
frame = ui.load(cohort_by, period, "unit")
st.dataframe(fmt.kpi_table(frame), hide_index=True)
