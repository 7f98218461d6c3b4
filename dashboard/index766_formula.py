"""The 766 estimate's formula: weights and thresholds read from config/index766.toml (or
the file DASHBOARD_INDEX766 names) and checked before any figure is computed.

The groups computed from the one-stop's rows are the contract's keys (KEYS, in its
order); the others are listed with their points so that the reader knows what the
estimate leaves out. The portal's own groups (`official`), out of 100 together, are those
an imported official score names (dashboard.official766). A wrong or missing value stops
with a Vietnamese sentence naming its key (FormulaError), never a figure computed from a
guess. No database, no streamlit.
"""

import math
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

ENV = "DASHBOARD_INDEX766"
DEFAULT_PATH = Path(__file__).resolve().parent.parent / "config" / "index766.toml"
# data-contract.md, "The 766 index, estimated from the one-stop's own rows", in its order.
KEYS = ("progress", "online", "payment", "result_digital", "components_digital", "satisfaction")
TOTAL_POINTS = 100  # Decision 766 scores every unit out of 100
OFFICIAL_TOTAL = "total"  # an official score's whole, out of TOTAL_POINTS


class FormulaError(ValueError):
    """The formula file cannot be read or holds a wrong or missing value (in Vietnamese)."""


@dataclass(frozen=True)
class Group:
    """A group of the index: `points` at most; with `full_at`, full points from that ratio."""

    key: str
    name: str
    points: float
    full_at: float | None = None

    def score(self, ratio: float) -> float:
        if self.full_at is None:
            return self.points * ratio
        return min(self.points, self.points * ratio / self.full_at)


@dataclass(frozen=True)
class Formula:
    version: str
    missing_note: str
    computed: tuple[Group, ...]  # KEYS' groups, in KEYS' order
    not_computed: tuple[Group, ...]
    official: tuple[Group, ...]  # the portal's groups, as it publishes the score

    def group(self, key: str) -> Group:
        return next(group for group in self.computed if group.key == key)


def formula_path() -> Path:
    return Path(os.environ.get(ENV) or DEFAULT_PATH)


def load_formula(path: Path | None = None) -> Formula:
    """The formula in `path` (default: formula_path()), checked; FormulaError otherwise."""
    path = path or formula_path()
    try:
        with open(path, "rb") as f:
            config = tomllib.load(f)
    except OSError as error:
        raise FormulaError(f"không mở được tệp công thức 766 {path}: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise FormulaError(f"tệp công thức 766 {path} sai cú pháp TOML: {error}") from None
    try:
        return _formula(config)
    except FormulaError as error:
        raise FormulaError(f"tệp công thức 766 {path}: {error}") from None


def _formula(config: dict) -> Formula:
    computed = _table(config, "computed")
    unknown = sorted(set(computed) - set(KEYS))
    if unknown:
        raise FormulaError(
            f"[computed.{unknown[0]}] không phải nhóm tính được từ dữ liệu Một cửa "
            f"(các nhóm: {', '.join(KEYS)})"
        )
    missing = [key for key in KEYS if key not in computed]
    if missing:
        raise FormulaError(f"thiếu mục [computed.{missing[0]}]")
    formula = Formula(
        version=_text(config, "version", "version"),
        missing_note=_text(config, "missing_note", "missing_note"),
        computed=tuple(_group(f"computed.{key}", key, computed[key]) for key in KEYS),
        not_computed=_groups(config, "not_computed"),
        official=_groups(config, "official"),
    )
    _out_of_100(formula.computed + formula.not_computed, "các nhóm")
    if OFFICIAL_TOTAL in {group.key for group in formula.official}:
        raise FormulaError(f"[official.{OFFICIAL_TOTAL}]: tên này dành cho tổng điểm")
    _out_of_100(formula.official, "các nhóm [official.…]")
    return formula


def _groups(config: dict, key: str) -> tuple[Group, ...]:
    entries = _table(config, key)
    return tuple(_group(f"{key}.{name}", name, entry) for name, entry in entries.items())


def _out_of_100(groups: tuple[Group, ...], which: str) -> None:
    total = sum(group.points for group in groups)
    if not math.isclose(total, TOTAL_POINTS):
        raise FormulaError(
            f"tổng points của {which} là {total:g}, không phải {TOTAL_POINTS} điểm của Bộ chỉ số"
        )


def _table(config: dict, key: str) -> dict:
    value = config.get(key)
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise FormulaError(f"thiếu các mục [{key}.…] (mỗi nhóm một mục)")
    return value


def _text(entry: dict, key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise FormulaError(f"thiếu {where} (một dòng chữ)")
    return value.strip()


def _number(entry: dict, key: str, where: str) -> float | None:
    value = entry.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise FormulaError(f"{where} = {value!r}: cần một số")
    return float(value)


def _group(where: str, key: str, entry: dict) -> Group:
    points = _number(entry, "points", f"[{where}] points")
    if points is None:
        raise FormulaError(f"[{where}] thiếu points (số điểm tối đa của nhóm)")
    if points < 0:
        raise FormulaError(f"[{where}] points = {points:g}: số điểm không được âm")
    full_at = _number(entry, "full_at", f"[{where}] full_at")
    if full_at is not None and not 0 < full_at <= 1:
        raise FormulaError(
            f"[{where}] full_at = {full_at:g}: cần một tỷ lệ lớn hơn 0 và không quá 1 (0,8 là 80%)"
        )
    return Group(key, _text(entry, "name", f"[{where}] name"), points, full_at)
