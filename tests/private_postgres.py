"""A PostgreSQL server of the test's own, to stop and start: the shared one must stay up.

Built from the local binaries (as scripts/ensure_postgres.sh does) in a temporary
folder, on a free port, trusting local connections. As root, the server runs as the
`postgres` system user, which PostgreSQL requires. `replica()` makes a hot standby of
a running server (pg_basebackup -R), in its own folder on its own port.
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
    def __init__(self, primary: "PrivatePostgres | None" = None):
        """A new cluster (initdb), or with `primary` a copy of that running server taken
        with pg_basebackup -R: started, it is a hot standby streaming from `primary`."""
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
        if primary is None:
            # --no-sync, here and for the copy: throwaway files need not reach the disk,
            # and waiting for it costs seconds on a busy machine.
            initdb = ["-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "-N"]
            self._run("initdb", *initdb)
            self._allow_replication()
        else:
            self._run(
                "pg_basebackup", "-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres",
                "-D", str(self.data), "-R", "-X", "stream", "-c", "fast", "--no-sync",
            )  # fmt: skip

    def _allow_replication(self) -> None:
        # PostgreSQL 15's defaults already stream (wal_level=replica, max_wal_senders=10,
        # hot_standby=on); said here so that a change of defaults cannot silently break it.
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.write("wal_level = replica\nmax_wal_senders = 5\nhot_standby = on\n")
        with open(self.data / "pg_hba.conf", "a") as hba:
            hba.write("host replication postgres 127.0.0.1/32 trust\n")

    def _run(self, tool: str, *args: str) -> None:
        command = [*self._as_owner, str(_bindir() / tool), *args]
        subprocess.run(command, check=True, capture_output=True)

    def database_url(self, name: str, user: str = "postgres") -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{name}"

    def replica(self) -> "PrivatePostgres":
        """A hot standby of this (running) server, not started."""
        return PrivatePostgres(primary=self)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off"
        log = str(self.directory / "server.log")
        self._run("pg_ctl", "-D", str(self.data), "-l", log, "-o", options, "-w", "start")

    def stop(self, mode: str = "fast") -> None:
        """`fast`: as an administrator would; `immediate`: no shutdown checkpoint, for a
        server whose files are removed next."""
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def remove(self) -> None:
        """Its files, once it is stopped."""
        shutil.rmtree(self.directory, ignore_errors=True)
