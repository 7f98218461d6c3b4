"""The sidebar of every view: the app's name, the database it reads, how recent the data is
(and, read from a replica, how far it is behind its primary), and who is signed in."""

from datetime import timedelta

import streamlit as st

from dashboard import fmt
from dashboard.auth.users import User
from dashboard.frame import data, sign_in
from queries.meta import replica_lag

APP_TITLE = "Bảng điều hành cải cách hành chính"
REPLICA_CURRENT = "bản sao đã cập nhật đủ so với máy chủ chính"
REPLICA_BEHIND = "bản sao chậm {lag} so với máy chủ chính"


def replica_note(lag: timedelta | None) -> str | None:
    """What the "data as of" line adds when the database is a standby (queries.meta.replica_lag)."""
    if lag is None:
        return None
    return REPLICA_CURRENT if lag == timedelta(0) else REPLICA_BEHIND.format(lag=fmt.duration(lag))


def _replica_lag() -> timedelta | None:
    """The standby's lag, cached like every figure; None on a primary, on SQLite, or when it
    cannot be read (a note about the data must never be what breaks the sidebar)."""
    try:
        return data.cached(replica_lag)
    except Exception:  # the page's own reads say what is wrong
        return None


def sidebar(user: User) -> None:
    with st.sidebar:
        st.markdown(f"**{APP_TITLE}**")
        st.caption(f"Nguồn dữ liệu: {data.source()}")
        as_of = data.data_as_of_line()
        if as_of:
            note = replica_note(_replica_lag())
            st.caption(f"{as_of} ({note})" if note else as_of)
        sign_in.sidebar_block(user)
