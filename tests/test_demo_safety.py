"""`python -m dashboard demo` never destroys data, and its demo ends when it is built.

A target that exists is refused without `--replace`. With it, a SQLite file is replaced
only if it is a SQLite database of the contract's tables alone, and in PostgreSQL only
the contract's tables are dropped and rebuilt: another application's tables keep their
rows (demo/store.py). Each build here covers a few weeks of 2021: well under a second.
"""

import hashlib
import sqlite3
from datetime import date, datetime

import pytest
from sqlalchemy import Date, create_engine, func, inspect, select, text
from sqlalchemy.engine import make_url

import demo
from queries.contract import Timestamp, dossiers, metadata
from tests.cli_run import refusal, run
from tests.databases import create_postgres_database, drop_postgres_database

SMALL = ["--until", "2021-01-10"]
LARGER = ["--until", "2021-01-20"]


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request, tmp_path):
    """A fresh place for a demo: a path in an empty folder, or an empty PostgreSQL database."""
    if request.param == "sqlite":
        yield str(tmp_path / "demo.sqlite")
        return
    url = create_postgres_database()
    yield url
    drop_postgres_database(url)


@pytest.fixture
def postgres_target():
    url = create_postgres_database()
    yield url
    drop_postgres_database(url)


def _engine(url: str):
    parsed = make_url(url if "://" in url else f"sqlite:///{url}")
    if parsed.get_backend_name() == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return create_engine(parsed)


def _execute(url: str, *statements: str) -> None:
    engine = _engine(url)
    with engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))
    engine.dispose()


def snapshot(url: str) -> dict[str, str]:
    """Every table's and view's rows, hashed: what must not change when a build is refused."""
    engine = _engine(url)
    inspector = inspect(engine)
    names = sorted(inspector.get_table_names() + inspector.get_view_names())
    with engine.connect() as conn:
        digests = {
            name: hashlib.sha256(
                repr(sorted(map(tuple, conn.execute(text(f"SELECT * FROM {name}"))))).encode()
            ).hexdigest()
            for name in names
        }
    engine.dispose()
    return digests


def count(url: str, table: str = "dossiers") -> int:
    engine = _engine(url)
    with engine.connect() as conn:
        found = conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
    engine.dispose()
    return found


def build(url: str, *options: str) -> None:
    done = run("demo", "--out", url, *options)
    assert done.status == 0, done.stderr


def test_an_existing_demo_is_refused_without_replace(target):
    build(target, *SMALL)
    before = snapshot(target)
    assert "--replace" in refusal("demo", "--out", target, *LARGER)
    assert snapshot(target) == before


def test_replace_rebuilds_an_earlier_demo(target):
    build(target, *SMALL)
    small = count(target)
    build(target, *LARGER, "--replace")
    assert count(target) > small


def test_postgres_replace_keeps_other_tables_and_their_rows(postgres_target):
    build(postgres_target, *SMALL)
    _execute(
        postgres_target,
        "CREATE TABLE other_app_data (id integer PRIMARY KEY, note text)",
        "INSERT INTO other_app_data VALUES (1, 'giữ lại'), (2, 'cũng giữ')",
    )
    kept = snapshot(postgres_target)["other_app_data"]
    small = count(postgres_target)
    build(postgres_target, *LARGER, "--replace")
    assert count(postgres_target) > small
    assert snapshot(postgres_target)["other_app_data"] == kept


def test_postgres_table_that_depends_on_the_contract_stops_the_replace(postgres_target):
    build(postgres_target, *SMALL)
    _execute(
        postgres_target,
        "CREATE TABLE other_app_data (id integer PRIMARY KEY,"
        " dossier_id bigint REFERENCES dossiers (id))",
        "INSERT INTO other_app_data SELECT 1, min(id) FROM dossiers",
    )
    before = snapshot(postgres_target)
    line = refusal("demo", "--out", postgres_target, *LARGER, "--replace")
    assert "phụ thuộc vào bảng của hợp đồng dữ liệu" in line and "SQL" not in line
    assert snapshot(postgres_target) == before


def test_views_named_like_the_contract_are_a_real_database(target):
    # An integrator maps a real one-stop database onto the contract with views.
    _execute(
        target,
        "CREATE TABLE source_units (ma integer, ten text)",
        "INSERT INTO source_units VALUES (1, 'Thị trấn Một Ngàn')",
        "CREATE VIEW units AS SELECT ma AS id, ten AS name FROM source_units",
    )
    before = snapshot(target)
    line = refusal("demo", "--out", target, *SMALL, "--replace")
    assert "units" in line and "kể cả với --replace" in line
    assert snapshot(target) == before


