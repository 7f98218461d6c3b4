"""The units view's figures from the daily counts the dashboard keeps (queries/cohort_days.py,
dashboard/figures_store.py), never older than the data the page says it shows.

A page first brings the store up to date (a QUICK look: the open dossiers read again, the
days whose rows were received or finished since the last look counted again: tens of
milliseconds when little changed), then answers from it; the "Dữ liệu đến" line is read
before or with the figures, so they are never older than it says. It reads live instead
(queries.cohort, the same figures) while nothing is kept yet, while another process or a
background check holds the store, or for a period outside 2000–2099. The first count
and the hourly and daily deeper looks run in the background, at low priority, beside the
audit's (dashboard/quality_check.py, dashboard/frame/data.py).
"""

import logging
import sqlite3
from datetime import datetime

import pandas as pd
from sqlalchemy.engine import Engine

from dashboard import quality_check
from dashboard.figures_store import Store
from queries import cohort, cohort_days
from queries.period import Period, local_now
from queries.quality_parts import Level

logger = logging.getLogger(__name__)


def store_for(engine: Engine) -> Store:
    return Store.for_source(engine.url.render_as_string(hide_password=False))


def units_and_weeks(engine: Engine, period: Period) -> tuple[pd.DataFrame, ...]:
    """queries.cohort.cohort_units_and_weeks, from the kept counts when they can answer."""
    counts = _kept(engine, period) if cohort_days.answers(period) else None
    if counts is None:
        return cohort.cohort_units_and_weeks(engine, period)
    return cohort.units_and_weeks(engine, period, counts)


def _kept(engine: Engine, period: Period) -> pd.DataFrame | None:
    """The period's counts from the store after a QUICK look, or None (nothing kept, the
    store held by a check, or unreadable: the store is ours, a page goes on without it)."""
    store = store_for(engine)
    try:
        with store.counting() as mine:
            state = store.load() if mine else None
            if state is None or state.checked_at is None:
                return None
            with store.saving(state, whole=False) as keep:
                cohort_days.refresh(engine, state, keep, level=Level.QUICK)
            return store.units_and_weeks(period)
    except (sqlite3.Error, OSError) as error:
        logger.warning("daily figures store unreadable: %s", error)
        return None


def due(store: Store, now: datetime) -> bool:
    """Whether a background check is due: nothing kept yet, or a sweep or full count due
    (quality_check.LEVELS; a QUICK look is each page's own)."""
    times = store.times()
    return times is None or quality_check.level_due(times, now) not in (None, Level.QUICK)


def check(engine: Engine, store: Store, now: datetime | None = None, pause=None) -> bool:
    """The first count, or the sweep or full count due, kept; whether this call counted
    (not when another process or a page holds the store, or nothing deeper is due)."""
    with store.counting() as mine:
        if not mine:
            return False
        state = store.load()
        at = now or local_now()
        level = quality_check.state_level(state, at)
        if level in (None, Level.QUICK):
            return False
        with store.saving(state, whole=level == Level.FULL) as keep:
            cohort_days.refresh(engine, state, keep, at, level, pause)
        return True
