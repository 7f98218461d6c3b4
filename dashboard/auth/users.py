"""The local users file: who may sign in, with which role, and a slow salted hash of each
password (argon2id). Never a password in clear.

```toml
[users.chutich]
role = "leader"
password = "$argon2id$v=19$m=65536,t=3,p=4$…"

[users.tp-mn]
role = "unit"
unit = "CTA-MN"
password = "$argon2id$…"

[users."nguyenvana@haugiang.gov.vn"]   # signs in through the province's SSO only
role = "viewer"
```

A user without `password` cannot sign in with the form (an OpenID Connect identity
mapped to a role: dashboard/auth/identity.py). The file is written whole to a
temporary file beside it, flushed and renamed over it (a reader never sees half a
file), readable and writable by its owner only (0600). A change (add, remove, passwd)
reads and writes it holding a lock, so two commands at once never undo each other's
change. No Streamlit here.
"""

import fcntl
import hashlib
import json
import os
import re
import stat
import tempfile
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

ROLES = ("leader", "unit", "viewer")
ROLE_NAMES = {"leader": "Lãnh đạo", "unit": "Đơn vị", "viewer": "Xem số liệu"}
# Lower case letters, digits and . _ @ - : a login name, or an e-mail address for SSO.
NAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9._@-]{0,63}")
UNIT_PATTERN = re.compile(r"[A-Za-z0-9._-]{1,64}")
MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 1024
FILE_MODE = 0o600

_hasher = PasswordHasher()  # argon2id, 64 MiB, 3 passes: about 0.1 s a hash here
# Checked against when the name is unknown, so that an unknown name takes as long as a
# wrong password (the time would tell which names exist).
_DUMMY_HASH = _hasher.hash("không có người dùng này")


class UsersFileError(Exception):
    """The users file or a request about it is wrong; the message is Vietnamese, one line."""


@dataclass(frozen=True)
class User:
    """Who is signed in: a name, a role (ROLES) and, for `unit`, the unit's code."""

    name: str
    role: str
    unit: str | None = None

    def __post_init__(self):
        if self.role not in ROLES:
            raise ValueError(f"unknown role {self.role!r}")
        if (self.role == "unit") != (self.unit is not None):
            raise ValueError("a unit user, and only a unit user, has a unit")


def normalize_name(name: str) -> str:
    return name.strip().lower()


def check_name(name: str) -> str:
    """The name as stored (lower case), or UsersFileError."""
    normalized = normalize_name(name)
    if not NAME_PATTERN.fullmatch(normalized):
        raise UsersFileError(
            f"tên đăng nhập {name[:70]!r} không hợp lệ: chỉ chữ thường không dấu, số và . _ @ -,"
            " tối đa 64 ký tự, bắt đầu bằng chữ hoặc số"
        )
    return normalized


def check_role(role: str, unit: str | None) -> None:
    if role not in ROLES:
        raise UsersFileError(f"vai trò {role!r} không có; chọn một trong {', '.join(ROLES)}")
    if role == "unit" and not unit:
        raise UsersFileError("vai trò unit cần --unit MÃ_ĐƠN_VỊ")
    if role != "unit" and unit:
        raise UsersFileError(f"chỉ vai trò unit mới có --unit (không dùng cho vai trò {role})")
    if unit is not None and not UNIT_PATTERN.fullmatch(unit):
        raise UsersFileError(f"mã đơn vị {unit[:70]!r} không hợp lệ")


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UsersFileError(f"mật khẩu cần ít nhất {MIN_PASSWORD_LENGTH} ký tự")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise UsersFileError(f"mật khẩu dài quá {MAX_PASSWORD_LENGTH} ký tự")


def hash_password(password: str) -> str:
    check_password(password)
    return _hasher.hash(password)


