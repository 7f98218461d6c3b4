"""The few places SQLite and PostgreSQL differ, compiled per dialect.

SQLite keeps timestamps as ISO text with or without a fraction of a second;
PostgreSQL as `timestamp`. These constructs make both give the same answers.
"""

from datetime import date, datetime, timedelta

from psycopg import DataError
from psycopg.types.datetime import TimestampLoader, TimestamptzLoader
from sqlalchemy import Boolean, Date, Integer, literal
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import String

from queries.contract import Timestamp


def moment(value: datetime):
    """A bound timestamp, in the form the dialect compares exactly with the contract's columns."""
    return literal(value, Timestamp())


def on_or_before(column, day: date):
    """`column <= day` for a date column, whether a date is stored bare or with a time.

    Written as `< next day`: on SQLite, `2022-03-31 00:00:00` (as some tools
    store a date) sorts after `2022-03-31` and would be missed by `<=`.
    """
    return column < literal(day + timedelta(days=1), Date())


class _NoneForNoTime:
    """psycopg reads `infinity`, `-infinity` and years BC as an error ("timestamp too
    large"), failing the whole list: they are read as no time (queries.quality counts them;
    SQLite's text: queries.contract.Timestamp)."""

    def load(self, data):
        try:
            return super().load(data)
        except DataError:
            return None


class _Timestamp(_NoneForNoTime, TimestampLoader):
    pass


class _Timestamptz(_NoneForNoTime, TimestamptzLoader):
    pass


def read_no_time_as_none(connection) -> None:
    """Register the loaders above on a new psycopg connection."""
    connection.adapters.register_loader("timestamp", _Timestamp)
    connection.adapters.register_loader("timestamptz", _Timestamptz)


class comparable_ts(FunctionElement):
    """A timestamp two columns can be compared on (`<=`, `>`) exactly.

    On SQLite, `…:00` and `…:00.000` are the same instant but different text;
    both are padded to `YYYY-MM-DD HH:MM:SS.ffffff`.
    """

    type = String()
    inherit_cache = True


class day_of(FunctionElement):
    """The calendar day of a timestamp."""

    type = Date()
    inherit_cache = True


class day_text(FunctionElement):
    """A timestamp as text that sorts against a day's text `YYYY-MM-DD` as the timestamp
    sorts against that day's midnight (`t < moment(day)`), for the days of 2000–2099: its
    day, or on SQLite the day before for a bare date (text `2024-03-06` sorts before
    `2024-03-06 00:00:00`). For the dashboard's kept daily counts (queries/cohort_days.py)."""

    type = String()
    inherit_cache = True


class week_start(FunctionElement):
    """The Monday of the ISO week a timestamp falls in."""

    type = Date()
    inherit_cache = True


class month_start(FunctionElement):
    """The first day of the month a timestamp falls in."""

    type = Date()
    inherit_cache = True


class bucket_end(FunctionElement):
    """Midnight after the last day of the week or month a timestamp falls in."""

    type = Timestamp()
    inherit_cache = True

    def __init__(self, column, freq: str):
        if freq not in ("week", "month"):
            raise ValueError(f"unknown frequency {freq!r}")
        self.freq = freq
        super().__init__(column)


class earliest(FunctionElement):
    """The smaller of two timestamps (LEAST / scalar MIN)."""

    type = Timestamp()
    inherit_cache = True


class days_between(FunctionElement):
    """Calendar days from the day of the first value to the day of the second (an integer).

    Either value may be a timestamp column or a bound date or timestamp; the
    times of day are ignored, so 10/03 17:00 to 11/03 08:00 is 1 day. NULL when either
    is infinite (PostgreSQL cannot subtract it; SQLite's text `infinity` is no day).
    """

    type = Integer()
    inherit_cache = True


class finite(FunctionElement):
    """The timestamp is a time: neither PostgreSQL's `infinity` nor `-infinity` (on SQLite,
    that text), which sort after and before every time; NULL for NULL."""

    type = Boolean()
    inherit_cache = True


class has_zone(FunctionElement):
    """The timestamp carries a time zone: on SQLite, text after the seconds with a `+`, `-`
    or `Z`; on PostgreSQL, a column of type `timestamptz` (a `timestamp` cannot hold one)."""

    type = Boolean()
    inherit_cache = True


def _arg(compiler, element, index=0, **kw):
    return compiler.process(list(element.clauses)[index], **kw)


@compiles(comparable_ts)
def _pg_comparable_ts(element, compiler, **kw):
    return _arg(compiler, element, **kw)


