"""Personal data masked wherever it is shown or exported: applicants' names.

`Nguyễn Văn An` → `Nguyễn V. A.` (DESIGN.md); the query layer hands names over
as stored, and everything the dashboard shows of a dossier passes through here.
"""

import html
import math
import re
import unicodedata

import pandas as pd

MISSING = "–"


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


# A script or style element goes with its content; any other tag leaves its text.
_SCRIPT = re.compile(r"<(script|style)\b.*?(</\1\s*>|$)", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def _letters(word: str) -> str:
    return "".join(ch for ch in word if ch.isalpha() or unicodedata.category(ch).startswith("M"))


def mask_name(name) -> str:
    """A person's name reduced to the family name and initials: `Nguyễn Văn An` → `Nguyễn V. A.`.

    A one-word name is still personal data, so only its initial is kept (`An` → `A.`).
    Missing or empty → `–`. Markup and anything that is not a letter is dropped
    (`<b>Lê</b> Thị <script>` → `Lê T.`), so the result is safe as text, Markdown or HTML.
    """
    if _missing(name):
        return MISSING
    text = html.unescape(unicodedata.normalize("NFC", str(name)))
    text = _TAG.sub(" ", _SCRIPT.sub(" ", text))
    words = [w for w in (_letters(part) for part in text.split()) if w]
    if not words:
        return MISSING
    initials = [f"{w[0].upper()}." for w in words]
    if len(words) == 1:
        return initials[0]
    return " ".join([words[0], *initials[1:]])
