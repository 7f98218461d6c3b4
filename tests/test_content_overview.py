"""What the weekly overview shows, tested as plain functions on a hand-made week."""

from datetime import date

import pandas as pd
import pytest

from dashboard.content import overview as content
from dashboard.kpi import with_rates
from dashboard.targets import AMBER, GREEN, RED, Target, load_targets
from dashboard.totals import total_row
from dashboard.weekly import WeekOverview
from queries.period import Period
from tests import fixture_overview
from tests.apptest import run_app

TARGETS = {
    "on_time_rate": Target(0.99, True, 0.02),
    "online_rate": Target(0.90, True, 0.10),
    "finished_late": Target(0, False, 2),
    "overdue_open": Target(0, False, 5),
    "satisfaction_rate": Target(0.99, True, 0.02),
}
COUNTS = [
    *("received", "received_online", "finished", "finished_in_time", "finished_late"),
    *("overdue_open", "very_satisfied", "satisfied", "dissatisfied"),
]


def units(rows):
    frame = pd.DataFrame(rows, columns=["group", "name", *COUNTS])
    return with_rates(frame)


# Two units: the district one-stop misses the on-time target (4 of 5 finished in time) and
# finished one late; Một Ngàn meets everything but has 3 overdue at the week's end (amber).
WEEK = units(
    [
        ("CTA", "Huyện", 6, 6, 5, 4, 1, 0, 8, 1, 1),
        ("CTA-MN", "Một Ngàn", 4, 4, 2, 2, 0, 3, 5, 0, 0),
    ]
)
BEFORE = units(
    [
        ("CTA", "Huyện", 2, 1, 2, 2, 0, 0, 1, 0, 1),
        ("CTA-MN", "Một Ngàn", 1, 1, 0, 0, 0, 2, 0, 0, 0),
    ]
)
AVERAGES = WEEK[["group"]].assign(
    received=[5.0, 3.0],
    online_rate=[1.0, 1.0],
    on_time_rate=[1.0, 1.0],
    finished_late=[0.0, 0.0],
    overdue_open=[0.0, 1.0],
    satisfaction_rate=[1.0, 1.0],
)


def overview(has_ratings=True) -> WeekOverview:
    week = Period.iso_week(2022, 48)
    trend = pd.DataFrame({"period": [week.start], **{k: [0.5] for k in content.TILES}})
    return WeekOverview(
        week,
        Period.iso_week(2022, 47),
        WEEK,
        total_row(WEEK),
        total_row(BEFORE),
        AVERAGES,
        trend,
        has_ratings,
    )


def test_tiles_against_the_week_before_and_the_targets():
    tiles = {tile.key: tile for tile in content.tiles(overview(), TARGETS)}
    assert [(t.label, t.value, t.delta) for t in tiles.values()] == [
        ("Tiếp nhận", "10", "+7"),
        ("Đã giải quyết", "7", "+5"),  # as on the first slide
        ("Nộp trực tuyến", "100,0%", "+33,3 điểm %"),  # 10/10 against 2/3
        ("Đúng hạn", "85,7%", "-14,3 điểm %"),  # (4 + 2) / 7 in time against 2/2
        ("Trễ hạn", "1", "+1"),
        ("Đang quá hạn", "3", "+1"),
        ("Hài lòng", "93,3%", "+43,3 điểm %"),  # (8 + 1 + 5) / 15 against 1/2
    ]
    assert tiles["received"].badge == "Chưa có chỉ tiêu" and tiles["received"].light is None
    assert tiles["received"].delta_color == "off"
    assert tiles["online_rate"].badge == "Đạt · chỉ tiêu ≥ 90,0%"
    assert tiles["on_time_rate"].light == RED and tiles["on_time_rate"].badge_color == "red"
    assert tiles["finished_late"].light == AMBER and tiles["finished_late"].delta_color == "inverse"
    assert tiles["overdue_open"].badge == "Chưa đạt · chỉ tiêu ≤ 0"  # amber: near, not met
    assert tiles["on_time_rate"].floor == pytest.approx(0.95)  # sparkline from 2 tolerances down


def test_without_ratings_the_satisfaction_tile_says_so():
    tile = content.tiles(overview(has_ratings=False), TARGETS)[-1]
    assert (tile.value, tile.delta, tile.badge, tile.has_data) == (
        "–",
        None,
        content.NO_RATINGS,
        False,
    )


def test_ranking_worst_first_with_its_colours():
    shown, colors = content.ranking(WEEK, TARGETS)
    # Huyện's on-time rate is 9.5 tolerances short, Một Ngàn's overdue dossiers 0.6.
    assert shown["Đơn vị"].tolist() == ["Huyện", "Một Ngàn"]
    assert shown["Hạng"].tolist() == ["1", "2"]
    assert shown.columns.tolist()[2:5] == ["Tiếp nhận", "Nộp trực tuyến", "Đã giải quyết"]
    assert shown.iloc[0].tolist() == [
        "1",
        "Huyện",
        "6",
        "100,0% – đạt",
        "5",
        "80,0% – chưa đạt",
        "1",
        "0",
        "90,0% – chưa đạt",
    ]
    assert colors.iloc[0]["Đúng hạn"] == f"background-color: {content.CELL_COLORS[RED]}"
    assert colors.iloc[1]["Đang quá hạn"] == f"background-color: {content.CELL_COLORS[AMBER]}"
    assert colors.iloc[1]["Tiếp nhận"] == colors.iloc[1]["Đã giải quyết"] == ""  # no target
    assert content.CELL_COLORS[GREEN] in colors.iloc[1]["Đúng hạn"]


