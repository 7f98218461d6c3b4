"""Late, overdue and due-soon lists on SQLite (both timestamp forms) and PostgreSQL.

Figures are worked out by hand from tests/fixture_late.py (see each dossier's comment).
The queries hand applicants' names over as stored; what people see (names masked,
unassigned dossiers named) is dashboard.figures', checked here on the same lists.
"""

from dataclasses import replace
from datetime import date, datetime

import pandas as pd
import pytest

from dashboard import figures
from queries import late
from queries.cohort import cohort_by
from queries.connection import readonly_engine
from queries.late import (
    BREAKDOWNS,
    LIST_COLUMNS,
    LateFilter,
    dossier_detail,
    due_soon_until,
    filter_options,
    late_breakdown,
    late_count,
    late_extreme_days,
    late_list,
    late_reasons,
)
from queries.period import Period
from tests import fixture_late

PERIOD = Period(*(date.fromisoformat(d) for d in fixture_late.PERIOD))


@pytest.fixture
def engine(backend, make_db):
    engine = readonly_engine(make_db(backend, fixture_late.ROWS))
    yield engine
    engine.dispose()


def _filter(state, **kw):
    return LateFilter(PERIOD, state, **kw)


def _codes_and_days(frame):
    return list(zip(frame["code"], frame["days"], strict=True))


def test_late_list_sorted_by_days_late(engine):
    frame = late_list(engine, _filter("late"))
    assert tuple(frame.columns) == LIST_COLUMNS
    # 3: 05/03 → 12/03 = 7; 4 and 17: 1 day, both due 08/03 17:00, so by code; 1: one second
    # late on the due day = 0. Not 2 (exactly on time), 16 (withdrawn), 5 (finished after as_of).
    assert _codes_and_days(frame) == [("L-003", 7), ("L-004", 1), ("L-017", 1), ("L-001", 0)]
    assert late_count(engine, _filter("late")) == 4
    first = frame.iloc[0]
    assert first["procedure"] == "Đăng ký biến động đất đai"
    assert first["field"] == "Đất đai"
    assert first["received_unit"] == "Bộ phận Một cửa huyện"
    assert first["handling_unit"] == "Phòng Tài nguyên và Môi trường"
    assert first["received_at"] == datetime(2022, 3, 1, 10)
    assert first["due_at"] == datetime(2022, 3, 5, 17)
    assert first["finished_at"] == datetime(2022, 3, 12, 9)
    assert first["status"] == "resolved"
    assert frame.iloc[1]["status"] == "refused"
    assert frame.iloc[3]["officer"] == "Võ Thị Hồng"


def _applicants(frame, column="applicant"):
    return dict(zip(frame["code"], frame[column], strict=True))


def test_the_query_hands_names_over_as_stored(engine):
    names = _applicants(late_list(engine, _filter("late")), "applicant_name")
    assert names["L-001"] == "Nguyễn Văn An"
    assert names["L-004"] == "<b>Lê</b> Thị <script>alert(1)</script>"
    assert "applicant" not in late_list(engine, _filter("late")).columns
    assert dossier_detail(engine, "L-001")["applicant_name"] == "Nguyễn Văn An"


def test_applicants_are_masked(engine):
    frame = figures.late_list(engine, _filter("late"))
    assert tuple(frame.columns) == figures.LIST_COLUMNS
    names = _applicants(frame)
    assert names == {
        "L-001": "Nguyễn V. A.",
        "L-003": "Trần T. B. N.",
        "L-004": "Lê T.",  # markup dropped
        "L-017": "Phạm V. B.",
    }
    overdue = _applicants(figures.late_list(engine, _filter("overdue")))
    assert overdue["L-005"] == "K."  # one word: the initial only
    assert overdue["L-006"] == "–"  # none recorded
    assert figures.dossier_detail(engine, "L-001")["applicant"] == "Nguyễn V. A."
    assert "applicant_name" not in figures.dossier_detail(engine, "L-001")
    assert figures.dossier_detail(engine, "L-999") is None


