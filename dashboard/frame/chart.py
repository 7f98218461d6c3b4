"""Charts drawn from specs built once for the same figures, and never validated here.

Altair builds and validates a chart's Vega-Lite spec on every rerun: about 25 ms a
chart, 150 ms of the overview's 250 ms when nothing else changed (six sparklines). The
spec depends only on the figures, so it is built once per arguments and kept as long as
the figures are (dashboard/frame/data.py); a rerun draws it from the cache.

Validating a spec against the Vega-Lite schema was about half of building it, and a
fifth of a cold page. The builders' output depends on the figures' values only, not on
their shape, so the specs are validated once, in the tests (tests/test_chart_words.py:
every chart of every view), and drawn here without it.
"""

import functools
from collections.abc import Callable

import altair as alt
import streamlit as st

# Streamlit's own conversion (theme off, data as Arrow), so the chart is the one
# st.altair_chart would draw.
from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec

from dashboard.frame.data import CACHE_TTL_SECONDS


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False, max_entries=1000)
def _spec(name: str, args: tuple, kwargs: dict, _build: Callable) -> dict:
    with alt.utils.schemapi.debug_mode(False):  # no validation of each part as it is built
        chart = _build(*args, **kwargs)
    # Streamlit's conversion calls `chart.to_dict()`, validating by default. (An Altair
    # object's own setattr would take `to_dict` for a chart property.)
    object.__setattr__(chart, "to_dict", functools.partial(chart.to_dict, validate=False))
    return _convert_altair_to_vega_lite_spec(chart)


def show(build: Callable, *args, **kwargs) -> None:
    """The chart `build(*args, **kwargs)` (dashboard/charts.py) across the column."""
    name = f"{build.__module__}.{build.__qualname__}"
    st.vega_lite_chart(_spec(name, args, kwargs, build), width="stretch")
