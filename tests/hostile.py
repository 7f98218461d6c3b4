"""A copy of the demo whose names, reasons and comments are written by an attacker.

Every string the dashboard reads from the source can hold HTML, Markdown or a
spreadsheet formula. Each carries the marker `EVIL` so a test can find where it
surfaced, and each tries a different trick: a fixed overlay, a link, Streamlit's
own Markdown (colours, LaTeX), an image with a script, a heading.
"""

import shutil
import sqlite3
from pathlib import Path

OVERLAY = '<div style="position:fixed;top:0;left:0;width:100%;height:100%">EVIL1 100%</div>'
LINK = "[EVIL2 bấm vào đây](http://evil.example/)"
STREAMLIT_MARKDOWN = "**EVIL3** :red[đỏ] $x^2$ <img src=x onerror=alert(1)>"
SCRIPT = "<script>alert('EVIL4')</script>Nguyễn Văn A"
REASON = "[EVIL5](http://evil.example/) <b>in đậm</b>"
COMMENT = "<h1>EVIL6</h1>"
FORMULA = '=HYPERLINK("http://evil.example/","EVIL7")'

# Raw markup that must never reach the page as markup, whatever element shows the text.
ACTIVE = ("<div style", "<img src", "<script>", "<h1>EVIL", "<b>in", "<marquee>")

# What gets which string: (statement, parameters). Units by kind and rank so the strings
# land on a receiving commune, another commune and a department alike.
_UPDATES = [
    (
        "UPDATE units SET name = ? WHERE id = (SELECT min(id) FROM units WHERE kind = 'commune')",
        (OVERLAY,),
    ),
    (
        "UPDATE units SET name = ? WHERE id = (SELECT max(id) FROM units WHERE kind = 'commune')",
        (LINK,),
    ),
    (
        "UPDATE units SET name = ? WHERE id = "
        "(SELECT min(id) FROM units WHERE kind = 'department')",
        (STREAMLIT_MARKDOWN,),
    ),
    ("UPDATE officers SET full_name = ?", (SCRIPT,)),
    ("UPDATE dossiers SET late_reason = ? WHERE late_reason IS NOT NULL", (REASON,)),
    ("UPDATE dossiers SET applicant_name = ? WHERE applicant_name IS NOT NULL", (FORMULA,)),
    ("UPDATE ratings SET comment = ? WHERE comment IS NOT NULL", (COMMENT,)),
    ("UPDATE facilities SET name = ?", ("<marquee>EVIL8</marquee>",)),
    ("UPDATE ocop_products SET name = ?, producer = ?", (LINK, COMMENT)),
]


def hostile_copy(demo_path: str, directory: Path) -> str:
    """A copy of the SQLite demo at `demo_path` with the strings above planted."""
    path = directory / "hostile.sqlite"
    shutil.copy(demo_path, path)
    with sqlite3.connect(path) as conn:
        for statement, parameters in _UPDATES:
            conn.execute(statement, parameters)
    return str(path)


def hostile_codes(url: str) -> dict[str, str]:
    """The codes of the units renamed above: overlay, link and markdown."""
    with sqlite3.connect(url) as conn:
        rows = conn.execute(
            "SELECT name, code FROM units WHERE name IN (?, ?, ?)",
            (OVERLAY, LINK, STREAMLIT_MARKDOWN),
        ).fetchall()
    names = {OVERLAY: "overlay", LINK: "link", STREAMLIT_MARKDOWN: "markdown"}
    return {names[name]: code for name, code in rows}


def plant_postgres(url: str) -> None:
    """The same strings planted in a PostgreSQL copy of the demo at `url` (psycopg's
    placeholders)."""
    import psycopg
    from sqlalchemy.engine import make_url

    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(plain) as conn:
        for statement, parameters in _UPDATES:
            conn.execute(statement.replace("?", "%s"), parameters)
