"""Household adoption across a reorganisation: which reports count on a day.

A report (digital_adoption) is a stock: a commune's households as of its date. After 1 July
2025 a merged commune reports its whole area, its predecessors' households included, while
their last reports before the date stay in the table. Adding every commune's latest report
would count those households twice. On a day, a unit's latest report counts while the unit
serves; after its end only until the unit that holds its area today (a merger's successor,
queries.succession) has reported, so that no day loses them in between. A split or
dissolved unit holds no area today: its reports stop at its end. Read by today's units, a
current unit's row is its own latest report, or its predecessors' added up before it
reported; as recorded, each unit's row holds only the report that counts. The totals are the
same both ways (docs/decisions.md, "Households across a reorganisation").
"""

from datetime import date

import pandas as pd
from sqlalchemy.engine import Engine

from dashboard.unit_reading import DEFAULT, reading_map, with_end_dates
from queries import adoption
from queries.succession import UnitMap, unit_map

COUNTS = list(adoption.COUNTS)


def counted(frame: pd.DataFrame, units: UnitMap, day: date) -> pd.Series:
    """For each row (a unit `group`'s latest report on or before `day`, `as_of` missing
    without one): whether the report counts on `day`."""
    reported = set(frame.loc[frame["as_of"].notna(), "group"])

    def counts(code) -> bool:
        ended = units.end_of(code) if pd.notna(code) else None
        if ended is None or day < ended:
            return True
        today = units.current_code(code)
        return today != code and today not in reported

    return frame["as_of"].notna() & frame["group"].map(counts).astype(bool)


def by_commune(engine: Engine, end: date, units: str = DEFAULT) -> pd.DataFrame:
    """queries.adoption.adoption_by_commune with only the reports that count on `end`, in the
    reading `units`: by today's units a merged commune's row holds its own report, or its
    predecessors' summed (its date their latest) before it reported, and they leave. A unit
    no longer in service keeps its row, named with its last day."""
    frame = adoption.adoption_by_commune(engine, end)
    keep = counted(frame, unit_map(engine), end)
    frame.loc[~keep, ["as_of", *COUNTS]] = None
    shown = reading_map(engine, units)
    today = frame["group"].map(shown.current_code)
    if (today != frame["group"]).any():
        groups = frame.assign(group=today).groupby("group", sort=False)
        sums = groups[COUNTS].sum(min_count=1)
        frame = frame[today == frame["group"]].copy()
        for column in COUNTS:
            frame[column] = frame["group"].map(sums[column])
        frame["as_of"] = frame["group"].map(groups["as_of"].max())
    frame[COUNTS] = frame[COUNTS].astype("Int64")
    frame["as_of"] = frame["as_of"].astype(object).where(frame["as_of"].notna(), None)
    return with_end_dates(frame.reset_index(drop=True), shown)


def history(engine: Engine, end: date) -> pd.DataFrame:
    """The total at every report date up to `end`, oldest first: at each date the reports
    that count then (`communes`: how many), added up. Columns: `as_of`, `communes`, the
    counts."""
    frame = adoption.latest_by_day(engine, end)
    units = unit_map(engine)
    rows = []
    for day, reports in frame.groupby("as_of", sort=True):
        shown = reports[counted(reports, units, day)]
        rows.append({"as_of": day, "communes": len(shown), **shown[COUNTS].sum().to_dict()})
    result = pd.DataFrame(rows, columns=["as_of", "communes", *COUNTS])
    result[COUNTS] = result[COUNTS].astype("Int64")
    result["communes"] = result["communes"].astype("int64")
    return result
