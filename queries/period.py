"""A reporting period: two dates, both included (data-contract.md)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import literal

from dashboard.contract import Timestamp


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError(f"period ends ({self.end}) before it starts ({self.start})")

    @property
    def start_at(self) -> datetime:
        return datetime.combine(self.start, time())

    @property
    def as_of(self) -> datetime:
        """Midnight after the last day: states are taken as of this instant."""
        return datetime.combine(self.end + timedelta(days=1), time())

    def bind_start(self):
        return literal(self.start_at, Timestamp())

    def bind_as_of(self):
        return literal(self.as_of, Timestamp())
