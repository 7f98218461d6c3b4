"""What the command line says when it cannot do what was asked: one line in Vietnamese.

`python -m dashboard …` never shows a traceback. Options are checked as they are
read (`Parser`, and the option types in dashboard/cli.py); what can only fail
later (a database that is not there or not the contract's, a file that cannot be
written, a setting that cannot be used) reaches `explain`, which says what went
wrong without SQL, parameters, passwords or a URL's query string: it names the
database only as the command line's `where` gives it (a file's path, or
`queries.connection.describe`).
"""

import argparse
import errno
import re
import sqlite3
import tomllib

import psycopg
from sqlalchemy.exc import DBAPIError

from queries import connection as db

PREFIX = "lỗi: "
# The fallback for a failure nobody foresaw: a test that sees it has found a bug.
UNEXPECTED = "lỗi không lường trước"


class CliError(Exception):
    """A refusal already worded for the user (Vietnamese)."""


# What the user typed comes back in a message (a path, a value) cut to this, so a
# 100,000-character argument cannot fill the terminal or a log: a word at most WORD
# characters, the line at most LINE; the start and the end kept (a file's name, a quote).
WORD, LINE = 100, 400


def shortened(text: str, limit: int = WORD) -> str:
    if len(text) <= limit:
        return text
    head = limit // 2
    return f"{text[:head]}…{text[len(text) - (limit - head - 1) :]}"


def one_line(message: str) -> str:
    """`message` on one line, each long word and the whole cut short (`shortened`)."""
    return shortened(" ".join(shortened(word) for word in message.split()), LINE)


def line(error: BaseException, where: str) -> str:
    """The whole line to print for `error`: the prefix and `explain`, on one line."""
    return PREFIX + one_line(explain(error, where))


def explain(error: BaseException, where: str) -> str:
    """What went wrong, in Vietnamese; `where` names the database, safe to show."""
    if isinstance(error, CliError | db.ConfigError):
        return str(error)
    if isinstance(error, tomllib.TOMLDecodeError):
        return f"tệp cấu hình {db.SECRETS_PATH} sai cú pháp TOML ({error})"
    driver_error = _driver_error(error)
    if driver_error is not None:
        return _database_failure(driver_error, where)
    if isinstance(error, OSError):
        return _file_failure(error)
    if isinstance(error, OverflowError):
        return "ngày nằm ngoài khoảng tính được"
    if isinstance(error, MemoryError):
        return "không đủ bộ nhớ"
    if isinstance(error, KeyboardInterrupt):
        return "đã dừng theo yêu cầu (Ctrl-C)"
    return f"{UNEXPECTED} ({type(error).__name__}): xin báo cho người quản trị"


# The driver's words (SQLite's or libpq's; PostgreSQL's connection failures carry no
# SQLSTATE) → what to say. Only a table's or column's name is taken from them, never
# the rest: a driver's message may quote a value.
_DATABASE_FAILURES = (
    (r"no such table: (?P<name>\S+)", "{where} thiếu bảng {name} của hợp đồng dữ liệu"),
    (
        r'relation "(?P<name>[^"]+)" does not exist',
        "{where} thiếu bảng {name} của hợp đồng dữ liệu",
    ),
    (r"no such column: (?P<name>\S+)", "{where} thiếu cột {name} của hợp đồng dữ liệu"),
    (
        r'column "?(?P<name>[^"\s]+)"? does not exist',
        "{where} thiếu cột {name} của hợp đồng dữ liệu",
    ),
    (r"file is not a database", "{where} không phải cơ sở dữ liệu SQLite"),
    (r"unable to open database file", "không mở được tệp cơ sở dữ liệu {where}"),
    (r"database is locked", "{where} đang bị một chương trình khác khoá"),
    (r"password authentication failed", "{where} từ chối đăng nhập: sai mật khẩu"),
    (r'role "[^"]*" does not exist', "{where}: máy chủ không có người dùng (role) này"),
    (r'database "[^"]*" does not exist', "máy chủ không có cơ sở dữ liệu {where}"),
    (r"statement timeout|lock timeout", "truy vấn trên {where} chạy quá thời gian cho phép"),
    (
        r"depends on|cannot drop",
        "{where}: bảng hoặc view khác phụ thuộc vào bảng của hợp đồng dữ liệu; không xoá gì",
    ),
    (
        db.SERVER_FULL,
        "{where} đang hết chỗ cho kết nối mới: mọi kết nối máy chủ cho phép đều đang được "
        "những người xem và chương trình khác dùng; xin thử lại sau ít phút",
    ),
    (
        r"connection (failed|refused|timed out)|Connection refused|failed to resolve host"
        r"|could not translate host|timeout expired|server closed the connection",
        "không kết nối được {where}",
    ),
)


