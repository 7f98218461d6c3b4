"""Shared fixtures: databases on both engines, cache hygiene for AppTest."""

import subprocess
import sys

import pytest

import demo
from queries.connection import PROJECT_ROOT
from tests.browser import app_server, browser, page  # noqa: F401  (browser fixtures)
from tests.databases import (
    BACKENDS,
    DEMO_UNTIL,
    build_database,
    create_postgres_database,
    dispose_database,
    drop_postgres_database,
)


@pytest.fixture(autouse=True)
def _clear_streamlit_caches():
    # st.cache_data / st.cache_resource are process-wide and outlive AppTest runs.
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    yield


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture
def make_db(tmp_path):
    """make_db(backend, rows, tables=None) -> URL of a fresh database, dropped afterwards."""
    created = []

    def make(backend: str, rows: dict, tables=None) -> str:
        url = build_database(backend, rows, tmp_path, tables)
        created.append(url)
        return url

    yield make
    for url in created:
        dispose_database(url)


@pytest.fixture(scope="session")
def demo_sqlite(tmp_path_factory) -> str:
    """The demo up to the report's month, built once for every test that reads it."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    demo.build(path, until=DEMO_UNTIL)
    return str(path)


@pytest.fixture(scope="session")
def demo_postgres():
    """The same demo on PostgreSQL, written through the command line as a user would."""
    url = create_postgres_database()
    command = [
        sys.executable,
        "-m",
        "dashboard",
        "demo",
        "--out",
        url,
        "--until",
        DEMO_UNTIL.isoformat(),
    ]
    subprocess.run(command, cwd=PROJECT_ROOT, check=True, capture_output=True)
    yield url
    drop_postgres_database(url)


@pytest.fixture(scope="session")
def demo_urls(demo_sqlite, demo_postgres) -> dict[str, str]:
    return {"sqlite": demo_sqlite, "postgresql": demo_postgres}
