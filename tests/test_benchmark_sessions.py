"""The benchmark's hand-written SQL runs in the app's own session settings (JIT off), so
that `ratio` compares two statements under the same rules (benchmarks/sessions.py)."""

import psycopg
import pytest

from benchmarks import sessions
from queries.connection import SESSION_JIT
from tests.databases import postgres_server_url


def test_each_setting_goes_to_libpq_as_its_own_option():
    assert sessions.options({"jit": "off", "work_mem": "64MB"}) == "-c jit=off -c work_mem=64MB"
    assert sessions.options({}) == ""
    for unsafe in ({"search_path": "a, b"}, {"jit": ""}, {"x": "a\\b"}):
        with pytest.raises(ValueError):
            sessions.options(unsafe)


def test_the_name_and_the_statement_limits_are_not_copied():
    app = {
        "application_name": "onestop-dashboard",
        "statement_timeout": "15000",
        "lock_timeout": "3000",
        "jit": "off",
        "default_transaction_read_only": "on",
    }
    assert sessions.copied(app) == {"default_transaction_read_only": "on", "jit": "off"}


def test_the_hand_written_side_runs_as_the_app_sessions_do():
    url = postgres_server_url()
    settings = sessions.copied(sessions.app_settings(url))
    # What queries/connection.py sets for its sessions, read back from one of them.
    assert settings["jit"] == SESSION_JIT
    assert settings["default_transaction_read_only"] == "on"
    assert not set(settings) & set(sessions.NOT_COPIED)
    with sessions.connect(url, settings) as conn:
        assert sessions.shown(conn)["jit"] == SESSION_JIT
        with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
            conn.execute("CREATE TEMPORARY TABLE written (n int)")
    sides = sessions.both_sides(url, settings)
    assert sides["same"] and sides["app"] == sides["handwritten"]
    assert set(sides["app"]) == set(sessions.COMPARED)
    assert sides["copied_to_handwritten"] == settings


def test_without_them_a_session_would_differ_and_say_so():
    url = postgres_server_url()
    other = {"jit": "on" if SESSION_JIT == "off" else "off"}
    sides = sessions.both_sides(url, other)
    assert not sides["same"]
    assert sides["handwritten"]["jit"] == other["jit"] != sides["app"]["jit"]