def _driver_error(error: BaseException) -> Exception | None:
    """The database driver's error behind `error`, if any: pandas wraps SQLAlchemy's
    (as an OSError whose message holds the SQL), which wraps the driver's."""
    for _ in range(10):  # a chain is short; a cycle must not hang the message
        if error is None:
            return None
        if isinstance(error, DBAPIError):
            return error.orig
        if isinstance(error, sqlite3.Error | psycopg.Error):
            return error
        error = error.__cause__ or error.__context__
    return None


def _database_failure(error: Exception, where: str) -> str:
    words = str(error)
    for pattern, said in _DATABASE_FAILURES:
        match = re.search(pattern, words)
        if match:
            return said.format(where=where, **match.groupdict())
    sqlstate = getattr(error, "sqlstate", None)
    code = f", SQLSTATE {sqlstate}" if sqlstate else ""
    return f"{where} báo lỗi ({type(error).__name__}{code})"


_FILE_REASONS = {
    errno.ENOENT: "không có tệp hay thư mục này",
    errno.EISDIR: "đây là một thư mục",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.EACCES: "không có quyền",
    errno.EPERM: "không được phép",
    errno.ENOSPC: "đĩa đã đầy",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.ENAMETOOLONG: "tên quá dài",
    errno.EEXIST: "đã có",
}


def _file_failure(error: OSError) -> str:
    reason = _FILE_REASONS.get(error.errno, error.strerror or type(error).__name__)
    if error.filename:
        return f"không dùng được {error.filename}: {reason}"
    return f"lỗi tệp: {reason}"


# argparse's own messages (Python 3.11) → Vietnamese; what our option types raise
# arrives as "argument --x: …" and is already Vietnamese.
_ARGPARSE = (
    (
        r"argument (?P<arg>\S+): invalid choice: (?P<value>.*) \(choose from (?P<choices>.*)\)",
        "{arg}: {value} không phải một lựa chọn; chọn một trong {choices}",
    ),
    (r"argument (?P<arg>\S+): expected one argument", "{arg} cần một giá trị"),
    (r"argument (?P<arg>\S+): invalid \S+ value: (?P<value>.*)", "{arg}: {value} không hợp lệ"),
    (r"argument (?P<arg>\S+): ignored explicit argument (?P<value>.*)", "{arg} không nhận giá trị"),
    (r"argument (?P<arg>\S+): (?P<message>.*)", "{arg}: {message}"),
    (r"the following arguments are required: (?P<arg>.*)", "thiếu {arg}"),
    (
        r"ambiguous option: (?P<arg>\S+) could match (?P<choices>.*)",
        "{arg} có thể là {choices}: viết đủ tên tùy chọn",
    ),
    (r"unrecognized arguments: (?P<value>.*)", "không hiểu: {value}"),
)
# The sub-commands' destinations, as argparse names them.
_NAMES = {"command": "lệnh", "users_command": "lệnh users"}


def translate_usage(message: str) -> str:
    for pattern, said in _ARGPARSE:
        match = re.fullmatch(pattern, message, flags=re.DOTALL)
        if match:
            parts = match.groupdict()
            if "arg" in parts:
                parts["arg"] = _NAMES.get(parts["arg"], parts["arg"])
            return said.format(**parts)
    return message


class Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one Vietnamese line (status 2)."""

    def error(self, message: str):
        said = one_line(translate_usage(message))
        self.exit(2, f"{PREFIX}{said} (xem: {self.prog} --help)\n")