def read(path: Path) -> dict[str, dict]:
    """name -> {"role", "unit"?, "password"?}; an absent file is an empty one."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise UsersFileError(f"không đọc được tệp người dùng {path}: {error.strerror}") from None
    try:
        document = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise UsersFileError(f"tệp người dùng {path} sai cú pháp TOML ({error})") from None
    users = document.get("users", {})
    if not isinstance(users, dict) or not all(isinstance(v, dict) for v in users.values()):
        raise UsersFileError(f"tệp người dùng {path}: mỗi người dùng là một bảng [users.TÊN]")
    for name, record in users.items():
        try:
            check_name(name)
            check_role(record.get("role", ""), record.get("unit"))
        except UsersFileError as error:
            raise UsersFileError(f"tệp người dùng {path}, người dùng {name!r}: {error}") from None
        if "password" in record and not str(record["password"]).startswith("$argon2"):
            # Refuse rather than compare: a clear-text password typed in by hand.
            raise UsersFileError(
                f"tệp người dùng {path}, người dùng {name!r}: mật khẩu phải là mã băm argon2 "
                "(đặt bằng python -m dashboard users passwd)"
            )
    return users


def _toml_string(text: str) -> str:
    # JSON's escapes (\" \\ \n \uXXXX) are TOML basic-string escapes too.
    return json.dumps(text, ensure_ascii=False)


def dumps(users: dict[str, dict]) -> str:
    lines = [
        "# Người dùng của bảng điều hành: sửa bằng `python -m dashboard users …`.",
        "# Mật khẩu chỉ lưu dưới dạng mã băm argon2, không bao giờ lưu nguyên văn.",
    ]
    for name in sorted(users):
        record = users[name]
        lines += ["", f"[users.{_toml_string(name)}]"]
        for key in ("role", "unit", "password"):
            if record.get(key) is not None:
                lines.append(f"{key} = {_toml_string(str(record[key]))}")
    return "\n".join(lines) + "\n"


def write(path: Path, users: dict[str, dict]) -> None:
    """Replace `path` with `users`, atomically, mode 0600."""
    text = dumps(users)
    folder = path.parent if str(path.parent) else Path(".")
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)  # mode 0600
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, FILE_MODE)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    try:  # the rename itself lasts across a power cut only once the folder is written
        folder_descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(folder_descriptor)
        finally:
            os.close(folder_descriptor)
    except OSError:
        pass


def loose_permissions(path: Path) -> bool:
    """True when others than the owner may read or write the file."""
    try:
        return bool(path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO))
    except OSError:
        return False


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Held by one change of `path` at a time, across processes. The lock is a file of its
    own beside it: `path` itself is replaced by each write, and a lock on the file that was
    replaced would not stop the next command."""
    lock_path = path.with_name(f".{path.name}.lock")
    try:
        descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT, FILE_MODE)
    except OSError as error:
        raise UsersFileError(f"không mở được {lock_path}: {error.strerror}") from None
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)  # released when closed, even if killed
        yield
    finally:
        os.close(descriptor)


def _change(path: Path, change: Callable[[dict[str, dict]], dict[str, dict]]) -> None:
    """Read the file, `change` its users and write them back, holding the lock."""
    with _locked(path):
        write(path, change(read(path)))


def _existing(path: Path, users: dict[str, dict], name: str) -> dict:
    if name not in users:
        raise UsersFileError(f"không có người dùng {name} trong {path}")
    return users[name]


def add(path: Path, name: str, role: str, unit: str | None, password: str) -> str:
    name = check_name(name)
    check_role(role, unit)
    record = {"role": role, "unit": unit, "password": hash_password(password)}  # lock not held

    def with_user(users: dict[str, dict]) -> dict[str, dict]:
        if name in users:
            raise UsersFileError(
                f"người dùng {name} đã có trong {path}; đổi mật khẩu bằng users passwd"
            )
        return {**users, name: record}

    _change(path, with_user)
    return name


def add_identity(path: Path, name: str, role: str, unit: str | None) -> str:
    """A user who signs in only through OpenID Connect (no password in the file)."""
    name = check_name(name)
    check_role(role, unit)

    def with_identity(users: dict[str, dict]) -> dict[str, dict]:
        if name in users:
            raise UsersFileError(f"người dùng {name} đã có trong {path}")
        return {**users, name: {"role": role, "unit": unit}}

    _change(path, with_identity)
    return name


def remove(path: Path, name: str) -> str:
    name = normalize_name(name)

    def without(users: dict[str, dict]) -> dict[str, dict]:
        _existing(path, users, name)
        return {key: value for key, value in users.items() if key != name}

    _change(path, without)
    return name


def set_password(path: Path, name: str, password: str) -> str:
    name = normalize_name(name)
    hashed = hash_password(password)

    def with_password(users: dict[str, dict]) -> dict[str, dict]:
        return {**users, name: {**_existing(path, users, name), "password": hashed}}

    _change(path, with_password)
    return name


def user_of(name: str, record: dict) -> User:
    return User(name, record["role"], record.get("unit") if record["role"] == "unit" else None)


def fingerprint(record: dict) -> str:
    """Changes whenever the user's entry does: `passwd` (a new hash, with a new salt, even
    for the same password), a new role or unit, `remove` then `add` again."""
    return hashlib.sha256(json.dumps(record, sort_keys=True).encode()).hexdigest()


def listing(path: Path) -> list[User]:
    return [user_of(name, record) for name, record in sorted(read(path).items())]


def authenticate(users: dict[str, dict], name: str, password: str) -> User | None:
    """The user when `password` is theirs, else None (as slow for an unknown name)."""
    name = normalize_name(name)
    record = users.get(name)
    stored = record.get("password") if record else None
    try:
        _hasher.verify(stored or _DUMMY_HASH, password[:MAX_PASSWORD_LENGTH])
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if stored is None:  # matched the dummy: still no such user
        return None
    return user_of(name, record)
