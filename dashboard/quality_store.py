"""Where the data-quality audit keeps what it counted between restarts: a SQLite file per
source database in the dashboard's own folder (dashboard/own_store.py, `audit/`), never
the one-stop database, which it only reads.

The file holds the last counts and when they were counted (what a page shows, read in a
millisecond), when the last check, sweep and full count started, and what
queries.quality.State needs to count only what changed: each key's settled rows and
problems, the values more than one dossier holds. Written in WAL mode, so that a page
reads the last counts while a check writes the next; one check at a time per source,
across the app's processes (an flock beside the file).
"""

import json
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from dashboard import own_store
from dashboard.own_store import OwnFile
from queries.quality import Part, State
from queries.quality_parts import Tally

FOLDER = "audit"
# Raised whenever what counts as a problem changes: counts kept by an older version are
# counted again in full (the page shows them meanwhile).
VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS parts (
    tab TEXT, key TEXT, live INTEGER, settled TEXT, PRIMARY KEY (tab, key));
CREATE TABLE IF NOT EXISTS shared (
    problem TEXT, value TEXT, key TEXT, rows INTEGER, PRIMARY KEY (problem, value, key));
"""
TIMES = ("checked_at", "swept_at", "full_at")


@dataclass(frozen=True)
class Reading:
    """What a page shows: the counts, when they were counted, and when the store's last
    check, sweep and full count started (queries.quality.State), by the store's version."""

    counts: dict[str, int]
    counted_at: datetime
    times: dict[str, datetime | None]
    version: int


def path_for(url: str) -> Path:
    return own_store.path_for(url, FOLDER)


def _when(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _tally(data: dict) -> Tally:
    units = {column: dict(map(tuple, pairs)) for column, pairs in data["units"].items()}
    return Tally(data["rows"], data["problems"], units)


def _tally_json(tally: Tally) -> str:
    units = {column: list(by_unit.items()) for column, by_unit in tally.units.items()}
    return json.dumps({"rows": tally.rows, "problems": tally.problems, "units": units})


class Store(OwnFile):
    """The audit's file for one source database."""

    @classmethod
    def for_source(cls, url: str) -> "Store":
        return cls(path_for(url), own_store.identity(url))

    def reading(self) -> Reading | None:
        """The last counts, or None before the first count (a file never made: nothing
        is created by asking)."""
        if not self.path.exists():
            return None
        with closing(self._connect()) as conn:
            meta = dict(conn.execute("SELECT name, value FROM meta").fetchall())
        if "counts" not in meta:
            return None
        return Reading(
            json.loads(meta["counts"]),
            datetime.fromisoformat(meta["counted_at"]),
            {name: _when(meta.get(name)) for name in TIMES},
            int(meta.get("version", 0)),
        )

    def load(self) -> State:
        """What the last check left, or an empty State (a first count, or one kept by
        another VERSION: counted again in full)."""
        if not self.path.exists():
            return State()
        with closing(self._connect()) as conn:
            meta = dict(conn.execute("SELECT name, value FROM meta").fetchall())
            if meta.get("version") != str(VERSION):
                return State()
            state = State(**{name: _when(meta.get(name)) for name in TIMES})
            for tab, key, live, settled in conn.execute("SELECT * FROM parts"):
                state.parts.setdefault(tab, {})[key] = Part(_tally(json.loads(settled)), live)
            for problem, value, key, rows in conn.execute("SELECT * FROM shared"):
                by_key = state.shared.setdefault(problem, {}).setdefault(json.loads(value), {})
                by_key[key] = rows
        return state

    def save(self, state: State, counts: dict[str, int], whole: bool) -> None:
        """Keep the counts (as of `state.checked_at`) and what of `state` changed (`whole`:
        all of it, after a full count)."""
        with closing(self._create(SCHEMA)) as conn, conn:
            if whole:
                conn.execute("DELETE FROM parts")
                conn.execute("DELETE FROM shared")
                parts = [(t, k) for t, by_key in state.parts.items() for k in by_key]
                values = [(p, v) for p, by_value in state.shared.items() for v in by_value]
            else:
                parts, values = state.changed_parts, state.changed_values
            for tab, key in parts:
                conn.execute("DELETE FROM parts WHERE tab = ? AND key = ?", (tab, key))
                part = state.parts.get(tab, {}).get(key)
                if part is not None:
                    row = (tab, key, part.live, _tally_json(part.settled))
                    conn.execute("INSERT INTO parts VALUES (?, ?, ?, ?)", row)
            for problem, value in values:
                text = json.dumps(value)
                conn.execute("DELETE FROM shared WHERE problem = ? AND value = ?", (problem, text))
                by_key = state.shared.get(problem, {}).get(value, {})
                rows = [(problem, text, key, n) for key, n in by_key.items()]
                conn.executemany("INSERT INTO shared VALUES (?, ?, ?, ?)", rows)
            meta = {
                "version": str(VERSION),
                "source": self.source,
                "counts": json.dumps(counts),
                "counted_at": state.checked_at.isoformat(),
                **{
                    name: getattr(state, name).isoformat() for name in TIMES if getattr(state, name)
                },
            }
            conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", meta.items())
