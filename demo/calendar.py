"""Working time of the one-stop offices, vectorised over numpy arrays.

Timestamps are int64 seconds since 1970-01-01 (local time, no zone). Working
days are Monday to Friday except the fixed public holidays and about a week
around Tết; working hours are 07:00-17:00. "Working seconds" (`ws`) count only
working time since the calendar's first day, which turns "N working days later"
and "a random moment of office hours between a and b" into plain arithmetic.
"""

from datetime import date, timedelta

import numpy as np

from demo.reference import FIXED_HOLIDAYS, TET

DAY = 86_400
OPEN = 7 * 3600  # offices open at 07:00
CLOSE = 17 * 3600  # and close at 17:00
SPAN = CLOSE - OPEN  # working seconds in a working day
TET_OFF = range(-2, 5)  # from two days before the first day of Tết to four days after


def tet_days() -> set[date]:
    return {tet + timedelta(days=k) for tet in TET for k in TET_OFF}


def holidays(first_year: int, last_year: int) -> set[date]:
    fixed = {date(y, m, d) for y in range(first_year, last_year + 1) for m, d in FIXED_HOLIDAYS}
    return fixed | tet_days()


def to_seconds(day: date) -> int:
    return (day - date(1970, 1, 1)).days * DAY


class WorkCalendar:
    """Working days from `first` to `last` (both included)."""

    def __init__(self, first: date, last: date):
        self.first = first
        self.days = (
            np.arange(first.toordinal(), last.toordinal() + 1) - date(1970, 1, 1).toordinal()
        )
        off = {to_seconds(d) // DAY for d in holidays(first.year, last.year)}
        weekday = (self.days + 3) % 7  # 1970-01-01 was a Thursday; Monday = 0
        self.working = (weekday < 5) & ~np.isin(self.days, list(off))
        self.weekday = weekday
        # Working days up to and including each day.
        self.worked = np.cumsum(self.working)
        self.work_days = self.days[self.working]
        self.end_ws = int(self.worked[-1]) * SPAN

    def index(self, t: np.ndarray) -> np.ndarray:
        """Index into `days` of the day each timestamp falls on."""
        return t // DAY - self.days[0]

    def ws(self, t: np.ndarray) -> np.ndarray:
        """Working seconds from the calendar's start to each timestamp (clipped to the calendar)."""
        t = np.clip(t, self.days[0] * DAY, self.days[-1] * DAY)
        i = self.index(t)
        into_day = np.clip(t % DAY - OPEN, 0, SPAN)
        before = self.worked[i] - self.working[i]
        return before * SPAN + np.where(self.working[i], into_day, 0)

    def from_ws(self, ws: np.ndarray) -> np.ndarray:
        """The timestamp at a working-second count (a boundary maps to 07:00 of the next day)."""
        k, rest = np.divmod(ws, SPAN)
        return self.work_days[k] * DAY + OPEN + rest

    def nth_working_day(self, t: np.ndarray, n: np.ndarray) -> np.ndarray:
        """Midnight of the n-th working day after the day of `t` (n >= 1)."""
        return self.work_days[self.worked[self.index(t)] + n - 1] * DAY

    def moment_between(self, rng, low_ws, high_ws, shape=1.0, skew=1.0) -> np.ndarray:
        """A moment of office hours in [low, high) working seconds, Beta(shape, skew) placed."""
        fraction = rng.beta(shape, skew, size=len(low_ws))
        span = np.maximum(high_ws - low_ws, 1)
        offset = np.minimum(np.floor(fraction * span).astype(np.int64), span - 1)
        return self.from_ws(low_ws + offset)
