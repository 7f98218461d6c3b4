"""Facts about the data itself: how recent it is."""

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from queries.contract import dossiers


def data_as_of(engine: Engine) -> datetime | None:
    """The latest moment the data knows of: the last receipt or finish; None when empty."""
    query = select(func.max(dossiers.c.received_at), func.max(dossiers.c.finished_at))
    with engine.connect() as conn:
        latest = [value for value in conn.execute(query).one() if value is not None]
    return max(latest) if latest else None
