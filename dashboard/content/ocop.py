"""What the OCOP view shows, as plain data: its tiles, products by stars, sellers' accounts
by platform and by holder, the listings against the province's target."""

from datetime import date

import pandas as pd

from dashboard import fmt
from dashboard.labels import HOLDER_KIND_NAMES, PLATFORM_NAMES
from queries import ocop as q

TABLES = q.TABLES  # what the page reads: one missing stops it with a plain message
TARGET = {"Mục tiêu": 1.0}  # all products of 3 stars or more on a platform
PLATFORM_COLUMNS = {
    "platform_name": ("Sàn", None),
    "seller_accounts": ("Tài khoản bán hàng", fmt.number),
    "listed_products": ("Sản phẩm OCOP đang bán", fmt.number),
    "listed_products_3_star_plus": ("Sản phẩm 3 sao trở lên đang bán", fmt.number),
    "listed_share_3_star_plus": ("Tỷ lệ trên số sản phẩm 3 sao trở lên", fmt.percent),
}
NO_ACCOUNTS = "Chưa có tài khoản bán hàng nào."


def platform_name(platform: str) -> str:
    return PLATFORM_NAMES.get(platform, platform)


def all_platforms(listing: pd.DataFrame) -> pd.Series:
    """The listing's row of all platforms together (each product counted once)."""
    return listing.set_index("platform").loc[q.ALL_PLATFORMS]


def nothing_yet(day: date) -> str:
    return f"Chưa có sản phẩm OCOP hay tài khoản bán hàng nào đến ngày {fmt.date(day)}."


def tiles(all_row: pd.Series, products: int) -> list[tuple[str, str, str | None]]:
    """(label, value, help): the share listed against the target, then the counts."""
    listed = all_row["listed_products_3_star_plus"]
    target_products = all_row["products_3_star_plus"]
    return [
        (
            "Tỷ lệ lên sàn",
            fmt.percent(all_row["listed_share_3_star_plus"]),
            "Sản phẩm OCOP 3 sao trở lên đang bán trên ít nhất một sàn thương mại điện tử; "
            "mục tiêu của tỉnh là 100%.",
        ),
        ("Sản phẩm 3 sao+ lên sàn", f"{fmt.number(listed)}/{fmt.number(target_products)}", None),
        ("Sản phẩm OCOP", fmt.number(products), "Sản phẩm được công nhận đến ngày đã chọn."),
        ("Tài khoản bán hàng", fmt.number(all_row["seller_accounts"]), None),
    ]


def star_bars(stars: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Products by commune and stars with their "N sao" labels, and the labels' order."""
    labels = stars.assign(star_label=stars["stars"].map(lambda n: f"{n} sao"))
    return labels, [f"{n} sao" for n in sorted(stars["stars"].unique())]


def account_growth(growth: pd.DataFrame, listing: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Accounts by month and platform, named, and the platforms in the listing's order."""
    named = growth.assign(platform_name=growth["platform"].map(platform_name))
    order = [platform_name(p) for p in listing["platform"] if p in set(growth["platform"])]
    return named, order


def platforms_shown(listing: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The platforms with any figure and the row of all platforms (the table), and the
    platforms alone with their "N sản phẩm" (the chart)."""
    shown = listing.assign(platform_name=listing["platform"].map(platform_name))
    has_figures = (shown["seller_accounts"] > 0) | (shown["listed_products"] > 0)
    shown = shown[has_figures | (shown["platform"] == q.ALL_PLATFORMS)]
    on_platforms = shown[shown["platform"] != q.ALL_PLATFORMS]
    detail = on_platforms["listed_products_3_star_plus"].map(fmt.number) + " sản phẩm"
    return shown, on_platforms.assign(detail=detail)


def all_platforms_note(all_row: pd.Series) -> str:
    return (
        "Dòng “Tất cả các sàn”: mỗi sản phẩm tính một lần dù bán trên nhiều sàn; "
        f"{fmt.number(all_row['products_3_star_plus'])} sản phẩm 3 sao trở lên được công nhận."
    )


def holder_table(accounts: pd.DataFrame) -> pd.DataFrame:
    """Seller accounts: one row per platform, one column per kind of holder, and totals."""
    wide = accounts.pivot_table(
        index="platform",
        columns="holder_kind",
        values="seller_accounts",
        aggfunc="sum",
        fill_value=0,
    )
    kinds = [k for k in HOLDER_KIND_NAMES if k in wide.columns]
    kinds += [k for k in wide.columns if k not in kinds]
    wide = wide[kinds]
    wide["total"] = wide.sum(axis=1)
    wide.loc["ALL"] = wide.sum()
    wide = wide.reset_index()
    columns = {"platform_name": ("Sàn", None)}
    columns |= {k: (HOLDER_KIND_NAMES.get(k, k), fmt.number) for k in kinds}
    columns["total"] = ("Tổng", fmt.number)
    return fmt.table(wide.assign(platform_name=wide["platform"].map(platform_name)), columns)
