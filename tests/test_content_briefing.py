"""The weekly briefing and its slides, on the hand-worked fixture_week (Tuần 45/2024)."""

from dataclasses import replace

import pandas as pd
import pytest

from dashboard import briefing
from dashboard.content import briefing as content
from dashboard.weekly import week_kpis
from queries.connection import readonly_engine
from queries.period import Period
from tests import fixture_week
from tests.apptest import run_view

W45 = Period.iso_week(2024, 45)
VIEW = "views/briefing.py"


@pytest.fixture(scope="module")
def deck(make_db):
    return briefing.build(readonly_engine(make_db("sqlite", fixture_week.ROWS)), W45)


def test_the_slides_in_the_meetings_order(deck):
    # The topic tables are there but hold nothing for the district: no adoption slide.
    assert [slide.title for slide in deck.slides] == [
        "Chỉ số của tuần",
        "Đơn vị cần chú ý (kém nhất trước)",
        "Hồ sơ trễ hạn, quá hạn theo đơn vị xử lý",
        "Biểu II.06a: kết quả giải quyết TTHC trong tuần",
        "Mức độ hài lòng trong tuần",
        "Chỉ số 766 (ước tính): việc làm tăng điểm",
    ]
    # The data's top unit (its one district one-stop), then the week.
    assert deck.heading == "Bộ phận Một cửa huyện · Tuần 45/2024 (04/11–10/11)"


def test_a_topic_without_its_tables_has_no_slide(make_db):
    """No ratings, cashless, adoption or OCOP tables: no slide says "Chưa có số liệu"; the
    screen counts and numbers only the slides there are."""
    tables = ["units", "procedures", "officers", "dossiers"]
    rows = {table: fixture_week.ROWS[table] for table in tables if table in fixture_week.ROWS}
    bare = briefing.build(readonly_engine(make_db("sqlite", rows, tables=tables)), W45)
    assert [slide.title for slide in bare.slides] == [
        "Chỉ số của tuần",
        "Đơn vị cần chú ý (kém nhất trước)",
        "Hồ sơ trễ hạn, quá hạn theo đơn vị xử lý",
        "Biểu II.06a: kết quả giải quyết TTHC trong tuần",
    ]
    assert content.slide_count(bare) == 5  # and the trend, second
    shown = [content.briefing_slide(bare, n) for n in range(1, 6)]
    assert shown == [0, None, 1, 2, 3]
    assert all("Chưa có số liệu" not in content.slide_html(bare, n) for n in (1, 2, 3, 4))


def test_a_district_without_a_rate_in_twelve_weeks_has_no_trend_slide(deck):
    quiet = replace(deck, trend=deck.trend.assign(on_time_rate=float("nan")))
    assert content.slide_count(quiet) == len(deck.slides) == 6
    assert [content.briefing_slide(quiet, n) for n in range(1, 7)] == [0, 1, 2, 3, 4, 5]


def test_the_headline_figures_are_the_weeks_flow(deck, make_db):
    # Whole district, Tuần 45: received 6, finished 7, late 3, overdue at its end 3.
    kinds = week_kpis(readonly_engine(make_db("sqlite", fixture_week.ROWS)), W45, "kind")
    figures = {f.label: f.value for f in deck.slides[0].figures}
    assert figures["Tiếp nhận"] == str(kinds["received"].sum()) == "6"
    assert figures["Đã giải quyết"] == str(kinds["finished"].sum()) == "7"
    assert figures["Trễ hạn"] == "3" and figures["Đang quá hạn"] == "3"
    assert figures["Đúng hạn"] == "57,1%"  # 4 of 7 in time
    message = deck.message
    assert len(message) <= briefing.MESSAGE_LIMIT
    # The place (the district's one-stop, from the data), then the week.
    assert message.splitlines()[0] == "Bộ phận Một cửa huyện"
    assert message.splitlines()[1].startswith("Tuần 45/2024 (04/11–10/11): báo cáo")
    assert "- Tiếp nhận: 6 (+0 so với tuần trước)" not in message  # 6 against 6: unchanged
    assert "- Tiếp nhận: 6 (không đổi so với tuần trước)" in message
    # w13 was week 44's one late; every figure with a target says whether it is met.
    assert "- Trễ hạn: 3 (chưa đạt, chỉ tiêu ≤ 0; +2 so với tuần trước)" in message
    assert "- Đúng hạn: 57,1% (chưa đạt, chỉ tiêu ≥ 99,0%;" in message
    # The late and overdue dossiers by the office holding them: counts only.
    handling = deck.slides[2].table
    assert handling.columns.tolist() == ["Đơn vị xử lý", "Trễ hạn trong tuần", "Quá hạn cuối tuần"]
    assert handling.iloc[0].tolist() == ["Bộ phận Một cửa huyện", "2", "2"]


