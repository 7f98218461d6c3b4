"""The weekly briefing for meetings: the same slides on the projector, in the handout and,
shortened, in the leadership's chat group.

Six slides, one topic each: the week's KPIs against targets and the week before; the
units needing attention; late and overdue dossiers by handling unit (counts only); the
official form's totals for the week; satisfaction; adoption (cashless payment,
households online, OCOP listings). Every figure comes from the KPI registry and the
week's flow (dashboard.weekly), so a slide, a page of the handout, the message, the
overview and `kpis --week` never disagree. No personal data: no applicant or officer
name is read for a briefing.
"""

from dataclasses import dataclass, field

import pandas as pd
from sqlalchemy.engine import Engine

from dashboard import figures, fmt, targets
from dashboard.content import overview as overview_content
from dashboard.labels import UNASSIGNED_HANDLING
from dashboard.plain_text import cleaned
from dashboard.weekly import week_overview
from queries import adoption, cashless, ocop
from queries.connection import missing_tables
from queries.late import LateFilter, late_breakdown
from queries.period import Period

TITLE = "Báo cáo tình hình giải quyết thủ tục hành chính"
MESSAGE_LIMIT = 1000
NO_FIGURES = "Chưa có số liệu"
ATTENTION_SHOWN = 5
HANDLING_SHOWN = 8


@dataclass(frozen=True)
class Figure:
    """A headline figure: its label, its value, its change and its status, as shown."""

    label: str
    value: str
    change: str | None = None
    status: str | None = None
    light: str | None = None  # targets.GREEN, AMBER, RED or None


@dataclass(frozen=True)
class Slide:
    title: str
    figures: list[Figure] = field(default_factory=list)
    table: pd.DataFrame | None = None  # display strings under Vietnamese headers
    note: str = ""


@dataclass(frozen=True)
class Briefing:
    week: Period
    heading: str  # "Tuần 45/2024 (04/11–10/11)"
    slides: list[Slide]
    message: str
    trend: pd.DataFrame  # the district's last 12 weeks (dashboard.weekly): the chart slide


def _finished(overview) -> Figure:
    """The week's finished dossiers, which the overview shows in its ranking, not as a tile."""
    now, before = overview.total.iloc[0]["finished"], overview.previous_total.iloc[0]["finished"]
    change = overview_content.show_change("finished", targets.change(now, before))
    return Figure(overview_content.label("finished"), fmt.number(now), change)


def _kpi_slide(overview, district_targets) -> Slide:
    tiles = overview_content.tiles(overview, district_targets)
    shown = [Figure(t.label, t.value, t.delta, t.badge, t.light) for t in tiles if t.value != "–"]
    shown.insert(1, _finished(overview))
    return Slide(
        "Chỉ số của tuần",
        shown,
        note="Mũi tên: so với tuần trước. Giải quyết, trễ hạn: hồ sơ xong trong tuần, tiếp "
        "nhận bất kỳ lúc nào; quá hạn: vào cuối tuần.",
    )


def _attention_slide(overview, district_targets) -> Slide:
    cards = overview_content.attention(overview, district_targets)[:ATTENTION_SHOWN]
    if not cards:
        return Slide(
            "Đơn vị cần chú ý",
            note="Không có đơn vị nào dưới chỉ tiêu hay kém hơn chính mình các tuần trước.",
        )
    table = pd.DataFrame(
        {"Đơn vị": [c.name for c in cards], "Lý do": ["; ".join(c.reasons) for c in cards]}
    )
    return Slide("Đơn vị cần chú ý (kém nhất trước)", table=table)


def _handling_slide(engine: Engine, week: Period) -> Slide:
    """Late in the week and overdue at its end, by the office holding them: counts only."""
    counts = {}
    for state, header in (("late", "Trễ hạn trong tuần"), ("overdue", "Quá hạn cuối tuần")):
        frame = late_breakdown(engine, LateFilter(week, state, basis="flow"), "handling")
        names = frame["name"].where(frame["group"].notna(), UNASSIGNED_HANDLING)
        counts[header] = dict(zip(names, frame["count"], strict=True))
    table = pd.DataFrame(counts).fillna(0).astype("int64")
    if table.empty:
        return Slide("Hồ sơ trễ hạn, quá hạn theo đơn vị xử lý", note="Không có hồ sơ nào.")
    table = table.sort_values(list(table.columns), ascending=False).head(HANDLING_SHOWN)
    shown = table.map(fmt.number).rename_axis("Đơn vị xử lý").reset_index()
    return Slide("Hồ sơ trễ hạn, quá hạn theo đơn vị xử lý", table=shown)


FORM_LINES = (
    ("c3", "Tiếp nhận (3)"),
    ("c4", "trong đó trực tuyến (4)"),
    ("c6", "từ kỳ trước (6)"),
    ("c7", "Đã giải quyết (7)"),
    ("c8", "trước hạn (8)"),
    ("c9", "đúng hạn (9)"),
    ("c10", "quá hạn (10)"),
    ("c11", "Đang giải quyết (11)"),
    ("c13", "quá hạn (13)"),
)


