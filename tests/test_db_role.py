"""The dashboard as the README's SELECT-only role: every view works, every write fails,
and a role that could write gets the administrator's warning (PostgreSQL)."""

import uuid
from contextlib import contextmanager

import psycopg
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from dashboard import role_check
from dashboard.cli import WARNING
from queries import connection
from queries.privileges import write_access
from tests import cli_run
from tests.apptest import run_view

VIEWS = [
    "views/overview.py",
    "views/units.py",
    "views/late.py",
    "views/form06a.py",
    "views/satisfaction.py",
    "views/cashless.py",
    "views/adoption.py",
    "views/ocop.py",
    "views/index766.py",
    "views/briefing.py",
]
# Each way a session could try to write; the role must stop every one (42501).
WRITES = [
    ["INSERT INTO units (id, code, name, kind) VALUES (999, 'X', 'X', 'commune')"],
    ["SET default_transaction_read_only = off", "COMMIT", "DELETE FROM ratings"],
    [
        "SELECT set_config('default_transaction_read_only', 'off', false)",
        "COMMIT",
        "UPDATE dossiers SET status = 'resolved'",
    ],
    ["COMMIT", "BEGIN READ WRITE", "UPDATE units SET name = 'X'"],
    ["TRUNCATE dossiers"],
    ["COPY units TO PROGRAM 'true'"],
    ["CREATE TABLE public.scratch (id integer)"],
    ["ALTER TABLE units ADD COLUMN note text"],
]
ADMIN_ADVICE = role_check.ADVICE


def _admin(url: str):
    return create_engine(
        make_url(url).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT"
    )


@contextmanager
def _granting(url: str):
    """A transaction of the administrator's that may change privileges, one at a time:
    pytest-xdist workers each make a role of their own for this module, and PostgreSQL
    refuses two changes of one object's privileges at once ("tuple concurrently updated")."""
    admin = _admin(url)
    try:
        with admin.connect() as conn, conn.begin():
            conn.execute(text("SELECT pg_advisory_xact_lock(hashtext('dash_reader_grants'))"))
            yield conn
    finally:
        admin.dispose()


@pytest.fixture(scope="module")
def reader_url(demo_postgres):
    """The demo as the README's role: CONNECT, USAGE on the schema, SELECT on the tables."""
    role = f"dash_reader_{uuid.uuid4().hex[:8]}"
    database = make_url(demo_postgres).database
    with _granting(demo_postgres) as conn:
        conn.execute(text(f"CREATE ROLE {role} LOGIN"))
        conn.execute(text(f'GRANT CONNECT ON DATABASE "{database}" TO {role}'))
        conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {role}"))
        conn.execute(text(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}"))
    yield make_url(demo_postgres).set(username=role, password=None).render_as_string(False)
    with _granting(demo_postgres) as conn:
        conn.execute(text(f"DROP OWNED BY {role}"))
        conn.execute(text(f"DROP ROLE {role}"))


@pytest.mark.parametrize("statements", WRITES, ids=lambda s: s[-1].split()[0])
def test_every_write_fails_for_the_select_only_role(reader_url, statements):
    conninfo = make_url(reader_url).set(drivername="postgresql").render_as_string(False)
    with psycopg.connect(conninfo) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            for statement in statements:
                conn.execute(statement)


def test_the_role_check_reads_each_power(reader_url, demo_postgres):
    reader = connection.readonly_engine(reader_url)
    assert write_access(reader).risky is False
    admin = connection.readonly_engine(demo_postgres)
    access = write_access(admin)
    assert access.superuser and access.server_programs
    assert set(access.writable) >= {"dossiers", "units", "ratings"}
    assert "siêu người dùng" in role_check.warning(access)
    reader.dispose()
    admin.dispose()


def test_a_role_that_may_write_one_table_is_named(reader_url, demo_postgres):
    role = make_url(reader_url).username
    with _granting(demo_postgres) as conn:
        conn.execute(text(f"GRANT UPDATE ON units TO {role}"))
    try:
        access = write_access(connection.readonly_engine(reader_url))
    finally:
        with _granting(demo_postgres) as conn:
            conn.execute(text(f"REVOKE UPDATE ON units FROM {role}"))
    assert (access.superuser, access.server_programs, access.writable) == (False, False, ("units",))
    assert role_check.warning(access) == (
        "Tài khoản cơ sở dữ liệu của bảng điều hành có quyền ghi, xóa trên các bảng units: "
        f"một lỗi có thể làm thay đổi dữ liệu Một cửa. {ADMIN_ADVICE}"
    )


def test_sqlite_has_no_role_to_check(demo_sqlite):
    assert role_check.warning(write_access(connection.readonly_engine(demo_sqlite))) is None


@pytest.mark.parametrize("view", VIEWS)
def test_every_view_runs_as_the_select_only_role(monkeypatch, reader_url, view):
    at = run_view(monkeypatch, reader_url, view)
    assert not at.exception
    assert [e.value for e in at.error] == []
    assert not [w.value for w in at.warning if ADMIN_ADVICE in w.value]


def test_a_superuser_gets_the_warning_on_every_page(monkeypatch, demo_postgres):
    at = run_view(monkeypatch, demo_postgres, "views/units.py")
    assert not at.exception
    warnings = [w.value for w in at.warning if ADMIN_ADVICE in w.value]
    assert len(warnings) == 1 and "siêu người dùng (superuser)" in warnings[0]


def test_the_command_line_warns_a_role_that_could_write(demo_postgres, reader_url):
    as_superuser = cli_run.run("kpis", "--week", "2023-W12", "--db", demo_postgres)
    [warning] = as_superuser.stderr.splitlines()
    assert as_superuser.status == 0 and warning.startswith(f"{WARNING}Tài khoản cơ sở dữ liệu")
    assert "siêu người dùng" in warning and warning.endswith(ADMIN_ADVICE)
    as_reader = cli_run.run("kpis", "--week", "2023-W12", "--db", reader_url)
    assert (as_reader.status, as_reader.stderr) == (0, "")
    assert as_reader.stdout == as_superuser.stdout
