"""The read-only engine the dashboard reads the one-stop database through.

The URL comes from `DASHBOARD_DB_URL`, else `url` under `[connections.onestop]`
in `.streamlit/secrets.toml`, else the embedded demo database. Whatever the
source, the engine cannot write: SQLite is opened with `mode=ro` (and
`query_only`), PostgreSQL sessions start read-only with a statement timeout.
The real boundary in production is a SELECT-only role (README).
"""

import math
import os
import re
import tomllib
from pathlib import Path

from sqlalchemy import create_engine, event, inspect
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.pool import NullPool

from queries import deadline
from queries.dialect import read_no_time_as_none

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEMO_PATH = PROJECT_ROOT / "data" / "demo.sqlite"
SECRETS_PATH = PROJECT_ROOT / ".streamlit" / "secrets.toml"
URL_ENV = "DASHBOARD_DB_URL"
NAME_ENV = "DASHBOARD_DB_NAME"
TIMEOUT_ENV = "DASHBOARD_STATEMENT_TIMEOUT_MS"
DEFAULT_STATEMENT_TIMEOUT_MS = 15_000
POOL_SIZE = 2
POOL_MAX_OVERFLOW = 2
POOL_TIMEOUT_S = 5
CONNECT_TIMEOUT_S = 5
LOCK_TIMEOUT_MS = 3_000
SQLITE_DEADLINE_STEPS = 10_000
# What a server (or PgBouncer before it) says when every connection slot is taken; it
# comes without a SQLSTATE (a failure to connect), so only its words tell it apart.
SERVER_FULL = (
    r"too many clients already|remaining connection slots are reserved"
    r"|too many connections for (role|database)|no more connections allowed"
)
# Compiling a statement costs more than it saves on the dashboard's short aggregates
# (benchmarks/scale.py): set for the dashboard's own sessions, never in the server's config.
SESSION_JIT = "off"
# As the database's administrator sees the dashboard's sessions in pg_stat_activity.
APPLICATION_NAME = "onestop-dashboard"
BACKGROUND_NAME = "onestop-dashboard-audit"
# The background audit's statements read a few days' rows each; a first count of a whole
# key without an index may take longer than a page's deadline.
BACKGROUND_TIMEOUT_MS = 300_000


def _secrets(path: Path = SECRETS_PATH) -> dict:
    if not path.is_file():
        return {}
    with path.open("rb") as f:
        return tomllib.load(f).get("connections", {}).get("onestop", {})


def resolve_url(secrets_path: Path = SECRETS_PATH) -> str:
    """The database the app reads: environment, then secrets, then the demo file."""
    return os.environ.get(URL_ENV) or _secrets(secrets_path).get("url") or str(DEMO_PATH)


# 0 would turn PostgreSQL's timeout off; below 0.1 s nothing runs, and a reader who
# waits more than 10 minutes for a figure has long gone.
STATEMENT_TIMEOUT_RANGE_MS = (100, 600_000)


class ConfigError(ValueError):
    """A setting the dashboard cannot use; the message says in Vietnamese which one,
    its value and what is accepted."""


def _whole_number(value) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and re.fullmatch(r"[0-9]+", value.strip()):
        return int(value)
    return None


def statement_timeout_ms(secrets_path: Path = SECRETS_PATH) -> int:
    """The PostgreSQL statement timeout: `DASHBOARD_STATEMENT_TIMEOUT_MS`, else
    `statement_timeout_ms` under `[connections.onestop]`, else 15 000 ms. Anything but a
    whole number of milliseconds in STATEMENT_TIMEOUT_RANGE_MS raises ConfigError."""
    value, source = os.environ.get(TIMEOUT_ENV), TIMEOUT_ENV
    if not value:
        value = _secrets(secrets_path).get("statement_timeout_ms")
        source = f"statement_timeout_ms trong {secrets_path.parent.name}/{secrets_path.name}"
    if value is None:
        return DEFAULT_STATEMENT_TIMEOUT_MS
    low, high = STATEMENT_TIMEOUT_RANGE_MS
    number = _whole_number(value)
    if number is None or not low <= number <= high:
        raise ConfigError(
            f"cấu hình {source} = {value!r} không dùng được: cần một số nguyên mili giây "
            f"từ {low} đến {high} (mặc định {DEFAULT_STATEMENT_TIMEOUT_MS})"
        )
    return number


def normalize_url(url: str) -> URL:
    """Accept `postgresql://…`, `sqlite:///…` or a bare path to a SQLite file."""
    if "://" not in url:
        url = f"sqlite:///{Path(url).expanduser().resolve()}"
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def describe(url: str) -> str:
    """The URL without its secrets, for the command line's own messages: the password
    hidden and the query string (libpq also takes `?password=…`) dropped."""
    return normalize_url(url).set(query={}).render_as_string(hide_password=True)


def _secrets_in(url: str) -> list[str]:
    """What of `url` must never be shown: its password, its query string's values (libpq
    takes `?password=…`), and the whole text when it cannot be parsed."""
    try:
        parsed = normalize_url(url)
    except Exception:  # unparseable: nothing of it is known to be harmless
        return [url]
    values = [parsed.password or ""]
    for value in parsed.query.values():
        values.extend([value] if isinstance(value, str) else value)
    return [value for value in values if value]


