"""Streamlit helpers every view uses: the engine, cached queries, plain failures.

A view calls `load(query_fn, *args)` instead of calling the query function
itself: the result is cached for a few minutes (the live one-stop system must
not feel the dashboard) and a database failure becomes a plain Vietnamese
message on that page instead of a stack trace.
"""

import logging
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import TypeVar

import streamlit as st
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from dashboard import db, fmt, kpi, params
from queries.meta import data_as_of
from queries.period import Period

APP_TITLE = "Bảng điều hành cải cách hành chính"
CACHE_TTL_SECONDS = 300
DB_UNREACHABLE = (
    "Không kết nối được cơ sở dữ liệu ({source}). Xin kiểm tra máy chủ cơ sở dữ liệu "
    "hoặc cấu hình kết nối, rồi tải lại trang."
)
TABLES_MISSING = "Cơ sở dữ liệu chưa có bảng {tables} nên trang này chưa hiển thị được."
QUERY_TIMEOUT = (
    "Truy vấn chạy quá lâu nên đã được dừng lại để không làm chậm hệ thống Một cửa. "
    "Xin chọn khoảng thời gian ngắn hơn hoặc thử lại sau."
)
QUERY_FAILED = "Không đọc được dữ liệu cho trang này ({source}). Xin báo quản trị hệ thống."
PG_QUERY_CANCELED = "57014"

logger = logging.getLogger(__name__)
Picked = TypeVar("Picked")


def _url() -> str:
    return db.resolve_url()


@st.cache_resource(show_spinner=False)
def _engine_for(url: str) -> Engine:
    return db.readonly_engine(url)


def engine() -> Engine:
    """The read-only engine of the configured database, one per URL per process."""
    return _engine_for(_url())


def source() -> str:
    """The database being read, password hidden."""
    try:
        return db.describe(_url())
    except Exception:  # a malformed URL still deserves a plain message
        return "cấu hình kết nối không hợp lệ"


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False)
def _cached(url: str, name: str, args: tuple, kwargs: dict, _query_fn: Callable):
    # Keyed by the database URL and the function's qualified name: a test (or a
    # reconfigured app) pointing at another database never gets stale figures.
    return _query_fn(_engine_for(url), *args, **kwargs)


def _run(query_fn: Callable, args: tuple = (), kwargs: dict | None = None):
    name = f"{query_fn.__module__}.{query_fn.__qualname__}"
    return _cached(_url(), name, args, kwargs or {}, query_fn)


def _stop(message: str):
    st.error(message)
    st.stop()


def _table_list(names: Iterable[str]) -> str:
    return ", ".join(f"`{name}`" for name in names)


def _database_error(error: BaseException) -> SQLAlchemyError | None:
    """The SQLAlchemy error behind `error` (pandas wraps them in its DatabaseError)."""
    while error is not None:
        if isinstance(error, SQLAlchemyError):
            return error
        error = error.__cause__ or error.__context__
    return None


def _is_timeout(error: SQLAlchemyError | None) -> bool:
    orig = getattr(error, "orig", None)
    return getattr(orig, "sqlstate", None) == PG_QUERY_CANCELED


def _missing_or_none(names: list[str]) -> list[str] | None:
    try:
        return db.missing_tables(engine(), names)
    except Exception:  # the database is unreachable: the caller says so instead
        return None


def _explain(error: Exception, tables: tuple[str, ...]) -> str:
    """The plain message for a failed query."""
    if _is_timeout(_database_error(error)):
        return QUERY_TIMEOUT
    missing = _missing_or_none(list(tables))
    if missing is None:
        return DB_UNREACHABLE.format(source=source())
    if missing:
        return TABLES_MISSING.format(tables=_table_list(missing))
    return QUERY_FAILED.format(source=source())


def load(query_fn: Callable, *args, tables: tuple[str, ...] = ("dossiers", "units"), **kwargs):
    """`query_fn(engine, *args, **kwargs)`, cached for a few minutes.

    On failure the page shows a plain message and stops: database unreachable,
    one of `tables` missing, statement timeout, or anything else that went
    wrong reading (logged for the administrator). No stack trace reaches the user.
    """
    try:
        return _run(query_fn, args, kwargs)
    except Exception as error:  # st.stop() and reruns are not Exceptions: they pass
        logger.warning("query %s failed", query_fn.__qualname__, exc_info=True)
        _stop(_explain(error, tables))


def _missing_tables(engine_: Engine, names: tuple[str, ...]) -> list[str]:
    return db.missing_tables(engine_, list(names))


def require_tables(names: Iterable[str]) -> None:
    """Stop the page with a plain message unless the database has all of `names`."""
    missing = load(_missing_tables, tuple(names))
    if missing:
        _stop(TABLES_MISSING.format(tables=_table_list(missing)))


def latest_data() -> datetime | None:
    """The moment of the latest data; None when there is none or it cannot be read."""
    try:
        return _run(data_as_of)
    except Exception:  # the page's own queries report the failure plainly
        return None


def data_as_of_line() -> str | None:
    latest = latest_data()
    return f"Dữ liệu đến {fmt.datetime(latest)}" if latest else None


def default_period() -> Period:
    """1 January of the latest data's year to the latest data's day (today without data)."""
    latest = latest_data()
    last_day = latest.date() if latest else date.today()
    return Period(date(last_day.year, 1, 1), last_day)


