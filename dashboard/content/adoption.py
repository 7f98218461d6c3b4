"""What the households view shows, as plain data: its tiles, the communes' rates, the
district's growth over time, the table by commune and its messages."""

from datetime import date

import pandas as pd

from dashboard import fmt
from queries import adoption as q

TABLES = q.TABLES  # what the page reads: one missing stops it with a plain message
COMMUNE_COLUMNS = {
    "name": ("Xã, thị trấn", None),
    "as_of": ("Báo cáo ngày", fmt.date),
    "households": ("Số hộ", fmt.number),
    "households_onboarded": ("Hộ được hướng dẫn", fmt.number),
    "onboarded_rate": ("Tỷ lệ hộ", fmt.percent),
    "public_service_accounts": ("Tài khoản dịch vụ công", fmt.number),
    "e_wallet_accounts": ("Ví điện tử", fmt.number),
    "e_health_records": ("Sổ sức khỏe điện tử", fmt.number),
}
GROWTH_SERIES = {
    "households": "Tổng số hộ",
    "households_onboarded": "Hộ được hướng dẫn",
    "public_service_accounts": "Tài khoản dịch vụ công",
    "e_wallet_accounts": "Ví điện tử",
}


def no_reports(day: date) -> str:
    return f"Chưa có xã, thị trấn nào báo cáo đến ngày {fmt.date(day)}."


def caption(day: date, reported: int, communes: int) -> str:
    return (
        f"Số liệu của lần báo cáo gần nhất của mỗi xã, thị trấn đến hết ngày {fmt.date(day)} "
        f"({fmt.number(reported)} trên {fmt.number(communes)} xã, thị trấn đã báo cáo)."
    )


def tiles(total: pd.Series) -> list[tuple[str, str, str | None]]:
    """(label, value, help): the district's share of households guided, then each count."""
    return [
        (
            "Tỷ lệ hộ",
            fmt.percent(total["onboarded_rate"]),
            f"{fmt.number(total['households_onboarded'])} trên {fmt.number(total['households'])}"
            " hộ được hướng dẫn cài đặt dịch vụ công trực tuyến, ứng dụng của tỉnh và thanh "
            "toán không dùng tiền mặt.",
        ),
        ("Hộ được hướng dẫn", fmt.number(total["households_onboarded"]), None),
        ("Tổng số hộ", fmt.number(total["households"]), None),
        ("Tài khoản DVC", fmt.number(total["public_service_accounts"]), "Tài khoản dịch vụ công."),
        ("Ví điện tử", fmt.number(total["e_wallet_accounts"]), None),
        ("Sổ sức khỏe điện tử", fmt.number(total["e_health_records"]), None),
    ]


def rate_dots(reported: pd.DataFrame) -> pd.DataFrame:
    """The communes that reported, each with its "onboarded/households hộ" for the chart."""
    detail = (
        reported["households_onboarded"].map(fmt.number)
        + "/"
        + reported["households"].map(fmt.number)
        + " hộ"
    )
    return reported.assign(detail=detail)


def growth(history: pd.DataFrame) -> pd.DataFrame:
    """The district's counts by report day, one row per day and series (GROWTH_SERIES)."""
    long = history.melt(
        id_vars=["as_of"], value_vars=list(GROWTH_SERIES), var_name="measure", value_name="value"
    )
    return long.assign(series=long["measure"].map(GROWTH_SERIES))