def test_units_needing_attention_with_reasons_and_links():
    cards = content.attention(overview(), TARGETS)
    assert [card.name for card in cards] == ["Huyện", "Một Ngàn"]
    assert cards[0].reasons == [
        "Đúng hạn 80,0% – chưa đạt (chỉ tiêu ≥ 99,0%)",
        "Trễ hạn 1 – chưa đạt (chỉ tiêu ≤ 0)",
        "Hài lòng 90,0% – chưa đạt (chỉ tiêu ≥ 99,0%)",
    ]
    assert cards[1].reasons == ["Đang quá hạn 3 – chưa đạt (chỉ tiêu ≤ 0)"]
    assert (cards[0].rank, cards[0].worst) == (1, "80,0% đúng hạn")
    assert (cards[1].rank, cards[1].worst) == (2, "3 hồ sơ quá hạn")
    assert cards[0].lowest and cards[1].lowest  # the lowest on-time rate, the most overdue
    week_late = cards[0].links[0]
    assert week_late["label"] == "Hồ sơ trễ hạn trong tuần"
    assert week_late["query_params"] == {
        "unit": "CTA",
        "start": "2022-11-28",
        "end": "2022-12-04",
        "state": "late",
        "basis": "flow",  # finished late in the week, whenever received: no 1990 start
    }
    assert [link["query_params"]["state"] for link in cards[1].links] == ["overdue"]


def test_a_unit_worse_than_its_own_weeks_is_named_with_its_average():
    reason = {"kpi": "received", "reason": "average", "value": 2, "reference": 5.26}
    assert content.describe_reason(reason, TARGETS) == (
        "Tiếp nhận 2, kém trung bình 12 tuần trước (5,3)"
    )


def test_week_labels_and_heading():
    assert content.week_option_label(date(2022, 12, 5), date(2022, 12, 7)) == (
        "Tuần 49/2022 (05/12–11/12) – đến 07/12/2022"
    )
    note = content.heading_note(Period(date(2022, 12, 5), date(2022, 12, 7)))
    assert "tuần chưa trọn: so với 3 ngày đầu của tuần trước" in note


TARGET_WITHOUT_VALUE = """
[on_time_rate]
better = "higher"
tolerance = 0.02

[finished_late]
better = "lower"
target = 0
tolerance = 2
"""


def test_a_section_without_target_leaves_that_kpi_uncoloured_with_a_note(tmp_path):
    path = tmp_path / "targets.toml"
    path.write_text(TARGET_WITHOUT_VALUE, encoding="utf-8")
    loaded = load_targets(path)
    assert "on_time_rate" not in loaded and loaded["finished_late"] == Target(0, False, 2)
    assert loaded.problems == [
        "Mục [on_time_rate] của tệp chỉ tiêu chưa có giá trị target: chưa tô màu."
    ]
    tile = content.tile("on_time_rate", overview(), loaded)
    assert (tile.light, tile.badge) == (None, "Chưa có chỉ tiêu")


def test_the_overview_shows_such_a_file_uncoloured_with_a_note(monkeypatch, make_db, tmp_path):
    # Before: a KeyError stopped the whole overview.
    path = tmp_path / "targets.toml"
    path.write_text(TARGET_WITHOUT_VALUE, encoding="utf-8")
    monkeypatch.setenv("DASHBOARD_TARGETS", str(path))
    at = run_app(monkeypatch, make_db("sqlite", fixture_overview.ROWS))
    assert not at.exception and not at.error
    assert any(
        "Mục [on_time_rate] của tệp chỉ tiêu chưa có giá trị target" in w.value for w in at.warning
    )
    badges = [m.value for m in at.markdown if "-badge[" in m.value]
    assert badges[3] == ":gray-badge[Chưa có chỉ tiêu]"  # the on-time tile
    assert badges[4] == ":orange-badge[Chưa đạt · chỉ tiêu ≤ 0]"  # the others keep theirs


def test_the_ranking_links_each_unit_to_its_late_dossiers_and_escapes_names():
    hostile = WEEK.assign(name=["<b>Huyện</b>", "[Một Ngàn](http://x.example)"])
    table = content.ranking_html(hostile, TARGETS, Period.iso_week(2022, 48))
    assert "<b>" not in table and "&lt;b&gt;Huyện&lt;/b&gt;" in table
    assert (
        '<a href="tre-han?unit=CTA&amp;start=2022-11-28&amp;end=2022-12-04&amp;state=late'
        '&amp;basis=flow" target="_self">&lt;b&gt;Huyện&lt;/b&gt;</a>'
    ) in table
    assert "state=overdue&amp;basis=flow" in table  # the overdue figure links to its list
    assert table.count("<tr>") == 3  # the header and two units
