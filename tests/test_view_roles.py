"""AppTest of the gate and the roles: signed out, nothing is read; each role's late view,
files, satisfaction names, form files and handout; a view not granted refuses and reads
nothing; the open demo and its refusal on a network address; OpenID Connect through a
stand-in for `st.user`.

What the stand-in covers: AppTest's `user` plays what Streamlit puts in `st.user` after a
provider's sign-on (its claims), so the mapping of an identity to a role, the gate and the
roles are tested. It does not cover the provider itself: the redirect, the callback,
Streamlit's identity cookie and `st.login`/`st.logout` against a real server.
"""

import csv
import functools
import io
import logging
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import export_form06a, figures, handout
from dashboard.auth import roles, sessions, settings, users
from dashboard.auth.users import User
from dashboard.content import late as late_content
from dashboard.frame import data, sign_in
from queries import connection
from tests import fixture_766_lists, fixture_late, fixture_topics
from tests.apptest import html_tables, texts, tiles, view_app

TESTS = Path(__file__).resolve().parent

LATE = "views/late.py"
MARCH = {"start": "2022-03-01", "end": "2022-03-31"}
PASSWORDS = {"ct": "mat-khau-lanh-dao", "tp": "mat-khau-tu-phap", "xem": "mat-khau-xem-so"}
USERS = {
    "ct": User("ct", "leader"),
    "tp": User("tp", "unit", "P-TP"),
    "mn": User("mn", "unit", "CTA-MN"),
    "xem": User("xem", "viewer"),
    "xd": User("xd", "unit", "XA-D"),  # tests/fixture_766_lists.py: handles x1 of XA-C
}


@pytest.fixture(scope="module")
def users_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("users") / "users.toml"
    for name, user in USERS.items():
        users.add(path, name, user.role, user.unit, PASSWORDS.get(name, "mat-khau-chung-1"))
    return path


@pytest.fixture
def signed_in(monkeypatch, users_file):
    """signed_in(db_url, view, query, user name or None) -> AppTest after its first run."""
    monkeypatch.setenv(settings.USERS_FILE_ENV, str(users_file))
    for name in (settings.IDLE_ENV, settings.ALLOW_OPEN_ENV):
        monkeypatch.delenv(name, raising=False)

    def open_(db_url: str, view: str, query: dict | None = None, name: str | None = None):
        at = view_app(monkeypatch, db_url, view, query)
        if name is not None:  # as after the form: a session on the server, its token here
            idle = settings.DEFAULT_IDLE_MINUTES * 60.0
            stamp = users.fingerprint(users.read(users_file)[name])
            at.session_state[sign_in.TOKEN_KEY] = sign_in._store(idle).start(USERS[name], stamp)
        return at.run()

    return open_


@pytest.fixture
def calls(monkeypatch):
    """Records the calls of the functions that read lists, names, free text or build files."""
    made: list[str] = []

    def spy(owner, name):
        original = getattr(owner, name)

        @functools.wraps(original)
        def wrapper(*args, **kwargs):
            made.append(name)
            return original(*args, **kwargs)

        monkeypatch.setattr(owner, name, wrapper)

    for owner, name in (
        (figures, "late_list"),
        (figures, "late_page"),
        (figures, "dossier_detail"),
        (figures, "late_reasons"),
        (late_content, "export_file"),
        (figures, "satisfaction_by_officer"),
        (figures, "dissatisfied_comments"),
        (export_form06a, "to_file_bytes"),
        (handout, "file_bytes"),
        (figures, "index766_list"),
        (figures, "index766_list_count"),
    ):
        spy(owner, name)
    return made


# The frame's own reads: the role check, the data's age, the place that titles the page.
FRAME_READS = {"write_access", "data_as_of", "replica_lag", "data_age", "place_name"}


def list_codes(at: AppTest) -> list[str] | None:
    tables = [df.value for df in at.dataframe if (df.key or "").startswith("late_rows_")]
    return list(tables[0]["Mã hồ sơ"]) if tables else None


def sidebar_text(at: AppTest) -> str:
    return " ".join(e.value for e in at.sidebar.text) + " " + texts(at.sidebar, "caption")


