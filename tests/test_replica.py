"""The dashboard on a hot-standby replica: the primary's figures, and the sidebar says the lag.

A private primary and a replica streaming from it (tests/private_postgres.py: initdb,
pg_basebackup -R), never the shared server; the week's fixture (tests/fixture_week.py)
loaded into the primary and read from both.
"""

import re
import time
from datetime import datetime, timedelta
from types import SimpleNamespace

import pandas as pd
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from dashboard.frame import sidebar
from dashboard.weekly import week_overview
from queries import meta
from queries.cohort import cohort_by
from queries.connection import readonly_engine
from queries.contract import metadata
from queries.meta import STALLED_AFTER, Standby, replica_state, standby
from queries.period import Period
from queries.week import week_flow
from tests import fixture_week
from tests.apptest import run_view, tiles
from tests.private_postgres import PrivatePostgres

W45 = Period.iso_week(2024, 45)
YEAR = Period(W45.start.replace(month=1, day=1), W45.end)
VIEW = "views/units.py"
AS_OF = "Dữ liệu đến 11/11/2024 00:00"  # fixture_week: w10 received at the next week's start
READ_ONLY = "25006"  # read_only_sql_transaction
NOT_DURING_RECOVERY = "0A000"  # cannot set transaction read-write mode during recovery
REPLAY_WAIT_S = 15


def _admin(url: str):
    return create_engine(
        make_url(url).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT"
    )


def _scalar(url: str, sql: str, **params):
    engine = _admin(url)
    try:
        with engine.connect() as conn:
            result = conn.execute(text(sql), params)
            return result.scalar() if result.returns_rows else None
    finally:
        engine.dispose()


def _wait_until(url: str, sql: str, **params) -> None:
    """Poll `sql` on `url` until it is true; fail after REPLAY_WAIT_S."""
    deadline = time.monotonic() + REPLAY_WAIT_S
    while not _scalar(url, sql, **params):
        assert time.monotonic() < deadline, f"not true after {REPLAY_WAIT_S} s: {sql}"
        time.sleep(0.05)


def _primary_lsn(cluster) -> str:
    return _scalar(cluster.primary, "SELECT pg_current_wal_lsn()::text")


def _wait_until_current(cluster) -> None:
    """Until the replica says it is current (`replica_state`), failing after REPLAY_WAIT_S.
    Reads on the primary write WAL (hint bits, pruning) that reaches the replica a moment
    later: on a loaded machine it is then truthfully behind for that moment."""
    engine = readonly_engine(cluster.replica)
    deadline = time.monotonic() + REPLAY_WAIT_S
    try:
        while replica_state(engine).behind != timedelta(0):
            assert time.monotonic() < deadline, f"not current after {REPLAY_WAIT_S} s"
            time.sleep(0.05)
    finally:
        engine.dispose()


def _wait_for_replay(cluster) -> None:
    lsn = _primary_lsn(cluster)
    _wait_until(cluster.replica, "SELECT pg_last_wal_replay_lsn() >= CAST(:lsn AS pg_lsn)", lsn=lsn)


# The README's SELECT-only role ("Give it a SELECT-only role"), made on the primary.
README_ROLE = [
    "CREATE ROLE dashboard_ro LOGIN",
    "GRANT CONNECT ON DATABASE onestop TO dashboard_ro",
    "GRANT USAGE ON SCHEMA public TO dashboard_ro",
    "GRANT SELECT ON ALL TABLES IN SCHEMA public TO dashboard_ro",
]


class Cluster:
    def __init__(self, primary: str, replica: str):
        self.primary, self.replica = primary, replica

    def as_reader(self, url: str) -> str:
        return make_url(url).set(username="dashboard_ro").render_as_string(False)


