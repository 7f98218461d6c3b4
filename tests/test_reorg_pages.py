"""The pages, the briefing and its files across the reorganisation (tests/fixture_reorg.py,
worked by hand), as plain functions on SQLite and PostgreSQL: the date marked on every chart
that crosses it, links that keep the reading, the late list's unit pickers, ended units
apart in the briefing, households counted once across a merger."""

import json
from datetime import date

import pytest

from dashboard import briefing, charts, figures, handout, weekly
from dashboard.unit_reading import succession_dates
from queries.connection import readonly_engine
from queries.period import Period
from tests import fixture_reorg as reorg

pytestmark = pytest.mark.engines_only  # over queries tested in both SQLite forms

W26 = Period(*reorg.W26)
W27 = Period(*reorg.W27)
MARK = "Sắp xếp đơn vị hành chính 01/07/2025"


@pytest.fixture
def engine(backend, make_db):
    engine = readonly_engine(make_db(backend, reorg.ROWS))
    yield engine
    engine.dispose()


def _spec(chart) -> str:
    spec = chart if isinstance(chart, dict) else chart.to_dict()
    return json.dumps(spec, default=str, ensure_ascii=False)


def _rules(spec: str) -> list[dict]:
    """The rules' layers of a chart spec (the reorganisation's, the targets')."""
    found = []

    def walk(part):
        if isinstance(part, dict):
            mark = part.get("mark")
            if mark == "rule" or (isinstance(mark, dict) and mark.get("type") == "rule"):
                found.append(part)
            for value in part.values():
                walk(value)
        elif isinstance(part, list):
            for value in part:
                walk(value)

    walk(json.loads(spec))
    return found


def test_the_overview_s_sparklines_mark_the_date_with_a_thin_rule_and_no_words(engine):
    marked = succession_dates(engine)
    trend = weekly.week_overview(engine, W27).trend  # the 12 weeks up to W27
    for key, is_rate in (("received", False), ("on_time_rate", True)):
        spec = _spec(charts.sparkline(trend, key, key, is_rate, "#000", marked=marked))
        dashed = [rule for rule in _rules(spec) if "strokeDash" in rule["mark"]]
        assert len(dashed) == 1 and dashed[0]["mark"]["strokeWidth"] == 1
        assert '"type": "text"' not in spec  # too small for words: the tooltip says it
    before = weekly.week_overview(engine, W26).trend
    assert not _rules(_spec(charts.sparkline(before, "received", "x", False, "#0", marked=marked)))


def test_rate_charts_crossing_the_date_mark_it(engine):
    marked = succession_dates(engine)
    weeks = figures.cohort_series(engine, Period(W26.start, W27.end))
    spec = _spec(charts.rate_over_time(weeks, "on_time_rate", "week", "t", marked=marked))
    assert MARK in spec
    before = figures.cohort_series(engine, W26)
    assert MARK not in _spec(
        charts.rate_over_time(before, "on_time_rate", "week", "t", {}, marked=marked)
    )
    # Satisfaction by month: July's bucket holds the date, with the targets' lines.
    months = figures.satisfaction_series(engine, Period(date(2025, 6, 1), date(2025, 7, 31)))
    spec = _spec(
        charts.rate_over_time(
            months, "satisfaction_rate", "month", "t", {"Mục tiêu": 0.9}, marked=marked
        )
    )
    assert MARK in spec and "Mục tiêu" in spec
    june = figures.satisfaction_series(engine, Period(date(2025, 6, 1), date(2025, 6, 30)))
    assert MARK not in _spec(charts.rate_over_time(june, "satisfaction_rate", "month", "t"))


def test_the_briefing_s_trend_marks_the_date_on_the_slide_and_in_the_files(engine):
    deck = briefing.build(engine, W27)
    assert deck.marked == (reorg.DATE,)
    spec = handout.trend_figure(deck.trend, 0.95, deck.marked)
    assert MARK in _spec(spec)
    # The handout's Monday ticks still reach the line's axis (the first layer).
    assert spec["layer"][0]["encoding"]["x"]["axis"]["values"]
    assert MARK not in _spec(handout.trend_figure(briefing.build(engine, W26).trend, 0.95))


def test_links_into_the_late_list_keep_the_reading(engine):
    from dashboard.content import overview as overview_content
    from dashboard.content import units as units_content
    from dashboard.targets import Target

    targets = {"overdue_open": Target(0, higher_is_better=False)}  # XA-AB: 1 overdue
    for reading, asked in (("current", None), ("recorded", "ghi-nhan")):
        overview = weekly.week_overview(engine, W27, units=reading)
        cards = overview_content.attention(overview, targets)
        links = [link["query_params"] for card in cards for link in card.links]
        assert links and all(link.get("don-vi") == asked for link in links)
        html = overview_content.ranking_html(overview.units, targets, W27, reading)
        assert ("don-vi=ghi-nhan" in html) == (asked is not None)
        by_unit = figures.cohort_by(engine, W27, units=reading)
        kinds = figures.unit_kinds(engine)
        table = units_content.unit_table_html(by_unit, kinds, ["name"], W27, "unit", reading)
        assert "unit=XA-AB" in table
        assert ("don-vi=ghi-nhan" in table) == (asked is not None)