def test_the_units_needing_attention_are_a_grid_coloured_by_status(deck):
    # The district one-stop: 4 of 6 finished in time (w1, w3, w4, w12), 2 late (w2, w5),
    # 2 overdue (w7, w11; w8 is paused). Một Ngàn: m1 finished late, m3 overdue.
    attention = deck.slides[1]
    assert attention.table.columns.tolist() == [
        "Hạng",
        "Đơn vị",
        "Nộp trực tuyến",
        "Đúng hạn",
        "Trễ hạn",
        "Đang quá hạn",
        "Hài lòng",
    ]
    rows = attention.table.set_index("Đơn vị")
    lights = attention.lights.set_index(attention.table["Đơn vị"])
    district = "Bộ phận Một cửa huyện"
    assert rows.loc[district, "Đúng hạn"] == "66,7% – chưa đạt"
    assert lights.loc[district, "Đúng hạn"] == "red"
    assert (rows.loc[district, "Trễ hạn"], lights.loc[district, "Trễ hạn"]) == ("2", "amber")
    assert rows.loc["Thị trấn Một Ngàn", "Đúng hạn"] == "0,0% – chưa đạt (1 hồ sơ)"
    assert attention.table["Hạng"].tolist() == sorted(attention.table["Hạng"], key=int)
    shown = content.slide_html(deck, 2)
    # The screen: each figure on its status colour, the value, then its word.
    assert 'style="background-color: #FFB8B8"><span class="v">66,7%</span>' in shown
    assert '<span class="w">chưa đạt</span>' in shown


def test_the_form_slide_says_why_its_totals_differ_from_the_first(deck):
    # Tuần 45: 6 received in the week (w1, w4, w5, w9, m1, m2) and 8 carried over, received
    # before 04/11 and not finished before it (w2, w3, w6, w7, w8, w11, w12, m3): (3) = 14.
    # (7) = 8: the first slide's 7 finished and w6, withdrawn.
    form = deck.slides[3]
    assert form.table.iloc[0].tolist() == ["Tiếp nhận (3)", "14"]
    assert form.table.iloc[3].tolist() == ["Đã giải quyết (7)", "8"]
    assert form.note == (
        "Biểu tính theo kỳ: Tiếp nhận (3) = 6 hồ sơ nhận trong tuần + 8 hồ sơ kỳ trước chuyển "
        "sang (6); Đã giải quyết (7) tính cả hồ sơ người nộp rút. Trang «Chỉ số của tuần» chỉ "
        "tính hồ sơ nhận trong tuần và hồ sơ có kết quả hoặc bị từ chối trong tuần."
    )


def test_the_screen_shows_the_handouts_slides_in_its_order(deck):
    assert content.slide_count(deck) == 7
    shown = [content.briefing_slide(deck, n) for n in range(1, 8)]
    assert shown == [0, None, 1, 2, 3, 4, 5]  # the trend second, as in the deck and the PDF
    label = {"mark": {"type": "text", "fontSize": 16}}
    spec = content.for_screen({"layer": [{"mark": "line"}, {"layer": [label]}]})
    assert label["mark"]["fontSize"] == spec["config"]["axis"]["labelFontSize"] == 22


