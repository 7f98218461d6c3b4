"""Writing the demo's rows: a SQLite file swapped in atomically, or PostgreSQL via COPY.

Rows arrive as tuples of plain Python values in the table's column order:
timestamps as `YYYY-MM-DD HH:MM:SS` text, dates as `date`, booleans as `bool`.

The builder never destroys data it did not make. A target that already exists
(a SQLite file, or a PostgreSQL database holding any of the contract's tables)
is refused unless `replace`; and even then a SQLite file is replaced only if it
is a SQLite database holding nothing but the contract's tables (an earlier demo,
or an empty one), and in PostgreSQL only the contract's own tables are dropped
and recreated: other tables keep their rows, and the contract's names standing
as views (an integrator's mapping of a real database) are never replaced.
"""

import os
import sqlite3
import tempfile
from collections.abc import Iterable
from contextlib import closing
from pathlib import Path

from sqlalchemy import Connection, Date, create_engine, inspect, text
from sqlalchemy.engine import URL
from sqlalchemy.pool import NullPool
from sqlalchemy.schema import AddConstraint, CreateIndex, CreateTable

from demo.errors import DemoError
from queries.connection import describe
from queries.contract import metadata, postgres_extras_sql

CONTRACT_TABLES = frozenset(metadata.tables)
SQLITE_HEADER = b"SQLite format 3\x00"


def _columns(table: str) -> list[str]:
    return [column.name for column in metadata.tables[table].columns]


class SqliteStore:
    """Builds the database in a temporary file beside the target, then renames it over it.

    The app may be reading the old file meanwhile; it keeps its handle on the old
    inode (and NullPool makes its next connection open the new file).
    """

    def __init__(self, path: Path, replace: bool = False):
        _check_sqlite_target(path, replace)
        self.path = path
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        os.close(handle)
        self.tmp = Path(name)
        self.engine = create_engine(f"sqlite:///{self.tmp}", poolclass=NullPool)
        metadata.create_all(self.engine)
        self.raw = self.engine.raw_connection()
        # A scratch file until the rename: no journal, no fsync per transaction.
        self.raw.execute("PRAGMA journal_mode = OFF")
        self.raw.execute("PRAGMA synchronous = OFF")

    def add(self, table: str, rows: Iterable[tuple]) -> None:
        columns = _columns(table)
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        dates = [
            i for i, c in enumerate(metadata.tables[table].columns) if isinstance(c.type, Date)
        ]
        if dates:
            rows = (_iso_dates(row, dates) for row in rows)
        self.raw.cursor().executemany(sql, rows)

    def commit(self) -> None:
        self.raw.commit()
        self.raw.execute("ANALYZE")
        self.raw.close()
        self.engine.dispose()
        self.tmp.chmod(0o644)  # mkstemp made it private; the app may run as another user
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        self.raw.close()
        self.engine.dispose()
        self.tmp.unlink(missing_ok=True)


def _sqlite_objects(path: Path) -> dict[str, str] | None:
    """The tables and views of a SQLite file (name → `table` or `view`), or None if it
    is not a SQLite database."""
    if path.stat().st_size == 0:
        return {}  # SQLite reads an empty file as an empty database
    with path.open("rb") as f:
        if f.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            return None
    try:
        with closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as conn:
            query = "SELECT name, type FROM sqlite_master WHERE type IN ('table', 'view')"
            objects = dict(conn.execute(query).fetchall())
    except sqlite3.DatabaseError:  # the header of one, the body of something else
        return None
    return {name: kind for name, kind in objects.items() if not name.startswith("sqlite_")}


