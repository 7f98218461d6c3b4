"""AppTest helpers shared by the topic view tests (satisfaction, cashless, households, OCOP)."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent


def run_view(monkeypatch, url: str, view: str, query: dict | None = None) -> AppTest:
    """The app against `url`, switched to `view` (a path under views/), with a URL `query`."""
    monkeypatch.setenv("DASHBOARD_DB_URL", url)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    at.switch_page(view)
    for name, value in (query or {}).items():
        at.query_params[name] = value
    return at.run()


def texts(at: AppTest, kind: str) -> str:
    """The text of every element of one kind (`info`, `error`, `caption`, `markdown`…)."""
    return " ".join(element.value for element in getattr(at, kind))


def chart_data(at: AppTest) -> list[list]:
    """Each Vega-Lite chart's datasets as DataFrames (Streamlit sends them apart from the spec)."""
    from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

    return [
        [convert_arrow_bytes_to_pandas_df(dataset.data.data) for dataset in chart.proto.datasets]
        for chart in at.get("vega_lite_chart")
    ]
