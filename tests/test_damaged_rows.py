"""Rows that still broke figures (tests/fixture_rows.py) on SQLite (both timestamp forms) and
PostgreSQL: repeated units and codes counted once, infinite and ancient timestamps and time
zones read without a failure, each problem counted in the notice, totals equal to the
table, look-alike names cleaned and never merged."""

import json

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from dashboard import figures, quality
from dashboard.plain_text import needed, plain
from dashboard.weekly import by_group
from queries.connection import readonly_engine
from queries.form06a import form06a
from queries.late import LateFilter, dossier_detail, late_count, late_list
from queries.period import Period
from queries.quality import quality_counts
from queries.week import week_flow
from tests import fixture_rows as planted
from tests.databases import build_database, drop_postgres_database
from tests.test_cli_kpis import run_cli

W45 = Period.iso_week(*planted.WEEK)
RECEIVED_IN_W45 = 13
PERIOD = ["--start", "2024-11-04", "--end", "2024-11-10"]


@pytest.fixture
def url(backend, make_db):
    return make_db(backend, planted.rows(backend), loose=True)


@pytest.fixture
def engine(url):
    return readonly_engine(url)


def test_each_planted_problem_is_counted_by_its_kind(engine, backend):
    counts = quality_counts(engine, planted.NOW)
    expected = planted.quality(backend)
    assert {key: counts[key] for key in expected} == expected
    assert not {key: n for key, n in counts.items() if n and key not in expected}


def test_a_repeated_unit_and_a_repeated_code_count_each_dossier_once(engine):
    by_unit = figures.cohort_by(engine, W45, "unit")
    assert dict(zip(by_unit["group"], by_unit["received"], strict=True)) == {
        "CTA": 7,
        "CTA-MN": 3,  # r2 r9 r9b; r3's unit 6 only shares the code
        "X-NA1": 1,
        "X-NA2": 1,
        "?": 1,  # r3
    }
    kinds = figures.cohort_by(engine, W45, "kind")
    assert kinds["received"].sum() == RECEIVED_IN_W45
    handling = figures.cohort_by(engine, W45, "handling")
    assert handling["received"].sum() == RECEIVED_IN_W45
    flow = by_group(week_flow(engine, W45))
    assert flow["received"].sum() == RECEIVED_IN_W45
    assert int(form06a(engine, W45)["c4"].sum() + form06a(engine, W45)["c5"].sum()) == 13
    one_pass, _, weekly = figures.cohort_units_and_weeks(engine, W45)
    assert one_pass["received"].sum() == weekly["received"].sum() == RECEIVED_IN_W45
    assert len(figures.unit_kinds(engine)) == 5  # CTA, CTA-MN, P-TP, X-NA1, X-NA2: once each


def test_a_unit_user_s_list_resolves_a_repeated_code_to_one_unit(engine):
    filt = LateFilter(W45, "overdue", unit_scope="CTA-MN")
    assert list(late_list(engine, filt, page_size=None)["code"]) == ["r2"]
    assert late_count(engine, filt) == 1
    received = LateFilter(W45, "overdue", received_unit="CTA-MN", basis="flow")
    assert list(late_list(engine, received, page_size=None)["code"]) == ["r2"]


def test_the_overdue_list_holds_infinite_and_ancient_dates_without_failing(engine):
    listed = late_list(engine, LateFilter(W45, "overdue"), page_size=None)
    assert list(listed["code"]) == ["r6", "r2", "r3", "r7", "r15"]
    assert listed["days"].tolist()[1:] == [4, 4, 2, 1]
    assert listed["days"].isna().tolist() == [True, False, False, False, False]
    assert listed.loc[0, "due_at"] is None or listed["due_at"].isna()[0]  # r6: -infinity
    assert listed["finished_at"].isna()[3]  # r7: `infinity`, never reached
    flow = late_list(engine, LateFilter(W45, "overdue", basis="flow"), page_size=None)
    assert set(flow["code"]) == {"r6", "r2", "r3", "r7", "r15", "r13", "r14"}
    r14 = flow.set_index("code").loc["r14"]
    assert r14["received_at"] is None or r14.isna()["received_at"]  # a year BC: no date
    assert late_count(engine, LateFilter(W45, "overdue", basis="flow")) == 7
    assert list(late_list(engine, LateFilter(W45, "late"), page_size=None)["code"]) == ["r12"]
    assert dossier_detail(engine, "r6")["due_at"] is None