@pytest.fixture(scope="module")
def cluster():
    primary = PrivatePostgres()
    servers = [primary]
    try:
        primary.start()
        _scalar(primary.url, "CREATE DATABASE onestop")
        urls = Cluster(primary.database_url("onestop"), "")
        engine = _admin(urls.primary)
        metadata.create_all(engine)
        with engine.begin() as conn:
            for table in metadata.sorted_tables:
                if fixture_week.ROWS.get(table.name):
                    conn.execute(table.insert(), fixture_week.ROWS[table.name])
        engine.dispose()
        for statement in README_ROLE:
            _scalar(urls.primary, statement)
        replica = primary.replica()  # taken after the load: the rest comes by streaming
        servers.append(replica)
        replica.start()
        urls.replica = replica.database_url("onestop")
        # A write after the copy, so that the replica shows it has streamed something.
        _scalar(urls.primary, "CREATE TABLE after_the_copy (x int)")
        _wait_for_replay(urls)
        yield urls
    finally:
        for server in reversed(servers):
            server.stop("immediate")
            server.remove()


def _engines(cluster):
    return readonly_engine(cluster.primary), readonly_engine(cluster.replica)


def test_the_replica_has_streamed_from_the_primary(cluster):
    assert _scalar(cluster.replica, "SELECT pg_is_in_recovery()") is True
    assert _scalar(cluster.primary, "SELECT pg_is_in_recovery()") is False
    assert _scalar(cluster.replica, "SELECT to_regclass('after_the_copy') IS NOT NULL") is True
    assert _scalar(cluster.primary, "SELECT count(*) FROM pg_stat_replication") == 1


def test_the_replica_gives_the_primary_s_figures(cluster):
    primary, replica = _engines(cluster)
    week = week_flow(primary, W45)
    assert week["received"].sum() == 6  # fixture_week: CTA 4, CTA-MN 2
    pd.testing.assert_frame_equal(week_flow(replica, W45), week)
    ours, theirs = week_overview(primary, W45), week_overview(replica, W45)
    for part in ("units", "total", "previous_total", "averages", "trend"):
        pd.testing.assert_frame_equal(getattr(theirs, part), getattr(ours, part))
    for group in ("unit", "kind", "handling"):
        pd.testing.assert_frame_equal(
            cohort_by(replica, YEAR, group), cohort_by(primary, YEAR, group)
        )
    primary.dispose()
    replica.dispose()


def test_the_lag_is_read_only_on_a_replica(cluster, make_db):
    primary, replica = _engines(cluster)
    assert replica_state(primary) is None
    assert replica_state(readonly_engine(make_db("sqlite", fixture_week.ROWS))) is None
    # Streaming and all replayed: nothing is missing, however long the primary was idle
    # (it becomes so, whatever WAL the earlier tests' reads on the primary wrote).
    _wait_until_current(cluster)
    state = replica_state(replica)
    assert state.behind == timedelta(0) and not state.stopped
    # The README's role may read it too: no function or view it asks needs more.
    reader = readonly_engine(cluster.as_reader(cluster.replica))
    _wait_until_current(cluster)
    assert replica_state(reader).behind == timedelta(0)
    for engine in (primary, replica, reader):
        engine.dispose()


def test_the_replica_refuses_writes(cluster):
    # Not the dashboard's read-only engine: a superuser's plain session, turning the
    # read-only default off. A standby refuses whatever the session says.
    engine = _admin(cluster.replica)
    refused_as = {
        "INSERT INTO units (id, code, name, kind) VALUES (99, 'X', 'X', 'commune')": READ_ONLY,
        "CREATE TABLE written (x int)": READ_ONLY,
        "SET default_transaction_read_only = off; DELETE FROM dossiers": READ_ONLY,
        "BEGIN READ WRITE": NOT_DURING_RECOVERY,
    }
    for statement, sqlstate in refused_as.items():
        with engine.connect() as conn, pytest.raises(DBAPIError) as refused:
            conn.exec_driver_sql(statement)
        assert refused.value.orig.sqlstate == sqlstate, statement
    engine.dispose()
    assert _scalar(cluster.primary, "SELECT count(*) FROM units WHERE id = 99") == 0


