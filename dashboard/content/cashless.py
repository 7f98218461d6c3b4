"""What the cashless view shows, as plain data: a tile per kind of place, the monthly shares,
the market stalls, the table by kind and the lists of places."""

from datetime import date

import pandas as pd

from dashboard import fmt
from dashboard.labels import FACILITY_KIND_NAMES
from queries import cashless as q
from queries.period import Period

TABLES = q.TABLES  # what the page reads: one missing stops it with a plain message
MILLION = 1_000_000
KIND_COLUMNS = {
    "kind_name": ("Loại nơi thu", None),
    "facilities": ("Số nơi", fmt.number),
    "cashless_facilities": ("Nhận không tiền mặt", fmt.number),
    "cashless_facility_share": ("Tỷ lệ nơi", fmt.percent),
    "cashless_since": ("Nơi đầu tiên từ", fmt.date),
    "payments": ("Lượt thanh toán", fmt.number),
    "cashless_payments": ("Lượt không tiền mặt", fmt.number),
    "cashless_payment_share": ("Tỷ lệ lượt", fmt.percent),
    "amount_million": ("Giá trị không tiền mặt (triệu đồng)", fmt.number),
}
MARKET_COLUMNS = {
    "name": ("Chợ", None),
    "commune": ("Xã, thị trấn", None),
    "cashless_since": ("Từ ngày", fmt.date),
}
FACILITY_COLUMNS = {
    "name": ("Nơi thu", None),
    "kind_name": ("Loại", None),
    "commune": ("Xã, thị trấn", None),
    "cashless_since": ("Nhận không tiền mặt từ", fmt.date),
}
NO_PLACES = "Cơ sở dữ liệu chưa có nơi thu nào (trạm y tế, chợ, căng tin)."
NO_MONTHS = "Không có số liệu thanh toán theo tháng trong khoảng thời gian này."


def kind_name(kind: str) -> str:
    return FACILITY_KIND_NAMES.get(kind, kind)


def caption(period: Period) -> str:
    return (
        f"Số nơi nhận thanh toán không dùng tiền mặt tính đến hết ngày {fmt.date(period.end)}; "
        f"lượt và giá trị thanh toán của các tháng {fmt.period(period.start, period.end)} "
        "(tháng có ngày đầu tháng nằm trong khoảng)."
    )


def tiles(by_kind: pd.DataFrame, end: date) -> list[tuple[str, str, str | None]]:
    """(label, value, help): places taking cashless payment of each kind that has any, then
    the period's cashless amount in millions of đồng."""
    tiles = [
        (
            kind_name(row["kind"]),
            f"{fmt.number(row['cashless_facilities'])}/{fmt.number(row['facilities'])}",
            f"Nhận thanh toán không dùng tiền mặt đến {fmt.date(end)}.",
        )
        for row in by_kind.to_dict("records")
        if row["facilities"]
    ]
    amount = by_kind["cashless_amount"].sum() / MILLION
    tiles.append(
        (
            "Giá trị (triệu đồng)",
            fmt.number(amount),
            "Tổng giá trị thanh toán không dùng tiền mặt của các tháng trong kỳ, triệu đồng.",
        )
    )
    return tiles


def share_months(months: pd.DataFrame, by_kind: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The monthly shares by kind of place for the chart, and the kinds' order (the table's)."""
    by_month = months.assign(period=months["month"], kind_name=months["kind"].map(kind_name))
    order = [kind_name(k) for k in by_kind["kind"] if k in set(months["kind"])]
    return by_month, order


def market_stalls(months: pd.DataFrame) -> pd.DataFrame:
    """The markets' months with stall counts, for the chart of stalls taking cashless payment."""
    stalls = months[(months["kind"] == "market") & months["vendors"].notna()]
    return stalls.assign(period=stalls["month"])


def stalls_caption(stalls: pd.DataFrame) -> str:
    last = stalls.iloc[-1]
    return (
        f"Tháng {fmt.month(last['month'])}: {fmt.number(last['cashless_vendors'])} trong "
        f"{fmt.number(last['vendors'])} sạp đang kinh doanh nhận thanh toán không tiền mặt."
    )


def kind_table(by_kind: pd.DataFrame) -> pd.DataFrame:
    amount_million = by_kind["cashless_amount"] / MILLION
    table = by_kind.assign(kind_name=by_kind["kind"].map(kind_name), amount_million=amount_million)
    return fmt.table(table, KIND_COLUMNS)


def named_places(facilities: pd.DataFrame) -> pd.DataFrame:
    return facilities.assign(kind_name=facilities["kind"].map(kind_name))


def markets_40(facilities: pd.DataFrame) -> pd.DataFrame:
    """The markets taking cashless payment (a "chợ 4.0")."""
    return facilities[(facilities["kind"] == "market") & facilities["takes_cashless"]]


def no_markets(end: date) -> str:
    return f"Đến {fmt.date(end)} chưa có chợ nào nhận thanh toán không dùng tiền mặt."
