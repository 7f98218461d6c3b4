"""Faults of the database the dashboard reads, and what a page says about each.

One deadline for all of a page's statements; a lock, a full pool, a server that
does not answer, a server stopped and started again; a bad timeout setting; a URL
carrying secrets. Real engines throughout: PostgreSQL (the shared server, or a
private one to stop) and SQLite.
"""

import logging
import socket
import time
import uuid
from datetime import timedelta

import psycopg
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from dashboard.frame import data, page_run
from queries import connection, deadline
from queries.contract import metadata
from tests.apptest import leaves, run_view, tiles
from tests.cli_run import refusal
from tests.databases import postgres_server_url
from tests.private_postgres import PrivatePostgres
from tests.test_view_units import ROWS

VIEW = "views/units.py"
TILES_OF_ROWS = {"Tiếp nhận": "7", "Trễ hạn": "1"}  # tests/test_view_units.py, by hand


def _statements(engine, sleeps: list[float]) -> list[str]:
    """Run `pg_sleep` for each of `sleeps`, each in its own transaction; what happened."""
    happened = []
    for seconds in sleeps:
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT pg_sleep(:s)"), {"s": seconds})
            happened.append("ran")
        except OperationalError as error:
            happened.append(error.orig.sqlstate)
        except deadline.DeadlineExceeded:
            happened.append("not started")
    return happened


def test_a_page_s_statements_share_one_deadline(make_db):
    engine = connection.readonly_engine(make_db("postgresql", ROWS))
    with deadline.within(1.0):
        # 0.6 s, then 0.6 s more than the 0.4 s left: cancelled (57014), then not started.
        assert _statements(engine, [0.6, 0.6, 0.1]) == ["ran", "57014", "not started"]
    with engine.connect() as conn:  # the shorter limit ended with its transaction
        assert conn.execute(text("SHOW statement_timeout")).scalar() == "15s"
    engine.dispose()


def test_sqlite_statements_are_interrupted_at_the_deadline(make_db):
    engine = connection.readonly_engine(make_db("sqlite", ROWS))
    endless = (
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"
    )
    with deadline.within(0.3), pytest.raises(OperationalError) as raised:
        with engine.connect() as conn:
            conn.execute(text(endless))
    assert str(raised.value.orig) == "interrupted"
    assert data.explain(raised.value, ()) == data.QUERY_TIMEOUT.format(seconds="15")


def test_a_locked_table_gives_the_locked_message(monkeypatch, make_db):
    url = make_db("postgresql", ROWS)
    monkeypatch.setattr(connection, "LOCK_TIMEOUT_MS", 300)
    locker = create_engine(make_url(url).set(drivername="postgresql+psycopg"))
    with locker.connect() as conn:
        conn.execute(text("LOCK TABLE dossiers IN ACCESS EXCLUSIVE MODE"))
        at = run_view(monkeypatch, url, VIEW)
        conn.rollback()
    assert not at.exception
    assert [e.value for e in at.error] == [data.DB_LOCKED]
    locker.dispose()


def test_a_full_pool_is_waited_for_a_bounded_time(monkeypatch, make_db):
    monkeypatch.setattr(connection, "POOL_TIMEOUT_S", 0.3)
    engine = connection.readonly_engine(make_db("postgresql", ROWS))
    held = [engine.connect() for _ in range(connection.POOL_SIZE + connection.POOL_MAX_OVERFLOW)]
    with pytest.raises(PoolTimeout) as raised:
        engine.connect()
    assert data.explain(raised.value, ()) == data.DB_BUSY
    for conn in held:
        conn.close()
    engine.dispose()


@pytest.fixture
def full_server_url(make_db):
    """The fixture's database as a role the server lets in no more (CONNECTION LIMIT 0):
    what everyone meets once other viewers and programs hold every connection slot."""
    url = make_url(make_db("postgresql", ROWS))
    role = f"dash_full_{uuid.uuid4().hex[:8]}"
    admin = create_engine(
        make_url(postgres_server_url()).set(drivername="postgresql+psycopg"),
        isolation_level="AUTOCOMMIT",
    )
    with admin.connect() as conn:
        conn.execute(text(f"CREATE ROLE {role} LOGIN CONNECTION LIMIT 0"))
    yield url.set(username=role, password=None).render_as_string(False)
    with admin.connect() as conn:
        conn.execute(text(f"DROP ROLE {role}"))
    admin.dispose()


def test_a_server_with_every_slot_taken_says_why(monkeypatch, full_server_url):
    at = run_view(monkeypatch, full_server_url, VIEW)
    assert not at.exception
    source = make_url(full_server_url).database
    assert [e.value for e in at.error] == [data.DB_FULL.format(source=source)]
    line = refusal("kpis", "--db", full_server_url, "--start", "2022-03-01", "--end", "2022-03-31")
    assert "hết chỗ" in line and "thử lại sau ít phút" in line


@pytest.mark.parametrize(
    "said",
    [  # PostgreSQL's words when max_connections is reached, and PgBouncer's
        "FATAL:  sorry, too many clients already",
        "FATAL:  remaining connection slots are reserved for non-replication superuser connections",
        'FATAL:  too many connections for database "onestop"',
        "ERROR:  no more connections allowed (max_client_conn)",
    ],
)
def test_every_way_a_server_says_it_is_full(said):
    failed = psycopg.OperationalError(
        f'connection failed: connection to server at "10.0.0.5", port 5432 failed: {said}'
    )
    error = OperationalError("SELECT 1", {}, failed)
    assert data.explain(error, ()) == data.DB_FULL.format(source=data.source())


