"""AppTest of "Tổng quan tuần" (the landing view) on the hand-worked fixture_overview.

Figures are those of test_overview_query.py, as a person sees them: Vietnamese
numbers, deltas against the week before, traffic lights from config/targets.toml.
The views run on SQLite only: the query tests cover both engines and both timestamp forms.
"""

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import targets as targets_module
from tests import fixture_overview
from tests.apptest import run_app, run_view


def tiles(at: AppTest) -> dict[str, tuple[str, str]]:
    return {m.label: (m.value, m.proto.delta or None) for m in at.metric}


def badges(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if "-badge[" in m.value]


@pytest.fixture
def url(make_db):
    return make_db("sqlite", fixture_overview.ROWS)


def test_it_is_the_landing_page_and_shows_last_complete_week(monkeypatch, url):
    at = run_app(monkeypatch, url)
    assert not at.exception and not at.error
    assert at.title[0].value == "Tổng quan tuần"
    # Data to Wednesday 07/12/2022: the last complete week is week 48.
    assert at.selectbox(key="week").value == date(2022, 11, 28)
    assert at.caption[0].value.startswith("**Tuần 48/2022 (28/11–04/12)**. Tiếp nhận và giải")
    assert tiles(at) == {
        "Tiếp nhận": ("7", "+4"),  # a1–a4, b1–b3; week 47: c3, d1, d2
        "Đã giải quyết": ("5", "+3"),  # the slides' seventh figure, from the same tile
        "Nộp trực tuyến": ("57,1%", "+23,8 điểm %"),  # 4/7 against 1/3
        "Đúng hạn": ("80,0%", "-20,0 điểm %"),  # 4 of 5 finished against 2 of 2
        "Trễ hạn": ("1", "+1"),  # a2
        "Đang quá hạn": ("3", "+1"),  # c1, b3, c3 at 05/12; c1, c3 at 28/11
        "Hài lòng": ("80,0%", "+80,0 điểm %"),  # 4/5 against 0/1
    }
    # The shipped targets: online ≥ 90% (amber from 80%), on time and satisfaction ≥ 99%
    # (amber from 97%), late ≤ 0 (amber to 2), overdue ≤ 0 (amber to 5).
    assert badges(at) == [
        ":gray-badge[Chưa có chỉ tiêu]",
        ":gray-badge[Chưa có chỉ tiêu]",
        ":red-badge[Chưa đạt · chỉ tiêu ≥ 90,0%]",
        ":red-badge[Chưa đạt · chỉ tiêu ≥ 99,0%]",
        ":orange-badge[Chưa đạt · chỉ tiêu ≤ 0]",
        ":orange-badge[Chưa đạt · chỉ tiêu ≤ 0]",
        ":red-badge[Chưa đạt · chỉ tiêu ≥ 99,0%]",
    ]
    assert len(at.get("vega_lite_chart")) == 7  # one 12-week trend per tile

    # Units ranked worst first, and those needing attention.
    ranking = next(h.proto.body for h in at.html if 'class="ranking"' in h.proto.body)
    # CTA: 3 red (online 50%, on time 66,7%, satisfaction 75%) and 2 amber; Một Ngàn:
    # 1 red (online 66,7%), 1 amber (overdue 1); Bảy Ngàn: only its overdue c3, amber.
    positions = [
        ranking.index(name) for name in ("Một cửa huyện", "Thị trấn Một Ngàn", "Thị trấn Bảy Ngàn")
    ]
    assert positions == sorted(positions)
    assert "66,7%" in ranking and "75,0%" in ranking
    assert "background-color: #ffb8b8" in ranking.lower()  # a red cell
    cards = " ".join(c.value for c in at.caption)
    assert "Đúng hạn 66,7% – chưa đạt (chỉ tiêu ≥ 99,0%)" in cards
    assert "Đang quá hạn 1 – chưa đạt (chỉ tiêu ≤ 0)" in cards
    assert "3. Thị trấn Bảy Ngàn" in [t.value for t in at.text]  # rank and name, as text
    # Each card links into the late-dossier view, filtered to the unit, with the week's
    # meaning: its late dossiers, and those overdue at its end (whenever received).
    week = "start=2022-11-28&end=2022-12-04"
    links = [(link.proto.page, link.proto.query_string) for link in at.page_link]
    assert links == [
        ("trinh-chieu", "tuan=2022-W48"),  # the week's slides for the meeting
        ("tre-han", f"unit=CTA&{week}&state=late&basis=flow"),
        ("tre-han", f"unit=CTA&{week}&state=overdue&basis=flow"),
        ("tre-han", f"unit=CTA-MN&{week}&state=overdue&basis=flow"),
        ("tre-han", f"unit=CTA-BN&{week}&state=overdue&basis=flow"),
    ]
    assert f'href="tre-han?unit=CTA-MN&amp;{week.replace("&", "&amp;")}' in ranking


