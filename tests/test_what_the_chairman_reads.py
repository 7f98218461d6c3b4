"""What a leader reads must mean what it says (issue: the week, the ranking, the message):
the default week when the data stop, how old the data are, rates over few dossiers, the
units a message must never leave out."""

from datetime import date
from datetime import datetime as dt

import pandas as pd
import pytest

from dashboard import briefing, freshness, weekly
from dashboard.briefing import Figure, Slide
from dashboard.cli import main
from dashboard.content import overview as content
from queries.connection import readonly_engine
from queries.period import Period
from tests import fixture_common as common
from tests import fixture_week
from tests.apptest import texts, view_app

pytestmark = pytest.mark.engines_only  # over queries tested in both SQLite forms

# The week fixture's last receipt is on Monday 11/11/2024 (w10, Tuần 46); one dossier
# received before it is finished on Wednesday 11/12, so the data run to 11/12 with three
# weeks (Tuần 47–49) of nothing received and a Tuần 50 still running.
LATE_FINISH = common.dossier(
    990,
    "z1",
    1,
    1,
    1,
    "counter",
    dt(2024, 10, 29, 9),
    dt(2024, 11, 29, 17),
    dt(2024, 12, 11, 10),
    "resolved",
)
ROWS = {**fixture_week.ROWS, "dossiers": [*fixture_week.DOSSIERS, LATE_FINISH]}
W45 = Period(date(2024, 11, 4), date(2024, 11, 10))
W46 = Period(date(2024, 11, 11), date(2024, 11, 17))


def test_the_default_week_is_the_last_one_with_receipts(make_db, backend):
    engine = readonly_engine(make_db(backend, ROWS))
    # The last complete week (Tuần 49) had nothing received: it would read "0 received,
    # 0,0 % in time". The default goes back to Tuần 46.
    assert weekly.default_week(engine, date(2024, 12, 11)) == W46
    # Data that end on the Sunday of a week with receipts open on that week; data that end
    # on a Monday, on the week before.
    assert weekly.default_week(engine, date(2024, 11, 10)) == W45
    assert weekly.default_week(engine, date(2024, 11, 11)) == W45
    # The week before the first receipt has none: the last complete week stands.
    assert weekly.default_week(engine, date(2024, 10, 27)) == Period(
        date(2024, 10, 21), date(2024, 10, 27)
    )


