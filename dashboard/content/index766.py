"""What the 766 page shows, as plain data: its months, the ranking of the estimate, each
group's ratio and points with the address of the dossiers behind it, the twelve months,
the groups left out, the lists. No Streamlit: tested directly.

The page (views/index766.py), section by section: the month and the reading of units;
the ranking (this month and the month before, and the portal's official score where one
was imported: dashboard/official766.py); what would move each unit's estimate
(dashboard/index766_actions.py); each group's ratio and points; the twelve months; the
groups the estimate leaves out; the dossiers behind a figure.
"""

from datetime import timedelta
from urllib.parse import urlencode

import pandas as pd

from dashboard import fmt, late_table, params
from dashboard.content.form06a import cut
from dashboard.content.form06a import months as whole_months
from dashboard.content.overview import late_link
from dashboard.index766_actions import SHOWN as ACTIONS_SHOWN
from dashboard.index766_actions import UnitActions
from dashboard.index766_formula import OFFICIAL_TOTAL, Formula, Group
from dashboard.labels import CHANNEL_NAMES, UNASSIGNED_HANDLING
from dashboard.unit_reading import DEFAULT
from queries import index766 as q
from queries.cohort import UNKNOWN_UNIT
from queries.index766_lists import LISTS
from queries.index766_lists import PAGE_SIZE as LIST_PAGE_SIZE  # noqa: F401  (the view's)
from queries.period import Period

TABLES = q.TABLES  # what the page reads: one missing stops it with a plain message
TITLE = "Chỉ số 766 (ước tính)"
PATH = "chi-so-766"  # the page's address (app.py), for its own links
SATISFACTION_PATH = "hai-long"
MONTH_PARAM, UNIT_PARAM, LIST_PARAM = "thang", "unit", "list"
MONTHS_OFFERED = 24
TREND_MONTHS = 12
TREND_MOST = 8  # lines one chart holds readably
# The groups' short names, for the table's headers (the formula's full names under it).
SHORT_NAMES = {
    "progress": "Tiến độ",
    "online": "Trực tuyến",
    "payment": "Thanh toán",
    "result_digital": "Kết quả điện tử",
    "components_digital": "Số hóa TPHS",
    "satisfaction": "Hài lòng",
}
# The lists of the dossiers behind a figure: progress's are the late view's.
LIST_KINDS = ("progress", *LISTS)
LIST_NAMES = {
    "progress": "Tiến độ: hồ sơ trễ hạn, quá hạn",
    "online": "Đủ điều kiện nộp trực tuyến nhưng không nộp trực tuyến",
    "payment": "Có phí nhưng không thanh toán trực tuyến",
    "result_digital": "Kết quả không trả bản điện tử",
    "components_digital": "Thành phần hồ sơ chưa số hóa",
}
LIST_HELP = {
    "online": "Hồ sơ tiếp nhận trong tháng, thủ tục có dịch vụ công trực tuyến toàn trình, "
    "nộp trực tiếp hoặc qua bưu chính.",
    "payment": "Hồ sơ tiếp nhận trong tháng có phí, lệ phí, chưa thanh toán trực tuyến.",
    "result_digital": "Hồ sơ giải quyết xong trong tháng, kết quả ghi là không trả bản điện "
    "tử (hồ sơ chưa ghi nhận không tính).",
    "components_digital": "Hồ sơ tiếp nhận trong tháng, thành phần hồ sơ ghi là chưa số hóa "
    "(hồ sơ chưa ghi nhận không tính).",
}
PROGRESS_NOTE = (
    "Tiến độ mất điểm vì hồ sơ giải quyết trễ hạn trong tháng và hồ sơ quá hạn cuối tháng; "
    "danh sách ở trang Hồ sơ trễ hạn (hồ sơ từ chối giải quyết trễ hạn cũng có trong danh "
    "sách trễ hạn, nhưng Biểu II.06a tính là đúng hạn)."
)
ESTIMATE_NOTE = (
    "Điểm ước tính từ dữ liệu Một cửa, trên số điểm tính được (không phải trên 100 điểm), "
    "không phải điểm chính thức do Cổng Dịch vụ công quốc gia công bố. Công thức: {version}."
)
RANK_RULE = (
    "Xếp hạng theo tỷ lệ điểm ước tính trên số điểm tính được của {month}, cao trước; "
    "bằng nhau thì cùng hạng. Đơn vị chưa có số liệu để tính và đơn vị đã thôi hoạt động "
    "không xếp hạng."
)
MISSING_NOTE = (
    "–: không có hồ sơ (hay phiếu đánh giá) để tính, hoặc cơ sở dữ liệu chưa ghi nhận; nhóm "
    "đó không tính vào số điểm tối đa của đơn vị. Bấm vào một con số để xem hồ sơ phía sau."
)
NO_LINKS_NOTE = "–: không có hồ sơ (hay phiếu đánh giá) để tính; nhóm đó không tính điểm."
NO_FIGURES = "Chưa có số liệu"
ENDED = "Đã thôi hoạt động"
EMPTY_LIST = "Không có hồ sơ nào trong danh sách này."
LIST_HEADERS = {
    "code": "Mã hồ sơ",
    "procedure": "Thủ tục",
    "received_unit": "Nơi tiếp nhận",
    "handling_unit": "Đơn vị xử lý",
    "channel": "Kênh nộp",
    "received_at": "Ngày nhận",
    "finished_at": "Ngày có kết quả",
    "applicant": "Người nộp",
}


