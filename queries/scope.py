"""Scope: one unit's area (data-contract.md, "Units across a reorganisation").

A deployment (`DASHBOARD_SCOPE=CODE`) or a command (`--scope CODE`) may be limited to
one unit: a merged commune with its predecessors, a province centre with everything
under it, a former district with its history (queries.succession.UnitMap.area). The
scope travels with the engine, set once where the engine is made (the app's
dashboard/frame/data.py, the commands' dashboard/cli.py), so that no view, command or
export can forget it; each query reads it here and filters in SQL:

- by receipt (every count, rate, series and Biểu II.06a): the dossiers received by a
  unit of the area, the ratings given at one, the communes' own figures;
- by handling unit and in dossier lists: those received *or* handled in the area, as
  a unit user's own list always was (docs/decisions.md, "Scope").

A signed-in unit user's unit is read the same way (`area`), for the lists and names
their grant holds to it (dashboard/auth/roles.py).
"""

import os

from sqlalchemy import or_, select
from sqlalchemy.engine import Engine

from queries.contract import distinct_units, unit_name
from queries.succession import unit_map

ENV = "DASHBOARD_SCOPE"
OPTION = "dashboard_scope"  # the engine's execution option that holds the code


class UnknownScope(ValueError):
    """A scope on a code no unit has: said, never read as "everything" or "nothing"."""

    def __init__(self, code: str):
        super().__init__(f"không có đơn vị nào mã {code!r} trong cơ sở dữ liệu (phạm vi)")
        self.code = code


def configured() -> str | None:
    """The deployment's scope: DASHBOARD_SCOPE, None when unset or blank."""
    return (os.environ.get(ENV) or "").strip() or None


def scoped(engine: Engine, code: str | None) -> Engine:
    """`engine` limited to `code`'s area (the same pool; `engine` itself when None)."""
    return engine if code is None else engine.execution_options(**{OPTION: code})


def code_of(engine: Engine) -> str | None:
    return engine.get_execution_options().get(OPTION)


def area(engine: Engine, code: str) -> frozenset[int]:
    """The ids of the units of `code`'s area, read through the unit map (empty: no unit)."""
    return unit_map(engine).area(code)


def ids(engine: Engine) -> frozenset[int] | None:
    """The engine's scope as unit ids; None without one. A code no unit has raises."""
    code = code_of(engine)
    if code is None:
        return None
    found = area(engine, code)
    if not found:
        raise UnknownScope(code)
    return found


def within(unit_ids: frozenset[int] | None, *columns) -> list:
    """The condition that one of `columns` (unit ids) is in `unit_ids`, as a list to
    unpack into `.where(…)`: empty without a scope (None)."""
    if unit_ids is None:
        return []
    listed = sorted(unit_ids)
    return [or_(*(column.in_(listed) for column in columns))]


def _units(engine: Engine) -> list:
    query = select(distinct_units.c.code, unit_name().label("name"), distinct_units.c.kind)
    with engine.connect() as conn:
        return conn.execute(query).all()


def scope_name(engine: Engine) -> str | None:
    """The name of the engine's scope's unit; None without a scope (or for a code no unit
    has: queries fail on it first, `ids`)."""
    code = code_of(engine)
    if code is None:
        return None
    return next((name for found, name, _ in _units(engine) if found == code), None)


def place_name(engine: Engine) -> str | None:
    """The name that titles every page, slide, handout and message: the scope's unit's;
    without a scope, the data's top unit: the province centre when there is one, else the
    district one-stop when there is one; None when neither is alone (no "huyện" assumed)."""
    if code_of(engine) is not None:
        return scope_name(engine)
    units = _units(engine)
    for kind in ("province", "district"):
        names = [name for _, name, found in units if found == kind]
        if names:
            return names[0] if len(names) == 1 else None
    return None
