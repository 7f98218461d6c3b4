"""The tables of ../shared/data-contract.md as SQLAlchemy metadata.

This is the one place the tables and columns are named. The demo builder and
the test fixtures create databases from it; the dashboard only reads through it.
"""

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    func,
    or_,
    select,
    text,
)
from sqlalchemy.types import TypeDecorator


class Timestamp(TypeDecorator):
    """Local time without a zone.

    On SQLite the contract stores ISO text `YYYY-MM-DD HH:MM:SS`, with or without
    a fraction of a second. Parameters are bound in the same text form so that a
    column compared with `>=` or `<` against a bound value is right for both
    forms (a stored `.000` suffix sorts after the bare value, as it should for
    those two operators) and the index on the column stays usable.
    """

    impl = DateTime
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String(26))
        return dialect.type_descriptor(DateTime())

    def process_bind_param(self, value, dialect):
        if dialect.name != "sqlite" or value is None or isinstance(value, str):
            return value
        timespec = "microseconds" if value.microsecond else "seconds"
        return value.isoformat(sep=" ", timespec=timespec)

    def process_result_value(self, value, dialect):
        """The local time the row holds, or None for a time that is none (`infinity`, a
        year BC, text that is no time: counted by queries.quality). A zone written with it
        is dropped, its digits kept: the contract's times are local (docs/decisions.md)."""
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value)
            except ValueError:
                return None
        if isinstance(value, datetime):
            return value.replace(tzinfo=None)
        return value


metadata = MetaData()

# The kinds of one-stop that receive dossiers: the district's (until 1 July 2025), a commune's,
# the province centre and its branches (data-contract.md, "units").
RECEIVING_KINDS = ("district", "commune", "province", "branch")
UNIT_KINDS = ("province", "branch", "district", "department", "commune")
# The kinds a table by kind always lists; the province's only where the data have them, so
# that a database that never reorganised prints exactly what it printed before.
ALWAYS_LISTED_KINDS = ("district", "commune")


def listed_kinds(present) -> list[str]:
    """The receiving kinds a table by kind lists, in RECEIVING_KINDS' order."""
    return [k for k in RECEIVING_KINDS if k in ALWAYS_LISTED_KINDS or k in set(present)]


STATUSES = ("processing", "paused", "resolved", "refused", "withdrawn")
# The statuses of a dossier no longer open once its finish time has passed.
ENDED_STATUSES = ("resolved", "refused", "withdrawn")
# A status that does not end a dossier (a NULL or unknown one included: docs/decisions.md),
# as the index on open dossiers reads it: "status IS NULL OR status NOT IN ('resolved', …)".
OPEN_STATUS_SQL = "status IS NULL OR status NOT IN ({})".format(
    ", ".join(f"'{status}'" for status in ENDED_STATUSES)
)
FINISHED_LATE_SQL = "finished_at > due_at"
HANDLING_KINDS = ("department", "commune")
CHANNELS = ("counter", "online", "postal")
RATING_LEVELS = ("very_satisfied", "satisfied", "dissatisfied")
FACILITY_KINDS = ("health_station", "market", "school_canteen", "hospital_canteen")
PLATFORMS = ("voso", "postmart", "shopee", "lazada", "tiki", "tiktok", "other")

units = Table(
    "units",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(32), nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("parent_id", Integer, ForeignKey("units.id")),
    # Optional since the 2025 reorganisation (data-contract.md, "units"): the first day a
    # unit served and the first day it no longer did. A database from before it may lack
    # them, so no query reads them unless the database has them (OPTIONAL_UNIT_COLUMNS).
    Column("valid_from", Date),
    Column("valid_to", Date),
)
OPTIONAL_UNIT_COLUMNS = ("valid_from", "valid_to")
OPTIONAL_DOSSIER_COLUMNS = ("result_digitised", "components_digitised")

# Optional table (data-contract.md, "unit_successions"): who took over from whom on
# `effective_on`. A database without it has had no reorganisation.
unit_successions = Table(
    "unit_successions",
    metadata,
    Column("predecessor_id", Integer, ForeignKey("units.id"), primary_key=True),
    Column("successor_id", Integer, ForeignKey("units.id"), primary_key=True),
    Column("effective_on", Date, nullable=False),
)
OPTIONAL_TABLES = ("unit_successions",)
# The columns every database has: what every query but queries.succession reads of `units`.
UNIT_COLUMNS = ("id", "code", "name", "kind", "parent_id")
# The optional columns of `units`, read only where present (queries.succession), through
# this table of their own, so that a database without them is untouched.
unit_validity = Table(
    "units",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("valid_from", Date),
    Column("valid_to", Date),
)

