"""A reporting period: two dates, both included (data-contract.md)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Date, literal

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

    @classmethod
    def iso_week(cls, year: int, week: int) -> "Period":
        """Monday to Sunday of an ISO week."""
        monday = date.fromisocalendar(year, week, 1)
        return cls(monday, monday + timedelta(days=6))

    @classmethod
    def month(cls, year: int, month: int) -> "Period":
        first = date(year, month, 1)
        following = date(year + month // 12, month % 12 + 1, 1)
        return cls(first, following - timedelta(days=1))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> "Period":
        if not 1 <= quarter <= 4:
            raise ValueError(f"no quarter {quarter}")
        first = cls.month(year, 3 * quarter - 2)
        return cls(first.start, cls.month(year, 3 * quarter).end)

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(date(year, 1, 1), date(year, 12, 31))


def on_or_before(column, day: date):
    """`column <= day` for a date column, whether a date is stored bare or with a time.

    Written as `< next day`: on SQLite, `2022-03-31 00:00:00` (as some tools
    store a date) sorts after `2022-03-31` and would be missed by `<=`.
    """
    return column < literal(day + timedelta(days=1), Date())