def test_signed_out_the_form_then_the_deep_link(signed_in, make_db, monkeypatch, calls, caplog):
    opened: list[str] = []  # the database is not even opened before sign-in
    real_engine = connection.readonly_engine
    monkeypatch.setattr(connection, "readonly_engine", lambda url: opened.append(url))
    deep = {**MARCH, "state": "late", "unit": "CTA"}
    at = signed_in(make_db("sqlite", fixture_late.ROWS), LATE, deep)
    assert not at.exception
    assert [t.label for t in at.text_input] == [sign_in.NAME_LABEL, sign_in.PASSWORD_LABEL]
    assert [b.label for b in at.button] == [sign_in.SUBMIT_LABEL]
    assert not at.sidebar.text and not at.dataframe and not at.metric and not opened
    assert [t.value for t in at.title] == [sign_in.FORM_TITLE]

    monkeypatch.setattr(sessions, "FIRST_DELAY_SECONDS", 30.0)
    caplog.set_level(logging.INFO, logger="dashboard.signin")
    at.text_input(key="signin_name").input("TP")
    at.text_input(key="signin_password").input("mat-khau-sai-roi")
    at.button[0].click().run()
    assert texts(at, "error") == sign_in.WRONG and not opened
    # Right at once: refused unchecked, the wait grows with each failure.
    at.text_input(key="signin_name").input("tp")
    at.text_input(key="signin_password").input(PASSWORDS["tp"])
    at.button[0].click().run()
    assert "Xin chờ" in texts(at, "error") and not opened
    failures = [r.getMessage() for r in caplog.records if "sign-in" in r.getMessage()]
    assert len(failures) == 2 and all("'tp'" in line for line in failures)
    assert all("mat-khau" not in r.getMessage() for r in caplog.records)

    monkeypatch.setattr(sessions, "FIRST_DELAY_SECONDS", 0.0)
    monkeypatch.setattr(connection, "readonly_engine", real_engine)
    at.text_input(key="signin_name").input("tp")
    at.text_input(key="signin_password").input(PASSWORDS["tp"])
    at.button[0].click().run()
    assert not at.exception and not at.error, texts(at, "error")
    # Landed where the link pointed, its filters kept, held to Tư pháp's dossiers.
    assert {k: at.query_params[k] for k in deep} == deep
    assert list_codes(at) == ["L-004"]
    assert "Người dùng: tp" in sidebar_text(at) and "Vai trò: Đơn vị (P-TP)" in sidebar_text(at)

    at.button(key="signin_out").click().run()
    assert [t.value for t in at.title] == [sign_in.FORM_TITLE]
    assert sign_in.SIGNED_OUT in texts(at, "info") and list_codes(at) is None


@pytest.mark.parametrize(
    ("name", "codes", "reasons"),
    [
        ("ct", ["L-003", "L-004", "L-001"], True),
        ("tp", ["L-004"], True),  # asks for the district one-stop: gets what Tư pháp handles
        ("mn", None, True),  # nothing of Một Ngàn's received at the district: an empty list
        ("xem", None, False),
    ],
)
def test_the_late_view_by_role(signed_in, make_db, calls, name, codes, reasons):
    query = {**MARCH, "state": "late", "unit": "CTA"}
    at = signed_in(make_db("sqlite", fixture_late.ROWS), LATE, query, name)
    assert not at.exception and not at.error, texts(at, "error")
    assert list_codes(at) == codes
    assert dict(at.query_params)["unit"] == "CTA"  # the URL is not rewritten: the scope holds
    if name == "mn":
        assert "Không có hồ sơ" in texts(at, "info")
        return
    assert ("late_reasons" in calls) == reasons
    if name == "xem":
        assert tiles(at)["Số hồ sơ trễ hạn"] == "3"  # the counts
        assert roles.NO_LIST in texts(at, "info")
        assert not at.get("download_button")
        assert [b.key for b in at.button] == ["signin_out"]  # no "Tạo tệp tải về"
        read = {"late_list", "late_page", "dossier_detail", "export_file", "late_reasons"}
        assert not read & set(calls)
        return
    assert tiles(at)["Số hồ sơ trễ hạn"] == str(len(codes))
    at.button(key="late_prepare").click().run()
    [files] = [v for k, v in at.session_state.items() if k.startswith("late_files_")]
    rows = list(csv.reader(io.StringIO(files[".csv"].decode("utf-8-sig"))))
    assert [row[0] for row in rows if row and row[0].startswith("L-")] == codes


