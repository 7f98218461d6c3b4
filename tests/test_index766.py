"""The 766 estimate (tests/fixture_766.py, every figure worked out by hand there), on SQLite
(both timestamp forms) and PostgreSQL; its formula file's checks; `kpis --topic 766`."""

import csv
import io
import json
import math

import pytest

from dashboard.index766 import contract_columns, index766_by_unit, not_computed
from dashboard.index766_formula import DEFAULT_PATH, ENV, FormulaError, load_formula
from queries.connection import readonly_engine
from queries.period import Period
from tests import fixture_766
from tests.cli_run import run

PERIOD = Period(*fixture_766.PERIOD)
POINTS = {
    "progress": 20,
    "online": 12,
    "payment": 6,
    "result_digital": 6,
    "components_digital": 4,
    "satisfaction": 6,
}
XA_AB = {
    "progress": (0.5, 10),
    "online": (0.5, 6),
    "payment": (0.75, 4.5),
    "result_digital": (0.75, 4.5),
    "components_digital": (0.75, 3.75),
    "satisfaction": (0.9, 6),  # full points at 0.9
}
XA_C = {
    "progress": (1.0, 20),
    "online": (None, None),  # no dossier of a full online service: 0 of 0
    "payment": (None, None),  # no fee dossier
    "result_digital": (None, None),  # its one result not recorded
    "components_digital": (1.0, 4),  # capped: 4 × 1 / 0.8 = 5 → 4
    "satisfaction": (None, None),  # no ratings
}
NOTHING = dict.fromkeys(POINTS, (None, None))
DIGITISATION = ("result_digital", "components_digital")


def _engine(backend, make_db, rows):
    return readonly_engine(make_db(backend, rows))


@pytest.fixture
def engine(backend, make_db):
    engine = _engine(backend, make_db, fixture_766.ROWS)
    yield engine
    engine.dispose()


@pytest.fixture
def engine_without_columns(backend, make_db):
    engine = _engine(backend, make_db, fixture_766.WITHOUT_COLUMNS)
    yield engine
    engine.dispose()


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _check(row: dict, expected: dict, estimate, max_points) -> None:
    for key, (ratio, score) in expected.items():
        for name, value in ((f"{key}_ratio", ratio), (f"{key}_score", score)):
            if value is None:
                assert _missing(row[name]), name
            else:
                assert row[name] == pytest.approx(value), name
    assert row["max_points"] == max_points
    if estimate is None:
        assert _missing(row["estimate"]) and _missing(row["percent"])
    else:
        assert row["estimate"] == pytest.approx(estimate)
        assert row["percent"] == pytest.approx(estimate / max_points)


def _rows(frame) -> dict:
    return {row["group"]: row for row in frame.to_dict("records")}


def test_the_estimate_by_todays_units(engine):
    rows = _rows(index766_by_unit(engine, PERIOD))
    # XA-A and XA-B, merged on 15/07, count once, under XA-AB: no row of their own.
    assert list(rows) == ["XA-AB", "XA-C", "XA-D"]
    _check(rows["XA-AB"], XA_AB, 34.75, 54)
    _check(rows["XA-C"], XA_C, 24, 24)
    _check(rows["XA-D"], NOTHING, None, 0)


def test_merged_units_count_once(engine):
    today = index766_by_unit(engine, PERIOD)
    recorded = _rows(index766_by_unit(engine, PERIOD, units="recorded"))
    ab = _rows(today)["XA-AB"]
    # The counts are summed before the ratio: a1 a2 (XA-A) + b1 (XA-B) + m1 m2 m3 (XA-AB).
    assert (ab["progress_num"], ab["progress_den"]) == (3, 6)
    assert [recorded[code]["progress_den"] for code in ("XA-A", "XA-B", "XA-AB")] == [2, 1, 3]
    assert today["progress_den"].sum() == 7 == sum(r["progress_den"] for r in recorded.values())
    # As recorded, XA-A alone: a1 early of a1 a2.
    assert recorded["XA-A"]["progress_ratio"] == pytest.approx(0.5)


def test_absent_columns_score_nothing_and_count_in_no_maximum(engine_without_columns):
    rows = _rows(index766_by_unit(engine_without_columns, PERIOD))
    absent = dict.fromkeys(DIGITISATION, (None, None))
    _check(rows["XA-AB"], {**XA_AB, **absent}, 26.5, 44)
    _check(rows["XA-C"], {**XA_C, **absent}, 20, 20)
    for key in DIGITISATION:  # missing counts, never 0
        assert _missing(rows["XA-AB"][f"{key}_den"])


def test_the_groups_left_out_are_listed(engine, engine_without_columns):
    formula = load_formula()
    left_out = not_computed(engine, formula)
    assert list(left_out["key"]) == [
        "transparency",
        "petitions",
        "data_reuse",
        "certified_copies",
        "payment_procedures",
    ]
    assert set(left_out["note"]) == {"cần số liệu Cổng DVCQG"}
    assert left_out["points"].sum() == 100 - sum(POINTS.values())
    without = not_computed(engine_without_columns, formula)
    assert list(without["key"][:2]) == list(DIGITISATION)
    assert list(without["name"][:2]) == ["Kết quả giải quyết điện tử", "Số hóa thành phần hồ sơ"]
    assert without["points"].sum() == 100 - 44


# The formula file.


def test_the_shipped_formula_is_the_contracts():
    formula = load_formula()
    assert formula.version == "766/QĐ-TTg, ước tính theo data-contract 2026-12"
    assert {g.key: g.points for g in formula.computed} == POINTS
    assert formula.group("components_digital").full_at == 0.8
    assert formula.group("satisfaction").full_at == 0.9


