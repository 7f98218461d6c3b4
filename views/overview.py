"""Tổng quan tuần: the chairman's Monday view of last week, the app's landing page.

Tiles for the week against the week before and against the targets of
config/targets.toml, a 12-week trend under each, every receiving unit ranked
worst first with the same traffic lights, and the units needing attention with a
link into the late-dossier view. Readings: docs/decisions.md, "Weekly overview".
"""

from datetime import date, timedelta

import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitPageNotFoundError

from dashboard import charts, fmt, kpi, ui
from dashboard.params import EARLIEST_DATE
from queries.overview import WEEKS, last_complete_week, week_of, week_overview
from queries.period import Period

LATE_VIEW = "views/late.py"
WEEKS_OFFERED = 52
ATTENTION_SHOWN = 4  # the worst units, side by side; the ranking has the rest
# KPI: (tile label, is a rate, what it counts).
KPI_SPECS = {
    "received": ("Tiếp nhận", False, "Hồ sơ tiếp nhận trong tuần."),
    "online_rate": (
        "Nộp trực tuyến",
        True,
        "Tỷ lệ hồ sơ nộp trực tuyến trên số hồ sơ tiếp nhận trong tuần.",
    ),
    "on_time_rate": (
        "Đúng hạn",
        True,
        "Trong số hồ sơ tiếp nhận trong tuần đã giải quyết xong đến hết tuần: "
        "tỷ lệ giải quyết trước hạn và đúng hạn.",
    ),
    "resolved_late": (
        "Trễ hạn",
        False,
        "Hồ sơ tiếp nhận trong tuần đã giải quyết nhưng sau ngày hẹn trả, tính đến hết tuần.",
    ),
    "overdue_now": (
        "Đang quá hạn",
        False,
        "Tất cả hồ sơ chưa có kết quả và đã qua ngày hẹn trả vào cuối tuần, tiếp nhận bất kỳ "
        "lúc nào (không tính hồ sơ tạm dừng chờ bổ sung).",
    ),
    "satisfaction_rate": (
        "Hài lòng",
        True,
        "Tỷ lệ đánh giá hài lòng và rất hài lòng trên tổng số đánh giá trong tuần.",
    ),
}
KPIS = tuple(KPI_SPECS)
LIGHT_WORDS = {kpi.GREEN: "Đạt", kpi.AMBER: "Gần đạt", kpi.RED: "Chưa đạt"}
BADGE_COLORS = {kpi.GREEN: "green", kpi.AMBER: "orange", kpi.RED: "red"}
CELL_COLORS = {kpi.GREEN: "#C3F0CA", kpi.AMBER: "#FFE08A", kpi.RED: "#FFB8B8"}


def show_value(kpi_name: str, value, target: kpi.Target | None = None) -> str:
    if not KPI_SPECS[kpi_name][1]:
        return fmt.number(value)
    return fmt.percent_against(value, target.value) if target else fmt.percent(value)


def show_target(kpi_name: str, target: kpi.Target) -> str:
    sign = "≥" if target.higher_is_better else "≤"
    return f"chỉ tiêu {sign} {show_value(kpi_name, target.value)}"


def show_change(kpi_name: str, change: float | None) -> str | None:
    """`+12` dossiers or `-1,5 điểm %`; `0` (no arrow) when unchanged; None without a
    comparison."""
    if change is None:
        return None
    if KPI_SPECS[kpi_name][1]:
        points = fmt.number(change * 100, 1)
        text = f"{points} điểm %"
    else:
        points = text = fmt.number(change)
    if points.strip("-") in ("0", "0,0"):
        return "0"  # the one delta st.metric shows without an arrow
    return f"+{text}" if change > 0 else text


def show_average(kpi_name: str, value) -> str:
    return fmt.percent(value) if KPI_SPECS[kpi_name][1] else fmt.number(value, 1)


# --- the week ---------------------------------------------------------------------------


def week_option_label(monday: date, last_day: date) -> str:
    label = fmt.week_of(monday)
    if monday + timedelta(days=6) > last_day:
        label += f" – đến {fmt.date(last_day)}"
    return label


