"""The Châu Thành A demo database: the seed report's figures, exactly, on both engines.

One demo up to 2023-03-31 is built per engine for the whole session, through the
CLI (tests/conftest.py). The figures asserted here are the ones the
district reported (docs/decisions.md, "Demo database"); they are built in, not
computed by the code under test. A second demo, up to 2026-11-27 (the day the
open-past-due backlog was added), checks that the late-dossier view and the
overview's backlog have something to show on any recent day, not only in 2023, that
the report's figures still come out in today's world, and that world: the units of
1 July 2025 and who took over from whom (docs/decisions.md, "The demo across
1 July 2025").
"""

import hashlib
import json
import re
import sqlite3
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import and_, func, inspect, literal, or_, select

import demo
from dashboard.cli import main
from queries.backlog import overdue_backlog
from queries.cohort import cohort_by
from queries.connection import readonly_engine
from queries.contract import (
    Timestamp,
    digital_adoption,
    dossiers,
    facilities,
    metadata,
    procedures,
    product_listings,
    ratings,
    seller_accounts,
    unit_successions,
    units,
)
from queries.late import LateFilter, late_breakdown, late_count, late_list
from queries.meta import data_as_of
from queries.period import Period
from tests.databases import DEMO_LATER, DEMO_UNTIL

UNTIL = DEMO_UNTIL
LATER = DEMO_LATER
REPORT = date(2023, 3, 9)
ENGINES = ("sqlite", "postgresql")

# The seed report's cohort: received 2022-01-01 .. 2022-12-02, state as of 2022-12-03.
# Early + on time + late + open = received, with nothing withdrawn:
#   district 5,827 + 7 + 100 = 5,934; communes 25,860 + 39 + 523 = 26,422.
COHORT = {
    "district": {"received": 5934, "on_time": 5827, "online": 1030, "late": 7, "open": 100},
    "commune": {"received": 26422, "on_time": 25860, "online": 21316, "late": 39, "open": 523},
}


def run_cli(capsys, *args):
    """`python -m dashboard …` in this process (tests/test_cli_*.py run the real one)."""
    capsys.readouterr()
    assert main(list(args)) == 0
    return capsys.readouterr().out


@pytest.fixture(params=ENGINES)
def engine(request, demo_urls):
    engine = readonly_engine(demo_urls[request.param])
    yield engine
    engine.dispose()


def scalar(engine, query):
    with engine.connect() as conn:
        return conn.execute(query).scalar_one()


def at(moment: datetime):
    return literal(moment, Timestamp())


@pytest.mark.parametrize("name", ENGINES)
@pytest.mark.parametrize("until", (UNTIL, LATER))
def test_cohort_by_kind_is_the_seed_report(capsys, demo_urls, later_urls, name, until):
    # The same on a demo of today's world, whose district was dissolved in 2025.
    url = (demo_urls if until == UNTIL else later_urls)[name]
    out = run_cli(capsys, "kpis", "--db", url, "--start", "2022-01-01",
                  "--end", "2022-12-02", "--group", "kind", "--format", "json")  # fmt: skip
    by_kind = {row["group"]: row for row in json.loads(out)}
    for kind, expected in COHORT.items():
        row = by_kind[kind]
        assert row["received"] == expected["received"]
        assert row["resolved_early"] + row["resolved_on_time"] == expected["on_time"]
        assert row["received_online"] == expected["online"]
        assert row["resolved_late"] == expected["late"]
        assert row["open"] == expected["open"]
        assert row["withdrawn"] == 0
        assert row["finished"] == expected["on_time"] + expected["late"]


