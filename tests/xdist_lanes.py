"""How pytest-xdist shares the suite between its workers: the browser tests all in one
worker, one after the other, the rest test by test to whichever worker is free.

A browser test's time is mostly its app server's and Chromium's, not its worker's: one
worker running them beside another running the rest keeps both cores busy, where two
browsers and two servers at once crowded them (and slowed every test beside them).
The controller sees test ids only, so the browser tests are known by their files
(`tests/test_browser_*.py`, BROWSER_FILES); conftest.py checks that every test marked
`browser` lives in one. (pytest-xdist's own `--dist loadgroup` does this by marker, but
with pytest 9.2 its renaming of test ids has no effect.)
"""

from xdist.scheduler import LoadScopeScheduling

BROWSER_FILES = "tests/test_browser_"


class BrowserTestsTogether(LoadScopeScheduling):
    """Scopes: one for every browser test, one per test for the rest; the largest scope
    goes out first (pytest-xdist's default order of scopes), so the browser tests start
    at once."""

    def _split_scope(self, nodeid: str) -> str:
        return "browser" if nodeid.startswith(BROWSER_FILES) else nodeid
