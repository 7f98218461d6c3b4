"""Every string from the source reaches the page as text: never Markdown, never HTML.

Each view runs (AppTest) on the demo with an attacker's names, reasons and comments
(tests/hostile.py), in the states that show them: a unit's late list, the form of one
unit, the satisfaction of one unit, every slide. Where a marked string surfaces, it must
be in an element that shows text as text (a table, a chart, plain text, a select box),
or escaped in HTML.
"""

import pytest

from tests.apptest import leaves, run_view
from tests.hostile import ACTIVE, hostile_codes, hostile_copy

# Elements that show a string as it is: Streamlit renders none of these as Markdown.
# A multiselect's options as a select box's (seen in Chromium: the 766 page's units, these
# names among them, shown as their own characters).
AS_TEXT = {"text", "dataframe", "arrow_data_frame", "vega_lite_chart", "selectbox", "multiselect"}


@pytest.fixture(scope="module")
def hostile(demo_sqlite, tmp_path_factory) -> str:
    return hostile_copy(demo_sqlite, tmp_path_factory.mktemp("hostile"))


def where_it_surfaced(at) -> list[str]:
    """A line for each element that shows a marked string other than as text."""
    wrong = []
    for node in leaves(at):
        proto = getattr(node, "proto", None)
        # The text itself where the element has one: protobuf's text form escapes it.
        body = getattr(proto, "body", None) or str(proto)
        if "EVIL" not in body:
            continue
        if node.type == "html":
            wrong += [f"raw {tag!r} in st.html" for tag in ACTIVE if tag in body]
        elif node.type not in AS_TEXT:
            wrong.append(f"{node.type}: {body[:120]!r}")
    return wrong


def _states(codes: dict[str, str]) -> list[tuple[str, dict]]:
    week = {"tuan": "2023-W12"}
    return [
        ("views/overview.py", week),
        ("views/units.py", {}),
        ("views/late.py", {"unit": codes["overlay"], "state": "late", "start": "2022-01-01"}),
        ("views/late.py", {"unit": codes["link"], "basis": "flow", **week}),
        ("views/form06a.py", {"scope": codes["link"]}),
        ("views/form06a.py", {"scope": codes["overlay"]}),
        ("views/cashless.py", {}),
        ("views/adoption.py", {}),
        ("views/ocop.py", {}),
        ("views/index766.py", {"thang": "2023-03", "unit": codes["link"], "list": "online"}),
        *[("views/briefing.py", {**week, "slide": str(n)}) for n in range(1, 8)],
    ]


def test_no_view_renders_a_database_string(monkeypatch, hostile):
    codes = hostile_codes(hostile)
    surfaced = {}
    for view, query in _states(codes):
        at = run_view(monkeypatch, hostile, view, query)
        assert not at.exception, (view, query)
        if wrong := where_it_surfaced(at):
            surfaced[f"{view} {query}"] = wrong
    assert surfaced == {}


def test_the_satisfaction_of_a_hostile_unit(monkeypatch, hostile):
    at = run_view(monkeypatch, hostile, "views/satisfaction.py")
    unit = next(option for option in at.selectbox(key="unit").options if "EVIL1" in option)
    at = at.selectbox(key="unit").set_value(unit).run()
    assert not at.exception
    assert where_it_surfaced(at) == []
    assert any("EVIL4" in str(node.proto) for node in leaves(at))  # its officers shown


def test_the_marked_strings_do_surface(monkeypatch, hostile):
    # The sweep above means something only if the strings reach the pages at all.
    at = run_view(monkeypatch, hostile, "views/overview.py", {"tuan": "2023-W12"})
    ranking = " ".join(node.proto.body for node in leaves(at) if node.type == "html")
    assert "&lt;div style=" in ranking and "EVIL2" in ranking