@pytest.mark.parametrize("name", ENGINES)
def test_cohort_by_unit_sums_to_the_kinds(capsys, demo_urls, name):
    out = run_cli(capsys, "kpis", "--db", demo_urls[name], "--start", "2022-01-01",
                  "--end", "2022-12-02", "--group", "unit", "--format", "json")  # fmt: skip
    rows = json.loads(out)
    assert [r["group"] for r in rows][:2] == ["CTA", "CTA-BN"]  # district first, then by code
    communes = [r for r in rows if r["group"] != "CTA"]
    assert len(communes) == 10
    district = next(r for r in rows if r["group"] == "CTA")
    for kind, members in (("district", [district]), ("commune", communes)):
        expected = COHORT[kind]
        assert sum(r["received"] for r in members) == expected["received"]
        assert sum(r["received_online"] for r in members) == expected["online"]
        assert (
            sum(r["resolved_early"] + r["resolved_on_time"] for r in members)
            == (expected["on_time"])
        )
        assert sum(r["resolved_late"] for r in members) == expected["late"]
        assert sum(r["open"] for r in members) == expected["open"]
    # Every commune received a share in line with its size (Một Ngàn is the largest).
    received = {r["group"]: r["received"] for r in communes}
    assert max(received, key=received.get) == "CTA-MN"
    assert min(received.values()) > 1500


def _cohort(kind: str):
    receiving = select(units.c.id).where(units.c.kind == kind)
    return and_(
        dossiers.c.received_unit_id.in_(receiving),
        dossiers.c.received_at >= at(datetime(2022, 1, 1)),
        dossiers.c.received_at < at(datetime(2022, 12, 3)),
    )


def test_district_late_reasons(engine):
    late = and_(
        _cohort("district"),
        dossiers.c.finished_at < at(datetime(2022, 12, 3)),
        dossiers.c.finished_at > dossiers.c.due_at,
    )
    with engine.connect() as conn:
        reasons = conn.execute(select(dossiers.c.late_reason).where(late)).scalars().all()
    assert reasons == ["Kết thúc trên phần mềm trễ hạn"] * 7


def test_online_cohort_dossiers_were_all_on_time(engine):
    # "Of which online" reads the same on received and on resolved-in-time.
    not_in_time = or_(
        dossiers.c.finished_at.is_(None),
        dossiers.c.finished_at >= at(datetime(2022, 12, 3)),
        dossiers.c.finished_at > dossiers.c.due_at,
        dossiers.c.status.notin_(("resolved", "refused")),
    )
    for kind in COHORT:
        query = select(func.count()).where(
            _cohort(kind), dossiers.c.channel == "online", not_in_time
        )
        assert scalar(engine, query) == 0


def test_cohort_has_refused_and_paused(engine):
    for kind in COHORT:
        refused = select(func.count()).where(_cohort(kind), dossiers.c.status == "refused")
        assert scalar(engine, refused) > 0
    # As of 2023-03-31 some of the dossiers open on 2022-12-03 still wait on the applicant.
    paused = select(func.count()).where(_cohort("commune"), dossiers.c.status == "paused")
    assert scalar(engine, paused) > 0


def test_satisfaction_in_2022(engine):
    in_2022 = and_(
        ratings.c.rated_at >= at(datetime(2022, 1, 1)),
        ratings.c.rated_at < at(datetime(2023, 1, 1)),
    )
    with engine.connect() as conn:
        counts = dict(
            conn.execute(
                select(ratings.c.level, func.count()).where(in_2022).group_by(ratings.c.level)
            ).all()
        )
        comments = conn.execute(
            select(ratings.c.comment).where(in_2022, ratings.c.level == "dissatisfied")
        ).scalars()
        assert any(c and "Chờ" in c for c in comments)
    satisfied = counts["very_satisfied"] + counts["satisfied"]
    rate = satisfied / (satisfied + counts["dissatisfied"])
    assert 0.99 < rate < 1
    assert satisfied > 4000  # many dossiers are rated at the counter


def test_cashless_facilities_on_the_report_date(engine):
    def cashless(kind):
        return scalar(
            engine,
            select(func.count()).where(
                facilities.c.kind == kind, facilities.c.cashless_since <= REPORT
            ),
        )

    assert cashless("health_station") == 10
    assert scalar(engine, select(func.count()).where(facilities.c.kind == "health_station")) == 10
    assert cashless("market") == 3


