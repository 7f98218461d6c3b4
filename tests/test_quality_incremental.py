"""The data-quality audit counted incrementally (queries/quality.py, dashboard/quality_store.py,
dashboard/quality_check.py). After rows are added, changed and removed since the last count,
a check at the depth that sees them gives exactly what a full count gives, on the damaged
fixtures (tests/fixture_damaged.py, tests/fixture_rows.py) and on a hostile demo
(tests/hostile.py), on SQLite (both timestamp forms) and PostgreSQL:

- QUICK (every 5 minutes): rows received or finished since, open dossiers finished,
  paused, extended, reopened or removed, rows without a usable time, repeated ids and codes
  among them;
- SWEEP (hourly): settled rows removed or added with an old date, ratings removed;
- FULL (daily): a settled row changed in place.

What the audit keeps survives a restart (a new store object, a new process), and the
notice says when it counted."""

import json
import os
import subprocess
import sys
import threading
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select, text

from dashboard import quality, quality_check
from dashboard.quality_store import Store
from queries.connection import readonly_engine
from queries.quality import Level, State, quality_counts, refresh
from queries.quality_parts import SPECS
from tests import fixture_common as common
from tests import fixture_damaged as damaged
from tests import fixture_rows as planted
from tests import hostile
from tests.databases import (
    BACKENDS,
    PROJECT_ROOT,
    create_postgres_database,
    drop_postgres_database,
)
from tests.writes import dossier, write

MINUTE = timedelta(minutes=1)
RATING = "INSERT INTO ratings (id, unit_id, rated_at, level) VALUES (:id, 1, :rated_at, :level)"


def checked(engine, state: State, at: datetime, level: Level) -> dict[str, int]:
    """A check at `level`, asserted equal to a full count at the same moment, and every row
    of each table in exactly one of its days, as kept or live."""
    counts = refresh(engine, state, at, level)
    assert counts == quality_counts(engine, at)
    with engine.connect() as conn:
        for table, kept in state.parts.items():
            rows = conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
            spec = SPECS[table]
            live = select(func.count()).select_from(spec.table).where(spec.live)
            live = conn.execute(live).scalar_one() if spec.live is not None else 0
            assert sum(part.settled.rows for part in kept.values()) + live == rows
            assert sum(part.live for part in kept.values()) == live
    return counts


NOW = damaged.NOW
DAMAGED_QUICK = [
    # Received since the last check, open: repeats d1's id and d5's code, no channel.
    dossier(1, "d5", NOW - 30 * MINUTE, NOW + timedelta(days=2), None, "processing", None),
    # Received and finished since, at a unit missing from `units`.
    dossier(20, "d20", NOW - 20 * MINUTE, NOW, NOW - 10 * MINUTE, "resolved", unit=99),
    # Settled, with no receipt date: none of the days.
    dossier(21, "d21", None, NOW, NOW - timedelta(days=1), "resolved"),
    ("UPDATE dossiers SET status = 'resolved', finished_at = :t WHERE code = 'd3'", {"t": NOW}),
    ("UPDATE dossiers SET status = 'paused', due_at = :t WHERE code = 'd10'", {"t": NOW}),
    ("DELETE FROM dossiers WHERE code = 'd9'", {}),
    ("UPDATE dossiers SET status = 'processing' WHERE code = 'd1'", {}),  # reopened
    (RATING, {"id": 5, "rated_at": NOW - 15 * MINUTE, "level": "meh"}),
]
DAMAGED_SWEEP = [
    ("DELETE FROM dossiers WHERE code = 'd15'", {}),  # settled, received on 08/11
    dossier(22, "d22", datetime(2024, 11, 5, 9), datetime(2024, 11, 6), None, "refused", "fax"),
    ("DELETE FROM ratings WHERE id = 1", {}),
]
DAMAGED_FULL = [
    ("UPDATE dossiers SET channel = 'counter' WHERE code = 'd4'", {}),  # a repair in place
    ("UPDATE dossiers SET code = 'd2' WHERE code = 'd12'", {}),  # a code repeated in place
    ("UPDATE ratings SET level = 'satisfied' WHERE id = 2", {}),
]