def offered_months(last_day) -> list[Period]:
    """The months a reader may pick, newest first: the running one up to `last_day`."""
    return [cut(month, last_day) for month in whole_months(last_day)[:MONTHS_OFFERED]]


def _whole(period: Period) -> Period:
    return Period.month(period.start.year, period.start.month)


def month_label(period: Period) -> str:
    """`Tháng 11/2026`, a month still running `Tháng 12/2026 (đến 07/12/2026)`."""
    label = f"Tháng {period.start:%m/%Y}"
    return label if period == _whole(period) else f"{label} (đến {fmt.date(period.end)})"


def month_param(period: Period) -> str:
    return f"{period.start:%Y-%m}"


def read_month(query: params.QueryParams, offered: list[Period]) -> Period:
    """The month the URL's `thang` asks for (`2026-11`), among those offered; the newest
    otherwise (a wrong value with a message in `query.problems`)."""
    by_param = {month_param(month): month for month in offered}
    default = offered[0]
    asked = query.choice(
        MONTH_PARAM, list(by_param), "tháng", month_param(default), month_label(default)
    )
    return by_param[asked]


def trend_months(picked: Period) -> tuple[Period, ...]:
    """The TREND_MONTHS months ending with `picked` (as picked: a running month to date),
    oldest first; the month before it is the second last."""
    months = [picked]
    while len(months) < TREND_MONTHS:
        before = months[0].start - timedelta(days=1)
        months.insert(0, Period.month(before.year, before.month))
    return tuple(months)


def estimate_text(row) -> str:
    """`34,75 / 54 điểm (64,4%)`: the estimate out of the points that could be computed."""
    if not row["max_points"] > 0:
        return fmt.MISSING
    points = f"{fmt.number(row['estimate'], 2)} / {fmt.number(row['max_points'])} điểm"
    return f"{points} ({fmt.percent(row['percent'])})"


def month_rows(frame: pd.DataFrame, month: Period) -> pd.DataFrame:
    """The rows of one month of `frame` (figures.index766_months)."""
    return frame[frame["period"] == month.start].drop(columns="period").reset_index(drop=True)


def ranked(month: pd.DataFrame) -> pd.DataFrame:
    """The units of one month with their `rank` (RANK_RULE): the ranked ones by rank (then
    as listed), then those in service without figures, then those no longer in service,
    then the dossiers of no known unit (no unit: never ranked)."""
    unknown = month["group"] == UNKNOWN_UNIT
    rankable = month["serving"] & (month["max_points"] > 0) & ~unknown
    # Rounded: the same share reached by other counts is a tie, not a float's last digit.
    rank = month["percent"].round(9).where(rankable).rank(method="min", ascending=False)
    place = (~rankable).astype(int) + (~month["serving"]).astype(int) + 2 * unknown
    frame = month.assign(rank=rank.astype("Int64"), place=place)
    frame = frame.sort_values(["place", "rank"], kind="stable", na_position="last")
    return frame.drop(columns="place").reset_index(drop=True)


