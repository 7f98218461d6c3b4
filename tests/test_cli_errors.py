"""`python -m dashboard …` never shows a traceback: whatever a user gets wrong (an option,
the database, a file, a setting) ends as one Vietnamese line on stderr and a failing
status, without SQL, parameters, a password or a URL's query string. And every CSV it
writes keeps formula-like text inert.

The commands run in this process (tests/cli_run.py); one runs the real entry point.
"""

import csv
import hashlib
import io
import json
import socket
import struct
import subprocess
import sys
import threading
import uuid
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from dashboard import exports
from queries import connection as db
from tests import fixture_late
from tests.cli_run import is_refusal, refusal, run
from tests.databases import (
    PROJECT_ROOT,
    build_database,
    dispose_databases,
    postgres_server_url,
)

pytestmark = pytest.mark.engines_only  # over queries tested in both SQLite forms

PERIOD = ["--start", "2022-03-01", "--end", "2022-03-31"]
# Text a spreadsheet would run: each starts with one of exports.FORMULA_STARTS.
FORMULAS = ('=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1)", "\t=1+1", "\r=2+2")


# Options -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def url(make_db) -> str:
    return make_db("sqlite", fixture_late.ROWS)


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["kpis", "--start", "2022-03-01", "--end", "9999-12-31"], "--end: '9999-12-31'"),
        (["kpis", "--start", "2022-02-30", "--end", "2022-03-31"], "--start: '2022-02-30'"),
        # 60 working days after it would overflow the calendar: 2100 is the last year taken.
        (["late", "--start", "2022-03-01", "--end", "9999-12-30", "--state", "due-soon"], "--end"),
        (["late", *PERIOD, "--state", "due-soon", "--days", "61"], "từ 1 đến 60"),
        (["late", *PERIOD, "--state", "due-soon", "--days", "1e3"], "--days: '1e3'"),
        (["late", *PERIOD, "--state", "soon"], "'soon' không phải một lựa chọn"),
        (["kpis", "--week", "2024-W99"], "không phải một tuần ISO"),
        (["kpis", "--week", "9999-W52"], "không phải một tuần ISO"),
        (["kpis", "--wek", "2024-W45"], "không hiểu: --wek"),
        (["kpis", "--start", "2022-03-31", "--end", "2022-03-01"], "trước khi bắt đầu"),
        (["late", *PERIOD, "--unit", "'; DROP TABLE dossiers;--"], "không có đơn vị nào mã"),
        (["nothing"], "lệnh: 'nothing' không phải một lựa chọn"),
        ([], "thiếu lệnh"),
    ],
)
def test_a_wrong_option_is_one_line(url, args, said):
    db_option = ["--db", url] if args and args[0] in ("kpis", "late") else []
    assert said in refusal(*args[:1], *db_option, *args[1:])


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--scale", "nan"], "--scale nan nằm ngoài khoảng 0.1 … 100"),
        (["--scale", "inf"], "--scale inf nằm ngoài"),
        (["--scale", "-1"], "--scale -1 nằm ngoài"),
        (["--scale", "0"], "--scale 0 nằm ngoài"),
        (["--scale", "many"], "--scale: 'many' không phải một số"),
        (["--seed", "-1"], "--seed: '-1' không phải số nguyên"),
        (["--until", "2020-12-31"], "nằm ngoài các năm của bản demo"),
        (["--until", str(date.today() + timedelta(days=1))], "là ngày sau hôm nay"),
    ],
)
def test_a_demo_that_cannot_be_built_is_one_line_and_no_file(tmp_path, args, said):
    out = tmp_path / "demo.sqlite"
    assert said in refusal("demo", "--out", str(out), *args)
    assert not list(tmp_path.iterdir())


# The database ---------------------------------------------------------------------------


def test_a_missing_file_a_folder_and_a_text_file_as_db(tmp_path):
    notes = tmp_path / "notes.sqlite"
    notes.write_text("SELECT secret FROM nowhere; not a database\n" * 50)
    cases = {
        str(tmp_path / "absent.sqlite"): "không có tệp cơ sở dữ liệu",
        str(tmp_path): "là một thư mục",
        str(notes): "không phải cơ sở dữ liệu SQLite",
    }
    for db_path, said in cases.items():
        line = refusal("kpis", "--db", db_path, *PERIOD)
        assert said in line
        # Neither the statement nor its parameters (SQLAlchemy's message has both).
        assert "SELECT" not in line and "[parameters" not in line and "2022-03" not in line
    assert not (tmp_path / "absent.sqlite").exists()


