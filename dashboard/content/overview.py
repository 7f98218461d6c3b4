"""What the weekly overview shows, as plain data: tiles with their status, the ranking, the
units needing attention and their links into the late list. No Streamlit: tested directly,
and the same for every screen or document that shows the week.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlencode

import pandas as pd

from dashboard import fmt, targets
from dashboard.html_table import html_table
from dashboard.kpi import REGISTRY
from dashboard.params import units_query
from dashboard.targets import AMBER, GREEN, RED, Target
from dashboard.unit_reading import DEFAULT
from dashboard.weekly import KPIS, RANKING, TILES, WEEKS, WeekOverview
from queries.cohort import UNKNOWN_UNIT
from queries.period import Period, last_complete_week, week_of

# What each figure counts, in the week's words (data-contract.md, "The week").
HELP = {
    "received": "Hồ sơ tiếp nhận trong tuần.",
    "online_rate": "Tỷ lệ hồ sơ nộp trực tuyến trên số hồ sơ tiếp nhận trong tuần.",
    "finished": "Hồ sơ giải quyết xong trong tuần (có kết quả hoặc từ chối), tiếp nhận bất kỳ "
    "lúc nào.",
    "on_time_rate": "Trong số hồ sơ giải quyết xong trong tuần (tiếp nhận bất kỳ lúc nào): tỷ lệ "
    "xong trước hoặc đúng hạn hẹn trả.",
    "finished_late": "Hồ sơ giải quyết xong trong tuần nhưng sau hạn hẹn trả, tiếp nhận bất kỳ "
    "lúc nào.",
    "overdue_open": "Hồ sơ chưa có kết quả và đã quá hạn hẹn trả vào cuối tuần, tiếp nhận bất kỳ "
    "lúc nào (không tính hồ sơ tạm dừng chờ bổ sung).",
    "satisfaction_rate": "Tỷ lệ đánh giá hài lòng và rất hài lòng trên tổng số đánh giá "
    "trong tuần.",
}
NO_TARGET = "Chưa có chỉ tiêu"
FEW = 5  # a rate over fewer dossiers (or ratings) says over how many
BADGE_COLORS = {GREEN: "green", AMBER: "orange", RED: "red"}
CELL_COLORS = {GREEN: "#C3F0CA", AMBER: "#FFE08A", RED: "#FFB8B8"}
NO_RATINGS = "Chưa có dữ liệu đánh giá (bảng ratings)"
LATE_PATH = "tre-han"  # the late view's address, relative to the overview's
FLAGGED = tuple(key for key in KPIS if key != "received")  # the figures with a target


def label(key: str) -> str:
    return REGISTRY[key].short_label


def show_value(key: str, value, target: Target | None = None) -> str:
    """As shown beside `target`: a rate never rounded onto the other side of it."""
    if target is None:
        return fmt.kpi_value(key, value)
    return fmt.kpi_value(key, value, target.value, target.higher_is_better)


def base(key: str, row) -> int | None:
    """What a rate is over in `row` (a dict or Series of counts): finished dossiers for the
    on-time rate, received for the online rate, ratings for satisfaction; None for a count."""
    inputs = REGISTRY[key].inputs(list(row.keys())) if REGISTRY[key].is_rate else None
    return None if inputs is None else int(sum(row[name] for name in inputs[1]))


def few_note(key: str, row) -> str:
    """` (3 hồ sơ)` after a rate over fewer than FEW dossiers or ratings, else ``."""
    over = base(key, row)
    if over is None or over >= FEW or over == 0:
        return ""
    what = "đánh giá" if key == "satisfaction_rate" else "hồ sơ"
    return f" ({fmt.number(over)} {what})"


def status_label(label_: str, value, target: Target | None) -> str:
    """A tile's label with the rate's status: `Đúng hạn · chưa đạt`; without a target or a
    value, the label alone."""
    word = targets.status(value, target)
    return f"{label_} · {word}" if word else label_


def status_text(key: str, value, target: Target | None) -> str:
    """A rate with its status in words: `98,99% – chưa đạt`; without a target or a value,
    the value alone."""
    word = targets.status(value, target)
    shown = show_value(key, value, target)
    return f"{shown} – {word}" if word else shown


def show_target(key: str, target: Target) -> str:
    sign = "≥" if target.higher_is_better else "≤"
    return f"chỉ tiêu {sign} {show_value(key, target.value)}"


def show_change(key: str, change: float | None) -> str | None:
    """`+12` dossiers or `-1,5 điểm %`; `0` (no arrow) when unchanged; None without a
    comparison."""
    if change is None:
        return None
    if REGISTRY[key].is_rate:
        points = fmt.number(change * 100, 1)
        text = f"{points} điểm %"
    else:
        points = text = fmt.number(change)
    if points.strip("-") in ("0", "0,0"):
        return "0"  # the one delta st.metric shows without an arrow
    return f"+{text}" if change > 0 else text


def show_average(key: str, value) -> str:
    return fmt.percent(value) if REGISTRY[key].is_rate else fmt.number(value, 1)


# --- the week ---------------------------------------------------------------------------

WEEKS_OFFERED = 52


def week_for(monday: date, last_day: date) -> Period:
    """The week starting `monday`, cut at the last day of data if it is still running."""
    return week_of(monday, last_day)


@dataclass(frozen=True)
class WeekChoice:
    """The weeks a page offers: `asked` (the link's, cut at the last day of data; the
    default week when it lies beyond the data), the default, the week still running (the
    default again when the data end on a Sunday), and every week offered by its Monday,
    newest first."""

    asked: Period
    default: Period
    running: Period
    mondays: list[date]


def week_choice(asked: Period, last_day: date, default: Period) -> WeekChoice:
    """`default`: dashboard.weekly.default_week, the last week with receipts."""
    running = week_for(last_day, last_day)
    asked = week_for(asked.start, last_day) if asked.start <= last_day else default
    complete = last_complete_week(last_day).start
    mondays = [complete - timedelta(weeks=n) for n in range(WEEKS_OFFERED)]
    mondays = sorted({*mondays, running.start, default.start, asked.start}, reverse=True)
    return WeekChoice(asked, default, running, mondays)


def week_option_label(monday: date, last_day: date) -> str:
    text = fmt.week_of(monday)
    if monday + timedelta(days=6) > last_day:
        text += f" – đến {fmt.date(last_day)}"
    return text


def heading_note(week: Period) -> str:
    """The line under the week's title: what the tiles count and compare."""
    days = (week.end - week.start).days + 1
    partial = "" if days == 7 else f" (tuần chưa trọn: so với {days} ngày đầu của tuần trước)"
    return (
        f"Tiếp nhận và giải quyết {fmt.period(week.start, week.end)}; quá hạn: tính đến hết ngày "
        f"{fmt.date(week.end)}{partial}. Mũi tên: so với tuần trước. Màu: so với chỉ tiêu. "
        f"Biểu đồ nhỏ: {WEEKS} tuần gần nhất."
    )


