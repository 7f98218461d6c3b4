"""URL query parameters: good values pass, bad ones get a default and a plain message."""

from datetime import date

import pytest

from dashboard.params import QueryParams, encode, parse_date, shown
from queries.period import Period

DEFAULT = Period(date(2022, 1, 1), date(2022, 3, 31))
UNITS = ["CTA", "CTA-MN"]


def test_valid_values_pass_without_messages():
    params = QueryParams(
        {"unit": "CTA-MN", "page": "3", "start": "2022-03-01", "end": "31/03/2022"}
    )
    assert params.choice("unit", UNITS, "đơn vị") == "CTA-MN"
    assert params.integer("page", "trang", 1, 10, 1) == 3
    assert params.period(DEFAULT) == Period(date(2022, 3, 1), date(2022, 3, 31))
    assert params.problems == []


def test_missing_values_take_defaults_silently():
    params = QueryParams({"unit": "  ", "page": ""})
    assert params.choice("unit", UNITS, "đơn vị", default="CTA") == "CTA"
    assert params.integer("page", "trang", 1, 10, 1) == 1
    assert params.period(DEFAULT) == DEFAULT
    assert params.problems == []


@pytest.mark.parametrize(
    "value", ["NOPE", "CTA'; DROP TABLE dossiers; --", '"><script>alert(1)</script>', "cta"]
)
def test_unknown_code_gives_the_default_and_a_message(value):
    params = QueryParams({"unit": value})
    assert params.choice("unit", UNITS, "đơn vị") is None
    [message] = params.problems
    assert message.startswith("Không có đơn vị `")
    assert message.endswith("đang hiển thị tất cả.")


@pytest.mark.parametrize(
    ("value", "expected", "message"),
    [
        ("-1", 1, "Trang `-1` nằm ngoài khoảng 1–7; dùng 1."),
        ("1000000000000", 7, "Trang `1000000000000` nằm ngoài khoảng 1–7; dùng 7."),
        ("9" * 5000, 7, None),  # too long for int(): still clamped, message cut short
        ("10^12", 1, "Trang `10^12` không phải là số; dùng 1."),
        ("2.5", 1, "Trang `2.5` không phải là số; dùng 1."),
        ("٣", 1, "Trang `٣` không phải là số; dùng 1."),  # not an ASCII digit
        ("1;DROP", 1, "Trang `1;DROP` không phải là số; dùng 1."),
    ],
)
def test_bad_page_numbers(value, expected, message):
    params = QueryParams({"page": value})
    assert params.integer("page", "trang", 1, 7, 1) == expected
    assert len(params.problems) == 1
    if message:
        assert params.problems == [message]
    else:
        assert "…" in params.problems[0] and len(params.problems[0]) < 120


def test_reversed_period_is_swapped_with_a_message():
    params = QueryParams({"start": "2022-03-31", "end": "2022-03-01"})
    assert params.period(DEFAULT) == Period(date(2022, 3, 1), date(2022, 3, 31))
    assert params.problems == [
        "Ngày bắt đầu (31/03/2022) sau ngày kết thúc (01/03/2022); đã đổi chỗ hai ngày."
    ]


@pytest.mark.parametrize(
    "bad",
    [
        "2022-02-30",
        "2022-13-01",
        "31/02/2022",
        "tomorrow",
        "9999-12-31",
        "0001-01-01",
        "2022-3-1'; --",
    ],
)
def test_impossible_dates_take_the_default(bad):
    params = QueryParams({"start": bad, "end": "2022-03-15"})
    assert params.period(DEFAULT) == Period(date(2022, 1, 1), date(2022, 3, 15))
    [message] = params.problems
    assert message.startswith("Ngày `")
    assert message.endswith("dùng 01/01/2022.")


def test_one_sided_period():
    # Only a start after the default end: that single day.
    assert QueryParams({"start": "2022-05-02"}).period(DEFAULT) == Period(
        date(2022, 5, 2), date(2022, 5, 2)
    )
    # Only an end: from the default start.
    assert QueryParams({"end": "2022-02-10"}).period(DEFAULT) == Period(
        date(2022, 1, 1), date(2022, 2, 10)
    )


def test_repeated_parameter_takes_the_last():
    assert QueryParams({"unit": ["CTA", "CTA-MN"]}).choice("unit", UNITS, "đơn vị") == "CTA-MN"


def test_parse_date():
    assert parse_date("2022-03-31") == date(2022, 3, 31)
    assert parse_date("1/3/2022") == date(2022, 3, 1)
    assert parse_date("2022-03-31T00:00") is None


def test_shown_values_are_inert_and_short():
    assert shown("a`b\nc") == "`a'bc`"
    assert shown("x" * 100) == "`" + "x" * 40 + "…`"


def test_encode_leaves_out_defaults_and_none():
    values = {"start": date(2022, 3, 1), "unit": None, "state": "overdue", "days": 3, "page": 1}
    defaults = {"state": "overdue", "page": 1}
    assert encode(values, defaults) == {"start": "2022-03-01", "days": "3"}
