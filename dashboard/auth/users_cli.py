"""`python -m dashboard users add|remove|list|passwd --file F`: the local users file.

The password is read from standard input when it is not a terminal (one line: a
script, `printf '%s\\n' "$PW" | …`), and asked twice, unseen, when it is. The file
holds argon2 hashes only (dashboard/auth/users.py). Without --file, the file the
app reads (DASHBOARD_USERS_FILE, else `users_file` under [auth] in secrets).

A unit user's code is checked against the database (--db, else the app's, as every
command opens it): a code no unit has would give a user who sees nothing anywhere.
"""

import argparse
import getpass
import sys
from pathlib import Path

from dashboard.auth import settings, users
from dashboard.cli_errors import CliError
from queries.cohort import unit_named

HELP = "manage the local users file (sign-in): add, remove, list, passwd"


def _file(args: argparse.Namespace) -> Path:
    if args.file:
        return Path(args.file)
    configured = settings.users_file()
    if configured is None:
        raise CliError(
            "chưa biết tệp người dùng: dùng --file TỆP, hoặc đặt DASHBOARD_USERS_FILE, hoặc "
            "users_file trong mục [auth] của .streamlit/secrets.toml"
        )
    return configured


def read_password(stdin=None, ask=getpass.getpass) -> str:
    """One line of standard input when it is not a terminal; else asked twice."""
    stdin = stdin or sys.stdin
    if not stdin.isatty():
        line = stdin.readline()
        if not line:
            raise CliError("không nhận được mật khẩu trên đầu vào chuẩn (stdin)")
        password = line.rstrip("\r\n")
    else:
        password = ask("Mật khẩu: ")
        if ask("Nhập lại mật khẩu: ") != password:
            raise CliError("hai lần nhập mật khẩu không khớp")
    users.check_password(password)
    return password


def _run(action):
    def handler(args: argparse.Namespace) -> int:
        try:
            said = action(_file(args), args)
        except users.UsersFileError as error:
            raise CliError(str(error)) from None
        if said:
            print(said)
        return 0

    return handler


def _unit(args: argparse.Namespace) -> str:
    """`CODE – name` of the unit --unit names, or CliError when the database has none."""
    found = unit_named(args.open_database(args.db), args.unit)
    if found is None:
        raise CliError(f"không có đơn vị nào mã {args.unit!r} trong cơ sở dữ liệu")
    return f"{args.unit} – {found}"


def _add(path: Path, args: argparse.Namespace) -> str:
    name = users.check_name(args.name)
    users.check_role(args.role, args.unit)
    # Both before asking for a password that would be thrown away.
    if name in users.read(path):
        raise CliError(f"người dùng {name} đã có trong {path}; đổi mật khẩu bằng users passwd")
    unit = f" {_unit(args)}" if args.unit else ""
    if args.sso:
        users.add_identity(path, name, args.role, args.unit)
    else:
        users.add(path, name, args.role, args.unit, read_password())
    return f"đã thêm {name} ({args.role}{unit}) vào {path}"


def _remove(path: Path, args: argparse.Namespace) -> str:
    return f"đã xoá {users.remove(path, args.name)} khỏi {path}"


def _passwd(path: Path, args: argparse.Namespace) -> str:
    name = users.normalize_name(args.name)
    if name not in users.read(path):
        raise CliError(f"không có người dùng {name} trong {path}")
    users.set_password(path, name, read_password())
    return f"đã đổi mật khẩu của {name}"


def _list(path: Path, args: argparse.Namespace) -> str:
    rows = users.read(path)
    lines = []
    for user in users.listing(path):
        how = "mật khẩu" if rows[user.name].get("password") else "đăng nhập một lần (SSO)"
        lines.append("\t".join([user.name, user.role, user.unit or "-", how]))
    if users.loose_permissions(path):
        print(f"cảnh báo: {path} mở cho người khác đọc hoặc ghi; nên chmod 600", file=sys.stderr)
    return "\n".join(lines)


def add_parser(commands, open_database) -> None:
    """`open_database(url or None)`: the command line's read-only engine (dashboard/cli.py)."""
    parser = commands.add_parser("users", help=HELP)
    actions = parser.add_subparsers(dest="users_command", required=True)

    def action(name: str, help_: str, run) -> argparse.ArgumentParser:
        sub = actions.add_parser(name, help=help_)
        sub.add_argument("--file", help="the users file (TOML; default: the one the app reads)")
        sub.set_defaults(handler=_run(run))
        return sub

    add = action("add", "add a user (password from stdin, or asked twice on a terminal)", _add)
    add.add_argument("name", help="login name (lower case), or an e-mail address for SSO")
    add.add_argument("--role", required=True, choices=users.ROLES)
    add.add_argument("--unit", help="the unit's code (role unit only; checked in the database)")
    add.add_argument(
        "--db", help="database URL or SQLite path to check --unit in (default: the app's)"
    )
    add.set_defaults(open_database=open_database)
    add.add_argument(
        "--sso", action="store_true", help="no password: signs in through OpenID Connect only"
    )
    action("remove", "remove a user", _remove).add_argument("name")
    action("passwd", "set a user's password", _passwd).add_argument("name")
    action("list", "list the users (name, role, unit; never a hash)", _list)
