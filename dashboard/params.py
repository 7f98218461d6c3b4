"""A page's URL query parameters, read safely: valid values, or a default and a plain message.

Links carry filters (`?unit=CTA-MN&state=overdue&start=2022-03-01&end=2022-03-31`)
so a view can be shared and the overview can point into another one. Anything
can arrive there: an unknown code, 30 February, a page of -1 or 10^12, quotes
and semicolons. `QueryParams` turns each parameter into a value the page can
use and collects, in Vietnamese, what it had to correct (`problems`). Nothing
here raises on bad input and nothing here touches the database: codes are
checked against the lists the page passes in, and are bound as parameters by
the queries anyway.
"""

import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date

from dashboard import fmt
from queries.period import Period

EARLIEST_DATE = date(1990, 1, 1)
LATEST_DATE = date(2100, 12, 31)
MAX_SHOWN = 40
_INTEGER = re.compile(r"[+-]?[0-9]+")
_DAY_FIRST = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
_ISO_WEEK = re.compile(r"([0-9]{4})-?[Ww]([0-9]{1,2})")


def shown(value: str) -> str:
    """A received value, cut short and made inert, quoted as code for a message (Markdown)."""
    text = "".join(ch for ch in value if not unicodedata.category(ch).startswith("C"))
    text = text.replace("`", "'")
    if len(text) > MAX_SHOWN:
        text = text[:MAX_SHOWN] + "…"
    return f"`{text}`"


def parse_date(text: str) -> date | None:
    """`2022-03-31` or `31/03/2022` → a date between 1990 and 2100; anything else → None."""
    text = text.strip()
    match = _DAY_FIRST.fullmatch(text)
    try:
        if match:
            day, month, year = (int(part) for part in match.groups())
            value = date(year, month, day)
        elif re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
            value = date.fromisoformat(text)
        else:
            return None
    except ValueError:
        return None
    return value if EARLIEST_DATE <= value <= LATEST_DATE else None


def parse_week(text: str) -> Period | None:
    """`2024-W45` (or `2024W45`, `2024-w45`) → Monday to Sunday of that ISO week, between
    1990 and 2100; anything else → None."""
    match = _ISO_WEEK.fullmatch(text.strip())
    if not match:
        return None
    try:
        week = Period.iso_week(int(match[1]), int(match[2]))
    except (ValueError, OverflowError):  # week 0, week 53 of a year of 52, year 9999's end
        return None
    return week if EARLIEST_DATE <= week.start and week.end <= LATEST_DATE else None


def week_param(week: Period) -> str:
    """The ISO week of `week` as a URL or command-line value: `2024-W45`."""
    iso = week.start.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


# The units switch (dashboard.unit_reading), the same on every page that lists units: absent
# for the default, by today's units.
UNITS_PARAM = "don-vi"
UNITS_VALUES = {"current": "hien-nay", "recorded": "ghi-nhan"}


def units_query(reading: str) -> dict[str, str]:
    """What a link carries of the reading `reading`, so the page it opens reads the same:
    nothing by today's units (the default), `don-vi=ghi-nhan` as recorded."""
    return {} if reading == "current" else {UNITS_PARAM: UNITS_VALUES[reading]}


class QueryParams:
    """Typed, validated access to a mapping of query parameters (e.g. `st.query_params`)."""

    def __init__(self, raw: Mapping[str, str | list[str]]):
        self._raw = raw
        self.problems: list[str] = []

    def text(self, name: str) -> str | None:
        """The parameter as given (the last one if repeated), stripped; None if absent or empty."""
        value = self._raw.get(name)
        if isinstance(value, list | tuple):
            value = value[-1] if value else None
        if value is None:
            return None
        value = str(value).strip()
        return value or None

    def choice(
        self,
        name: str,
        allowed: Iterable[str],
        label: str,
        default: str | None = None,
        default_label: str = "tất cả",
    ) -> str | None:
        """One of `allowed` (exactly), else `default` with a message naming `label`."""
        value = self.text(name)
        if value is None:
            return default
        if value in set(allowed):
            return value
        self.problems.append(
            f"Không có {label} {shown(value)} trong dữ liệu; đang hiển thị {default_label}."
        )
        return default

    def units(self) -> str:
        """The reading of units the URL asks for (`don-vi=ghi-nhan`: as recorded), by today's
        units when absent or unknown (with a message)."""
        value = self.choice(
            UNITS_PARAM,
            UNITS_VALUES.values(),
            "cách tính đơn vị",
            UNITS_VALUES["current"],
            "theo đơn vị hiện nay",
        )
        return next(key for key, shown_ in UNITS_VALUES.items() if shown_ == value)

    def integer(self, name: str, label: str, minimum: int, maximum: int, default: int) -> int:
        """A whole number in [minimum, maximum]: clamped if outside, the default if not a number."""
        value = self.text(name)
        if value is None:
            return default
        if not _INTEGER.fullmatch(value):
            self.problems.append(
                f"{label.capitalize()} {shown(value)} không phải là số; dùng {fmt.number(default)}."
            )
            return default
        number = int(value) if len(value) <= 20 else (maximum + 1 if value[0] != "-" else -1)
        clamped = min(max(number, minimum), maximum)
        if clamped != number:
            self.problems.append(
                f"{label.capitalize()} {shown(value)} nằm ngoài khoảng {fmt.number(minimum)}–"
                f"{fmt.number(maximum)}; dùng {fmt.number(clamped)}."
            )
        return clamped

    def _date(self, name: str, default: date) -> tuple[date, bool]:
        value = self.text(name)
        if value is None:
            return default, False
        parsed = parse_date(value)
        if parsed is None:
            self.problems.append(
                f"Ngày {shown(value)} không hợp lệ (cần dạng 2022-03-31 hoặc 31/03/2022, "
                f"từ năm {EARLIEST_DATE.year} đến {LATEST_DATE.year}); dùng {fmt.date(default)}."
            )
            return default, False
        return parsed, True

    def week(self, name: str, default: Period) -> Period:
        """An ISO week (`2024-W45`); a missing one takes the default, a bad one too, with a
        message."""
        value = self.text(name)
        if value is None:
            return default
        week = parse_week(value)
        if week is None:
            self.problems.append(
                f"Tuần {shown(value)} không hợp lệ (cần dạng 2024-W45); "
                f"dùng {fmt.week_of(default.start)}."
            )
            return default
        return week

    def day(self, name: str, default: date) -> date:
        """One date; a missing one takes the default, a bad one too, with a message."""
        return self._date(name, default)[0]

    def period(self, default: Period, start: str = "start", end: str = "end") -> Period:
        """The period from two dates; a missing or bad date takes the default's.

        A reversed pair that was given as such is swapped; a given date that
        falls on the wrong side of a defaulted one makes the period that single day.
        """
        first, first_given = self._date(start, default.start)
        last, last_given = self._date(end, default.end)
        if first <= last:
            return Period(first, last)
        if first_given and last_given:
            self.problems.append(
                f"Ngày bắt đầu ({fmt.date(first)}) sau ngày kết thúc ({fmt.date(last)}); "
                "đã đổi chỗ hai ngày."
            )
            return Period(last, first)
        day = first if first_given else last
        return Period(day, day)


def encode(values: Mapping[str, object], defaults: Mapping[str, object]) -> dict[str, str]:
    """Query parameters for `values`, leaving out None and whatever equals its default.

    Dates are written `2022-03-31`, everything else with `str`.
    """
    encoded = {}
    for name, value in values.items():
        if value is None or (name in defaults and defaults[name] == value):
            continue
        encoded[name] = value.isoformat() if isinstance(value, date) else str(value)
    return encoded