def test_household_adoption_on_the_report_date(engine):
    latest = (
        select(digital_adoption.c.unit_id, func.max(digital_adoption.c.as_of).label("as_of"))
        .where(digital_adoption.c.as_of <= REPORT)
        .group_by(digital_adoption.c.unit_id)
        .subquery()
    )
    a = digital_adoption.c
    query = select(
        func.count(),
        func.sum(a.households),
        func.sum(a.households_onboarded),
        func.sum(a.public_service_accounts),
        func.sum(a.e_wallet_accounts),
    ).join_from(
        digital_adoption,
        latest,
        and_(a.unit_id == latest.c.unit_id, a.as_of == latest.c.as_of),
    )
    with engine.connect() as conn:
        assert tuple(conn.execute(query).one()) == (10, 26768, 24092, 24822, 23544)
        tan_hoa = conn.execute(
            select(a.households)
            .join(units, units.c.id == a.unit_id)
            .where(units.c.name == "Xã Tân Hòa", a.as_of == date(2023, 2, 28))
        ).scalar_one()
    assert 2600 < tan_hoa < 2800


def test_ecommerce_on_the_report_date(engine):
    sellers = select(func.count()).where(seller_accounts.c.opened_on <= REPORT)
    assert scalar(engine, sellers) == 362
    listing = product_listings.c
    on_voso = select(func.count(func.distinct(listing.product_id))).where(
        listing.platform == "voso",
        listing.listed_on <= REPORT,
        or_(listing.delisted_on.is_(None), listing.delisted_on > REPORT),
    )
    assert scalar(engine, on_voso) == 16


def test_units_procedures_and_handling(engine):
    with engine.connect() as conn:
        kinds = dict(conn.execute(select(units.c.kind, func.count()).group_by(units.c.kind)).all())
        assert kinds == {"district": 1, "commune": 10, "department": 10}
        names = set(conn.execute(select(units.c.name)).scalars())
        assert {"Thị trấn Một Ngàn", "Xã Trường Long Tây", "Phòng Tài chính – Kế hoạch"} <= names
        codes = conn.execute(select(procedures.c.code)).scalars().all()
        assert 35 <= len(codes) <= 50 and all(re.fullmatch(r"\d\.\d{6}", c) for c in codes)
        # Commune dossiers are handled by the commune itself, district ones by a department.
        handler = units.alias("handler")
        pairs = conn.execute(
            select(units.c.kind, handler.c.kind, func.count())
            .select_from(dossiers)
            .join(units, units.c.id == dossiers.c.received_unit_id)
            .join(handler, handler.c.id == dossiers.c.handling_unit_id)
            .group_by(units.c.kind, handler.c.kind)
        ).all()
        assert {(r, h) for r, h, _ in pairs} == {("district", "department"), ("commune", "commune")}
        self_handled = select(func.count()).where(
            dossiers.c.handling_unit_id != dossiers.c.received_unit_id,
            dossiers.c.received_unit_id != 1,
        )
        assert conn.execute(self_handled).scalar_one() == 0
        # No fee, no online payment.
        paid_without_fee = select(func.count()).where(
            dossiers.c.fee_paid_online, ~dossiers.c.fee_required
        )
        assert conn.execute(paid_without_fee).scalar_one() == 0


def test_late_dossiers_are_mostly_land_and_construction(engine):
    late = and_(dossiers.c.finished_at > dossiers.c.due_at, dossiers.c.status == "resolved")
    query = (
        select(procedures.c.field, func.count())
        .join(procedures, procedures.c.id == dossiers.c.procedure_id)
        .where(late, dossiers.c.received_unit_id == 1)
        .group_by(procedures.c.field)
    )
    unexplained = select(func.count()).where(late, dossiers.c.late_reason.is_(None))
    stray = select(func.count()).where(
        dossiers.c.late_reason.is_not(None), or_(dossiers.c.finished_at.is_(None), ~late)
    )
    with engine.connect() as conn:
        by_field = dict(conn.execute(query).all())
        # Every late dossier carries its reason, and only they do.
        assert conn.execute(unexplained).scalar_one() == 0
        assert conn.execute(stray).scalar_one() == 0
    assert by_field["Đất đai"] + by_field.get("Xây dựng", 0) > 0.6 * sum(by_field.values())


