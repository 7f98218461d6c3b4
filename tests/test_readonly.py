"""The dashboard's engine cannot change the database it monitors, on either engine."""

import pytest
from sqlalchemy import exc, select, text

from queries import connection as db
from queries.contract import units
from tests import fixture_cohort

WRITES = [
    "INSERT INTO units (id, code, name, kind) VALUES (99, 'X', 'X', 'commune')",
    "UPDATE dossiers SET status = 'resolved'",
    "DELETE FROM dossiers",
    "CREATE TABLE scratch (id integer)",
    "DROP TABLE ratings",
    "ALTER TABLE units ADD COLUMN note text",
]


@pytest.fixture
def url(backend, make_db):
    return make_db(backend, fixture_cohort.ROWS)


@pytest.fixture
def engine(url):
    engine = db.readonly_engine(url)
    yield engine
    engine.dispose()


@pytest.mark.parametrize("statement", WRITES)
def test_writes_fail(engine, statement):
    with pytest.raises(exc.DBAPIError) as raised:
        with engine.begin() as conn:
            conn.execute(text(statement))
    message = str(raised.value.orig).lower()
    assert "read-only" in message or "readonly" in message


def test_nothing_changed_after_attempts(engine):
    for statement in WRITES:
        with pytest.raises(exc.DBAPIError), engine.begin() as conn:
            conn.execute(text(statement))
    with engine.connect() as conn:
        assert conn.execute(select(units.c.code).order_by(units.c.id)).scalars().all() == [
            "CTA",
            "CTA-MN",
            "CTA-BN",
            "P-TP",
            "P-TNMT",
        ]
        assert conn.execute(text("SELECT count(*) FROM dossiers")).scalar() == 18
        assert conn.execute(text("SELECT count(*) FROM ratings")).scalar() == 0


def test_postgres_session_is_read_only_with_timeout(make_db):
    engine = db.readonly_engine(make_db("postgresql", fixture_cohort.ROWS), timeout_ms=200)
    with engine.connect() as conn:
        assert conn.execute(text("SHOW default_transaction_read_only")).scalar() == "on"
        assert conn.execute(text("SHOW statement_timeout")).scalar() == "200ms"
        with pytest.raises(exc.OperationalError) as raised:
            conn.execute(text("SELECT pg_sleep(2)"))
        assert raised.value.orig.sqlstate == "57014"  # query_canceled


def test_postgres_pool_is_small_and_pre_pings(make_db):
    engine = db.readonly_engine(make_db("postgresql", fixture_cohort.ROWS))
    assert engine.pool.size() == db.POOL_SIZE
    assert engine.pool._pre_ping


def test_missing_sqlite_file_is_not_created(tmp_path):
    path = tmp_path / "absent.sqlite"
    with pytest.raises(exc.OperationalError):
        with db.readonly_engine(str(path)).connect() as conn:
            conn.execute(text("SELECT 1"))
    assert not path.exists()


def test_url_resolution_order(tmp_path, monkeypatch):
    secrets = tmp_path / "secrets.toml"
    monkeypatch.delenv(db.URL_ENV, raising=False)
    assert db.resolve_url(secrets) == str(db.DEMO_PATH)
    secrets.write_text(
        '[connections.onestop]\nurl = "postgresql://ro:pw@db.example:5432/onestop"\n'
        "statement_timeout_ms = 5000\n"
    )
    assert db.resolve_url(secrets) == "postgresql://ro:pw@db.example:5432/onestop"
    assert db.statement_timeout_ms(secrets) == 5000
    monkeypatch.setenv(db.URL_ENV, "sqlite:///elsewhere.sqlite")
    assert db.resolve_url(secrets) == "sqlite:///elsewhere.sqlite"


def test_describe_hides_password():
    shown = db.describe("postgresql://ro:secret@db.example:5432/onestop")
    assert "secret" not in shown and "db.example" in shown