@pytest.mark.parametrize("backend", BACKENDS)
def test_each_check_equals_a_full_count_after_the_damaged_rows_change(backend, own_db):
    url = own_db(backend, damaged.ROWS)
    engine = readonly_engine(url)
    state = State()
    first = checked(engine, state, NOW, Level.QUICK)  # nothing kept yet: a full count
    assert {key: n for key, n in first.items() if n} == damaged.QUALITY
    assert state.full_at == NOW

    write(url, backend, DAMAGED_QUICK)
    quick = checked(engine, state, NOW + 5 * MINUTE, Level.QUICK)
    assert quick["dossier_id_duplicate"] == 2 and quick["dossier_code_duplicate"] == 2
    assert quick["channel_unknown"] == 3 and quick["received_at_missing"] == 2
    assert quick["received_unit_unknown"] == 2  # d8, d20 (d9 removed)
    assert quick["rating_level_unknown"] == 3 and quick["finished_while_open"] == 2
    assert state.full_at == NOW  # counted only what changed

    write(url, backend, DAMAGED_SWEEP)
    sweep = checked(engine, state, NOW + 10 * MINUTE, Level.SWEEP)
    assert sweep["finished_before_received"] == 0 and sweep["channel_unknown"] == 4

    write(url, backend, DAMAGED_FULL)
    full = checked(engine, state, NOW + 15 * MINUTE, Level.FULL)
    assert full["dossier_code_duplicate"] == 4 and full["channel_unknown"] == 3


def _planted(backend: str) -> list:
    now = planted.NOW
    return [
        # A third row of id 8 (r8, r8b), settled, received since; r8b removed while open.
        dossier(8, "r8c", now - 30 * MINUTE, now, now - 5 * MINUTE, "resolved"),
        ("DELETE FROM dossiers WHERE code = 'r8b'", {}),
        # Both r9 finish (their code still repeated); r5's infinite appointment repaired.
        ("UPDATE dossiers SET status = 'resolved', finished_at = :t WHERE code = 'r9'", {"t": now}),
        ("UPDATE dossiers SET due_at = :t WHERE code = 'r5'", {"t": now}),
        ("DELETE FROM dossiers WHERE code = 'r13'", {}),  # received in 1900
    ]


@pytest.mark.parametrize("backend", BACKENDS)
def test_repeated_ids_codes_and_odd_times_are_counted_again_as_they_change(backend, own_db):
    url = own_db(backend, planted.rows(backend))
    engine = readonly_engine(url)
    state = State()
    checked(engine, state, planted.NOW, Level.FULL)
    write(url, backend, _planted(backend))
    quick = checked(engine, state, planted.NOW + 5 * MINUTE, Level.QUICK)
    assert quick["dossier_id_duplicate"] == 2  # r8 and r8c
    assert quick["timestamp_infinite"] == 2 and quick["timestamp_too_early"] == 1
    write(url, backend, [("DELETE FROM dossiers WHERE code = 'r12'", {})])  # settled, old
    sweep = checked(engine, state, planted.NOW + 10 * MINUTE, Level.SWEEP)
    assert sweep["due_before_received"] == 0
    write(url, backend, [("UPDATE dossiers SET id = 1 WHERE code = 'r4'", {})])  # settled
    assert (
        checked(engine, state, planted.NOW + 15 * MINUTE, Level.FULL)["dossier_id_duplicate"] == 4
    )


def _hostile_changes(now: datetime) -> tuple[list, list, list]:
    later = now + timedelta(days=3)
    first_open = "(SELECT min(id) FROM dossiers WHERE status = 'processing')"
    oldest_resolved = "(SELECT id FROM dossiers WHERE status = 'resolved' ORDER BY id LIMIT {n})"
    new = (
        "INSERT INTO dossiers (id, code, procedure_id, received_unit_id, handling_unit_id, "
        "channel, received_at, due_at, finished_at, status, fee_required, fee_paid_online) "
        "SELECT max(id) + 1, :code, min(procedure_id), min(received_unit_id), NULL, :channel, "
        ":received, :due, :finished, :status, :no, :no FROM dossiers"
    )
    quick = [
        (
            "UPDATE dossiers SET status = 'resolved', finished_at = :t WHERE id IN "
            "(SELECT id FROM dossiers WHERE status = 'processing' ORDER BY id DESC LIMIT 3)",
            {"t": now - 30 * MINUTE},
        ),
        (
            f"UPDATE dossiers SET status = 'paused', due_at = :t WHERE id = {first_open}",
            {"t": later},
        ),
        (f"DELETE FROM dossiers WHERE id = {first_open}", {}),
        (
            new,
            dict(
                code="moi-1",
                channel="fax",
                received=now - 20 * MINUTE,
                due=later,
                finished=None,
                status="returned",
                no=False,
            ),
        ),  # fmt: skip
        (
            new,
            dict(
                code="moi-2",
                channel="online",
                received=now - 10 * MINUTE,
                due=later,
                finished=now - 5 * MINUTE,
                status="refused",
                no=False,
            ),
        ),  # fmt: skip
        (
            "INSERT INTO ratings (id, unit_id, rated_at, level) "
            "SELECT max(id) + 1, min(unit_id), :t, 'meh' FROM ratings",
            {"t": now - 15 * MINUTE},
        ),
    ]
    sweep = [
        (f"DELETE FROM dossiers WHERE id IN {oldest_resolved.format(n=5)}", {}),
        (
            new,
            dict(
                code="moi-3",
                channel="fax",
                received=now - timedelta(days=100),
                due=now - timedelta(days=95),
                finished=now - timedelta(days=99),
                status="resolved",
                no=False,
            ),
        ),  # fmt: skip
        ("DELETE FROM ratings WHERE id = (SELECT min(id) FROM ratings)", {}),
    ]
    full = [
        (f"UPDATE dossiers SET channel = 'fax' WHERE id IN {oldest_resolved.format(n=2)}", {}),
        ("UPDATE ratings SET level = 'meh' WHERE id = (SELECT min(id) FROM ratings)", {}),
    ]
    return quick, sweep, full


