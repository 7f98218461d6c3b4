"""Charts drawn from specs built once for the same figures.

Altair builds and validates a chart's Vega-Lite spec on every rerun: about 25 ms a
chart, 150 ms of the overview's 250 ms when nothing else changed (six sparklines). The
spec depends only on the figures, so it is built once per arguments and kept as long as
the figures are (dashboard/frame/data.py); a rerun draws it from the cache.
"""

from collections.abc import Callable

import streamlit as st

# Streamlit's own conversion (theme off, data as Arrow), so the chart is the one
# st.altair_chart would draw.
from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec

from dashboard.frame.data import CACHE_TTL_SECONDS


@st.cache_data(ttl=CACHE_TTL_SECONDS, show_spinner=False, max_entries=1000)
def _spec(name: str, args: tuple, kwargs: dict, _build: Callable) -> dict:
    return _convert_altair_to_vega_lite_spec(_build(*args, **kwargs))


def show(build: Callable, *args, **kwargs) -> None:
    """The chart `build(*args, **kwargs)` (dashboard/charts.py) across the column."""
    name = f"{build.__module__}.{build.__qualname__}"
    st.vega_lite_chart(_spec(name, args, kwargs, build), width="stretch")
