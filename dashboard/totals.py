"""The total: one row adding up the rows above it, its rates recomputed from the sums.

Every table and tile that shows "all units together" gets that row from here,
under one name: `ALL` as its key (the `group` of units, the `field` of the
official form), and a display name, "Tổng cộng", where one is shown: no table assumes
the units add up to a district (a commune, a province centre or a former district may be
what the rows make up).
"""

import pandas as pd

from dashboard.kpi import COUNTS, with_rates

ALL = "TOTAL"
TOTAL_NAME = "Tổng cộng"  # the total row's name where one is shown


def total_row(
    frame: pd.DataFrame,
    key: str = "group",
    name: str | None = None,
    counts: tuple[str, ...] | None = None,
) -> pd.DataFrame:
    """One row: `key` = ALL, `name` (when given), each count summed, the registry's rates.

    `counts` names the columns to add up; by default every registered count present.
    """
    counts = counts or tuple(c for c in frame.columns if c in COUNTS)
    sums = frame[list(counts)].sum().astype("int64")
    row = {key: ALL, **({"name": name} if name is not None else {}), **sums}
    return with_rates(pd.DataFrame([row]))


def with_total(
    frame: pd.DataFrame,
    key: str = "group",
    name: str | None = None,
    counts: tuple[str, ...] | None = None,
) -> pd.DataFrame:
    """`frame` with `total_row` appended as its last row (the frame's columns, in order;
    counts keep their type, so a nullable count column stays nullable)."""
    total = total_row(frame, key, name, counts)
    if frame.empty:
        return total.reindex(columns=[*frame.columns] or total.columns)
    for column in counts or (c for c in frame.columns if c in COUNTS):
        total[column] = total[column].astype(frame[column].dtype)
    return pd.concat([frame, total], ignore_index=True)[list(frame.columns)]
