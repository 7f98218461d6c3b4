"""The counts behind the 766 estimate (data-contract.md, "The 766 index, estimated from
the one-stop's own rows"), by receiving unit id: each ratio's numerator and denominator.

Progress is Biểu II.06a's (queries.form06a.form06a_by_unit), satisfaction the ratings'
(queries.satisfaction); here the dossier counts the form does not have. The optional
columns `result_digitised` and `components_digitised` are read only where the database
has them; without them their counts are missing (None), never 0. Ratios and points:
dashboard.index766. What is at stake before the month ends (`due_counts`): the dossiers
whose points the month can still lose (dashboard.index766_actions).
"""

import weakref

import pandas as pd
from sqlalchemy import and_, func, inspect, select, text, union_all
from sqlalchemy.engine import Engine

from queries.cohort import count_where, not_paused, received_in
from queries.contract import OPEN_STATUS_SQL, OPTIONAL_DOSSIER_COLUMNS, dossiers, procedures
from queries.dialect import moment
from queries.period import Period, midnight
from queries.scope import ids as scope_ids
from queries.scope import within

# The statuses of a dossier no longer open once its finish time has passed (OPEN_STATUS_SQL).
ENDED_STATUSES = ("resolved", "refused", "withdrawn")
TABLES = ("dossiers", "procedures", "units", "ratings")
RECEIVED_COUNTS = (
    "online_num",
    "online_den",
    "payment_num",
    "payment_den",
    "components_digital_num",
    "components_digital_den",
)
RESOLVED_COUNTS = ("result_digital_num", "result_digital_den")
COUNTS = (*RECEIVED_COUNTS, *RESOLVED_COUNTS)

# Which optional dossier columns a database has, asked once per engine (a schema does not
# change under a running dashboard; a new one is a new engine).
_columns: "weakref.WeakKeyDictionary[Engine, frozenset[str]]" = weakref.WeakKeyDictionary()


def optional_columns(engine: Engine) -> frozenset[str]:
    """Those of OPTIONAL_DOSSIER_COLUMNS the database's `dossiers` has."""
    if engine not in _columns:
        present = {column["name"] for column in inspect(engine).get_columns("dossiers")}
        _columns[engine] = frozenset(present & set(OPTIONAL_DOSSIER_COLUMNS))
    return _columns[engine]


def _recorded(column):
    """Of the rows with `column` recorded (not null), those true: (numerator, denominator)."""
    return count_where(column.is_(True)), count_where(column.is_not(None))


def received_counts(engine: Engine, period: Period) -> pd.DataFrame:
    """Of the dossiers received in the period, by receiving unit (`key`, its id): online and
    its base (the procedure offers full online service), fees paid online and the dossiers
    with a fee, components digitised and those recorded (None without the column)."""
    d = dossiers.c
    full = procedures.c.online_service == "full"
    fee = d.fee_required.is_(True)
    columns = {
        "online_num": count_where(and_(full, d.channel == "online")),
        "online_den": count_where(full),
        "payment_num": count_where(and_(fee, d.fee_paid_online.is_(True))),
        "payment_den": count_where(fee),
    }
    if "components_digitised" in optional_columns(engine):
        numerator, denominator = _recorded(d.components_digitised)
        columns |= {
            "components_digital_num": numerator,
            "components_digital_den": denominator,
        }
    query = (
        select(d.received_unit_id.label("key"), *[e.label(n) for n, e in columns.items()])
        .select_from(dossiers.outerjoin(procedures, d.procedure_id == procedures.c.id))
        .where(received_in(period, None, scope_ids(engine)))
        .group_by(d.received_unit_id)
    )
    return _read(engine, query, RECEIVED_COUNTS)


def resolved_counts(engine: Engine, period: Period) -> pd.DataFrame:
    """Of the dossiers resolved in [start, as_of), by receiving unit (`key`): results issued
    electronically and those recorded (no rows without the column: nothing to count)."""
    if "result_digitised" not in optional_columns(engine):
        return pd.DataFrame(columns=["key", *RESOLVED_COUNTS])
    d = dossiers.c
    numerator, denominator = _recorded(d.result_digitised)
    query = (
        select(
            d.received_unit_id.label("key"),
            numerator.label("result_digital_num"),
            denominator.label("result_digital_den"),
        )
        .where(
            d.status == "resolved",
            d.finished_at >= moment(period.start_at),
            d.finished_at < moment(period.as_of),
            *within(scope_ids(engine), d.received_unit_id),
        )
        .group_by(d.received_unit_id)
    )
    return _read(engine, query, RESOLVED_COUNTS)


def due_counts(engine: Engine, period: Period, until) -> pd.DataFrame:
    """By receiving unit (`key`), `progress_due`: the dossiers open and within time at the
    period's end (Biểu II.06a's col 12, counted as on time by the progress ratio) that fall
    due before `until` (a date: midnight starting it) with their clock running. Left
    unresolved by then they would turn overdue and cost the progress points they now
    earn; a paused dossier's deadline waits for the applicant, so it is not counted."""
    d = dossiers.c
    as_of = moment(period.as_of)
    due = [
        d.received_at < as_of,
        not_paused(),
        # Open with its clock running and not yet due: not overdue (col 12).
        d.due_at >= as_of,
        d.due_at < moment(midnight(until)),
        *within(scope_ids(engine), d.received_unit_id),
    ]
    # Open at the period's end (dossier_states' `open`) in three disjoint parts, each found
    # by an index (on open dossiers by due date, on finish times) rather than by reading
    # every dossier ever received: about 20 times faster at 700,000 dossiers.
    ended = d.status.in_(ENDED_STATUSES)
    parts = (
        text(f"({OPEN_STATUS_SQL})"),  # its own term, as the index's condition reads
        and_(ended, d.finished_at >= as_of),
        and_(ended, d.finished_at.is_(None)),
    )
    found = union_all(
        *(select(d.received_unit_id.label("key")).where(part, *due) for part in parts)
    ).subquery()
    query = select(found.c.key, func.count().label("progress_due")).group_by(found.c.key)
    return _read(engine, query, ("progress_due",))


def _read(engine: Engine, query, names) -> pd.DataFrame:
    """The query's rows, with each of `names` it does not select as a missing count."""
    with engine.connect() as conn:
        frame = pd.read_sql(query, conn)
    for name in names:
        frame[name] = frame[name].astype("Int64") if name in frame else pd.NA
    return frame.astype({name: "Int64" for name in names})