RANKING_TEXT = (2,)  # the ranking's unit names, after the rank (html_table.style)


def _rank_text(row) -> str:
    if not pd.isna(row["rank"]):
        return fmt.number(row["rank"])
    if row["group"] == UNKNOWN_UNIT:
        return fmt.MISSING
    return ENDED if not row["serving"] else NO_FIGURES


def ranking_table(
    order: pd.DataFrame,
    before: pd.DataFrame,
    this: Period,
    previous: Period,
    official: dict[str, str] | None = None,
):
    """The ranking as display strings: `Hạng`, `Đơn vị`, the estimate of `this` month and of
    the month before (`before`, figures of `previous`), each unit's row in `order` (ranked);
    with `official` (official_texts), the portal's score of `this` month beside them (none
    for a unit no longer in service)."""
    earlier = dict(zip(before["group"], before.to_dict("records"), strict=True))
    table = pd.DataFrame(
        {
            "Hạng": [_rank_text(row) for row in order.to_dict("records")],
            "Đơn vị": order["name"],
            month_label(this): [estimate_text(row) for row in order.to_dict("records")],
            month_label(previous): [
                estimate_text(earlier[code]) if code in earlier else fmt.MISSING
                for code in order["group"]
            ],
        }
    )
    if official:
        heading = f"{OFFICIAL_HEADING}, {month_label(_whole(this)).lower()}"
        # A unit no longer in service, or the dossiers of no known unit, have no score of
        # the month to import: `–`, not "chưa nhập".
        table[heading] = [
            official.get(code, fmt.MISSING) if serving and code != UNKNOWN_UNIT else fmt.MISSING
            for code, serving in zip(order["group"], order["serving"], strict=True)
        ]
    return table


OFFICIAL_HEADING = "Điểm chính thức (Cổng DVCQG)"
NO_OFFICIAL = "chưa nhập"
OFFICIAL_NOTE = (
    "Điểm chính thức: điểm Cổng Dịch vụ công quốc gia đã công bố, trên 100 điểm, do quản trị "
    "nhập từ tệp (`python -m dashboard import766 TỆP`), kèm ngày lấy số; “chưa nhập”: chưa "
    "có điểm của tháng đó, không phải 0 điểm. Điểm ước tính chỉ tính trên các nhóm tính được "
    "nên không so trực tiếp với điểm chính thức."
)


def official_texts(official: pd.DataFrame) -> dict[str, str]:
    """Each unit's official total (dashboard.official766.official_scores) as read: `82,50 /
    100 (lấy số 05/12/2026)`, or NO_OFFICIAL where none was imported (never 0); {} when
    no unit has one this month (the column is then left out)."""
    totals = official[official["key"] == OFFICIAL_TOTAL]
    if totals["points"].isna().all():
        return {}
    texts = {}
    for row in totals.to_dict("records"):
        if pd.isna(row["points"]):
            texts[row["group"]] = NO_OFFICIAL
            continue
        points = f"{fmt.number(row['points'], 2)} / {fmt.number(row['max_points'])}"
        texts[row["group"]] = f"{points} (lấy số {row['captured_at']:%d/%m/%Y})"
    return texts


MOVES_NOTE = (
    "Mỗi việc tính lại điểm ước tính của đơn vị khi việc đó được làm, với số liệu của chính "
    "đơn vị trong tháng: “+” là điểm thêm, “giữ” là điểm đang có sẽ mất nếu để hồ sơ quá hạn. "
    "Đơn vị điểm ước tính (theo tỷ lệ) thấp nhất trước."
)
MOVES_TEXT = (3, 4, 5)  # the actions, sentences read from the left (html_table.style)
NO_MOVES = "Không còn việc nào làm tăng điểm ước tính tháng này."


def moves_table(units: list[UnitActions]) -> pd.DataFrame:
    """What would move each unit's estimate (dashboard.index766_actions.weakest): `Đơn vị`,
    `Điểm ước tính`, then its actions, worth the most first (`–` where it has fewer)."""
    columns = {"Đơn vị": [u.name for u in units], "Điểm ước tính": [u.score_text for u in units]}
    for index in range(ACTIONS_SHOWN):
        columns[f"Việc {index + 1}"] = [
            u.actions[index].text if index < len(u.actions) else fmt.MISSING for u in units
        ]
    return pd.DataFrame(columns)


