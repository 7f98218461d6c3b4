"""Who may see the pages: the gate every page run passes first (dashboard/frame/page_run.py),
the sign-in form, the sidebar's "signed in as", and the role a view asks for (`user()`).

Set-ups (dashboard/auth/settings.py): a local users file (the form: "Tên đăng nhập",
"Mật khẩu", "Đăng nhập"), OpenID Connect through Streamlit's `st.login`, both, or
neither (the open demo, only on 127.0.0.1 unless DASHBOARD_ALLOW_OPEN=1).

Being signed in lasts across reloads and new tabs: the server keeps a table of random
tokens (dashboard/auth/sessions.py) and the browser a cookie with the token, written by a
script in the page (Streamlit has no way to set one from the server) and read back from
the request that opens each session (`st.context.cookies`). The idle time is counted on
the server; "Đăng xuất" ends the token there. Nothing here reads the database.
"""

import logging
import secrets
import threading
from datetime import datetime, timedelta
from pathlib import Path

import streamlit as st

from dashboard.auth import identity, roles, sessions, settings, users
from dashboard.auth.users import User

logger = logging.getLogger("dashboard.signin")

COOKIE = "bdh_phien"
TOKEN_KEY = "_signin_token"
COOKIE_WRITTEN_KEY = "_signin_cookie"
CLEAR_COOKIE_KEY = "_signin_clear_cookie"
CLIENT_KEY = "_signin_client"
NOTICE_KEY = "_signin_notice"

FORM_TITLE = "Đăng nhập"
NAME_LABEL = "Tên đăng nhập"
PASSWORD_LABEL = "Mật khẩu"
SUBMIT_LABEL = "Đăng nhập"
SSO_LABEL = "Đăng nhập bằng tài khoản của tỉnh"
SIGN_OUT_LABEL = "Đăng xuất"
WRONG = "Tên đăng nhập hoặc mật khẩu không đúng."
EMPTY = "Xin nhập tên đăng nhập và mật khẩu."
SLOWED = "Đã nhập sai nhiều lần. Xin chờ {seconds} giây rồi thử lại."
EXPIRED = "Phiên làm việc đã hết hạn do lâu không thao tác. Xin đăng nhập lại."
ACCOUNT_CHANGED = (
    "Tài khoản vừa được quản trị thay đổi (mật khẩu, vai trò hoặc đơn vị). Xin đăng nhập lại."
)
SIGNED_OUT = "Đã đăng xuất."
NO_ROLE = (
    "Tài khoản {who} đã đăng nhập ở cổng của tỉnh nhưng chưa được cấp quyền xem bảng điều hành. "
    "Xin liên hệ quản trị hệ thống."
)
OPEN_NOTE = "Không cần đăng nhập: chỉ dùng trên máy này"
OPEN_ALLOWED_NOTE = "Không cần đăng nhập: mọi người trong mạng đều xem được (DASHBOARD_ALLOW_OPEN)"
OPEN_REFUSED = (
    "Máy chủ đang mở ra mạng (server.address = {address}) mà chưa cấu hình đăng nhập, nên bảng "
    "điều hành không hiển thị số liệu. Quản trị: cấu hình đăng nhập (tệp người dùng hoặc "
    "OpenID Connect, xem README), hoặc chỉ phục vụ trên 127.0.0.1; nếu đã có lớp bảo vệ khác "
    "phía trước, đặt DASHBOARD_ALLOW_OPEN=1."
)
CONFIG_BROKEN = "Cấu hình đăng nhập sai nên không ai xem được trang: {error}"
# Seen by anyone who opens the address: no path, no system error (those are in the log).
USERS_FILE_BROKEN = (
    "Không đọc được danh sách người dùng nên chưa ai đăng nhập được. Xin báo quản trị hệ thống."
)
USERS_FILE_MISSING = (
    "Không tìm thấy danh sách người dùng trên máy chủ nên chưa ai đăng nhập được bằng mật khẩu. "
    "Xin báo quản trị hệ thống."
)


# ---- settings, the server's tables ------------------------------------------------------


def _settings() -> settings.Settings:
    """The sign-in settings; a wrong one shuts the door (never opens it)."""
    try:
        return settings.load()
    except settings.AuthConfigError as error:
        st.error(CONFIG_BROKEN.format(error=error))
        st.stop()


# The sessions and the failed sign-ins are the process's own, in no Streamlit cache: a
# cleared cache (st.cache_resource.clear(), or a client's message before
# dashboard/frame/client_messages.py) would sign everyone out and forget every failure.
_stores: dict[float, sessions.SessionStore] = {}  # by idle time: one in a running app
_THROTTLE = sessions.Throttle()
_stores_lock = threading.Lock()


def _store(idle_seconds: float) -> sessions.SessionStore:
    with _stores_lock:
        if idle_seconds not in _stores:
            _stores[idle_seconds] = sessions.SessionStore(timedelta(seconds=idle_seconds))
        return _stores[idle_seconds]


