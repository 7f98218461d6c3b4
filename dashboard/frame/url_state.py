"""The URL's filters, for every view: read them (a bad value: a plain warning and the
default), write back what the page shows, so a link opens the same page.

Parsing and checking live in dashboard/params.py (pure, tested without Streamlit);
this module is the only one that touches `st.query_params`.
"""

from collections.abc import Mapping
from datetime import date

import streamlit as st

from dashboard import params, unit_reading
from dashboard.frame import data, widgets
from queries.period import Period

URL_PROBLEMS = "Đường dẫn có giá trị không dùng được, đã thay bằng mặc định:"


def read() -> params.QueryParams:
    """The page's query parameters, ready to be read with checks."""
    return params.QueryParams(st.query_params.to_dict())


def warn(problems: list[str]) -> None:
    """One warning listing what the URL got wrong (nothing when all was right)."""
    if problems:
        st.warning("\n".join([URL_PROBLEMS, *(f"- {problem}" for problem in problems)]))


def write(values: Mapping[str, object], defaults: Mapping[str, object]) -> None:
    """Put `values` in the URL, leaving out None and defaults (and keeping the units switch,
    which the page writes on its own); no rerun when unchanged."""
    now = st.query_params.to_dict()
    wanted = params.encode(values, defaults)
    if params.UNITS_PARAM in now and params.UNITS_PARAM not in values:
        wanted[params.UNITS_PARAM] = now[params.UNITS_PARAM]
    if wanted != now:
        st.query_params.from_dict(wanted)


UNITS_KEY = "units_reading"


def units(compact: bool = False) -> str:
    """The switch "Đơn vị hiện nay" / "Như đã ghi nhận" of a page that lists units, from the
    URL's `don-vi` and written back; shown only where the data have a reorganisation (a
    database without one reads the same both ways). `compact`: without its label line
    (its options say what it is; the help still explains). Returns the reading."""
    query = read()
    asked = query.units()
    warn(query.problems)
    if not data.load(unit_reading.has_reorganisation):
        return unit_reading.DEFAULT
    if UNITS_KEY not in st.session_state:
        st.session_state[UNITS_KEY] = asked
    picked = (
        st.segmented_control(
            "Tính theo đơn vị",
            unit_reading.READINGS,
            key=UNITS_KEY,
            format_func=unit_reading.READING_NAMES.get,
            help="Đơn vị hiện nay: hồ sơ của các đơn vị đã sáp nhập tính cho đơn vị mới "
            "(cả trước ngày sắp xếp). Như đã ghi nhận: theo đơn vị ghi trên hồ sơ.",
            label_visibility="collapsed" if compact else "visible",
        )
        or unit_reading.DEFAULT
    )
    now = st.query_params.to_dict()
    wanted = {k: v for k, v in now.items() if k != params.UNITS_PARAM}
    if picked != unit_reading.DEFAULT:
        wanted[params.UNITS_PARAM] = params.UNITS_VALUES[picked]
    if wanted != now:
        st.query_params.from_dict(wanted)
    return picked


def period(key: str = "period", label: str = "Khoảng thời gian") -> Period:
    """The period picker, starting from the URL's `start` and `end`, written back."""
    query = read()
    default = data.default_period()
    picked = widgets.period_picker(key, label, query.period(default), default)
    warn(query.problems)
    write({"start": picked.start, "end": picked.end}, {"start": default.start, "end": default.end})
    return picked


def day(key: str = "day", label: str = "Tính đến ngày") -> date:
    """The day picker, starting from the URL's `day`, written back."""
    query = read()
    default = data.last_day()
    picked = widgets.day_picker(key, label, query.day("day", default))
    warn(query.problems)
    write({"day": picked}, {"day": default})
    return picked
