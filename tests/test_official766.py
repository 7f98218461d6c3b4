"""The official 766 scores (dashboard/official766.py): a file checked row by row and
imported whole or not at all into the dashboard's own store, read back with a missing
value missing (never 0); `python -m dashboard import766` on SQLite and PostgreSQL, never
writing the one-stop database."""

import hashlib
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest

from dashboard import official766
from dashboard.index766_formula import DEFAULT_PATH, ENV, load_formula
from dashboard.official766 import OfficialError, import_scores, official_scores, parse
from dashboard.state_dir import STATE_DIR_ENV
from tests import fixture_766
from tests.cli_run import refusal, run

FORMULA = load_formula()
CODES = ("XA-AB", "XA-C", "XA-D", "XA-A")
TODAY = date(2025, 8, 20)
NOW = datetime(2025, 8, 20, 9, 30)

# A spreadsheet's export: byte-order mark, semicolons, Vietnamese headers in another order,
# decimal commas, a name column, a blank row, the empty cells it leaves at a row's end.
GOOD = (
    "\ufeffTháng;Mã đơn vị;Tên đơn vị;Nhóm;Điểm;Ngày lấy số\n"
    "07/2025;XA-AB;Xã A-B;Tổng điểm;68,5;05/08/2025\n"
    "2025-07;XA-AB;Xã A-B;Tiến độ giải quyết;15,25;\n"
    "\n"
    "2025-07;XA-C;Xã C;progress;0;;\n"
    "06/2025;XA-A;Xã A;total;71;2025-07-03\n"
).encode()


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch):
    monkeypatch.setattr(official766, "local_now", lambda: NOW)