@pytest.mark.parametrize(
    ("db_url", "said"),
    [
        ("mysql://reader:s3cret@db.example/onestop", "loại 'mysql'"),
        ("http://reader:s3cret@db.example/onestop", "loại 'http'"),
        (
            "postgresql://reader:s3cret@db.example:notaport/x",
            "không phải đường dẫn tệp SQLite hay URL",
        ),
        (
            "postgresql://reader:s3cret@127.0.0.1:1/x?password=s3cret&sslmode=disable",
            "không kết nối được",
        ),
        ("", "--db trống"),
    ],
)
def test_an_unusable_url_is_one_line_without_secrets(db_url, said):
    line = refusal("kpis", "--db", db_url, *PERIOD)
    assert said in line
    assert "s3cret" not in line and "sslmode" not in line


def test_an_unknown_role_and_database():
    server = make_url(postgres_server_url())
    stranger = server.set(username=f"nobody_{uuid.uuid4().hex[:8]}", password="s3cret")
    line = refusal("kpis", "--db", stranger.render_as_string(False), *PERIOD)
    assert "không có người dùng (role) này" in line and "s3cret" not in line
    absent = server.set(database=f"absent_{uuid.uuid4().hex[:8]}")
    line = refusal("kpis", "--db", absent.render_as_string(False), *PERIOD)
    assert line.startswith("lỗi: máy chủ không có cơ sở dữ liệu postgresql")


def _read(conn: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = conn.recv(size - len(data))
        if not chunk:
            raise ConnectionError("client gone")
        data += chunk
    return data


def _refuse_passwords(listener: socket.socket) -> None:
    # The protocol's start: decline SSL/GSS encryption ('N'), then answer the startup
    # message as PostgreSQL answers a wrong password (ErrorResponse, SQLSTATE 28P01).
    error = b"SFATAL\0VFATAL\0C28P01\0M" + b'password authentication failed for user "ro"\0\0'
    while True:
        try:
            conn, _ = listener.accept()
        except OSError:  # closed: the test is over
            return
        with conn:
            try:
                while True:
                    length, code = struct.unpack("!ii", _read(conn, 8))
                    if code in (80877103, 80877104):  # SSLRequest, GSSENCRequest
                        conn.sendall(b"N")
                        continue
                    _read(conn, length - 8)
                    conn.sendall(b"E" + struct.pack("!i", len(error) + 4) + error)
                    break
            except ConnectionError:
                pass


@pytest.fixture
def password_refusing_port():
    """A server that refuses every password: the test server trusts every login."""
    listener = socket.create_server(("127.0.0.1", 0))
    threading.Thread(target=_refuse_passwords, args=(listener,), daemon=True).start()
    yield listener.getsockname()[1]
    listener.close()


def test_a_wrong_password(password_refusing_port):
    url = f"postgresql://ro:s3cret@127.0.0.1:{password_refusing_port}/onestop"
    line = refusal("kpis", "--db", url, *PERIOD)
    assert "từ chối đăng nhập: sai mật khẩu" in line
    assert "s3cret" not in line and "ro:***@127.0.0.1" in line


@pytest.fixture
def damaged(backend, tmp_path):
    """make(drop) -> URL of a database with fixture_late's rows, less what `drop` removes
    (a test that changes its database builds its own)."""
    built = []

    def make(drop: str) -> str:
        url = build_database(backend, fixture_late.ROWS, tmp_path)
        built.append(url)
        writable = make_url(url)
        if backend == "postgresql":
            writable = writable.set(drivername="postgresql+psycopg")
        engine = create_engine(writable)
        with engine.begin() as conn:
            conn.execute(text(drop))
        engine.dispose()
        return url

    yield make
    dispose_databases(built)


def test_a_database_missing_a_contract_table(damaged, backend):
    cascade = " CASCADE" if backend == "postgresql" else ""  # the foreign keys go with it
    line = refusal("late", "--db", damaged(f"DROP TABLE officers{cascade}"), *PERIOD)
    assert "thiếu bảng officers của hợp đồng dữ liệu" in line
    assert "SELECT" not in line


def test_a_database_missing_a_contract_column(damaged):
    line = refusal("late", "--db", damaged("ALTER TABLE dossiers DROP COLUMN late_reason"), *PERIOD)
    assert "thiếu cột" in line and "late_reason" in line
    assert "SELECT" not in line


@pytest.mark.parametrize("value", ["abc", "0", "99", "600001", "1.5", " ", "-200"])
def test_a_wrong_timeout_setting_is_one_line(url, monkeypatch, value):
    monkeypatch.setenv(db.TIMEOUT_ENV, value)
    line = refusal("kpis", "--db", url, *PERIOD)
    assert f"{db.TIMEOUT_ENV} = {value!r}" in line and "từ 100 đến 600000" in line


@pytest.mark.parametrize(
    ("setting", "expected"),
    [("250", 250), (" 600000 ", 600_000), ("100", 100), ("", 15_000)],
)
def test_timeout_from_the_environment(monkeypatch, tmp_path, setting, expected):
    monkeypatch.setenv(db.TIMEOUT_ENV, setting)  # empty: not set, the default
    assert db.statement_timeout_ms(tmp_path / "none.toml") == expected


@pytest.mark.parametrize(
    ("line", "expected"), [("5000", 5000), ('"5000"', 5000), ("0", None), ("true", None)]
)
def test_timeout_from_the_secrets(monkeypatch, tmp_path, line, expected):
    monkeypatch.delenv(db.TIMEOUT_ENV, raising=False)
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(f"[connections.onestop]\nstatement_timeout_ms = {line}\n")
    if expected is not None:
        assert db.statement_timeout_ms(secrets) == expected
        return
    with pytest.raises(db.ConfigError, match="statement_timeout_ms trong .*secrets.toml"):
        db.statement_timeout_ms(secrets)


# Files written ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["form06a", *PERIOD, "--out"],
        ["brief", "--week", "2022-W12", "--out"],
    ],
)
def test_out_into_a_missing_folder_or_onto_a_folder(url, tmp_path, args):
    folder = tmp_path / "report.xlsx" if args[0] == "form06a" else tmp_path / "report.pdf"
    folder.mkdir()
    line = refusal(*args[:1], "--db", url, *args[1:], str(folder))
    assert "là một thư mục" in line
    line = refusal(*args[:1], "--db", url, *args[1:], str(tmp_path / "absent" / folder.name))
    assert "không có thư mục" in line


