"""The weekly briefing for meetings: the same slides on the projector, in the handout and,
shortened, in the leadership's chat group.

Up to seven slides, one topic each: the week's KPIs against targets and the week before;
the units needing attention; late and overdue dossiers by handling unit (counts only);
the official form's totals for the week; satisfaction; adoption (cashless payment,
households online, OCOP listings); the 766 estimate of the month to the week's end and
what would move it (dashboard.index766_actions). A topic without data (its tables
absent, or nothing in them) has no slide: the deck, the handout and the slide count leave
it out. Every figure comes from the KPI registry and the week's flow (dashboard.weekly),
so a slide, a page of the handout, the message, the overview and `kpis --week` never
disagree (the 766 slide: the 766 page's code, dashboard.index766). No personal data: no
applicant or officer name is read for a briefing.
"""

import os
from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd
from sqlalchemy.engine import Engine

from dashboard import figures, fmt, freshness, index766, targets
from dashboard.content import overview as overview_content
from dashboard.index766_actions import weakest
from dashboard.index766_formula import FormulaError, load_formula
from dashboard.labels import UNASSIGNED_HANDLING
from dashboard.params import week_param
from dashboard.plain_text import cleaned
from dashboard.unit_reading import DEFAULT, in_service, reading_map, succession_dates
from dashboard.weekly import week_overview
from queries import adoption, cashless, ocop
from queries import index766 as index766_queries
from queries.connection import missing_tables
from queries.late import LateFilter
from queries.meta import data_as_of
from queries.period import Period, local_now
from queries.scope import place_name

TITLE = "Báo cáo tình hình giải quyết thủ tục hành chính"
MESSAGE_LIMIT = 1000
ATTENTION_SHOWN = 5
KPI_TITLE = "Chỉ số của tuần"
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
    lights: pd.DataFrame | None = None  # the table's cells' status: targets.GREEN, … or None


@dataclass(frozen=True)
class Briefing:
    week: Period
    heading: str  # "Xã Tân Hòa · Tuần 45/2024 (04/11–10/11)": the place, if any, and the week
    slides: list[Slide]
    message: str
    trend: pd.DataFrame  # the district's last 12 weeks (dashboard.weekly): the chart slide
    marked: tuple[date, ...] = ()  # reorganisations' days: the trend marks those it crosses

    @property
    def has_trend(self) -> bool:
        """The chart slide has a point to draw: some week of the twelve has a rate."""
        return bool(self.trend["on_time_rate"].notna().any()) if len(self.trend) else False


def _kpi_slide(overview, district_targets) -> Slide:
    tiles = overview_content.tiles(overview, district_targets)
    shown = [Figure(t.label, t.value, t.delta, t.badge, t.light) for t in tiles if t.value != "–"]
    return Slide(
        KPI_TITLE,
        shown,
        note="Mũi tên: so với tuần trước. Giải quyết, trễ hạn: hồ sơ xong trong tuần, tiếp "
        "nhận bất kỳ lúc nào; quá hạn: vào cuối tuần.",
    )


def _ended_line(overview) -> str:
    """The units no longer in service that received dossiers in the week, in one sentence
    (never ranked, never among the units needing attention); empty when there are none."""
    active = overview.ended[overview.ended["received"] > 0] if len(overview.ended) else None
    return "" if active is None or active.empty else overview_content.ended_note(active)


def _attention_slide(all_cards: list, overview, district_targets) -> Slide:
    """The shortlisted units by the flagged figures, each cell on its status colour: a grid
    a room reads from the back; the ended units that received dossiers named under it."""
    cards = overview_content.shortlist(all_cards, ATTENTION_SHOWN)
    ended = _ended_line(overview)
    if not cards:
        none = "Không có đơn vị nào dưới chỉ tiêu hay kém hơn chính mình các tuần trước."
        return Slide("Đơn vị cần chú ý", note=" ".join(filter(None, [none, ended])))
    table, lights = overview_content.attention_grid(cards, overview.units, district_targets)
    colours = "Màu: xanh đạt chỉ tiêu, vàng chưa đạt nhưng gần, đỏ chưa đạt."
    return Slide(
        "Đơn vị cần chú ý (kém nhất trước)",
        table=table,
        note=" ".join(filter(None, [colours, ended])),
        lights=lights,
    )


