"""Where the dashboard keeps the cohort's daily counts (queries/cohort_days.py): a SQLite
file per source database in its own folder (dashboard/own_store.py, `figures/`), never the
one-stop database, which it only reads.

The file holds the kept rows by key (`days`), each key's numbers of settled and live rows
as counted (`parts`), the open dossiers' rows as last read (`live`) and when the last
refresh, sweep and full count started (`meta`). The units view's counts are one
statement over `days` and `live` together (queries.cohort_days.cohort_sql). Plain tables
of integers and text: a PostgreSQL schema of the dashboard's own could hold the same.
"""

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import datetime

import pandas as pd

from dashboard import own_store
from dashboard.own_store import OwnFile
from queries.cohort_days import COLUMNS, Daily, Keep, bounds, cohort_sql
from queries.period import Period
from queries.quality_parts import Part, Tally

FOLDER = "figures"
# Raised whenever what a kept row holds changes: rows kept by an older version are counted
# again in full (the pages read live meanwhile).
VERSION = 1
_TEXT = ("r", "week", "f", "d")
_ROW = ", ".join(f"{name} {'TEXT' if name in _TEXT else 'INTEGER'}" for name in COLUMNS)
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS parts (key TEXT PRIMARY KEY, settled INTEGER, live INTEGER);
CREATE TABLE IF NOT EXISTS days (key TEXT, {_ROW});
CREATE INDEX IF NOT EXISTS days_key ON days (key);
CREATE INDEX IF NOT EXISTS days_r ON days (r);
CREATE TABLE IF NOT EXISTS live ({_ROW});
"""
TIMES = ("checked_at", "swept_at", "full_at")
_PLACES = ", ".join("?" for _ in COLUMNS)


def _when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


class Store(OwnFile):
    """The daily figures' file for one source database."""

    @classmethod
    def for_source(cls, url: str) -> "Store":
        return cls(own_store.path_for(url, FOLDER), own_store.identity(url))

    def _meta(self, conn: sqlite3.Connection) -> dict[str, str]:
        try:
            return dict(conn.execute("SELECT name, value FROM meta").fetchall())
        except sqlite3.OperationalError:  # made by another process, not written yet
            return {}

    def times(self) -> dict[str, datetime | None] | None:
        """When the last refresh, sweep and full count started; None when nothing of this
        VERSION is kept (a file never made: nothing is created by asking)."""
        if not self.path.exists():
            return None
        with closing(self._connect()) as conn:
            meta = self._meta(conn)
        if meta.get("version") != str(VERSION):
            return None
        return {name: _when(meta.get(name)) for name in TIMES}

    def load(self) -> Daily:
        """What the last refresh left (without the rows, which stay in the file), or an
        empty Daily (nothing kept yet, or kept by another VERSION)."""
        times = self.times()
        if times is None:
            return Daily()
        state = Daily(**times)
        with closing(self._connect()) as conn:
            for key, settled, live in conn.execute("SELECT key, settled, live FROM parts"):
                state.parts[key] = Part(Tally(settled), live)
        return state

    @contextmanager
    def saving(self, state: Daily, whole: bool) -> Iterator[Keep]:
        """Keep what a refresh of `state` reads (`whole`: all there is, after a full count)
        in one transaction, so that a reader sees the last refresh or this one: the `keep`
        yielded puts the rows of each key counted again in place of its old ones as the
        refresh hands them over; on leaving, the parts, the open dossiers' rows and the
        times of `state` are written. Nothing is written when the refresh fails."""
        with closing(self._create(SCHEMA)) as conn, conn:
            if whole:
                conn.execute("DELETE FROM days")
                conn.execute("DELETE FROM parts")

            def keep(changed: dict[str, list[tuple]]) -> None:
                for key, found in changed.items():
                    conn.execute("DELETE FROM days WHERE key = ?", (key,))
                    kept = [(key, *row) for row in found]
                    conn.executemany(f"INSERT INTO days VALUES (?, {_PLACES})", kept)

            yield keep
            for key in state.parts.keys() if whole else state.changed:
                conn.execute("DELETE FROM parts WHERE key = ?", (key,))
                if (part := state.parts.get(key)) is not None:
                    row = (key, part.settled.rows, part.live)
                    conn.execute("INSERT INTO parts VALUES (?, ?, ?)", row)
            conn.execute("DELETE FROM live")
            conn.executemany(f"INSERT INTO live VALUES ({_PLACES})", state.live)
            meta = {
                "version": str(VERSION),
                "source": self.source,
                **{name: when.isoformat() for name in TIMES if (when := getattr(state, name))},
            }
            conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", meta.items())

    def units_and_weeks(self, period: Period) -> pd.DataFrame:
        """The units view's counts of `period` from the kept rows (queries.cohort_days)."""
        every = f"(SELECT {', '.join(COLUMNS)} FROM days UNION ALL SELECT * FROM live)"
        with closing(self._connect()) as conn:
            return pd.read_sql(cohort_sql(every), conn, params=bounds(period))
