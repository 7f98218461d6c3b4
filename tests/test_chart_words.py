"""Every chart on every view speaks Vietnamese: each tooltip field and axis has a title of
its own (never a field name such as `value_text` or `kind_name`), on the demo database.
And every chart's spec is valid Vega-Lite: the app draws them without validating
(dashboard/frame/chart.py), so this is where they are checked."""

import json

import pytest
from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema.core import load_schema

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
    schema = load_schema()
    for spec in specs:
        validate_jsonschema(spec, schema)  # raises on a spec Vega-Lite would not read
        for tip in tooltips(spec):
            if isinstance(tip, dict) and "field" in tip:
                assert tip.get("title"), f"{view}: tooltip {tip['field']} has no title"