def _handling_slide(engine: Engine, week: Period, units: str) -> Slide:
    """Late in the week and overdue at its end, by the office holding them: counts only."""
    counts = {}
    for state, header in (("late", "Trễ hạn trong tuần"), ("overdue", "Quá hạn cuối tuần")):
        filt = LateFilter(week, state, basis="flow")
        frame = figures.late_breakdown(engine, filt, "handling", units)
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
    """The form's totals, and why they differ from the first slide's for the same week
    (data-contract.md: the form's columns against "The week")."""
    total = figures.form06a_rows(engine, week).iloc[-1]
    table = pd.DataFrame(
        {
            "Biểu II.06a, tất cả đơn vị": [label for _, label in FORM_LINES],
            "Số hồ sơ": [fmt.number(total[column]) for column, _ in FORM_LINES],
        }
    )
    received = fmt.number(total["c4"] + total["c5"])
    note = (
        f"Biểu tính theo kỳ: Tiếp nhận (3) = {received} hồ sơ nhận trong tuần + "
        f"{fmt.number(total['c6'])} hồ sơ kỳ trước chuyển sang (6); Đã giải quyết (7) tính cả "
        f"hồ sơ người nộp rút. Trang «{KPI_TITLE}» chỉ tính hồ sơ nhận trong tuần và hồ sơ có "
        "kết quả hoặc bị từ chối trong tuần."
    )
    return Slide("Biểu II.06a: kết quả giải quyết TTHC trong tuần", table=table, note=note)


def _satisfaction_slide(overview, district_targets) -> Slide | None:
    """The week's satisfaction and each rated unit's, every rate with its status."""
    if not overview.has_ratings:
        return None
    total = overview.total.iloc[0]
    target = district_targets.get("satisfaction_rate")
    # The units no longer in service too: their ratings are in the total.
    every = pd.concat([overview.units, overview.ended], ignore_index=True)
    rated = every[every["ratings"] > 0]
    table = pd.DataFrame(
        {
            "Đơn vị": rated["name"],
            "Số phiếu": rated["ratings"].map(fmt.number),
            "Hài lòng": rated["satisfaction_rate"].map(
                lambda rate: overview_content.status_text("satisfaction_rate", rate, target)
            ),
        }
    ).sort_values("Đơn vị")
    tile = overview_content.tile("satisfaction_rate", overview, district_targets)
    head = [
        Figure("Tỷ lệ hài lòng", tile.value, None, tile.badge, tile.light),
        Figure("Số phiếu đánh giá", fmt.number(total["ratings"])),
    ]
    return Slide("Mức độ hài lòng trong tuần", head, table.reset_index(drop=True))


def _adoption_slide(engine: Engine, week: Period) -> Slide | None:
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
    return Slide("Chuyển đổi số", shown) if shown else None


INDEX766_TITLE = "Chỉ số 766 (ước tính): việc làm tăng điểm"
MESSAGE_UNITS = 3


def _index766_slide(engine: Engine, week: Period, units: str) -> tuple[Slide | None, list[str]]:
    """The 766 estimate of the month to the week's end: the MESSAGE_UNITS weakest units in
    service that an action moves, each with its actions; and the message's lines (each
    unit's first action). No slide without the tables or an estimate to show."""
    if missing_tables(engine, list(index766_queries.TABLES)):
        return None, []
    try:
        formula = load_formula()
    except FormulaError as error:  # said on the slide, not a briefing lost
        return Slide(INDEX766_TITLE, note=f"Chưa tính được: {error}"), []
    month = Period(week.end.replace(day=1), week.end)
    frame = index766.index766_by_unit(engine, month, units, formula)
    if not frame["max_points"].gt(0).any():
        return None, []
    serving = in_service(frame, reading_map(engine, units), month.end)
    chosen = weakest(frame, formula, serving, MESSAGE_UNITS)
    when = f"tháng {fmt.month(month.start)} đến {fmt.date(month.end)}"
    note = (
        f"Ước tính từ dữ liệu Một cửa, {when}: điểm trên số điểm tính được, không phải điểm "
        f"chính thức trên 100 (các nhóm còn lại {formula.missing_note}); đơn vị có điểm ước "
        f"tính thấp nhất trước. Công thức: {formula.version}."
    )
    if not chosen:
        none = "Không đơn vị nào còn việc làm tăng điểm ước tính trong tháng."
        return Slide(INDEX766_TITLE, note=f"{none} {note}"), []
    table = pd.DataFrame(
        {
            "Đơn vị": [unit.name for unit in chosen],
            "Ước tính": [unit.score_text for unit in chosen],
            # One action a line: read from the back of a room, not as one long sentence.
            "Việc làm tăng điểm nhiều nhất": [
                "\n".join(action.text for action in unit.actions) for unit in chosen
            ],
        }
    )
    lines = [f"Chỉ số 766 ước tính, {when}, trên số điểm tính được:"]
    for unit in chosen:
        said, worth = unit.actions[0].said, unit.actions[0].worth
        lines.append(f"- {unit.name} ({unit.score_text}): {said[0].lower()}{said[1:]} ({worth})")
    return Slide(INDEX766_TITLE, table=table, note=note), lines


