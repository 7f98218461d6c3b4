"""The dashboard's own folder for what it keeps between runs (the weekly send's record,
the data-quality audit's counts): never the one-stop database, which it only reads.

`DASHBOARD_STATE_DIR` names it; default `data/state/` under the project; a relative path
is taken from the project's folder.
"""

import os
from pathlib import Path

from queries.connection import PROJECT_ROOT

STATE_DIR_ENV = "DASHBOARD_STATE_DIR"
DEFAULT_STATE_DIR = PROJECT_ROOT / "data" / "state"


def state_dir() -> Path:
    named = os.environ.get(STATE_DIR_ENV, "").strip()
    if not named:
        return DEFAULT_STATE_DIR
    path = Path(named).expanduser()
    return path if path.is_absolute() else PROJECT_ROOT / path
