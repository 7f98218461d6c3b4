"""What reaches the database: every statement any SQLAlchemy engine of this process runs.

`Recorder().install()` listens on the Engine class (before/after_cursor_execute), so
engines made later (the app's own, in a Streamlit script thread) are counted too.
For each statement: its SQL text, seconds from the driver's execute to its return
(psycopg fetches the whole result inside execute, so this is the server's time plus
the transfer) and the rows it returned (cursor.rowcount after a SELECT, 0 otherwise).
`--counted` servers for the load test write one line per statement to a file
instead (see `count_to_file`). Used by benchmarks/scale.py and benchmarks/load.py.
"""

import os
import threading
from dataclasses import dataclass, field
from time import perf_counter, sleep

from sqlalchemy import event
from sqlalchemy.engine import Engine

# The data-quality audit's statements (queries/quality.py) run in the app's background
# thread of that name (dashboard/frame/data.py, _auditor).
AUDIT_THREAD = "audit"
CATALOG_MARKS = ("pg_catalog", "pg_class", "pg_roles")


def _in_audit_thread() -> bool:
    return threading.current_thread().name.startswith(AUDIT_THREAD)


@dataclass
class Statement:
    sql: str
    seconds: float
    rows: int
    background: bool = field(default_factory=lambda: _in_audit_thread())

    @property
    def kind(self) -> str:
        if self.background:
            return "quality"
        if any(mark in self.sql for mark in CATALOG_MARKS):
            return "catalog"
        return "figures"


@dataclass
class Recorder:
    statements: list[Statement] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    running: dict = field(default_factory=dict)  # (connection, cursor) ids -> start
    failed: int = 0

    def install(self) -> "Recorder":
        event.listen(Engine, "before_cursor_execute", self._before)
        event.listen(Engine, "after_cursor_execute", self._after)
        event.listen(Engine, "handle_error", self._failed)
        return self

    def reset(self) -> None:
        with self.lock:
            self.statements = []

    def _before(self, conn, cursor, statement, parameters, context, executemany):
        started = perf_counter()
        with self.lock:
            # Catalog reads that raise (SQLAlchemy's reflection run from several threads
            # at once: "cannot adapt type 'Select'") may never report back: not waited for.
            if not any(mark in statement for mark in CATALOG_MARKS):
                self.running[(id(conn), id(cursor))] = started
        conn.info.setdefault("bench_started", []).append(started)

    def _after(self, conn, cursor, statement, parameters, context, executemany):
        seconds = perf_counter() - conn.info["bench_started"].pop()
        rows = cursor.rowcount if cursor.description is not None else 0
        with self.lock:
            self.running.pop((id(conn), id(cursor)), None)
            self.statements.append(Statement(statement, seconds, max(rows, 0)))

    def _failed(self, context):
        """A statement that raised: no longer running, counted with its time."""
        conn, cursor = context.connection, context.cursor
        if conn is None or cursor is None:
            return
        with self.lock:
            started = self.running.pop((id(conn), id(cursor)), None)
        if started is None:
            return
        stack = conn.info.get("bench_started")
        if stack:
            stack.pop()
        with self.lock:
            self.failed += 1
            self.statements.append(Statement(context.statement or "", perf_counter() - started, 0))

    def wait_idle(self, since: float, timeout_s: float = 60) -> float:
        """Wait until no statement started after `since` (perf_counter) is still running (a
        page may leave one in a background thread: the data-quality audit); the seconds
        waited. A statement that failed never reports back: the timeout ends the wait."""
        started = perf_counter()
        while perf_counter() - started < timeout_s:
            with self.lock:
                if not any(t >= since for t in self.running.values()):
                    break
            sleep(0.05)
        return perf_counter() - started

    def summary(self, slowest: int = 3) -> dict:
        """Counts and milliseconds of what was recorded since the last reset."""
        with self.lock:
            done = list(self.statements)
        by_kind = {}
        for kind in ("figures", "quality", "catalog"):
            of_kind = [s for s in done if s.kind == kind]
            by_kind[kind] = {
                "statements": len(of_kind),
                "sql_ms": 1000 * sum(s.seconds for s in of_kind),
            }
        top = sorted(done, key=lambda s: s.seconds, reverse=True)[:slowest]
        return {
            "statements": len(done),
            "failed": self.failed,
            "sql_ms": 1000 * sum(s.seconds for s in done),
            "fetched_rows": sum(s.rows for s in done),
            "by_kind": by_kind,
            "slowest": [
                {"ms": 1000 * s.seconds, "rows": s.rows, "sql": " ".join(s.sql.split())[:160]}
                for s in top
            ],
        }


def count_to_file(path: str) -> None:
    """Append one line per statement run by this process to `path` (O_APPEND: safe across
    threads); the load test counts the lines."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)

    def after(conn, cursor, statement, parameters, context, executemany):
        os.write(fd, b"1\n")

    event.listen(Engine, "after_cursor_execute", after)
