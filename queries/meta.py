"""Facts about the data itself: how recent it is, and how far a replica is behind."""

from dataclasses import dataclass
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
# pg_is_wal_replay_paused() fails on a primary: asked only of a standby.
_STANDBY_STATE = text(
    """
    SELECT pg_is_in_recovery() AS standby,
           CASE WHEN pg_is_in_recovery() THEN pg_is_wal_replay_paused() END AS paused,
           pg_last_wal_receive_lsn() - pg_last_wal_replay_lsn() AS unreplayed_bytes,
           (pg_last_wal_receive_lsn() - '0/0'::pg_lsn)
               % current_setting('wal_block_size')::numeric AS received_into_page,
           current_setting('wal_block_size')::int AS wal_block_size,
           EXISTS (SELECT 1 FROM pg_stat_wal_receiver) AS streaming,
           now() - coalesce(pg_last_xact_replay_timestamp(), pg_postmaster_start_time())
               AS behind
    """
)
# Whether replay moves at all: the LSN replayed, read twice a moment apart.
_REPLAYING = text(
    """
    SELECT pg_last_wal_replay_lsn() AS before, pg_sleep(:wait), pg_last_wal_replay_lsn() AS after
    """
)
# WAL waiting while the last transaction replayed is this old may be a replay that is stuck
# (a conflict with a standby query, a full disk), or one busy with a long backlog: replay
# that has not moved for REPLAY_SAMPLE_S tells the two apart.
STALLED_AFTER = timedelta(minutes=1)
REPLAY_SAMPLE_S = 0.2


@dataclass(frozen=True)
class Standby:
    """A hot standby as read at `read_at` (this machine's clock): how far its data is
    behind its primary's, and whether its replay has stopped (paused, or stuck)."""

    behind: timedelta
    stopped: bool
    read_at: datetime

    def behind_at(self, now: datetime) -> timedelta:
        """How far behind at `now`: a standby whose replay has stopped falls behind by
        every second that passes since it was read; one that replays does not."""
        return self.behind + max(now - self.read_at, timedelta(0)) if self.stopped else self.behind


def _replayed(state) -> bool:
    """All the WAL received is replayed, but perhaps the flushed start of one record.

    A primary's WAL writer flushes whole pages only, until a commit asks for more: WAL no
    commit has flushed (a read's hint bits, say) reaches the standby cut at a page's end,
    the rest of its last record held back until something flushes it. Replay waits for
    the whole record, yet nothing committed is missing. Received up to a page's end with
    less than two pages waiting is taken as that; else the age of the last transaction
    replayed would call an idle primary's standby hours behind.
    """
    waiting = state.unreplayed_bytes
    if waiting is None:  # nothing received by streaming
        return False
    return waiting <= 0 or (state.received_into_page == 0 and waiting < 2 * state.wal_block_size)


def _waiting_long(state) -> bool:
    """WAL received and not replayed, the last transaction replayed long ago, not paused."""
    return not state.paused and not _replayed(state) and state.behind >= STALLED_AFTER


def standby(state, replaying: bool | None, read_at: datetime) -> Standby:
    """The standby from what it says of itself (`_STANDBY_STATE`), and `replaying`: whether
    its replay moved while sampled (None when not sampled).

    `behind` is the usual measure, `now() - pg_last_xact_replay_timestamp()`, the age
    of the last transaction replayed (never below zero: the two servers' clocks may
    differ by a little); the time since the standby started when none has been replayed
    since. Zero when it streams from its primary, has replayed all it has received and
    is not paused: on an idle primary the usual measure keeps growing although nothing
    is missing.
    """
    behind = max(state.behind, timedelta(0))
    if state.paused or (_waiting_long(state) and replaying is False):
        return Standby(behind, True, read_at)
    if state.streaming and _replayed(state):
        return Standby(timedelta(0), False, read_at)
    return Standby(behind, False, read_at)


def replica_state(engine: Engine) -> Standby | None:
    """The hot standby behind `engine` (`standby`); None when the database is not one (a
    primary, SQLite)."""
    if engine.dialect.name != "postgresql":
        return None
    read_at = datetime.now()
    with engine.connect() as conn:
        state = conn.execute(_STANDBY_STATE).one()
        if not state.standby:
            return None
        replaying = None
        if _waiting_long(state):
            sample = conn.execute(_REPLAYING, {"wait": REPLAY_SAMPLE_S}).one()
            replaying = sample.after != sample.before
    return standby(state, replaying, read_at)
