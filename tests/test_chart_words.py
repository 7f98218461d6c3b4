"""Every chart on every view speaks Vietnamese: each tooltip field and axis has a title of
its own (never a field name such as `value_text` or `kind_name`), on the demo database."""

import json

import pytest

from tests.apptest import run_view

VIEWS = ["overview", "units", "late", "satisfaction", "cashless", "adoption", "ocop", "index766"]
LINKS = {
    "index766": {"thang": "2023-03"},
    "satisfaction": {"start": "2023-01-01", "end": "2023-03-31"},
    "cashless": {"start": "2023-01-01", "end": "2023-03-31"},
    "units": {"start": "2023-01-01", "end": "2023-03-31"},
}


def tooltips(spec):
    """Every tooltip entry in a Vega-Lite spec, however deep its layers go."""
    if isinstance(spec, dict):
        for key, value in spec.items():
            if key == "tooltip":
                yield from value if isinstance(value, list) else [value]
            else:
                yield from tooltips(value)
    elif isinstance(spec, list):
        for item in spec:
            yield from tooltips(item)


@pytest.mark.parametrize("view", VIEWS)
def test_tooltips_are_titled_in_vietnamese(monkeypatch, demo_sqlite, view):
    at = run_view(monkeypatch, demo_sqlite, f"views/{view}.py", LINKS.get(view))
    specs = [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]
    assert specs, f"{view} draws no chart"
    for spec in specs:
        for tip in tooltips(spec):
            if isinstance(tip, dict) and "field" in tip:
                assert tip.get("title"), f"{view}: tooltip {tip['field']} has no title"
