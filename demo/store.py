"""Writing the demo's rows: a SQLite file swapped in atomically, or PostgreSQL via COPY.

Rows arrive as tuples of plain Python values in the table's column order:
timestamps as `YYYY-MM-DD HH:MM:SS` text, dates as `date`, booleans as `bool`.
"""

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import Date, create_engine, text
from sqlalchemy.engine import URL
from sqlalchemy.pool import NullPool
from sqlalchemy.schema import AddConstraint, CreateIndex, CreateTable

from queries.contract import metadata


def _columns(table: str) -> list[str]:
    return [column.name for column in metadata.tables[table].columns]


class SqliteStore:
    """Builds the database in a temporary file beside the target, then renames it over it.

    The app may be reading the old file meanwhile; it keeps its handle on the old
    inode (and NullPool makes its next connection open the new file).
    """

    def __init__(self, path: Path):
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
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
    """

    def __init__(self, url: URL):
        self.engine = create_engine(url, poolclass=NullPool)
        self.conn = self.engine.connect()
        self.transaction = self.conn.begin()
        metadata.drop_all(self.conn)
        for table in metadata.sorted_tables:
            self.conn.execute(CreateTable(table, include_foreign_key_constraints=[]))
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
        self.transaction.commit()
        for table in metadata.sorted_tables:
            self.conn.execute(text(f"ANALYZE {table.name}"))
        self.conn.commit()
        self.conn.close()
        self.engine.dispose()

    def abort(self) -> None:
        self.transaction.rollback()
        self.conn.close()
        self.engine.dispose()


def open_store(url: URL):
    if url.get_backend_name() == "sqlite":
        return SqliteStore(Path(url.database).expanduser().resolve())
    if url.get_backend_name() == "postgresql":
        return PostgresStore(url)
    raise ValueError(f"Unsupported database: {url.get_backend_name()}")
