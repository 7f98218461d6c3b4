"""A PostgreSQL server of the test's own, to stop and start: the shared one must stay up.

Built from the local binaries (as scripts/ensure_postgres.sh does) in a temporary
folder, on a free port, trusting local connections. As root, the server runs as the
`postgres` system user, which PostgreSQL requires.
"""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.browser import free_port


def _bindir() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    return found[-1]


class PrivatePostgres:
    def __init__(self):
        # Its own folder: the server's user must reach it, and pytest's are private to root.
        self.directory = Path(tempfile.mkdtemp(prefix="dashboard-pg-"))
        directory = self.directory
        self.data = directory / "data"
        self.port = free_port()
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
        as_root = os.geteuid() == 0
        self._as_owner = ["runuser", "-u", "postgres", "--"] if as_root else []
        if as_root:
            shutil.chown(directory, "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")

    def _run(self, tool: str, *args: str) -> None:
        command = [*self._as_owner, str(_bindir() / tool), *args]
        subprocess.run(command, check=True, capture_output=True)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1"
        log = str(self.directory / "server.log")
        self._run("pg_ctl", "-D", str(self.data), "-l", log, "-o", options, "-w", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def remove(self) -> None:
        """Its files, once it is stopped."""
        shutil.rmtree(self.directory, ignore_errors=True)