def group_header(group: Group) -> str:
    return f"{SHORT_NAMES[group.key]} ({fmt.number(group.points)} điểm)"


def group_cell(row, key: str) -> str:
    """`50,0% · 10,00`: the group's ratio and its points; `–` without a ratio."""
    ratio = row[f"{key}_ratio"]
    if pd.isna(ratio):
        return fmt.MISSING
    return f"{fmt.percent(ratio)} · {fmt.number(row[f'{key}_score'], 2)}"


def groups_table(order: pd.DataFrame, formula: Formula) -> pd.DataFrame:
    """Each unit (in the ranking's order) with each computed group's ratio and points."""
    rows = order.to_dict("records")
    shown = pd.DataFrame({"Đơn vị": order["name"]})
    for group in formula.computed:
        shown[group_header(group)] = [group_cell(row, group.key) for row in rows]
    return shown


def legend(formula: Formula) -> list[str]:
    """One line per computed group: its short name, its name in the formula, its points."""
    lines = []
    for group in formula.computed:
        full = f", đủ điểm từ {fmt.percent(group.full_at, 0)}" if group.full_at else ""
        points = fmt.number(group.points)
        lines.append(f"{SHORT_NAMES[group.key]}: {group.name}, {points} điểm{full}.")
    return lines


def page_url(path: str, query: dict) -> str:
    return f"{path}?{urlencode(query)}"


def list_query(month: Period, group: str, kind: str, reading: str = DEFAULT) -> dict:
    """This page's address of one list, in the reading of units shown."""
    return {
        MONTH_PARAM: month_param(month),
        UNIT_PARAM: group,
        LIST_PARAM: kind,
        **params.units_query(reading),
    }


def _missed(row, key: str) -> int:
    """How many dossiers (or ratings) cost the group points: its base less its numerator."""
    den, num = row[f"{key}_den"], row[f"{key}_num"]
    return 0 if pd.isna(den) else int(den - num)


def group_links(
    order: pd.DataFrame,
    formula: Formula,
    month: Period,
    lists: tuple[str, ...],
    reading: str = DEFAULT,
) -> pd.DataFrame:
    """The address behind each cell of `groups_table`: this page's list of the dossiers
    that cost the group points (`lists`: those of LIST_KINDS the database can give;
    progress's shows the late view's two), the satisfaction page for the ratings; none
    where nothing did, nor for dossiers of no known unit."""
    rows = order.to_dict("records")
    links = pd.DataFrame({"Đơn vị": [""] * len(rows)})
    for group in formula.computed:
        key = group.key
        cells = []
        for row in rows:
            code = row["group"]
            if code == UNKNOWN_UNIT or _missed(row, key) <= 0:
                cells.append("")
            elif key == "satisfaction":
                query = {"start": month.start.isoformat(), "end": month.end.isoformat()}
                cells.append(page_url(SATISFACTION_PATH, query | params.units_query(reading)))
            elif key in lists:
                cells.append(page_url(PATH, list_query(month, code, key, reading)))
            else:
                cells.append("")
        links[group_header(group)] = cells
    return links


def estimate_note(formula: Formula) -> str:
    return ESTIMATE_NOTE.format(version=formula.version)


def rank_rule(month: Period) -> str:
    return RANK_RULE.format(month=month_label(month).lower())


def left_out_table(left_out: pd.DataFrame) -> pd.DataFrame:
    """The groups the estimate leaves out (dashboard.index766.not_computed), as read."""
    return fmt.table(
        left_out,
        {
            "name": ("Nhóm chỉ tiêu", None),
            "points": ("Điểm", fmt.number),
            "note": ("Ghi chú", None),
        },
    )


def left_out_note(left_out: pd.DataFrame) -> str:
    points = fmt.number(left_out["points"].sum())
    return (
        f"Ước tính để ngoài {points} trên 100 điểm của Bộ chỉ số: các nhóm dưới đây chỉ có "
        "trên Cổng Dịch vụ công quốc gia."
    )


