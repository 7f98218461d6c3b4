"""The topic pages' figures on the demo reproduce the district report, on both engines.

One demo up to 2023-03-31 is built per engine for the whole session. The
figures are the ones the district reported for 2022 and on 2023-03-09
(docs/decisions.md, "Demo database"), reached here through the same query
functions the views and `kpis --topic` call.
"""

import json
from datetime import date

import pytest

from dashboard import figures, fmt
from dashboard.cli import main
from dashboard.totals import total_row
from queries.cashless import cashless_by_kind, facility_list
from queries.connection import readonly_engine
from queries.ocop import listing_by_platform
from queries.period import Period

REPORT = date(2023, 3, 9)
YEAR_2022 = Period(date(2022, 1, 1), date(2022, 12, 31))
ENGINES = ("sqlite", "postgresql")


@pytest.fixture(params=ENGINES)
def engine(request, demo_urls):
    engine = readonly_engine(demo_urls[request.param])
    yield engine
    engine.dispose()


def test_satisfaction_over_99_percent_in_2022(engine):
    by_unit = figures.satisfaction_by_unit(engine, YEAR_2022)
    satisfied = by_unit["very_satisfied"].sum() + by_unit["satisfied"].sum()
    assert satisfied / by_unit["ratings"].sum() > 0.99
    # The monthly line adds up to the same ratings.
    months = figures.satisfaction_series(engine, YEAR_2022, "month")
    assert len(months) == 12
    assert months["ratings"].sum() == by_unit["ratings"].sum()


def test_cashless_on_the_report_date(engine):
    kinds = cashless_by_kind(engine, Period(date(2023, 1, 1), REPORT)).set_index("kind")
    # All 10 health stations take cashless payment; 3 markets are "chợ 4.0".
    assert kinds.loc["health_station", ["facilities", "cashless_facilities"]].tolist() == [10, 10]
    assert kinds.loc["market", "cashless_facilities"] == 3
    markets = facility_list(engine, REPORT, kind="market")
    assert markets["takes_cashless"].sum() == 3


def test_households_on_the_report_date(engine):
    by_commune = figures.adoption_by_commune(engine, REPORT)
    assert by_commune["as_of"].notna().sum() == 10  # every commune has reported
    total = total_row(by_commune).iloc[0]  # the district total, as the view shows it
    counts = ["households", "households_onboarded", "public_service_accounts", "e_wallet_accounts"]
    assert [int(total[c]) for c in counts] == [26768, 24092, 24822, 23544]
    assert fmt.percent(total["onboarded_rate"]) == "90,0%"
    # The district line ends on the same figures.
    history = figures.adoption_history(engine, REPORT)
    assert history.iloc[-1]["households_onboarded"] == 24092
    assert history["households_onboarded"].is_monotonic_increasing


def test_ecommerce_on_the_report_date(engine):
    rows = listing_by_platform(engine, REPORT).set_index("platform")
    assert rows.loc["voso", "listed_products"] == 16
    assert rows.loc["ALL", "seller_accounts"] > 350


@pytest.mark.parametrize("name", ENGINES)
def test_the_cli_prints_the_same_figures(capsys, demo_urls, name):
    def records(topic):
        period = ["--start", "2023-01-01", "--end", REPORT.isoformat()]
        assert main(["kpis", "--topic", topic, "--db", demo_urls[name], *period]) == 0
        return json.loads(capsys.readouterr().out)

    adoption = records("adoption")
    assert sum(r["households_onboarded"] for r in adoption) == 24092
    assert sum(r["households"] for r in adoption) == 26768
    ocop = {r["platform"]: r for r in records("ocop")}
    assert ocop["voso"]["listed_products"] == 16
    cashless = {r["kind"]: r for r in records("cashless")}
    assert cashless["health_station"]["cashless_facilities"] == 10
    assert cashless["market"]["cashless_facilities"] == 3
