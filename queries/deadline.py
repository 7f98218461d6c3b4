"""One time limit for everything a view reads.

A view runs several statements. Behind a lock, each of them waiting out the
statement timeout held a page for a multiple of it (the overview: three
statements, 48.6 s). The page sets one deadline for its run instead; every
statement gets only what is left of it (PostgreSQL: `SET LOCAL
statement_timeout`; SQLite: a progress handler that interrupts the statement),
and a statement that would start after it does not start.

The deadline lives in a context variable: Streamlit runs each page run in its
own thread, and a cached figure is computed in the thread that asked for it.
"""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_deadline: ContextVar[float | None] = ContextVar("read_deadline", default=None)


class DeadlineExceeded(Exception):
    """The time the page had to read its figures is spent."""


@contextmanager
def within(seconds: float) -> Iterator[None]:
    """Everything read inside shares `seconds` from now."""
    token = _deadline.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _deadline.reset(token)


def remaining_ms() -> int | None:
    """Milliseconds left before the deadline (0 or less once past); None without one."""
    deadline = _deadline.get()
    if deadline is None:
        return None
    return int((deadline - time.monotonic()) * 1000)


def passed() -> bool:
    """True once a deadline is set and past."""
    left = remaining_ms()
    return left is not None and left <= 0