def _data_lines(at) -> list[str]:
    return [c.value for c in at.sidebar.caption if c.value.startswith("Dữ liệu đến")]


def test_the_sidebar_says_the_replica_is_current(monkeypatch, cluster):
    on_primary = run_view(monkeypatch, cluster.as_reader(cluster.primary), VIEW)
    _wait_until_current(cluster)  # after the WAL the primary's reads wrote
    on_replica = run_view(monkeypatch, cluster.as_reader(cluster.replica), VIEW)
    assert not on_primary.exception and not on_replica.exception
    assert tiles(on_replica) == tiles(on_primary) and tiles(on_primary)
    assert not on_replica.warning  # the README's role: no warning for the administrator
    assert _data_lines(on_primary) == [AS_OF]
    assert _data_lines(on_replica) == [f"{AS_OF} ({sidebar.REPLICA_CURRENT})"]


def _cut_at_a_page_end(cluster):
    """What a standby says of itself (`_STANDBY_STATE`) while the primary's WAL ends in a
    record no commit has flushed: a non-transactional message longer than a page, whose
    whole pages the WAL writer flushes and the replica receives, its rest held back."""
    end = _scalar(
        cluster.primary,
        "SELECT pg_logical_emit_message(false, 'dashboard-test', repeat('x', 12000)) - '0/0'",
    )
    page_end = end - end % PAGE
    _wait_until(
        cluster.replica, "SELECT pg_last_wal_receive_lsn() - '0/0' >= :at", at=int(page_end)
    )
    engine = readonly_engine(cluster.replica)
    try:
        with engine.connect() as conn:
            return conn.execute(meta._STANDBY_STATE).one()
    finally:
        engine.dispose()


def test_a_record_the_primary_has_not_flushed_leaves_the_replica_current(cluster):
    _wait_until_current(cluster)
    for _ in range(3):  # unless other WAL on the primary flushed the rest in between
        state = _cut_at_a_page_end(cluster)
        if state.unreplayed_bytes:
            break
    assert state.received_into_page == 0 and 0 < state.unreplayed_bytes < 2 * PAGE
    assert standby(state, None, READ_AT) == Standby(timedelta(0), False, READ_AT)


def test_the_sidebar_says_a_paused_replica_is_paused(monkeypatch, cluster):
    import streamlit as st

    _scalar(cluster.replica, "SELECT pg_wal_replay_pause()")
    try:
        # Written on the primary, received by the replica, not replayed: it is behind.
        _scalar(cluster.primary, "CREATE TABLE while_paused (x int)")
        lsn = _primary_lsn(cluster)
        _wait_until(
            cluster.replica, "SELECT pg_last_wal_receive_lsn() >= CAST(:lsn AS pg_lsn)", lsn=lsn
        )
        # The README's role may ask whether replay is paused.
        engine = readonly_engine(cluster.as_reader(cluster.replica))
        state = replica_state(engine)
        with engine.connect() as conn:  # and whether replay moves: here it does not
            sample = conn.execute(meta._REPLAYING, {"wait": 0.05}).one()
        engine.dispose()
        assert state.stopped and state.behind > timedelta(0)
        assert sample.before == sample.after is not None
        at = run_view(monkeypatch, cluster.as_reader(cluster.replica), VIEW)
        [line] = _data_lines(at)
        # The age of the last transaction replayed: under a second here, or more.
        behind = r"(chưa đến 1 giây|\d+ giây|\d+ phút)"
        assert re.fullmatch(
            rf"{AS_OF} \(bản sao đang tạm dừng, chậm {behind} so với máy chủ chính\)", line
        )
    finally:
        _scalar(cluster.replica, "SELECT pg_wal_replay_resume()")
    _wait_for_replay(cluster)
    st.cache_data.clear()  # the lag is asked again at most every PROBE_TTL_SECONDS
    at.run()
    assert _data_lines(at) == [f"{AS_OF} ({sidebar.REPLICA_CURRENT})"]


