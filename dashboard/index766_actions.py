"""What would move a unit's 766 estimate this month: from its own counts (a row of
dashboard.index766.scored), the actions worth the most points, in plain Vietnamese
("Trả thêm 8 kết quả điện tử: +1,60 điểm").

One action at most per computed group (docs/decisions.md, "What would move the 766
estimate"):
- progress: the dossiers within time that fall due before the month ends (`progress_due`)
  resolved on time; left to go overdue they would cost what they now earn, so the action
  *keeps* those points. Resolving an overdue dossier late earns none: it stays late.
- online, payment, result_digital, components_digital: more of the group's own base
  dossiers counted in its numerator (its base unchanged): all the rest, or, with a
  `full_at`, just enough to reach full points.
- satisfaction: more satisfied ratings (its base grows with them), enough to reach
  `full_at`; without a reachable `full_at` no number of ratings reaches full points.
A group with no ratio (a base of 0, or its columns absent) has no action. Every action's
points are the score recomputed with it applied, by the formula's own Group.score on the
same float division as dashboard.index766.scored, so the two never disagree.
"""

import math
from dataclasses import dataclass
from fractions import Fraction

import pandas as pd

from dashboard import fmt
from dashboard.index766 import DUE
from dashboard.index766_formula import Formula, Group

SHOWN = 3  # the actions per unit
# The groups whose action adds to the base too: a new rating is a new rating.
ADDS_TO_BASE = ("satisfaction",)
# What each action says, `{n}` its dossiers (or ratings), `{points}` and `{verb}` after it.
SAYINGS = {
    "progress": "Giải quyết đúng hạn {n} hồ sơ đến hạn từ nay đến cuối tháng",
    "online": "Thêm {n} hồ sơ nộp trực tuyến",
    "payment": "Thêm {n} hồ sơ nộp phí trực tuyến",
    "result_digital": "Trả thêm {n} kết quả giải quyết điện tử",
    "components_digital": "Số hóa thành phần cho thêm {n} hồ sơ",
    "satisfaction": "Thêm {n} phiếu đánh giá hài lòng",
}


@dataclass(frozen=True)
class Action:
    """`count` more of `key`'s numerator (and base, for ADDS_TO_BASE) earn `points`; for
    progress (`keeps`), `count` dossiers resolved on time keep `points` that going
    overdue would cost."""

    key: str
    count: int
    points: float
    keeps: bool = False

    @property
    def said(self) -> str:
        """What to do: `Thêm 20 hồ sơ nộp phí trực tuyến`."""
        return SAYINGS[self.key].format(n=fmt.number(self.count))

    @property
    def worth(self) -> str:
        """What it is worth: `+0,90 điểm`, or `giữ 1,60 điểm` for progress."""
        return f"{'giữ ' if self.keeps else '+'}{fmt.number(self.points, 2)} điểm"

    @property
    def text(self) -> str:
        return f"{self.said}: {self.worth}"


def _count(row, name: str) -> int | None:
    value = row.get(name)
    return None if value is None or pd.isna(value) else int(value)


def _score(group: Group, numerator: int, denominator: int) -> float:
    # As queries.ratios.rate divides: float64 by float64.
    return group.score(float(numerator) / float(denominator))


def _reaching(group: Group, numerator: int, denominator: int, adds_to_base: bool) -> int | None:
    """How many more make `group` full: all the rest when it has no `full_at`; else the
    fewest whose ratio reaches it (None: no number does)."""
    if group.full_at is None:
        return None if adds_to_base else denominator - numerator
    # The threshold as written in the file (0.8 is 4/5), not its binary neighbour.
    aim = Fraction(str(group.full_at))
    if adds_to_base:  # (num + n) / (den + n) >= aim
        if aim == 1:
            return None
        needed = math.ceil((aim * denominator - numerator) / (1 - aim))
    else:  # (num + n) / den >= aim
        needed = math.ceil(aim * denominator) - numerator
    return max(needed, 0)


def _action(group: Group, row) -> Action | None:
    numerator = _count(row, f"{group.key}_num")
    denominator = _count(row, f"{group.key}_den")
    if numerator is None or not denominator:
        return None
    now = _score(group, numerator, denominator)
    if group.key == "progress":
        due = _count(row, DUE) or 0
        points = now - _score(group, numerator - due, denominator)
        return Action(group.key, due, points, keeps=True) if due else None
    adds = group.key in ADDS_TO_BASE
    more = _reaching(group, numerator, denominator, adds)
    if not more:
        return None
    after = _score(group, numerator + more, denominator + more * adds)
    return Action(group.key, more, after - now) if after > now else None


def actions(row, formula: Formula, shown: int = SHOWN) -> list[Action]:
    """The unit's `shown` actions worth the most points, most first (the formula's order
    between equals); fewer when fewer groups can move. `row`: a mapping of its counts."""
    found = [_action(group, row) for group in formula.computed]
    found = [action for action in found if action is not None and action.points > 0]
    return sorted(found, key=lambda action: -action.points)[:shown]


@dataclass(frozen=True)
class UnitActions:
    """A unit's estimate (`estimate` of `max_points`) and its actions."""

    name: str
    estimate: float
    max_points: float
    actions: list[Action]

    @property
    def score_text(self) -> str:
        """`34,75/54 điểm`: never out of 100 (the points that could be computed)."""
        return f"{fmt.number(self.estimate, 2)}/{fmt.number(self.max_points)} điểm"


def weakest(frame: pd.DataFrame, formula: Formula, serving: pd.Series, shown: int) -> list:
    """Of the units in `frame` (dashboard.index766.scored) still in service (`serving`,
    dashboard.unit_reading.in_service) that some action moves, the `shown` with the lowest
    estimate (as a share of their maximum) first, each with its actions."""
    ranked = frame[serving & frame["percent"].notna()].sort_values(
        ["percent", "name"], kind="stable"
    )
    found = []
    for _, row in ranked.iterrows():
        moves = actions(row, formula)
        if moves:
            found.append(UnitActions(row["name"], row["estimate"], row["max_points"], moves))
        if len(found) == shown:
            break
    return found