@compiles(comparable_ts, "sqlite")
def _sqlite_comparable_ts(element, compiler, **kw):
    x = _arg(compiler, element, **kw)
    return f"substr(CASE WHEN length({x}) = 19 THEN {x} || '.' ELSE {x} END || '000000', 1, 26)"


@compiles(day_of)
def _pg_day_of(element, compiler, **kw):
    return f"CAST({_arg(compiler, element, **kw)} AS DATE)"


@compiles(day_of, "sqlite")
def _sqlite_day_of(element, compiler, **kw):
    return f"substr({_arg(compiler, element, **kw)}, 1, 10)"


@compiles(day_text)
def _pg_day_text(element, compiler, **kw):
    return f"to_char({_arg(compiler, element, **kw)}, 'YYYY-MM-DD')"


@compiles(day_text, "sqlite")
def _sqlite_day_text(element, compiler, **kw):
    x = _arg(compiler, element, **kw)
    # Text that is no date (date() gives NULL) sorts as its own first ten characters.
    return (
        f"CASE WHEN length({x}) = 10 THEN coalesce(date({x}, '-1 day'), {x}) "
        f"ELSE substr({x}, 1, 10) END"
    )


@compiles(week_start)
def _pg_week_start(element, compiler, **kw):
    return f"CAST(date_trunc('week', {_arg(compiler, element, **kw)}) AS DATE)"


@compiles(week_start, "sqlite")
def _sqlite_week_start(element, compiler, **kw):
    return f"date(substr({_arg(compiler, element, **kw)}, 1, 10), 'weekday 0', '-6 days')"


@compiles(month_start)
def _pg_month_start(element, compiler, **kw):
    return f"CAST(date_trunc('month', {_arg(compiler, element, **kw)}) AS DATE)"


@compiles(month_start, "sqlite")
def _sqlite_month_start(element, compiler, **kw):
    return f"(substr({_arg(compiler, element, **kw)}, 1, 7) || '-01')"


@compiles(bucket_end)
def _pg_bucket_end(element, compiler, **kw):
    x = _arg(compiler, element, **kw)
    step = "7 days" if element.freq == "week" else "1 month"
    return f"(date_trunc('{element.freq}', {x}) + INTERVAL '{step}')"


@compiles(bucket_end, "sqlite")
def _sqlite_bucket_end(element, compiler, **kw):
    x = _arg(compiler, element, **kw)
    if element.freq == "week":
        return f"datetime(substr({x}, 1, 10), 'weekday 0', '+1 day')"
    return f"datetime(substr({x}, 1, 7) || '-01', '+1 month')"


@compiles(earliest)
def _pg_earliest(element, compiler, **kw):
    return f"LEAST({_arg(compiler, element, 0, **kw)}, {_arg(compiler, element, 1, **kw)})"


@compiles(earliest, "sqlite")
def _sqlite_earliest(element, compiler, **kw):
    return f"min({_arg(compiler, element, 0, **kw)}, {_arg(compiler, element, 1, **kw)})"


@compiles(days_between)
def _pg_days_between(element, compiler, **kw):
    first, second = (_arg(compiler, element, i, **kw) for i in (0, 1))
    # As queries.contract.LATE_DAYS_INDEX_SQL writes it, so that the index serves the list.
    return (
        f"CASE WHEN isfinite({first}) AND isfinite({second}) "
        f"THEN CAST({second} AS DATE) - CAST({first} AS DATE) END"
    )


@compiles(days_between, "sqlite")
def _sqlite_days_between(element, compiler, **kw):
    first, second = (_arg(compiler, element, i, **kw) for i in (0, 1))
    days = f"julianday(substr({second}, 1, 10)) - julianday(substr({first}, 1, 10))"
    return f"CAST({days} AS INTEGER)"


@compiles(finite)
def _pg_finite(element, compiler, **kw):
    return f"isfinite({_arg(compiler, element, **kw)})"


@compiles(finite, "sqlite")
def _sqlite_finite(element, compiler, **kw):
    return f"({_arg(compiler, element, **kw)} NOT IN ('infinity', '-infinity'))"


@compiles(has_zone)
def _pg_has_zone(element, compiler, **kw):
    x = _arg(compiler, element, **kw)
    return f"({x} IS NOT NULL AND pg_typeof({x}) = 'timestamp with time zone'::regtype)"


@compiles(has_zone, "sqlite")
def _sqlite_has_zone(element, compiler, **kw):
    return f"(substr({_arg(compiler, element, **kw)}, 20) GLOB '*[-+Z]*')"