# --- tiles ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tile:
    key: str
    label: str
    value: str
    help: str
    delta: str | None
    delta_color: str  # st.metric's: "normal", "inverse" or "off"
    badge: str
    badge_color: str
    light: str | None  # GREEN, AMBER, RED or None
    is_rate: bool
    floor: float | None  # the sparkline's lowest value shown, for a rate with a target
    has_data: bool  # False: no sparkline (no ratings table)


def _delta_color(target: Target | None) -> str:
    if target is None:
        return "off"  # more dossiers received is neither good nor bad
    return "normal" if target.higher_is_better else "inverse"


def _badge(key: str, light: str | None, target: Target | None) -> tuple[str, str]:
    if light:
        word = targets.STATUS_WORDS[light].capitalize()
        return f"{word} · {show_target(key, target)}", BADGE_COLORS[light]
    if target:
        return f"Chưa có số liệu · {show_target(key, target)}", "gray"
    return NO_TARGET, "gray"


def tile(key: str, overview: WeekOverview, district_targets: dict[str, Target]) -> Tile:
    """One KPI of the week: its value against the week before and its target."""
    total, before = overview.total.iloc[0], overview.previous_total.iloc[0]
    target = district_targets.get(key)
    value = total[key]
    light = targets.light(value, target)
    is_rate = REGISTRY[key].is_rate
    floor = target.value - 2 * target.tolerance if target and is_rate else None
    if key == "satisfaction_rate" and not overview.has_ratings:
        return Tile(
            key,
            label(key),
            "–",
            HELP[key],
            None,
            "off",
            NO_RATINGS,
            "gray",
            None,
            True,
            None,
            False,
        )
    badge, badge_color = _badge(key, light, target)
    change = targets.change(value, before[key])
    return Tile(
        key,
        label(key),
        show_value(key, value, target) + few_note(key, total),
        HELP[key],
        show_change(key, change),
        _delta_color(target),
        badge,
        badge_color,
        light,
        is_rate,
        floor,
        True,
    )


def tiles(overview: WeekOverview, district_targets: dict[str, Target]) -> list[Tile]:
    return [tile(key, overview, district_targets) for key in TILES]


# --- units ------------------------------------------------------------------------------


