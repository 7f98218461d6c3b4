"""Display formatting in Vietnamese (Babel, vi_VN): numbers, rates, dates, weeks.

Numbers on screen are formatted here, on the server, rather than by the
browser: a projector PC set to English would otherwise show `1,234.5`.
"""

import math
from collections.abc import Callable
from datetime import date as date_type
from datetime import timedelta
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, Decimal

import pandas as pd
from babel.dates import format_date, format_datetime, format_timedelta
from babel.numbers import format_decimal, format_percent

from dashboard.kpi import LABELS, REGISTRY
from dashboard.labels import GROUP_LABELS

LOCALE = "vi_VN"
MISSING = "–"
DATE_PATTERN = "dd/MM/yyyy"
DATETIME_PATTERN = "dd/MM/yyyy HH:mm"
TIME_DATE_PATTERN = "HH:mm dd/MM/yyyy"


def _missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _pattern(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def number(value, decimals: int = 0) -> str:
    """`5934` → `5.934`; `1234.5, 1` → `1.234,5`; missing → `–`."""
    if _missing(value):
        return MISSING
    return format_decimal(value, format=_pattern(decimals), locale=LOCALE)


def percent(fraction, decimals: int = 1) -> str:
    """A fraction in [0, 1] as a percentage: `0.982` → `98,2%`; `0.98956, 2` → `98,96%`."""
    if _missing(fraction):
        return MISSING
    return format_percent(fraction, format=_pattern(decimals) + "%", locale=LOCALE)


def percent_against(fraction, target, higher_is_better: bool = True) -> str:
    """`percent`, never shown on the other side of `target` than the exact value: a rate short
    of its target that would round onto or past it gets a second decimal rounded away from
    the target (692/699 = 98,9986% against 99% reads `98,99%`, never `99,0%` or `99,00%`)."""
    shown = percent(fraction)
    if _missing(fraction) or _missing(target):
        return shown
    exact, aim = Decimal(str(fraction)), Decimal(str(target))
    if (exact >= aim) if higher_is_better else (exact <= aim):
        return shown  # met: rounding can only land on the target, which reads as met too
    one_decimal = exact.quantize(Decimal("0.001"), ROUND_HALF_EVEN)
    if (one_decimal < aim) if higher_is_better else (one_decimal > aim):
        return shown
    away = ROUND_FLOOR if higher_is_better else ROUND_CEILING
    return percent(exact.quantize(Decimal("0.0001"), away), 2)


def date(value) -> str:
    """`2022-12-02` → `02/12/2022`."""
    if _missing(value):
        return MISSING
    return format_date(value, DATE_PATTERN, locale=LOCALE)


def datetime(value) -> str:
    """`2022-12-02 08:05` → `02/12/2022 08:05`."""
    if _missing(value):
        return MISSING
    return format_datetime(value, DATETIME_PATTERN, locale=LOCALE)


def time_and_date(value) -> str:
    """When something was done, as said in a sentence: `2022-12-02 08:05` → `08:05 02/12/2022`."""
    if _missing(value):
        return MISSING
    return format_datetime(value, TIME_DATE_PATTERN, locale=LOCALE)


def month(value) -> str:
    """The month of a date: `2022-03-01` → `03/2022`."""
    if _missing(value):
        return MISSING
    return format_date(value, "MM/yyyy", locale=LOCALE)


def _day_month(value: date_type) -> str:
    return format_date(value, "dd/MM", locale=LOCALE)


def week_label(iso_year: int, week: int) -> str:
    """`2022, 48` → `Tuần 48/2022 (28/11–04/12)`: Monday to Sunday of that ISO week."""
    monday = date_type.fromisocalendar(iso_year, week, 1)
    sunday = monday + timedelta(days=6)
    return f"Tuần {week}/{iso_year} ({_day_month(monday)}–{_day_month(sunday)})"


def week_of(monday: date_type) -> str:
    """The week label of the week starting on (or containing) `monday`."""
    iso = monday.isocalendar()
    return week_label(iso.year, iso.week)


def duration(value: timedelta) -> str:
    """A length of time in the largest unit that reads well (Babel): `45 giây`, `89 giây`,
    `2 phút`, `60 phút`, `2 tiếng`, `3 ngày`; under a second `chưa đến 1 giây`."""
    if value < timedelta(seconds=1):
        return "chưa đến 1 giây"
    return format_timedelta(value, threshold=1.5, locale=LOCALE)


def period(start: date_type, end: date_type) -> str:
    """`từ 01/01/2022 đến 02/12/2022`."""
    return f"từ {date(start)} đến {date(end)}"


def kpi_value(key: str, value, target=None, higher_is_better: bool = True) -> str:
    """A registered KPI's value as shown: a count `5.934`, a rate `98,2%` (`percent_against`
    its target's value, when given)."""
    if not REGISTRY[key].is_rate:
        return number(value)
    if target is None:
        return percent(value)
    return percent_against(value, target, higher_is_better)


def kpi_table(
    frame: pd.DataFrame, columns: list[str] | None = None, labels: dict[str, str] | None = None
) -> pd.DataFrame:
    """A KPI frame as display strings under the registry's Vietnamese headers.

    `columns` picks and orders the columns (default: the unit's code and name, then
    every registered KPI present, in the registry's order); `labels` overrides some
    headers (e.g. shorter ones for a narrow table). Counts become `5.934`, rates
    `98,2%`, other columns are kept as they are.
    """
    headers = {**GROUP_LABELS, **LABELS, **(labels or {})}
    chosen = columns or [c for c in headers if c in frame.columns]
    shown = pd.DataFrame(index=frame.index)
    for column in chosen:
        values = frame[column]
        if column in REGISTRY:
            values = values.map(lambda value, key=column: kpi_value(key, value))
        shown[headers.get(column, column)] = values
    return shown.reset_index(drop=True)


def table(frame: pd.DataFrame, columns: dict[str, tuple[str, Callable | None]]) -> pd.DataFrame:
    """`frame` as display strings: `columns` maps a column to its Vietnamese header and
    its formatter (e.g. `number`, `percent`, `date`; None keeps the values as they are)."""
    shown = pd.DataFrame(index=frame.index)
    for column, (header, formatter) in columns.items():
        shown[header] = frame[column].map(formatter) if formatter else frame[column]
    return shown.reset_index(drop=True)
