"""`python -m dashboard users …`: the local users file, end to end."""

import io
import multiprocessing
import os
import stat
import subprocess
import sys
import tomllib

import pytest

from dashboard.auth import users, users_cli
from tests import fixture_common
from tests.cli_run import refusal, run

pytestmark = pytest.mark.engines_only  # over queries tested in both SQLite forms

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _stdin(monkeypatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))  # not a terminal


@pytest.fixture
def units_db(backend, make_db):
    return make_db(backend, {"units": fixture_common.UNITS}, ["units"])


def test_add_list_passwd_remove(tmp_path, monkeypatch, make_db):
    path = tmp_path / "users.toml"
    db = make_db("sqlite", {"units": fixture_common.UNITS}, ["units"])
    # The real command, its password on a pipe (not a terminal).
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "users", "add", "ChuTich", "--role", "leader"]
        + ["--file", str(path)],
        input="mat-khau-lanh-dao\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "đã thêm chutich" in done.stdout
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    _stdin(monkeypatch, "mat-khau-don-vi\n")
    assert (
        run(
            "users",
            "add",
            "tp-mn",
            "--role",
            "unit",
            "--unit",
            "CTA-MN",
            "--file",
            str(path),
            "--db",
            db,
        ).status
        == 0
    )
    assert (
        run(
            "users", "add", "a@tinh.gov.vn", "--role", "viewer", "--sso", "--file", str(path)
        ).status
        == 0
    )

    text = path.read_text()
    assert "mat-khau" not in text  # never in clear
    stored = tomllib.loads(text)["users"]
    assert stored["chutich"]["password"].startswith("$argon2id$")
    assert "password" not in stored["a@tinh.gov.vn"]
    table = users.read(path)
    assert users.authenticate(table, "chutich", "mat-khau-lanh-dao") == users.User(
        "chutich", "leader"
    )
    assert users.authenticate(table, "tp-mn", "sai") is None
    assert users.authenticate(table, "khong-co", "mat-khau-don-vi") is None
    assert users.authenticate(table, "a@tinh.gov.vn", "bat-ky-gi") is None  # SSO only

    listed = run("users", "list", "--file", str(path))
    assert listed.status == 0
    assert listed.stdout.splitlines() == [
        "a@tinh.gov.vn\tviewer\t-\tđăng nhập một lần (SSO)",
        "chutich\tleader\t-\tmật khẩu",
        "tp-mn\tunit\tCTA-MN\tmật khẩu",
    ]
    assert "$argon2" not in listed.stdout

    _stdin(monkeypatch, "mat-khau-moi-123\n")
    assert run("users", "passwd", "tp-mn", "--file", str(path)).status == 0
    table = users.read(path)
    assert users.authenticate(table, "tp-mn", "mat-khau-don-vi") is None
    assert users.authenticate(table, "TP-MN ", "mat-khau-moi-123").unit == "CTA-MN"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600

    assert run("users", "remove", "tp-mn", "--file", str(path)).status == 0
    assert set(users.read(path)) == {"chutich", "a@tinh.gov.vn"}
    # No temporary left; the lock stays (removing it could let two commands hold two locks).
    assert sorted(p.name for p in tmp_path.iterdir()) == [".users.toml.lock", "users.toml"]


def test_refusals(tmp_path, monkeypatch):
    path = str(tmp_path / "users.toml")
    _stdin(monkeypatch, "mat-khau-dai-du\n")
    run("users", "add", "an", "--role", "viewer", "--file", path)
    _stdin(monkeypatch, "mat-khau-dai-du\n")
    assert "đã có" in refusal("users", "add", "an", "--role", "viewer", "--file", path)
    assert "cần --unit" in refusal("users", "add", "b", "--role", "unit", "--file", path)
    assert "chỉ vai trò unit" in refusal(
        "users", "add", "b", "--role", "leader", "--unit", "X", "--file", path
    )
    assert "không hợp lệ" in refusal(
        "users", "add", "Tên có dấu", "--role", "viewer", "--file", path
    )
    _stdin(monkeypatch, "ngan\n")
    assert "ít nhất 8" in refusal("users", "add", "c", "--role", "viewer", "--file", path)
    _stdin(monkeypatch, "")
    assert "không nhận được mật khẩu" in refusal(
        "users", "add", "c", "--role", "viewer", "--file", path
    )
    assert "không có người dùng" in refusal("users", "remove", "zz", "--file", path)
    assert "không có người dùng" in refusal("users", "passwd", "zz", "--file", path)
    assert "lựa chọn" in refusal("users", "add", "c", "--role", "admin", "--file", path)
    monkeypatch.delenv("DASHBOARD_USERS_FILE", raising=False)
    monkeypatch.setattr("dashboard.auth.settings.SECRETS_PATH", tmp_path / "none.toml")
    assert "chưa biết tệp người dùng" in refusal("users", "list")
    (tmp_path / "bad.toml").write_text('[users.an]\nrole = "leader"\npassword = "clear"\n')
    assert "mã băm argon2" in refusal("users", "list", "--file", str(tmp_path / "bad.toml"))
    assert set(users.read(tmp_path / "users.toml")) == {"an"}