def _check_sqlite_target(path: Path, replace: bool) -> None:
    if path.is_dir():
        raise DemoError(f"{path} là một thư mục, không phải tệp cơ sở dữ liệu")
    if not path.parent.is_dir():
        raise DemoError(f"không có thư mục {path.parent}")
    if not path.exists():
        return
    if not replace:
        raise DemoError(f"{path} đã có: thêm --replace để thay tệp này bằng bản demo mới")
    objects = _sqlite_objects(path)
    if objects is None:
        raise DemoError(
            f"{path} không phải cơ sở dữ liệu SQLite: không ghi đè, kể cả với --replace"
        )
    others = sorted(n for n, kind in objects.items() if n not in CONTRACT_TABLES or kind != "table")
    if others:
        raise DemoError(
            f"{path} chứa dữ liệu ngoài các bảng của hợp đồng dữ liệu ({', '.join(others)}): "
            "không ghi đè, kể cả với --replace"
        )


def _iso_dates(row: tuple, positions: list[int]) -> tuple:
    # Dates as ISO text, like the timestamps; sqlite3's own date adapter is deprecated.
    values = list(row)
    for i in positions:
        if values[i] is not None:
            values[i] = values[i].isoformat()
    return tuple(values)


class PostgresStore:
    """Drops and recreates the contract tables and bulk-loads them with COPY, in one transaction.

    Readers keep seeing the old tables until the commit. The tables are created
    without their foreign keys and secondary indexes, which are added after the
    load: checking four foreign keys row by row made COPY about twice as slow.
    Only the contract's tables are dropped; a table or view of another application
    that depends on one of them makes the drop fail, and the whole transaction with it.
    """

    def __init__(self, url: URL, replace: bool = False):
        self.engine = create_engine(url, poolclass=NullPool)
        self.conn = self.engine.connect()
        self.transaction = self.conn.begin()
        try:
            _check_postgres_target(self.conn, url, replace)
            metadata.drop_all(self.conn)
            for table in metadata.sorted_tables:
                self.conn.execute(CreateTable(table, include_foreign_key_constraints=[]))
        except BaseException:
            self.abort()
            raise
        self.cursor = self.conn.connection.driver_connection.cursor()

    def add(self, table: str, rows: Iterable[tuple]) -> None:
        statement = f"COPY {table} ({', '.join(_columns(table))}) FROM STDIN"
        with self.cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)

    def commit(self) -> None:
        for table in metadata.sorted_tables:
            for key in table.foreign_key_constraints:
                self.conn.execute(AddConstraint(key))
            for index in table.indexes:
                self.conn.execute(CreateIndex(index))
        for statement in postgres_extras_sql():
            self.conn.execute(text(statement))
        self.transaction.commit()
        self.conn.close()
        # VACUUM, not only ANALYZE: it marks the pages all-visible, without which no
        # index-only scan happens (on a real database autovacuum does it).
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            for table in metadata.sorted_tables:
                conn.execute(text(f"VACUUM (ANALYZE) {table.name}"))
        self.engine.dispose()

    def abort(self) -> None:
        self.transaction.rollback()
        self.conn.close()
        self.engine.dispose()


def _check_postgres_target(conn: Connection, url: URL, replace: bool) -> None:
    inspector = inspect(conn)
    where = describe(url.render_as_string(hide_password=False))
    views = set(inspector.get_view_names()) | set(inspector.get_materialized_view_names())
    views = sorted(CONTRACT_TABLES & views)
    if views:
        raise DemoError(
            f"{where} có view mang tên bảng của hợp đồng dữ liệu ({', '.join(views)}): "
            "cơ sở dữ liệu thật, không ghi đè, kể cả với --replace"
        )
    present = sorted(CONTRACT_TABLES & set(inspector.get_table_names()))
    if present and not replace:
        raise DemoError(
            f"{where} đã có bảng của hợp đồng dữ liệu ({', '.join(present)}): thêm --replace "
            "để thay riêng các bảng này bằng bản demo (các bảng khác giữ nguyên)"
        )


def open_store(url: URL, replace: bool = False):
    """Where the rows go; a target the builder must not overwrite raises DemoError."""
    if url.get_backend_name() == "sqlite":
        return SqliteStore(Path(url.database or "").expanduser().resolve(), replace)
    if url.get_backend_name() == "postgresql":
        return PostgresStore(url, replace)
    raise DemoError(
        f"không tạo được bản demo trên {url.get_backend_name()}: chỉ SQLite hoặc PostgreSQL"
    )
