"""Pure KPI arithmetic: rates from counts. No database, no streamlit."""

import pandas as pd

COHORT_COUNTS = (
    "received",
    "received_online",
    "finished",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "withdrawn",
    "open",
    "open_overdue",
)
COHORT_RATES = ("on_time_rate", "online_rate")


def rate(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """numerator / denominator as a float fraction, missing (NaN) where the denominator is 0."""
    denominator = denominator.astype("float64")
    return numerator.astype("float64") / denominator.where(denominator != 0)


def add_cohort_rates(frame: pd.DataFrame) -> pd.DataFrame:
    """Add on_time_rate and online_rate (data-contract.md) to a frame of cohort counts."""
    on_time = frame["resolved_early"] + frame["resolved_on_time"]
    return frame.assign(
        on_time_rate=rate(on_time, frame["finished"]),
        online_rate=rate(frame["received_online"], frame["received"]),
    )
