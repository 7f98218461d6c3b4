"""The official 766 scores the national portal published, imported from a CSV file into the
dashboard's own small store (never the one-stop database, which the app only reads), to be
shown beside the estimate with the date each was captured.

The file (`python -m dashboard import766 FILE`; README, "The official 766 score"): one
row per unit, month and group, columns named in English or Vietnamese, in any order:
`unit` (mã đơn vị: the unit's code in the one-stop database), `month` (tháng: `2025-07`
or `07/2025`), `group` (nhóm: `total`/`Tổng điểm`, or one of the formula's [official.*]
groups by key or name), `points` (điểm: `68,5` or `68.5`, from 0 to the group's points)
and, optionally, `captured_at` (ngày lấy số: `2025-08-05` or `05/08/2025`; empty or
absent: the day of the import) and `name` (tên đơn vị, ignored). Comma, semicolon or tab
separated, UTF-8 (a spreadsheet's byte-order mark too). Every row is checked before any
is written: one wrong row and nothing is imported, the message naming the rows (by the
spreadsheet's numbering, the header being row 1). A unit, month and group imported again
replaces the value held (the portal corrects itself; the store is ours).

The store: `official766.sqlite` in the state folder (dashboard.state_dir.state_dir,
DASHBOARD_STATE_DIR). `official_scores(month, codes)` reads it: a value never imported is
missing (NA), never 0.
"""

import csv
import io
import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from dashboard import fmt
from dashboard.index766_formula import OFFICIAL_TOTAL, TOTAL_POINTS, Formula, Group, load_formula
from dashboard.params import parse_date
from dashboard.state_dir import state_dir
from queries.period import local_now

FILE_NAME = "official766.sqlite"
TOTAL_NAME = "Tổng điểm"
FIRST_MONTH = date(2022, 6, 1)  # Decision 766/QĐ-TTg was signed on 23/06/2022
MAX_BYTES = 10_000_000  # a province's units, every month and group, are far fewer
PROBLEMS_SHOWN = 3  # the command says them on one line
# Each column's accepted headers, written plain (dấu removed, lower case, one space).
HEADERS = {
    "unit": ("unit", "unit code", "code", "ma don vi"),
    "month": ("month", "thang", "ky"),
    "group": ("group", "nhom", "nhom chi so"),
    "points": ("points", "score", "diem"),
    "captured_at": ("captured at", "captured", "ngay lay so", "ngay cap nhat"),
    "name": ("name", "unit name", "ten don vi", "don vi"),  # read by a person, not here
}
REQUIRED = ("unit", "month", "group", "points")
TOTAL_WORDS = ("total", "tong", "tong diem", "tong so")
_MONTH = (re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})"), re.compile(r"(?P<m>\d{1,2})/(?P<y>\d{4})"))
# Two decimals at most, as the portal shows them: `1.234` is never read as 1,234 points.
_POINTS = re.compile(r"\d{1,3}(?:[.,]\d{1,2})?")
SCHEMA = """CREATE TABLE IF NOT EXISTS official_scores (
  unit_code TEXT NOT NULL, month TEXT NOT NULL, key TEXT NOT NULL, points REAL NOT NULL,
  captured_at TEXT NOT NULL, imported_at TEXT NOT NULL,
  PRIMARY KEY (unit_code, month, key))"""


class OfficialError(ValueError):
    """A file that cannot be imported, or a store that cannot be read (in Vietnamese)."""


@dataclass(frozen=True)
class Score:
    unit: str
    month: str  # YYYY-MM
    key: str  # OFFICIAL_TOTAL or a formula's official group
    points: float
    captured_at: date


@dataclass(frozen=True)
class Imported:
    scores: int
    replaced: int
    units: int
    months: tuple[str, ...]
    store: Path


def store_path() -> Path:
    return state_dir() / FILE_NAME


def _plain(text: str) -> str:
    """`Mã đơn vị` → `ma don vi`: a header or a group's name as compared."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().replace("_", " ").replace("-", " ").split())


def _shown(text: str) -> str:
    """A value from the file, quoted and cut short for a message."""
    return repr(text if len(text) <= 40 else text[:40] + "…")


def groups(formula: Formula) -> list[Group]:
    """The groups an official score names: the total, then the portal's."""
    return [Group(OFFICIAL_TOTAL, TOTAL_NAME, TOTAL_POINTS), *formula.official]