def ranked(units: pd.DataFrame, district_targets: dict[str, Target]) -> pd.DataFrame:
    """Every receiving unit with its lights, its `rank` and the `distance` of its worst
    figure from its target, furthest first (targets.RANK_RULE)."""
    return targets.worst_first(
        targets.add_lights(units, district_targets, KPIS), district_targets, KPIS
    )


def ranking_cell(key: str, row, target: Target | None) -> str:
    """A ranking cell: a rate with its status in words and, over few dossiers, how many."""
    if REGISTRY[key].is_rate:
        return status_text(key, row[key], target) + few_note(key, row)
    return show_value(key, row[key], target)


def _grid(
    order: pd.DataFrame, district_targets: dict[str, Target], keys
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Units of the ranking (`order`, from `ranked`) as display strings (`Hạng`, `Đơn vị`,
    then one column per figure of `keys`) and, cell for cell, its light (GREEN, AMBER, RED
    or None). Equal ranks are ties. Each frame made at once from its columns' lists."""
    rows = order.to_dict("records")
    shown = {
        "Hạng": [fmt.number(r) if not pd.isna(r) else "–" for r in order["rank"]],
        "Đơn vị": order["name"],
    }
    lights = {"Hạng": [None] * len(order), "Đơn vị": [None] * len(order)}
    for key in keys:
        target = district_targets.get(key)
        shown[label(key)] = [ranking_cell(key, row, target) for row in rows]
        column = [row.get(f"{key}_light") for row in rows]
        lights[label(key)] = [light if light in CELL_COLORS else None for light in column]
    return pd.DataFrame(shown), pd.DataFrame(lights)


def _colored(
    order: pd.DataFrame, district_targets: dict[str, Target]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ranking of `order` (from `ranked`): its display strings and each cell's CSS."""
    shown, lights = _grid(order, district_targets, RANKING)
    colors = lights.map(
        lambda light: f"background-color: {CELL_COLORS[light]}" if light in CELL_COLORS else ""
    )
    return shown, colors


def ranking(
    units: pd.DataFrame, district_targets: dict[str, Target]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ranking as display strings (`Hạng`, `Đơn vị`, then one column per RANKING
    figure) and, cell for cell, the CSS of its traffic-light colour. Equal ranks are ties."""
    return _colored(ranked(units, district_targets), district_targets)


def late_link(group: str, state: str, week: Period, reading: str = DEFAULT) -> dict:
    """The late-dossier view of one unit for the week, as the overview counts it: the
    week's flow (finished late in the week, or overdue at its end, whenever received), in
    the overview's reading of units (a merged commune's list holds its predecessors' by
    today's units)."""
    return {
        "unit": group,
        "start": week.start.isoformat(),
        "end": week.end.isoformat(),
        "state": state,
        "basis": "flow",
        **units_query(reading),
    }


def late_links(
    group: str, kpis_flagged: set[str], week: Period, reading: str = DEFAULT
) -> list[dict]:
    """Links into the late-dossier view: the week's late ones, those overdue at its end."""
    links = []
    if kpis_flagged & {"finished_late", "on_time_rate"}:
        links.append(
            {
                "label": "Hồ sơ trễ hạn trong tuần",
                "query_params": late_link(group, "late", week, reading),
            }
        )
    if "overdue_open" in kpis_flagged:
        links.append(
            {
                "label": "Hồ sơ quá hạn cuối tuần",
                "query_params": late_link(group, "overdue", week, reading),
            }
        )
    return links


def describe_reason(reason: dict, district_targets: dict[str, Target]) -> str:
    key = reason["kpi"]
    target = district_targets.get(key)
    if reason["reason"] == "target":
        value = status_text(key, reason["value"], target)
        return f"{label(key)} {value} ({show_target(key, target)})"
    value = show_value(key, reason["value"], target)
    average = show_average(key, reason["reference"])
    return f"{label(key)} {value}, kém trung bình {WEEKS} tuần trước ({average})"


# A unit's one worst figure in plain words, for a room and a chat message.
PLAIN = {
    "online_rate": "{value} nộp trực tuyến",
    "on_time_rate": "{value} đúng hạn",
    "finished_late": "{value} hồ sơ trễ hạn",
    "overdue_open": "{value} hồ sơ quá hạn",
    "satisfaction_rate": "{value} hài lòng",
}


def plain_figure(key: str, row, target: Target | None) -> str:
    """`71,4% đúng hạn`, `8 hồ sơ quá hạn`: a figure as a sentence would say it."""
    return PLAIN[key].format(value=show_value(key, row[key], target)) + few_note(key, row)


@dataclass(frozen=True)
class AttentionCard:
    group: str
    name: str  # the unit's name, from the data: shown as text
    rank: int
    worst: str  # its figure furthest from its target, in plain words
    reasons: list[str]
    links: list[dict]
    lowest: bool  # the lowest on-time rate or the most overdue dossiers of all units


def _lowest(units: pd.DataFrame, district_targets: dict[str, Target]) -> set[str]:
    """The units with the lowest on-time rate and with the most overdue dossiers, when short
    of their targets (ties: every one of them)."""
    found = set()
    for key, pick in (("on_time_rate", "min"), ("overdue_open", "max")):
        values = units[key].dropna()
        if values.empty:
            continue
        extreme = getattr(values, pick)()
        if targets.light(extreme, district_targets.get(key)) in (AMBER, RED):
            found |= set(units.loc[units[key] == extreme, "group"])
    return found


def attention(overview: WeekOverview, district_targets: dict[str, Target]) -> list[AttentionCard]:
    """The units short of a target or worse than their own last weeks, in the ranking's
    order (targets.RANK_RULE)."""
    reasons = targets.needing_attention(
        overview.units, overview.averages, district_targets, FLAGGED
    )
    if reasons.empty:
        return []
    lowest = _lowest(overview.units, district_targets)
    by_group = {}  # a unit's reasons, read once (a row of no unit has none, as before)
    for reason in reasons.to_dict("records"):
        by_group.setdefault(reason["group"], []).append(reason)
    cards = []
    for row in ranked(overview.units, district_targets).to_dict("records"):
        group = row["group"]
        mine = by_group.get(group) if not pd.isna(group) else None
        if not mine:
            continue
        worst_kpi = row["worst_kpi"] or mine[0]["kpi"]
        cards.append(
            AttentionCard(
                group,
                row["name"],
                int(row["rank"]) if not pd.isna(row["rank"]) else len(overview.units),
                plain_figure(worst_kpi, row, district_targets.get(worst_kpi)),
                [describe_reason(reason, district_targets) for reason in mine],
                []
                if group == UNKNOWN_UNIT
                else late_links(
                    group, {reason["kpi"] for reason in mine}, overview.week, overview.reading
                ),
                group in lowest,
            )
        )
    return cards


def shortlist(cards: list[AttentionCard], shown: int) -> list[AttentionCard]:
    """At most `shown` cards in the ranking's order, always with the unit of the lowest
    on-time rate and the one with the most overdue dossiers."""
    must = [card for card in cards if card.lowest][:shown]
    others = [card for card in cards if not card.lowest][: shown - len(must)]
    chosen = {id(card) for card in must + others}
    return [card for card in cards if id(card) in chosen]


def attention_grid(
    cards: list[AttentionCard], units: pd.DataFrame, district_targets: dict[str, Target]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The units of `cards` in the ranking's order with their rank, by the figures the
    overview flags: display strings and each cell's light (the ranking's colours)."""
    order = ranked(units, district_targets)
    order = order[order["group"].isin({card.group for card in cards})].reset_index(drop=True)
    return _grid(order, district_targets, FLAGGED)


def ended_note(ended: pd.DataFrame) -> str:
    """The units no longer in service, named under the ranking (never ranked, never dropped)."""
    parts = [
        f"{row['name']}: {fmt.number(row['received'])} hồ sơ tiếp nhận"
        for _, row in ended.iterrows()
    ]
    return "Đơn vị đã thôi hoạt động, không xếp hạng: " + "; ".join(parts) + "."


RANKING_TEXT = (2,)  # the ranking's unit names, after the rank (html_table.style)


def ranking_html(
    units: pd.DataFrame,
    district_targets: dict[str, Target],
    week: Period,
    reading: str = DEFAULT,
) -> str:
    """The ranking as an HTML table: each cell on its traffic-light colour, each unit's name
    a link to its late dossiers of the week, its late and overdue figures links to those
    lists, in the ranking's reading of units. Every name from the database is escaped: text,
    never markup."""
    order = ranked(units, district_targets)
    shown, colors = _colored(order, district_targets)
    codes = order["group"].tolist()
    states = {"Đơn vị": "late", label("finished_late"): "late", label("overdue_open"): "overdue"}
    links = pd.DataFrame(
        {
            column: [
                f"{LATE_PATH}?{urlencode(late_link(code, states[column], week, reading))}"
                if column in states and code != UNKNOWN_UNIT  # no unit, so no list by unit
                else ""
                for code in codes
            ]
            for column in shown.columns
        }
    )
    return html_table(shown, "ranking", links, colors)
