"""What no client can wipe: the sessions and the failed sign-ins outlast Streamlit's caches,
and the "clear cache" message a client may send over the websocket clears nothing."""

import asyncio
import logging
import sqlite3
from unittest.mock import MagicMock

import streamlit as st
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.runtime.app_session import AppSession
from streamlit.runtime.script_data import ScriptData

from dashboard.auth import settings
from dashboard.auth.users import User
from dashboard.frame import sign_in
from tests.apptest import run_app

IDLE = settings.DEFAULT_IDLE_MINUTES * 60.0
TP = User("tp", "unit", "P-TP")


@st.cache_resource(show_spinner=False)
def _engine_like() -> object:
    return object()


_computed: list[str] = []


@st.cache_data(show_spinner=False)
def _figures_like() -> int:
    _computed.append("figures")
    return len(_computed)


def _send(message: BackMsg) -> None:
    """`message` through the handler the websocket hands every client message to."""

    async def in_a_session() -> None:
        script = ScriptData("app.py", is_hello=False)
        session = AppSession(script, MagicMock(), MagicMock(), None, {})
        try:
            session.handle_backmsg(message)
        finally:
            session.shutdown()

    asyncio.run(in_a_session())


def test_clearing_streamlits_caches_signs_nobody_out():
    token = sign_in._store(IDLE).start(TP)
    sign_in._throttle().failed("name:tp")
    st.cache_resource.clear()
    st.cache_data.clear()
    assert sign_in._store(IDLE).user(token) == TP
    assert sign_in._throttle().wait("name:tp") > 0


def test_a_clients_clear_cache_message_clears_nothing(monkeypatch, tmp_path, caplog):
    # Streamlit's own handler until the app runs once (restored after the test).
    monkeypatch.setattr(
        AppSession, "_handle_clear_cache_request", AppSession._handle_clear_cache_request
    )
    empty = tmp_path / "empty.sqlite"
    sqlite3.connect(empty).close()  # the app's run stops at once: "no table …"
    monkeypatch.delenv(settings.USERS_FILE_ENV, raising=False)
    run_app(monkeypatch, str(empty))
    token = sign_in._store(IDLE).start(TP)
    sign_in._throttle().failed("name:tp")
    engine, figures = _engine_like(), _figures_like()
    caplog.set_level(logging.WARNING, logger="dashboard.clients")

    _send(BackMsg(clear_cache=True))

    assert sign_in._store(IDLE).user(token) == TP
    assert sign_in._throttle().wait("name:tp") > 0
    assert _engine_like() is engine and _figures_like() == figures
    assert "asked to clear the caches" in caplog.text
