"""Writing to a database of a test's own, as the one-stop's own program would (the
dashboard only reads): for the tests of what the dashboard keeps between reads and counts
again when rows change (tests/test_quality_incremental.py, tests/test_daily_figures.py)."""

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tests.databases import _sqlite_value, build_database, drop_postgres_database

DOSSIER = (
    "INSERT INTO dossiers (id, code, procedure_id, received_unit_id, handling_unit_id, "
    "channel, received_at, due_at, finished_at, status, fee_required, fee_paid_online) "
    "VALUES (:id, :code, 1, :unit, :unit, :channel, :received, :due, :finished, :status, "
    ":no, :no)"
)


def write(url: str, backend: str, statements: list[tuple[str, dict]]) -> None:
    """Run `statements` (SQL, parameters) on the database at `url` as its own program would,
    times stored in the backend's form."""
    form = "fraction" if backend == "sqlite-fraction" else "plain"
    writer = (
        create_engine(make_url(url).set(drivername="postgresql+psycopg"))
        if backend == "postgresql"
        else create_engine(url if "://" in url else f"sqlite:///{url}")
    )
    with writer.begin() as conn:
        for statement, parameters in statements:
            if backend.startswith("sqlite"):
                parameters = {k: _sqlite_value(v, form) for k, v in parameters.items()}
            conn.execute(text(statement), parameters)
    writer.dispose()


def dossier(id, code, received, due, finished, status, channel="counter", unit=1):
    values = dict(received=received, due=due, finished=finished, status=status, no=False)
    return DOSSIER, {"id": id, "code": code, "unit": unit, "channel": channel, **values}


@pytest.fixture
def own_db(tmp_path):
    """own_db(backend, rows) -> URL of a database of the test's own, to write to."""
    made = []

    def make(backend: str, rows: dict) -> str:
        made.append(build_database(backend, rows, tmp_path, loose=True))
        return made[-1]

    yield make
    for url in made:
        if url.startswith("postgresql"):
            drop_postgres_database(url)