def _columns(header: list[str]) -> dict[str, int]:
    """Each column's position by the header; OfficialError naming what is wrong."""
    known = {plain: column for column, names in HEADERS.items() for plain in names}
    found: dict[str, int] = {}
    for position, text in enumerate(header):
        column = known.get(_plain(text))
        if column is None:
            accepted = ", ".join(HEADERS)
            raise OfficialError(f"cột {_shown(text)} không dùng được (các cột: {accepted})")
        if column in found:
            raise OfficialError(f"hai cột cùng là {column} ({_shown(text)})")
        found[column] = position
    missing = [column for column in REQUIRED if column not in found]
    if missing:
        raise OfficialError(f"thiếu cột {', '.join(missing)}")
    return found


def _month(text: str, today: date) -> str:
    for pattern in _MONTH:
        match = pattern.fullmatch(text)
        if match and 1 <= int(match["m"]) <= 12:
            first = date(int(match["y"]), int(match["m"]), 1)
            if not FIRST_MONTH <= first <= today:
                raise ValueError(
                    f"tháng {_shown(text)} ngoài khoảng từ {fmt.month(FIRST_MONTH)} "
                    f"đến {fmt.month(today)}"
                )
            return f"{first:%Y-%m}"
    raise ValueError(f"tháng {_shown(text)} không phải YYYY-MM hay MM/YYYY")


def _names(formula: Formula) -> dict[str, Group]:
    """Each group by its key, its name and, for the total, its Vietnamese words (plain)."""
    listed = groups(formula)
    names = dict.fromkeys(TOTAL_WORDS, listed[0])
    for group in listed:
        names |= {_plain(group.key): group, _plain(group.name): group}
    return names


def _group(text: str, formula: Formula) -> Group:
    found = _names(formula).get(_plain(text))
    if found is None:
        keys = ", ".join(group.key for group in groups(formula))
        raise ValueError(f"nhóm {_shown(text)} không có (các nhóm: {keys})")
    return found


def _points(text: str, group: Group) -> float:
    if not _POINTS.fullmatch(text):
        raise ValueError(
            f"điểm {_shown(text)} không phải một số không âm, tối đa hai chữ số thập phân "
            "(68,5 hoặc 68.5)"
        )
    value = float(text.replace(",", "."))
    if value > group.points:
        raise ValueError(
            f"điểm {fmt.number(value, 2)} lớn hơn {fmt.number(group.points)} điểm của nhóm "
            f"{group.key}"
        )
    return value


def _captured(text: str, month: str, today: date) -> date:
    if not text:
        return today
    day = parse_date(text)
    if day is None:
        raise ValueError(f"ngày lấy số {_shown(text)} không phải YYYY-MM-DD hay DD/MM/YYYY")
    if f"{day:%Y-%m}" < month or day > today:
        raise ValueError(
            f"ngày lấy số {fmt.date(day)} ngoài khoảng từ đầu tháng được chấm đến hôm nay"
        )
    return day


def _text(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise OfficialError(f"tệp lớn hơn {fmt.number(MAX_BYTES // 1_000_000)} MB")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise OfficialError("tệp không phải văn bản UTF-8 (lưu lại dạng CSV UTF-8)") from None


def _trimmed(record: list[str]) -> list[str]:
    """A record's cells, stripped, without the empty ones a spreadsheet leaves at its end."""
    cells = [cell.strip() for cell in record]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def parse(data: bytes, formula: Formula, codes, today: date) -> list[Score]:
    """The scores of a file's bytes, every row checked (the units against `codes`, the
    database's); OfficialError listing the wrong rows, with nothing returned, otherwise."""
    text = _text(data)
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count)
    records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not records or not _trimmed(records[0]):
        raise OfficialError("tệp trống: cần một dòng tiêu đề và các dòng điểm")
    header = _trimmed(records[0])
    columns = _columns(header)
    codes = set(codes)
    scores, problems, seen = [], [], {}
    for row, record in enumerate(records[1:], start=2):
        cells = _trimmed(record)
        if not cells:
            continue  # a blank line
        try:
            if len(cells) > len(header):
                raise ValueError(f"có {len(cells)} ô, tiêu đề chỉ có {len(header)} cột")
            cells += [""] * (len(header) - len(cells))
            cell = {column: cells[position] for column, position in columns.items()}
            if cell["unit"] not in codes:
                raise ValueError(f"không có đơn vị nào mã {_shown(cell['unit'])}")
            month = _month(cell["month"], today)
            group = _group(cell["group"], formula)
            points = _points(cell["points"], group)
            captured = _captured(cell.get("captured_at", ""), month, today)
            earlier = seen.setdefault((cell["unit"], month, group.key), row)
            if earlier != row:
                raise ValueError(f"trùng đơn vị, tháng và nhóm với dòng {earlier}")
            scores.append(Score(cell["unit"], month, group.key, points, captured))
        except ValueError as problem:
            problems.append(f"dòng {row}: {problem}")
    if problems:
        shown = "; ".join(problems[:PROBLEMS_SHOWN])
        more = len(problems) - PROBLEMS_SHOWN
        rest = f"; và {fmt.number(more)} dòng sai khác" if more > 0 else ""
        raise OfficialError(
            f"không nhập dòng nào, {fmt.number(len(problems))} dòng sai: {shown}{rest}"
        )
    if not scores:
        raise OfficialError("tệp không có dòng điểm nào dưới dòng tiêu đề")
    return scores


