"""A deployment limited to one unit (DASHBOARD_SCOPE): a merged commune's pages show only its
dossiers (its predecessors' included), titled with its name; a code no unit has is said
plainly (tests/fixture_reorg.py)."""

import html

import pytest

from dashboard.frame import data
from queries import scope
from tests import fixture_reorg as reorg
from tests.apptest import html_tables, run_view

W27 = {"start": "2025-06-30", "end": "2025-07-06"}
BOTH_WEEKS = {"start": "2025-06-23", "end": "2025-07-06"}


def _shown(at) -> str:
    """Everything the page shows as HTML (the title line, tables), unescaped."""
    return html.unescape(" ".join(element.proto.body for element in at.html))


def test_a_merged_commune_s_units_page(monkeypatch, make_db):
    monkeypatch.setenv(scope.ENV, "XA-AB")
    at = run_view(monkeypatch, make_db("sqlite", reorg.ROWS), "views/units.py", W27)
    assert not at.exception
    assert "Xã A-B" in _shown(at)  # above the page's title, and in the sidebar
    assert "Xã A-B" in html.unescape(" ".join(e.proto.body for e in at.sidebar.html))
    rows = {row[0][0]: row[1][0] for row in html_tables(at, "units")[0][1:]}
    # d4 (Xã A's, 30/06), d6 and d7: the province's, the split and the others' are not here.
    assert rows == {"Xã A-B": "3", "Tổng cộng": "3"}
    assert "huyện" not in _shown(at).lower()


def test_a_merged_commune_s_late_list(monkeypatch, make_db):
    monkeypatch.setenv(scope.ENV, "XA-AB")
    at = run_view(
        monkeypatch, make_db("sqlite", reorg.ROWS), "views/late.py", {**BOTH_WEEKS, "state": "late"}
    )
    assert not at.exception
    tables = [df.value for df in at.dataframe if (df.key or "").startswith("late_rows_")]
    assert list(tables[0]["Mã hồ sơ"]) == ["d2"]  # Xã B's, before the merger; not Xã S's d5


def test_a_scope_no_unit_has_is_said(monkeypatch, make_db):
    monkeypatch.setenv(scope.ENV, "KHONG-CO")
    at = run_view(monkeypatch, make_db("sqlite", reorg.ROWS), "views/units.py", W27)
    assert not at.exception
    assert data.UNKNOWN_SCOPE.format(code="KHONG-CO") in " ".join(e.value for e in at.error)


def test_the_overview_names_its_place_under_its_title(monkeypatch, make_db):
    monkeypatch.setenv(scope.ENV, "XA-AB")
    url = make_db("sqlite", reorg.ROWS)
    at = run_view(monkeypatch, url, "views/overview.py", {"tuan": "2025-W27"})
    assert not at.exception
    main = " ".join(element.proto.body for element in at.main.html)
    assert ">Xã A-B</p>" in main  # the caption under the title
    assert "Xã A-B" in html.unescape(" ".join(e.proto.body for e in at.sidebar.html))
    assert [tile for tile in at.metric if tile.label.startswith("Tiếp nhận")][0].value == "3"


EVERY_VIEW = [
    ("views/form06a.py", BOTH_WEEKS),
    ("views/satisfaction.py", BOTH_WEEKS),
    ("views/cashless.py", BOTH_WEEKS),
    ("views/adoption.py", BOTH_WEEKS),
    ("views/ocop.py", BOTH_WEEKS),
    ("views/index766.py", {"thang": "2025-07"}),
    ("views/briefing.py", {"tuan": "2025-W27"}),
]


@pytest.mark.parametrize(("view", "query"), EVERY_VIEW, ids=lambda v: str(v).split("/")[-1])
def test_every_other_view_runs_in_a_merged_commune_s_scope(monkeypatch, make_db, view, query):
    """Each view under DASHBOARD_SCOPE: no failure, the place named, no district assumed."""
    monkeypatch.setenv(scope.ENV, "XA-AB")
    at = run_view(monkeypatch, make_db("sqlite", reorg.ROWS), view, query)
    assert not at.exception, at.exception
    assert "Xã A-B" in html.unescape(" ".join(e.proto.body for e in at.sidebar.html))
    shown = " ".join([_shown(at), *(m.value for m in at.markdown), *(t.value for t in at.text)])
    assert "huyện" not in shown.lower(), view