@pytest.fixture
def store(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv(STATE_DIR_ENV, str(tmp_path / "state"))
    return tmp_path / "state" / official766.FILE_NAME


def _value(frame: pd.DataFrame, unit: str, key: str):
    row = frame[(frame["group"] == unit) & (frame["key"] == key)].iloc[0]
    return row["points"], row["captured_at"]


def test_a_good_file_is_read_back_with_its_capture_dates(store):
    done = import_scores(GOOD, FORMULA, CODES)
    assert (done.scores, done.replaced, done.units, done.months) == (
        4,
        0,
        3,
        ("2025-06", "2025-07"),
    )
    assert done.store == store and store.exists()
    july = official_scores(date(2025, 7, 31), ["XA-AB", "XA-C", "XA-D"])
    assert list(july.columns) == ["group", "key", "name", "max_points", "points", "captured_at"]
    assert list(july["key"][:7]) == [
        "total",
        "transparency",
        "progress",
        "online",
        "payment",
        "satisfaction",
        "digitisation",
    ]
    assert _value(july, "XA-AB", "total") == (68.5, pd.Timestamp("2025-08-05"))
    assert _value(july, "XA-AB", "progress") == (15.25, pd.Timestamp(TODAY))  # the import's day
    assert july.set_index(["group", "key"]).loc[("XA-AB", "total"), "max_points"] == 100
    # A published 0 is 0; a value never imported is missing, never 0.
    assert _value(july, "XA-C", "progress")[0] == 0
    points, captured = _value(july, "XA-C", "total")
    assert points is pd.NA and pd.isna(captured)
    assert july[july["group"] == "XA-D"]["points"].isna().all()
    assert _value(official_scores(date(2025, 6, 1), ["XA-A"]), "XA-A", "total")[0] == 71


def test_nothing_imported_reads_as_missing_without_creating_the_store(store):
    frame = official_scores(date(2025, 7, 1), ["XA-AB"])
    assert len(frame) == 7 and frame["points"].isna().all()
    assert not store.exists()


def test_english_headers_and_group_keys(store):
    text = b"unit,month,group,points,captured_at\nXA-C,2025-07,digitisation,12.5,2025-08-01\n"
    import_scores(text, FORMULA, CODES)
    frame = official_scores(date(2025, 7, 1), ["XA-C"])
    assert _value(frame, "XA-C", "digitisation") == (12.5, pd.Timestamp("2025-08-01"))


def test_importing_again_replaces_the_value_held(store):
    import_scores(GOOD, FORMULA, CODES)
    again = b"unit,month,group,points\nXA-AB,2025-07,total,70.25\nXA-D,2025-07,total,40\n"
    done = import_scores(again, FORMULA, CODES)
    assert (done.scores, done.replaced) == (2, 1)
    frame = official_scores(date(2025, 7, 1), ["XA-AB", "XA-D"])
    assert _value(frame, "XA-AB", "total") == (70.25, pd.Timestamp(TODAY))
    assert _value(frame, "XA-AB", "progress")[0] == 15.25  # the others stay
    assert _value(frame, "XA-D", "total")[0] == 40


BAD_ROWS = [
    ("XA-Z,2025-07,total,50", "không có đơn vị nào mã 'XA-Z'"),
    ("XA-C,2025-13,total,50", "tháng '2025-13' không phải YYYY-MM hay MM/YYYY"),
    ("XA-C,2025-09,total,50", "tháng '2025-09' ngoài khoảng từ 06/2022 đến 08/2025"),
    ("XA-C,2022-05,total,50", "tháng '2022-05' ngoài khoảng"),
    ("XA-C,2025-07,payments,3", "nhóm 'payments' không có (các nhóm: total, transparency"),
    ("XA-C,2025-07,progress,25", "điểm 25,00 lớn hơn 20 điểm của nhóm progress"),
    ("XA-C,2025-07,total,-1", "điểm '-1' không phải một số không âm"),
    ("XA-C,2025-07,total,1.234", "điểm '1.234' không phải một số không âm"),
    ("XA-C,2025-07,total,", "điểm '' không phải"),
    ("XA-C,2025-07,total,50,2025-06-30", "ngày lấy số 30/06/2025 ngoài khoảng"),
    ("XA-C,2025-07,total,50,2025-08-21", "ngày lấy số 21/08/2025 ngoài khoảng"),
    ("XA-C,2025-07,total,50,hôm qua", "ngày lấy số 'hôm qua' không phải YYYY-MM-DD"),
    ("XA-C,2025-07,total,50,2025-08-01,x", "có 6 ô, tiêu đề chỉ có 5 cột"),
]


@pytest.mark.parametrize("line, said", BAD_ROWS, ids=[said[:24] for _, said in BAD_ROWS])
def test_a_wrong_row_is_named_with_its_row_number(line, said):
    text = f"unit,month,group,points,captured_at\nXA-AB,2025-07,total,60\n{line}\n".encode()
    with pytest.raises(OfficialError) as raised:
        parse(text, FORMULA, CODES, TODAY)
    assert str(raised.value).startswith("không nhập dòng nào, 1 dòng sai: dòng 3: ")
    assert said in str(raised.value)


def test_a_file_with_wrong_rows_imports_nothing(store):
    import_scores(GOOD, FORMULA, CODES)
    before = store.read_bytes()
    rows = ["XA-AB,2025-07,total,10"] + [f"XA-Z{n},2025-07,total,50" for n in range(5)]
    rows.append("XA-AB,07/2025,Tổng điểm,11")  # the same unit, month and group as row 2
    text = ("unit,month,group,points\n" + "\n".join(rows) + "\n").encode()
    with pytest.raises(OfficialError) as raised:
        import_scores(text, FORMULA, CODES)
    said = str(raised.value)
    assert said.startswith("không nhập dòng nào, 6 dòng sai: dòng 3: không có đơn vị nào mã")
    assert "dòng 4:" in said and "dòng 5:" in said and said.endswith("và 3 dòng sai khác")
    only_duplicate = b"unit,month,group,points\nXA-AB,2025-07,total,10\nXA-AB,07/2025,tong,11\n"
    with pytest.raises(OfficialError, match="dòng 3: trùng đơn vị, tháng và nhóm với dòng 2"):
        import_scores(only_duplicate, FORMULA, CODES)
    assert store.read_bytes() == before  # the value held is untouched
    assert _value(official_scores(date(2025, 7, 1), ["XA-AB"]), "XA-AB", "total")[0] == 68.5


@pytest.mark.parametrize(
    "data, said",
    [
        (b"", "tệp trống"),
        (b"unit,month,group,points\n", "tệp không có dòng điểm nào"),
        (b"unit,month,group\nXA-C,2025-07,total\n", "thiếu cột points"),
        (b"unit,code,month,group,points\n", "hai cột cùng là unit ('code')"),
        (b"unit,month,group,points,ghi chu\n", "cột 'ghi chu' không dùng được (các cột: unit,"),
        # Latin-1, as an old spreadsheet saves it.
        (b"unit,month,group,points\nXA-C,2025-07,T\xf4ng,50\n", "không phải văn bản UTF-8"),
    ],
)  # fmt: skip
def test_a_wrong_file_is_refused_whole(data, said):
    with pytest.raises(OfficialError, match=said.replace("(", r"\(").replace(")", r"\)")):
        parse(data, FORMULA, CODES, TODAY)


def test_an_unreadable_store_says_so(store):
    store.parent.mkdir(parents=True)
    store.write_bytes(b"not a database at all" * 100)
    with pytest.raises(OfficialError, match="không đọc được kho điểm chính thức"):
        official_scores(date(2025, 7, 1), ["XA-AB"])


# `python -m dashboard import766 FILE`.


def _digest(url: str) -> str:
    return hashlib.sha256(Path(url.removeprefix("sqlite:///")).read_bytes()).hexdigest()


def test_the_command_imports_into_its_own_store(backend, make_db, store, tmp_path):
    url = make_db(backend, fixture_766.ROWS)
    file = tmp_path / "diem-766.csv"
    file.write_bytes(GOOD)
    before = _digest(url) if backend.startswith("sqlite") else None
    outcome = run("import766", str(file), "--db", url)
    assert outcome.status == 0, outcome.stderr
    assert outcome.stdout == ""
    assert outcome.stderr.strip().endswith(
        "official766.sqlite: đã nhập 4 điểm chính thức của 3 đơn vị, tháng 06/2025, 07/2025 "
        "(0 điểm thay điểm đã có)"
    )
    assert store.exists()
    if before is not None:  # the one-stop database is only read
        assert _digest(url) == before
    frame = official_scores(date(2025, 7, 1), ["XA-AB"])
    assert _value(frame, "XA-AB", "total")[0] == 68.5


def test_the_command_refuses_a_wrong_file_a_missing_one_and_a_wrong_formula(
    make_db, store, tmp_path, monkeypatch
):
    url = make_db("sqlite", fixture_766.ROWS)
    file = tmp_path / "diem.csv"
    file.write_text("unit,month,group,points\nXA-Q,2025-07,total,50\n", encoding="utf-8")
    said = refusal("import766", str(file), "--db", url)
    assert (
        said
        == f"lỗi: {file}: không nhập dòng nào, 1 dòng sai: dòng 2: không có đơn vị nào mã 'XA-Q'"
    )
    assert not store.exists()
    missing = refusal("import766", str(tmp_path / "khong-co.csv"), "--db", url)
    assert "không có tệp hay thư mục này" in missing
    wrong = tmp_path / "index766.toml"
    shipped = DEFAULT_PATH.read_text(encoding="utf-8")
    wrong.write_text(shipped.replace("points = 22", "points = 2"), encoding="utf-8")
    monkeypatch.setenv(ENV, str(wrong))
    assert "[official.…] là 80" in refusal("import766", str(file), "--db", url)