def test_sqlite_with_other_tables_is_never_replaced(tmp_path):
    path = str(tmp_path / "app.sqlite")
    build(path, *SMALL)
    _execute(
        path, "CREATE TABLE other_app_data (id integer)", "INSERT INTO other_app_data VALUES (7)"
    )
    before = snapshot(path)
    line = refusal("demo", "--out", path, *SMALL, "--replace")
    assert "other_app_data" in line and "kể cả với --replace" in line
    assert snapshot(path) == before


@pytest.mark.parametrize("replace", [[], ["--replace"]])
def test_a_file_that_is_not_a_database_is_never_overwritten(tmp_path, replace):
    notes = tmp_path / "notes.sqlite"
    notes.write_text("Ghi chú họp giao ban\n", encoding="utf-8")
    line = refusal("demo", "--out", str(notes), *SMALL, *replace)
    assert ("không phải cơ sở dữ liệu SQLite" if replace else "--replace") in line
    assert notes.read_text(encoding="utf-8") == "Ghi chú họp giao ban\n"
    assert [p.name for p in tmp_path.iterdir()] == ["notes.sqlite"]  # no temporary left


def test_an_empty_file_counts_as_an_empty_database(tmp_path):
    # SQLite itself reads an empty file so: nothing in it to lose.
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    build(str(empty), *SMALL, "--replace")
    assert count(str(empty)) > 0


# The demo ends at the moment it is built ---------------------------------------------


def _latest(path: str) -> dict[str, object]:
    """The latest value of every time and date column but the appointments (`due_at`
    lies ahead of an open dossier, as in any register)."""
    columns = [
        column
        for table in metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, Timestamp | Date) and column.name != "due_at"
    ]
    with create_engine(f"sqlite:///{path}").connect() as conn:
        return {str(c): conn.execute(select(func.max(c))).scalar() for c in columns}


def test_a_demo_built_today_holds_nothing_after_now(tmp_path):
    now = datetime(2021, 3, 10, 10, 30, 15)  # a Wednesday, the offices open since 07:00
    path = str(tmp_path / "now.sqlite")
    demo.build(path, now=now)
    for column, value in _latest(path).items():
        if value is None:
            continue
        limit = now if isinstance(value, datetime) else now.date()
        assert value <= limit, column
    with create_engine(f"sqlite:///{path}").connect() as conn:
        this_morning = select(func.count()).where(dossiers.c.received_at >= "2021-03-10")
        assert conn.execute(this_morning).scalar_one() > 0  # cut at 10:30, not at midnight
        # Open at that moment: no finish, an open status.
        statuses = select(dossiers.c.status).where(dossiers.c.finished_at.is_(None)).distinct()
        assert set(conn.execute(statuses).scalars()) <= {"processing", "paused"}


def _all_columns(table) -> str:
    return ", ".join(str(i) for i in range(1, len(table.columns) + 1))


def _stored(path: str) -> str:
    with sqlite3.connect(path) as conn:
        rows = [
            conn.execute(f"SELECT * FROM {t.name} ORDER BY {_all_columns(t)}").fetchall()
            for t in metadata.sorted_tables
        ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_a_past_until_ends_at_that_days_end_whenever_built(tmp_path):
    day = date(2021, 3, 9)
    first, later = str(tmp_path / "a.sqlite"), str(tmp_path / "b.sqlite")
    demo.build(first, until=day, now=datetime(2021, 3, 10, 10, 30))
    demo.build(later, until=day, now=datetime(2021, 6, 1, 8, 0))
    assert _stored(first) == _stored(later)
    with create_engine(f"sqlite:///{first}").connect() as conn:
        afternoon = select(func.count()).where(dossiers.c.received_at >= "2021-03-09 10:30:00")
        assert conn.execute(afternoon).scalar_one() > 0  # the whole day, not up to 10:30
        assert conn.execute(select(func.max(dossiers.c.received_at))).scalar() < datetime(
            2021, 3, 10
        )


def test_a_future_until_is_refused(tmp_path):
    with pytest.raises(demo.DemoError, match="sau hôm nay"):
        demo.build(tmp_path / "x.sqlite", until=date(2021, 3, 11), now=datetime(2021, 3, 10, 9))
    assert not list(tmp_path.iterdir())