def redact(text: str, url: str) -> str:
    """`text` with every secret of `url` replaced: for log lines and messages that quote a
    driver's error."""
    for secret in sorted(_secrets_in(url), key=len, reverse=True):
        text = text.replace(secret, "***")
    return text


def configured_name(secrets_path: Path = SECRETS_PATH) -> str | None:
    """The data source's name as the administrator gave it (`DASHBOARD_DB_NAME`, else
    `name` under `[connections.onestop]`), or None."""
    return os.environ.get(NAME_ENV) or _secrets(secrets_path).get("name") or None


def database_name(url: str) -> str:
    """The database's own name: a SQLite file's name, a PostgreSQL database's name."""
    parsed = normalize_url(url)
    if parsed.get_backend_name() == "sqlite":
        return Path(parsed.database or "").name
    return parsed.database or ""


def is_demo(url: str) -> bool:
    """True for the embedded demo file."""
    parsed = normalize_url(url)
    return parsed.get_backend_name() == "sqlite" and (
        Path(parsed.database or "").resolve() == DEMO_PATH.resolve()
    )


def _sqlite_readonly_url(url: URL) -> URL:
    path = Path(url.database or "").expanduser().resolve()
    return make_url(f"sqlite:///file:{path}?mode=ro&uri=true")


def _sqlite_engine(parsed: URL) -> Engine:
    # NullPool: a pooled connection would keep reading a replaced file.
    engine = create_engine(_sqlite_readonly_url(parsed), poolclass=NullPool)

    @event.listens_for(engine, "connect")
    def _read_only_within_deadline(dbapi_connection, _record):
        dbapi_connection.execute("PRAGMA query_only = ON")
        # SQLite has no statement timeout: the page's deadline interrupts a statement
        # that runs past it ("interrupted"), checked every few thousand VM steps.
        dbapi_connection.set_progress_handler(deadline.passed, SQLITE_DEADLINE_STEPS)

    return engine


def _postgres_engine(parsed: URL, timeout_ms: int, background: bool = False) -> Engine:
    # Behind a lock a statement gives up after LOCK_TIMEOUT_MS instead of its whole
    # timeout; an unreachable server after CONNECT_TIMEOUT_S; a page waiting for one of
    # the pool's connections after POOL_TIMEOUT_S. Each failure is said plainly.
    options = (
        f"-c default_transaction_read_only=on -c statement_timeout={int(timeout_ms)}"
        f" -c lock_timeout={min(LOCK_TIMEOUT_MS, int(timeout_ms))}"
        f" -c jit={SESSION_JIT}"
    )
    if background:  # one core at most: the other stays the pages'
        options += " -c max_parallel_workers_per_gather=0"
    engine = create_engine(
        parsed,
        connect_args={
            "options": options,
            "application_name": BACKGROUND_NAME if background else APPLICATION_NAME,
            "connect_timeout": CONNECT_TIMEOUT_S,
        },
        pool_size=1 if background else POOL_SIZE,
        max_overflow=0 if background else POOL_MAX_OVERFLOW,
        pool_timeout=POOL_TIMEOUT_S,
        pool_pre_ping=True,
        pool_recycle=1800,
    )

    @event.listens_for(engine, "connect")
    def _read_no_time_as_none(dbapi_connection, _record):
        read_no_time_as_none(dbapi_connection)

    @event.listens_for(engine, "do_connect")
    def _connect_within_deadline(_dialect, _record, _cargs, cparams):
        left = deadline.remaining_ms()
        if left is None:
            return
        if left <= 0:
            raise deadline.DeadlineExceeded()
        # libpq counts whole seconds and treats less than 2 as 2.
        cparams["connect_timeout"] = max(2, min(CONNECT_TIMEOUT_S, math.ceil(left / 1000)))

    @event.listens_for(engine, "before_cursor_execute")
    def _within_deadline(_conn, cursor, _statement, _parameters, _context, _executemany):
        left = deadline.remaining_ms()
        if left is None or left >= timeout_ms:
            return
        if left <= 0:
            raise deadline.DeadlineExceeded()
        # LOCAL: the shorter limit ends with this transaction, the pool keeps the default.
        cursor.execute(f"SET LOCAL statement_timeout = {left}")

    return engine


def readonly_engine(url: str | None = None, timeout_ms: int | None = None) -> Engine:
    """An engine through which INSERT, UPDATE, DELETE and DDL fail, and whose statements
    keep to the deadline of the page that runs them (queries/deadline.py)."""
    parsed = normalize_url(url or resolve_url())
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    if parsed.get_backend_name() != "postgresql":
        raise ValueError(f"Unsupported database: {parsed.get_backend_name()}")
    if timeout_ms is None:
        timeout_ms = statement_timeout_ms()
    return _postgres_engine(parsed, timeout_ms)


def background_engine(url: str) -> Engine:
    """A read-only engine for work no page waits for (the data-quality audit): its own
    connection, outside the pages' pool, a longer statement timeout, and on PostgreSQL
    no parallel workers and its own application_name."""
    parsed = normalize_url(url)
    if parsed.get_backend_name() == "postgresql":
        return _postgres_engine(parsed, BACKGROUND_TIMEOUT_MS, background=True)
    return readonly_engine(url)


def missing_tables(engine: Engine, names: list[str]) -> list[str]:
    """Those of `names` the database does not have (as tables or views)."""
    inspector = inspect(engine)
    present = set(inspector.get_table_names()) | set(inspector.get_view_names())
    return [name for name in names if name not in present]