def test_demo_out_into_a_missing_folder_or_onto_a_folder(tmp_path):
    assert "không có thư mục" in refusal("demo", "--out", str(tmp_path / "absent" / "d.sqlite"))
    assert "là một thư mục" in refusal("demo", "--out", str(tmp_path), "--replace")


def test_the_real_entry_point_prints_one_line(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "kpis", "--db", str(tmp_path / "x.sqlite"), *PERIOD],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1 and done.stdout == ""
    assert done.stderr == f"lỗi: không có tệp cơ sở dữ liệu {tmp_path / 'x.sqlite'}\n"


# Formula-like text in what the command line writes --------------------------------------


def _hostile_rows() -> dict:
    """fixture_late with unit names, late reasons and procedure fields a spreadsheet runs."""
    names = iter(FORMULAS)
    units = [{**u, "name": next(names)} for u in fixture_late.UNITS]
    reasons = iter(FORMULAS * 3)
    dossiers = [
        {**d, "late_reason": next(reasons) if d["late_reason"] else None}
        for d in fixture_late.DOSSIERS
    ]
    fields = iter(FORMULAS)
    procedures = [{**p, "field": next(fields)} for p in fixture_late.PROCEDURES]
    return {**fixture_late.ROWS, "units": units, "dossiers": dossiers, "procedures": procedures}


@pytest.fixture(scope="module")
def hostile(make_db):
    return lambda backend: make_db(backend, _hostile_rows())


def _assert_inert(cells: list[str]) -> None:
    assert not [c for c in cells if c.startswith(exports.FORMULA_STARTS)]
    # The hostile text made it through, prefixed (so the test cannot pass on empty output).
    assert {"'" + f for f in FORMULAS[:4]} <= set(cells)


def _csv_cells(data: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(data)) for cell in row]


@pytest.mark.parametrize(
    "args",
    [
        ["late", *PERIOD, "--state", "late"],
        ["late", *PERIOD, "--state", "overdue"],
        ["kpis", *PERIOD, "--group", "unit"],
        ["kpis", *PERIOD, "--group", "handling"],
    ],
)
def test_csv_on_stdout_is_inert_and_json_exact(hostile, backend, args):
    url = hostile(backend)
    done = run(*args[:1], "--db", url, *args[1:], "--format", "csv")
    assert done.status == 0, done.stderr
    cells = _csv_cells(done.stdout)
    assert not [c for c in cells if c.startswith(exports.FORMULA_STARTS)]
    assert any(c.startswith("'") and c[1:] in FORMULAS for c in cells)
    # JSON is data, not a spreadsheet: the text exactly as stored.
    records = json.loads(run(*args[:1], "--db", url, *args[1:]).stdout)
    assert any(value in FORMULAS for record in records for value in record.values())


def test_form06a_files_are_inert(hostile, backend, tmp_path):
    url = hostile(backend)
    base = ["form06a", "--db", url, *PERIOD]
    # CTA-MN's name is the HYPERLINK: it heads the title of its form.
    assert run(*base, "--unit", "CTA-MN", "--out", str(tmp_path / "f.xlsx")).status == 0
    sheet = load_workbook(tmp_path / "f.xlsx").active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert any("HYPERLINK" in str(c.value) for c in cells)
    assert run(*base, "--out", str(tmp_path / "f.csv")).status == 0
    cells = _csv_cells((tmp_path / "f.csv").read_text(encoding="utf-8-sig"))
    assert not [c for c in cells if c.startswith(exports.FORMULA_STARTS)]
    assert "'" + FORMULAS[0] in cells