def save(scores: list[Score], path: Path | None = None) -> int:
    """Write `scores` into the store, all or none (one transaction), each replacing the
    value held for its unit, month and group; how many it replaced."""
    path = path or store_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    imported_at = local_now().isoformat(timespec="seconds")
    connection = sqlite3.connect(path, timeout=30)
    try:
        with connection:  # commits, or rolls back on any error
            connection.execute(SCHEMA)
            replaced = 0
            for score in scores:
                key = (score.unit, score.month, score.key)
                held = connection.execute(
                    "SELECT 1 FROM official_scores WHERE unit_code = ? AND month = ? AND key = ?",
                    key,
                ).fetchone()
                replaced += held is not None
                connection.execute(
                    "INSERT INTO official_scores VALUES (?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (unit_code, month, key) DO UPDATE SET points = excluded.points, "
                    "captured_at = excluded.captured_at, imported_at = excluded.imported_at",
                    (*key, score.points, score.captured_at.isoformat(), imported_at),
                )
    finally:
        connection.close()
    return replaced


def import_scores(data: bytes, formula: Formula, codes, path: Path | None = None) -> Imported:
    """Check a file's bytes and import them (OfficialError, nothing written, when a row is
    wrong); `codes`: the units of the database."""
    scores = parse(data, formula, codes, local_now().date())
    replaced = save(scores, path)
    months = tuple(sorted({score.month for score in scores}))
    units = len({score.unit for score in scores})
    return Imported(len(scores), replaced, units, months, path or store_path())


def official_scores(
    month: date, codes, formula: Formula | None = None, path: Path | None = None
) -> pd.DataFrame:
    """The official scores of `month` (its month; any day of it) for the units `codes`:
    one row per unit and group (the total first, then the portal's groups), columns
    `group` (the unit's code, as in dashboard.index766), `key`, `name`, `max_points`,
    `points` and `captured_at`; a value never imported is missing (NA, NaT), never 0."""
    listed = groups(formula or load_formula())
    grid = pd.DataFrame(
        [(code, g.key, g.name, g.points) for code in codes for g in listed],
        columns=["group", "key", "name", "max_points"],
    )
    held = _held(f"{month:%Y-%m}", list(dict.fromkeys(codes)), path or store_path())
    frame = grid.merge(held, on=["group", "key"], how="left")
    frame["points"] = frame["points"].astype("Float64")
    frame["captured_at"] = pd.to_datetime(frame["captured_at"])
    return frame


def _held(month: str, codes: list[str], path: Path) -> pd.DataFrame:
    columns = ["group", "key", "points", "captured_at"]
    if not codes or not path.exists():
        return pd.DataFrame(columns=columns)
    marks = ", ".join("?" * len(codes))
    query = (
        "SELECT unit_code, key, points, captured_at FROM official_scores "
        f"WHERE month = ? AND unit_code IN ({marks})"
    )
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = connection.execute(query, [month, *codes]).fetchall()
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise OfficialError(f"không đọc được kho điểm chính thức {path}: {error}") from None
    return pd.DataFrame(rows, columns=columns)
