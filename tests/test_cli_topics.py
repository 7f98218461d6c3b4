"""`python -m dashboard kpis --topic …` prints the figures of the topic pages."""

import csv
import io
import json

import pytest

from dashboard.cli import main
from tests import fixture_topics

pytestmark = pytest.mark.engines_only  # over queries tested in both SQLite forms


def _run(capsys, *args):
    assert main(["kpis", *args]) == 0
    return capsys.readouterr().out


def _records(capsys, url, topic, start, end):
    out = _run(capsys, "--topic", topic, "--db", url, "--start", str(start), "--end", str(end))
    return json.loads(out)


@pytest.fixture
def url(backend, make_db):
    return make_db(backend, fixture_topics.ROWS)


def test_satisfaction(capsys, url):
    records = _records(capsys, url, "satisfaction", *fixture_topics.SATISFACTION_PERIOD)
    assert list(records[0]) == [
        "group",
        "name",
        "very_satisfied",
        "satisfied",
        "dissatisfied",
        "ratings",
        "satisfaction_rate",
    ]
    cta = records[0]
    # As in test_satisfaction_queries: 2 + 2 of 7.
    assert (cta["group"], cta["ratings"], cta["dissatisfied"]) == ("CTA", 7, 3)
    assert cta["satisfaction_rate"] == pytest.approx(4 / 7)
    assert next(r for r in records if r["group"] == "CTA-BN")["satisfaction_rate"] is None


def test_cashless(capsys, url):
    records = _records(capsys, url, "cashless", *fixture_topics.CASHLESS_PERIOD)
    assert [r["kind"] for r in records] == [
        "health_station",
        "market",
        "school_canteen",
        "hospital_canteen",
    ]
    market = records[1]
    for key, value in {
        "facilities": 2,
        "cashless_facilities": 1,
        "payments": 3000,
        "cashless_payments": 430,
        "cashless_amount": 53_000_000,
    }.items():
        assert market[key] == value


def test_adoption_uses_the_end_only(capsys, url):
    # The start does not matter: each commune's latest snapshot on or before the end.
    records = _records(capsys, url, "adoption", "2023-03-01", fixture_topics.ADOPTION_END)
    same = _records(capsys, url, "adoption", "2020-01-01", fixture_topics.ADOPTION_END)
    assert records == same
    assert list(records[0])[:5] == [
        "group",
        "name",
        "households",
        "households_onboarded",
        "onboarded_rate",
    ]
    mot_ngan = next(r for r in records if r["group"] == "CTA-MN")
    assert (mot_ngan["households"], mot_ngan["households_onboarded"]) == (1010, 910)
    assert mot_ngan["public_service_accounts"] == 920
    assert mot_ngan["e_wallet_accounts"] == 880 and mot_ngan["e_health_records"] == 700
    tan_hoa = next(r for r in records if r["group"] == "CTA-TH")
    assert tan_hoa["households"] is None


def test_ocop_has_an_all_record(capsys, url):
    records = _records(capsys, url, "ocop", "2023-01-01", fixture_topics.OCOP_END)
    assert records[-1] == {
        "platform": "ALL",
        "seller_accounts": 4,
        "listed_products": 3,
        "listed_products_3_star_plus": 2,
        "products_3_star_plus": 4,
        "listed_share_3_star_plus": 0.5,
    }
    voso = records[0]
    assert (voso["platform"], voso["seller_accounts"], voso["listed_products"]) == ("voso", 3, 3)


def test_csv(capsys, make_db):
    url = make_db("sqlite", fixture_topics.ROWS)
    out = _run(
        capsys,
        "--topic",
        "ocop",
        "--db",
        url,
        "--start",
        "2023-03-09",
        "--end",
        "2023-03-09",
        "--format",
        "csv",
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[-1]["platform"] == "ALL" and rows[-1]["listed_share_3_star_plus"] == "0.5"


def test_dossiers_stay_the_default_topic(capsys, make_db):
    url = make_db("sqlite", fixture_topics.ROWS)
    records = json.loads(_run(capsys, "--db", url, "--start", "2022-03-01", "--end", "2022-03-31"))
    assert "received" in records[0] and "on_time_rate" in records[0]


def test_missing_tables_give_a_plain_error(make_db):
    # A real one-stop database has no OCOP tables.
    url = make_db("sqlite", fixture_topics.ONE_STOP_ROWS, tables=fixture_topics.ONE_STOP_TABLES)
    args = ["--topic", "ocop", "--db", url, "--start", "2023-01-01", "--end", "2023-03-09"]
    # A plain message as the exit status (Python prints it, without a traceback).
    with pytest.raises(SystemExit) as exit_:
        main(["kpis", *args])
    assert "chưa có bảng ocop_products, product_listings, seller_accounts" in str(exit_.value.code)
