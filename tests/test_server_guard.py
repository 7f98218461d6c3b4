"""What the server answers besides the pages (dashboard/frame/server_guard.py), without a
server: who may fetch a download, which paths do not exist. The running server (headers,
metrics, a download fetched with and without its cookie, the first websocket message) is
tried in tests/test_browser_signin.py."""

import pytest

from dashboard.auth import settings, users
from dashboard.frame import server_guard, sign_in

URL = "/media/0a1b2c.csv"


@pytest.fixture
def signed_in(tmp_path, monkeypatch):
    """Two signed-in sessions (tokens) on a server with a users file."""
    path = tmp_path / "users.toml"
    users.add(path, "ct", "leader", None, "mat-khau-lanh-dao")
    users.add(path, "xem", "viewer", None, "mat-khau-xem-so")
    monkeypatch.setenv(settings.USERS_FILE_ENV, str(path))
    monkeypatch.setattr(server_guard, "_owners", {})
    store = sign_in.store(settings.load())
    table = users.read(path)
    return (
        store,
        store.start(users.user_of("ct", table["ct"]), users.fingerprint(table["ct"])),
        store.start(users.user_of("xem", table["xem"]), users.fingerprint(table["xem"])),
    )


def test_a_download_goes_only_to_the_sign_in_that_made_it(signed_in):
    store, leader, viewer = signed_in
    server_guard.record(URL, f"token:{leader}")
    assert server_guard.may_fetch("media/0a1b2c.csv", {sign_in.COOKIE: leader})
    assert not server_guard.may_fetch("media/0a1b2c.csv", {})
    assert not server_guard.may_fetch("media/0a1b2c.csv", {sign_in.COOKIE: viewer})
    assert not server_guard.may_fetch("media/0a1b2c.csv", {sign_in.COOKIE: "made-up"})
    assert not server_guard.may_fetch("media/ffff.csv", {sign_in.COOKIE: leader})
    store.end(leader)  # "Đăng xuất"
    assert not server_guard.may_fetch("media/0a1b2c.csv", {sign_in.COOKIE: leader})


def test_files_streamlit_dropped_are_forgotten(signed_in):
    _, leader, _ = signed_in
    server_guard.record(URL, f"token:{leader}")
    server_guard.record("/media/9999.csv", f"token:{leader}", kept=lambda file_id: False)
    assert server_guard._owners == {"9999": {f"token:{leader}"}}


def test_a_file_made_outside_any_sign_in_goes_to_nobody(signed_in):
    _, leader, _ = signed_in
    server_guard.record(URL, None)
    assert not server_guard.may_fetch("media/0a1b2c.csv", {sign_in.COOKIE: leader})


def test_the_open_demo_serves_its_files(monkeypatch):
    for name in (settings.USERS_FILE_ENV, settings.STREAMLIT_SECRETS_ENV):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(settings, "SECRETS_PATH", settings.SECRETS_PATH.with_name("none.toml"))
    monkeypatch.setattr(server_guard, "_owners", {})
    server_guard.record(URL, server_guard.OPEN)
    assert server_guard.may_fetch("media/0a1b2c.csv", {})


def test_sign_on_files_go_with_streamlit_s_sign_on_cookie(signed_in, monkeypatch):
    loaded = settings.load()
    monkeypatch.setattr(
        settings, "load", lambda: settings.Settings(users_file=loaded.users_file, oidc=True)
    )
    server_guard.record(URL, "sso:signed-value")
    assert server_guard.may_fetch("media/0a1b2c.csv", {server_guard.SSO_COOKIE: "signed-value"})
    assert not server_guard.may_fetch("media/0a1b2c.csv", {server_guard.SSO_COOKIE: "other"})


@pytest.mark.parametrize(
    "path", ["/_stcore/metrics", "//_stcore//metrics/", "/base/_stcore/metrics"]
)
def test_metrics_do_not_exist(path, monkeypatch):
    base = "base" if path.startswith("/base") else ""
    monkeypatch.setattr(server_guard.config, "get_option", lambda name: base)
    assert server_guard.refused(server_guard._below_base(path), {})
