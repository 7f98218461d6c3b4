"""The URL's filters, for every view: read them (a bad value: a plain warning and the
default), write back what the page shows, so a link opens the same page.

Parsing and checking live in dashboard/params.py (pure, tested without Streamlit);
this module is the only one that touches `st.query_params`.
"""

from collections.abc import Mapping
from datetime import date

import streamlit as st

from dashboard import params
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
    """Put `values` in the URL, leaving out None and defaults; no rerun when unchanged."""
    wanted = params.encode(values, defaults)
    if wanted != st.query_params.to_dict():
        st.query_params.from_dict(wanted)


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