@pytest.mark.parametrize(
    ("name", "codes"),
    [
        ("ct", ["x1", "x3"]),
        ("xd", ["x1"]),  # of Xã C's, only the one its unit handles
        ("xem", None),  # the scores only: no list, not even read
    ],
)
def test_the_766_page_by_role(signed_in, make_db, calls, name, codes):
    """Opened on a figure's link (Xã C's July dossiers not submitted online)."""
    query = {"thang": "2025-07", "unit": "XA-C", "list": "online"}
    at = signed_in(make_db("sqlite", fixture_766_lists.ROWS), "views/index766.py", query, name)
    assert not at.exception and not at.error, texts(at, "error")
    ranking, groups = html_tables(at, "index766-ranking")[0], html_tables(at, "index766")[0]
    rows = {row[1][0]: [text for text, _ in row] for row in ranking[1:]}
    assert rows["Xã A-B"][0] == "1" and rows["Xã A-B"][2] == "34,75 / 54 điểm (64,4%)"
    links = [href for row in groups[1:] for _, href in row if href]
    shown = [df.value for df in at.dataframe if "Mã hồ sơ" in df.value.columns]
    if codes is None:
        assert roles.NO_LIST in texts(at, "info") and not shown and not links
        assert not {"index766_list", "index766_list_count"} & set(calls)
        return
    assert list(shown[0]["Mã hồ sơ"]) == codes
    assert "chi-so-766?thang=2025-07&unit=XA-AB&list=online" in links
    scope_line = roles.UNIT_SCOPE.format(unit="Xã D")
    assert (scope_line in texts(at, "caption")) == (name == "xd")


def test_left_alone_past_the_idle_time_the_next_run_meets_the_form(
    signed_in, make_db, calls, monkeypatch
):
    at = signed_in(make_db("sqlite", fixture_late.ROWS), LATE, {**MARCH, "state": "late"}, "ct")
    assert list_codes(at)  # signed in: the list
    store = sign_in._store(settings.DEFAULT_IDLE_MINUTES * 60.0)
    later = store.clock() + store.idle + 1
    monkeypatch.setattr(store, "clock", lambda: later)
    calls.clear()
    at.run()  # the next page run: a click, a reload
    assert sign_in.EXPIRED in texts(at, "info")
    assert [t.label for t in at.text_input] == [sign_in.NAME_LABEL, sign_in.PASSWORD_LABEL]
    assert list_codes(at) is None and not calls  # nothing read for the expired session


def test_names_and_files_by_role(signed_in, make_db, calls):
    topics = make_db("sqlite", fixture_topics.ROWS)
    period = {"start": "2022-03-01", "end": "2022-03-31"}
    at = signed_in(topics, "views/satisfaction.py", period, "xem")
    assert not at.exception and roles.NO_NAMES in texts(at, "info")
    assert not {"satisfaction_by_officer", "dissatisfied_comments"} & set(calls)
    assert "Lê Thị Cúc" not in str([df.value for df in at.dataframe])

    at = signed_in(topics, "views/satisfaction.py", period, "mn")
    assert not at.exception
    shown = str([df.value.to_dict() for df in at.dataframe])
    assert "Phạm Văn Dũng" in shown  # Một Ngàn's officer
    assert "Trần Văn Bình" not in shown and "Lê Thị Cúc" not in shown  # the district's

    late_db = make_db("sqlite", fixture_late.ROWS)
    at = signed_in(late_db, "views/form06a.py", period, "xem")
    assert not at.exception and not at.get("download_button")
    assert roles.NO_FILES in texts(at, "caption")
    at = signed_in(late_db, "views/form06a.py", period, "tp")
    assert len(at.get("download_button")) == 2
    assert calls.count("to_file_bytes") == 2  # the unit user's, never the viewer's

    at = signed_in(late_db, "views/briefing.py", {"tuan": "2022-W10"}, "xem")
    assert not at.exception
    assert not [b for b in at.button if (b.key or "").startswith("slide_make")]
    assert roles.NO_FILES in texts(at, "caption") and "file_bytes" not in calls
    at = signed_in(late_db, "views/briefing.py", {"tuan": "2022-W10"}, "ct")
    assert len([b for b in at.button if (b.key or "").startswith("slide_make")]) == 2