def store(config: settings.Settings) -> sessions.SessionStore:
    return _store(config.idle.total_seconds())


def _throttle() -> sessions.Throttle:
    return _THROTTLE


_tables: dict[tuple, dict[str, dict] | users.UsersFileError] = {}


def _file_key(path: Path) -> tuple:
    """Changes when the file does: its modification time and size, or that it is missing."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return (str(path), "missing")
    except OSError as error:
        return (str(path), "unreadable", error.strerror)
    return (str(path), status.st_mtime_ns, status.st_size)


def _read_users(path: Path, key: tuple) -> dict[str, dict] | users.UsersFileError:
    """The table, or what is wrong with the file: logged for the administrator once for
    each state of the file, not on every page run."""
    if key[1] == "missing":
        logger.error("users file %s is missing: nobody can sign in with a password", path)
        return {}
    try:
        table = users.read(path)
    except users.UsersFileError as error:
        logger.error("users file cannot be read, nobody can sign in: %s", error)
        return error
    if users.loose_permissions(path):
        logger.warning("users file %s can be read or written by others: chmod 600", path)
    return table


def _users_table(path: Path | None) -> dict[str, dict]:
    """The users file, read again when it changes (`users add/remove/passwd` take effect on
    the next page run, no restart). Unreadable: a plain message and the end of the run."""
    if path is None:
        return {}
    key = _file_key(path)
    found = _tables.get(key)
    if found is None:
        found = _read_users(path, key)
        _tables.clear()
        _tables[key] = found
    if isinstance(found, users.UsersFileError):
        st.error(USERS_FILE_BROKEN)
        st.stop()
    return found


def _users_file_missing(config: settings.Settings) -> bool:
    return config.users_file is not None and _file_key(config.users_file)[1] == "missing"


def _server_address() -> str | None:
    return st.get_option("server.address")


# ---- who is signed in -------------------------------------------------------------------


def _oidc_claims(config: settings.Settings) -> dict | None:
    if not config.oidc:
        return None
    claims = st.user.to_dict()
    return claims if claims.get("is_logged_in") else None


def _local_user(config: settings.Settings, touch: bool) -> User | None:
    table = _users_table(config.users_file)
    sessions_ = store(config)
    cookie = st.context.cookies.get(COOKIE)
    notice = EXPIRED
    for token in dict.fromkeys([st.session_state.get(TOKEN_KEY), cookie]):
        session = sessions_.session(token, touch)
        if session is None:
            continue
        record = table.get(session.user.name)
        if record is None or users.fingerprint(record) != session.stamp:
            # Its password, role or unit changed, or it was removed (and maybe added again).
            sessions_.end(token)
            logger.info(
                "session of %s ended: its entry in the users file changed", session.user.name
            )
            notice = ACCOUNT_CHANGED
            continue
        st.session_state[TOKEN_KEY] = token
        return session.user
    if st.session_state.pop(TOKEN_KEY, None) is not None:
        st.session_state[NOTICE_KEY] = notice
    return None


def _oidc_user(config: settings.Settings, claims: dict, touch: bool) -> User | None:
    """The identity's user, while it has been active within the idle time."""
    user = identity.user_for(claims, config.roles, _users_table(config.users_file))
    if user is None:
        return None
    key = f"oidc:{claims.get('sub') or user.name}"
    if not store(config).identity_active(key, touch):
        logger.info("sign-on of %s ended after the idle time", user.name)
        st.logout()
        st.stop()
    return user


def _signed_in(config: settings.Settings, touch: bool) -> User | None:
    user = _local_user(config, touch) if config.users_file is not None else None
    if user is None and (claims := _oidc_claims(config)) is not None:
        user = _oidc_user(config, claims, touch)
        if user is None:
            _no_role(claims)
    return user


def _open_user(config: settings.Settings) -> User:
    address = _server_address()
    if not config.allow_open and not settings.is_loopback(address):
        st.error(OPEN_REFUSED.format(address=address or "mọi địa chỉ"))
        st.stop()
    return roles.OPEN


def gate() -> User:
    """First thing of every page run, before any query: the signed-in user, or the sign-in
    form and the end of the run. Counts as activity for the idle time."""
    config = _settings()
    if not config.configured:
        return _open_user(config)
    user = _signed_in(config, touch=True)
    if user is None:
        _form(config)
        st.stop()
    return user


def user() -> User:
    """The user a view serves, checked again: a fragment's own rerun (the slides' timer,
    their buttons) does not pass through the gate. Not counted as activity."""
    config = _settings()
    if not config.configured:
        return _open_user(config)
    found = _signed_in(config, touch=False)
    if found is None:
        st.info(EXPIRED)
        st.stop()
    return found


def pages_shown() -> bool:
    """Whether the navigation bar may list the views (not while the sign-in form shows)."""
    try:
        config = settings.load()
    except settings.AuthConfigError:
        return False
    if not config.configured:
        return True
    return _signed_in(config, touch=False) is not None


# ---- the form ---------------------------------------------------------------------------


