"""The file a command writes (`--out`): that file only, and only when allowed.

A file already there is replaced only with `--replace`, and then whole: the new one is
written beside it and renamed over it, so nobody reads half a report. A symbolic link
is refused even with `--replace`: writing through it would change a file the user did
not name. `check` says so before the work starts; `write` holds to it as the file is
made (O_EXCL, O_NOFOLLOW), whatever appeared there meanwhile.
"""

import os
import secrets
import stat
from pathlib import Path

from dashboard.cli_errors import CliError

# A new file takes the mode any program's would (0666 less the umask), like open(…, "w").
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


def check(path: Path, replace: bool) -> None:
    """Refuse `path` unless it can be written: a file to make in an existing folder, or,
    with `replace`, a file that is there (not a link, a folder, a device or a pipe)."""
    try:
        found = path.lstat().st_mode
    except FileNotFoundError:
        found = None
    if found is not None and stat.S_ISLNK(found):
        raise CliError(
            f"{path} là một liên kết tượng trưng (symbolic link): không ghi qua liên kết, "
            "kể cả với --replace; cho đường dẫn của chính tệp"
        )
    if found is not None and stat.S_ISDIR(found):
        raise CliError(f"--out {path} là một thư mục; cho tên một tệp")
    if not path.parent.is_dir():
        raise CliError(f"không có thư mục {path.parent} cho --out")
    if found is not None and not stat.S_ISREG(found):
        raise CliError(f"{path} không phải một tệp thường: không ghi đè, kể cả với --replace")
    if found is not None and not replace:
        raise CliError(f"{path} đã có: thêm --replace để thay tệp này")


def write(path: Path, data: bytes, replace: bool) -> None:
    """Write `data` as `path`: a new file, or with `replace` one renamed over the old."""
    if not replace:
        _write_new(path, data)
        return
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    _write_new(temporary, data)
    try:
        check(path, replace=True)  # a link or a folder put there while the report was made
        os.replace(temporary, path)  # renames over a link, never through it
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _write_new(path: Path, data: bytes) -> None:
    try:
        handle = os.open(path, _NEW_FILE, 0o666)
    except FileExistsError:
        check(path, replace=False)  # says what is there: a file, a link, a folder
        raise
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
    except BaseException:
        path.unlink(missing_ok=True)  # ours, half-written
        raise
