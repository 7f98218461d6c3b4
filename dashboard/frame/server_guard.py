"""What Streamlit's web server answers besides the pages, closed down to what a viewer needs.

Installed once per process, before the server answers anything: `streamlit run app.py`
finds `app = st.App(__file__, middleware=server_guard.middleware())` in app.py (Streamlit
looks for that literal call) and serves it: Streamlit's own way to put middleware in front
of its routes. The pages still run app.py as their script.

- A file of `st.download_button` (or any `/media/…` file) goes only to the sign-in that made
  it, and not once that sign-in has ended ("Đăng xuất", the idle time, a removed user):
  Streamlit serves it to anyone with the URL until the tab closes.
- `/_stcore/metrics` (the server's counters and memory) does not exist.
- Every answer forbids framing by another site and limits where the page may load and send
  things (a Content-Security-Policy that Streamlit's own scripts and styles still pass).
- The first websocket message names the app's script (`app.py`), not its path on the server.
"""

import os
import threading
from pathlib import Path

import streamlit as st
from starlette.datastructures import MutableHeaders
from starlette.middleware import Middleware
from starlette.requests import HTTPConnection
from starlette.responses import PlainTextResponse
from streamlit import config
from streamlit.runtime.app_session import AppSession
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from dashboard.auth import settings
from dashboard.frame import sign_in

# Streamlit's sign-on cookie (st.login), signed by Streamlit: its value names one sign-on.
SSO_COOKIE = "_streamlit_user"
OPEN = "open"  # the owner of every file when no sign-in is set up (the loopback demo)
CLOSED_PATHS = ("_stcore/metrics",)
# Streamlit needs inline styles and scripts (its own, and the cookie writer in sign_in.py)
# and eval (Vega's expressions); it draws a Material icon in the tab (app.py's page_icon)
# from Google's font server. Everything else comes from, and goes to, this server only.
CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https://fonts.gstatic.com; "
    "font-src 'self' data:; "
    "connect-src 'self'; worker-src 'self' blob:; frame-src 'self' blob: data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)
HEADERS = {
    "X-Frame-Options": "SAMEORIGIN",
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
}

_owners: dict[str, set[str]] = {}  # media file id -> the sign-ins whose pages made it
_lock = threading.Lock()
_installed = False


def middleware() -> list[Middleware]:
    """The guard, for app.py's `st.App`; Streamlit patched once for this process."""
    global _installed
    if not _installed:
        _patch_streamlit()
        _installed = True
    return [Middleware(Guard)]


# ---- who made a file, who asks for it ----------------------------------------------------


def _file_id(name: str) -> str:
    return os.path.splitext(name.rsplit("/", 1)[-1])[0]


def owner_of_run() -> str | None:
    """The sign-in of the page run making a file: its token, Streamlit's sign-on cookie, or
    OPEN when nobody signs in; None outside a page run (such a file goes to nobody)."""
    if get_script_run_ctx() is None:
        return None
    token = st.session_state.get(sign_in.TOKEN_KEY)
    if token:
        return f"token:{token}"
    sso = st.context.cookies.get(SSO_COOKIE)
    if sso:
        return f"sso:{sso}"
    return OPEN if not _sign_in_configured() else None


def owners_of_request(cookies: dict[str, str]) -> set[str]:
    """The sign-ins a request speaks for: its token while the server still holds it, its
    sign-on cookie, or OPEN when nobody signs in."""
    try:
        current = settings.load()
    except settings.AuthConfigError:
        return set()
    if not current.configured:
        return {OPEN}
    found = set()
    token = cookies.get(sign_in.COOKIE)
    if token and sign_in.store(current).user(token, touch=False) is not None:
        found.add(f"token:{token}")
    if current.oidc and cookies.get(SSO_COOKIE):
        found.add(f"sso:{cookies[SSO_COOKIE]}")
    return found


def may_fetch(file_name: str, cookies: dict[str, str]) -> bool:
    with _lock:
        owners = set(_owners.get(_file_id(file_name), ()))
    return bool(owners & owners_of_request(cookies))


def _sign_in_configured() -> bool:
    try:
        return settings.load().configured
    except settings.AuthConfigError:
        return True  # a broken set-up gives nobody a file


def record(url: str, owner: str | None, kept=lambda file_id: True) -> None:
    """`owner` made the file at `url`; files `kept` says Streamlit dropped are forgotten."""
    with _lock:
        for gone in [f for f in _owners if not kept(f)]:
            del _owners[gone]
        if owner is not None:
            _owners.setdefault(_file_id(url), set()).add(owner)


# ---- Streamlit, patched once -------------------------------------------------------------


def _patch_streamlit() -> None:
    """Streamlit has no setting for either: its file store learns who made each file, and
    its first message keeps the script's name only."""
    add = MediaFileManager.add

    def add_owned(self, *args, **kwargs):
        url = add(self, *args, **kwargs)
        record(url, owner_of_run(), kept=lambda file_id: self.read_file(file_id) is not None)
        return url

    new_session = AppSession._create_new_session_message

    def new_session_named(self, *args, **kwargs):
        msg = new_session(self, *args, **kwargs)
        msg.new_session.main_script_path = Path(msg.new_session.main_script_path).name
        return msg

    MediaFileManager.add = add_owned
    AppSession._create_new_session_message = new_session_named


# ---- the middleware ----------------------------------------------------------------------


def _below_base(path: str) -> str:
    """The request's path below server.baseUrlPath, without empty segments."""
    parts = [part for part in path.split("/") if part]
    base = [part for part in (config.get_option("server.baseUrlPath") or "").split("/") if part]
    if parts[: len(base)] == base:
        parts = parts[len(base) :]
    return "/".join(parts)


def refused(path: str, cookies: dict[str, str]) -> bool:
    """Whether the server answers "not found" to this path (below the base path)."""
    if path in CLOSED_PATHS:
        return True
    return path.startswith("media/") and not may_fetch(path, cookies)


class Guard:
    """ASGI middleware: refuses what `refused` says, adds HEADERS to every HTTP answer."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers[name] = value
            await send(message)

        if refused(_below_base(scope["path"]), HTTPConnection(scope).cookies):
            await PlainTextResponse("Not Found", 404)(scope, receive, send_with_headers)
            return
        await self.app(scope, receive, send_with_headers)