def test_sqlite_stores_plain_timestamps(demo_sqlite):
    with sqlite3.connect(demo_sqlite) as conn:
        lengths = conn.execute(
            "SELECT DISTINCT length(received_at), length(due_at) FROM dossiers"
        ).fetchall()
        hours = conn.execute(
            "SELECT min(substr(received_at, 12, 5)), max(substr(received_at, 12, 5)) FROM dossiers"
        ).fetchone()
        weekdays = dict(
            conn.execute(
                "SELECT strftime('%w', received_at), count(*) FROM dossiers GROUP BY 1"
            ).fetchall()
        )
    assert lengths == [(19, 19)]
    assert "07:00" <= hours[0] and hours[1] < "17:00"
    total = sum(weekdays.values())
    assert weekdays["0"] < 0.01 * total  # Sunday: almost none
    assert weekdays["6"] < weekdays["1"] / 2  # Saturday morning: light


def _fingerprint(url: str) -> dict[str, str]:
    """A hash of each table's rows, as Python values, in key order."""
    engine = readonly_engine(url)
    hashes = {}
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).all()
            digest = hashlib.sha256(repr([tuple(r) for r in rows]).encode())
            hashes[table.name] = digest.hexdigest()
    engine.dispose()
    return hashes


def _stored(path: str) -> dict[str, str]:
    """A hash of each table's rows as SQLite stores them (text, before any conversion)."""
    hashes = {}
    with sqlite3.connect(path) as conn:
        for table in metadata.sorted_tables:
            keys = ", ".join(column.name for column in table.primary_key.columns)
            rows = conn.execute(f"SELECT * FROM {table.name} ORDER BY {keys}").fetchall()
            hashes[table.name] = hashlib.sha256(repr(rows).encode()).hexdigest()
    return hashes


def test_same_until_and_seed_give_the_same_database(tmp_path, demo_urls):
    again = tmp_path / "again.sqlite"
    demo.build(again, until=UNTIL, seed=2023)
    # Byte for byte the same rows as stored (a stricter test than the values read back).
    assert _stored(str(again)) == _stored(demo_urls["sqlite"])
    # And the same values on both engines.
    assert _fingerprint(demo_urls["postgresql"]) == _fingerprint(demo_urls["sqlite"])


def test_earlier_until_censors(tmp_path, demo_urls):
    earlier = tmp_path / "earlier.sqlite"
    demo.build(earlier, until=date(2022, 12, 10))
    cutoff = at(datetime(2022, 12, 11))
    engine = readonly_engine(str(earlier))
    full = readonly_engine(demo_urls["sqlite"])
    with engine.connect() as conn, full.connect() as full_conn:
        assert conn.execute(select(func.max(dossiers.c.received_at))).scalar() < datetime(
            2022, 12, 11
        )
        assert (
            conn.execute(select(func.count()).where(dossiers.c.finished_at >= cutoff)).scalar_one()
            == 0
        )
        assert (
            conn.execute(select(func.count()).where(ratings.c.rated_at >= cutoff)).scalar_one() == 0
        )
        assert conn.execute(select(func.max(digital_adoption.c.as_of))).scalar() == date(
            2022, 11, 30
        )
        # Open at the cutoff: no finish, an open status.
        statuses = set(
            conn.execute(
                select(dossiers.c.status).where(dossiers.c.finished_at.is_(None)).distinct()
            ).scalars()
        )
        assert statuses == {"processing", "paused"}

        # The dossiers received by then are the same ones, whatever `until`.
        def received(c):
            query = select(dossiers.c.id, dossiers.c.code, dossiers.c.received_at).where(
                dossiers.c.received_at < cutoff
            )
            return c.execute(query.order_by(dossiers.c.id)).all()

        assert received(conn) == received(full_conn)
    engine.dispose()
    full.dispose()


def test_schema_is_the_contracts(engine):
    # PostgreSQL gets its foreign keys and indexes after the bulk load: same schema in the end.
    inspector = inspect(engine)
    for table in metadata.sorted_tables:
        keys = inspector.get_foreign_keys(table.name)
        assert len(keys) == len(table.foreign_key_constraints), table.name
        indexes = {index["name"] for index in inspector.get_indexes(table.name)}
        assert {index.name for index in table.indexes} <= indexes, table.name


def test_cli_refuses_a_date_before_the_data_plainly(tmp_path):
    # A plain message as the exit status (Python prints it, without a traceback).
    with pytest.raises(SystemExit, match="nằm ngoài các năm của bản demo \\(2021-01-01"):
        main(["demo", "--out", str(tmp_path / "x.sqlite"), "--until", "2020-12-31"])
    assert not (tmp_path / "x.sqlite").exists()


