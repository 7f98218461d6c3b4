"""Facts about the data itself: how recent it is, and how far a replica is behind."""

from datetime import datetime, timedelta

from sqlalchemy import func, select, text
from sqlalchemy.engine import Engine

from queries.contract import dossiers
from queries.dialect import moment
from queries.period import local_now


def data_as_of(engine: Engine, now: datetime | None = None) -> datetime | None:
    """The latest moment the data knows of, never later than `now` (default: the current
    local time): the last receipt or finish before it; None when there is none.

    A timestamp in the future is a data error (queries.quality counts it); it must not
    move every page's default period. Each `max(x) where x < now` walks one index
    backwards from `now` (ix_dossiers_received_at, ix_dossiers_finished_at).
    """
    before = moment(now or local_now())
    latest = [
        select(func.max(column)).where(column < before).scalar_subquery()
        for column in (dossiers.c.received_at, dossiers.c.finished_at)
    ]
    with engine.connect() as conn:
        found = [value for value in conn.execute(select(*latest)).one() if value is not None]
    return max(found) if found else None


def last_receipt_before(engine: Engine, before: datetime) -> datetime | None:
    """The latest receipt strictly before `before` (one step back along
    ix_dossiers_received_at); None when nothing was received before it."""
    query = select(func.max(dossiers.c.received_at)).where(dossiers.c.received_at < moment(before))
    with engine.connect() as conn:
        return conn.execute(query).scalar()


# One round trip; every function here may be called by any role (no superuser needed).
# A WAL receiver appears in pg_stat_wal_receiver (its pid, for any role) only while it runs.
_STANDBY_STATE = text(
    """
    SELECT pg_is_in_recovery() AS standby,
           pg_last_wal_replay_lsn() >= pg_last_wal_receive_lsn() AS replayed,
           EXISTS (SELECT 1 FROM pg_stat_wal_receiver) AS streaming,
           now() - coalesce(pg_last_xact_replay_timestamp(), pg_postmaster_start_time())
               AS behind
    """
)


def replica_lag(engine: Engine) -> timedelta | None:
    """How far a hot standby's data is behind its primary; None when the database is not a
    standby (a primary, SQLite).

    `timedelta(0)` when the standby streams from its primary and has replayed all it has
    received: the usual measure, `now() - pg_last_xact_replay_timestamp()`, keeps growing
    on an idle primary although nothing is missing. Otherwise (WAL received and not yet
    replayed, or no connection to the primary) that measure: the age of the last
    transaction replayed (never below zero: the two servers' clocks may differ by a
    little). When no transaction has been replayed since the standby started, the time
    since it started: nothing tells its data's age better.
    """
    if engine.dialect.name != "postgresql":
        return None
    with engine.connect() as conn:
        state = conn.execute(_STANDBY_STATE).one()
    if not state.standby:
        return None
    if state.streaming and state.replayed:
        return timedelta(0)
    return max(state.behind, timedelta(0))