def test_a_unit_user_needs_a_unit_the_database_knows(tmp_path, monkeypatch, units_db):
    path = str(tmp_path / "users.toml")
    unit = ["--role", "unit", "--file", path, "--db", units_db]
    # Before: a user for a code no unit has, who would then see nothing anywhere.
    said = refusal("users", "add", "tp-x", *unit, "--unit", "KHONG-CO")
    assert said == "lỗi: không có đơn vị nào mã 'KHONG-CO' trong cơ sở dữ liệu"
    assert "'cta-mn'" in refusal("users", "add", "a@x.vn", "--sso", *unit, "--unit", "cta-mn")
    assert users.read(tmp_path / "users.toml") == {}  # nothing written, no password asked
    _stdin(monkeypatch, "mat-khau-don-vi\n")
    added = run("users", "add", "tp-mn", *unit, "--unit", "CTA-MN")
    assert added.status == 0, added.stderr
    assert added.stdout == f"đã thêm tp-mn (unit CTA-MN – Thị trấn Một Ngàn) vào {path}\n"
    # A department handles dossiers: its head may be a unit user too.
    assert run("users", "add", "tp-tp", "--sso", *unit, "--unit", "P-TP").status == 0
    assert users.read(tmp_path / "users.toml")["tp-tp"] == {"role": "unit", "unit": "P-TP"}


def test_the_unit_is_checked_against_the_apps_database(tmp_path, monkeypatch, make_db):
    db = make_db("sqlite", {"units": fixture_common.UNITS}, ["units"])
    monkeypatch.setenv("DASHBOARD_DB_URL", db)  # no --db: the database the app reads
    path = str(tmp_path / "users.toml")
    unit = ["--role", "unit", "--sso", "--file", path]
    assert "KHONG-CO" in refusal("users", "add", "b@x.vn", *unit, "--unit", "KHONG-CO")
    assert run("users", "add", "b@x.vn", *unit, "--unit", "CTA-BN").status == 0
    # No database to check against: refused, never added unchecked.
    missing = str(tmp_path / "none.sqlite")
    said = refusal("users", "add", "c@x.vn", *unit, "--unit", "CTA-BN", "--db", missing)
    assert "không có tệp cơ sở dữ liệu" in said
    assert set(users.read(tmp_path / "users.toml")) == {"b@x.vn"}


def test_terminal_asks_twice():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    answers = iter(["mat-khau-dai-du", "mat-khau-dai-du"])
    assert users_cli.read_password(Terminal(), lambda _: next(answers)) == "mat-khau-dai-du"
    answers = iter(["mat-khau-dai-du", "mat-khau-khac"])
    with pytest.raises(users_cli.CliError, match="không khớp"):
        users_cli.read_password(Terminal(), lambda _: next(answers))


def test_names_survive_toml(tmp_path):
    path = tmp_path / "u.toml"
    users.write(path, {'a"b.c@x': {"role": "viewer"}, "d\\e": {"role": "leader"}})
    assert set(tomllib.loads(path.read_text())["users"]) == {'a"b.c@x', "d\\e"}


def _commands_at_once(path, commands: list[list[str]]) -> list[int]:
    """Each `users …` command in its own process, all let go at the same moment (a
    password on each one's standard input); their exit statuses."""
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(len(commands))

    def command_line(command: list[str]) -> None:
        sys.stdin = io.StringIO("mat-khau-dai-du\n")
        barrier.wait()
        sys.exit(run("users", *command, "--file", str(path)).status)

    processes = [context.Process(target=command_line, args=(c,)) for c in commands]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    return [process.exitcode for process in processes]


def test_commands_at_once_lose_no_change(tmp_path):
    path = tmp_path / "users.toml"
    users.add(path, "cu", "viewer", None, "mat-khau-dai-du")
    added = [f"moi{n}" for n in range(6)]
    statuses = _commands_at_once(
        path, [["remove", "cu"]] + [["add", name, "--role", "viewer"] for name in added]
    )
    assert statuses == [0] * 7
    assert set(users.read(path)) == set(added)  # every one added, the removed one gone
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
