"""Throwaway test databases built from the contract, on SQLite and PostgreSQL.

A test describes its rows as plain dicts with `datetime` values; this module
writes them to a fresh database and hands back its URL. SQLite databases come
in both timestamp forms the contract allows: `plain` (`…HH:MM:SS`) and
`fraction` (`…HH:MM:SS.000`, the form other tools write).
"""

import hashlib
import os
import subprocess
import uuid
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Column, MetaData, Table, create_engine, inspect, text
from sqlalchemy.engine import make_url

from queries.contract import (
    OPTIONAL_DOSSIER_COLUMNS,
    OPTIONAL_TABLES,
    OPTIONAL_UNIT_COLUMNS,
    metadata,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
BACKENDS = ("sqlite", "sqlite-fraction", "postgresql")
ENGINES = ("sqlite", "postgresql")  # one SQLite form (tests/conftest.py, engines_only)
# The demo the suite reads: up to the month of the district report (2023-03-09).
DEMO_UNTIL = date(2023, 3, 31)
# A later demo: the day the open-past-due backlog was added (tests/test_demo.py).
DEMO_LATER = date(2026, 11, 27)


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


def drop_postgres_databases(urls) -> None:
    """Drop these databases of the test server (over one connection), connections and all."""
    names = [make_url(url).database for url in urls]
    if not names:
        return
    admin = _admin_engine()
    with admin.connect() as conn:
        for name in names:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def drop_postgres_database(url: str) -> None:
    drop_postgres_databases([url])


def _sqlite_value(value, form: str):
    if isinstance(value, datetime):
        text_value = value.isoformat(sep=" ", timespec="seconds")
        if form == "fraction" or value.microsecond:
            text_value = value.isoformat(sep=" ", timespec="milliseconds")
        return text_value
    if isinstance(value, date):
        return value.isoformat()
    return value


def rows_key(rows: dict[str, list[dict]]) -> str:
    """A digest of `rows` by content (table by table, each row's columns in name order):
    two equal row sets give the same key, whatever dict objects hold them."""
    tables = sorted((name, [sorted(row.items()) for row in rows[name]]) for name in rows)
    return hashlib.sha256(repr(tables).encode()).hexdigest()


def writable_url(backend: str, tmp_dir: Path) -> str:
    if backend == "postgresql":
        return create_postgres_database()
    return f"sqlite:///{tmp_dir / f'onestop-{uuid.uuid4().hex[:8]}.sqlite'}"


def loose_metadata() -> MetaData:
    """The contract's tables without NOT NULL, UNIQUE, primary or foreign keys: what a real
    database mapped onto the contract by views may hand over, for fixtures of rows that
    break the contract (tests/fixture_damaged.py, tests/fixture_rows.py)."""
    loose = MetaData()
    for table in metadata.sorted_tables:
        Table(table.name, loose, *[Column(c.name, c.type) for c in table.columns])
    return loose


def _optional_parts(engine, rows: dict[str, list[dict]]) -> None:
    """The contract's optional table and columns (unit_successions, units.valid_from and
    valid_to, dossiers.result_digitised and components_digitised) only where `rows` use
    them: a fixture without them is a database that never reorganised, as every database
    was before 1 July 2025 (and as many still are), or that records no digitisation."""
    with engine.begin() as conn:
        for table in OPTIONAL_TABLES:
            if table not in rows:
                conn.execute(text(f"DROP TABLE IF EXISTS {table}"))
        present = inspect(conn).get_table_names()
        for table, optional in (
            ("units", OPTIONAL_UNIT_COLUMNS),
            ("dossiers", OPTIONAL_DOSSIER_COLUMNS),
        ):
            used_columns = {name for row in rows.get(table, []) for name in row}
            for column in optional:
                if table in present and column not in used_columns:
                    conn.execute(text(f"ALTER TABLE {table} DROP COLUMN {column}"))


def build_database(
    backend: str, rows: dict[str, list[dict]], tmp_dir: Path, tables=None, loose: bool = False
) -> str:
    """Create the contract's tables (or only `tables`; `loose`: without their constraints,
    see loose_metadata) and insert `rows`; returns the URL. The optional table and columns
    exist only when `rows` use them (the table: `rows` has a key for it, rows or none)."""
    url = writable_url(backend, tmp_dir)
    engine = create_engine(
        make_url(url).set(drivername="postgresql+psycopg") if backend == "postgresql" else url
    )
    schema = loose_metadata() if loose else metadata
    chosen = [schema.tables[name] for name in tables] if tables else None
    schema.create_all(engine, tables=chosen)
    _optional_parts(engine, rows)
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


def dispose_databases(urls) -> None:
    """Drop the PostgreSQL ones of these databases (SQLite files go with their directory)."""
    drop_postgres_databases([url for url in urls if url.startswith("postgresql")])
