"""The command line writes only the file it is asked to (issue 17, item 6).

Every `--out` refuses a file that is already there unless `--replace`, and a symbolic
link even with it (writing through one changes a file the user did not name); with
`--replace` the new file is renamed over the old one, never half-written. And a value
typed on the command line comes back in a message cut short, never 100,000 characters.

The rules are dashboard/out_file.py's, tested as plain functions; the commands run in
this process (tests/cli_run.py).
"""

import os
import stat

import pytest

from dashboard import out_file
from dashboard.cli_errors import CliError
from tests import fixture_late
from tests.cli_run import refusal, run

PERIOD = ["--start", "2022-03-01", "--end", "2022-03-31"]
OLD = b"a report the user keeps\n"


@pytest.fixture(scope="module")
def url(make_db) -> str:
    return make_db("sqlite", fixture_late.ROWS)


def _commands(url: str) -> dict[str, list[str]]:
    """Each command that writes a file, without its --out."""
    return {
        ".csv": ["form06a", "--db", url, *PERIOD],
        ".txt": ["brief", "--db", url, "--week", "2022-W12"],
    }


@pytest.mark.parametrize("suffix", [".csv", ".txt"])
def test_an_existing_file_is_kept_unless_replace(url, tmp_path, suffix):
    command = _commands(url)[suffix]
    target = tmp_path / f"existing{suffix}"
    target.write_bytes(OLD)
    line = refusal(*command, "--out", str(target))
    assert "đã có" in line and "--replace" in line
    assert target.read_bytes() == OLD
    assert run(*command, "--out", str(target), "--replace").status == 0
    assert target.read_bytes() != OLD
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]  # no temporary left


@pytest.mark.parametrize("suffix", [".csv", ".txt"])
@pytest.mark.parametrize("replace", [[], ["--replace"]])
def test_a_link_is_never_written_through(url, tmp_path, suffix, replace):
    command = _commands(url)[suffix]
    other = tmp_path / "other.txt"
    other.write_bytes(OLD)
    link = tmp_path / f"link{suffix}"
    link.symlink_to(other)
    dangling = tmp_path / f"dangling{suffix}"
    dangling.symlink_to(tmp_path / f"nowhere{suffix}")
    for target in (link, dangling):
        line = refusal(*command, "--out", str(target), *replace)
        assert "liên kết" in line
    assert other.read_bytes() == OLD and link.is_symlink()
    assert not (tmp_path / f"nowhere{suffix}").exists()


def test_a_new_file_is_written(url, tmp_path):
    target = tmp_path / "new.csv"
    assert run(*_commands(url)[".csv"], "--out", str(target)).status == 0
    assert target.read_text(encoding="utf-8-sig").startswith('"Lĩnh vực')  # the header first


@pytest.mark.parametrize("replace", [[], ["--replace"]])
def test_demo_refuses_a_link(tmp_path, replace):
    other = tmp_path / "other.sqlite"
    other.write_bytes(b"")  # an empty file: the demo would replace it with --replace
    link = tmp_path / "link.sqlite"
    link.symlink_to(other)
    small = ["--until", "2022-03-31", "--scale", "0.1"]  # quick, were it ever built
    assert "liên kết" in refusal("demo", "--out", str(link), *small, *replace)
    assert other.read_bytes() == b"" and link.is_symlink()


# The rules as plain functions -----------------------------------------------------------


def test_write_makes_a_new_file_as_any_file_is_made(tmp_path):
    target = tmp_path / "r.txt"
    out_file.write(target, b"x", replace=False)
    assert target.read_bytes() == b"x"
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def test_a_file_that_appears_after_the_check_is_not_overwritten(tmp_path):
    target = tmp_path / "r.txt"
    out_file.check(target, replace=False)  # nothing there yet
    target.write_bytes(OLD)  # another program, while the report is computed
    with pytest.raises(CliError, match="đã có"):
        out_file.write(target, b"x", replace=False)
    assert target.read_bytes() == OLD


@pytest.mark.parametrize("replace", [False, True])
def test_a_link_that_appears_after_the_check_is_refused(tmp_path, replace):
    target, other = tmp_path / "r.txt", tmp_path / "other.txt"
    other.write_bytes(OLD)
    out_file.check(target, replace)
    target.symlink_to(other)
    with pytest.raises(CliError, match="liên kết"):
        out_file.write(target, b"x", replace)
    assert other.read_bytes() == OLD and target.is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.txt", "r.txt"]


def test_something_that_is_not_a_file_is_never_replaced(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(CliError, match="không phải một tệp thường"):
        out_file.check(fifo, replace=True)


# A long value comes back short ----------------------------------------------------------

LONG = "x" * 100_000
# Every option of every command given a 100,000-character value (and as a stray word).
LONG_VALUES = [
    ["kpis", "--db", LONG, *PERIOD],
    ["kpis", "--db", "/tmp/" + LONG + ".sqlite", *PERIOD],
    ["kpis", "--start", LONG, "--end", "2022-03-31"],
    ["kpis", "--week", LONG],
    ["kpis", "--group", LONG, *PERIOD],
    ["kpis", "--topic", LONG, *PERIOD],
    ["kpis", "--format", LONG, *PERIOD],
    ["late", *PERIOD, "--days", "1" * 100_000],
    ["late", *PERIOD, "--state", " ".join(["x"] * 50_000)],
    ["late", *PERIOD, LONG],
    ["form06a", *PERIOD, "--out", LONG + ".csv"],
    ["form06a", *PERIOD, "--out", "/tmp/" + "a/" * 50_000 + "f.csv"],
    ["form06a", *PERIOD, "--out", LONG],
    ["brief", "--out", "/tmp/" + LONG + ".txt"],
    ["demo", "--out", LONG],
    ["demo", "--out", "/tmp/" + LONG + ".sqlite"],
    ["demo", "--out", "postgresql://u@h/" + LONG],
    ["users", "list", "--file", LONG],
    ["users", "add", LONG, "--file", "/tmp/users.toml", "--role", "viewer"],
    ["--" + LONG],
]


@pytest.mark.parametrize("args", LONG_VALUES, ids=lambda args: " ".join(a[:12] for a in args))
def test_a_long_value_is_not_echoed_in_full(args):
    outcome = run(*args)
    assert outcome.status != 0 and outcome.stderr.startswith("lỗi: ")
    assert len(outcome.stderr) < 600, outcome.stderr[:600]
