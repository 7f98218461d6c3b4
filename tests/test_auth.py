"""Sign-in as plain logic: settings, sessions and idle time, slowing down failures, OpenID
Connect identities to roles, the role rules, and the unit scope in SQL."""

import ast
from datetime import date, timedelta
from pathlib import Path

import pytest

from dashboard import figures
from dashboard.auth import identity, roles, sessions, settings
from dashboard.auth.users import User
from queries.connection import readonly_engine
from queries.late import LateFilter
from queries.period import Period
from tests import fixture_late

pytestmark = pytest.mark.engines_only  # over queries tested in both SQLite forms

MARCH = Period(date(2022, 3, 1), date(2022, 3, 31))  # fixture_late.PERIOD
LEADER, VIEWER = User("ct", "leader"), User("xem", "viewer")
TP = User("tp", "unit", "P-TP")
VIEWS = Path(__file__).resolve().parent.parent / "views"


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_settings(tmp_path, monkeypatch):
    for name in (settings.USERS_FILE_ENV, settings.IDLE_ENV, settings.ALLOW_OPEN_ENV):
        monkeypatch.delenv(name, raising=False)
    secrets = tmp_path / "secrets.toml"
    assert not settings.load(secrets).configured  # no file: the open demo
    secrets.write_text('[auth]\nusers_file = "config/users.toml"\nidle_minutes = 30\n')
    loaded = settings.load(secrets)
    assert loaded.users_file == settings.PROJECT_ROOT / "config/users.toml"
    assert loaded.idle == timedelta(minutes=30) and not loaded.oidc
    monkeypatch.setenv(settings.USERS_FILE_ENV, str(tmp_path / "u.toml"))
    monkeypatch.setenv(settings.IDLE_ENV, "0.5")
    monkeypatch.setenv(settings.ALLOW_OPEN_ENV, "1")
    loaded = settings.load(secrets)
    assert loaded.users_file == tmp_path / "u.toml"
    assert loaded.idle == timedelta(seconds=30) and loaded.allow_open
    for wrong in ("0", "abc", "nan", "99999999"):
        monkeypatch.setenv(settings.IDLE_ENV, wrong)
        with pytest.raises(settings.AuthConfigError, match="số phút"):
            settings.load(secrets)
    monkeypatch.delenv(settings.IDLE_ENV)
    secrets.write_text(
        '[auth]\nredirect_uri = "http://x/oauth2callback"\ncookie_secret = "s"\n'
        '[auth.tinh]\nclient_id = "a"\nclient_secret = "b"\n'
        'server_metadata_url = "https://sso/.well-known/openid-configuration"\n'
        '[auth.roles]\n"a@tinh.gov.vn" = "leader"\n'
    )
    loaded = settings.load(secrets)
    assert loaded.oidc and loaded.roles == {"a@tinh.gov.vn": "leader"}
    secrets.write_text('[auth]\nclient_id = "a"\nserver_metadata_url = "https://sso/x"\n')
    with pytest.raises(settings.AuthConfigError, match="redirect_uri"):
        settings.load(secrets)


def test_loopback():
    assert all(map(settings.is_loopback, ["127.0.0.1", "localhost", "::1", "[::1]", "127.0.1.1"]))
    assert not any(map(settings.is_loopback, [None, "", "0.0.0.0", "192.168.1.5", "host.lan"]))