# Open past due: a handful to a few dozen on any recent day ------------------------------


@pytest.fixture(scope="module")
def later_urls(demo_later_sqlite, demo_later_postgres):
    return {"sqlite": demo_later_sqlite, "postgresql": demo_later_postgres}


@pytest.fixture(
    params=[(u, e) for u in (UNTIL, LATER) for e in ENGINES], ids=lambda p: f"{p[0]}-{p[1]}"
)
def dated_engine(request, demo_urls, later_urls):
    until, name = request.param
    engine = readonly_engine((demo_urls if until == UNTIL else later_urls)[name])
    yield until, engine
    engine.dispose()


def midnight_after(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), datetime.min.time())


def test_dossiers_open_past_due_in_the_last_12_months(dated_engine):
    until, engine = dated_engine
    year = Period(until - timedelta(days=364), until)
    overdue = cohort_by(engine, year, "kind").set_index("group")["open_overdue"]
    # 2023-03-31: district 11 + communes 7; 2026-11-27: the city's centre (the former
    # district's procedures since 1 July 2025) 8 + communes 7.
    assert 5 <= overdue.sum() <= 40
    communes = overdue["commune"]
    assert overdue.sum() - communes >= 5 and communes >= 1
    listed = late_list(engine, LateFilter(year), page_size=None)
    assert len(listed) == late_count(engine, LateFilter(year)) == overdue.sum()
    assert set(listed["status"]) == {"processing"}  # paused ones are not overdue
    assert (listed["due_at"] < midnight_after(until)).all()
    assert listed["late_reason"].isna().all()  # recorded when they finish
    # Days to several weeks past due: 2023-03-31 up to 59 days, 2026-11-27 up to 64.
    assert listed["days"].max() >= 28
    # Land dossiers lead, at the land department (the city's since 1 July 2025) and at the
    # communes.
    by_field = late_breakdown(engine, LateFilter(year), "field")
    assert by_field.iloc[0]["group"] == "Đất đai"
    by_handling = late_breakdown(engine, LateFilter(year), "handling")
    assert by_handling.iloc[0]["group"] == ("CTA-TNMT" if until == UNTIL else "TPCT-SNNMT")


def test_the_late_view_and_the_overview_open_on_overdue_dossiers(dated_engine):
    until, engine = dated_engine
    # The late view's default: received since 1 January of the latest data's year, to its day.
    latest = data_as_of(engine).date()
    assert latest == until
    default = LateFilter(Period(date(latest.year, 1, 1), latest))
    assert default.state == "overdue"
    assert late_count(engine, default) >= 5  # 2023-03-31: 16; 2026-11-27: 15
    assert len(late_list(engine, default)) == late_count(engine, default)
    assert not late_breakdown(engine, default, "handling").empty
    # Due on the next working day (both days are Fridays: two days cover only the weekend).
    soon = LateFilter(default.period, state="due-soon", soon_days=3)
    assert late_count(engine, soon) >= 5  # 2023-03-31: 15; 2026-11-27: 16
    # The overview's backlog: everything open past due at the end of the day, whenever received.
    backlog = overdue_backlog(engine, [midnight_after(until)])["overdue_open"].sum()
    assert backlog >= late_count(engine, default)  # 2023-03-31: 18; 2026-11-27: 15


def test_late_reasons_are_recorded_once_overdue_dossiers_finish(demo_sqlite, later_urls):
    def rows(url, where):
        engine = readonly_engine(url)
        with engine.connect() as conn:
            found = conn.execute(
                select(dossiers.c.code, dossiers.c.due_at, dossiers.c.finished_at,
                       dossiers.c.status, dossiers.c.late_reason).where(where)
            ).all()  # fmt: skip
        engine.dispose()
        return {row.code: row for row in found}

    cutoff = midnight_after(UNTIL)
    open_past_due = and_(
        dossiers.c.finished_at.is_(None),
        dossiers.c.status == "processing",
        dossiers.c.due_at < at(cutoff),
    )
    then = rows(demo_sqlite, open_past_due)
    assert len(then) >= 10
    later = rows(later_urls["sqlite"], dossiers.c.code.in_(list(then)))
    assert set(later) == set(then)
    for code, row in later.items():
        # The same appointment, met late after 2023-03-31, with a reason recorded.
        assert row.due_at == then[code].due_at
        assert row.status in ("resolved", "refused")
        assert row.finished_at >= cutoff and row.finished_at > row.due_at
        assert row.late_reason


