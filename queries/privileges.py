"""What the dashboard's own database role could change, were a statement to try.

The engine starts every session read-only, but a superuser can turn that off
and a role with write privileges is one bug away from changing the one-stop's
data. The administrator is told at start (README: the SELECT-only role).
"""

from dataclasses import dataclass

from sqlalchemy import bindparam, text
from sqlalchemy.engine import Engine

from queries.contract import metadata

_ROLE = text(
    "SELECT current_user AS role, r.rolsuper AS superuser,"
    " pg_has_role(current_user, 'pg_execute_server_program', 'USAGE') AS server_programs"
    " FROM pg_roles r WHERE r.rolname = current_user"
)
_WRITABLE = text(
    "SELECT c.relname FROM pg_class c"
    " WHERE c.relname IN :names AND c.relkind IN ('r', 'p') AND pg_table_is_visible(c.oid)"
    " AND has_table_privilege(c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE')"
    " ORDER BY c.relname"
).bindparams(bindparam("names", expanding=True))


@dataclass(frozen=True)
class WriteAccess:
    role: str
    superuser: bool
    server_programs: bool  # COPY … TO PROGRAM: commands on the database server
    writable: tuple[str, ...]  # the contract's tables it may change

    @property
    def risky(self) -> bool:
        return self.superuser or self.server_programs or bool(self.writable)


def write_access(engine: Engine) -> WriteAccess | None:
    """The role's powers on PostgreSQL; None on SQLite, opened read-only by the file itself."""
    if engine.dialect.name != "postgresql":
        return None
    with engine.connect() as conn:
        role = conn.execute(_ROLE).one()
        writable = conn.execute(_WRITABLE, {"names": sorted(metadata.tables)}).scalars().all()
    return WriteAccess(role.role, role.superuser, role.server_programs, tuple(writable))
