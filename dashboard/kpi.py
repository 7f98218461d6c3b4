"""The KPI registry: each dossier and satisfaction KPI defined once.

A KPI has a key (the column name in frames, exports and `kpis` output), its
Vietnamese label and short label (tiles, narrow tables), whether it is a count
or a rate, which direction is better, and for a rate its formula over the
counts (data-contract.md). Everything that shows, exports or ranks a KPI reads
it from here; targets come from config/targets.toml (dashboard.targets).
"""

from dataclasses import dataclass

import pandas as pd

from queries.contract import RATING_LEVELS
from queries.ratios import rate

COUNT, RATE = "count", "rate"


@dataclass(frozen=True)
class Kpi:
    key: str
    label: str
    short_label: str
    kind: str = COUNT  # COUNT or RATE: formats and totals follow it
    higher_is_better: bool | None = None  # None: neither (more dossiers received)
    # A rate: the counts summed above the line and the counts summed below it, pairs of
    # alternatives (the first pair a frame has: the cohort splits "in time" into early and
    # on time, the week does not).
    numerators: tuple[tuple[str, ...], ...] = ()
    denominators: tuple[tuple[str, ...], ...] = ()

    @property
    def is_rate(self) -> bool:
        return self.kind == RATE

    def inputs(self, columns) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
        """The counts above and below the line in a frame with `columns`; None if absent."""
        pairs = zip(self.numerators, self.denominators, strict=True)
        return next((p for p in pairs if set(p[0]) | set(p[1]) <= set(columns)), None)

    def compute(self, frame: pd.DataFrame) -> pd.Series:
        """The rate over `frame`'s counts, row by row (missing where the base is 0)."""
        above, below = self.inputs(frame.columns)
        return rate(sum(frame[name] for name in above), sum(frame[name] for name in below))


def _count(key: str, label: str, short_label: str | None = None, better=None) -> Kpi:
    return Kpi(key, label, short_label or label, COUNT, better)


REGISTRY: dict[str, Kpi] = {
    kpi.key: kpi
    for kpi in (
        _count("received", "Tiếp nhận"),
        _count("received_online", "Trực tuyến"),
        _count("finished", "Đã giải quyết"),
        _count("resolved_early", "Trước hạn"),
        _count("resolved_on_time", "Đúng hạn"),
        _count("resolved_late", "Trễ hạn", better=False),
        # The week as a flow: finished in the week whenever received.
        _count("finished_in_time", "Đúng hạn"),
        _count("finished_late", "Trễ hạn", better=False),
        # Open and overdue at the week's end, whatever the receipt date (the backlog).
        _count("overdue_open", "Đang quá hạn", better=False),
        _count("withdrawn", "Rút hồ sơ"),
        _count("open", "Đang giải quyết"),
        _count("open_overdue", "Đang giải quyết quá hạn", "Đang quá hạn", better=False),
        _count("very_satisfied", "Rất hài lòng"),
        _count("satisfied", "Hài lòng"),
        _count("dissatisfied", "Không hài lòng"),
        # Household digital adoption (a commune's latest snapshot).
        _count("households", "Tổng số hộ"),
        _count("households_onboarded", "Hộ được hướng dẫn"),
        _count("public_service_accounts", "Tài khoản DVC"),
        _count("e_wallet_accounts", "Ví điện tử"),
        _count("e_health_records", "Sổ sức khỏe điện tử"),
        # Rates, in the order they are added to a frame (and so printed by `kpis`).
        Kpi(
            "on_time_rate",
            "Tỷ lệ đúng hạn",
            "Đúng hạn",
            RATE,
            True,
            (("resolved_early", "resolved_on_time"), ("finished_in_time",)),
            # Over the finished dossiers that can be judged: early + on time + late, which is
            # every finished one where the data keep the contract. One without an appointment
            # (due_at) is neither in time nor late; the page says how many (dashboard.quality).
            (
                ("resolved_early", "resolved_on_time", "resolved_late"),
                ("finished_in_time", "finished_late"),
            ),
        ),
        Kpi(
            "online_rate",
            "Tỷ lệ trực tuyến",
            "Nộp trực tuyến",
            RATE,
            True,
            (("received_online",),),
            (("received",),),
        ),
        _count("ratings", "Số đánh giá"),
        Kpi(
            "satisfaction_rate",
            "Tỷ lệ hài lòng",
            "Hài lòng",
            RATE,
            True,
            (("very_satisfied", "satisfied"),),
            (("ratings",),),
        ),
        Kpi(
            "onboarded_rate",
            "Tỷ lệ hộ được hướng dẫn",
            "Hộ được hướng dẫn",
            RATE,
            True,
            (("households_onboarded",),),
            (("households",),),
        ),
    )
}
COUNTS = tuple(key for key, kpi in REGISTRY.items() if not kpi.is_rate)
RATES = tuple(key for key, kpi in REGISTRY.items() if kpi.is_rate)
LABELS = {key: kpi.label for key, kpi in REGISTRY.items()}
SATISFACTION_LEVELS = RATING_LEVELS
SATISFACTION_FULL_MARKS = 0.90  # Bộ chỉ số 766 gives full marks from 90% satisfied
FEW_RATINGS = 30  # an officer with fewer ratings in the period is shown but not ranked


def with_rates(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with every registered rate its counts allow, (re)computed from those counts.

    The total of the rating levels (`ratings`) comes first when the levels are
    there, so the satisfaction rate can follow from it.
    """
    if set(RATING_LEVELS) <= set(frame.columns):
        frame = frame.assign(ratings=frame[list(RATING_LEVELS)].sum(axis=1))
    rates = {}
    for key in RATES:
        if REGISTRY[key].inputs(frame.columns):
            rates[key] = REGISTRY[key].compute(frame)
    return frame.assign(**rates)


def rank_officers(frame: pd.DataFrame, few: int = FEW_RATINGS) -> pd.DataFrame:
    """Officers' level counts, best ranked first: adds `ratings`, `satisfaction_rate`,
    `few_ratings` (fewer than `few` ratings) and `rank` (1 = most satisfied; ties share a
    rank; none when few, listed after the ranked ones)."""
    frame = with_rates(frame)
    few_ratings = frame["ratings"] < few
    ranked = frame["satisfaction_rate"].where(~few_ratings)
    frame = frame.assign(
        few_ratings=few_ratings, rank=ranked.rank(method="min", ascending=False).astype("Int64")
    )
    order = ["few_ratings", "rank", "ratings", "name"]
    return frame.sort_values(
        order, ascending=[True, True, False, True], na_position="last"
    ).reset_index(drop=True)
