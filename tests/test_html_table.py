"""dashboard/html_table.py: one look for the tables a leader reads and clicks."""

import pandas as pd

from dashboard import html_table


def test_names_read_from_the_left_and_a_wide_table_scrolls_on_a_phone():
    css = html_table.style("ranking", text_columns=(2, 4))
    assert "table.ranking td {text-align: right;" in css  # figures
    assert "table.ranking td:first-child {text-align: left;}" in css
    assert "table.ranking td:nth-child(2) {text-align: left;}" in css  # the unit's name
    assert "table.ranking td:nth-child(4) {text-align: left;}" in css
    assert "nth-child(3)" not in css
    assert "@media (max-width: 640px) {table.ranking {display: block; overflow-x: auto;}}" in css
    assert css.count("<style>") == css.count("</style>") == 1
    assert "nth-child" not in html_table.style("units")


def test_every_cell_is_escaped_and_linked_where_asked():
    shown = pd.DataFrame({"Hạng": ["1"], "Đơn vị": ["<b>Xã A</b>"]})
    links = pd.DataFrame({"Hạng": [""], "Đơn vị": ["?unit=A&x=1"]})
    table = html_table.html_table(shown, "ranking", links)
    assert "<td>1</td>" in table
    assert '<a href="?unit=A&amp;x=1" target="_self">&lt;b&gt;Xã A&lt;/b&gt;</a>' in table
