"""The Châu Thành A demo database builder: apart from the app, imported only by `demo` commands.

`build(out, until=…, scale=…, seed=…, replace=…)` writes the contract's tables from
the district report's facts (builder.py); the rest are its parts. What it refuses
it raises as DemoError, with a message for people.
"""

from demo.builder import build
from demo.errors import DemoError

__all__ = ["DemoError", "build"]
