"""The units switch on the pages that list units: by today's units unless the URL says
`don-vi=ghi-nhan`, written back to the URL; absent where the data never reorganised."""

from tests import fixture_reorg as reorg
from tests import fixture_week
from tests.apptest import html_tables, run_view

W27 = {"start": "2025-06-30", "end": "2025-07-06"}


def _unit_names(at) -> list[str]:
    return [row[0][0] for row in html_tables(at, "units")[0][1:]]


def test_the_units_view_reads_today_s_units_then_as_recorded(monkeypatch, make_db):
    at = run_view(monkeypatch, make_db("sqlite", reorg.ROWS), "views/units.py", W27)
    assert not at.exception
    switch = at.button_group(key="units_reading")
    assert switch.value == "current"
    names = _unit_names(at)
    assert "Xã A-B" in names and "Xã A" not in names
    assert "Xã S (đến 30/06/2025)" in names
    switch.set_value("recorded").run()
    assert not at.exception
    assert at.query_params["don-vi"] == "ghi-nhan"
    assert at.query_params["start"] == "2025-06-30"
    assert "Xã A (đến 30/06/2025)" in _unit_names(at)


def test_a_link_as_recorded_opens_as_recorded(monkeypatch, make_db):
    url = make_db("sqlite", reorg.ROWS)
    at = run_view(monkeypatch, url, "views/late.py", {**W27, "don-vi": "ghi-nhan"})
    assert not at.exception
    assert at.button_group(key="units_reading").value == "recorded"
    overview = run_view(monkeypatch, url, "views/overview.py", {"tuan": "2025-W27"})
    assert not overview.exception
    captions = " ".join(caption.value for caption in overview.caption)
    assert "Đơn vị đã thôi hoạt động, không xếp hạng: Bộ phận Một cửa huyện (đến 30/06/2025)" in (
        captions
    )


def test_no_switch_where_the_data_never_reorganised(monkeypatch, make_db):
    at = run_view(monkeypatch, make_db("sqlite", fixture_week.ROWS), "views/units.py")
    assert not at.exception
    assert not [group for group in at.button_group if group.key == "units_reading"]


def test_households_and_officers_across_the_merger(monkeypatch, make_db):
    url = make_db("sqlite", reorg.WITH_ADOPTION)
    at = run_view(monkeypatch, url, "views/adoption.py", {"day": "2025-07-31"})
    assert not at.exception
    assert at.button_group(key="units_reading").value == "current"
    # XA-AB's own report and XA-S2's, not XA-A's and XA-B's old ones besides.
    assert at.metric[2].value == "600"  # Tổng số hộ
    rated = run_view(monkeypatch, url, "views/satisfaction.py", W27)
    assert not rated.exception
    captions = " ".join(caption.value for caption in rated.caption)
    assert "cán bộ là người, không phải đơn vị" in captions
