"""The record of what the weekly send delivered: week, channel, time, in the dashboard's
own state folder (never the one-stop database, which the app only reads).

The folder is dashboard.state_dir's (`DASHBOARD_STATE_DIR`); the record is `sent.json` in it:
`{"sent": [{"week": "2024-W45", "channel": "email", "at": "2024-11-11T07:00:03"}]}`,
the time local to the district (queries.period.local_now), as the contract's.

`opened()` holds an exclusive lock (`sent.lock`, flock) for as long as the caller works:
a second run started meanwhile waits, then reads what the first recorded, so two cron
runs at once do not both send. Each `add` writes the whole file anew and renames it into
place, so a crash leaves the old record or the new one, never half of one.
"""

import fcntl
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from dashboard.cli_errors import CliError
from dashboard.state_dir import state_dir
from queries.period import local_now

FILE_NAME = "sent.json"
LOCK_NAME = "sent.lock"


def _readable(entry) -> bool:
    """An entry as `add` writes it (else KeyError, TypeError or ValueError)."""
    when = datetime.fromisoformat(entry["at"])
    return isinstance(entry["week"], str) and isinstance(entry["channel"], str) and bool(when)


class SentRecord:
    """What was sent, read under the lock; `add` writes it back at once."""

    def __init__(self, path: Path):
        self.path = path
        self.entries: list[dict] = self._read()

    def _read(self) -> list[dict]:
        if not self.path.exists():
            return []
        try:
            entries = json.loads(self.path.read_text(encoding="utf-8"))["sent"]
            if isinstance(entries, list) and all(map(_readable, entries)):
                return entries
        except (ValueError, KeyError, TypeError):
            pass
        # Sending again could repeat a whole week's messages: a person decides.
        raise CliError(
            f"tệp trạng thái {self.path} bị hỏng (không đọc được danh sách đã gửi); "
            "sửa hoặc xoá nó rồi chạy lại"
        )

    def sent_at(self, week: str, channel: str) -> datetime | None:
        """When `channel` last delivered `week`, or None."""
        times = [
            datetime.fromisoformat(e["at"])
            for e in self.entries
            if e["week"] == week and e["channel"] == channel
        ]
        return max(times) if times else None

    def add(self, week: str, channel: str) -> None:
        at = local_now().isoformat(timespec="seconds")
        self.entries.append({"week": week, "channel": channel, "at": at})
        text = json.dumps({"sent": self.entries}, ensure_ascii=False, indent=1) + "\n"
        handle, name = tempfile.mkstemp(dir=self.path.parent, prefix=".sent-", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as temporary:
                temporary.write(text)
                temporary.flush()
                os.fsync(temporary.fileno())
            os.replace(name, self.path)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise


@contextmanager
def opened() -> Iterator[SentRecord]:
    """The record, locked against every other run until the block ends."""
    folder = state_dir()
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / LOCK_NAME).open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        yield SentRecord(folder / FILE_NAME)
