"""A reporting period: two dates, both included (data-contract.md)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo


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


def week_of(day: date, last_day: date) -> Period:
    """The ISO week containing `day`, cut at `last_day` (the last day of data) if sooner."""
    monday = day - timedelta(days=day.weekday())
    return Period(monday, min(monday + timedelta(days=6), last_day))


def last_complete_week(last_day: date) -> Period:
    """The latest Monday-to-Sunday week that the data covers to its end."""
    sunday = last_day - timedelta(days=(last_day.weekday() + 1) % 7)
    return week_of(sunday, last_day)


def midnight(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time())


def week_before(week: Period) -> Period:
    """The same days one week earlier (a whole week for a whole week)."""
    return Period(week.start - timedelta(days=7), week.end - timedelta(days=7))


LOCAL_ZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def local_now() -> datetime:
    """Now, as the contract's timestamps are written: local time of the district, no zone
    (a server kept on UTC would otherwise put "now" seven hours back)."""
    return datetime.now(LOCAL_ZONE).replace(tzinfo=None)