@pytest.fixture
def hostile_demo(tmp_path, demo_sqlite):
    """hostile_demo(backend) -> (URL, now): the demo with an attacker's strings, of the
    test's own; on PostgreSQL a shorter demo (to 30/06/2021) built for the test."""
    made = []

    def make(backend: str) -> tuple[str, datetime]:
        if backend == "sqlite":
            return hostile.hostile_copy(demo_sqlite, tmp_path), datetime(2023, 4, 1, 12)
        url = create_postgres_database()
        made.append(url)
        command = [sys.executable, "-m", "dashboard", "demo", "--out", url, "--until", "2021-06-30"]
        subprocess.run(command, cwd=PROJECT_ROOT, check=True, capture_output=True)
        hostile.plant_postgres(url)
        return url, datetime(2021, 7, 1, 12)

    yield make
    for url in made:
        drop_postgres_database(url)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_hostile_demo_is_counted_again_only_where_it_changed(backend, hostile_demo):
    url, now = hostile_demo(backend)
    engine = readonly_engine(url)
    state = State()
    assert not any(checked(engine, state, now, Level.FULL).values())
    days = len(state.parts["dossiers"])
    quick, sweep, full = _hostile_changes(now)

    write(url, backend, quick)
    counts = checked(engine, state, now + 5 * MINUTE, Level.QUICK)
    assert counts["channel_unknown"] == 1 and counts["status_unknown"] == 1
    assert counts["rating_level_unknown"] == 1
    # A few days of a few hundred counted again, not the whole table.
    assert days > 100 and len({key for table, key in state.changed_parts}) <= 10

    write(url, backend, sweep)
    assert checked(engine, state, now + 10 * MINUTE, Level.SWEEP)["channel_unknown"] == 2
    write(url, backend, full)
    counts = checked(engine, state, now + 15 * MINUTE, Level.FULL)
    assert counts["channel_unknown"] == 4 and counts["rating_level_unknown"] == 2


ODD_TIMES = {
    "sqlite": ["2024-11-05", "2024-11-05T08:00:00", "2024-1-5 08:00", "garbage", ""],
    "postgresql": ["infinity", "-infinity", "0044-03-15 08:00:00 BC"],
}
EDGES = [
    None,
    datetime(1999, 12, 31, 23, 59, 59),
    datetime(2000, 1, 1),
    datetime(2024, 11, 5),
    datetime(2024, 11, 5, 23, 59, 59, 500_000),
    datetime(2099, 12, 31, 23, 59, 59),
    datetime(2100, 1, 1),
]


@pytest.mark.parametrize("backend", BACKENDS)
def test_every_row_is_in_exactly_one_day_whatever_its_time(backend, own_db):
    times = [*EDGES, *ODD_TIMES["sqlite" if backend.startswith("sqlite") else "postgresql"]]
    rows = [
        common.dossier(n, f"t{n}", 1, 1, None, "counter", received, None, None, "resolved")
        for n, received in enumerate(times)
    ]
    url = own_db(backend, {"units": [common.DISTRICT], "dossiers": rows})
    engine = readonly_engine(url)
    state = State()
    checked(engine, state, NOW, Level.FULL)
    write(url, backend, [("UPDATE dossiers SET status = 'processing'", {})])  # all open
    assert checked(engine, state, NOW + 5 * MINUTE, Level.QUICK)["due_at_missing"] == len(times)
    write(url, backend, [("UPDATE dossiers SET status = 'resolved', channel = NULL", {})])
    assert checked(engine, state, NOW + 10 * MINUTE, Level.QUICK)["channel_unknown"] == len(times)
    write(url, backend, [("DELETE FROM dossiers WHERE id >= :n", {"n": len(EDGES)})])
    checked(engine, state, NOW + 15 * MINUTE, Level.SWEEP)
    days = {"none", "other", "2000-01-01", "2024-11-05", "2099-12-31"}
    assert set(state.parts["dossiers"]) == days


