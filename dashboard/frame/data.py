"""Reading the one-stop database from a page: one engine, cached results, plain failures.

A view calls `load(figures_fn, *args)` instead of calling the function itself:
the result is cached for a few minutes (the live one-stop system must not feel
the dashboard) and a database failure becomes a plain Vietnamese message on
that page instead of a stack trace.
"""

import logging
import os
import re
import threading
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import streamlit as st
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from dashboard import (
    daily_figures,
    figures_store,
    fmt,
    freshness,
    quality_check,
    quality_store,
    targets,
    weekly,
)
from dashboard.plain_text import cleaned
from queries import connection, deadline, scope
from queries.meta import data_as_of
from queries.period import Period, local_now

CACHE_TTL_SECONDS = 300
# How often a page shown from the cache asks whether the database still answers.
PROBE_TTL_SECONDS = 30
NO_CONNECTION = "Không kết nối được cơ sở dữ liệu ({source})"
NO_ROOM = "Cơ sở dữ liệu ({source}) đang hết chỗ cho kết nối mới"
DB_UNREACHABLE = NO_CONNECTION + (
    ". Xin kiểm tra máy chủ cơ sở dữ liệu hoặc cấu hình kết nối, rồi tải lại trang."
)
TABLES_MISSING = "Cơ sở dữ liệu chưa có bảng {tables} nên trang này chưa hiển thị được."
QUERY_TIMEOUT = (
    "Trang này đọc số liệu quá {seconds} giây nên đã dừng lại để không làm chậm hệ thống "
    "Một cửa. Cơ sở dữ liệu có thể đang bận; xin thử lại sau ít phút."
)
DB_LOCKED = (
    "Dữ liệu đang bị một thao tác khác trên cơ sở dữ liệu khóa (thường là bảo trì hay cập "
    "nhật lớn) nên trang chưa đọc được. Xin thử lại sau ít phút; nếu kéo dài, xin báo quản "
    "trị hệ thống."
)
DB_BUSY = (
    "Máy chủ đang đọc số liệu cho nhiều người xem cùng lúc nên trang này chưa đến lượt. "
    "Xin tải lại trang sau ít phút."
)
DB_FULL = NO_ROOM + (
    ": mọi kết nối máy chủ cho phép đều đang được những người xem và chương trình khác dùng. "
    "Xin tải lại trang sau ít phút; nếu kéo dài, xin báo quản trị hệ thống."
)
QUERY_FAILED = "Không đọc được dữ liệu cho trang này ({source}). Xin báo quản trị hệ thống."
TARGETS_UNREADABLE = (
    "Không đọc được tệp chỉ tiêu ({path}): {error}. Các ô chưa được tô màu theo chỉ tiêu."
)
PG_QUERY_CANCELED = "57014"
PG_LOCK_NOT_AVAILABLE = "55P03"

logger = logging.getLogger(__name__)


def _url() -> str:
    return connection.resolve_url()


@st.cache_resource(show_spinner=False)
def _engine_for(url: str) -> Engine:
    return connection.readonly_engine(url)


def _scope() -> str | None:
    return scope.configured()


@st.cache_resource(show_spinner=False)
def _scoped_for(url: str, code: str | None) -> Engine:
    # The deployment's scope (DASHBOARD_SCOPE) rides on the engine: every query reads it
    # (queries/scope.py), so no page can show what lies outside it. The same pool.
    return scope.scoped(_engine_for(url), code)


def engine() -> Engine:
    """The read-only engine of the configured database, limited to the deployment's scope,
    one per URL and scope per process."""
    return _scoped_for(_url(), _scope())


DEMO_NAME = "Dữ liệu mẫu Châu Thành A"


def source() -> str:
    """The data source's name for people: as configured, the demo's, else the database's
    name. Never its URL: that may carry a password."""
    try:
        url = _url()
        if name := connection.configured_name():
            return name
        return DEMO_NAME if connection.is_demo(url) else connection.database_name(url)
    except Exception:  # a malformed URL still deserves a plain message
        return "cấu hình kết nối không hợp lệ"


LOADING = "Đang đọc số liệu…"


