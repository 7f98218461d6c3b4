"""The suite runs in one plain process too, pytest-xdist disabled (`-p no:xdist`):
conftest.py's pytest-xdist hooks are optional."""

import subprocess
import sys

from tests.apptest import ROOT


def test_the_suite_runs_without_pytest_xdist():
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:xdist", "-p", "no:cacheprovider"]
    done = subprocess.run(
        [*command, "tests/test_fmt.py"], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert " passed" in done.stdout