def test_a_server_that_never_answers_is_given_up_on(monkeypatch):
    # A port that accepts connections and never says a word: only connect_timeout ends it.
    monkeypatch.setattr(connection, "CONNECT_TIMEOUT_S", 1)
    with socket.create_server(("127.0.0.1", 0)) as silent:
        port = silent.getsockname()[1]
        at = run_view(monkeypatch, f"postgresql://postgres@127.0.0.1:{port}/onestop", VIEW)
    assert not at.exception
    assert [e.value for e in at.error] == [data.DB_UNREACHABLE.format(source="onestop")]


@pytest.fixture
def private_server():
    server = PrivatePostgres()
    server.start()
    engine = create_engine(make_url(server.url).set(drivername="postgresql+psycopg"))
    metadata.create_all(engine)
    with engine.begin() as conn:
        for table in metadata.sorted_tables:
            if ROWS.get(table.name):
                conn.execute(table.insert(), ROWS[table.name])
    engine.dispose()
    yield server
    server.stop()
    server.remove()


def _stale(at) -> list[str]:
    return [w.value for w in at.warning if w.value.startswith("Không kết nối được")]


def test_figures_from_the_cache_say_when_the_database_is_down(monkeypatch, private_server):
    monkeypatch.setattr(page_run, "FRESH", timedelta(0))  # every cached figure counts as old
    at = run_view(monkeypatch, private_server.url, VIEW)
    assert tiles(at).items() >= TILES_OF_ROWS.items() and _stale(at) == []

    private_server.stop()
    data._unreachable.clear()
    at.run()
    assert tiles(at).items() >= TILES_OF_ROWS.items()  # still shown, from the cache
    [notice] = _stale(at)
    assert notice.startswith("Không kết nối được cơ sở dữ liệu (postgres) lúc ")
    assert "được đọc lúc" in notice and "có thể đã cũ" in notice

    private_server.start()
    data._unreachable.clear()
    at.run()
    assert _stale(at) == [] and tiles(at).items() >= TILES_OF_ROWS.items()


def test_figures_from_the_cache_say_when_every_slot_is_taken(monkeypatch, make_db):
    monkeypatch.setattr(page_run, "FRESH", timedelta(0))  # every cached figure counts as old
    url = make_url(make_db("postgresql", ROWS))
    role = f"dash_slots_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url.set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE ROLE {role} LOGIN"))
        conn.execute(text(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}"))
    as_role = url.set(username=role, password=None).render_as_string(False)
    try:
        at = run_view(monkeypatch, as_role, VIEW)
        assert tiles(at).items() >= TILES_OF_ROWS.items() and _stale(at) == []
        with admin.connect() as conn:
            conn.execute(text(f"ALTER ROLE {role} CONNECTION LIMIT 0"))
        data._engine_for(as_role).dispose()  # the connections it held are given back
        data._unreachable.clear()
        at.run()
        assert tiles(at).items() >= TILES_OF_ROWS.items()  # still shown, from the cache
        [notice] = [w.value for w in at.warning if "có thể đã cũ" in w.value]
        assert notice.startswith(
            f"Cơ sở dữ liệu ({url.database}) đang hết chỗ cho kết nối mới lúc "
        )
    finally:
        data._engine_for(as_role).dispose()
        with admin.connect() as conn:
            conn.execute(text(f"DROP OWNED BY {role}"))
            conn.execute(text(f"DROP ROLE {role}"))
        admin.dispose()


def test_after_a_restart_new_reads_work_again(monkeypatch, private_server):
    engine = connection.readonly_engine(private_server.url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM dossiers")).scalar() == len(ROWS["dossiers"])
    private_server.stop()
    private_server.start()
    with engine.connect() as conn:  # the pool's dead connection is replaced (pre-ping)
        assert conn.execute(text("SELECT count(*) FROM dossiers")).scalar() == len(ROWS["dossiers"])
    engine.dispose()


@pytest.mark.parametrize("value", ["abc", "0", "-5", "15s", "99999999"])
def test_a_timeout_setting_that_disables_the_guard_is_refused(monkeypatch, make_db, value):
    monkeypatch.setenv(connection.TIMEOUT_ENV, value)
    at = run_view(monkeypatch, make_db("sqlite", ROWS), VIEW)
    assert not at.exception
    [message] = [e.value for e in at.error]
    assert message.startswith(f"cấu hình {connection.TIMEOUT_ENV} = {value!r} không dùng được")
    assert not at.metric


SECRETS = ("hunter2", "s3cr3t-in-query")


def test_no_secret_of_the_url_reaches_the_page_or_the_log(monkeypatch, caplog):
    url = f"postgresql://postgres:{SECRETS[0]}@127.0.0.1:1/onestop?password={SECRETS[1]}"
    with caplog.at_level(logging.WARNING):
        at = run_view(monkeypatch, url, VIEW)
    shown = " ".join(str(getattr(node, "proto", "")) for node in leaves(at))
    assert [e.value for e in at.error] == [data.DB_UNREACHABLE.format(source="onestop")]
    assert "127.0.0.1" not in shown
    logged = caplog.text
    assert "failed" in logged  # the failure is logged, for the administrator
    assert not [s for s in SECRETS if s in shown + logged]


def test_timings_are_bounded_by_the_deadline_not_by_each_statement(make_db):
    # What a page waits behind a lock: the deadline, not statements × timeout.
    url = make_db("postgresql", ROWS)
    engine = connection.readonly_engine(url, timeout_ms=500)
    started = time.monotonic()
    with deadline.within(0.5):
        outcome = _statements(engine, [1, 1, 1])
    assert outcome == ["57014", "not started", "not started"]
    assert time.monotonic() - started < 1.5  # three statements alone would take 1.5 s
    engine.dispose()