def test_changing_the_week_changes_the_figures(monkeypatch, url):
    at = run_app(monkeypatch, url)
    at.selectbox(key="week").set_value(date(2022, 11, 21)).run()
    assert not at.exception
    assert at.caption[0].value.startswith("**Tuần 47/2022 (21/11–27/11)**")
    assert at.query_params["tuan"] == "2022-W47"  # the link opens the same week
    # Week 47 against week 46 (c2 alone, paused): 3 against 1; backlog 2 against 1 (c1).
    shown = tiles(at)
    assert shown["Tiếp nhận"] == ("3", "+2")
    assert shown["Đang quá hạn"] == ("2", "+1")
    # Nothing finished in week 46: no delta; two finished in week 47, and the tile says so.
    assert shown["Đúng hạn"] == ("100,0% (2 hồ sơ)", None)


def test_the_week_comes_from_the_url(monkeypatch, url):
    at = run_view(monkeypatch, url, "views/overview.py", {"tuan": "2022-W47"})
    assert not at.exception and not at.warning
    assert at.selectbox(key="week").value == date(2022, 11, 21)
    assert tiles(at)["Tiếp nhận"] == ("3", "+2")
    bad = run_view(monkeypatch, url, "views/overview.py", {"tuan": "2022-W60"})
    assert "Tuần `2022-W60` không hợp lệ" in bad.warning[0].value
    assert bad.selectbox(key="week").value == date(2022, 11, 28)  # the default week


def test_this_week_is_one_click_away(monkeypatch, url):
    at = run_app(monkeypatch, url)
    at.button[0].click().run()
    assert not at.exception
    assert at.selectbox(key="week").value == date(2022, 12, 5)
    # 05/12–07/12 (e1, e2) against 28/11–30/11 (a1–a3); backlog at 08/12: c1, a4, b3.
    shown = tiles(at)
    assert shown["Tiếp nhận"] == ("2", "-1")
    assert shown["Đang quá hạn"] == ("3", "+1")
    assert "chưa trọn" in at.caption[0].value


def test_changing_the_targets_file_changes_the_colours(monkeypatch, url, tmp_path):
    targets = tmp_path / "targets.toml"
    targets.write_text('[online_rate]\nbetter = "higher"\ntarget = 0.5\ntolerance = 0.1\n')
    monkeypatch.setenv(targets_module.TARGETS_ENV, str(targets))
    at = run_app(monkeypatch, url)
    # 57,1% online now meets a 50% target; the KPIs without a target have no colour.
    assert badges(at)[2] == ":green-badge[Đạt · chỉ tiêu ≥ 50,0%]"
    assert badges(at)[3] == ":gray-badge[Chưa có chỉ tiêu]"


def test_without_ratings_the_tile_says_so_and_the_rest_works(monkeypatch, make_db):
    rows = {name: r for name, r in fixture_overview.ROWS.items() if name != "ratings"}
    at = run_app(monkeypatch, make_db("sqlite", rows, fixture_overview.TABLES_WITHOUT_RATINGS))
    assert not at.exception and not at.error
    assert tiles(at)["Hài lòng"] == ("–", None)
    assert ":gray-badge[Chưa có dữ liệu đánh giá (bảng ratings)]" in badges(at)
    assert tiles(at)["Tiếp nhận"] == ("7", "+4")


def test_unreachable_database_gives_a_plain_message(monkeypatch):
    at = run_app(monkeypatch, "sqlite:////nonexistent/dir/onestop.sqlite")
    assert not at.exception
    assert "Không kết nối được cơ sở dữ liệu" in " ".join(e.value for e in at.error)


def test_a_broken_targets_file_is_reported_plainly(monkeypatch, make_db, tmp_path):
    targets = tmp_path / "targets.toml"
    targets.write_text("[on_time_rate\ntarget = ")
    monkeypatch.setenv(targets_module.TARGETS_ENV, str(targets))
    at = run_app(monkeypatch, make_db("sqlite", fixture_overview.ROWS))
    assert not at.exception
    assert "Không đọc được tệp chỉ tiêu" in at.warning[0].value
    assert tiles(at)["Tiếp nhận"] == ("7", "+4")
    assert set(badges(at)) == {":gray-badge[Chưa có chỉ tiêu]"}


def test_a_database_without_dossiers_shows_zeros(monkeypatch, make_db):
    rows = {"units": fixture_overview.UNITS, "procedures": fixture_overview.PROCEDURES}
    at = run_app(monkeypatch, make_db("sqlite", rows))
    assert not at.exception and not at.error
    assert tiles(at)["Tiếp nhận"][0] == "0"
    assert tiles(at)["Đúng hạn"][0] == "–"
