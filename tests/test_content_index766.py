"""What the 766 page shows, as plain data (dashboard/content/index766.py): its months, the
ranking and its rule, each group's cell and the address behind it, the twelve months,
the lists' words. Figures from dashboard.index766.scored on counts written here."""

from datetime import date

import pandas as pd
import pytest

from dashboard import params
from dashboard.content import index766 as content
from dashboard.index766 import COUNTS, scored
from dashboard.index766_actions import Action, UnitActions
from dashboard.index766_formula import load_formula
from queries.index766 import checked
from queries.period import Period

FORMULA = load_formula()
LAST_DAY = date(2026, 12, 7)
DECEMBER = Period(date(2026, 12, 1), LAST_DAY)
NOVEMBER = Period.month(2026, 11)
ZEROS = dict.fromkeys(COUNTS, 0)


def _unit(group, name, serving=True, **counts):
    """A unit's counts: `key=(num, den)` for the groups it has."""
    row = {"group": group, "name": name, "serving": serving, **ZEROS}
    for key, (num, den) in counts.items():
        row |= {f"{key}_num": num, f"{key}_den": den}
    return row


def _month(*units) -> pd.DataFrame:
    return scored(pd.DataFrame(list(units)), FORMULA)


# XA-AB: tests/fixture_766.py's July, 34,75 / 54. XA-C: progress 1/1 and 4 of 5 components
# (4 × 0,8 / 0,8 = 4): 24 / 24. XA-E: progress 3/6 only: 10 / 20 = 50%, as XA-F: a tie.
# XA-D: nothing. CU: no longer in service, 20 / 20.
AB = _unit(
    "XA-AB",
    "Xã A-B",
    progress=(3, 6),
    online=(2, 4),
    payment=(3, 4),
    result_digital=(3, 4),
    components_digital=(3, 4),
    satisfaction=(9, 10),
)
C = _unit("XA-C", "Xã C", progress=(1, 1), components_digital=(4, 5))
E = _unit("XA-E", "Xã E", progress=(3, 6))
F = _unit("XA-F", "Xã F", progress=(1, 2))
D = _unit("XA-D", "Xã D")
ENDED = _unit("CU", "Huyện cũ (đến 30/06/2025)", serving=False, progress=(2, 2))


def test_the_months_offered_and_their_words():
    offered = content.offered_months(LAST_DAY)
    assert offered[:2] == [DECEMBER, NOVEMBER] and len(offered) == content.MONTHS_OFFERED
    assert content.month_label(DECEMBER) == "Tháng 12/2026 (đến 07/12/2026)"
    assert content.month_label(NOVEMBER) == "Tháng 11/2026"
    assert content.month_param(NOVEMBER) == "2026-11"


@pytest.mark.parametrize(
    "asked, month, problems",
    [
        (None, DECEMBER, 0),
        ("2026-11", NOVEMBER, 0),
        ("2026-13", DECEMBER, 1),
        ("1999-01", DECEMBER, 1),
    ],
)
def test_the_month_the_url_asks_for(asked, month, problems):
    query = params.QueryParams({} if asked is None else {"thang": asked})
    assert content.read_month(query, content.offered_months(LAST_DAY)) == month
    assert len(query.problems) == problems
    if problems:
        assert "tháng 12/2026 (đến 07/12/2026)" in query.problems[0].lower()


def test_twelve_months_end_with_the_one_picked():
    months = content.trend_months(DECEMBER)
    assert len(months) == 12 and months[0] == Period.month(2026, 1)
    assert months[-2:] == (NOVEMBER, DECEMBER)
    assert checked(months) == months  # consecutive: one pass reads them all
    assert content.trend_months(Period.month(2026, 2))[0] == Period.month(2025, 3)


def test_the_estimate_never_out_of_100():
    month = _month(AB, D)
    assert content.estimate_text(month.iloc[0]) == "34,75 / 54 điểm (64,4%)"
    assert content.estimate_text(month.iloc[1]) == "–"


UNKNOWN = _unit("?", "Đơn vị không rõ", progress=(1, 3))  # never ranked, never linked