def test_brief_without_a_week_opens_on_it_and_says_how_old_the_data_are(make_db, tmp_path, capsys):
    out = tmp_path / "tuan.txt"
    assert main(["brief", "--db", make_db("sqlite", ROWS), "--out", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[1].startswith("Tuần 46/2024 (11/11–17/11): ")
    assert lines[2].startswith("Lưu ý: số liệu mới nhất là của ngày 11/12/2024, cách đây ")


def test_the_age_line_only_when_the_data_are_more_than_a_week_old(monkeypatch):
    monkeypatch.delenv(freshness.OLD_DATA_ENV, raising=False)
    assert briefing.age_line(dt(2024, 12, 11, 10), date(2024, 12, 18)) is None
    assert briefing.age_line(dt(2024, 12, 11, 10), date(2024, 12, 19)) == (
        "Lưu ý: số liệu mới nhất là của ngày 11/12/2024, cách đây 8 ngày."
    )
    assert briefing.age_line(None, date(2024, 12, 19)) is None


def test_a_rate_over_few_dossiers_says_over_how_many():
    one_late = {"finished_in_time": 0, "finished_late": 1, "received": 9, "received_online": 9}
    assert content.few_note("on_time_rate", one_late) == " (1 hồ sơ)"
    assert content.few_note("online_rate", one_late) == ""  # over 9 received
    assert content.few_note(
        "satisfaction_rate", {"very_satisfied": 1, "satisfied": 0, "dissatisfied": 1, "ratings": 2}
    ) == (" (2 đánh giá)")
    assert content.few_note("finished_late", one_late) == ""  # a count, not a rate


def _card(group, rank, lowest=False):
    return content.AttentionCard(group, f"Xã {group}", rank, "1 hồ sơ quá hạn", [], [], lowest)


def test_the_shortlist_never_leaves_out_the_lowest_units():
    cards = [_card("A", 1), _card("B", 2), _card("C", 3), _card("D", 4), _card("E", 5, True)]
    assert [c.group for c in content.shortlist(cards, 3)] == ["A", "B", "E"]
    assert [c.group for c in content.shortlist(cards, 5)] == ["A", "B", "C", "D", "E"]
    assert [c.group for c in content.shortlist(cards[:2], 3)] == ["A", "B"]


def test_the_message_names_the_place_figures_with_status_and_three_units(monkeypatch):
    monkeypatch.setenv(briefing.PUBLIC_URL_ENV, "https://bdh.example.vn/")
    kpis = Slide(
        "Chỉ số của tuần",
        [
            Figure("Tiếp nhận", "699", "+12", "Chưa có chỉ tiêu", None),
            Figure("Đúng hạn", "98,99%", "0", "Chưa đạt · chỉ tiêu ≥ 99,0%", "amber"),
        ],
    )
    cards = [
        _card("A", 1),
        _card("B", 2),
        _card("C", 3),
        content.AttentionCard("N", "Xã Nhơn Ái", 4, "71,4% đúng hạn", [], [], True),
    ]
    text = briefing.message("Bộ phận Một cửa huyện Châu Thành A", W45, kpis, cards)
    assert text.splitlines() == [
        "Bộ phận Một cửa huyện Châu Thành A",
        "Tuần 45/2024 (04/11–10/11): báo cáo tình hình giải quyết thủ tục hành chính",
        "- Tiếp nhận: 699 (+12 so với tuần trước)",
        "- Đúng hạn: 98,99% (chưa đạt, chỉ tiêu ≥ 99,0%; không đổi so với tuần trước)",
        "Đơn vị cần chú ý:",
        "- Xã A: 1 hồ sơ quá hạn",
        "- Xã B: 1 hồ sơ quá hạn",
        "- Xã Nhơn Ái: 71,4% đúng hạn",
        "Xem chi tiết: https://bdh.example.vn/tong-quan?tuan=2024-W45",
    ]
    # Plain text a chat pastes as is: no Markdown marks, no HTML.
    assert not any(mark in text for mark in ("**", "<", "`", "#"))


@pytest.mark.parametrize("view", ["views/overview.py", "views/late.py", "views/form06a.py"])
def test_every_page_says_how_old_the_data_are(monkeypatch, make_db, view):
    at = view_app(monkeypatch, make_db("sqlite", ROWS), view)
    monkeypatch.setenv(freshness.OLD_DATA_ENV, "7")  # the default, as deployed
    at.run()
    assert not at.exception
    expected = "Số liệu mới nhất là của ngày 11/12/2024, cách đây "
    assert any(w.value.startswith(expected) for w in at.warning), texts(at, "warning")


def test_fresh_data_say_nothing_and_a_wrong_setting_says_what_it_wants(monkeypatch):
    latest = dt(2024, 12, 11, 10)
    monkeypatch.setenv(freshness.OLD_DATA_ENV, "30")
    assert briefing.age_line(latest, date(2024, 12, 19)) is None
    monkeypatch.setenv(freshness.OLD_DATA_ENV, "một tuần")
    with pytest.raises(freshness.FreshnessSettingError, match="số ngày nguyên dương"):
        freshness.old_data_days()


def test_long_names_leave_out_units_never_the_link(monkeypatch):
    monkeypatch.setenv(briefing.PUBLIC_URL_ENV, "https://bdh.example.vn")
    kpis = Slide("Chỉ số của tuần", [Figure("Tiếp nhận", "699", "+12", "Chưa có chỉ tiêu")])
    long = "Xã " + "Nhơn Nghĩa A " * 30
    cards = [content.AttentionCard(g, long, 1, "1 hồ sơ quá hạn", [], [], False) for g in "AB"]
    text = briefing.message("Huyện", W45, kpis, cards)
    assert len(text) <= briefing.MESSAGE_LIMIT
    assert text.endswith("Xem chi tiết: https://bdh.example.vn/tong-quan?tuan=2024-W45")
    assert text.count(long) == 1  # two would pass 1,000 characters: the second is left out


def test_the_units_view_s_rates_say_whether_they_meet_their_target():
    from dashboard.content import units as units_content
    from dashboard.targets import Target

    total = {
        "received": 699,
        "received_online": 520,
        "online_rate": 520 / 699,
        "on_time_rate": 692 / 699,
        "resolved_late": 7,
        "open": 3,
        "open_overdue": 1,
    }
    shown = units_content.tiles(
        pd.Series(total), {"on_time_rate": Target(0.99, True, 0.02), "online_rate": Target(0.9)}
    )
    by_label = {label: value for label, value, _ in shown}
    assert by_label["Đúng hạn · chưa đạt"] == "98,99%"  # never "99,0%" beside a 99% target
    assert by_label["Nộp trực tuyến · chưa đạt"] == "74,4%"
    assert "Trễ hạn" in by_label  # a count: no word
