"""AppTest of the view "Mức độ hài lòng" on the hand-worked topic database.

The views run on SQLite only: the query tests cover both engines and both timestamp forms.
"""

import json
from datetime import date

from dashboard import targets as targets_module
from tests import fixture_topics
from tests.apptest import chart_data, run_view, texts, tiles

VIEW = "views/satisfaction.py"
MARCH = fixture_topics.SATISFACTION_PERIOD


def march(monkeypatch, url):
    at = run_view(monkeypatch, url, VIEW)
    return at.date_input(key="period").set_value(MARCH).run()


def test_march_figures_and_charts(monkeypatch, make_db):
    at = march(monkeypatch, make_db("sqlite", fixture_topics.ROWS))
    assert not at.exception and not at.error
    # As in test_satisfaction_queries: very 1, 8, 10; satisfied 2, 9, 12; dissatisfied
    # 3, 4, 5, 11 -> 6 of 10.
    assert tiles(at) == {
        "Tỷ lệ hài lòng · chưa đạt": "60,0%",
        "Số phiếu đánh giá": "10",
        "Rất hài lòng": "3",
        "Hài lòng": "3",
        "Không hài lòng": "4",
    }
    units, few, comments = (frame.value for frame in at.dataframe)
    assert list(units["Đơn vị"]) == [
        "Bộ phận Một cửa huyện",
        "Thị trấn Bảy Ngàn",
        "Thị trấn Một Ngàn",
        "Xã Tân Hòa",
        "Phòng Tư pháp",
        "Tổng cộng",
    ]
    short = " – chưa đạt"  # against the district's 99%
    assert list(units["Tỷ lệ hài lòng"]) == [
        "57,1%" + short,
        "–",
        "50,0%" + short,
        "–",
        "100,0% – đạt",
        "60,0%" + short,
    ]
    assert list(units["Số phiếu"]) == ["7", "0", "2", "0", "1", "10"]
    # Every officer has fewer than 30 ratings: none ranked, all listed as few.
    assert "Cán bộ ít phiếu" in texts(at, "markdown")
    assert "Hạng" not in few.columns
    assert sorted(few["Cán bộ"]) == ["Lê Thị Cúc", "Phạm Văn Dũng", "Trần Văn Bình"]
    # Newest first; the blank and missing comments are left out.
    assert list(comments["Ý kiến"]) == ["Hướng dẫn chưa rõ", "Chờ lâu quá"]
    assert list(comments["Thời gian"]) == ["31/03/2022 23:59", "07/03/2022 10:00"]
    assert list(comments["Cán bộ"]) == ["Lê Thị Cúc", "Trần Văn Bình"]
    assert list(comments["Hồ sơ"]) == ["–", "HS-001"]

    # The charts draw the target and the full-marks lines.
    specs = [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]
    assert len(specs) == 3  # by month, by week, by unit
    for spec in specs:
        assert spec["config"]["locale"]["number"]["decimal"] == ","
    monthly, weekly, _ = chart_data(at)
    # The target from config/targets.toml and the 90% of Bộ chỉ số 766, on both trends.
    for datasets in (monthly, weekly):
        lines = next(d for d in datasets if "label" in d.columns)
        assert list(lines["label"]) == ["Mục tiêu 99,0%", "Điểm tối đa Bộ chỉ số 766 90,0%"]
    points = next(d for d in weekly if "when_text" in d.columns)
    assert list(points["when_text"])[2] == "Tuần 11/2022 (14/03–20/03)"
    assert list(points["rate_text"]) == ["100,0%", "33,3%", "50,0%", "50,0%"]


def test_the_target_comes_from_the_targets_file(monkeypatch, make_db, tmp_path):
    targets = tmp_path / "targets.toml"
    targets.write_text('[satisfaction_rate]\nbetter = "higher"\ntarget = 0.95\n')
    monkeypatch.setenv(targets_module.TARGETS_ENV, str(targets))
    at = march(monkeypatch, make_db("sqlite", fixture_topics.ROWS))
    assert at.metric[0].proto.help == "Mục tiêu 95,0%."
    monthly, weekly, by_unit = chart_data(at)
    for datasets in (monthly, weekly):
        lines = next(d for d in datasets if "label" in d.columns)
        assert list(lines["label"]) == ["Mục tiêu 95,0%", "Điểm tối đa Bộ chỉ số 766 90,0%"]
    lines = next(d for d in by_unit if "name" in d.columns and "color" in d.columns)
    assert list(lines["value"]) == [0.95, 0.90]
    # Without a satisfaction target the 90% full-marks line stays, alone.
    targets.write_text('[on_time_rate]\nbetter = "higher"\ntarget = 0.99\n')
    at = march(monkeypatch, make_db("sqlite", fixture_topics.ROWS))
    assert not at.metric[0].proto.help
    lines = next(d for d in chart_data(at)[0] if "label" in d.columns)
    assert list(lines["label"]) == ["Điểm tối đa Bộ chỉ số 766 90,0%"]


def test_one_unit(monkeypatch, make_db):
    at = march(monkeypatch, make_db("sqlite", fixture_topics.ROWS))
    at.selectbox(key="unit").set_value("Thị trấn Một Ngàn").run()
    assert not at.exception
    officers = at.dataframe[1].value
    assert list(officers["Cán bộ"]) == ["Phạm Văn Dũng"]
    assert "Không có ý kiến không hài lòng nào trong kỳ này." in texts(at, "info")


def test_empty_period(monkeypatch, make_db):
    at = run_view(monkeypatch, make_db("sqlite", fixture_topics.ROWS), VIEW)
    at.date_input(key="period").set_value((date(2021, 1, 1), date(2021, 1, 31))).run()
    assert not at.exception
    assert "Không có phiếu đánh giá nào từ 01/01/2021 đến 31/01/2021" in texts(at, "info")
    assert not at.metric


def test_missing_ratings_table(monkeypatch, make_db):
    tables = ["units", "procedures", "officers", "dossiers"]
    rows = {table: fixture_topics.ROWS[table] for table in tables}
    at = run_view(monkeypatch, make_db("sqlite", rows, tables), VIEW)
    assert not at.exception
    assert "Cơ sở dữ liệu chưa có bảng `ratings` nên trang này" in texts(at, "error")
    assert not at.metric
    # The dossier pages still work on that database.
    units = at.switch_page("views/units.py").run()
    assert not units.exception and not units.error


def test_the_period_comes_from_the_url(monkeypatch, make_db):
    url = make_db("sqlite", fixture_topics.ROWS)
    at = run_view(monkeypatch, url, VIEW, {"start": "2022-03-31", "end": "2022-03-31"})
    # 31/3 alone: 5 (last second) dissatisfied, 9 satisfied.
    assert tiles(at)["Số phiếu đánh giá"] == "2"
    assert at.query_params["start"] == "2022-03-31"
