"""Shared fixtures: databases on both engines, cache hygiene for AppTest."""

import pytest

from tests.browser import app_server, browser, page  # noqa: F401  (browser fixtures)
from tests.databases import BACKENDS, build_database, dispose_database


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