def test_overdue_list(engine):
    frame = late_list(engine, _filter("overdue"))
    # 13: 04/03 → 31/03 = 27; 18: 25/03 → 31/03 = 6; 5: finished after as_of, 30/03 → 31/03 = 1;
    # 19 (finished exactly at as_of, due 31/03 17:00) and 6 (due 31/03 23:59:59): 0 days, by due
    # time. Not 7 (paused), 8 (due exactly at as_of), 14 (received before the period).
    assert _codes_and_days(frame) == [
        ("L-013", 27),
        ("L-018", 6),
        ("L-005", 1),
        ("L-019", 0),
        ("L-006", 0),
    ]
    assert late_count(engine, _filter("overdue")) == 5
    assert pd.isna(frame.iloc[0]["handling_unit"])  # 13 has none yet


def test_due_soon_boundaries(engine):
    # Within 1 working day (01/04 00:00 ≤ due < Saturday 02/04 00:00): 8 (due exactly at
    # as_of) and 11 (one second before the end of Friday), 1 day left each.
    one_day = _filter("due-soon", soon_days=1)
    assert _codes_and_days(late_list(engine, one_day)) == [("L-008", 1), ("L-011", 1)]
    # Within 2 working days (… < Tuesday 05/04 00:00): also 9, due on the Saturday between.
    # Not 10 (due exactly at 05/04 00:00), nor 12 (paused).
    frame = late_list(engine, _filter("due-soon"))
    assert _codes_and_days(frame) == [("L-008", 1), ("L-011", 1), ("L-009", 2)]
    three_days = _filter("due-soon", soon_days=3)
    assert _codes_and_days(late_list(engine, three_days))[-1] == ("L-010", 5)
    assert late_count(engine, three_days) == 4


@pytest.mark.parametrize(
    ("end", "days", "until"),
    [
        (date(2022, 3, 31), 1, datetime(2022, 4, 2)),  # Thursday: Friday only
        (date(2022, 3, 31), 2, datetime(2022, 4, 5)),  # Thursday: Friday and Monday
        (date(2022, 4, 1), 2, datetime(2022, 4, 6)),  # Friday: Monday and Tuesday
        (date(2022, 4, 2), 1, datetime(2022, 4, 5)),  # Saturday: Monday
        (date(2022, 3, 28), 5, datetime(2022, 4, 5)),  # Monday: a whole working week on
    ],
)
def test_due_soon_counts_working_days(end, days, until):
    assert due_soon_until(end, days) == until


def test_filters(engine):
    def codes(state, **kw):
        return list(late_list(engine, _filter(state, **kw))["code"])

    assert codes("late", received_unit="CTA") == ["L-003", "L-004", "L-001"]
    assert codes("late", received_unit="CTA-MN") == ["L-017"]
    assert codes("late", received_unit="CTA-BN") == []
    assert codes("late", handling_unit="P-TNMT") == ["L-003", "L-001"]
    assert codes("overdue", handling_unit="P-TNMT") == ["L-005", "L-006"]
    assert codes("overdue", field="Chứng thực") == ["L-018"]
    assert codes("late", procedure="1.001193") == ["L-017"]
    assert codes("due-soon", channel="online") == ["L-011"]
    assert codes("overdue", received_unit="CTA-MN", channel="online") == ["L-018"]
    # Codes that name nothing give an empty list, not everything.
    assert codes("late", received_unit="NOPE'; --") == []
    assert late_count(engine, _filter("late", handling_unit="P-TNMT")) == 2


def test_paging(engine):
    overdue = _filter("overdue")
    pages = [list(late_list(engine, overdue, page=p, page_size=2)["code"]) for p in (1, 2, 3, 4)]
    assert pages == [["L-013", "L-018"], ["L-005", "L-019"], ["L-006"], []]
    assert list(late_list(engine, overdue, page_size=None)["code"])[-1] == "L-006"
    with pytest.raises(ValueError):
        late_list(engine, overdue, page=0)