def pick_week(last_day: date) -> Period:
    """The week picker: the last complete week by default, this week one click away."""
    complete = last_complete_week(last_day)
    current = week_of(last_day, last_day)
    mondays = [complete.start - timedelta(weeks=n) for n in range(WEEKS_OFFERED)]
    if current != complete:
        mondays.insert(0, current.start)
    if st.session_state.get("week") not in mondays:
        st.session_state["week"] = complete.start
    picker, button = st.columns([3, 2], vertical_alignment="bottom")
    with picker:
        monday = st.selectbox(
            "Tuần",
            mondays,
            key="week",
            format_func=lambda m: week_option_label(m, last_day),
            help="Tuần từ thứ Hai đến Chủ nhật. Mặc định: tuần gần nhất đã trọn dữ liệu.",
        )
    with button:
        if current != complete:
            st.button(
                f"Tuần này (đến {fmt.date(last_day)})",
                on_click=lambda: st.session_state.update(week=current.start),
            )
    return week_of(monday, last_day)


# --- tiles ------------------------------------------------------------------------------


def show_tile(name: str, overview, targets: dict[str, kpi.Target]) -> None:
    label, _, help_text = KPI_SPECS[name]
    total, before = overview.total.iloc[0], overview.previous_total.iloc[0]
    target = targets.get(name)
    value = total[name]
    change = kpi.change(value, before[name])
    no_ratings = name == "satisfaction_rate" and not overview.has_ratings
    ui.kpi_tile(
        label,
        "–" if no_ratings else show_value(name, value, target),
        help=help_text,
        delta=None if no_ratings else show_change(name, change),
        delta_color=_delta_color(name, target),
    )
    light = kpi.light(value, target)
    if no_ratings:
        st.badge("Chưa có dữ liệu đánh giá (bảng ratings)", color="gray")
    elif light:
        st.badge(f"{LIGHT_WORDS[light]} · {show_target(name, target)}", color=BADGE_COLORS[light])
    elif target:
        st.badge(f"Chưa có số liệu · {show_target(name, target)}", color="gray")
    else:
        st.badge("Không đặt chỉ tiêu", color="gray")
    last_color = charts.LIGHT_COLORS.get(light, charts.PALETTE["received"])
    if not no_ratings:
        is_rate = KPI_SPECS[name][1]
        floor = target.value - 2 * target.tolerance if target and is_rate else None
        spark = charts.sparkline(overview.trend, name, is_rate, last_color, floor)
        st.altair_chart(spark, width="stretch")


def _delta_color(name: str, target: kpi.Target | None) -> str:
    if target is None:
        return "off"  # more dossiers received is neither good nor bad
    return "normal" if target.higher_is_better else "inverse"


# --- units ------------------------------------------------------------------------------


RANKING_STYLES = [
    {"selector": "", "props": "border-collapse: collapse; width: 100%; font-size: 1.15rem;"},
    {"selector": "th, td", "props": "border: 1px solid #D1D5DB; padding: 0.4rem 0.7rem;"},
    {"selector": "th", "props": "background: #E5EDF7; text-align: center; font-weight: 600;"},
    {"selector": "td", "props": "text-align: right; font-variant-numeric: tabular-nums;"},
    {"selector": "td:first-child", "props": "text-align: left;"},
]


def ranking_table(units: pd.DataFrame, targets: dict[str, kpi.Target]) -> str:
    """Every receiving unit, worst first, each figure on its traffic-light colour (HTML)."""
    ranked = kpi.worst_first(kpi.add_lights(units, targets, KPIS), KPIS)
    shown = pd.DataFrame({"Đơn vị": ranked["name"]})
    colors = pd.DataFrame({"Đơn vị": [""] * len(ranked)})
    for name in KPIS:
        target = targets.get(name)
        shown[KPI_SPECS[name][0]] = [show_value(name, v, target) for v in ranked[name]]
        colors[KPI_SPECS[name][0]] = [
            f"background-color: {CELL_COLORS[light]}" if light in CELL_COLORS else ""
            for light in ranked[f"{name}_light"]
        ]
    styler = shown.style.apply(lambda _: colors, axis=None).hide(axis="index")
    return styler.set_table_styles(RANKING_STYLES).to_html()


