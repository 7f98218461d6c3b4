"""The hand-written side of the benchmark in the app's own session settings.

The app's sessions set what queries/connection.py gives them (JIT off among them: it
halves the overview's hand-written statement at 4M); a hand-written statement run with
the server's defaults instead (JIT on) would be measured against other rules. Here the
settings an app's session actually runs with are read from one (those its connection set,
`pg_settings.source = 'client'`), the same are given to every hand-written connection
(libpq's `options`), and `COMPARED` is read back on both sides for the results.
"""

import psycopg
from sqlalchemy.engine import make_url

# What the results show of each side: what changes a plan or its speed.
COMPARED = (
    "jit",
    "max_parallel_workers_per_gather",
    "work_mem",
    "hash_mem_multiplier",
    "random_page_cost",
    "effective_cache_size",
    "enable_seqscan",
    "default_transaction_read_only",
)
# Set by the app's sessions but not copied: its name, and limits that stop a statement
# (the app's split in short ones, the hand-written in one long one) without changing how
# fast it runs.
NOT_COPIED = ("application_name", "statement_timeout", "lock_timeout")


def psycopg_url(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def app_settings(url: str) -> dict[str, str]:
    """What a session of the app's read-only engine (queries.connection) sets for itself."""
    from queries.connection import readonly_engine

    engine = readonly_engine(url)
    try:
        with engine.connect() as conn:
            query = "SELECT name, setting FROM pg_settings WHERE source = 'client'"
            return dict(conn.exec_driver_sql(query).all())
    finally:
        engine.dispose()


def copied(settings: dict[str, str]) -> dict[str, str]:
    """The app's settings a hand-written session takes (all but NOT_COPIED)."""
    return {name: value for name, value in sorted(settings.items()) if name not in NOT_COPIED}


def options(settings: dict[str, str]) -> str:
    """libpq's `options`: `-c name=value` for each setting (values without spaces)."""
    for name, value in settings.items():
        if not value or any(c.isspace() or c == "\\" for c in f"{name}{value}"):
            raise ValueError(f"cannot pass {name}={value!r} in libpq's options")
    return " ".join(f"-c {name}={value}" for name, value in settings.items())


def connect(url: str, settings: dict[str, str]) -> psycopg.Connection:
    """A hand-written side's connection, in `settings` (`copied(app_settings(url))`)."""
    return psycopg.connect(
        psycopg_url(url), options=options(settings), application_name="benchmark-handwritten"
    )


def shown(conn: psycopg.Connection) -> dict[str, str]:
    """COMPARED as the session `conn` runs with them."""
    query = "SELECT name, setting FROM pg_settings WHERE name = ANY(%s) ORDER BY name"
    return dict(conn.execute(query, [list(COMPARED)]).fetchall())


def both_sides(url: str, settings: dict[str, str]) -> dict:
    """COMPARED on an app's session and on a hand-written one, and whether they agree."""
    from queries.connection import readonly_engine

    engine = readonly_engine(url)
    try:
        with engine.connect() as conn:
            app = shown(conn.connection.driver_connection)
    finally:
        engine.dispose()
    with connect(url, settings) as conn:
        hand = shown(conn)
    return {
        "app": app,
        "handwritten": hand,
        "copied_to_handwritten": settings,
        "not_copied": list(NOT_COPIED),
        "same": app == hand,
    }