def test_ranked_by_share_ties_share_a_rank():
    order = content.ranked(_month(D, UNKNOWN, ENDED, E, AB, F, C))
    assert list(order["group"]) == ["XA-C", "XA-AB", "XA-E", "XA-F", "XA-D", "CU", "?"]
    assert order["rank"].tolist()[:4] == [1, 2, 3, 3]
    assert order["rank"][4:].isna().all()
    before = _month(AB, C)
    shown = content.ranking_table(order, before, DECEMBER, NOVEMBER)
    assert list(shown.columns) == ["Hạng", "Đơn vị", content.month_label(DECEMBER), "Tháng 11/2026"]
    assert shown["Hạng"].tolist() == [
        "1",
        "2",
        "3",
        "3",
        "Chưa có số liệu",
        "Đã thôi hoạt động",
        "–",
    ]
    assert shown.iloc[0, 2:].tolist() == ["24,00 / 24 điểm (100,0%)"] * 2
    assert shown.iloc[2, 3] == "–"  # XA-E: no row the month before
    official = {code: "chưa nhập" for code in order["group"]} | {"XA-C": "80,00 / 100 (…)"}
    shown = content.ranking_table(order, before, DECEMBER, NOVEMBER, official)
    assert shown.iloc[:, 4].tolist() == [
        "80,00 / 100 (…)",
        *["chưa nhập"] * 4,
        "–",  # CU, no longer in service: nothing to import, not "chưa nhập"
        "–",  # the dossiers of no known unit
    ]
    assert "cao trước" in content.rank_rule(DECEMBER) and "12/2026" in content.rank_rule(DECEMBER)


def test_each_groups_ratio_and_points():
    order = content.ranked(_month(AB, C))
    shown = content.groups_table(order, FORMULA)
    assert list(shown.columns) == [
        "Đơn vị",
        "Tiến độ (20 điểm)",
        "Trực tuyến (12 điểm)",
        "Thanh toán (6 điểm)",
        "Kết quả điện tử (6 điểm)",
        "Số hóa TPHS (4 điểm)",
        "Hài lòng (6 điểm)",
    ]
    ab = shown[shown["Đơn vị"] == "Xã A-B"].iloc[0].tolist()
    assert ab[1:] == [
        "50,0% · 10,00",
        "50,0% · 6,00",
        "75,0% · 4,50",
        "75,0% · 4,50",
        "75,0% · 3,75",
        "90,0% · 6,00",
    ]
    c = shown[shown["Đơn vị"] == "Xã C"].iloc[0].tolist()
    assert c[1:] == ["100,0% · 20,00", "–", "–", "–", "80,0% · 4,00", "–"]
    assert "Số hóa TPHS: Số hóa thành phần hồ sơ, 4 điểm, đủ điểm từ 80%." in content.legend(
        FORMULA
    )


def test_each_figure_links_to_what_cost_it_points():
    order = content.ranked(_month(AB, C, UNKNOWN))
    kinds = ("progress", "online", "payment")  # a database without the optional columns
    links = content.group_links(order, FORMULA, NOVEMBER, kinds, "recorded")
    ab = links.iloc[list(order["group"]).index("XA-AB")]
    assert ab["Đơn vị"] == ""
    assert ab["Tiến độ (20 điểm)"] == (
        "chi-so-766?thang=2026-11&unit=XA-AB&list=progress&don-vi=ghi-nhan"
    )
    assert ab["Thanh toán (6 điểm)"].endswith("unit=XA-AB&list=payment&don-vi=ghi-nhan")
    assert ab["Kết quả điện tử (6 điểm)"] == ""  # no such list in this database
    assert ab["Hài lòng (6 điểm)"] == "hai-long?start=2026-11-01&end=2026-11-30&don-vi=ghi-nhan"
    c = links.iloc[list(order["group"]).index("XA-C")]
    # Nothing cost XA-C progress points; one of five components did.
    assert c["Tiến độ (20 điểm)"] == "" and c["Số hóa TPHS (4 điểm)"] == ""
    assert links.iloc[list(order["group"]).index("?")].tolist() == [""] * 7
    every = content.group_links(order, FORMULA, NOVEMBER, content.LIST_KINDS)
    assert every.iloc[list(order["group"]).index("XA-C")]["Số hóa TPHS (4 điểm)"] == (
        "chi-so-766?thang=2026-11&unit=XA-C&list=components_digital"
    )


def test_the_lists_the_url_asks_for():
    codes = ["XA-AB", "XA-C"]
    query = params.QueryParams({"list": "online", "unit": "XA-C"})
    assert content.read_list(query, content.LIST_KINDS, codes) == ("online", "XA-C")
    assert query.problems == []
    bad = params.QueryParams({"list": "'; DROP TABLE dossiers; --", "unit": "XA-Z"})
    assert content.read_list(bad, ("progress", "online"), codes) == (None, None)
    assert len(bad.problems) == 2
    assert content.list_query(DECEMBER, "XA-C", "payment") == {
        "thang": "2026-12",
        "unit": "XA-C",
        "list": "payment",
    }


def test_the_first_list_offered():
    order = content.ranked(_month(AB, C, D))
    assert content.list_default(order, None) == "XA-AB"  # ranked last
    assert content.list_default(order, "XA-D") == "XA-D"  # a unit user's own
    assert content.list_default(content.ranked(_month(D)), None) == "XA-D"