def _write(tmp_path, text: str):
    path = tmp_path / "index766.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _shipped() -> str:
    return DEFAULT_PATH.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "old, new, named",
    [
        ("name = \"Số hóa thành phần hồ sơ\"\npoints = 4\n", "name = \"Số hóa thành phần hồ sơ\"\n",
         "[computed.components_digital] thiếu points"),
        ("points = 20", "points = -20", "[computed.progress] points = -20: số điểm không được âm"),
        ("points = 12", "points = \"mười\"", "[computed.online] points = 'mười': cần một số"),
        ("full_at = 0.9", "full_at = 90", "[computed.satisfaction] full_at = 90"),
        ("[computed.payment]", "[computed.payments]", "[computed.payments] không phải nhóm"),
        ("points = 18", "points = 17", "tổng points của các nhóm là 99"),
        ("version = ", "# version = ", "thiếu version"),
        ("name = \"Số hóa hồ sơ\"\npoints = 22", "name = \"Số hóa hồ sơ\"\npoints = 21",
         "tổng points của các nhóm [official.…] là 99"),
        ("[official.transparency]", "[official.total]", "[official.total]: tên này dành cho"),
    ],
)  # fmt: skip
def test_a_wrong_or_missing_value_is_named(tmp_path, old, new, named):
    assert old in _shipped()
    path = _write(tmp_path, _shipped().replace(old, new, 1))
    with pytest.raises(FormulaError, match="tệp công thức 766") as raised:
        load_formula(path)
    assert named in str(raised.value)


def test_the_portals_groups_are_required(tmp_path):
    without = _shipped().split("\n# The groups the national portal publishes")[0]
    with pytest.raises(FormulaError, match=r"thiếu các mục \[official\.…\]"):
        load_formula(_write(tmp_path, without))
    official = load_formula().official
    assert [(g.key, g.points) for g in official] == [
        ("transparency", 18),
        ("progress", 20),
        ("online", 12),
        ("payment", 10),
        ("satisfaction", 18),
        ("digitisation", 22),
    ]


def test_the_environment_points_at_another_file(tmp_path, monkeypatch):
    path = _write(
        tmp_path,
        _shipped()
        .replace('version = "766/QĐ-TTg, ước tính theo data-contract 2026-12"', 'version = "thử"')
        .replace("points = 20", "points = 25", 1)  # progress
        .replace("points = 18", "points = 13", 1),  # transparency, left out
    )
    monkeypatch.setenv(ENV, str(path))
    formula = load_formula()
    assert (formula.version, formula.group("progress").points) == ("thử", 25)
    monkeypatch.setenv(ENV, str(tmp_path / "không-có.toml"))
    with pytest.raises(FormulaError, match="không mở được tệp công thức 766"):
        load_formula()


# `kpis --topic 766`.


def _kpis(url, format_, *more):
    start, end = (d.isoformat() for d in fixture_766.PERIOD)
    args = ["kpis", "--db", url, "--topic", "766", "--start", start, "--end", end]
    return run(*args, "--group", "unit", "--format", format_, *more)


def test_the_command_prints_the_contracts_keys(backend, make_db):
    url = make_db(backend, fixture_766.ROWS)
    outcome = _kpis(url, "json")
    assert outcome.status == 0, outcome.stderr
    records = json.loads(outcome.stdout)
    assert [list(r) for r in records] == [contract_columns()] * 3
    assert contract_columns()[:3] == ["group", "progress_ratio", "progress_score"]
    assert contract_columns()[-3:] == ["estimate", "max_points", "percent"]
    rows = {r["group"]: r for r in records}
    _check(rows["XA-AB"], XA_AB, 34.75, 54)
    assert rows["XA-C"]["online_ratio"] is None  # null in JSON
    assert rows["XA-D"]["estimate"] is None


def test_csv_leaves_nulls_empty_and_table_prints(make_db):
    url = make_db("sqlite", fixture_766.ROWS)
    outcome = _kpis(url, "csv")
    rows = list(csv.DictReader(io.StringIO(outcome.stdout)))
    assert list(rows[0]) == contract_columns()
    assert rows[1]["group"] == "XA-C" and rows[1]["online_ratio"] == ""
    table = _kpis(url, "table")
    assert table.status == 0, table.stderr
    assert table.stdout.splitlines()[0].split()[:2] == ["group", "progress_ratio"]


def test_scope_and_reading_apply(make_db):
    url = make_db("sqlite", fixture_766.ROWS)
    scoped = json.loads(_kpis(url, "json", "--scope", "XA-C").stdout)
    assert [r["group"] for r in scoped] == ["XA-C"]
    recorded = json.loads(_kpis(url, "json", "--units", "recorded").stdout)
    assert [r["group"] for r in recorded] == ["XA-A", "XA-AB", "XA-B", "XA-C", "XA-D"]


def test_a_wrong_formula_stops_the_command(make_db, tmp_path, monkeypatch):
    url = make_db("sqlite", fixture_766.ROWS)
    monkeypatch.setenv(ENV, str(_write(tmp_path, _shipped().replace("points = 20", "points = -1"))))
    outcome = _kpis(url, "json")
    assert outcome.status != 0 and outcome.stdout == ""
    assert "[computed.progress] points = -1" in outcome.stderr


def test_another_grouping_is_refused(make_db):
    url = make_db("sqlite", fixture_766.ROWS)
    outcome = _kpis(url, "json", "--group", "kind")
    assert outcome.status != 0 and "766" in outcome.stderr
