"""Shared fixtures: databases on both engines, cache hygiene for AppTest."""

import pytest

from tests.apptest import lighter_apptest
from tests.browser import (  # noqa: F401  (browser fixtures)
    app_server,
    browser,
    page,
    running_app_server,
    servers,
)
from tests.databases import (
    BACKENDS,
    ENGINES,
    build_database,
    dispose_databases,
    rows_key,
)
from tests.demo_builds import WORKER_INPUT_KEY, DemoBuilds
from tests.writes import own_db  # noqa: F401  (a database of the test's own, to write to)
from tests.xdist_lanes import (
    BROWSER_FILES,
    BrowserTestsTogether,
    lower_priority_outside_the_browser_lane,
)

lighter_apptest()

_demos = DemoBuilds()


def pytest_configure(config):
    _demos.configure(config)
    lower_priority_outside_the_browser_lane()


@pytest.hookimpl(optionalhook=True)  # pytest-xdist's: absent under `-p no:xdist`
def pytest_configure_node(node):
    """Each pytest-xdist worker builds and reads the demos, and keeps the dashboard's own
    state, in the controller's folder."""
    node.workerinput[WORKER_INPUT_KEY] = str(_demos.folder)


@pytest.fixture(scope="session")
def state_folder():
    """The dashboard's own folder for the whole session (the audit's counts and the daily
    figures, kept as a running app keeps them), shared by the session's processes as app
    servers share one: a demo is counted once, not once per pytest-xdist worker. Never the
    project's data/state/."""
    folder = _demos.folder / "state"
    folder.mkdir(exist_ok=True)
    return folder


@pytest.fixture(autouse=True)
def _own_state_folder(monkeypatch, state_folder):
    from dashboard.frame.data import BACKGROUND_COUNTS_ENV
    from dashboard.state_dir import STATE_DIR_ENV

    monkeypatch.setenv(STATE_DIR_ENV, str(state_folder))
    # A page starts no count of its database (the audit, the daily figures) unless the test
    # asks (`background_counts`): each fixture's first count took a fifth of the suite's CPU.
    monkeypatch.setenv(BACKGROUND_COUNTS_ENV, "off")


@pytest.fixture
def background_counts(monkeypatch):
    """Pages start the background counts, as a server does by default."""
    from dashboard.frame.data import BACKGROUND_COUNTS_ENV

    monkeypatch.setenv(BACKGROUND_COUNTS_ENV, "on")


@pytest.fixture(autouse=True)
def _clear_streamlit_caches(monkeypatch):
    # st.cache_data / st.cache_resource are process-wide and outlive AppTest runs.
    import streamlit as st

    from dashboard.auth import sessions
    from dashboard.frame import sign_in

    st.cache_data.clear()
    st.cache_resource.clear()
    # So are the sign-in's sessions and failed tries, on purpose in no cache: fresh ones.
    monkeypatch.setattr(sign_in, "_stores", {})
    monkeypatch.setattr(sign_in, "_THROTTLE", sessions.Throttle())
    yield


def pytest_generate_tests(metafunc):
    """`backend`: each engine, and SQLite in both timestamp forms for the tests of queries.
    A module of commands, pages or files over queries tested that way (marked
    `engines_only`) runs once per engine: the second SQLite form adds nothing there."""
    if "backend" not in metafunc.fixturenames:
        return
    if any("backend" in str(m.args[0]) for m in metafunc.definition.iter_markers("parametrize")):
        return  # the test chose its backends itself
    engines_only = metafunc.definition.get_closest_marker("engines_only") is not None
    metafunc.parametrize("backend", ENGINES if engines_only else BACKENDS)


@pytest.fixture(scope="session")
def make_db(tmp_path_factory):
    """make_db(backend, rows, tables=None, loose=False) -> URL of a database holding `rows`
    (`loose`: tables without the contract's constraints, for rows that break it).

    Built once per session for each backend, rows (by content) and tables, and
    shared by every test that asks for the same: the dashboard only reads. A test
    that writes to its database builds its own (tests.databases.build_database).
    All are dropped at the end of the session, none before.
    """
    directory = tmp_path_factory.mktemp("databases")
    built: dict[tuple, str] = {}

    def make(backend: str, rows: dict, tables=None, loose: bool = False) -> str:
        key = (backend, rows_key(rows), tuple(sorted(tables)) if tables else None, loose)
        if key not in built:
            built[key] = build_database(backend, rows, directory, tables, loose)
        return built[key]

    yield make
    dispose_databases(built.values())


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """Under `-n` (the Makefile): the browser tests in one worker (tests/xdist_lanes.py)."""
    if config.getvalue("dist") == "load":
        return BrowserTestsTogether(config, log)
    return None


def pytest_itemcollected(item):
    marked = item.get_closest_marker("browser") is not None
    if marked != item.nodeid.startswith(BROWSER_FILES):
        raise pytest.UsageError(
            f"{item.nodeid}: browser tests, and only they, live in {BROWSER_FILES}*.py "
            "(tests/xdist_lanes.py runs them in one worker by their files)"
        )


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    # The browser tests last in one process: the rest has its answers sooner, and the demos
    # (below) are built while it runs rather than while Chromium and a server use both cores.
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)
    if config.option.collectonly:
        return
    needed = [name for item in items for name in item.fixturenames if name in DemoBuilds.DEMOS]
    _demos.plan(list(dict.fromkeys(needed)))  # in the order the tests first read them


def pytest_sessionfinish(session):
    _demos.close()


@pytest.fixture(scope="session")
def demo_sqlite() -> str:
    """The demo up to the report's month, built once for every test that reads it."""
    return _demos.get("demo_sqlite")


@pytest.fixture(scope="session")
def demo_postgres() -> str:
    """The same demo on PostgreSQL. Every demo is written through the command line, as a
    user would, in the background from the start of the session (DemoBuilds)."""
    return _demos.get("demo_postgres")


@pytest.fixture(scope="session")
def demo_later_sqlite() -> str:
    """The demo up to DEMO_LATER (the open-past-due backlog on a recent day)."""
    return _demos.get("demo_later_sqlite")


@pytest.fixture(scope="session")
def demo_later_postgres() -> str:
    return _demos.get("demo_later_postgres")


@pytest.fixture(scope="session")
def demo_urls(demo_sqlite, demo_postgres) -> dict[str, str]:
    return {"sqlite": demo_sqlite, "postgresql": demo_postgres}
