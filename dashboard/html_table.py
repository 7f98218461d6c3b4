"""A table of display strings as HTML: cells on their own colours, some of them links.

For the tables a leader reads and clicks (the overview's ranking, the unit tables):
`st.dataframe` cannot colour a cell by a traffic light or make a name a link in the
same tab. Every value is escaped, so a name from the database stays text.
"""

import html

import pandas as pd

# One look for every such table: ruled cells, figures right-aligned, subtotal and total rows
# in bold on a tint, links in the text's own colour; on a phone a wide table scrolls
# sideways inside its own box rather than running off the screen.
STYLE = """<style>
table.{name} {{border-collapse: collapse; width: 100%; font-size: 1.08rem;}}
table.{name} th, table.{name} td {{border: 1px solid #D1D5DB; padding: 0.35rem 0.6rem;}}
table.{name} th {{background: #E5EDF7; text-align: center; font-weight: 600;}}
table.{name} td {{text-align: right; font-variant-numeric: tabular-nums;}}
table.{name} td:first-child {{text-align: left;}}
table.{name} tr.subtotal td {{font-weight: 600; background: #F3F5F9;}}
table.{name} tr.total td {{font-weight: 700; background: #E5EDF7;}}
table.{name} a {{color: inherit;}}
@media (max-width: 640px) {{table.{name} {{display: block; overflow-x: auto;}}}}
</style>"""


def style(css_class: str, text_columns: tuple[int, ...] = ()) -> str:
    """The CSS of the tables of `css_class`, to go on the page before them. `text_columns`:
    the columns (1-based) read from the left besides the first, as text is: a unit's name
    after its rank, a sentence."""
    lefts = "".join(
        f"table.{css_class} td:nth-child({column}) {{text-align: left;}}" for column in text_columns
    )
    css = STYLE.format(name=css_class)
    return css.replace("</style>", f"{lefts}</style>") if lefts else css


def _cells(frame: pd.DataFrame) -> list[tuple]:
    """The frame's cells, row by row."""
    return list(frame.itertuples(index=False, name=None))


def html_table(
    shown: pd.DataFrame,
    css_class: str,
    links: pd.DataFrame | None = None,
    styles: pd.DataFrame | None = None,
    row_classes: list[str] | None = None,
) -> str:
    """`shown` (display strings) as `<table class="{css_class}">`.

    `links` and `styles`, frames shaped like `shown`, give each cell an address to link
    to and its CSS ("" for none); `row_classes` a class per row (e.g. "total").
    """
    head = "".join(f"<th>{html.escape(str(column))}</th>" for column in shown.columns)
    # Each frame's cells read once, row by row (a cell at a time is most of a long table).
    texts = _cells(shown)
    hrefs = _cells(links) if links is not None else None
    css = _cells(styles) if styles is not None else None
    rows = []
    for index in range(len(shown)):
        cells = []
        for column_index in range(len(shown.columns)):
            text = html.escape(str(texts[index][column_index]))
            href = hrefs[index][column_index] if hrefs is not None else ""
            if href:
                text = f'<a href="{html.escape(href)}" target="_self">{text}</a>'
            style = css[index][column_index] if css is not None else ""
            style_attribute = f' style="{html.escape(style)}"' if style else ""
            cells.append(f"<td{style_attribute}>{text}</td>")
        row_class = row_classes[index] if row_classes else ""
        row_attribute = f' class="{html.escape(row_class)}"' if row_class else ""
        rows.append(f"<tr{row_attribute}>{''.join(cells)}</tr>")
    return (
        f'<table class="{html.escape(css_class)}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
