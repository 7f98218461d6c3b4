"""The demo databases of the session: each built once, however many processes run the suite.

Under pytest-xdist every worker collects the whole suite and would build every demo itself
(the four demos are about a minute and a quarter of CPU each time). Instead the processes
share a folder: a demo is built by the first process that takes its lock, the others read
its address when it is done. A worker's background thread builds, in the order its tests
first read them, the demos no other process is building, then waits for the rest, so two
workers build two demos at once rather than the same one twice.

The session's first process (the xdist controller, or the only process) makes the folder,
and at the end of the session drops every database built in it and removes it: a worker
only stops a build still running.
"""

import fcntl
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from tests.databases import (
    DEMO_LATER,
    DEMO_UNTIL,
    PROJECT_ROOT,
    create_postgres_database,
    dispose_databases,
    postgres_server_url,
)

WORKER_INPUT_KEY = "dashboard_demos"  # the folder, handed to each xdist worker


class DemoBuilds:
    """`plan(names)` starts building those the collected tests will read, in a background
    thread; `get(name)` waits for its build (or builds it at once if it was not planned)
    and gives its path or URL; `close()` stops a build still running and, in the process
    that owns the folder, drops what was built. Each demo is written through the command
    line, as a user would (`python -m dashboard demo --out … --until …`)."""

    DEMOS = {
        "demo_sqlite": ("sqlite", DEMO_UNTIL),
        "demo_postgres": ("postgresql", DEMO_UNTIL),
        "demo_later_sqlite": ("sqlite", DEMO_LATER),
        "demo_later_postgres": ("postgresql", DEMO_LATER),
    }

    def __init__(self):
        self.folder: Path | None = None
        self.owner = False
        self.urls: dict[str, str] = {}
        self.done: dict[str, threading.Event] = {}
        self.errors: dict[str, str] = {}
        self.lock = threading.Lock()
        self.running: subprocess.Popen | None = None
        self.cancelled = False
        self.thread: threading.Thread | None = None

    def configure(self, config) -> None:
        """The folder: a worker's from its controller, otherwise a new one of our own."""
        given = getattr(config, "workerinput", {}).get(WORKER_INPUT_KEY)
        self.owner = given is None
        self.folder = Path(given) if given else Path(tempfile.mkdtemp(prefix="dashboard-demos-"))

    def _path(self, name: str, suffix: str) -> Path:
        return self.folder / f"{name}.{suffix}"

    def _build(self, name: str) -> None:
        backend, until = self.DEMOS[name]
        if backend == "postgresql":
            url = create_postgres_database()
        else:
            url = str(self._path(name, "sqlite"))
        self._path(name, "url").write_text(url)  # before building: the owner drops it
        command = [sys.executable, "-m", "dashboard", "demo"]
        command += ["--out", url, "--until", until.isoformat()]
        with self.lock:
            if self.cancelled:
                self.errors[name] = "the session ended before it was built"
                return
            self.running = subprocess.Popen(
                command, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
            )
        _, errors = self.running.communicate()
        if self.running.returncode != 0:
            self.errors[name] = errors.decode(errors="replace")
        else:
            self._path(name, "done").touch()

    def _take(self, name: str, wait: bool) -> bool:
        """Build `name` unless built; False when another process holds it and `wait` is
        False. A process that waited for a build that failed tries it itself."""
        with open(self._path(name, "lock"), "w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                return False
            try:
                if not self._path(name, "done").exists():
                    self._build(name)
            except Exception as error:  # said by `get`, in the test that needs it
                self.errors[name] = repr(error)
            if name not in self.errors:
                self.urls[name] = self._path(name, "url").read_text()
            return True

    def _build_all(self, names: list[str]) -> None:
        waiting = []
        for name in names:
            if self._take(name, wait=False):
                self.done[name].set()
            else:
                waiting.append(name)
        for name in waiting:
            self._take(name, wait=True)
            self.done[name].set()

    def plan(self, names: list[str]) -> None:
        names = [name for name in names if name not in self.done]
        if not names:
            return
        if any(self.DEMOS[name][0] == "postgresql" for name in names):
            postgres_server_url()  # in this thread: it may set the environment
        for name in names:
            self.done[name] = threading.Event()
        self.thread = threading.Thread(target=self._build_all, args=(names,), daemon=True)
        self.thread.start()

    def get(self, name: str) -> str:
        if name not in self.done:
            self.done[name] = threading.Event()
            self._build_all([name])
        self.done[name].wait()
        if name in self.errors:
            raise RuntimeError(f"building the demo {name} failed:\n{self.errors[name]}")
        return self.urls[name]

    def close(self) -> None:
        with self.lock:
            self.cancelled = True
            if self.running is not None and self.running.poll() is None:
                self.running.terminate()
        if self.thread is not None:
            self.thread.join()
        if self.owner and self.folder is not None:
            dispose_databases(path.read_text() for path in self.folder.glob("*.url"))
            shutil.rmtree(self.folder, ignore_errors=True)