def _form_slide(engine: Engine, week: Period) -> Slide:
    total = figures.form06a_rows(engine, week).iloc[-1]
    table = pd.DataFrame(
        {
            "Biểu II.06a, toàn huyện": [label for _, label in FORM_LINES],
            "Số hồ sơ": [fmt.number(total[column]) for column, _ in FORM_LINES],
        }
    )
    return Slide("Biểu II.06a: kết quả giải quyết TTHC trong tuần", table=table)


def _satisfaction_slide(overview) -> Slide:
    if not overview.has_ratings:
        return Slide("Mức độ hài lòng", note=NO_FIGURES)
    total = overview.total.iloc[0]
    rated = overview.units[overview.units["ratings"] > 0]
    table = pd.DataFrame(
        {
            "Đơn vị": rated["name"],
            "Số phiếu": rated["ratings"].map(fmt.number),
            "Hài lòng": rated["satisfaction_rate"].map(fmt.percent),
        }
    ).sort_values("Đơn vị")
    head = [
        Figure("Tỷ lệ hài lòng", fmt.percent(total["satisfaction_rate"])),
        Figure("Số phiếu đánh giá", fmt.number(total["ratings"])),
    ]
    return Slide("Mức độ hài lòng trong tuần", head, table.reset_index(drop=True))


def _adoption_slide(engine: Engine, week: Period) -> Slide:
    shown = []
    if not missing_tables(engine, list(cashless.TABLES)):
        kinds = cashless.cashless_by_kind(engine, week).set_index("kind")
        for kind, label in (("health_station", "Trạm y tế"), ("market", "Chợ 4.0")):
            if kind in kinds.index and kinds.at[kind, "facilities"]:
                row = kinds.loc[kind]
                value = f"{fmt.number(row['cashless_facilities'])}/{fmt.number(row['facilities'])}"
                shown.append(Figure(f"{label} không dùng tiền mặt", value))
    if not missing_tables(engine, list(adoption.TABLES)):
        communes = figures.adoption_by_commune(engine, week.end)
        households = communes["households"].sum()
        onboarded = communes["households_onboarded"].sum()
        if households:
            shown.append(
                Figure(
                    "Hộ được hướng dẫn dịch vụ số",
                    fmt.percent(onboarded / households),
                    status=f"{fmt.number(onboarded)} trên {fmt.number(households)} hộ",
                )
            )
    if not missing_tables(engine, list(ocop.TABLES)):
        listing = ocop.listing_by_platform(engine, week.end).set_index("platform")
        every = listing.loc[ocop.ALL_PLATFORMS]
        if every["products_3_star_plus"]:
            shown.append(
                Figure(
                    "Sản phẩm OCOP 3 sao+ lên sàn",
                    f"{fmt.number(every['listed_products_3_star_plus'])}/"
                    f"{fmt.number(every['products_3_star_plus'])}",
                )
            )
    return Slide(
        "Chuyển đổi số", shown, note="" if shown else NO_FIGURES + f" đến {fmt.date(week.end)}."
    )


def message(heading: str, kpis: Slide, attention: Slide) -> str:
    """The chat message: the week, its headline figures with their change, the units needing
    attention; plain text, at most MESSAGE_LIMIT characters."""
    lines = [f"{TITLE} – {heading}"]
    for figure in kpis.figures:
        change = {None: "", "0": " (không đổi so với tuần trước)"}.get(
            figure.change, f" ({figure.change} so với tuần trước)"
        )
        lines.append(f"- {figure.label}: {figure.value}{change}")
    if attention.table is not None:
        lines.append("Đơn vị cần chú ý:")
        for name, reason in zip(attention.table["Đơn vị"], attention.table["Lý do"], strict=True):
            line = f"- {name}: {reason}"
            if len("\n".join([*lines, line])) > MESSAGE_LIMIT:
                break
            lines.append(line)
    else:
        lines.append(attention.note)
    return "\n".join(lines)[:MESSAGE_LIMIT]


def build(engine: Engine, week: Period) -> Briefing:
    """The briefing of `week` (queries.period.week_of: Monday to Sunday, or to the last day
    of data), from the overview's own figures."""
    overview = week_overview(engine, week)
    try:
        district_targets = targets.load_targets()
    except (OSError, ValueError):  # an unreadable targets file: figures without colours
        district_targets = targets.Targets()
    kpis = _kpi_slide(overview, district_targets)
    attention = _attention_slide(overview, district_targets)
    slides = [
        kpis,
        attention,
        _handling_slide(engine, week),
        _form_slide(engine, week),
        _satisfaction_slide(overview),
        _adoption_slide(engine, week),
    ]
    heading = fmt.week_of(week.start)
    # Names from the source, as every page shows them (dashboard.plain_text): the files and
    # the message of `brief` are made without a page.
    return cleaned(
        Briefing(week, heading, slides, message(heading, kpis, attention), overview.trend)
    )
