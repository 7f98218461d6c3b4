"""Crafted URL parameters, as anyone can type them, through what every view does with its
URL: read it (dashboard/params.py, dashboard/content), then query with what it read.

Nothing may raise, every value read must be one the page can use, every problem is a
plain sentence, and no typed text reaches the database except as a bound parameter:
the SQL sent is captured and searched for it.
"""

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event

from dashboard import figures, params
from dashboard.content import index766, overview
from dashboard.content import late as late_content
from dashboard.weekly import default_week, week_overview
from queries import connection
from queries.period import Period, last_complete_week
from tests import fixture_late

NAMES = (
    "start", "end", "tuan", "day", "unit", "handling", "field", "procedure", "channel",
    "state", "days", "basis", "page", "scope", "slide", "tu-dong", "thang", "list",
)  # fmt: skip
CRAFTED = st.sampled_from(
    [
        "'; DROP TABLE dossiers; --",
        "1 OR 1=1",
        '" UNION SELECT applicant_name FROM dossiers --',
        "9999-12-31", "0001-01-01", "31/02/2023", "2024-W53", "2023-W00", "99999-W01",
        "-1", "0", "1e309", "NaN", "10000000000000000000000",
        "<script>alert(1)</script>", "[x](http://evil.example/)", "\x00", "\u202e",
        "CTA-MN ", " CTA-MN", "cta-mn", "x" * 5000,
    ]
)  # fmt: skip
VALUE = st.one_of(CRAFTED, st.text(max_size=40))
URLS = st.dictionaries(
    st.sampled_from(NAMES), st.one_of(VALUE, st.lists(VALUE, min_size=2, max_size=3))
)
LAST_DAY = date(2022, 6, 30)
FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    from tests.databases import build_database

    url = build_database("sqlite", fixture_late.ROWS, tmp_path_factory.mktemp("fuzz"))
    engine = connection.readonly_engine(url)
    yield engine
    engine.dispose()


def _typed(raw: dict) -> set[str]:
    """What was typed, worth searching the SQL for (longer than a keyword's piece)."""
    values = [v for value in raw.values() for v in (value if isinstance(value, list) else [value])]
    return {v for v in values if len(v.strip()) >= 6}


@given(raw=URLS)
@FUZZ
def test_reading_any_url_gives_usable_values(raw):
    query = params.QueryParams(raw)
    default = Period(date(2022, 1, 1), LAST_DAY)
    period = query.period(default)
    week = query.week("tuan", last_complete_week(LAST_DAY))
    days = query.integer("days", "số ngày", 1, 60, 2)
    assert params.EARLIEST_DATE <= period.start <= period.end <= params.LATEST_DATE
    assert week.start.weekday() == 0 and params.EARLIEST_DATE <= week.start
    assert 1 <= days <= 60
    offered = index766.offered_months(LAST_DAY)
    assert index766.read_month(query, offered) in offered
    kind, unit = index766.read_list(query, index766.LIST_KINDS, ["CTA-MN"])
    assert kind in (None, *index766.LIST_KINDS) and unit in (None, "CTA-MN")
    assert all(isinstance(p, str) and len(p) < 300 for p in query.problems)


def _statements_for(engine, raw: dict) -> list[str]:
    """The SQL the late view and the overview send for the URL `raw`."""
    sent: list[str] = []

    def capture(_conn, _cursor, statement, _parameters, _context, _executemany):
        sent.append(statement)

    event.listen(engine, "before_cursor_execute", capture)
    try:
        query = params.QueryParams(raw)
        choices = late_content.choices(figures.filter_options(engine))
        filt = late_content.read_url(query, choices, Period(date(2022, 1, 1), LAST_DAY))
        page = query.integer("page", "trang", 1, 10, 1)
        figures.late_count(engine, filt)
        figures.late_page(engine, filt, page)
        figures.late_breakdown(engine, filt, "handling")
        figures.late_reasons(engine, filt)
        if "tuan" in raw or not raw:  # the overview reads no other parameter
            default = default_week(engine, LAST_DAY)
            choice = overview.week_choice(query.week("tuan", default), LAST_DAY, default)
            week_overview(engine, choice.asked)
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    return sent


@pytest.fixture(scope="module")
def plain_sql(engine) -> str:
    """The SQL of a URL without parameters: its constants (`1000000`…) are no one's typing."""
    return "\n".join(_statements_for(engine, {}))


@given(raw=URLS)
@FUZZ
def test_any_url_reaches_the_database_only_as_bound_parameters(engine, plain_sql, raw):
    sent = _statements_for(engine, raw)
    statements = "\n".join(sent)
    typed = [text for text in _typed(raw) if text not in plain_sql]
    assert sent and not [text for text in typed if text in statements]