def test_late_dossiers_are_days_to_weeks_late_longest_in_land_and_construction(later_urls):
    engine = readonly_engine(later_urls["sqlite"])
    year = Period(LATER - timedelta(days=364), LATER)
    late = late_list(engine, LateFilter(year, state="late"), page_size=None)
    engine.dispose()
    days = late["days"]  # calendar days from the due day to the finish day
    # 390 late: median 7 days, 17% three weeks or more, none beyond about three months.
    assert 200 <= len(late) <= 600
    assert 3 <= days.median() <= 10
    assert 0.05 <= (days >= 21).mean() <= 0.3
    assert days.max() <= 100
    land = late["field"].isin(("Đất đai", "Xây dựng"))
    assert days[land].mean() > 1.5 * days[~land].mean()  # 14.4 against 6.9


# 1 July 2025: the district dissolved, its communes merged into Cần Thơ's --------------

REORGANISED = date(2025, 7, 1)
# The merged communes (by name) and the units of Châu Thành A they took over.
MERGED = {
    "Xã Thạnh Xuân": {"Thị trấn Rạch Gòi", "Xã Tân Phú Thạnh", "Xã Thạnh Xuân"},
    "Xã Tân Hòa": {"Thị trấn Một Ngàn", "Thị trấn Bảy Ngàn", "Xã Nhơn Nghĩa A", "Xã Tân Hòa"},
    "Xã Trường Long Tây": {"Xã Trường Long A", "Xã Trường Long Tây"},
    # Its other predecessors (of huyện Châu Thành) are not in the demo: its name says so.
    "Xã Đông Phước (trước 01/07/2025 chỉ có số liệu của TT Cái Tắc)": {"Thị trấn Cái Tắc"},
}


@pytest.fixture(params=ENGINES)
def later_engine(request, later_urls):
    engine = readonly_engine(later_urls[request.param])
    yield engine
    engine.dispose()


def _units_and_successions(engine):
    with engine.connect() as conn:
        found = conn.execute(select(units).order_by(units.c.id)).all()
        taken = conn.execute(select(unit_successions)).all()
    return {row.id: row for row in found}, taken


def test_the_units_of_1_july_2025(later_engine):
    by_id, successions = _units_and_successions(later_engine)
    assert len({row.code for row in by_id.values()}) == len(by_id)  # every code once
    by_name = {}
    for row in by_id.values():
        by_name.setdefault(row.name, []).append(row)
    (centre,) = [row for row in by_id.values() if row.kind == "province"]
    (point,) = [row for row in by_id.values() if row.kind == "branch"]
    assert centre.name == "Trung tâm Phục vụ hành chính công thành phố Cần Thơ"
    assert (centre.parent_id, centre.valid_from, centre.valid_to) == (None, REORGANISED, None)
    assert (point.parent_id, point.valid_from) == (centre.id, REORGANISED)
    # The reception point in the former Hậu Giang closed when the centre moved to one place.
    assert point.valid_to == date(2026, 1, 1)
    takers = {}
    for predecessor, successor, effective_on in successions:
        assert effective_on == by_id[predecessor].valid_to
        takers.setdefault(predecessor, []).append(successor)
    assert takers.pop(point.id) == [centre.id]
    # Each merged commune, new since that day, took over whole communes: one successor each.
    merged = {}
    for name, predecessors in MERGED.items():
        (new,) = [row for row in by_name[name] if row.valid_from == REORGANISED]
        assert (new.kind, new.parent_id, new.valid_to) == ("commune", centre.id, None)
        taken = {p for p, successors in takers.items() if successors == [new.id]}
        assert {by_id[p].name for p in taken} == predecessors
        assert all(by_id[p].kind == "commune" for p in taken)
        merged[name] = new
    # New Tân Hòa carries the official code 31342, which was Một Ngàn's: old units keep theirs.
    assert merged["Xã Tân Hòa"].code == "31342"
    assert by_name["Thị trấn Một Ngàn"][0].code == "CTA-MN"
    # No one else has a successor: the ten communes of Châu Thành A, and the point, above.
    assert sorted(by_id[p].name for p in takers) == sorted(set().union(*MERGED.values()))
    # The district one-stop and its offices: dissolved, no successor; the district stands
    # under the city's centre for its history.
    (district,) = [row for row in by_id.values() if row.kind == "district"]
    offices = [row for row in by_id.values() if row.parent_id == district.id]
    assert district.parent_id == centre.id
    assert {row.kind for row in offices} == {"commune", "department"} and len(offices) == 20
    dissolved = [district, *(row for row in offices if row.kind == "department")]
    for row in dissolved:
        assert (row.valid_from, row.valid_to) == (None, REORGANISED)
        assert row.id not in takers
    # Under the centre, besides the former district: its point, the merged communes and the
    # city's departments (sở), which handle the former district's procedures from that day.
    under = [row for row in by_id.values() if row.parent_id == centre.id and row != district]
    assert {row.kind for row in under} == {"branch", "commune", "department"}
    assert {row.valid_from for row in under} == {REORGANISED}