# The page draws what it has while a read runs, with this line where the rest will come.
@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=LOADING)
def _cached(url: str, code, name: str, args: tuple, kwargs: dict, _query_fn: Callable):
    # Keyed by the database URL, the scope and the function's qualified name: a test (or a
    # reconfigured app) pointing at another database or scope never gets stale figures.
    # The moment of reading goes with the figures: a page shown from the cache while the
    # database is down says how old they are.
    # Source text as shown and exported: dashboard.plain_text.
    return cleaned(_query_fn(_scoped_for(url, code), *args, **kwargs)), datetime.now()


@dataclass
class PageRun:
    """What one run of a page has read: when each figure was read (cached or not), and the
    failure that would only repeat for its other reads (no connection, a lock, a full
    pool), if one happened."""

    reads: list[datetime] = field(default_factory=list)
    blocked: BaseException | None = None


_page_run: ContextVar[PageRun | None] = ContextVar("page_run", default=None)


def _run(query_fn: Callable, args: tuple = (), kwargs: dict | None = None):
    run = _page_run.get() or PageRun()
    # Once a read found the database unreachable, locked or busy, the page's other reads
    # fail at once instead of each waiting out the same timeout again.
    if run.blocked is not None:
        raise run.blocked
    name = f"{query_fn.__module__}.{query_fn.__qualname__}"
    key = (_url(), _scope(), name, args, kwargs or {})
    try:
        with _one_at_a_time(key):
            value, read_at = _cached(*key, query_fn)
    except Exception as error:
        if _is_unreachable(error) or _is_locked_or_busy(error):
            run.blocked = error
        raise
    run.reads.append(read_at)
    return value


# st.cache_data computes a missing figure in every session that asks for it at once: thirty
# people opening the Monday overview together would send its queries thirty times. A
# session holds its figure's lock while computing; the others wait, then read the cache.
# Striped, so the locks stay few; two figures sharing a stripe only take turns.
_STRIPES = [threading.Lock() for _ in range(256)]


@contextmanager
def _one_at_a_time(key: tuple) -> Iterator[None]:
    stripe = _STRIPES[hash(repr(key)) % len(_STRIPES)]
    left = deadline.remaining_ms()
    if not stripe.acquire(timeout=-1 if left is None else max(left, 0) / 1000):
        raise deadline.DeadlineExceeded()
    try:
        yield
    finally:
        stripe.release()


def cached(query_fn: Callable, *args, **kwargs):
    """`query_fn(engine, *args, **kwargs)` through the cache, failures raised to the caller."""
    return _run(query_fn, args, kwargs)


@contextmanager
def page_run() -> Iterator[PageRun]:
    """One run of a page: what its reads found (see PageRun)."""
    run = PageRun()
    token = _page_run.set(run)
    try:
        yield run
    finally:
        _page_run.reset(token)


@st.cache_data(ttl=PROBE_TTL_SECONDS, show_spinner=False)
def _unreachable(url: str) -> str | None:
    try:
        with _engine_for(url).connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    except Exception as error:  # any failure to reach it is the answer
        return NO_ROOM if _is_server_full(error) else NO_CONNECTION
    return None


@st.cache_data(ttl=PROBE_TTL_SECONDS, show_spinner=False)
def _probed(url: str, name: str, _query_fn: Callable):
    try:
        return _query_fn(_engine_for(url))
    except Exception as error:  # a note about the database must never break a page
        log_failure(name, error)
        return None


def probe(query_fn: Callable):
    """`query_fn(engine)` for a note about the database itself (a replica's lag), fresher
    than the figures: asked at most every PROBE_TTL_SECONDS; None when it cannot be read."""
    key = (_url(), f"{query_fn.__module__}.{query_fn.__qualname__}")
    try:
        with _one_at_a_time(key):  # many sessions at once: asked once
            return _probed(*key, query_fn)
    except deadline.DeadlineExceeded:
        return None


def unreachable() -> str | None:
    """Why the database does not answer (no connection, or no room for one), said for
    people; None when it answers. Asked at most every PROBE_TTL_SECONDS."""
    why = _unreachable(_url())
    return why.format(source=source()) if why else None


UNKNOWN_SCOPE = (
    "Phạm vi của bảng điều hành (DASHBOARD_SCOPE={code}) không khớp đơn vị nào trong cơ sở "
    "dữ liệu nên trang chưa hiển thị. Xin báo quản trị hệ thống."
)