@pytest.mark.parametrize("view", ["ocop", "late"])
def test_a_view_not_granted_refuses_and_reads_nothing(signed_in, make_db, monkeypatch, view):
    """The viewer's row taken out of the registry: the page says so, and not one read of
    the page's own runs (every read of a page goes through `data._run`)."""
    monkeypatch.setitem(roles.VIEWS, view, {"leader": roles.VIEWS[view]["leader"]})
    reads: list[str] = []
    real = data._run

    def spy(query_fn, *args, **kwargs):
        reads.append(query_fn.__name__)
        return real(query_fn, *args, **kwargs)

    monkeypatch.setattr(data, "_run", spy)
    db = make_db("sqlite", fixture_late.ROWS)
    at = signed_in(db, f"views/{view}.py", MARCH, "xem")
    assert not at.exception
    assert texts(at, "warning").count(roles.refusal(USERS["xem"])) == 1
    assert not at.title and not at.metric and not at.dataframe and not at.get("vega_lite_chart")
    frame_reads = list(reads)  # the frame's own: the role check, the sidebar's "as of"
    assert frame_reads and all(name in FRAME_READS for name in frame_reads), frame_reads

    reads.clear()
    at = signed_in(db, f"views/{view}.py", MARCH, "ct")  # the leader's row is still there
    assert not at.exception and at.title and set(reads) - FRAME_READS


def test_open_demo_only_on_this_machine(monkeypatch, make_db):
    for name in (settings.USERS_FILE_ENV, settings.ALLOW_OPEN_ENV):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(settings, "SECRETS_PATH", TESTS / "no-secrets.toml")
    at = view_app(monkeypatch, make_db("sqlite", fixture_late.ROWS), LATE).run()
    assert sign_in.OPEN_NOTE in sidebar_text(at) and list_codes(at) is not None

    monkeypatch.setattr(sign_in, "_server_address", lambda: "0.0.0.0")
    at.run()
    assert "0.0.0.0" in texts(at, "error") and not at.metric and list_codes(at) is None
    monkeypatch.setenv(settings.ALLOW_OPEN_ENV, "1")
    at.run()
    assert sign_in.OPEN_ALLOWED_NOTE in sidebar_text(at) and list_codes(at) is not None


def test_oidc_identity_to_role(monkeypatch, make_db, tmp_path, calls):
    """The province's sign-on: AppTest's `user` stands in for the provider's claims."""
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        '[auth]\nredirect_uri = "http://127.0.0.1:8501/oauth2callback"\ncookie_secret = "x"\n'
        'client_id = "bdh"\nclient_secret = "y"\n'
        'server_metadata_url = "https://sso.tinh.example/.well-known/openid-configuration"\n'
        '[auth.roles]\n"a@tinh.gov.vn" = { role = "unit", unit = "P-TP" }\n'
    )
    monkeypatch.setattr(settings, "SECRETS_PATH", secrets)
    monkeypatch.delenv(settings.USERS_FILE_ENV, raising=False)
    db = make_db("sqlite", fixture_late.ROWS)

    def as_identity(claims: dict) -> AppTest:
        at = view_app(monkeypatch, db, LATE, {**MARCH, "state": "late"})
        at.user = claims
        return at.run()

    at = as_identity({"is_logged_in": False})
    assert [b.label for b in at.button] == [sign_in.SSO_LABEL] and not at.text_input
    assert list_codes(at) is None and not calls

    at = as_identity({"is_logged_in": True, "email": "someone@tinh.gov.vn", "sub": "9"})
    assert "chưa được cấp quyền" in texts(at, "error") and list_codes(at) is None

    claims = {"is_logged_in": True, "email": "A@tinh.gov.vn", "sub": "42", "name": "Nguyễn An"}
    at = as_identity(claims)
    assert not at.exception and not at.error, texts(at, "error")
    assert list_codes(at) == ["L-004"]
    assert "Vai trò: Đơn vị (P-TP)" in sidebar_text(at)