PUBLIC_URL_ENV = "DASHBOARD_PUBLIC_URL"  # where leaders open the app: the message links to it


def _figure_line(figure: Figure) -> str:
    """`- Đúng hạn: 98,99% (chưa đạt, chỉ tiêu ≥ 99%; -0,5 điểm % so với tuần trước)`."""
    notes = []
    if figure.light is not None and figure.status:
        notes.append(figure.status[0].lower() + figure.status[1:].replace(" · ", ", "))
    if figure.change == "0":
        notes.append("không đổi so với tuần trước")
    elif figure.change is not None:
        notes.append(f"{figure.change} so với tuần trước")
    return f"- {figure.label}: {figure.value}" + (f" ({'; '.join(notes)})" if notes else "")


def age_line(latest: datetime | None, today: date) -> str | None:
    """Said when the newest data are old (dashboard.freshness)."""
    days = freshness.days_old(latest, today)
    if days is None:
        return None
    return f"Lưu ý: số liệu mới nhất là của ngày {fmt.date(latest)}, cách đây {days} ngày."


def message(
    place: str | None,
    week: Period,
    kpis: Slide,
    cards: list,
    age: str | None = None,
    estimate: list[str] | tuple[str, ...] = (),
) -> str:
    """The chat message, plain text that reads well pasted into Zalo: the place and the
    week, the headline figures with their status and change, at most MESSAGE_UNITS units
    with their one worst figure, the 766 `estimate`'s lines (a heading, then a line a
    unit), how old the data are when they are old, the link to the week's overview; at
    most MESSAGE_LIMIT characters."""
    heading = fmt.week_of(week.start)
    lines = [place or TITLE, f"{heading}: {TITLE[0].lower() + TITLE[1:]}"]
    if age:
        lines.append(age)
    lines += [_figure_line(figure) for figure in kpis.figures]
    url = os.environ.get(PUBLIC_URL_ENV, "").strip().rstrip("/")
    link = [f"Xem chi tiết: {url}/tong-quan?tuan={week_param(week)}"] if url else []
    chosen = overview_content.shortlist(cards, MESSAGE_UNITS)
    units = [f"- {card.name}: {card.worst}" for card in chosen]
    scores = list(estimate)

    def attention() -> list[str]:
        if units:
            return ["Đơn vị cần chú ý:", *units]
        none = "Không có đơn vị nào dưới chỉ tiêu hay kém hơn chính mình các tuần trước."
        return [] if chosen else [none]

    def too_long() -> bool:
        return len("\n".join([*lines, *attention(), *scores, *link])) > MESSAGE_LIMIT

    # Long names: fewer units rather than a cut link (the first are the worst), the 766
    # estimate's first (a heading alone goes with its last unit).
    while scores and too_long():
        scores = scores[:-1] if len(scores) > 2 else []
    while units and too_long():
        units.pop()
    text = "\n".join([*lines, *attention(), *scores, *link])
    return text if len(text) <= MESSAGE_LIMIT else text[: MESSAGE_LIMIT - 1] + "…"


def build(engine: Engine, week: Period, units: str = DEFAULT) -> Briefing:
    """The briefing of `week` (queries.period.week_of: Monday to Sunday, or to the last day
    of data), from the overview's own figures, by unit in the reading `units`."""
    overview = week_overview(engine, week, units)
    try:
        district_targets = targets.load_targets()
    except (OSError, ValueError):  # an unreadable targets file: figures without colours
        district_targets = targets.Targets()
    kpis = _kpi_slide(overview, district_targets)
    cards = overview_content.attention(overview, district_targets)
    attention = _attention_slide(cards, overview, district_targets)
    slides = [
        kpis,
        attention,
        _handling_slide(engine, week, units),
        _form_slide(engine, week),
        _satisfaction_slide(overview, district_targets),
        _adoption_slide(engine, week),
    ]
    scores, estimate = _index766_slide(engine, week, units)
    slides = [slide for slide in [*slides, scores] if slide is not None]  # no data: none
    place = place_name(engine)  # the scope's, else the data's top unit (queries.scope)
    heading = fmt.week_of(week.start)
    age = age_line(data_as_of(engine), local_now().date())
    text = message(place, week, kpis, cards, age, estimate)
    heading = f"{place} · {heading}" if place else heading  # titles every slide and page
    # Names from the source, as every page shows them (dashboard.plain_text): the files and
    # the message of `brief` are made without a page.
    briefing = Briefing(week, heading, slides, text, overview.trend, succession_dates(engine))
    return cleaned(briefing)
