"""The suite's lanes (tests/xdist_lanes.py): under pytest-xdist the browser tests all go to
`gw0` first, whichever worker is ready first and however large the other modules are; the
rest go out module by module; every worker but `gw0` runs at a lower priority."""

import os
from types import SimpleNamespace

from tests import xdist_lanes
from tests.xdist_lanes import BrowserTestsTogether

BROWSER = [f"tests/test_browser_a.py::test_{n}" for n in range(3)]
LARGE = [f"tests/test_large.py::test_{n}" for n in range(5)]  # more tests than the browser's
SMALL = ["tests/test_small.py::test_one", "tests/test_small.py::test_two"]
COLLECTION = [*LARGE, *SMALL, *BROWSER]


class Worker:
    def __init__(self, name: str):
        self.gateway = SimpleNamespace(id=name)
        self.shutting_down = False
        self.sent: list[str] = []

    def send_runtest_some(self, indices):
        self.sent += [COLLECTION[index] for index in indices]

    def shutdown(self):
        self.shutting_down = True


def test_the_browser_tests_go_to_gw0_and_the_rest_module_by_module():
    config = SimpleNamespace(
        getvalue=lambda name: ["3*popen"], option=SimpleNamespace(loadscopereorder=True)
    )
    scheduler = BrowserTestsTogether(config)
    workers = [Worker("gw2"), Worker("gw1"), Worker("gw0")]  # gw0 ready last
    for worker in workers:
        scheduler.add_node(worker)
    for worker in workers:
        scheduler.add_node_collection(worker, COLLECTION)
    scheduler.schedule()
    sent = {worker.gateway.id: worker.sent for worker in workers}
    assert sent["gw0"][: len(BROWSER)] == BROWSER
    assert sorted(map(tuple, (sent["gw1"], sent["gw2"]))) == [tuple(LARGE), tuple(SMALL)]


def test_every_worker_but_gw0_runs_at_a_lower_priority(monkeypatch):
    asked = []
    monkeypatch.setattr(os, "nice", asked.append)
    for worker in ("gw0", "gw1", "gw2"):
        monkeypatch.setenv("PYTEST_XDIST_WORKER", worker)
        xdist_lanes.lower_priority_outside_the_browser_lane()
    monkeypatch.delenv("PYTEST_XDIST_WORKER")
    xdist_lanes.lower_priority_outside_the_browser_lane()  # no xdist: nothing
    assert asked == [xdist_lanes.OTHER_WORKERS_NICE] * 2
