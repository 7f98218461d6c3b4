"""`python -m dashboard …` in this process, as a user meets it: the exit status, stdout and
stderr, with a `SystemExit` message counted as Python prints it (on stderr, status 1).

Output is caught with redirect_stdout/redirect_stderr rather than capsys so that the
Hypothesis tests (tests/test_cli_errors.py) can run it once per example.
"""

import io
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass

from dashboard.cli import WARNING, main
from dashboard.cli_errors import PREFIX, UNEXPECTED


@dataclass
class Outcome:
    status: int
    stdout: str
    stderr: str


def run(*args: str) -> Outcome:
    """Anything but SystemExit escaping `main` fails the calling test: a traceback."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            status = main(list(args))
        except SystemExit as stop:
            status = stop.code
    errors = err.getvalue()
    if isinstance(status, str):
        errors, status = errors + status + "\n", 1
    return Outcome(status or 0, out.getvalue(), errors)


def is_refusal(outcome: Outcome) -> bool:
    """A failing status, nothing on stdout, and one line on stderr in Vietnamese that
    names what went wrong (not the fallback for a failure nobody foresaw). The warning
    about a role that could write (the suite's PostgreSQL user is a superuser) may
    come before it."""
    lines = [line for line in outcome.stderr.splitlines() if not line.startswith(WARNING)]
    return (
        outcome.status != 0
        and outcome.stdout == ""
        and len(lines) == 1
        and lines[0].startswith(PREFIX)
        and UNEXPECTED not in lines[0]
    )


def refusal(*args: str) -> str:
    """Run a command that must be refused; returns its one line on stderr."""
    outcome = run(*args)
    assert is_refusal(outcome), outcome
    return outcome.stderr.strip().splitlines()[-1]
