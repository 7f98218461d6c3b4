"""dashboard/frame/data.py: failures become plain Vietnamese messages, never a stack trace."""

import pytest
from streamlit.testing.v1 import AppTest

from tests.test_view_units import PROCEDURES, ROWS, UNITS

pytestmark = pytest.mark.engines_only  # over queries tested in both SQLite forms


def slow_query_page():
    import streamlit as st
    from sqlalchemy import text

    from dashboard.frame import data

    def slow(engine):
        with engine.connect() as conn:
            return conn.execute(text("SELECT pg_sleep(5)")).all()

    data.load(slow)
    st.write("not reached")


def required_tables_page():
    import streamlit as st

    from dashboard.frame import data

    data.require_tables(["dossiers", "ratings"])
    st.write("all there")


def broken_query_page():
    import streamlit as st
    from sqlalchemy import text

    from dashboard.frame import data

    def broken(engine):
        with engine.connect() as conn:
            return conn.execute(text("SELECT no_such_column FROM dossiers")).all()

    data.load(broken)
    st.write("not reached")


def run(monkeypatch, url: str, page) -> AppTest:
    monkeypatch.setenv("DASHBOARD_DB_URL", url)
    return AppTest.from_function(page, default_timeout=30).run()


def test_statement_timeout_gives_a_plain_message(monkeypatch, make_db):
    monkeypatch.setenv("DASHBOARD_STATEMENT_TIMEOUT_MS", "100")
    at = run(monkeypatch, make_db("postgresql", ROWS), slow_query_page)
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Trang này đọc số liệu quá 0,1 giây nên đã dừng lại để không làm chậm hệ thống "
        "Một cửa. Cơ sở dữ liệu có thể đang bận; xin thử lại sau ít phút."
    ]
    assert not at.markdown


def test_require_tables_names_the_missing_ones(monkeypatch, make_db, backend):
    url = make_db(backend, {"units": UNITS, "procedures": PROCEDURES}, ["units", "procedures"])
    at = run(monkeypatch, url, required_tables_page)
    assert not at.exception
    assert [e.value for e in at.error] == [
        "Cơ sở dữ liệu chưa có bảng `dossiers`, `ratings` nên trang này chưa hiển thị được."
    ]
    assert not at.markdown


def test_require_tables_passes_when_all_are_there(monkeypatch, make_db, backend):
    at = run(monkeypatch, make_db(backend, ROWS), required_tables_page)
    assert not at.error
    assert at.markdown[0].value == "all there"


@pytest.mark.parametrize("backend_name", ["sqlite", "postgresql"])
def test_other_query_failures_give_a_plain_message(monkeypatch, make_db, backend_name):
    at = run(monkeypatch, make_db(backend_name, ROWS), broken_query_page)
    assert not at.exception
    (message,) = [e.value for e in at.error]
    assert message.startswith("Không đọc được dữ liệu cho trang này")
    assert "no_such_column" not in message  # no SQL reaches the user
