"""The widgets every view shows figures with: pickers, a page's top, tiles, tables.

Values arrive formatted (dashboard/fmt.py): Vietnamese numbers are made on the
server, not by the viewer's browser locale.
"""

from collections.abc import Callable, Iterable
from datetime import date
from typing import TypeVar

import streamlit as st

from dashboard import fmt, quality
from dashboard.frame import data
from queries.period import Period

Picked = TypeVar("Picked")
TABLE_ROW_PX = 38
TABLE_MAX_ROWS = 15  # a longer table scrolls


def period_picker(key: str, label: str, initial: Period, default: Period | None = None) -> Period:
    """A date range starting at `initial`. A half-picked range (only the first day clicked
    so far) is read as that day."""
    value = (initial.start, initial.end)
    picked = st.date_input(
        label,
        value=value,
        format="DD/MM/YYYY",
        key=key,
        help="Chọn ngày đầu và ngày cuối; cả hai ngày đều được tính.",
    )
    if isinstance(picked, date):
        picked = (picked,)
    picked = tuple(picked) or ((default.start, default.end) if default else value)
    if len(picked) == 1:
        st.caption(f"Mới chọn ngày đầu: đang xem riêng ngày {fmt.date(picked[0])}.")
        return Period(picked[0], picked[0])
    return Period(picked[0], picked[1])


def day_picker(key: str, label: str, initial: date) -> date:
    """One day, for figures taken as of a date (snapshots, listings)."""
    return st.date_input(label, value=initial, format="DD/MM/YYYY", key=key)


def page_header(title: str, pick: Callable[[], Picked], tables: Iterable[str] = ()) -> Picked:
    """A view's top: its title; a plain stop when one of `tables` is missing; the period or
    day picker (`pick`, e.g. `url_state.period`) beside the data's "as of" line."""
    st.title(title)
    if tables:
        data.require_tables(tables)
    picker, as_of = st.columns([2, 3], vertical_alignment="bottom")
    with picker:
        picked = pick()
    with as_of:
        st.caption(data.data_as_of_line() or "")
    return picked


def kpi_tile(
    label: str,
    value: str,
    *,
    help: str | None = None,
    delta: str | None = None,
    delta_color: str = "normal",
) -> None:
    """One big figure with its caption; `value` and `delta` already formatted by fmt."""
    st.metric(label, value, delta=delta, delta_color=delta_color, help=help, border=True)


def tile_row(tiles: list[tuple[str, str, str | None]]) -> None:
    """Tiles side by side, one column each: (label, value, help), formatted by fmt."""
    for column, (label, value, help_text) in zip(st.columns(len(tiles)), tiles, strict=True):
        with column:
            kpi_tile(label, value, help=help_text)


def table(shown, bold_last: bool = False, max_rows: int | None = TABLE_MAX_ROWS) -> None:
    """A table of display strings (`fmt.table`), full width, tall enough for its rows.

    With `bold_last`, the last row (a total) is in bold. Beyond `max_rows` rows the
    table scrolls; with None it is as tall as all its rows.
    """
    rows = len(shown) if max_rows is None else min(len(shown), max_rows)
    height = TABLE_ROW_PX * (rows + 1) + 4
    if bold_last:
        last = len(shown) - 1
        shown = shown.style.apply(
            lambda row: ["font-weight: bold" if row.name == last else "" for _ in row], axis=1
        )
    st.dataframe(shown, hide_index=True, width="stretch", height=height)


def quality_notice(tables: tuple[str, ...] = ("dossiers", "units")) -> None:
    """The notice "Chất lượng dữ liệu": how many rows of `tables` break the data contract
    and how the page counts them (dashboard.quality), as last counted in the background
    (and when); nothing when they keep it or before the first count. Counts and fixed
    words only, so the warning's Markdown carries nothing from the database."""
    reading = data.data_quality()
    found = reading and quality.notice(reading.counts, tables, reading.counted_at)
    if found:
        with st.expander(found.summary, icon=":material/rule:"):
            st.markdown(found.details)
