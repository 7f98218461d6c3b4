"""Facts about the data itself: how recent it is."""

from datetime import datetime

from sqlalchemy import func, select
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
