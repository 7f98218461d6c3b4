"""What every page run is wrapped in (app.py): one deadline for all its reads, the
administrator's warning about a role that could write, and a notice when the figures
on the page come from the cache while the database cannot be reached. Before all of
it, before any query: who is signed in (dashboard/frame/sign_in.py)."""

import html
from datetime import datetime, timedelta

import streamlit as st

from dashboard import fmt, role_check
from dashboard.frame import data, sidebar, sign_in, source_text
from queries import connection, deadline
from queries.privileges import write_access

# Figures read this recently prove the database answered: no need to ask it again.
FRESH = timedelta(seconds=data.PROBE_TTL_SECONDS)
STALE = (
    "{why} lúc {now}. Số liệu trên trang này được đọc lúc {read}, có thể đã cũ. "
    "Xin báo quản trị hệ thống."
)


SLIDES_PATH = "trinh-chieu"  # views/briefing.py: one screen a slide, no room for a band
# The pages that show the place themselves: the slides in their heading, the overview
# under its title (a line above it would push its cards off a projector's first screen).
PLACE_OWN = (SLIDES_PATH, "tong-quan")
# On the slides a warning is a small mark in the top corner, its text on hover: a band
# would push the slide past the screen.
CORNER_MARK = (
    "<style>[data-testid='stElementContainer']:has(.corner-mark) {{position: absolute;}}"
    ".corner-mark {{position: fixed; top: 6px; right: 10px; z-index: 1000; font-size: 20px;"
    " padding: 2px 10px; border-radius: 12px; background: #FFE08A; color: #0B1220;"
    " cursor: help;}}</style>"
    '<div class="corner-mark" title="{text}" aria-label="{text}">⚠ Lưu ý</div>'
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
        warnings(corner=navigation.url_path == SLIDES_PATH)
        notice = st.empty()
        place = data.place()
        sidebar.sidebar(user, place)
        if place and navigation.url_path not in PLACE_OWN:
            source_text.caption(place)  # whom the page is about, above its title
        navigation.run()
    stale_notice(notice, run.reads)


def role_text() -> str | None:
    try:
        return role_check.warning(data.cached(write_access))
    except Exception as error:  # unreachable: the page's own reads say so
        data.log_failure("role check", error)
        return None


def warnings(corner: bool) -> None:
    """The administrator's warning (a role that could write) and the data's age: bands at
    the top of a page, one small mark in the corner of a slide."""
    shown = [
        (text, icon)
        for text, icon in (
            (role_text(), ":material/shield:"),
            (data.data_age_notice(), ":material/history:"),
        )
        if text
    ]
    if corner and shown:
        st.html(CORNER_MARK.format(text=html.escape(" ".join(text for text, _ in shown))))
        return
    for text, icon in shown:
        st.warning(text, icon=icon)


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
