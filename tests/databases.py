"""Throwaway test databases built from the contract, on SQLite and PostgreSQL.

A test describes its rows as plain dicts with `datetime` values; this module
writes them to a fresh database and hands back its URL. SQLite databases come
in both timestamp forms the contract allows: `plain` (`…HH:MM:SS`) and
`fraction` (`…HH:MM:SS.000`, the form other tools write).
"""

import os
import subprocess
import uuid
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from queries.contract import metadata

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BACKENDS = ("sqlite", "sqlite-fraction", "postgresql")
# The demo the suite reads: up to the month of the district report (2023-03-09).
DEMO_UNTIL = date(2023, 3, 31)


def postgres_server_url() -> str:
    """The server the suite creates its databases on (never skipped: see Makefile)."""
    url = os.environ.get("DASHBOARD_TEST_PG_URL")
    if not url:
        url = subprocess.run(
            [str(PROJECT_ROOT / "scripts" / "ensure_postgres.sh")],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        os.environ["DASHBOARD_TEST_PG_URL"] = url
    return url


def _admin_engine():
    url = make_url(postgres_server_url()).set(drivername="postgresql+psycopg")
    return create_engine(url, isolation_level="AUTOCOMMIT")


def create_postgres_database() -> str:
    """A new empty database on the test server; returns its URL."""
    name = f"dash_test_{uuid.uuid4().hex[:12]}"
    admin = _admin_engine()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return make_url(postgres_server_url()).set(database=name).render_as_string(False)


def drop_postgres_database(url: str) -> None:
    name = make_url(url).database
    admin = _admin_engine()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _sqlite_value(value, form: str):
    if isinstance(value, datetime):
        text_value = value.isoformat(sep=" ", timespec="seconds")
        if form == "fraction" or value.microsecond:
            text_value = value.isoformat(sep=" ", timespec="milliseconds")
        return text_value
    if isinstance(value, date):
        return value.isoformat()
    return value


def writable_url(backend: str, tmp_dir: Path) -> str:
    if backend == "postgresql":
        return create_postgres_database()
    return f"sqlite:///{tmp_dir / f'onestop-{uuid.uuid4().hex[:8]}.sqlite'}"


def build_database(backend: str, rows: dict[str, list[dict]], tmp_dir: Path, tables=None) -> str:
    """Create the contract's tables (or only `tables`) and insert `rows`; returns the URL."""
    url = writable_url(backend, tmp_dir)
    engine = create_engine(
        make_url(url).set(drivername="postgresql+psycopg") if backend == "postgresql" else url
    )
    chosen = [metadata.tables[name] for name in tables] if tables else None
    metadata.create_all(engine, tables=chosen)
    form = "fraction" if backend == "sqlite-fraction" else "plain"
    with engine.begin() as conn:
        for table in metadata.sorted_tables:
            table_rows = rows.get(table.name)
            if not table_rows:
                continue
            if backend.startswith("sqlite"):
                table_rows = [{k: _sqlite_value(v, form) for k, v in r.items()} for r in table_rows]
                # Raw text straight into the columns, as another tool would write it.
                columns = list(table_rows[0])
                placeholders = ", ".join(f":{c}" for c in columns)
                conn.execute(
                    text(
                        f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({placeholders})"
                    ),
                    table_rows,
                )
            else:
                conn.execute(table.insert(), table_rows)
    engine.dispose()
    return url


def dispose_database(url: str) -> None:
    if url.startswith("postgresql"):
        drop_postgres_database(url)