def test_lists_match_the_cohort_counts(engine):
    """A unit's late list is exactly its resolved_late, its overdue list its open_overdue."""
    for group, key in (("unit", "received_unit"), ("handling", "handling_unit")):
        cohort = cohort_by(engine, PERIOD, group)
        for row in cohort.dropna(subset=["group"]).to_dict("records"):
            filt = _filter("late", **{key: row["group"]})
            assert late_count(engine, filt) == row["resolved_late"], (group, row["group"])
            assert len(late_list(engine, filt, page_size=None)) == row["resolved_late"]
            filt = replace(filt, state="overdue")
            assert late_count(engine, filt) == row["open_overdue"], (group, row["group"])
        assert late_count(engine, _filter("late")) == cohort["resolved_late"].sum()
        assert late_count(engine, _filter("overdue")) == cohort["open_overdue"].sum()


def _rows(frame):
    def value(v):
        return None if pd.isna(v) else v  # a missing code or name, whatever pandas made of it

    return [
        (value(r["group"]), value(r["name"]), r["count"], r["base"])
        for r in frame.to_dict("records")
    ]


def test_breakdown_of_late_by_handling_unit(engine):
    frame = late_breakdown(engine, _filter("late"), "handling")
    # Base = finished by as_of. TNMT: late 1, 3 of finished 1, 2, 3 (5 finished after as_of).
    # Tư pháp: 4 of 4. Một Ngàn: 17 of 17, 20. Ties by name.
    assert _rows(frame) == [
        ("P-TNMT", "Phòng Tài nguyên và Môi trường", 2, 3),
        ("P-TP", "Phòng Tư pháp", 1, 1),
        ("CTA-MN", "Thị trấn Một Ngàn", 1, 2),
    ]
    assert list(frame["share"]) == pytest.approx([2 / 3, 1.0, 0.5])


def test_breakdown_of_overdue(engine):
    by_handling = late_breakdown(engine, _filter("overdue"), "handling")
    # Base = open at as_of. TNMT: 5, 6 of open 5–12 (8); Một Ngàn: 18, 19 of 18, 19;
    # unassigned: 13 of 13, with no name in the data.
    assert _rows(by_handling) == [
        ("P-TNMT", "Phòng Tài nguyên và Môi trường", 2, 8),
        ("CTA-MN", "Thị trấn Một Ngàn", 2, 2),
        (None, None, 1, 1),
    ]
    # As people see it: the unassigned row named.
    assert _rows(figures.late_breakdown(engine, _filter("overdue"), "handling")) == [
        ("P-TNMT", "Phòng Tài nguyên và Môi trường", 2, 8),
        ("CTA-MN", "Thị trấn Một Ngàn", 2, 2),
        (None, "Chưa phân công xử lý", 1, 1),
    ]
    by_field = late_breakdown(engine, _filter("overdue"), "field")
    # Đất đai: 5, 6, 13 of open 5–13 (9); Chứng thực: 18; Hộ tịch: 19.
    assert _rows(by_field) == [
        ("Đất đai", "Đất đai", 3, 9),
        ("Chứng thực", "Chứng thực", 1, 1),
        ("Hộ tịch", "Hộ tịch", 1, 1),
    ]
    by_procedure = late_breakdown(engine, _filter("overdue"), "procedure", limit=1)
    assert _rows(by_procedure) == [("1.004227", "Đăng ký biến động đất đai", 3, 9)]
    with pytest.raises(ValueError):
        late_breakdown(engine, _filter("overdue"), "officer")


def _reasons(frame):
    reasons = [None if pd.isna(r) else r for r in frame["reason"]]
    return list(zip(reasons, frame["count"], strict=True))


