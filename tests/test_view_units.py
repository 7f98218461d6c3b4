"""AppTest of the view "Hồ sơ theo đơn vị" on a small hand-worked database.

The views run on SQLite only: the query tests cover both engines and both timestamp forms.
"""

import json
from datetime import date, datetime

import pytest
from streamlit.testing.v1 import AppTest

from tests import fixture_common as common
from tests.apptest import html_tables, run_view, texts, tiles

VIEW = "views/units.py"

UNITS = [common.DISTRICT, common.MOT_NGAN, {**common.TAN_HOA, "id": 3}, common.TU_PHAP]
PROCEDURES = [{**common.BIRTH, "level": "district", "processing_days": 3}]


def dossier(id_, unit, handling, channel, received, due, finished, status):
    return common.dossier(
        id_,
        f"HS-{id_}",
        1,
        unit,
        handling,
        channel,
        received,
        due,
        finished,
        status,
        applicant="Nguyễn Văn An",
    )


D = datetime
DOSSIERS = [
    # 1 early: finished on 03/03, due 04/03.
    dossier(1, 1, 4, "online", D(2022, 3, 1, 8), D(2022, 3, 4, 17), D(2022, 3, 3, 10), "resolved"),
    # 2 on time: finished on the due day, before the due time.
    dossier(2, 1, 4, "counter", D(2022, 3, 2, 8), D(2022, 3, 4, 17), D(2022, 3, 4, 16), "resolved"),
    # 3 late: finished 10/03 08:00, due 09/03 17:00.
    dossier(3, 2, 2, "online", D(2022, 3, 7, 9), D(2022, 3, 9, 17), D(2022, 3, 10, 8), "resolved"),
    # 4 open, overdue from 10/03 17:00 on.
    dossier(4, 2, 2, "counter", D(2022, 3, 8, 9), D(2022, 3, 10, 17), None, "processing"),
    # 5 open past its due day but paused (awaiting the applicant): not overdue.
    dossier(5, 3, 3, "postal", D(2022, 3, 9, 10), D(2022, 3, 20, 17), None, "paused"),
    # 6 refused a day early: finished and early.
    dossier(
        6, 3, 3, "online", D(2022, 6, 15, 10), D(2022, 6, 17, 17), D(2022, 6, 16, 9), "refused"
    ),
    # 7 received in the previous year: outside the default period.
    dossier(
        7, 1, 4, "counter", D(2021, 12, 20, 8), D(2021, 12, 22, 17), D(2021, 12, 22, 9), "resolved"
    ),
    # 8 withdrawn, not yet assigned to a handling unit; the latest event in the data.
    dossier(
        8,
        2,
        None,
        "counter",
        D(2022, 6, 20, 8),
        D(2022, 6, 25, 17),
        D(2022, 6, 21, 10),
        "withdrawn",
    ),
]
ROWS = {"units": UNITS, "procedures": PROCEDURES, "dossiers": DOSSIERS}


def open_view(monkeypatch, url: str, **query) -> AppTest:
    return run_view(monkeypatch, url, VIEW, query)


def test_default_period_shows_hand_worked_figures_tables_and_charts(monkeypatch, make_db):
    at = open_view(monkeypatch, make_db("sqlite", ROWS))
    assert not at.exception
    assert not at.error
    # Data as of the withdrawal of dossier 8: 21/06/2022 10:00, so the default
    # period is 01/01/2022–21/06/2022 and holds dossiers 1–6 and 8 (7 is from 2021).
    assert at.date_input(key="period").value == (date(2022, 1, 1), date(2022, 6, 21))
    assert "Dữ liệu đến 21/06/2022 10:00" in texts(at.sidebar, "caption")
    assert tiles(at) == {
        "Tiếp nhận": "7",
        "Nộp trực tuyến · chưa đạt": "42,9%",  # 1, 3, 6 online: 3 / 7
        "Đúng hạn · chưa đạt": "75,0%",  # finished 1, 2, 3, 6; early 1, 6; on time 2
        "Trễ hạn": "1",  # 3
        "Đang giải quyết": "2",  # 4, 5 (8 was withdrawn)
        "Đang quá hạn": "1",  # 4; 5 is paused
    }

    # Tables by receiving and by handling unit, with the report's subtotals.
    receiving, handling = html_tables(at, "units")
    columns = [text for text, _ in receiving[0]]
    rows = {row[0][0]: dict(zip(columns, row, strict=True)) for row in receiving[1:]}
    # District one-stop first, then communes by code and their subtotal, then the total.
    assert list(rows) == [
        "Bộ phận Một cửa huyện",
        "Thị trấn Một Ngàn",
        "Xã Tân Hòa",
        "Cộng cấp xã",
        "Tổng cộng",
    ]

    def column(name):
        return [row[name][0] for row in rows.values()]

    assert column("Tiếp nhận") == ["2", "3", "2", "5", "7"]  # 1-2 | 3, 4, 8 | 5, 6
    assert column("Trễ hạn") == ["0", "1", "0", "1", "1"]
    # Communes: 3 late, 6 early: 1 of 2 in time; 3 and 6 online of 5.
    # Each rate with a target says whether it meets it (≥ 99%, ≥ 90%).
    ok, short = " – đạt", " – chưa đạt"
    assert column("Tỷ lệ đúng hạn") == [
        "100,0%" + ok,
        "0,0%" + short,
        "100,0%" + ok,
        "50,0%" + short,
        "75,0%" + short,
    ]
    assert column("Trực tuyến") == [
        v + short for v in ("50,0%", "33,3%", "50,0%", "40,0%", "42,9%")
    ]
    # Each unit's name links to its late dossiers of the period; subtotals do not.
    period = "start=2022-01-01&end=2022-06-21&state=late"
    assert rows["Thị trấn Một Ngàn"]["Đơn vị"][1] == f"tre-han?unit=CTA-MN&{period}"
    assert rows["Cộng cấp xã"]["Đơn vị"][1] is None
    # Handling: departments, then the communes handling their own and their subtotal,
    # then dossier 8, not assigned yet, then the total.
    assert [row[0][0] for row in handling[1:]] == [
        "Phòng Tư pháp",
        "Thị trấn Một Ngàn",
        "Xã Tân Hòa",
        "Cộng cấp xã",
        "Chưa phân công xử lý",
        "Tổng cộng",
    ]
    assert [row[1][0] for row in handling[1:]] == ["2", "2", "2", "4", "1", "7"]
    assert handling[1][0][1] == f"tre-han?handling=P-TP&{period}"

    # The weekly charts say they count by week of receipt, not as the tiles above do.
    specs = [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]
    assert "Tỷ lệ đúng hạn theo tuần tiếp nhận" in json.dumps(specs[3], ensure_ascii=False)
    assert (
        "Theo tuần: hồ sơ tiếp nhận trong mỗi tuần, tình trạng tính đến hết tuần đó (ô số liệu "
        "ở trên: cả kỳ, tính đến hết ngày 21/06/2022)." in texts(at, "caption")
    )
    # The charts carry the Vietnamese locale.
    assert len(specs) == 4  # received and late by unit, received and on-time rate by week
    for spec in specs:
        assert spec["config"]["locale"]["number"]["decimal"] == ","
        assert spec["config"]["locale"]["number"]["thousands"] == "."