CHECK_IN_A_NEW_PROCESS = """
import json, sys
from datetime import datetime
from dashboard import quality_check
from dashboard.quality_store import Store
from queries.connection import readonly_engine
url, at = sys.argv[1], datetime.fromisoformat(sys.argv[2])
print(json.dumps(quality_check.check(readonly_engine(url), Store.for_source(url), at)))
"""


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_what_the_audit_kept_survives_a_restart(backend, own_db, tmp_path, monkeypatch):
    monkeypatch.setenv("DASHBOARD_STATE_DIR", str(tmp_path / "state"))
    url = own_db(backend, damaged.ROWS)
    engine = readonly_engine(url)
    assert Store.for_source(url).reading() is None  # never counted: nothing, nothing made
    assert not (tmp_path / "state").exists()
    assert quality_check.check(engine, Store.for_source(url), NOW)

    kept = Store.for_source(url).reading()  # a new store object: read from the file
    assert kept.counts == quality.audit(engine, NOW) and kept.counted_at == NOW
    assert {key: n for key, n in kept.counts.items() if n} == damaged.QUALITY
    assert not quality_check.check(engine, Store.for_source(url), NOW + MINUTE)  # not due

    write(url, backend, DAMAGED_QUICK)
    later = NOW + quality_check.CHECK_EVERY
    done = subprocess.run(
        [sys.executable, "-c", CHECK_IN_A_NEW_PROCESS, url, later.isoformat()],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout) is True
    after = Store.for_source(url).reading()
    # The new process went on from what was kept: a quick check, not a full count.
    assert after.times["full_at"] == NOW and after.counted_at == later
    assert after.counts == quality.audit(engine, later)
    assert after.counts["dossier_id_duplicate"] == 2


def test_a_check_is_due_by_the_age_of_the_last(tmp_path):
    never = {"checked_at": None, "swept_at": None, "full_at": None}
    assert quality_check.level_due(never, NOW) == Level.FULL
    times = {"checked_at": NOW, "swept_at": NOW, "full_at": NOW}
    assert quality_check.level_due(times, NOW + 4 * MINUTE) is None
    assert quality_check.level_due(times, NOW + 5 * MINUTE) == Level.QUICK
    assert quality_check.level_due(times, NOW + timedelta(hours=1)) == Level.SWEEP
    assert quality_check.level_due(times, NOW + timedelta(days=1)) == Level.FULL


def test_one_process_counts_a_source_at_a_time(own_db, tmp_path):
    url = own_db("sqlite", damaged.ROWS)
    store = Store(tmp_path / "audit.sqlite")
    other = Store(tmp_path / "audit.sqlite")
    with store.counting() as mine:
        assert mine
        assert not quality_check.check(readonly_engine(url), other, NOW)  # waits for none
    assert other.reading() is None
    assert quality_check.check(readonly_engine(url), other, NOW)


def test_the_notice_says_when_the_rows_were_counted():
    found = quality.notice(damaged.QUALITY, ("dossiers",), datetime(2024, 11, 20, 7, 5))
    assert "(kiểm tra lúc 07:05 20/11/2024)" in found.summary


def test_a_page_reads_the_last_counts_while_a_check_runs(own_db, tmp_path):
    url = own_db("sqlite", damaged.ROWS)
    engine, store = readonly_engine(url), Store(tmp_path / "audit.sqlite")
    quality_check.check(engine, store, NOW)
    seen = []

    def page_meanwhile(_seconds):  # after each statement of the next check
        seen.append(Store(tmp_path / "audit.sqlite").reading().counted_at)

    assert quality_check.check(engine, store, NOW + timedelta(days=1), page_meanwhile)
    assert seen and set(seen) == {NOW}
    assert store.reading().counted_at == NOW + timedelta(days=1)


def test_the_check_runs_at_the_lowest_priority_on_a_connection_of_its_own(make_db):
    from concurrent.futures import ThreadPoolExecutor

    from queries.connection import background_engine

    def own_priority():
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    before = own_priority()
    with ThreadPoolExecutor(1, initializer=quality_check.lower_priority) as worker:
        assert worker.submit(own_priority).result() == quality_check.LOWEST_PRIORITY
    assert own_priority() == before  # the pages' threads keep theirs
    engine = background_engine(make_db("postgresql", damaged.ROWS, loose=True))
    with engine.connect() as conn:
        settings = "max_parallel_workers_per_gather", "application_name", "transaction_read_only"
        shown = [conn.execute(text(f"SHOW {name}")).scalar_one() for name in settings]
    assert shown == ["0", "onestop-dashboard-audit", "on"]
    assert engine.pool.size() == 1  # never one of the pages' connections