def test_a_time_zone_is_read_as_the_local_time_written(engine):
    r15 = dossier_detail(engine, "r15")
    assert r15["received_at"].isoformat() == "2024-11-09T10:00:00"


def test_late_on_the_command_line_with_infinite_dates(capsys, url):
    done = run_cli(capsys, "late", "--db", url, *PERIOD, "--state", "overdue")
    assert done.returncode == 0, done.stderr
    records = json.loads(done.stdout)
    assert [r["code"] for r in records] == ["r6", "r2", "r3", "r7", "r15"]
    assert records[0]["days"] is None and records[0]["due_at"] is None


def test_invisible_characters_go_and_one_unicode_form_stays():
    assert plain("\u202eĐăng ký khai sinh") == "Đăng ký khai sinh"
    assert plain("Xã Nhơn\u200b Ái\u2060\ufeff") == planted.NHON_AI
    assert plain(planted.UNITS[-1]["name"]) == planted.NHON_AI  # composed (NFC)
    assert plain("Xã\u200c\u200d Nhơn Ái") == planted.NHON_AI
    assert plain(None) is None and plain(3) == 3
    assert not needed(planted.NHON_AI) and needed(planted.UNITS[-2]["name"])


def test_the_notice_counts_the_names_it_cleans(engine, backend):
    counts = quality.audit(engine, planted.NOW)
    assert {key: counts[key] for key in planted.CLEANED} == planted.CLEANED
    notice = quality.notice(counts, ("dossiers", "units"), planted.NOW)
    for sentence in [
        "1 dòng đơn vị lặp lại",
        "1 đơn vị có mã (`code`) trùng",
        "1 đơn vị có đơn vị cấp trên (`parent_id`) là chính nó",
        "2 hồ sơ có `id` trùng",
        "2 hồ sơ có số biên nhận (`code`) trùng",
        "1 hồ sơ có ngày hẹn trả trước ngày tiếp nhận",
        "3 hồ sơ có ngày giờ vô hạn",
        "2 hồ sơ có ngày giờ trước năm 2000",
        "2 đơn vị có tên chứa ký tự ẩn",
        "1 thủ tục có tên chứa ký tự ẩn",
    ]:
        assert f"- {sentence}" in notice.details
    assert ("- 1 hồ sơ có ngày giờ kèm múi giờ" in notice.details) == (backend != "postgresql")


def test_look_alike_names_are_shown_and_printed_clean_and_never_merged(capsys, url):
    done = run_cli(capsys, "late", "--db", url, *PERIOD, "--state", "overdue", "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert "Đăng ký khai sinh" in done.stdout and "\u202e" not in done.stdout
    done = run_cli(capsys, "kpis", "--db", url, *PERIOD, "--format", "json")
    assert done.returncode == 0, done.stderr
    names = {row["group"]: row["name"] for row in json.loads(done.stdout)}
    assert names["X-NA1"] == names["X-NA2"] == planted.NHON_AI  # two rows, told apart by code


def test_a_timestamptz_column_on_postgresql_is_counted_and_read(tmp_path):
    # A view handing over `timestamptz`: every finish time carries a zone (r1 r4 r7 r12).
    url = build_database("postgresql", planted.rows("postgresql"), tmp_path, loose=True)
    writer = create_engine(make_url(url).set(drivername="postgresql+psycopg"))
    with writer.begin() as conn:
        conn.execute(text("ALTER TABLE dossiers ALTER COLUMN finished_at TYPE timestamptz"))
    writer.dispose()
    engine = readonly_engine(url)
    try:
        assert quality_counts(engine, planted.NOW)["timestamp_with_zone"] == 4
        listed = late_list(engine, LateFilter(W45, "late"), page_size=None)
        assert list(listed["code"]) == ["r12"] and listed.loc[0, "finished_at"].tzinfo is None
    finally:
        engine.dispose()
        drop_postgres_database(url)


def test_the_briefing_s_files_and_message_carry_names_clean(url):
    """`brief` makes its files without a page: its names are cleaned as the pages' are."""
    from dashboard import briefing, handout

    deck = briefing.build(readonly_engine(url), W45)
    text = handout.to_bytes(deck, ".txt").decode("utf-8") + repr(deck.slides)
    assert not any(needed(ch) for ch in text if not ch.isascii())
    assert "\u202e" not in text and "\u200b" not in text
