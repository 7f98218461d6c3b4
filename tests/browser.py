"""Real-browser harness: a fresh `streamlit run` per test, headless Debian Chromium.

Fixtures (made available to every test module by tests/conftest.py):
- `app_server(db_url) -> base URL`: starts the app on a free port against
  `db_url`, waits for `/_stcore/health`, and stops it after the test.
- `browser`: one headless Chromium (Playwright, sync API) for the session.
- `page`: a fresh 1600x1000 page (browser locale en-US), closed after the test.
Helpers: `wait_for_app(page)` waits for the script run to finish (never a
fixed sleep), `screenshot(page, name)` saves `tests/artifacts/<name>.png`.
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
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

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


@contextmanager
def serve(db_url: str, log_path: Path) -> Iterator[str]:
    """`streamlit run app.py` against `db_url`; yields its base URL, stops it on exit."""
    port = free_port()
    env = {**os.environ, "DASHBOARD_DB_URL": db_url}
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
            yield base_url
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def wait_for_app(page, timeout_ms: int = APP_TIMEOUT_MS) -> None:
    """Wait until the app's script run has finished (and the page has content)."""
    # "attached": the state is what counts; a tall page may not count as visible.
    page.wait_for_selector(APP_IDLE, state="attached", timeout=timeout_ms)
    page.wait_for_selector('[data-testid="stMainBlockContainer"]', timeout=timeout_ms)


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


@pytest.fixture
def app_server(tmp_path):
    """app_server(db_url) -> base URL of a freshly started app; stopped after the test."""
    with ExitStack() as servers:
        count = iter(range(100))

        def start(db_url: str) -> str:
            log_path = tmp_path / f"streamlit-{next(count)}.log"
            return servers.enter_context(serve(db_url, log_path))

        yield start


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    # An English browser, as on a projector PC: the Vietnamese formats must not depend on it.
    context = browser.new_context(viewport=VIEWPORT, locale="en-US")
    page = context.new_page()
    yield page
    context.close()