def _client() -> str:
    """This browser session's key for slowing down failed tries."""
    if CLIENT_KEY not in st.session_state:
        st.session_state[CLIENT_KEY] = secrets.token_hex(8)
    return st.session_state[CLIENT_KEY]


def try_sign_in(config: settings.Settings, name: str, password: str) -> str | None:
    """Check a name and password; on success start a session (its token in the browser's
    session state) and return None, else the message to show."""
    name = users.normalize_name(name)
    if not name or not password:
        return EMPTY
    keys = (f"name:{name}", f"client:{_client()}")
    throttle = _throttle()
    wait = throttle.wait(*keys)
    if wait > 0:
        logger.warning(
            "sign-in refused (too many failures): user name %r at %s, next try in %.0f s",
            name,
            datetime.now().isoformat(timespec="seconds"),
            wait,
        )
        return SLOWED.format(seconds=max(1, round(wait)))
    table = _users_table(config.users_file)
    found = users.authenticate(table, name, password)
    if found is None:
        throttle.failed(*keys)
        logger.warning(
            "sign-in failed: user name %r at %s",
            name,
            datetime.now().isoformat(timespec="seconds"),
        )
        return WRONG
    throttle.succeeded(*keys)
    st.session_state[TOKEN_KEY] = store(config).start(found, users.fingerprint(table[found.name]))
    logger.info("signed in: %s (%s)", found.name, found.role)
    return None


def _form(config: settings.Settings) -> None:
    if st.session_state.pop(CLEAR_COOKIE_KEY, False):
        _write_cookie(None)
    _, middle, _ = st.columns([1, 2, 1])
    with middle:
        st.title(FORM_TITLE)
        st.caption("Bảng điều hành cải cách hành chính")
        notice = st.session_state.pop(NOTICE_KEY, None)
        if _users_file_missing(config):  # what signed everyone out, rather than a notice
            st.warning(USERS_FILE_MISSING)
        elif notice:
            st.info(notice)
        if config.users_file is not None:
            with st.form("signin_form", clear_on_submit=True, enter_to_submit=True):
                name = st.text_input(NAME_LABEL, key="signin_name", autocomplete="username")
                password = st.text_input(
                    PASSWORD_LABEL,
                    type="password",
                    key="signin_password",
                    autocomplete="current-password",
                )
                submitted = st.form_submit_button(SUBMIT_LABEL, type="primary")
            if submitted:
                problem = try_sign_in(config, name, password)
                if problem is None:
                    st.rerun()
                st.error(problem)
        if config.oidc:
            if st.button(SSO_LABEL, key="signin_sso", icon=":material/login:"):
                st.login()


def _no_role(claims: dict) -> None:
    st.error(NO_ROLE.format(who=identity.label(claims)))
    logger.warning("sign-on without a role here: %s", identity.label(claims))
    if st.button(SIGN_OUT_LABEL, key="signin_sso_out"):
        st.logout()
    st.stop()


# ---- the cookie, the sidebar ------------------------------------------------------------


def _write_cookie(token: str | None) -> None:
    """A script in the page sets (or, with None, deletes) the browser's cookie."""
    if token is None:
        value, age = "", 0
    else:
        value, age = token, int(sessions.MAX_AGE.total_seconds())
    st.html(
        "<script>(function(){"
        "var secure = window.location.protocol === 'https:' ? '; Secure' : '';"
        f"document.cookie = '{COOKIE}={value}; Path=/; Max-Age={age}; SameSite=Strict' + secure;"
        "})();</script>",
        unsafe_allow_javascript=True,
        width="content",
    )


def _sign_out() -> None:
    config = settings.load()
    token = st.session_state.pop(TOKEN_KEY, None)
    store(config).end(token)
    store(config).end(st.context.cookies.get(COOKIE))
    st.session_state.pop(COOKIE_WRITTEN_KEY, None)
    st.session_state[CLEAR_COOKIE_KEY] = True
    st.session_state[NOTICE_KEY] = SIGNED_OUT
    logger.info("signed out")


def sidebar_block(current: User) -> None:
    """In the sidebar: who is signed in, their role, and "Đăng xuất"; or that nobody needs
    to sign in (the open demo)."""
    if current is roles.OPEN:
        open_here = settings.is_loopback(_server_address())
        st.caption(OPEN_NOTE if open_here else OPEN_ALLOWED_NOTE)
        return
    token = st.session_state.get(TOKEN_KEY)
    if token is not None and st.session_state.get(COOKIE_WRITTEN_KEY) != token:
        _write_cookie(token)
        st.session_state[COOKIE_WRITTEN_KEY] = token
    st.text(f"Người dùng: {current.name}")  # plain text: a name is never Markdown
    st.text(f"Vai trò: {roles.role_line(current)}")
    if token is not None:
        st.button(SIGN_OUT_LABEL, key="signin_out", on_click=_sign_out, icon=":material/logout:")
    elif st.button(SIGN_OUT_LABEL, key="signin_out_sso", icon=":material/logout:"):
        st.logout()