procedures = Table(
    "procedures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(32), nullable=False),
    Column("name", Text, nullable=False),
    Column("field", Text, nullable=False),
    Column("level", String(16), nullable=False),
    Column("online_service", String(8), nullable=False),
    Column("processing_days", Integer),
)

officers = Table(
    "officers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("full_name", Text, nullable=False),
)

dossiers = Table(
    "dossiers",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True),
    Column("code", String(40), nullable=False, unique=True),
    Column("procedure_id", Integer, ForeignKey("procedures.id"), nullable=False),
    Column("received_unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("handling_unit_id", Integer, ForeignKey("units.id")),
    Column("officer_id", Integer, ForeignKey("officers.id")),
    Column("channel", String(8), nullable=False),
    Column("received_at", Timestamp, nullable=False),
    Column("due_at", Timestamp, nullable=False),
    Column("finished_at", Timestamp),
    Column("status", String(16), nullable=False),
    Column("late_reason", Text),
    Column("applicant_name", Text),
    Column("fee_required", Boolean, nullable=False),
    Column("fee_paid_online", Boolean, nullable=False),
    # Optional (data-contract.md, "dossiers"; the 766 estimate's digitisation groups): null
    # is "not recorded". A database may lack them: read only where present
    # (OPTIONAL_DOSSIER_COLUMNS, queries.index766).
    Column("result_digitised", Boolean),
    Column("components_digitised", Boolean),
    # The demo and test databases index what the dashboard filters on; a real
    # one-stop database should have the same (README, "Give it a SELECT-only role").
    # INCLUDE: the week's intake by unit and channel is read from the index alone.
    Index(
        "ix_dossiers_received_at",
        "received_at",
        postgresql_include=["received_unit_id", "channel"],
    ),
    Index("ix_dossiers_received_unit_received_at", "received_unit_id", "received_at"),
    Index("ix_dossiers_handling_unit_received_at", "handling_unit_id", "received_at"),
    # The week's finished dossiers (queries/week.py) and the data's latest time; INCLUDE:
    # read from the index alone, not from rows scattered over the table in receipt order.
    Index(
        "ix_dossiers_finished_at",
        "finished_at",
        postgresql_include=["received_unit_id", "due_at", "status"],
    ),
    # The dossiers still open, by due date: the overdue backlog at past week-ends and the
    # late list's overdue and due-soon states find them without reading every dossier
    # ever received (a few thousand rows of ten million).
    Index(
        "ix_dossiers_open_due_at",
        "due_at",
        postgresql_where=text(OPEN_STATUS_SQL),
        sqlite_where=text(OPEN_STATUS_SQL),
    ),
    # The dossiers finished late, by finish time: the late list, and the overdue backlog
    # at past week-ends (a dossier finished on time was never overdue while open).
    Index(
        "ix_dossiers_finished_late",
        "finished_at",
        postgresql_where=text(FINISHED_LATE_SQL),
        sqlite_where=text(FINISHED_LATE_SQL),
    ),
)

# Statistics on the expressions the weekly and monthly series group by (PostgreSQL 14 and
# later). Without them the planner expects a group per distinct timestamp and sorts the
# whole period on disk; with them it hashes the few dozen weeks. Like the indexes, the
# demo builds them and the README asks the one-stop database's administrator for them.
EXPRESSION_STATISTICS = (
    ("st_dossiers_received_week", "dossiers", "CAST(date_trunc('week', received_at) AS DATE)"),
    ("st_dossiers_received_month", "dossiers", "CAST(date_trunc('month', received_at) AS DATE)"),
    ("st_dossiers_finished_week", "dossiers", "CAST(date_trunc('week', finished_at) AS DATE)"),
    ("st_ratings_rated_week", "ratings", "CAST(date_trunc('week', rated_at) AS DATE)"),
)


# The late list in its own order (most days late first, as queries/late.py sorts it), for
# the finished-late dossiers only: a page is read from the top of this index instead of
# sorting every late dossier of the period. An expression of PostgreSQL's syntax, so it is
# not part of the tables above (SQLite test databases do without).
# The expression is queries.dialect.days_between's, an infinite time giving no days.
# With the columns the list's filters read (INCLUDE), a page deep in the list is picked
# from the index alone: at 10M, the last of 2,679 pages in 182 ms instead of 1,107 (a
# table row read for every late dossier above it).
LATE_DAYS_INDEX_SQL = (
    "CREATE INDEX IF NOT EXISTS ix_dossiers_late_days_covering ON dossiers "
    "((CASE WHEN isfinite(due_at) AND isfinite(finished_at) "
    "THEN CAST(finished_at AS DATE) - CAST(due_at AS DATE) END) DESC, due_at, code) "
    "INCLUDE (id, received_at, finished_at, status, channel, procedure_id, "
    "received_unit_id, handling_unit_id) "
    f"WHERE {FINISHED_LATE_SQL}"
)