def test_page_exports_keep_title_and_headers_inert():
    import pandas as pd

    frame = pd.DataFrame({f: [f, 1] for f in FORMULAS})
    cells = _csv_cells(exports.csv_bytes(frame).decode("utf-8-sig"))
    _assert_inert(cells)
    book = load_workbook(io.BytesIO(exports.xlsx_bytes(frame, FORMULAS[0])))
    written = [c for row in book.active.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in written if c.data_type == "f"]
    assert {c.value for c in written} >= set(FORMULAS)  # text kept exact, typed as text


# Generated input: whatever the options hold ----------------------------------------------


# Odd values: boundaries, impossible or out-of-range dates and weeks, numbers a parser may
# half-accept, SQL, full-width digits, a line break, a formula; and random text.
CRAFTED = (
    "",
    " ",
    "31/03/2022",
    "1990-01-01",
    "2100-12-31",
    "0001-01-01",
    "9999-12-31",
    "2022-02-30",
    "2024-W53",
    "9999-W52",
    "0",
    "-1",
    "61",
    "1e308",
    "nan",
    "-inf",
    "'; DROP TABLE dossiers;--",
    '" OR 1=1 --',
    "２０２２-03-01",
    "Thị trấn Một Ngàn",
    "\n",
    '=HYPERLINK("http://x","y")',
)
ODD = st.one_of(st.sampled_from(CRAFTED), st.text(max_size=24))


def _mostly(valid: st.SearchStrategy) -> st.SearchStrategy:
    """Nine times in ten a valid value, else an odd one: both the refusals and the
    queries behind valid options get exercised."""
    return st.integers(0, 9).flatmap(lambda k: valid if k else ODD)


# Around the fixture's dossiers (March 2022); a valid start comes before a valid end.
_DAYS = st.dates(date(2021, 12, 1), date(2022, 5, 31))
VALUES = {
    "--start": _mostly(st.dates(date(2021, 12, 1), date(2022, 3, 15)).map(str)),
    "--end": _mostly(st.dates(date(2022, 3, 15), date(2022, 5, 31)).map(str)),
    "--until": _mostly(_DAYS.map(str)),
    "--week": _mostly(_DAYS.map(lambda d: "{}-W{:02d}".format(*d.isocalendar()[:2]))),
    "--group": _mostly(st.sampled_from(["unit", "kind", "handling"])),
    "--topic": _mostly(st.sampled_from(["dossiers", "satisfaction", "ocop"])),
    "--format": _mostly(st.sampled_from(["json", "csv", "table"])),
    "--unit": _mostly(st.sampled_from([u["code"] for u in fixture_late.UNITS])),
    "--state": _mostly(st.sampled_from(["late", "overdue", "due-soon"])),
    "--days": _mostly(st.integers(1, 60).map(str)),
    "--basis": _mostly(st.sampled_from(["received", "flow"])),
    "--scale": _mostly(st.floats().map(str)),
    "--seed": _mostly(st.integers(0, 10**6).map(str)),
}
# Per command: the options it mostly gets, then those it may get.
OPTIONS = {
    "kpis": (("--start", "--end"), ("--week", "--group", "--topic", "--format")),
    "late": (("--start", "--end"), ("--unit", "--state", "--days", "--basis", "--format")),
    "demo": ((), ("--until", "--scale", "--seed")),
}


@st.composite
def command_lines(draw) -> list[str]:
    command = draw(st.sampled_from(sorted(OPTIONS)))
    usual, optional = OPTIONS[command]
    chosen = [o for o in usual if draw(st.integers(0, 9))]  # one in ten left out
    chosen += draw(st.lists(st.sampled_from(optional), unique=True, max_size=3))
    # `--option=value`: a value starting with '-' is taken as the value, not an option.
    return [command, *(f"{option}={draw(VALUES[option])}" for option in chosen)]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@settings(max_examples=80, deadline=None, database=None)
@given(argv=command_lines())
def test_any_options_end_in_figures_or_one_plain_line(url, argv):
    path = Path(make_url(url).database)
    before = _digest(path)
    # The demo's --out is the fixture itself: refused (it exists, no --replace) or
    # stopped earlier by an option, never written.
    target = ["--db", url] if argv[0] != "demo" else ["--out", str(path)]
    outcome = run(argv[0], *target, *argv[1:])
    assert outcome.status == 0 or is_refusal(outcome), outcome
    assert _digest(path) == before