def _first_and_last(engine, unit_column, moment_column) -> dict[int, tuple]:
    """Per unit: the first and the last moment of its rows."""
    query = select(unit_column, func.min(moment_column), func.max(moment_column))
    with engine.connect() as conn:
        return {
            unit: (first, last) for unit, first, last in conn.execute(query.group_by(unit_column))
        }


def test_no_unit_receives_outside_its_service(later_engine):
    by_id, _ = _units_and_successions(later_engine)
    d, r = dossiers.c, ratings.c
    served = {
        "received": _first_and_last(later_engine, d.received_unit_id, d.received_at),
        "handled": _first_and_last(later_engine, d.handling_unit_id, d.received_at),
        "rated": _first_and_last(later_engine, r.unit_id, r.rated_at),
    }
    for what, spans in served.items():
        for unit, (first, last) in spans.items():
            row = by_id[unit]
            if row.valid_from is not None:
                assert first >= midnight_after(row.valid_from - timedelta(days=1)), (what, row)
            if row.valid_to is not None:
                assert last < midnight_after(row.valid_to - timedelta(days=1)), (what, row)
    # And every one of them did receive, right from the first day or up to the last.
    received = served["received"]
    receiving = [row for row in by_id.values() if row.kind != "department"]
    assert set(received) == {row.id for row in receiving}
    for row in receiving:
        first, last = received[row.id]
        if row.valid_from is not None:
            assert first.date() == row.valid_from
        if row.valid_to is not None:
            assert last.date() == row.valid_to - timedelta(days=1)


def test_snapshots_and_accounts_follow_the_units_in_service(later_engine):
    # A commune reports and opens accounts while it serves: the merged ones from 1 July 2025.
    by_id, successions = _units_and_successions(later_engine)
    a, sellers = digital_adoption.c, seller_accounts.c
    for spans in (
        _first_and_last(later_engine, a.unit_id, a.as_of),
        _first_and_last(later_engine, sellers.unit_id, sellers.opened_on),
    ):
        assert {by_id[unit].kind for unit in spans} == {"commune"}
        for unit, (first, last) in spans.items():
            row = by_id[unit]
            assert row.valid_from is None or first >= row.valid_from, row
            assert row.valid_to is None or last < row.valid_to, row
        assert {by_id[unit].valid_from for unit in spans} == {None, REORGANISED}
    # The merged commune's first snapshot: its communes' households of the month before,
    # and a month's growth (0.9 % a year).
    month_before, month_after = date(2025, 6, 30), date(2025, 7, 31)
    query = select(a.unit_id, a.as_of, a.households).where(a.as_of.in_([month_before, month_after]))
    with later_engine.connect() as conn:
        households = {(unit, day): count for unit, day, count in conn.execute(query)}
    for new in {s for _, s, _ in successions if by_id[s].kind == "commune"}:
        before = sum(households[p, month_before] for p, s, _ in successions if s == new)
        assert before <= households[new, month_after] <= before * 1.002