def late_links(group: str, kpis_flagged: set[str], week: Period) -> list[dict]:
    """Links into the late-dossier view: this week's late ones, the whole overdue backlog."""
    links = []
    if kpis_flagged & {"resolved_late", "on_time_rate"}:
        links.append(
            {
                "label": "Hồ sơ trễ hạn trong tuần",
                "query_params": {
                    "unit": group,
                    "start": week.start.isoformat(),
                    "end": week.end.isoformat(),
                    "state": "late",
                },
            }
        )
    if "overdue_now" in kpis_flagged:
        # The backlog is whatever the receipt date: the list starts at the earliest date.
        links.append(
            {
                "label": "Hồ sơ đang quá hạn",
                "query_params": {
                    "unit": group,
                    "start": EARLIEST_DATE.isoformat(),
                    "end": week.end.isoformat(),
                    "state": "overdue",
                },
            }
        )
    return links


def describe_reason(reason: dict, targets: dict[str, kpi.Target]) -> str:
    name = reason["kpi"]
    label = KPI_SPECS[name][0]
    value = show_value(name, reason["value"], targets.get(name))
    if reason["reason"] == "target":
        return f"{label} {value} ({show_target(name, targets[name])})"
    average = show_average(name, reason["reference"])
    return f"{label} {value}, kém trung bình {WEEKS} tuần trước ({average})"


def link_to_late_view(link: dict) -> None:
    """A link into the late-dossier view, once that view is in the app's navigation."""
    try:
        st.page_link(LATE_VIEW, icon=":material/arrow_forward:", **link)
    except StreamlitPageNotFoundError:
        pass  # the view is not (yet) part of this app: the reasons stand on their own


def show_attention(overview, targets: dict[str, kpi.Target]) -> None:
    flagged = [k for k in KPIS if k != "received"]
    reasons = kpi.needing_attention(overview.units, overview.averages, targets, flagged)
    if reasons.empty:
        st.success("Không có đơn vị nào dưới chỉ tiêu hay kém hơn chính mình các tuần trước.")
        return
    order = kpi.worst_first(kpi.add_lights(overview.units, targets, KPIS), KPIS)["group"]
    groups = [g for g in order if g in set(reasons["group"])]
    for column, group in zip(st.columns(ATTENTION_SHOWN), groups, strict=False):
        rows = reasons[reasons["group"] == group].to_dict("records")
        with column, st.container(border=True):
            st.markdown(f"**{rows[0]['name']}**")
            st.markdown("\n".join(f"- {describe_reason(row, targets)}" for row in rows))
            for link in late_links(group, {row["kpi"] for row in rows}, overview.week):
                link_to_late_view(link)
    if len(groups) > ATTENTION_SHOWN:
        st.caption(
            f"Và {len(groups) - ATTENTION_SHOWN} đơn vị khác dưới chỉ tiêu: xem bảng xếp hạng."
        )


# --- the page ---------------------------------------------------------------------------

st.title("Tổng quan tuần")
latest = ui.latest_data()
last_day = latest.date() if latest else date.today()
week = pick_week(last_day)
overview = ui.load(week_overview, week)
try:
    targets = kpi.load_targets()
except (OSError, ValueError) as error:  # tomllib.TOMLDecodeError is a ValueError
    st.warning(
        f"Không đọc được tệp chỉ tiêu ({kpi.targets_path()}): {error}. "
        "Các ô chưa được tô màu theo chỉ tiêu."
    )
    targets = {}

st.subheader(fmt.week_of(week.start))
days = (week.end - week.start).days + 1
partial = "" if days == 7 else f" (tuần chưa trọn: so với {days} ngày đầu của tuần trước)"
st.caption(
    f"Hồ sơ tiếp nhận {fmt.period(week.start, week.end)}, tình trạng tính đến hết ngày "
    f"{fmt.date(week.end)}{partial}. Mũi tên: so với tuần trước. Màu: so với chỉ tiêu. "
    f"Biểu đồ nhỏ: {WEEKS} tuần gần nhất."
)
for column, name in zip(st.columns(len(KPIS)), KPIS, strict=True):
    with column:
        show_tile(name, overview, targets)

st.subheader("Đơn vị cần chú ý")
show_attention(overview, targets)
st.subheader("Xếp hạng đơn vị tiếp nhận (kém nhất trước)")
st.html(ranking_table(overview.units, targets))