def place() -> str | None:
    """The name that titles every page (queries.scope.place_name: the deployment's scope's
    unit, else the data's top unit). A scope no unit has stops the page, said plainly."""
    try:
        name = _run(scope.place_name)
    except Exception:  # unreachable: the page's own reads say so
        return None
    if name is None and (code := _scope()) is not None:
        stop(UNKNOWN_SCOPE.format(code=code))
    return name


def stop(message: str):
    """Say what is wrong, plainly, and end the page's run there."""
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


def _is_deadline(error: BaseException) -> bool:
    """The page's time to read ran out: before a statement, in PostgreSQL, in SQLite."""
    while error is not None:
        if isinstance(error, deadline.DeadlineExceeded):
            return True
        orig = getattr(error, "orig", None)
        if getattr(orig, "sqlstate", None) == PG_QUERY_CANCELED or str(orig) == "interrupted":
            return True
        error = error.__cause__ or error.__context__
    return False


def _is_unreachable(error: BaseException) -> bool:
    """No answer from the database: no connection, or one lost. A server's own errors
    carry a SQLSTATE; psycopg's failures to connect do not."""
    cause = _database_error(error)
    if not isinstance(cause, DBAPIError):
        return False
    if cause.connection_invalidated:
        return True
    orig = cause.orig
    if type(orig).__module__.startswith("psycopg"):
        return isinstance(cause, OperationalError) and getattr(orig, "sqlstate", None) is None
    return "unable to open database file" in str(orig)


def _is_server_full(error: BaseException) -> bool:
    orig = getattr(_database_error(error), "orig", None)
    return orig is not None and re.search(connection.SERVER_FULL, str(orig)) is not None


def _sqlstate(error: SQLAlchemyError | None) -> str | None:
    return getattr(getattr(error, "orig", None), "sqlstate", None)


def _is_locked_or_busy(error: BaseException) -> bool:
    cause = _database_error(error)
    return isinstance(cause, PoolTimeout) or _sqlstate(cause) == PG_LOCK_NOT_AVAILABLE


def deadline_seconds() -> float:
    """How long a page may read: the statement timeout, once for all its statements."""
    return connection.statement_timeout_ms() / 1000


def _missing_or_none(names: list[str]) -> list[str] | None:
    try:
        return connection.missing_tables(engine(), names)
    except Exception:  # the database is unreachable: the caller says so instead
        return None


def explain(error: Exception, tables: tuple[str, ...]) -> str:
    """The plain message for a failed read."""
    if isinstance(error, connection.ConfigError):
        return str(error)
    if _is_deadline(error):
        seconds = deadline_seconds()
        return QUERY_TIMEOUT.format(seconds=fmt.number(seconds, 0 if seconds >= 1 else 1))
    if _is_locked_or_busy(error):
        return DB_BUSY if isinstance(_database_error(error), PoolTimeout) else DB_LOCKED
    if _is_server_full(error):
        return DB_FULL.format(source=source())
    if _is_unreachable(error):
        return DB_UNREACHABLE.format(source=source())
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
        log_failure(query_fn.__qualname__, error)
        stop(explain(error, tables))


def log_failure(what: str, error: BaseException) -> None:
    """The failure for the administrator's log, without any secret of the database URL."""
    details = "".join(traceback.format_exception(error))
    logger.warning("%s failed: %s", what, connection.redact(details, _url()))


def _missing_tables(engine_: Engine, names: tuple[str, ...]) -> list[str]:
    return connection.missing_tables(engine_, list(names))


def require_tables(names: Iterable[str]) -> None:
    """Stop the page with a plain message unless the database has all of `names`."""
    missing = load(_missing_tables, tuple(names))
    if missing:
        stop(TABLES_MISSING.format(tables=_table_list(missing)))


def latest_data() -> datetime | None:
    """The moment of the latest data not later than now (queries.meta.data_as_of: a dossier
    dated in the future moves no default); None when there is none or it cannot be read."""
    try:
        return _run(data_as_of)
    except Exception:  # the page's own queries report the failure plainly
        return None


def last_day() -> date:
    """The latest data's day, never after today (today without data): where default
    periods and weeks end."""
    latest = latest_data()
    return latest.date() if latest else local_now().date()


def default_week() -> Period:
    """The week the overview and the slides open on (dashboard.weekly.default_week)."""
    return load(weekly.default_week, last_day(), tables=("dossiers",))


OLD_DATA = (
    "Số liệu mới nhất là của ngày {day}, cách đây {days} ngày: các con số trên trang này "
    "không nói về tuần này."
)