# What a standby says of itself (queries.meta._STANDBY_STATE), as plain values.
PAGE = 8192  # wal_block_size
CAUGHT_UP = {
    "paused": False,
    "unreplayed_bytes": 0,
    "received_into_page": 100,
    "wal_block_size": PAGE,
    "streaming": True,
    "behind": timedelta(hours=2),
}
WAITING = {"unreplayed_bytes": 200}  # whole records received, not replayed
READ_AT = datetime(2024, 11, 11, 9, 0, 0)


@pytest.mark.parametrize(
    ("said", "replaying", "behind", "stopped"),
    [
        # An idle primary: the last transaction is old, nothing is missing.
        ({}, None, timedelta(0), False),
        # Paused: the age of the last transaction replayed, however little is waiting.
        ({"paused": True}, None, timedelta(hours=2), True),
        ({"paused": True, **WAITING}, None, timedelta(hours=2), True),
        # WAL waiting, the last replay long ago, replay not moving: stuck.
        ({**WAITING, "behind": STALLED_AFTER}, False, STALLED_AFTER, True),
        # The same with replay moving: a backlog being worked through.
        ({**WAITING, "behind": STALLED_AFTER}, True, STALLED_AFTER, False),
        ({**WAITING, "behind": timedelta(seconds=3)}, None, timedelta(seconds=3), False),
        # Received up to a page's end, the start of one record waiting for its rest: the
        # primary has not flushed that rest, nothing committed is missing.
        ({"unreplayed_bytes": 1500, "received_into_page": 0}, None, timedelta(0), False),
        ({"unreplayed_bytes": 2 * PAGE - 1, "received_into_page": 0}, False, timedelta(0), False),
        # More than a record's start waiting, or not at a page's end: whole records.
        ({"unreplayed_bytes": 2 * PAGE, "received_into_page": 0}, None, timedelta(hours=2), False),
        ({"unreplayed_bytes": 1500, "received_into_page": 1}, None, timedelta(hours=2), False),
        # Nothing received by streaming (restored from an archive, say).
        ({"unreplayed_bytes": None, "streaming": False}, None, timedelta(hours=2), False),
        # No connection to its primary: the age of what it has.
        ({"streaming": False}, None, timedelta(hours=2), False),
        # Its clock a little behind the primary's: never below zero.
        ({**WAITING, "behind": timedelta(seconds=-1)}, None, timedelta(0), False),
    ],
)
def test_the_standby_from_what_it_says(said, replaying, behind, stopped):
    state = SimpleNamespace(**{**CAUGHT_UP, **said})
    assert standby(state, replaying, READ_AT) == Standby(behind, stopped, READ_AT)


LATER = READ_AT + timedelta(seconds=58)  # the sidebar drawn again, from the cached state


@pytest.mark.parametrize(
    ("replica", "note"),
    [
        (None, None),
        (Standby(timedelta(0), False, READ_AT), "bản sao đã cập nhật đủ so với máy chủ chính"),
        (
            Standby(timedelta(milliseconds=300), False, READ_AT),
            "bản sao chậm chưa đến 1 giây so với máy chủ chính",
        ),
        (
            Standby(timedelta(seconds=45), False, READ_AT),
            "bản sao chậm 45 giây so với máy chủ chính",
        ),
        (
            Standby(timedelta(minutes=12, seconds=5), False, READ_AT),
            "bản sao chậm 12 phút so với máy chủ chính",
        ),
        (Standby(timedelta(hours=5), False, READ_AT), "bản sao chậm 5 tiếng so với máy chủ chính"),
        (Standby(timedelta(days=3), False, READ_AT), "bản sao chậm 3 ngày so với máy chủ chính"),
        # Paused 29 s behind when read, drawn 58 s later: 87 s behind, not 29.
        (
            Standby(timedelta(seconds=29), True, READ_AT),
            "bản sao đang tạm dừng, chậm 87 giây so với máy chủ chính",
        ),
    ],
)
def test_the_replica_note(replica, note):
    assert sidebar.replica_note(replica, LATER) == note