def trend_frame(frame: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """The twelve months of the units named `names` with a figure: `period`, `name`,
    `percent` (the chart's line) and `detail` (`34,75 / 54 điểm`, its tooltip)."""
    shown = frame[frame["name"].isin(names) & frame["percent"].notna()]
    detail = [
        f"{fmt.number(row['estimate'], 2)} / {fmt.number(row['max_points'])} điểm"
        for row in shown.to_dict("records")
    ]
    return shown[["period", "name", "percent"]].assign(detail=detail).reset_index(drop=True)


def trend_choices(order: pd.DataFrame, frame: pd.DataFrame) -> list[str]:
    """The units the chart may draw: those with a figure in any of the months, in the
    ranking's order (`order`)."""
    drawn = set(frame.loc[frame["percent"].notna(), "group"])
    return [name for code, name in zip(order["group"], order["name"], strict=True) if code in drawn]


def trend_default(choices: list[str], order: pd.DataFrame, own_unit: str | None) -> list[str]:
    """The units drawn first: a unit user's own; else all of them when they are few, the
    TREND_MOST last of the ranking (the furthest behind) when not."""
    names = dict(zip(order["group"], order["name"], strict=True))
    if own_unit is not None and names.get(own_unit) in choices:
        return [names[own_unit]]
    return choices[-TREND_MOST:]


def trend_note(shown: int, choices: int) -> str | None:
    if shown >= choices:
        return None
    return (
        f"Biểu đồ vẽ {fmt.number(shown)} trong {fmt.number(choices)} đơn vị (mặc định: các "
        "đơn vị xếp cuối); chọn thêm hoặc bớt đơn vị ở ô trên."
    )


def list_codes(order: pd.DataFrame) -> list[str]:
    """The units a list may be asked for: every unit of the table with a code."""
    return [code for code in order["group"] if code != UNKNOWN_UNIT]


def list_default(order: pd.DataFrame, own_unit: str | None) -> str | None:
    """The unit whose list the page offers first: a unit user's own, else the one ranked
    last (the furthest behind), else the first."""
    codes = list_codes(order)
    if own_unit in codes:
        return own_unit
    ranked_codes = [c for c, r in zip(order["group"], order["rank"], strict=True) if pd.notna(r)]
    return ranked_codes[-1] if ranked_codes else next(iter(codes), None)


def read_list(query: params.QueryParams, kinds: tuple[str, ...], groups: list[str]):
    """The list the URL asks for (`list`, `unit`): (kind, unit code), None for either absent
    or wrong (with a message in `query.problems`)."""
    kind = query.choice(LIST_PARAM, kinds, "danh sách", None, "không danh sách nào")
    unit = query.choice(UNIT_PARAM, groups, "đơn vị", None, "đơn vị đầu bảng")
    return kind, unit


def progress_links(group: str, month: Period, reading: str = DEFAULT) -> list[dict]:
    """The late view's two lists behind progress: finished late in the month, overdue at
    its end (the month's flow, as Biểu II.06a counts its columns 10 and 13)."""
    return [
        {
            "label": f"{late_table.STATE_NAMES[state]} ({when})",
            "query_params": late_link(group, state, month, reading),
        }
        for state, when in (("late", "trong tháng"), ("overdue", "cuối tháng"))
    ]


def list_table(rows: pd.DataFrame) -> pd.DataFrame:
    """One page of a list (figures.index766_list, applicants masked) as display text."""
    shown = rows.assign(
        channel=rows["channel"].map(CHANNEL_NAMES).fillna(rows["channel"]).fillna(fmt.MISSING),
        handling_unit=rows["handling_unit"].fillna(UNASSIGNED_HANDLING),
        received_at=rows["received_at"].map(fmt.datetime).astype("str"),
        finished_at=rows["finished_at"].map(fmt.datetime).astype("str"),
    )
    return shown[list(LIST_HEADERS)].rename(columns=LIST_HEADERS)


def list_title(kind: str, unit_name: str, month: Period) -> str:
    return f"{LIST_NAMES[kind]} · {unit_name} · {month_label(month)}"


def list_caption(first: int, shown: int, total: int, page: int, pages: int) -> str:
    return (
        f"Hồ sơ {fmt.number(first)}–{fmt.number(first + shown - 1)} / {fmt.number(total)}"
        f" · trang {fmt.number(page)}/{fmt.number(pages)}. Tên người nộp đã che."
    )
