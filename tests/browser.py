"""Real-browser harness: `streamlit run` servers, headless Debian Chromium.

Fixtures (made available to every test module by tests/conftest.py):
- `app_server(db_url) -> base URL`: starts the app on a free port against
  `db_url` and waits for `/_stcore/health`: a fresh server, nothing opened on it.
  It stays up for later tests (see `Servers`) and is stopped by the session's end.
- `running_app_server(db_url) -> base URL`: the app already running on `db_url`
  (the last one `app_server` started), for a test that needs no fresh server.
- `browser`: one headless Chromium (Playwright, sync API) for the session.
- `page`: a fresh 1600x1000 page (browser locale en-US), closed after the test; the
  test fails if the page broke the server's Content-Security-Policy.
Helpers: `open_page(page, url)` goes to a page and waits for its run,
`wait_for_app(page, ready)` waits for a script run to finish (never a fixed
sleep), `expect_frame` and `expect_tiles` assert what a person sees,
`screenshot(page, name)` saves `tests/artifacts/<name>.png`.
Assert with Playwright's auto-waiting `expect(...)` (its timeout is generous
here, for a loaded machine), never with an immediate `.count()` or
`.inner_text()` right after a navigation or a click.
Mark browser tests with `@pytest.mark.browser`.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import expect

from dashboard.freshness import OLD_DATA_ENV
from tests.apptest import OLD_FIXTURES

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1600, "height": 1000}
STARTUP_TIMEOUT_S = 60
APP_TIMEOUT_MS = 60_000
APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
APP_TITLE = "Bảng điều hành cải cách hành chính"
LATE_LIST = '[class*="st-key-late_rows_"] [data-testid="stDataFrame"]'  # the late view's list


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(base_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:
            return response.read().strip() == b"ok"
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def start(db_url: str, log_path: Path) -> tuple[subprocess.Popen, str]:
    """`streamlit run app.py` against `db_url`, up and healthy: (process, base URL)."""
    port = free_port()
    # The fixtures' data are years old: the notice saying so would stand on every page
    # measured here, unless a test asks for it (its own setting in the environment).
    env = {OLD_DATA_ENV: str(OLD_FIXTURES), **os.environ, "DASHBOARD_DB_URL": db_url}
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--server.port",
        str(port),
        "--browser.gatherUsageStats",
        "false",
    ]
    base_url = f"http://127.0.0.1:{port}"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while not _healthy(base_url):
            if process.poll() is not None:
                raise RuntimeError(f"streamlit exited early:\n{log_path.read_text()}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"streamlit not healthy in time:\n{log_path.read_text()}")
            time.sleep(0.2)  # polling the health endpoint, not waiting on the app
    except BaseException:
        stop(process)
        raise
    return process, base_url


def stop(process: subprocess.Popen, wait: bool = True) -> None:
    """Ask the server (its whole process group) to stop; with `wait`, until it has
    (killed if it takes more than 10 s)."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        pass  # already gone
    if not wait:
        return
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@contextmanager
def serve(db_url: str, log_path: Path) -> Iterator[str]:
    """`streamlit run app.py` against `db_url`; yields its base URL, stops it on exit."""
    process, base_url = start(db_url, log_path)
    try:
        yield base_url
    finally:
        stop(process)


class Servers:
    """The session's app servers, by database.

    `fresh(db_url)` starts a new one: nothing has been opened on it yet. It then
    stays up for later tests on the same database that need no fresh server
    (`running(db_url)`), until a newer one replaces it or the session ends.
    Servers are stopped without waiting for each (a graceful stop takes a second
    or so); `close` waits for all of them.
    """

    def __init__(self, logs: Path):
        self.logs = logs
        self.up: dict[str, tuple[subprocess.Popen, str]] = {}
        self.stopping: list[subprocess.Popen] = []
        self.count = 0

    def fresh(self, db_url: str) -> str:
        self.count += 1
        process, base_url = start(db_url, self.logs / f"streamlit-{self.count}.log")
        self._retire(db_url)
        self.up[db_url] = (process, base_url)
        return base_url

    def running(self, db_url: str) -> str:
        process, base_url = self.up.get(db_url, (None, None))
        if process is not None and process.poll() is None:
            return base_url
        return self.fresh(db_url)

    def _retire(self, db_url: str) -> None:
        process, _ = self.up.pop(db_url, (None, None))
        if process is not None:
            stop(process, wait=False)
            self.stopping.append(process)

    def close(self) -> None:
        for db_url in list(self.up):
            self._retire(db_url)
        for process in self.stopping:
            stop(process)