def test_progress_links_to_the_late_views_two_lists():
    late, overdue = content.progress_links("XA-AB", NOVEMBER)
    assert late["query_params"] == {
        "unit": "XA-AB",
        "start": "2026-11-01",
        "end": "2026-11-30",
        "state": "late",
        "basis": "flow",
    }
    assert overdue["query_params"]["state"] == "overdue"
    assert late["label"] == "Đã giải quyết trễ hạn (trong tháng)"


def test_the_trend_draws_the_units_behind_first():
    frame = pd.concat(
        [
            _month(AB, C, D).assign(period=NOVEMBER.start),
            _month(AB, D).assign(period=DECEMBER.start),
        ]
    )
    order = content.ranked(_month(AB, C, D))
    choices = content.trend_choices(order, frame)
    assert choices == ["Xã C", "Xã A-B"]  # XA-D has no figure in any month
    assert content.trend_default(choices, order, "XA-AB") == ["Xã A-B"]
    assert content.trend_default(choices, order, None) == choices
    trend = content.trend_frame(frame, ["Xã A-B"])
    assert trend["detail"].tolist() == ["34,75 / 54 điểm"] * 2
    assert trend["period"].tolist() == [NOVEMBER.start, DECEMBER.start]
    assert content.trend_note(2, 2) is None and "2 trong 9" in content.trend_note(2, 9)
    many = [f"Xã {n}" for n in range(12)]
    assert content.trend_default(many, order, None) == many[-content.TREND_MOST :]


def test_a_list_as_read():
    rows = pd.DataFrame(
        {
            "code": ["x1"],
            "procedure": ["Đăng ký khai sinh"],
            "received_unit": ["Xã C"],
            "handling_unit": [None],
            "channel": ["postal"],
            "received_at": [pd.Timestamp("2025-07-12 09:00")],
            "finished_at": [None],
            "applicant": ["Nguyễn V. A."],
        }
    )
    shown = content.list_table(rows)
    assert list(shown.columns) == list(content.LIST_HEADERS.values())
    assert shown.iloc[0].tolist() == [
        "x1",
        "Đăng ký khai sinh",
        "Xã C",
        "Chưa phân công xử lý",
        "Bưu chính công ích",
        "12/07/2025 09:00",
        "–",
        "Nguyễn V. A.",
    ]
    assert content.list_caption(51, 2, 52, 2, 2) == (
        "Hồ sơ 51–52 / 52 · trang 2/2. Tên người nộp đã che."
    )


def test_what_the_estimate_is_and_leaves_out():
    note = content.estimate_note(FORMULA)
    assert FORMULA.version in note and "không phải điểm chính thức" in note
    assert "không phải trên 100 điểm" in note
    left_out = pd.DataFrame(
        {
            "key": ["a", "b"],
            "name": ["Công khai", "Phản ánh"],
            "points": [18.0, 12.0],
            "note": ["x"] * 2,
        }
    )
    assert content.left_out_table(left_out).iloc[0].tolist() == ["Công khai", "18", "x"]
    assert "để ngoài 30 trên 100 điểm" in content.left_out_note(left_out)


def test_the_official_score_beside_the_estimate_never_0_when_missing():
    held = pd.DataFrame(
        {
            "group": ["A", "A", "B", "B"],
            "key": ["total", "progress", "total", "progress"],
            "name": ["Tổng điểm", "Tiến độ", "Tổng điểm", "Tiến độ"],
            "max_points": [100, 20, 100, 20],
            "points": pd.array([82.5, 19.0, None, 18.0], dtype="Float64"),
            "captured_at": pd.to_datetime(["2026-12-05", "2026-12-05", None, "2026-12-05"]),
        }
    )
    assert content.official_texts(held) == {
        "A": "82,50 / 100 (lấy số 05/12/2026)",
        "B": "chưa nhập",  # B's groups were imported, its total not: missing, not 0
    }
    none = held.assign(points=pd.array([None] * 4, dtype="Float64"))
    assert content.official_texts(none) == {}  # no column at all that month


def test_what_would_move_each_unit_as_read():
    moves = [
        UnitActions(
            "Xã A", 30.0, 44, [Action("online", 18, 9.0), Action("progress", 57, 5.21, True)]
        ),
        UnitActions("Xã B", 41.25, 44, []),
    ]
    table = content.moves_table(moves)
    assert list(table.columns) == ["Đơn vị", "Điểm ước tính", "Việc 1", "Việc 2", "Việc 3"]
    assert table.iloc[0].tolist() == [
        "Xã A",
        "30,00/44 điểm",
        "Thêm 18 hồ sơ nộp trực tuyến: +9,00 điểm",
        "Giải quyết đúng hạn 57 hồ sơ đến hạn từ nay đến cuối tháng: giữ 5,21 điểm",
        "–",
    ]
    assert table.iloc[1].tolist()[2:] == ["–", "–", "–"]