def postgres_extras_sql() -> list[str]:
    """What PostgreSQL gets beyond the tables' indexes: EXPRESSION_STATISTICS and the late
    list's index."""
    statistics = [
        f"CREATE STATISTICS IF NOT EXISTS {name} ON ({expression}) FROM {table}"
        for name, table, expression in EXPRESSION_STATISTICS
    ]
    return [*statistics, LATE_DAYS_INDEX_SQL]


ratings = Table(
    "ratings",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("officer_id", Integer, ForeignKey("officers.id")),
    Column("dossier_id", BigInteger, ForeignKey("dossiers.id")),
    Column("rated_at", Timestamp, nullable=False),
    Column("level", String(16), nullable=False),
    Column("comment", Text),
    Index("ix_ratings_rated_at", "rated_at"),
)

facilities = Table(
    "facilities",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("kind", String(24), nullable=False),
    Column("name", Text, nullable=False),
    Column("cashless_since", Date),
)

facility_months = Table(
    "facility_months",
    metadata,
    Column("facility_id", Integer, ForeignKey("facilities.id"), primary_key=True),
    Column("month", Date, primary_key=True),
    Column("payments", Integer, nullable=False),
    Column("cashless_payments", Integer, nullable=False),
    Column("cashless_amount", BigInteger, nullable=False),
    Column("vendors", Integer),
    Column("cashless_vendors", Integer),
)

digital_adoption = Table(
    "digital_adoption",
    metadata,
    Column("unit_id", Integer, ForeignKey("units.id"), primary_key=True),
    Column("as_of", Date, primary_key=True),
    Column("households", Integer, nullable=False),
    Column("households_onboarded", Integer, nullable=False),
    Column("public_service_accounts", Integer, nullable=False),
    Column("e_wallet_accounts", Integer, nullable=False),
    Column("e_health_records", Integer, nullable=False),
)

ocop_products = Table(
    "ocop_products",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("producer", Text, nullable=False),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("stars", Integer, nullable=False),
    Column("category", Text, nullable=False),
    Column("certified_on", Date, nullable=False),
)

seller_accounts = Table(
    "seller_accounts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("unit_id", Integer, ForeignKey("units.id"), nullable=False),
    Column("platform", String(16), nullable=False),
    Column("holder_kind", String(16), nullable=False),
    Column("opened_on", Date, nullable=False),
)

product_listings = Table(
    "product_listings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("product_id", Integer, ForeignKey("ocop_products.id"), nullable=False),
    Column("platform", String(16), nullable=False),
    Column("listed_on", Date, nullable=False),
    Column("delisted_on", Date),
)


# The columns every database has: what `distinct_units` reads.


def _first_row_of_each_id():
    """`units` with each id's first row only (by code, then name, kind, parent), and
    `nth_of_code`: 1 for the lowest id of each code."""
    u = units.c
    first_of_id = func.row_number().over(
        partition_by=u.id, order_by=(u.code, u.name, u.kind, u.parent_id)
    )
    base = [u[name] for name in UNIT_COLUMNS]
    by_id = select(*base, first_of_id.label("nth_of_id")).subquery("units_by_id")
    first_of_code = func.row_number().over(partition_by=by_id.c.code, order_by=by_id.c.id)
    kept = [by_id.c[name] for name in UNIT_COLUMNS]
    return (
        select(*kept, first_of_code.label("nth_of_code"))
        .where(by_id.c.nth_of_id == 1)
        .subquery("units_by_code")
    )


units_by_code = _first_row_of_each_id()
# `units` as every query reads it: each id once and each code once. A view over a real
# database can repeat a row (a join in the view) or give two units one code. Joined as
# stored, a repeated unit counted its dossiers twice, and a code resolved to two ids failed
# ("more than one row returned by a subquery"). Of the units sharing a code, the one with
# the lowest id keeps it; the others are read as units missing from `units`
# (docs/decisions.md, "Rows that break the contract"; queries.quality counts the rows left
# out). A small table: the window functions cost nothing.
distinct_units = (
    select(*[units_by_code.c[name] for name in UNIT_COLUMNS])
    .where(or_(units_by_code.c.nth_of_code == 1, units_by_code.c.code.is_(None)))
    .subquery("units")
)


def unit_name(table=distinct_units):
    """A unit's name as every query reads it: its code where the name is missing or blank,
    so that a unit without a name is still told apart (and no page trips over a NULL)."""
    return func.coalesce(func.nullif(func.trim(table.c.name), ""), table.c.code)
