"""Streamlit's "clear cache" message, which any client of the websocket may send: ignored.

Streamlit handles it by clearing every `st.cache_data` and `st.cache_resource` of the
process, for everyone (runtime/app_session.py, `AppSession._handle_clear_cache_request`):
one visitor, signed in or not, could throw away every viewer's figures and the database
engines, and send it again and again to keep every page reading the database afresh.
The app offers no menu that sends it (toolbarMode "minimal"), so nothing legitimate
does; Streamlit has no setting to refuse it, so its handler is replaced, once per
process, by a warning in the log (docs/decisions.md).
"""

import logging

from streamlit.runtime.app_session import AppSession

logger = logging.getLogger("dashboard.clients")


def _refuse(session: AppSession) -> None:
    logger.warning("a client (session %s) asked to clear the caches: ignored", session.id)


def ignore_clear_cache() -> None:
    AppSession._handle_clear_cache_request = _refuse
