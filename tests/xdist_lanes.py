"""How pytest-xdist shares the suite between its workers: the browser tests all in one
worker (`gw0`), one after the other, at the machine's full priority; the rest module by
module to whichever worker is free, at a lower priority (`nice`). A module's own fixtures
(a deck rendered, a database written) are then made once, not once in each worker that
runs one of its tests: 472–478 core-seconds for the suite instead of 486–510.

A browser test's time is mostly its app server's and Chromium's, not its worker's, and it
waits on them step by step: slowed by the tests beside it, the browser lane became the
last to end (239 s beside one other worker, 203 s alone, on 2 cores). At a lower priority
the other workers take only the CPU the browser lane leaves, and there is one more of them
than there are cores, so that one's wait for PostgreSQL or a command is another's turn.
The controller sees test ids only, so the browser tests are known by their files
(`tests/test_browser_*.py`, BROWSER_FILES); conftest.py checks that every test marked
`browser` lives in one. (pytest-xdist's own `--dist loadgroup` does this by marker, but
with pytest 9.2 its renaming of test ids has no effect.)
"""

import os

from xdist.scheduler import LoadScopeScheduling

BROWSER_FILES = "tests/test_browser_"
BROWSER_WORKER = "gw0"
OTHER_WORKERS_NICE = 10  # of 19: ahead of nothing else on the machine, behind the browser lane


class BrowserTestsTogether(LoadScopeScheduling):
    """Scopes: one for every browser test, one per module for the rest, the largest first
    (pytest-xdist's default order of scopes); the browser scope goes first, to
    BROWSER_WORKER, so the browser tests start at once in the worker that keeps its
    priority."""

    def _split_scope(self, nodeid: str) -> str:
        return "browser" if nodeid.startswith(BROWSER_FILES) else nodeid.split("::")[0]

    def _assign_work_unit(self, node) -> None:
        # Modules larger than the browser scope would otherwise go out before it.
        if node.gateway.id == BROWSER_WORKER and "browser" in self.workqueue:
            self.workqueue.move_to_end("browser", last=False)
        super()._assign_work_unit(node)

    def schedule(self) -> None:
        if self.collection is None:  # the first distribution: BROWSER_WORKER's turn first
            first = sorted(self.assigned_work, key=lambda n: n.gateway.id != BROWSER_WORKER)
            self.assigned_work = {node: self.assigned_work[node] for node in first}
        super().schedule()


def lower_priority_outside_the_browser_lane() -> None:
    """In a pytest-xdist worker other than BROWSER_WORKER: a lower CPU priority, inherited
    by the commands and servers it starts."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if worker is not None and worker != BROWSER_WORKER:
        os.nice(OTHER_WORKERS_NICE)
