"""AppTest of the 766 page on tests/fixture_766.py (July 2025, XA-A and XA-B merged into
XA-AB on 15/07): what only the page shows: the month by default and the month before, the
ranking, the groups, the twelve months with the reorganisation marked, the groups left
out, the reading of units, a wrong URL or formula file said plainly. The roles:
tests/test_view_roles.py; the figures and the lists: the query tests."""

import json

from dashboard import official766
from dashboard.index766_formula import DEFAULT_PATH, ENV, load_formula
from dashboard.state_dir import STATE_DIR_ENV
from tests import fixture_766
from tests.apptest import chart_data, html_tables, run_view, texts

VIEW = "views/index766.py"


def _rows(at, css_class: str) -> dict[str, list[str]]:
    """A table's rows by unit name (the column `Đơn vị`)."""
    header, *rows = html_tables(at, css_class)[0]
    column = [text for text, _ in header].index("Đơn vị")
    return {row[column][0]: [text for text, _ in row] for row in rows}


def test_the_month_to_date_beside_the_month_before(monkeypatch, make_db, tmp_path):
    # The portal's official total for Xã A-B's July, imported into the dashboard's store.
    monkeypatch.setenv(STATE_DIR_ENV, str(tmp_path))
    official = b"unit,month,group,points,captured_at\nXA-AB,2025-07,total,71.5,2025-08-05\n"
    official766.import_scores(official, load_formula(), ["XA-AB", "XA-C", "XA-D"])
    at = run_view(monkeypatch, make_db("sqlite", fixture_766.ROWS), VIEW, {"thang": "2025-13"})
    assert not at.exception and not at.error, texts(at, "error")
    assert "2025-13" in texts(at, "warning")  # said, and the running month shown instead
    assert "thang" not in at.query_params  # the default is left out of the URL
    july = at.selectbox(key="index766_month").value
    assert july.start.month == 7 and july.end.day < 31  # July up to the last data day
    assert "766/QĐ-TTg, ước tính theo data-contract 2026-12" in texts(at, "caption")
    assert "không phải điểm chính thức" in texts(at, "caption")

    ranking = _rows(at, "index766-ranking")
    header = [text for text, _ in html_tables(at, "index766-ranking")[0][0]]
    assert header[2].startswith("Tháng 07/2025 (đến ") and header[3] == "Tháng 06/2025"
    assert header[4] == "Điểm chính thức (Cổng DVCQG), tháng 07/2025"
    # Never imported for Xã C: said so, never 0.
    assert ranking["Xã C"] == ["1", "Xã C", "24,00 / 24 điểm (100,0%)", "–", "chưa nhập"]
    # July to 20/07, the last data day (m2 received): m2, due 22/07, still within time,
    # progress 4 of 6 → 13,33; five of XA-AB's ratings, one each of XA-A's and XA-B's,
    # all satisfied → 6; the rest as the whole month (tests/fixture_766.py): 38,08 of 54.
    # June: m3 alone, within time, components digitised (tests/test_index766_months.py).
    assert ranking["Xã A-B"] == [
        "2",
        "Xã A-B",
        "38,08 / 54 điểm (70,5%)",
        "24,00 / 24 điểm (100,0%)",
        "71,50 / 100 (lấy số 05/08/2025)",
    ]
    # What would move it, each recomputed by hand: online 2 of 4 → all 4: 6,00 → 12,00;
    # m2 (due 22/07, within time at 20/07) left to go overdue: progress 4/6 → 3/6, 13,33 →
    # 10,00; payment 3 of 4 → 4 of 4: 4,50 → 6,00 (equal to the results', first in the
    # formula). Xã C has nothing left to gain and no row.
    assert _rows(at, "index766-moves") == {
        "Xã A-B": [
            "Xã A-B",
            "38,08/54 điểm",
            "Thêm 2 hồ sơ nộp trực tuyến: +6,00 điểm",
            "Giải quyết đúng hạn 1 hồ sơ đến hạn từ nay đến cuối tháng: giữ 3,33 điểm",
            "Thêm 1 hồ sơ nộp phí trực tuyến: +1,50 điểm",
        ]
    }
    assert ranking["Xã D"][0] == "Chưa có số liệu"
    groups = _rows(at, "index766")
    assert groups["Xã A-B"][1:] == [
        "66,7% · 13,33",
        "50,0% · 6,00",
        "75,0% · 4,50",
        "75,0% · 4,50",
        "75,0% · 3,75",
        "100,0% · 6,00",
    ]

    [chart] = at.get("vega_lite_chart")
    spec = json.dumps(json.loads(chart.proto.spec), ensure_ascii=False)
    assert '"title": "Điểm ước tính"' in spec  # the tooltip's estimate
    lines, rules = chart_data(at)[0][:2]
    assert set(lines["name"]) == {"Xã A-B", "Xã C"}  # XA-D: no figure in any month
    assert list(rules["label"]) == ["Sắp xếp đơn vị hành chính 15/07/2025"]
    left_out = [df.value for df in at.dataframe if "Nhóm chỉ tiêu" in df.value.columns][0]
    assert len(left_out) == 5 and set(left_out["Ghi chú"]) == {"cần số liệu Cổng DVCQG"}


def test_as_recorded_and_without_the_optional_columns(monkeypatch, make_db):
    url = make_db("sqlite", fixture_766.WITHOUT_COLUMNS)
    at = run_view(monkeypatch, url, VIEW, {"don-vi": "ghi-nhan", "thang": "2025-07"})
    assert not at.exception and not at.error, texts(at, "error")
    ranking = _rows(at, "index766-ranking")
    assert ranking["Xã A (đến 14/07/2025)"][0] == "Đã thôi hoạt động"
    assert at.query_params["don-vi"] == "ghi-nhan"
    left_out = [df.value for df in at.dataframe if "Nhóm chỉ tiêu" in df.value.columns][0]
    assert list(left_out["Nhóm chỉ tiêu"][:2]) == [
        "Kết quả giải quyết điện tử",
        "Số hóa thành phần hồ sơ",
    ]
    # Only the lists this database can give.
    assert at.selectbox(key="index766_list_kind").options == [
        "Tiến độ: hồ sơ trễ hạn, quá hạn",
        "Đủ điều kiện nộp trực tuyến nhưng không nộp trực tuyến",
        "Có phí nhưng không thanh toán trực tuyến",
    ]


def test_a_wrong_formula_file_is_said(monkeypatch, make_db, tmp_path):
    wrong = tmp_path / "index766.toml"
    wrong.write_text(DEFAULT_PATH.read_text().replace("points = 20", "points = -20"))
    monkeypatch.setenv(ENV, str(wrong))
    at = run_view(monkeypatch, make_db("sqlite", fixture_766.ROWS), VIEW)
    assert not at.exception
    assert "[computed.progress] points = -20" in texts(at, "error")
    assert not html_tables(at, "index766-ranking")