def test_reasons_grouped(engine):
    late = late_reasons(engine, _filter("late"))
    # 1 and 3 (trailing space) share a reason; 4 has none; 17 "Thiếu giấy tờ". None last.
    assert _reasons(late) == [
        ("Chờ xác minh thực địa", 2),
        ("Thiếu giấy tờ", 1),
        (None, 1),
    ]
    overdue = late_reasons(engine, _filter("overdue"))
    # 13, 18 "Thiếu giấy tờ"; 6, 19 none; 5 "Hồ sơ phức tạp".
    assert _reasons(overdue) == [
        ("Thiếu giấy tờ", 2),
        (None, 2),
        ("Hồ sơ phức tạp", 1),
    ]


def test_dossier_detail(engine):
    detail = dossier_detail(engine, "L-018")
    assert detail["procedure_code"] == "2.000815"
    assert detail["field"] == "Chứng thực"
    assert detail["channel"] == "online"
    assert detail["received_unit"] == detail["handling_unit"] == "Thị trấn Một Ngàn"
    assert detail["due_at"] == datetime(2022, 3, 25, 17)
    assert detail["finished_at"] is None
    assert dossier_detail(engine, "L-999") is None


def test_filter_options(engine):
    options = filter_options(engine)
    assert options["received"] == [
        ("CTA", "Bộ phận Một cửa huyện"),
        ("CTA-BN", "Thị trấn Bảy Ngàn"),
        ("CTA-MN", "Thị trấn Một Ngàn"),
    ]
    assert [code for code, _ in options["handling"]] == ["CTA-BN", "CTA-MN", "P-TNMT", "P-TP"]
    assert options["fields"] == ["Chứng thực", "Hộ tịch", "Đất đai"]
    assert [code for code, _ in options["procedures"]] == ["1.001193", "1.004227", "2.000815"]


def test_filter_validates_its_own_values():
    with pytest.raises(ValueError):
        LateFilter(PERIOD, "lost")
    with pytest.raises(ValueError):
        LateFilter(PERIOD, "due-soon", soon_days=0)


OPEN_LISTS = [
    _filter("overdue"),
    _filter("overdue", handling_unit="P-TNMT"),
    _filter("overdue", field="Chứng thực"),
    _filter("overdue", received_unit="CTA-MN", channel="online"),
    _filter("overdue", basis="flow"),
    _filter("due-soon"),
    _filter("due-soon", soon_days=3),
    _filter("due-soon", channel="online"),
]


def _read_whole(engine, filt) -> list:
    frames = [
        late_list(engine, filt, page_size=None),
        late_list(engine, filt, page=2, page_size=2),
        late_reasons(engine, filt),
        *(late_breakdown(engine, filt, by) for by in BREAKDOWNS),
    ]
    return [late_count(engine, filt), late_extreme_days(engine, filt)] + [
        frame.to_dict("list") for frame in frames
    ]


def test_an_open_list_is_the_same_read_from_the_open_dossiers_or_as_before(engine, monkeypatch):
    # fixture_late: few dossiers finished after the period's end (L-005, L-019), so an open
    # list reads the dossiers open at its end first; with the threshold at 0, as before.
    assert all(late._open_at_end(engine, filt) is not None for filt in OPEN_LISTS)
    first = [_read_whole(engine, filt) for filt in OPEN_LISTS]
    monkeypatch.setattr(late, "FEW_FINISHED_AFTER", 0)
    assert all(late._open_at_end(engine, filt) is None for filt in OPEN_LISTS)
    assert [_read_whole(engine, filt) for filt in OPEN_LISTS] == first
    assert first[0][0] == 5 and first[5][0] == 3  # test_overdue_list, test_due_soon_boundaries


def test_a_late_list_and_a_period_with_many_finished_since_read_as_before(engine, monkeypatch):
    assert late._open_at_end(engine, _filter("late")) is None
    monkeypatch.setattr(late, "FEW_FINISHED_AFTER", 2)  # L-005 and L-019 finished after
    assert late._open_at_end(engine, _filter("overdue")) is None
    monkeypatch.setattr(late, "FEW_FINISHED_AFTER", 3)
    assert late._open_at_end(engine, _filter("overdue")) is not None