def _received_by(engine, unit_ids, first: date, last: date) -> int:
    query = select(func.count()).where(
        dossiers.c.received_unit_id.in_(unit_ids),
        dossiers.c.received_at >= at(midnight_after(first - timedelta(days=1))),
        dossiers.c.received_at < at(midnight_after(last)),
    )
    return scalar(engine, query)


def test_the_same_people_bring_their_dossiers_after_1_july_2025(later_engine):
    by_id, successions = _units_and_successions(later_engine)
    half_before = (date(2024, 7, 1), date(2024, 12, 31))
    half_after = (date(2025, 7, 1), date(2025, 12, 31))
    for new in {s for _, s, _ in successions}:
        predecessors = [p for p, s, _ in successions if s == new]
        before = _received_by(later_engine, predecessors, *half_before)
        after = _received_by(later_engine, [new], *half_after)
        if by_id[new].kind == "commune":  # the point's half year went to the centre: below
            assert 0.85 < after / before < 1.15, by_id[new].name
    # The former district's procedures: now the city's, at its centre and its point.
    (district,) = [row.id for row in by_id.values() if row.kind == "district"]
    city = [row.id for row in by_id.values() if row.kind in ("province", "branch")]
    before = _received_by(later_engine, [district], *half_before)
    after = _received_by(later_engine, city, *half_after)
    assert 0.85 < after / before < 1.15
    handler = units.alias("handler")
    query = (
        select(units.c.kind, procedures.c.level, handler.c.kind, func.count())
        .select_from(dossiers)
        .join(units, units.c.id == dossiers.c.received_unit_id)
        .join(handler, handler.c.id == dossiers.c.handling_unit_id)
        .join(procedures, procedures.c.id == dossiers.c.procedure_id)
        .where(dossiers.c.received_at >= at(midnight_after(REORGANISED - timedelta(days=1))))
        .group_by(units.c.kind, procedures.c.level, handler.c.kind)
    )
    with later_engine.connect() as conn:
        kinds = {tuple(row[:3]): row[3] for row in conn.execute(query)}
    assert set(kinds) == {
        ("province", "province", "department"),
        ("branch", "province", "department"),
        ("commune", "commune", "commune"),
    }


def test_the_demo_of_2023_knows_nothing_of_2025(engine):
    # A register kept up to 2023 holds no unit, end or succession of 2025.
    by_id, successions = _units_and_successions(engine)
    assert successions == []
    assert {(row.valid_from, row.valid_to) for row in by_id.values()} == {(None, None)}
    assert {row.parent_id for row in by_id.values() if row.kind == "district"} == {None}
    with engine.connect() as conn:
        levels = set(conn.execute(select(procedures.c.level).distinct()).scalars())
    assert levels == {"district", "commune"}


def test_digitisation_is_recorded_from_2024_and_a_result_only_once_resolved(later_urls):
    """The 766 estimate's optional columns (demo/dossiers.py, DIGITISED_FROM): null before
    2024 (not recorded), components for every dossier received since, a result's for the
    resolved only; the shares those of the demo's channels, the same on both engines."""
    found = {}
    for backend, url in later_urls.items():
        engine = readonly_engine(url)
        d = dossiers.c
        since = d.received_at >= datetime(2024, 1, 1)
        with engine.connect() as conn:
            counts = conn.execute(
                select(
                    func.count().filter(~since, d.components_digitised.is_not(None)),
                    func.count().filter(~since, d.result_digitised.is_not(None)),
                    func.count().filter(since, d.components_digitised.is_(None)),
                    func.count().filter(d.status != "resolved", d.result_digitised.is_not(None)),
                    func.count().filter(
                        since, d.status == "resolved", d.result_digitised.is_(None)
                    ),
                    func.count().filter(since, d.components_digitised.is_(True)),
                    func.count().filter(since),
                )
            ).one()
        engine.dispose()
        found[backend] = counts
        assert counts[:5] == (0, 0, 0, 0, 0), backend
        assert 0.7 <= counts[5] / counts[6] <= 0.92, backend  # between the counter's and online
    assert found["sqlite"] == found["postgresql"]
