"""Source text as people read it: without invisible characters, in one Unicode form.

A name can carry characters no one sees: a right-to-left override (U+202E) turns the rest
of a line around, a zero-width space splits a word for a search but not for the eye, and
"Xã Nhơn Ái" typed with combining accents is another string than the same name composed.
Two rows then read "Xã Nhơn Ái", and a filter or a spreadsheet's lookup tells them apart
while a person cannot. Every string read from the source is shown and exported through
`plain`: the invisible characters removed, NFC. Nothing is merged: rows stay what the
queries made them (two units whose names become one stay two, by code).
"""

import dataclasses
import re
import unicodedata

import pandas as pd

# Bidirectional controls (marks, embeddings, overrides, isolates) and zero-width characters.
INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


def plain(value):
    """A string without invisible characters, NFC; any other value unchanged."""
    if not isinstance(value, str):
        return value
    return unicodedata.normalize("NFC", INVISIBLE.sub("", value))


def needed(value) -> bool:
    """`plain` changes this value."""
    return plain(value) != value


def cleaned(value):
    """`value` with `plain` applied to every string in it: a frame's text cells, a dict's,
    list's or tuple's items, a dataclass's fields (a query's result, whatever its shape)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = [f.name for f in dataclasses.fields(value) if f.init]
        return dataclasses.replace(value, **{f: cleaned(getattr(value, f)) for f in fields})
    if isinstance(value, pd.DataFrame):
        text = value.select_dtypes(include=["object", "string"]).columns
        return value.assign(**{c: value[c].map(plain, na_action="ignore") for c in text})
    if isinstance(value, dict):
        return {key: cleaned(item) for key, item in value.items()}
    if isinstance(value, list) or type(value) is tuple:
        return type(value)(cleaned(item) for item in value)
    return plain(value)
