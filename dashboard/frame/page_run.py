"""What every page run is wrapped in (app.py): one deadline for all its reads, the
administrator's warning about a role that could write, and a notice when the figures
on the page come from the cache while the database cannot be reached. Before all of
it, before any query: who is signed in (dashboard/frame/sign_in.py)."""

from datetime import datetime, timedelta

import streamlit as st

from dashboard import fmt, role_check
from dashboard.frame import data, sidebar, sign_in
from queries import connection, deadline
from queries.privileges import write_access

# Figures read this recently prove the database answered: no need to ask it again.
FRESH = timedelta(seconds=data.PROBE_TTL_SECONDS)
STALE = (
    "{why} lúc {now}. Số liệu trên trang này được đọc lúc {read}, có thể đã cũ. "
    "Xin báo quản trị hệ thống."
)


def run(navigation) -> None:
    """Draw the sidebar and the chosen page within one deadline, then say if what they
    show could not be refreshed."""
    user = sign_in.gate()  # signed out: the sign-in form, and the run ends here
    try:
        seconds = data.deadline_seconds()
    except connection.ConfigError as error:
        data.stop(str(error))
    with deadline.within(seconds), data.page_run() as run:
        role_warning()
        old_data_warning()
        notice = st.empty()
        sidebar.sidebar(user)
        navigation.run()
    stale_notice(notice, run.reads)


def role_warning() -> None:
    try:
        text = role_check.warning(data.cached(write_access))
    except Exception as error:  # unreachable: the page's own reads say so
        data.log_failure("role check", error)
        return
    if text:
        st.warning(text, icon=":material/shield:")


def old_data_warning() -> None:
    text = data.data_age_notice()
    if text:
        st.warning(text, icon=":material/history:")


def stale_notice(notice, reads: list[datetime]) -> None:
    """In `notice`, at the top of the page: the figures are old and the database is down
    or has no room for another connection."""
    now = datetime.now()
    if not reads or now - min(reads) < FRESH or (why := data.unreachable()) is None:
        return
    notice.warning(
        STALE.format(why=why, now=fmt.datetime(now), read=fmt.datetime(min(reads))),
        icon=":material/cloud_off:",
    )
