"""AppTest helpers shared by the view tests: the app against a database, one view, what it shows."""

import functools
import os
import sqlite3
import tempfile
from pathlib import Path

import pytest
from streamlit.components.v2 import manifest_scanner
from streamlit.runtime.scriptrunner.script_cache import ScriptCache
from streamlit.testing.v1 import AppTest, local_script_runner

from dashboard import freshness

ROOT = Path(__file__).resolve().parent.parent
OLD_FIXTURES = 36_500  # days: the fixtures' data are years old, and meant to be read as current
RUN_TIMEOUT_S = 60  # a script run on a loaded machine; a run that hangs still fails


def lighter_apptest() -> None:
    """Three costs of AppTest's own that no view test needs, removed for the session.

    Every run scanned the metadata of every installed package for Streamlit components
    (about 0.4 s a run, a third of a view test); the packages do not change during a
    session, so the scan is made once. And the wait for a run's end polled the run's
    events every millisecond, taking the interpreter from the script it waited for; it
    now waits on the script's thread, as AppTest does next anyway (`LocalScriptRunner.run`
    joins it), and a run past its timeout fails as before.
    """
    manifest_scanner.scan_component_manifests = functools.cache(
        manifest_scanner.scan_component_manifests
    )

    def wait_for_the_run(runner, timeout: float = 3) -> None:
        if runner._script_thread is not None:
            runner._script_thread.join(timeout)
        if not runner.script_stopped():  # as AppTest's own: stop the run, then fail
            runner.request_stop()
            runner.join()
            raise RuntimeError(f"AppTest script run timed out after {timeout}(s)")

    local_script_runner.require_widgets_deltas = wait_for_the_run

    # And every AppTest compiled app.py and its view again (with Streamlit's "magic"), a
    # fresh ScriptCache each: about 7 % of a view test. Compiled once per file and version.
    compile_script = ScriptCache.get_bytecode
    compiled: dict[tuple[str, int], object] = {}

    def get_bytecode(self, script_path: str):
        path = os.path.abspath(script_path)
        key = (path, os.stat(path).st_mtime_ns)
        if key not in compiled:
            compiled[key] = compile_script(self, path)
        return compiled[key]

    ScriptCache.get_bytecode = get_bytecode


def _against(monkeypatch, url: str) -> None:
    """The app reads `url`. The fixtures' data are years old: the notice that says so
    (tests/test_what_the_chairman_reads.py) would stand on every page of every test."""
    monkeypatch.setenv("DASHBOARD_DB_URL", url)
    monkeypatch.setenv(freshness.OLD_DATA_ENV, str(OLD_FIXTURES))


def run_app(monkeypatch, url: str) -> AppTest:
    """The app against the database at `url`, after its first run (the landing view)."""
    _against(monkeypatch, url)
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=RUN_TIMEOUT_S).run()


_pages: dict = {}


def _registered_pages() -> dict:
    """The pages app.py registers with st.navigation (hash -> info), read once per session.

    `st.Page` hashes its `url_path` (`tre-han`), not its file name (`late`), so before
    a first run `AppTest.switch_page` cannot name a view. One run of the app against an
    empty database (its landing page stops at once with a message) gives them; every
    later AppTest starts on its view straight away, as a deep link does.
    """
    if not _pages:
        with tempfile.TemporaryDirectory() as directory, pytest.MonkeyPatch.context() as patch:
            empty = Path(directory) / "empty.sqlite"
            sqlite3.connect(empty).close()  # a database without tables: "no table …", at once
            patch.setenv("DASHBOARD_DB_URL", str(empty))
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=RUN_TIMEOUT_S).run()
        _pages.update(at._registered_pages)
    return _pages


def view_app(monkeypatch, url: str, view: str, query: dict | None = None) -> AppTest:
    """The app against `url`, set to open on `view` (a path under views/) with a URL
    `query` as a deep link, not yet run (a test may set its session state first)."""
    _against(monkeypatch, url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=RUN_TIMEOUT_S)
    at._registered_pages = dict(_registered_pages())
    at.switch_page(view)
    for name, value in (query or {}).items():
        at.query_params[name] = value
    return at


def run_view(monkeypatch, url: str, view: str, query: dict | None = None) -> AppTest:
    """`view_app` after its first run: the view's, the landing page never runs."""
    at = view_app(monkeypatch, url, view, query)
    at.run()
    # Streamlit falls back to the landing page for a page it does not know: say so here.
    assert at._finished_page_script_hash == at._page_hash, f"{view} did not run"
    return at


def run_view_on_day(monkeypatch, url: str, view: str, day) -> AppTest:
    """`run_view`, then the view's day picker set to `day` as a person would set it."""
    at = run_view(monkeypatch, url, view)
    return at.date_input(key="day").set_value(day).run()


def tiles(at: AppTest) -> dict[str, str]:
    """Label → value of every metric tile."""
    return {metric.label: metric.value for metric in at.metric}


def texts(at: AppTest, kind: str) -> str:
    """The text of every element of one kind (`info`, `error`, `caption`, `markdown`…)."""
    return " ".join(element.value for element in getattr(at, kind))


def chart_data(at: AppTest) -> list[list]:
    """Each Vega-Lite chart's datasets as DataFrames (Streamlit sends them apart from the spec)."""
    from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

    return [
        [convert_arrow_bytes_to_pandas_df(dataset.data.data) for dataset in chart.proto.datasets]
        for chart in at.get("vega_lite_chart")
    ]


def html_tables(at: AppTest, css_class: str) -> list[list[list[tuple[str, str | None]]]]:
    """Every `<table class="{css_class}">` the page shows through `st.html`, in order: its
    rows (the header first), each cell's text and the address it links to (None without)."""
    from html.parser import HTMLParser

    class Cells(HTMLParser):
        def __init__(self):
            super().__init__()
            self.rows, self.cell, self.href = [], None, None

        def handle_starttag(self, tag, attrs):
            if tag == "tr":
                self.rows.append([])
            elif tag in ("td", "th"):
                self.cell, self.href = "", None
            elif tag == "a":
                self.href = dict(attrs).get("href")

        def handle_data(self, data):
            if self.cell is not None:
                self.cell += data

        def handle_endtag(self, tag):
            if tag in ("td", "th"):
                self.rows[-1].append((self.cell.strip(), self.href))
                self.cell = None

    tables = []
    for element in at.html:
        body = element.proto.body
        if f'<table class="{css_class}"' in body:
            start = body.index(f'<table class="{css_class}"')
            parser = Cells()
            parser.feed(body[start : body.index("</table>", start)])
            tables.append(parser.rows)
    return tables


def html_headings(at: AppTest) -> list[str]:
    """The text of each `<h3>` shown through `st.html` (dashboard/frame/source_text.py)."""
    import html
    import re

    return [
        html.unescape(text)
        for element in at.html
        for text in re.findall(r"<h3>(.*?)</h3>", element.proto.body, re.S)
    ]


def leaves(at: AppTest):
    """Every element the page shows (main area and sidebar), in order."""

    def walk(node):
        children = getattr(node, "children", None)
        if not children:
            yield node
            return
        for child in children.values():
            yield from walk(child)

    yield from walk(at._tree)