def test_changing_the_period_changes_the_figures(monkeypatch, make_db):
    at = open_view(monkeypatch, make_db("sqlite", ROWS))
    at.date_input(key="period").set_value((date(2022, 3, 1), date(2022, 3, 8))).run()
    assert not at.exception
    # Received 1–4; states as of 09/03 00:00: 1 early, 2 on time, 3 and 4 still
    # open and neither past its due time yet (09/03 17:00, 10/03 17:00).
    assert tiles(at) == {
        "Tiếp nhận": "4",
        "Nộp trực tuyến · chưa đạt": "50,0%",
        "Đúng hạn · đạt": "100,0%",
        "Trễ hạn": "0",
        "Đang giải quyết": "2",
        "Đang quá hạn": "0",
    }


def test_half_picked_range_shows_that_day(monkeypatch, make_db):
    at = open_view(monkeypatch, make_db("sqlite", ROWS))
    at.date_input(key="period").set_value((date(2022, 3, 8),)).run()
    assert not at.exception
    assert tiles(at)["Tiếp nhận"] == "1"  # dossier 4 alone
    assert "đang xem riêng ngày 08/03/2022" in texts(at, "caption")


def test_empty_period_says_so(monkeypatch, make_db):
    at = open_view(monkeypatch, make_db("sqlite", ROWS))
    at.date_input(key="period").set_value((date(2023, 1, 1), date(2023, 1, 31))).run()
    assert not at.exception
    assert "Không có hồ sơ nào được tiếp nhận từ 01/01/2023 đến 31/01/2023" in texts(at, "info")
    assert not at.metric


def test_missing_dossiers_table_gives_a_plain_message(monkeypatch, make_db):
    url = make_db("sqlite", {"units": UNITS, "procedures": PROCEDURES}, ["units", "procedures"])
    at = open_view(monkeypatch, url)
    assert not at.exception
    assert "Cơ sở dữ liệu chưa có bảng `dossiers`" in texts(at, "error")
    assert at.sidebar.caption  # the frame still ran


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://dashboard_ro:secret@127.0.0.1:1/onestop",  # nothing listens on port 1
        "sqlite:////nonexistent/dir/onestop.sqlite",
    ],
    ids=["postgresql-closed-port", "sqlite-missing-file"],
)
def test_unreachable_database_gives_a_plain_message(monkeypatch, url):
    at = open_view(monkeypatch, url)
    assert not at.exception
    message = texts(at, "error")
    assert "Không kết nối được cơ sở dữ liệu" in message
    assert "secret" not in message  # the password stays hidden


def test_period_from_the_url(monkeypatch, make_db):
    at = open_view(monkeypatch, make_db("sqlite", ROWS), start="2022-03-01", end="08/03/2022")
    assert not at.exception
    assert at.date_input(key="period").value == (date(2022, 3, 1), date(2022, 3, 8))
    assert tiles(at)["Tiếp nhận"] == "4"  # dossiers 1–4, as in the test above


def test_bad_date_in_the_url_gives_a_warning_and_the_default(monkeypatch, make_db):
    at = open_view(
        monkeypatch, make_db("sqlite", ROWS), start="2022-02-30'; DROP TABLE dossiers;--"
    )
    assert not at.exception
    assert "không hợp lệ" in texts(at, "warning")
    assert at.date_input(key="period").value == (date(2022, 1, 1), date(2022, 6, 21))
    assert tiles(at)["Tiếp nhận"] == "7"