def period_picker(
    key: str = "period", label: str = "Khoảng thời gian", initial: Period | None = None
) -> Period:
    """A date range: `initial` (e.g. read from the URL), else `default_period()`.

    A half-picked range (only the first day clicked so far) is read as that day.
    """
    start = initial or default_period()
    default = (start.start, start.end)
    picked = st.date_input(
        label,
        value=default,
        format="DD/MM/YYYY",
        key=key,
        help="Chọn ngày đầu và ngày cuối; cả hai ngày đều được tính.",
    )
    if isinstance(picked, date):
        picked = (picked,)
    picked = tuple(picked) or default
    if len(picked) == 1:
        st.caption(f"Mới chọn ngày đầu: đang xem riêng ngày {fmt.date(picked[0])}.")
        return Period(picked[0], picked[0])
    return Period(picked[0], picked[1])


def day_picker(key: str = "day", label: str = "Tính đến ngày", initial: date | None = None) -> date:
    """One day, for figures taken as of a date (snapshots, listings).

    `initial` (e.g. read from the URL), else the latest data's day.
    """
    latest = latest_data()
    default = initial or (latest.date() if latest else date.today())
    return st.date_input(label, value=default, format="DD/MM/YYYY", key=key)


URL_PROBLEMS = "Đường dẫn có giá trị không dùng được, đã thay bằng mặc định:"


def url_period(key: str = "period", label: str = "Khoảng thời gian") -> Period:
    """`period_picker` starting from the URL's `start` and `end` (a bad value: a warning and
    the default); the chosen period goes back into the URL, so a link opens the same page."""
    query = params.QueryParams(st.query_params.to_dict())
    default = default_period()
    period = period_picker(key, label, query.period(default))
    _url_warnings(query.problems)
    _set_url(
        {"start": period.start, "end": period.end}, {"start": default.start, "end": default.end}
    )
    return period


def url_day(key: str = "day", label: str = "Tính đến ngày") -> date:
    """`day_picker` starting from the URL's `day`, written back like `url_period`."""
    query = params.QueryParams(st.query_params.to_dict())
    latest = latest_data()
    default = latest.date() if latest else date.today()
    day = day_picker(key, label, query.day("day", default))
    _url_warnings(query.problems)
    _set_url({"day": day}, {"day": default})
    return day


def page_header(title: str, pick: Callable[[], Picked], tables: Iterable[str] = ()) -> Picked:
    """A view's top: its title; a plain stop when one of `tables` is missing; the period or
    day picker (`pick`, e.g. `url_period`) beside the data's "as of" line. Returns the pick."""
    st.title(title)
    if tables:
        require_tables(tables)
    picker, as_of = st.columns([2, 3], vertical_alignment="bottom")
    with picker:
        picked = pick()
    with as_of:
        st.caption(data_as_of_line() or "")
    return picked


def _url_warnings(problems: list[str]) -> None:
    if problems:
        st.warning("\n".join([URL_PROBLEMS, *(f"- {problem}" for problem in problems)]))


def _set_url(values: dict, defaults: dict) -> None:
    wanted = params.encode(values, defaults)
    if wanted != st.query_params.to_dict():
        st.query_params.from_dict(wanted)


def targets() -> dict[str, kpi.Target]:
    """The district's targets (config/targets.toml); none, with a warning, if unreadable."""
    try:
        return kpi.load_targets()
    except (OSError, ValueError, KeyError) as error:  # tomllib's decode error is a ValueError
        st.warning(f"Không đọc được tệp chỉ tiêu ({kpi.targets_path()}): {error}")
        return {}


def kpi_tile(
    label: str,
    value: str,
    *,
    help: str | None = None,
    delta: str | None = None,
    delta_color: str = "normal",
) -> None:
    """One big figure with its caption; `value` and `delta` already formatted by fmt."""
    st.metric(label, value, delta=delta, delta_color=delta_color, help=help, border=True)


def tile_row(tiles: list[tuple[str, str, str | None]]) -> None:
    """Tiles side by side, one column each: (label, value, help), formatted by fmt."""
    for column, (label, value, help_text) in zip(st.columns(len(tiles)), tiles, strict=True):
        with column:
            kpi_tile(label, value, help=help_text)


TABLE_ROW_PX = 38
TABLE_MAX_ROWS = 15  # a longer table scrolls


def table(shown, bold_last: bool = False, max_rows: int | None = TABLE_MAX_ROWS) -> None:
    """A table of display strings (`fmt.table`), full width, tall enough for its rows.

    With `bold_last`, the last row (a total) is in bold. Beyond `max_rows` rows the
    table scrolls; with None it is as tall as all its rows.
    """
    rows = len(shown) if max_rows is None else min(len(shown), max_rows)
    height = TABLE_ROW_PX * (rows + 1) + 4
    if bold_last:
        last = len(shown) - 1
        shown = shown.style.apply(
            lambda row: ["font-weight: bold" if row.name == last else "" for _ in row], axis=1
        )
    st.dataframe(shown, hide_index=True, width="stretch", height=height)


def sidebar() -> None:
    """The frame's sidebar: the app's name, the database it reads, how recent the data is."""
    with st.sidebar:
        st.markdown(f"**{APP_TITLE}**")
        st.caption(f"Nguồn dữ liệu: {source()}")
        as_of = data_as_of_line()
        if as_of:
            st.caption(as_of)
