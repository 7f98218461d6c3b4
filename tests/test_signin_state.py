"""The server's sign-in state. What no client can wipe: the sessions and the failed sign-ins
outlast Streamlit's caches, and the "clear cache" message a client may send over the
websocket clears nothing. What ends a session: its user's entry in the users file changed
(password, role, unit), removed, or removed and added again."""

import asyncio
import logging
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from unittest.mock import MagicMock

import pytest
import streamlit as st
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.runtime.app_session import AppSession
from streamlit.runtime.script_data import ScriptData

from dashboard.auth import sessions, settings, users
from dashboard.auth.users import User
from dashboard.frame import sign_in
from tests.apptest import run_app, texts

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

    # In a thread of its own: the worker that ran the browser tests keeps Playwright's event
    # loop running in its main thread until the session ends (tests/browser.py, `browser`).
    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, in_a_session()).result()


@pytest.fixture
def stopped_clock(monkeypatch):
    """Failed sign-ins on a clock that does not move: a slow machine cannot let the wait
    run out before the test reads it."""
    monkeypatch.setattr(sign_in, "_THROTTLE", sessions.Throttle(clock=lambda: 1_000.0))


def test_clearing_streamlits_caches_signs_nobody_out(stopped_clock):
    token = sign_in._store(IDLE).start(TP, "stamp")
    sign_in._throttle().failed("name:tp")
    st.cache_resource.clear()
    st.cache_data.clear()
    assert sign_in._store(IDLE).user(token) == TP
    assert sign_in._throttle().wait("name:tp") > 0


def test_a_clients_clear_cache_message_clears_nothing(monkeypatch, tmp_path, caplog, stopped_clock):
    # Streamlit's own handler until the app runs once (restored after the test).
    monkeypatch.setattr(
        AppSession, "_handle_clear_cache_request", AppSession._handle_clear_cache_request
    )
    empty = tmp_path / "empty.sqlite"
    sqlite3.connect(empty).close()  # the app's run stops at once: "no table …"
    monkeypatch.delenv(settings.USERS_FILE_ENV, raising=False)
    run_app(monkeypatch, str(empty))
    token = sign_in._store(IDLE).start(TP, "stamp")
    sign_in._throttle().failed("name:tp")
    engine, figures = _engine_like(), _figures_like()
    caplog.set_level(logging.WARNING, logger="dashboard.clients")

    _send(BackMsg(clear_cache=True))

    assert sign_in._store(IDLE).user(token) == TP
    assert sign_in._throttle().wait("name:tp") > 0
    assert _engine_like() is engine and _figures_like() == figures
    assert "asked to clear the caches" in caplog.text


PASSWORD, OTHER_PASSWORD = "mat-khau-tu-phap", "mat-khau-moi-hon"


@pytest.fixture
def users_file(monkeypatch, tmp_path) -> Path:
    path = tmp_path / "users.toml"
    users.add(path, "tp", "unit", "P-TP", PASSWORD)
    users.add(path, "ct", "leader", None, PASSWORD)
    monkeypatch.setenv(settings.USERS_FILE_ENV, str(path))
    for name in (settings.IDLE_ENV, settings.ALLOW_OPEN_ENV):
        monkeypatch.delenv(name, raising=False)
    return path


def _signed_in_app(monkeypatch, tmp_path, name: str):
    """The app after `name` signed in through the form (its landing view needs no data)."""
    empty = tmp_path / "empty.sqlite"
    sqlite3.connect(empty).close()
    at = run_app(monkeypatch, str(empty))
    at.text_input(key="signin_name").input(name)
    at.text_input(key="signin_password").input(PASSWORD)
    at.button[0].click().run()
    assert f"Người dùng: {name}" in [t.value for t in at.sidebar.text]
    return at


def _is_form(at) -> bool:
    return [t.value for t in at.title] == [sign_in.FORM_TITLE] and not at.sidebar.text


def _re_add(path: Path) -> None:
    users.remove(path, "tp")
    users.add(path, "tp", "unit", "P-TP", PASSWORD)  # the same password, the same role


def _moved(path: Path) -> None:
    table = users.read(path)
    users.write(path, {**table, "tp": {**table["tp"], "unit": "CTA-MN"}})  # edited by hand


@pytest.mark.parametrize(
    "change",
    [
        lambda path: users.set_password(path, "tp", OTHER_PASSWORD),
        lambda path: users.remove(path, "tp"),
        _re_add,
        _moved,
    ],
    ids=["passwd", "remove", "remove-add", "unit"],
)
def test_a_change_of_the_users_entry_ends_the_session(monkeypatch, tmp_path, users_file, change):
    at = _signed_in_app(monkeypatch, tmp_path, "tp")
    change(users_file)
    at.run()
    assert _is_form(at)
    assert sign_in.ACCOUNT_CHANGED in texts(at, "info")


def test_another_users_change_leaves_the_session(monkeypatch, tmp_path, users_file):
    at = _signed_in_app(monkeypatch, tmp_path, "tp")
    users.set_password(users_file, "ct", OTHER_PASSWORD)
    users.add(users_file, "xem", "viewer", None, PASSWORD)
    at.run()
    assert "Người dùng: tp" in [t.value for t in at.sidebar.text]


def _page_text(at) -> str:
    kinds = ("error", "warning", "info", "markdown", "caption", "title", "text")
    return " ".join(texts(at, kind) for kind in kinds)


@pytest.mark.parametrize(
    ("spoil", "detail"),
    [
        (lambda path: path.write_text('[users.tp\nrole = "leader"\n'), "TOML"),
        (lambda path: path.unlink() or path.mkdir(), "Is a directory"),
    ],
    ids=["toml", "folder"],
)
def test_a_broken_users_file_tells_visitors_only_that(
    monkeypatch, tmp_path, users_file, caplog, spoil, detail
):
    spoil(users_file)
    caplog.set_level(logging.INFO, logger="dashboard.signin")
    empty = tmp_path / "empty.sqlite"
    sqlite3.connect(empty).close()
    at = run_app(monkeypatch, str(empty))
    assert texts(at, "error") == sign_in.USERS_FILE_BROKEN  # one plain Vietnamese line
    assert str(tmp_path) not in _page_text(at) and detail not in _page_text(at)
    assert not at.text_input  # nobody can sign in
    at.run()
    logged = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(logged) == 1  # for the administrator, once, not on every page run
    assert str(users_file) in logged[0] and detail in logged[0]


def test_a_deleted_users_file_is_said_on_the_form(monkeypatch, tmp_path, users_file, caplog):
    at = _signed_in_app(monkeypatch, tmp_path, "tp")
    caplog.set_level(logging.INFO, logger="dashboard.signin")
    users_file.unlink()
    at.run()
    assert _is_form(at)
    assert texts(at, "warning") == sign_in.USERS_FILE_MISSING
    assert str(tmp_path) not in _page_text(at)
    at.run()
    logged = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(logged) == 1 and str(users_file) in logged[0] and "missing" in logged[0]

    users.add(users_file, "tp", "unit", "P-TP", PASSWORD)  # put back: signing in works again
    at.text_input(key="signin_name").input("tp")
    at.text_input(key="signin_password").input(PASSWORD)
    at.button[0].click().run()
    assert "Người dùng: tp" in [t.value for t in at.sidebar.text] and not at.warning