def wait_for_app(page, ready=None, timeout_ms: int = APP_TIMEOUT_MS) -> None:
    """Wait until the app's script run has finished (and the page has content).

    After a click or a switch of page inside the app, the state still reads
    "notRunning" from the run before until the new run starts: pass `ready`, a
    locator of something only the new run shows (a heading, a caption), and the
    wait for the end of the run starts once that is on the page. A fresh load
    (`page.goto`) needs none: the state reads "initial" until the first run.
    """
    if ready is not None:
        ready.first.wait_for(state="attached", timeout=timeout_ms)
    # "attached": the state is what counts; a tall page may not count as visible.
    page.wait_for_selector(APP_IDLE, state="attached", timeout=timeout_ms)
    page.wait_for_selector('[data-testid="stMainBlockContainer"]', timeout=timeout_ms)


def open_page(page, url: str, charts: int = 0) -> None:
    """Load `url`, wait for its run (and for `charts` charts to draw); the page must exist."""
    page.goto(url)
    wait_for_app(page)
    if charts:
        wait_for_charts(page, charts)
    expect(page.get_by_text("Page not found")).to_have_count(0)


def expect_frame(page, title: str, heading: str | None = None) -> None:
    """The frame (app.py) ran for the view: its name in the tab, the app's sidebar, its heading."""
    expect(page).to_have_title(f"{title} · {APP_TITLE}")
    expect(page.get_by_test_id("stSidebar")).to_contain_text(APP_TITLE, use_inner_text=True)
    if heading is not None:
        expect(page.get_by_role("heading", name=heading)).to_be_visible()


def expect_tiles(page, tiles: dict, complete: bool = True) -> None:
    """The metric tiles show `tiles` (label -> value text or compiled pattern); with
    `complete`, there are no other tiles."""
    metrics = page.get_by_test_id("stMetric")
    if complete:
        expect(metrics).to_have_count(len(tiles))
    for label, value in tiles.items():
        labelled = page.get_by_test_id("stMetricLabel").get_by_text(label, exact=True)
        value_shown = metrics.filter(has=labelled).get_by_test_id("stMetricValue")
        expect(value_shown).to_have_text(value, use_inner_text=True)


def wait_for_charts(page, count: int, timeout_ms: int = APP_TIMEOUT_MS) -> None:
    """Wait until `count` Vega charts have drawn their marks."""
    page.wait_for_function(
        """n => document.querySelectorAll('[data-testid="stVegaLiteChart"] svg .mark-group,'
              + '[data-testid="stVegaLiteChart"] svg.marks').length >= n""",
        arg=count,
        timeout=timeout_ms,
    )


def screenshot(page, name: str, full_page: bool = False) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


@pytest.fixture(scope="session")
def servers(tmp_path_factory) -> Iterator[Servers]:
    servers = Servers(tmp_path_factory.mktemp("streamlit"))
    yield servers
    servers.close()


@pytest.fixture
def app_server(servers):
    """app_server(db_url) -> base URL of a freshly started app: nothing opened on it yet."""
    return servers.fresh


@pytest.fixture
def running_app_server(servers):
    """running_app_server(db_url) -> base URL of an app on `db_url` started earlier in the
    session (pages have been opened on it), or started now if there is none."""
    return servers.running


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        # A loaded 2-core machine takes seconds per run: wait as long as wait_for_app does.
        expect.set_options(timeout=APP_TIMEOUT_MS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    # An English browser, as on a projector PC: the Vietnamese formats must not depend on it.
    context = browser.new_context(viewport=VIEWPORT, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(APP_TIMEOUT_MS)  # clicks, downloads, waits: as for expect
    # The server's Content-Security-Policy (dashboard/frame/server_guard.py) must block
    # nothing the pages need: any page of any test that trips it fails.
    blocked = []
    page.on("console", lambda m: blocked.append(m.text) if "Content Security" in m.text else None)
    yield page
    context.close()
    assert not blocked, blocked
