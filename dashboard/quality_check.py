"""When and how the data-quality audit counts: from what it kept (dashboard/quality_store.py),
only what changed (queries/quality.py), in the background at low priority; a page shows
the last counts and never waits for them (dashboard/frame/data.py).

A check is due CHECK_EVERY (a page's cached figures are as old); every SWEEP_EVERY it
also compares every day's number of rows; every FULL_EVERY, or when the store was kept by
another version, it counts everything again (a row changed in place, which no index
tells). The thread that counts runs at the lowest CPU priority (Linux: a thread's own
nice value) and rests after each statement as long as the statement took, so that it
takes at most half of one core; on PostgreSQL its session uses no parallel workers
(queries.connection.background_engine): the server's own process cannot be reniced from
here.
"""

import os
import sys
import threading
import time
from datetime import datetime, timedelta

from sqlalchemy.engine import Engine

from dashboard import quality
from dashboard.quality_store import VERSION, Reading, Store
from queries.period import local_now
from queries.quality import Level, refresh

CHECK_EVERY = timedelta(minutes=5)
SWEEP_EVERY = timedelta(hours=1)
FULL_EVERY = timedelta(hours=24)
LEVELS = ((Level.FULL, "full_at", FULL_EVERY), (Level.SWEEP, "swept_at", SWEEP_EVERY))
# A statement's time rested after it (at most MAX_REST_S): the pages' statements go first.
REST = 1.0
MAX_REST_S = 2.0
LOWEST_PRIORITY = 19


def level_due(times: dict[str, datetime | None], now: datetime) -> Level | None:
    """The check due at `now` after the check, sweep and full count started at `times`
    (None: never), or None."""
    for level, name, every in LEVELS:
        if times.get(name) is None or now - times[name] >= every:
            return level
    checked = times.get("checked_at")
    return Level.QUICK if checked is None or now - checked >= CHECK_EVERY else None


def due(reading: Reading | None, now: datetime) -> bool:
    """Whether a page should start a check: none yet, another version's, or one due."""
    if reading is None or reading.version != VERSION:
        return True
    return level_due(reading.times, now) is not None


def state_level(state, at: datetime) -> Level | None:
    """The check due at `at` for a kept state (its `checked_at`, `swept_at`, `full_at`)."""
    times = {name: getattr(state, name) for name in ("checked_at", "swept_at", "full_at")}
    return level_due(times, at)


def check(engine: Engine, store: Store, now: datetime | None = None, pause=None) -> bool:
    """Count what is due and keep it, unless another process is counting or has just
    counted; whether this call counted. `pause(seconds)` follows every statement."""
    with store.counting() as mine:
        if not mine:
            return False
        state = store.load()
        at = now or local_now()
        level = state_level(state, at)
        if level is None:
            return False
        counts = refresh(engine, state, at, level, pause) | quality.names_cleaned(engine)
        store.save(state, counts, whole=level == Level.FULL)
        return True


def lower_priority() -> None:
    """The calling thread at the lowest CPU priority. Linux only, where a thread's id
    names that thread alone; elsewhere it would name a process, so nothing is changed."""
    if sys.platform.startswith("linux"):
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), LOWEST_PRIORITY)
        except OSError:
            pass


def rest(seconds: float) -> None:
    time.sleep(min(seconds * REST, MAX_REST_S))
