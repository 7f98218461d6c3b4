"""How pages share the database's time: a figure many sessions ask for at once is computed
once, and the audit of the rows never holds a page (dashboard/frame/data.py)."""

import threading
import time

from dashboard.frame import data
from dashboard.quality import audit
from dashboard.state_dir import STATE_DIR_ENV
from queries import deadline
from queries.connection import readonly_engine
from tests.test_view_units import ROWS


def test_a_figure_asked_for_by_many_at_once_is_computed_once(monkeypatch, make_db):
    monkeypatch.setenv("DASHBOARD_DB_URL", make_db("sqlite", ROWS))
    computed, results = [], []

    def weekly_figure(_engine):
        computed.append(threading.get_ident())
        time.sleep(0.3)  # long enough for every session to ask while it runs
        return 42

    sessions = [
        threading.Thread(target=lambda: results.append(data.cached(weekly_figure)))
        for _ in range(8)
    ]
    for session in sessions:
        session.start()
    for session in sessions:
        session.join()
    assert results == [42] * 8 and len(computed) == 1


def test_a_session_waits_for_another_s_figure_only_until_its_deadline(monkeypatch, make_db):
    monkeypatch.setenv("DASHBOARD_DB_URL", make_db("sqlite", ROWS))
    started = threading.Event()

    def slow_figure(_engine):
        started.set()
        time.sleep(1.0)
        return 1

    first = threading.Thread(target=lambda: data.cached(slow_figure))
    first.start()
    started.wait()
    outcome = []
    with deadline.within(0.2):
        try:
            data.cached(slow_figure)
        except deadline.DeadlineExceeded:
            outcome.append("time spent")
    first.join()
    assert outcome == ["time spent"]


def test_the_audit_of_the_rows_never_holds_a_page(
    monkeypatch, make_db, tmp_path, background_counts
):
    url = make_db("sqlite", ROWS)
    monkeypatch.setenv("DASHBOARD_DB_URL", url)
    monkeypatch.setenv(STATE_DIR_ENV, str(tmp_path))  # never counted yet
    release = threading.Event()
    real_check = data.quality_check.check

    def slow_check(*args, **kwargs):
        release.wait(5)  # millions of rows: longer than a page may wait
        return real_check(*args, **kwargs)

    monkeypatch.setattr(data.quality_check, "check", slow_check)
    started = time.perf_counter()
    assert data.data_quality() is None  # not known yet: the page goes on without it
    assert data.data_quality() is None  # the check already running is not started twice
    assert time.perf_counter() - started < 0.5
    release.set()
    data._auditor().workers.submit(lambda: None).result()  # the check has finished
    reading = data.data_quality()
    assert reading.counts == audit(readonly_engine(url), reading.counted_at)
    assert data._auditor().running[url].done()  # kept and fresh: no check started again


def test_a_server_that_leaves_the_counting_to_another_starts_none(monkeypatch, make_db, tmp_path):
    url = make_db("sqlite", ROWS)
    monkeypatch.setenv("DASHBOARD_DB_URL", url)
    monkeypatch.setenv(STATE_DIR_ENV, str(tmp_path))  # never counted here
    monkeypatch.setenv(data.BACKGROUND_COUNTS_ENV, "off")
    assert data.data_quality() is None
    assert url not in data._auditor().running  # nothing started: the notice waits for it
    monkeypatch.setenv(data.BACKGROUND_COUNTS_ENV, "on")
    assert data.data_quality() is None  # this one counts: started in the background
    data._auditor().running[url].result()
    assert data.data_quality().counts == audit(readonly_engine(url), data.data_quality().counted_at)