def test_the_late_list_s_unit_pickers_follow_the_reading(engine):
    from dashboard import params
    from dashboard.content import late as late_content

    ended = "(đến 30/06/2025)"
    current = figures.late_filter_options(engine)
    choices = late_content.choices(current)
    # By today's units: merged communes folded into their successor, the ended apart, named
    # with their last day.
    assert choices["unit"] == [
        ("HUYEN", f"Bộ phận Một cửa huyện {ended}"),
        ("TINH", "Trung tâm Phục vụ hành chính công tỉnh"),
        ("TINH-CN1", "Chi nhánh số 1"),
        ("XA-AB", "Xã A-B"),
        ("XA-S", f"Xã S {ended}"),
        ("XA-S2", "Xã S Nam"),
    ]
    assert [code for code, _ in choices["handling"]] == [
        "HUYEN-TP", "SO-TN", "XA-AB", "XA-S", "XA-S2"
    ]  # fmt: skip
    # As recorded: every unit.
    recorded = late_content.choices(figures.late_filter_options(engine, "recorded"))
    assert [code for code, _ in recorded["unit"]] == [
        "HUYEN", "TINH", "TINH-CN1", "XA-A", "XA-AB", "XA-B", "XA-S", "XA-S2"
    ]  # fmt: skip
    assert dict(recorded["unit"])["XA-A"] == f"Xã A {ended}"
    # A link naming a merged commune, read by today's units, lists its successor, and says so.
    query = params.QueryParams({"unit": "XA-A", "handling": "XA-B"})
    filt = late_content.read_url(query, choices, W27, current["folded"])
    assert (filt.received_unit, filt.handling_unit) == ("XA-AB", "XA-AB")
    assert query.problems == [
        "Xã A nay thuộc Xã A-B: đang hiển thị nơi tiếp nhận Xã A-B.",
        "Xã B nay thuộc Xã A-B: đang hiển thị đơn vị xử lý Xã A-B.",
    ]


def test_the_briefing_names_ended_units_apart_from_its_ranking_and_its_message(engine):
    for reading, ended in (
        ("current", "Xã S (đến 30/06/2025): 1 hồ sơ tiếp nhận"),
        ("recorded", "Xã A (đến 30/06/2025): 1 hồ sơ tiếp nhận; Xã S (đến 30/06/2025): 1 hồ sơ"),
    ):
        deck = briefing.build(engine, W27, reading)
        attention = next(s for s in deck.slides if s.title.startswith("Đơn vị cần chú ý"))
        # Only the units that received dossiers in the week: not the district, nor Xã B.
        assert f"Đơn vị đã thôi hoạt động, không xếp hạng: {ended}" in attention.note
        assert "Bộ phận Một cửa huyện" not in attention.note and "Xã B" not in attention.note
        if attention.table is not None:
            assert not attention.table["Đơn vị"].str.contains("đến 30/06/2025").any()
        units = deck.message.split("Đơn vị cần chú ý:")[-1]
        assert "đến 30/06/2025" not in units
        # Their ratings stay in the satisfaction slide's table, named with their last day.
        rated = next(s for s in deck.slides if s.title == "Mức độ hài lòng trong tuần")
        names = list(rated.table["Đơn vị"])
        assert ("Xã A (đến 30/06/2025)" in names) == (reading == "recorded")


@pytest.mark.parametrize(
    "day, current, recorded, total",
    [
        (
            date(2025, 6, 30),
            {"XA-AB": (300, 150), "XA-S": (300, 150)},
            {"XA-A": (100, 50), "XA-B": (200, 100), "XA-S": (300, 150)},
            (600, 300),
        ),
        (
            date(2025, 7, 15),
            {"XA-AB": (300, 150)},
            {"XA-A": (100, 50), "XA-B": (200, 100)},
            (300, 150),
        ),
        (
            date(2025, 7, 31),
            {"XA-AB": (310, 160), "XA-S2": (290, 145)},
            {"XA-AB": (310, 160), "XA-S2": (290, 145)},
            (600, 305),
        ),
    ],
)
def test_households_count_once_across_the_merger(backend, make_db, day, current, recorded, total):
    engine = readonly_engine(make_db(backend, reorg.WITH_ADOPTION))
    for reading, expected, rows in (
        ("current", current, ["XA-AB", "XA-S", "XA-S2"]),
        ("recorded", recorded, ["XA-A", "XA-AB", "XA-B", "XA-S", "XA-S2"]),
    ):
        frame = figures.adoption_by_commune(engine, day, reading)
        assert list(frame["group"]) == rows  # every commune of the reading, reported or not
        shown = frame[frame["households"].notna()]
        assert {
            row["group"]: (int(row["households"]), int(row["households_onboarded"]))
            for _, row in shown.iterrows()
        } == expected
        assert (shown["households"].sum(), shown["households_onboarded"].sum()) == total
        names = dict(zip(frame["group"], frame["name"], strict=True))
        assert names["XA-S"] == "Xã S (đến 30/06/2025)"
    history = figures.adoption_history(engine, date(2025, 7, 31))
    assert history["households"].tolist() == [90, 600, 600]
    assert history["communes"].tolist() == [1, 3, 2]
    engine.dispose()