def test_moving_round_the_deck():
    assert content.step(6, 1, 6) == 1 and content.step(1, -1, 6) == 6


def test_the_lobby_tv_moves_exactly_every_n_seconds():
    # The browser's timer asks every 20 s; each run reaches the server a little late, by a
    # different delay each time (a loaded machine). Every tick moves exactly one slide.
    every, count, started = 20, 7, 1000.0
    number, since = 1, started
    delays = [0.4, 0.05, 1.9, 0.0, 3.2, 0.3, 0.31, 2.0, 0.1, 5.5]
    for tick, delay in enumerate(delays, start=1):
        now = started + tick * every + delay
        number, since = content.auto_advance(number, since, now, every, count)
        assert number == content.step(1, tick, count), f"tick {tick}"
        assert since == started + tick * every  # on the timer's grid, not the run's time
    # A rerun between ticks (a button in the popover, the cache) moves nothing.
    assert content.auto_advance(number, since, since + 12.5, every, count) == (number, since)
    # Without `tu-dong` the slide stays.
    assert content.auto_advance(2, 0.0, 999.0, None, count) == (2, 0.0)


def test_slides_fit_their_numbers_and_escape_names(deck):
    assert content.slide_number(None, 6) == 1
    assert content.slide_number(9, 6) == 6 and content.slide_number(-3, 6) == 1
    hostile = pd.DataFrame({"Đơn vị": ["<script>alert(1)</script>"], "Lý do": ["x"]})
    slides = [*deck.slides]
    slides[1] = replace(slides[1], table=hostile, lights=None)
    shown = content.slide_html(replace(deck, slides=slides), 2)
    assert "<script>" not in shown and "&lt;script&gt;" in shown
    for number in range(1, 6):
        assert deck.heading in content.slide_html(deck, number)


def shown_slide(at) -> str:
    return next(h.proto.body for h in at.html if 'class="slide"' in h.proto.body)


def test_the_presentation_mode_by_link_and_by_button(monkeypatch, make_db):
    url = make_db("sqlite", fixture_week.ROWS)
    at = run_view(monkeypatch, url, VIEW, {"tuan": "2024-W45", "slide": "4"})
    assert not at.exception and not at.error
    # The screen shows the handout's slides: the trend chart second, then the briefing's.
    assert "Hồ sơ trễ hạn, quá hạn theo đơn vị xử lý" in shown_slide(at)
    assert at.text[-1].value == "4 / 7"
    at.button(key="slide_next").click().run()
    assert at.text[-1].value == "5 / 7" and at.query_params["slide"] == "5"
    for _ in range(3):
        at.button(key="slide_previous").click().run()
    assert at.text[-1].value == "2 / 7"
    assert "Tỷ lệ giải quyết đúng hạn 12 tuần qua" in " ".join(h.proto.body for h in at.html)
    assert len(at.get("vega_lite_chart")) == 1
    # The chat message is there to copy; the week defaults to the last complete one.
    assert at.code[0].value.startswith("Bộ phận Một cửa huyện\nTuần 45/2024")
    default = run_view(monkeypatch, url, VIEW)
    assert "Tuần 45/2024 (04/11–10/11)" in shown_slide(default)
    # The handout is made on request and offered for download.
    at.button(key="slide_make_pdf").click().run()
    assert not at.exception and not at.error
    (pdf,) = at.get("download_button")
    assert pdf.proto.label == "Tải bản PDF"
    beyond = run_view(monkeypatch, url, VIEW, {"slide": "40"})
    assert beyond.text[-1].value == "7 / 7"


def test_the_satisfaction_slide_says_whether_each_rate_meets_its_target(deck):
    [slide] = [s for s in deck.slides if s.title == "Mức độ hài lòng trong tuần"]
    rate = slide.figures[0]
    assert rate.status.startswith(("Đạt · ", "Chưa đạt · ")) and rate.light is not None
    assert all(cell.endswith((" – đạt", " – chưa đạt")) for cell in slide.table["Hài lòng"])
