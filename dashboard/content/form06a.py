"""What the Biểu II.06a view shows, as plain data: the periods a form is made for (month,
quarter, year or two dates), how a shared link's dates read as one of them, the scopes
offered and their words, the files' names."""

from datetime import date

import pandas as pd

from dashboard.export_form06a import levels_name, scope_name
from dashboard.labels import UNIT_KIND_NAMES
from queries.form06a import LEVEL_KINDS
from queries.period import Period

KINDS = {"month": "Tháng", "quarter": "Quý", "year": "Năm", "dates": "Khoảng ngày"}
QUARTERS = ("I", "II", "III", "IV")
MONTHS_OFFERED = 36
YEARS_OFFERED = 6
ALL = "all"  # every receiving unit (of the scope, if any)
LEVEL_FILES = {"province": "cap-tinh", "district": "cap-huyen", "commune": "cap-xa"}
# Under the table: why its column (10) is not the unit view's "Trễ hạn".
LATE_NOTE = (
    "Cột (10) đếm mọi hồ sơ giải quyết quá hạn trong kỳ, kể cả hồ sơ nhận từ kỳ trước "
    "(cột 6); số “Trễ hạn” ở trang Theo đơn vị chỉ đếm hồ sơ tiếp nhận trong kỳ, nên "
    "thường nhỏ hơn."
)


def months(last_day: date) -> list[Period]:
    periods, year, month = [], last_day.year, last_day.month
    for _ in range(MONTHS_OFFERED):
        periods.append(Period.month(year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return periods


def quarters(last_day: date) -> list[Period]:
    year, quarter = last_day.year, (last_day.month - 1) // 3 + 1
    periods = []
    for _ in range(MONTHS_OFFERED // 3):
        periods.append(Period.quarter(year, quarter))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return periods


def options(kind: str, last_day: date) -> list[Period]:
    """The whole periods of a kind offered, newest first."""
    if kind == "year":
        return [Period.year(last_day.year - n) for n in range(YEARS_OFFERED)]
    return months(last_day) if kind == "month" else quarters(last_day)


def label(kind: str, period: Period) -> str:
    if kind == "month":
        return f"Tháng {period.start.month:02d}/{period.start.year}"
    if kind == "quarter":
        return f"Quý {QUARTERS[(period.start.month - 1) // 3]}/{period.start.year}"
    return f"Năm {period.start.year}"


def cut(period: Period, last_day: date) -> Period:
    """A period still running ends at the last day of data."""
    return Period(period.start, min(period.end, max(last_day, period.start)))


def default_period(last_day: date) -> Period:
    """The last month the data covers to its end, else the running one."""
    offered = months(last_day)
    whole = [p for p in offered if p.end <= last_day]
    return cut(whole[0] if whole else offered[0], last_day)


def read_period(period: Period, last_day: date) -> tuple[str, Period | None]:
    """How a link's dates read: (kind, the whole period offered) when they are a month, a
    quarter or a year (a running one cut at the last day of data), else ("dates", None)."""
    for kind in ("month", "quarter", "year"):
        for whole in options(kind, last_day):
            if cut(whole, last_day) == period:
                return kind, whole
    return "dates", None


def file_name(level: str | None, unit: str | None, period: Period, suffix: str) -> str:
    """`bieu-II06a_cap-xa_2022-01-01_2022-12-31.xlsx`: ASCII, the scope in Vietnamese words
    without marks, or the unit's code."""
    scope = unit or LEVEL_FILES.get(level or "", "toan-bo")
    return f"bieu-II06a_{scope}_{period.start}_{period.end}{suffix}"


def whole(units: pd.DataFrame, place: str | None = None) -> str:
    """The name of every receiving unit together: the deployment's scope's (`place`), else
    by the levels present (dashboard.export_form06a.levels_name)."""
    return place or levels_name(units["kind"])


def scopes(units: pd.DataFrame, place: str | None = None) -> dict[str, str]:
    """The scopes offered, code → label: all units, each level present, each receiving unit
    (`units`: queries.form06a.receiving_units; `place`: the deployment's scope's name)."""
    names = zip(units["group"], units["name"], strict=True)
    # The district's level where the data have one, or have no level at all (as before).
    district = (
        {"district": f"Cấp huyện: {UNIT_KIND_NAMES['district']}"}
        if "district" in set(units["kind"]) or units.empty
        else {}
    )
    # The province's level only where the data have a province centre or branch.
    province = (
        {"province": f"Cấp tỉnh: {UNIT_KIND_NAMES['province']} và các chi nhánh"}
        if set(units["kind"]) & set(LEVEL_KINDS["province"])
        else {}
    )
    return {
        ALL: f"Toàn bộ: {whole(units, place)}",
        **province,
        **district,
        "commune": f"Cấp xã: các {UNIT_KIND_NAMES['commune']}",
        **{code: f"Đơn vị: {name}" for code, name in names},
    }


def scope_of(
    scope: str, units: pd.DataFrame, place: str | None = None
) -> tuple[str | None, str | None, str]:
    """A scope's (level, unit code, name for the title and the files)."""
    if scope == ALL:
        return None, None, scope_name(whole=whole(units, place))
    if scope in LEVEL_FILES:
        return scope, None, scope_name(scope)
    names = dict(zip(units["group"], units["name"], strict=True))
    return None, scope, scope_name(unit_name=names[scope])
