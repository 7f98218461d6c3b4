"""What the satisfaction view shows, as plain data: its tiles, the reference lines on its
charts, its tables of units, officers and comments, its messages."""

import pandas as pd

from dashboard import fmt
from dashboard.content.overview import show_value, status_label, status_text
from dashboard.kpi import FEW_RATINGS, SATISFACTION_FULL_MARKS, SATISFACTION_LEVELS
from dashboard.labels import RATING_LEVEL_NAMES
from dashboard.targets import Target
from queries import satisfaction as q
from queries.period import Period

TABLES = q.TABLES  # what the page reads: one missing stops it with a plain message

ALL_UNITS = "Tất cả đơn vị"
TARGET_LINE = "Mục tiêu"
LEVEL_COLUMNS = {
    "ratings": ("Số phiếu", fmt.number),
    **{level: (RATING_LEVEL_NAMES[level], fmt.number) for level in SATISFACTION_LEVELS},
    "satisfaction_rate": ("Tỷ lệ hài lòng", fmt.percent),
}
UNIT_COLUMNS = {"name": ("Đơn vị", None), **LEVEL_COLUMNS}


def unit_columns(target: float | None) -> dict:
    """UNIT_COLUMNS, each unit's rate saying "đạt" or "chưa đạt" against `target` (the
    district's), never rounded across it."""
    if target is None:
        return UNIT_COLUMNS
    goal = Target(target)

    def rate_with_status(value) -> str:
        return status_text("satisfaction_rate", value, goal)

    return {**UNIT_COLUMNS, "satisfaction_rate": ("Tỷ lệ hài lòng", rate_with_status)}


OFFICER_COLUMNS = {"name": ("Cán bộ", None), "unit": ("Đơn vị", None), **LEVEL_COLUMNS}
RANKED_COLUMNS = {"rank": ("Hạng", fmt.number), **OFFICER_COLUMNS}
COMMENT_COLUMNS = {
    "rated_at": ("Thời gian", fmt.datetime),
    "unit": ("Đơn vị", None),
    "officer": ("Cán bộ", lambda name: name if isinstance(name, str) else fmt.MISSING),
    "dossier": ("Hồ sơ", lambda code: code if isinstance(code, str) else fmt.MISSING),
    "comment": ("Ý kiến", None),
}
FEW_HEADING = f"**Cán bộ ít phiếu** (dưới {fmt.number(FEW_RATINGS)} phiếu trong kỳ): chưa xếp hạng"
NO_OFFICERS = "Chưa có cán bộ nào được đánh giá trong kỳ này."
NO_COMMENTS = "Không có ý kiến không hài lòng nào trong kỳ này."


def references(targets: dict[str, Target]) -> dict[str, float]:
    """The lines on every chart: the district's target, if set, and Bộ chỉ số 766's full marks."""
    target = targets.get("satisfaction_rate")
    lines = {TARGET_LINE: target.value} if target else {}
    return {**lines, "Điểm tối đa Bộ chỉ số 766": SATISFACTION_FULL_MARKS}


def no_ratings(period: Period) -> str:
    return (
        f"Không có phiếu đánh giá nào {fmt.period(period.start, period.end)}. "
        "Xin chọn khoảng thời gian khác."
    )


def tiles(total: pd.Series, lines: dict[str, float]) -> list[tuple[str, str, str | None]]:
    """(label, value, help): the rate against the target, the ratings and each level."""
    target = lines.get(TARGET_LINE)
    rate = total["satisfaction_rate"]
    goal = Target(target) if target else None
    return [
        (
            status_label("Tỷ lệ hài lòng", rate, goal),
            show_value("satisfaction_rate", rate, goal),
            f"Mục tiêu {fmt.percent(target)}." if target else None,
        ),
        ("Số phiếu đánh giá", fmt.number(total["ratings"]), None),
        *[
            (RATING_LEVEL_NAMES[level], fmt.number(total[level]), None)
            for level in SATISFACTION_LEVELS
        ],
    ]


def rated_units(by_unit: pd.DataFrame) -> pd.DataFrame:
    """The units with ratings, each with its "N phiếu" for the dots chart."""
    rated = by_unit[by_unit["ratings"] > 0]
    return rated.assign(detail=rated["ratings"].map(fmt.number) + " phiếu")


def officer_choices(by_unit: pd.DataFrame, own_unit: str | None) -> dict[str, str | None]:
    """The officer table's unit box, name → code: every unit after "all units"; for a unit
    user (`own_unit`), their own unit only."""
    names = dict(zip(by_unit["name"], by_unit["group"], strict=True))
    if own_unit is None:
        return {ALL_UNITS: None, **names}
    return {name: code for name, code in names.items() if code == own_unit} or {own_unit: own_unit}


def officer_tables(officers: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ranked officers and those with too few ratings to rank, as display strings."""
    ranked, few = officers[~officers["few_ratings"]], officers[officers["few_ratings"]]
    return fmt.table(ranked, RANKED_COLUMNS), fmt.table(few, OFFICER_COLUMNS)


def comments_note(comments: pd.DataFrame) -> str | None:
    """Said above the comments when only the newest COMMENTS_LIMIT were read."""
    if len(comments) < q.COMMENTS_LIMIT:
        return None
    return f"{fmt.number(q.COMMENTS_LIMIT)} ý kiến mới nhất."


# Under the officers' table where units were reorganised: officers are people, so the
# switch of units does not move them.
OFFICERS_AS_RECORDED = (
    "Theo cán bộ: tính theo đơn vị ghi trên phiếu đánh giá (như đã ghi nhận), không gộp theo "
    "đơn vị hiện nay, vì cán bộ là người, không phải đơn vị."
)
