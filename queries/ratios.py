"""The one division the figures need: a share of two counts, missing where the base is zero."""

import pandas as pd


def rate(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """numerator / denominator as a float fraction, missing (NaN) where the denominator is 0."""
    denominator = denominator.astype("float64")
    return numerator.astype("float64") / denominator.where(denominator != 0)