def test_sessions_end_after_the_idle_time_and_on_sign_out():
    clock = Clock()
    store = sessions.SessionStore(timedelta(minutes=10), clock)
    token = store.start(TP, "stamp")
    assert len(token) >= 40 and store.user(token) == TP
    clock.now += 9 * 60
    assert store.user(token) == TP  # a run: counts as activity
    clock.now += 9 * 60
    assert store.user(token, touch=False) == TP  # a slide's timer: does not
    clock.now += 2 * 60
    assert store.user(token) is None  # 11 minutes since the last run
    assert store.user(token) is None
    other = store.start(LEADER, "stamp")
    store.end(other)
    assert store.user(other) is None and store.user("made-up") is None and store.user(None) is None
    week = store.start(LEADER, "stamp")
    for _ in range(7 * 24 * 60 // 9 + 1):  # active every 9 minutes, for over a week
        clock.now += 9 * 60
        store.user(week)
    assert store.user(week) is None


def test_oidc_identities_idle():
    clock = Clock()
    store = sessions.SessionStore(timedelta(minutes=10), clock)
    assert store.identity_active("oidc:1")
    clock.now += 11 * 60
    assert not store.identity_active("oidc:1")
    assert store.identity_active("oidc:1")  # forgotten: the next sign-on starts afresh


def test_failed_sign_ins_wait_longer_each_time():
    clock = Clock()
    throttle = sessions.Throttle(clock)
    assert throttle.wait("name:tp", "client:a") == 0
    for expected in (1, 2, 4, 8):
        throttle.failed("name:tp", "client:a")
        assert throttle.wait("name:tp") == expected
        assert throttle.wait("name:other", "client:a") == expected  # the same browser
        clock.now += expected
    assert throttle.wait("name:tp") == 0
    for _ in range(20):
        throttle.failed("name:tp")
    assert throttle.wait("name:tp") == sessions.MAX_DELAY_SECONDS
    throttle.succeeded("name:tp")
    assert throttle.wait("name:tp") == 0
    throttle.failed("name:x")
    clock.now += sessions.FORGET_AFTER_SECONDS + 1
    throttle.failed("name:x")
    assert throttle.wait("name:x") == 1  # an old failure is forgotten


def test_identities_to_roles():
    roles_table = {
        "A@Tinh.gov.vn": {"role": "unit", "unit": "CTA-MN"},
        "sub-7": "viewer",
        "bad@tinh.gov.vn": {"role": "unit"},  # no unit: lets nobody in
    }
    table = {"b@tinh.gov.vn": {"role": "leader"}}
    assert identity.user_for({"email": "a@tinh.gov.vn"}, roles_table, table) == User(
        "a@tinh.gov.vn", "unit", "CTA-MN"
    )
    assert identity.user_for({"email": "x@y", "sub": "sub-7"}, roles_table, table).role == "viewer"
    assert identity.user_for({"email": "B@tinh.gov.vn"}, roles_table, table).role == "leader"
    # An address the provider has not verified is not trusted.
    assert identity.user_for({"email": "b@tinh.gov.vn", "email_verified": False}, {}, table) is None
    assert identity.user_for({"email": "bad@tinh.gov.vn"}, roles_table, table) is None
    assert identity.user_for({"email": "nobody@tinh.gov.vn"}, roles_table, table) is None
    assert identity.label({"name": "Nguyễn Văn A", "email": "a@x"}) == "Nguyễn Văn A"


# What each role may see on each view (roles.VIEWS), written out by hand: a change to the
# registry must change this table too. A: aggregates, L: lists, N: names, F: files.
GRANTS = {
    "overview": ("A", "A", "A"),
    "units": ("A", "A", "A"),
    "late": ("ALNF", "ALNF", "A"),
    "form06a": ("AF", "AF", "A"),
    "satisfaction": ("AN", "AN", "A"),
    "cashless": ("A", "A", "A"),
    "adoption": ("A", "A", "A"),
    "ocop": ("A", "A", "A"),
    "index766": ("AL", "AL", "A"),
    "briefing": ("AF", "AF", "A"),
}


def shown(allowed: roles.Grant) -> str:
    flags = (allowed.aggregates, allowed.lists, allowed.names, allowed.files)
    return "".join(letter for letter, on in zip("ALNF", flags, strict=True) if on)


@pytest.mark.parametrize("view", sorted(GRANTS))
def test_role_by_view(view):
    leader, unit, viewer = (roles.grant(user, view) for user in (LEADER, TP, VIEWER))
    assert (shown(leader), shown(unit), shown(viewer)) == GRANTS[view]
    assert shown(roles.grant(roles.OPEN, view)) == GRANTS[view][0]  # the open demo: a leader's
    # A unit user's lists and names are its unit's; nobody else's are held to a unit.
    assert (leader.unit, unit.unit, viewer.unit) == (None, "P-TP", None)
    assert not any(g.denied for g in (leader, unit, viewer))


def _definition(node: ast.stmt) -> bool:
    """An import, a function, the docstring or a constant: nothing a page run does."""
    if isinstance(node, ast.Import | ast.ImportFrom | ast.FunctionDef):
        return True
    if isinstance(node, ast.Expr):
        return isinstance(node.value, ast.Constant)
    targets = [n for t in getattr(node, "targets", []) for n in ast.walk(t)]
    names = [t.id for t in targets if isinstance(t, ast.Name)]
    return bool(names) and all(n.isupper() or n == "logger" for n in names)


def test_every_view_is_registered_and_checks_first():
    """Each file in views/ has its row, and the first thing its run does is to ask for its
    grant by its own name."""
    views = sorted(path.stem for path in VIEWS.glob("*.py") if path.stem != "__init__")
    assert sorted(roles.VIEWS) == sorted(GRANTS) == views
    for name in views:
        tree = ast.parse((VIEWS / f"{name}.py").read_text())
        first = ast.unparse([node for node in tree.body if not _definition(node)][0])
        assert first.endswith(f"access.grant({name!r})"), (name, first)


def test_deny_by_default(monkeypatch):
    for user in (LEADER, TP, VIEWER, roles.OPEN):
        nothing = roles.grant(user, "bao-cao-moi")  # a view nobody registered
        assert nothing.denied and shown(nothing) == "" and nothing.unit is None
    monkeypatch.setitem(roles.VIEWS, "ocop", {"leader": roles.VIEWS["ocop"]["leader"]})
    assert roles.grant(VIEWER, "ocop").denied and roles.grant(TP, "ocop").denied
    assert not roles.grant(LEADER, "ocop").denied
    assert "Xem số liệu" in roles.refusal(VIEWER)


def test_role_rules():
    filt = LateFilter(MARCH, received_unit="CTA")
    leader, unit = roles.grant(LEADER, "late"), roles.grant(TP, "late")
    assert roles.late_filter(leader, filt) == filt
    assert roles.late_filter(unit, filt).unit_scope == "P-TP"
    assert roles.late_filter(unit, filt).received_unit == "CTA"  # narrowed, not widened
    assert roles.officer_unit(roles.grant(TP, "satisfaction"), "CTA") == "P-TP"
    assert roles.officer_unit(roles.grant(LEADER, "satisfaction"), "CTA") == "CTA"
    with pytest.raises(roles.Forbidden):
        roles.require(roles.grant(VIEWER, "late").lists)
    assert roles.role_line(TP) == "Đơn vị (P-TP)"


def test_unit_scope_in_sql(backend, make_db):
    engine = readonly_engine(make_db(backend, fixture_late.ROWS))

    def codes(**kwargs):
        return list(figures.late_list(engine, LateFilter(MARCH, "late", **kwargs))["code"])

    assert codes() == ["L-003", "L-004", "L-017", "L-001"]
    # Tư pháp handles L-004, received at the district one-stop: asked for the district's
    # dossiers, it gets only that one.
    assert codes(unit_scope="P-TP") == ["L-004"]
    assert codes(received_unit="CTA", unit_scope="P-TP") == ["L-004"]
    assert codes(unit_scope="CTA-MN") == ["L-017"]
    assert codes(received_unit="CTA", unit_scope="CTA-MN") == []
    scoped = LateFilter(MARCH, "late", unit_scope="P-TP")
    assert figures.late_count(engine, scoped) == 1
    assert figures.late_extreme_days(engine, LateFilter(MARCH, "late")) == 7
    assert figures.late_extreme_days(engine, scoped) == 1
    assert figures.late_extreme_days(engine, LateFilter(MARCH, "due-soon")) == 1
    assert figures.late_extreme_days(engine, LateFilter(MARCH, "late", unit_scope="CTA-BN")) is None
