"""The sidebar of every view: the app's name, the database it reads, how recent the data is."""

import streamlit as st

from dashboard.frame import data

APP_TITLE = "Bảng điều hành cải cách hành chính"


def sidebar() -> None:
    with st.sidebar:
        st.markdown(f"**{APP_TITLE}**")
        st.caption(f"Nguồn dữ liệu: {data.source()}")
        as_of = data.data_as_of_line()
        if as_of:
            st.caption(as_of)
