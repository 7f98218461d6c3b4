"""A file of the dashboard's own per source database, in its own folder
(dashboard.state_dir): the audit's counts (dashboard/quality_store.py), the daily figures
(dashboard/figures_store.py). Never the one-stop database, which it only reads.

SQLite in WAL mode, so that a page reads while a check writes; one check at a time per
source and file, across the app's processes (an flock beside the file).
"""

import fcntl
import hashlib
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from dashboard.state_dir import state_dir
from queries.connection import normalize_url


def identity(url: str) -> str:
    """The source as the store names it: its URL without password or query string."""
    return normalize_url(url).set(password=None, query={}).render_as_string()


def path_for(url: str, folder: str) -> Path:
    digest = hashlib.sha256(identity(url).encode()).hexdigest()[:24]
    return state_dir() / folder / f"{digest}.sqlite"


class OwnFile:
    """The file at `path`, kept for the source named `source`."""

    def __init__(self, path: Path, source: str = ""):
        self.path = path
        self.source = source

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=30)
        conn.execute("PRAGMA busy_timeout = 30000")
        return conn

    def _create(self, schema: str) -> sqlite3.Connection:
        """A connection to the file, made if need be, in WAL mode, with `schema`."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = self._connect()
        conn.execute("PRAGMA journal_mode = WAL")
        conn.executescript(schema)
        return conn

    @contextmanager
    def counting(self) -> Iterator[bool]:
        """Whether this process may count now: True while it holds the source's lock,
        False when another process (or thread) is counting."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.with_suffix(".lock").open("a") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False
                return
            yield True  # released when the file closes