def data_age_notice() -> str | None:
    """What every page says when the newest data are old (dashboard.freshness)."""
    latest = latest_data()
    try:
        days = freshness.days_old(latest, local_now().date())
    except freshness.FreshnessSettingError as error:
        return str(error)
    if days is None:
        return None
    return OLD_DATA.format(day=fmt.date(latest), days=fmt.number(days))


def data_as_of_line() -> str | None:
    latest = latest_data()
    return f"Dữ liệu đến {fmt.datetime(latest)}" if latest else None


def default_period() -> Period:
    """1 January of the latest data's year to the latest data's day."""
    end = last_day()
    return Period(date(end.year, 1, 1), end)


def district_targets() -> targets.Targets:
    """The district's targets (config/targets.toml). What the file gets wrong is said on the
    page: an unreadable file (no targets at all), a section without a target (that KPI only)."""
    try:
        loaded = targets.load_targets()
    except (OSError, ValueError) as error:  # tomllib's decode error is a ValueError
        st.warning(TARGETS_UNREADABLE.format(path=targets.targets_path(), error=error))
        return targets.Targets()
    for problem in loaded.problems:
        st.warning(problem)
    return loaded


# The audit of the rows (dashboard/quality_check.py) counts in a thread of its own, at low
# priority, from what it kept between restarts (dashboard/quality_store.py): a page shows
# the counts last kept and never waits for them, and starts a check when one is due. A
# check that failed is tried again after AUDIT_RETRY.
AUDIT_RETRY = timedelta(minutes=1)
# Where the counting is left to one server of several sharing the state folder, or to none
# (a source the administrator will not have read whole from here), the others run with
# "off": their pages show what is kept and never start a count.
BACKGROUND_COUNTS_ENV = "DASHBOARD_BACKGROUND_COUNTS"


def counts_in_background() -> bool:
    """Whether this server's pages start the background counts (DASHBOARD_BACKGROUND_COUNTS:
    anything but `off`, the default `on`)."""
    return os.environ.get(BACKGROUND_COUNTS_ENV, "on").strip().lower() != "off"


@dataclass
class _Auditor:
    workers: ThreadPoolExecutor
    guard: threading.Lock = field(default_factory=threading.Lock)
    running: dict[str, Future] = field(default_factory=dict)
    retry_at: dict[str, datetime] = field(default_factory=dict)


@st.cache_resource(show_spinner=False)
def _auditor() -> _Auditor:
    return _Auditor(ThreadPoolExecutor(1, "audit", initializer=quality_check.lower_priority))


@st.cache_resource(show_spinner=False)
def _audit_engine(url: str) -> Engine:
    return connection.background_engine(url)


def _audit(url: str) -> None:
    try:
        store = quality_store.Store.for_source(url)
        quality_check.check(_audit_engine(url), store, pause=quality_check.rest)
        # The daily figures' first count and deeper looks, in the same thread: a page
        # reads live until they are kept (dashboard/daily_figures.py).
        figures = figures_store.Store.for_source(url)
        daily_figures.check(_audit_engine(url), figures, pause=quality_check.rest)
    except Exception as error:  # a notice about the data must never be what breaks a page
        log_failure("data quality counts", error)
        _auditor().retry_at[url] = local_now() + AUDIT_RETRY


def _background_due(url: str, reading: quality_store.Reading | None, now: datetime) -> bool:
    if quality_check.due(reading, now):
        return True
    try:
        return daily_figures.due(figures_store.Store.for_source(url), now)
    except Exception as error:  # the store is ours, but a page goes on without it
        log_failure("daily figures store", error)
        return False


def data_quality() -> quality_store.Reading | None:
    """The rows that break the data contract, by problem (queries.quality), as last
    counted and kept; None before the first count or when the store cannot be read."""
    url = _url()
    try:
        reading = quality_store.Store.for_source(url).reading()
    except Exception as error:  # the store is ours, but a page goes on without it
        log_failure("data quality store", error)
        reading = None
    auditor, now = _auditor(), local_now()
    with auditor.guard:
        running = auditor.running.get(url)
        idle = (running is None or running.done()) and counts_in_background()
        if idle and now >= auditor.retry_at.get(url, now) and _background_due(url, reading, now):
            auditor.running[url] = auditor.workers.submit(_audit, url)
    return reading
