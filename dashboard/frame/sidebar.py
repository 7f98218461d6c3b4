"""The sidebar of every view: the app's name, the database it reads, how recent the data is
(and, read from a replica, how far it is behind its primary), and who is signed in."""

from datetime import datetime, timedelta

import streamlit as st

from dashboard import fmt
from dashboard.auth.users import User
from dashboard.frame import data, sign_in, source_text
from queries.meta import Standby, replica_state

APP_TITLE = "Bảng điều hành cải cách hành chính"
REPLICA_CURRENT = "bản sao đã cập nhật đủ so với máy chủ chính"
REPLICA_BEHIND = "bản sao chậm {lag} so với máy chủ chính"
REPLICA_STOPPED = "bản sao đang tạm dừng, chậm {lag} so với máy chủ chính"


def replica_note(replica: Standby | None, now: datetime) -> str | None:
    """What the "data as of" line adds when the database is a standby (queries.meta):
    how far behind it is at `now`, and that it is not replaying when it is not."""
    if replica is None:
        return None
    lag = fmt.duration(replica.behind_at(now))
    if replica.stopped:
        return REPLICA_STOPPED.format(lag=lag)
    return REPLICA_CURRENT if replica.behind == timedelta(0) else REPLICA_BEHIND.format(lag=lag)


def sidebar(user: User, place: str | None) -> None:
    with st.sidebar:
        st.markdown(f"**{APP_TITLE}**")
        if place:  # whom it serves: the scope's unit (or the data's top unit)
            source_text.caption(place)
        st.caption(f"Nguồn dữ liệu: {data.source()}")
        as_of = data.data_as_of_line()
        if as_of:
            note = replica_note(data.probe(replica_state), datetime.now())
            st.caption(f"{as_of} ({note})" if note else as_of)
        sign_in.sidebar_block(user)
