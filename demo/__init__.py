"""The Châu Thành A demo database builder: apart from the app, imported only by `demo` commands.

`build(out, until=…, scale=…, seed=…)` writes the contract's tables from the
district report's facts (builder.py); the rest are its parts.
"""

from demo.builder import build

__all__ = ["build"]
