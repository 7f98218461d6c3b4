# ruff: noqa: E501  (SQL text reads best unwrapped)
"""Hand-written PostgreSQL for each view: one statement that reads what the page shows.

What a careful engineer would write by hand, without the app's layers: one statement
per view (CTEs, subqueries, one JSON document back), the contract's definitions
written out (data-contract.md), the data-quality counts every page shows folded into
one pass over `dossiers` grouped by its two unit ids (units joined after the grouping).
`statement(view, when)` gives (sql, parameters) for psycopg; `when` holds the view's
default dates (benchmarks/scale.py `defaults`). Only the overview's figures are checked
against the app (scale.py `check_overview`); the others follow the same definitions.
"""

from datetime import datetime, time, timedelta

from queries.cohort import COUNTS

ENDED = "('resolved', 'refused', 'withdrawn')"
STATUSES = "('processing', 'paused', 'resolved', 'refused', 'withdrawn')"


def ts(name: str) -> str:
    return f"%({name})s::timestamp"


def open_at(m: str) -> str:
    """Open at moment m: neither finished nor withdrawn by then (docs/decisions.md, "Open")."""
    return f"(d.status IS NULL OR d.status NOT IN {ENDED} OR d.finished_at IS NULL OR d.finished_at >= {m})"


def overdue_at(m: str) -> str:
    return f"({open_at(m)} AND d.due_at < {m} AND (d.status IS NULL OR d.status <> 'paused'))"


def cohort_columns(a: str, prefix: str) -> str:
    """The cohort's counts (data-contract.md) as of the expression `a`."""
    fin = f"d.status IN ('resolved', 'refused') AND d.finished_at < {a}"
    conditions = {
        "received": "TRUE",
        "received_online": "d.channel = 'online'",
        "finished": fin,
        "resolved_early": f"{fin} AND d.finished_at::date < d.due_at::date",
        "resolved_on_time": f"{fin} AND d.finished_at <= d.due_at AND d.finished_at::date >= d.due_at::date",
        "resolved_late": f"{fin} AND d.finished_at > d.due_at",
        "withdrawn": f"d.status = 'withdrawn' AND d.finished_at < {a}",
        "open": open_at(a),
        "open_overdue": overdue_at(a),
    }
    return ",\n".join(
        f"count(*) FILTER (WHERE {c}) AS {prefix}{name}" for name, c in conditions.items()
    )


COHORT = COUNTS  # the contract's names for the cohort's counts

DOSSIER_QUALITY = f"""
count(*) AS n,
count(*) FILTER (WHERE d.received_at IS NULL) AS received_at_missing,
count(*) FILTER (WHERE d.due_at IS NULL) AS due_at_missing,
count(*) FILTER (WHERE d.status IS NULL OR d.status NOT IN {STATUSES}) AS status_unknown,
count(*) FILTER (WHERE d.channel IS NULL OR d.channel NOT IN ('counter', 'online', 'postal'))
  AS channel_unknown,
count(*) FILTER (WHERE d.status IN {ENDED} AND d.finished_at IS NULL) AS finished_at_missing,
count(*) FILTER (WHERE d.status IN ('processing', 'paused') AND d.finished_at IS NOT NULL)
  AS finished_while_open,
count(*) FILTER (WHERE d.finished_at < d.received_at) AS finished_before_received,
count(*) FILTER (WHERE d.received_at >= {ts("tomorrow")}) AS received_in_future,
count(*) FILTER (WHERE d.finished_at >= {ts("tomorrow")}) AS finished_in_future"""

PLAIN_QUALITY = (
    "received_at_missing",
    "due_at_missing",
    "status_unknown",
    "channel_unknown",
    "finished_at_missing",
    "finished_while_open",
    "finished_before_received",
    "received_in_future",
    "finished_in_future",
)


def quality_ctes(extra: str = "", counts: bool = True) -> str:
    """`qs`: one pass over dossiers by (receiving, handling) unit id with the quality counts
    (and `extra` columns); `quality`: the page's data-quality counts as one JSON object."""
    if not counts:  # the figures alone: `qs` only if a view's `extra` needs the pass
        return f"""
qs AS (SELECT d.received_unit_id AS ru, d.handling_unit_id AS hu, count(*) AS n{extra}
       FROM dossiers d GROUP BY 1, 2),
quality AS (SELECT NULL::json AS quality)"""
    sums = ",\n".join(f"'{k}', coalesce(sum(q.{k}), 0)" for k in PLAIN_QUALITY)
    return f"""
qs AS (
  SELECT d.received_unit_id AS ru, d.handling_unit_id AS hu, {DOSSIER_QUALITY}{extra}
  FROM dossiers d GROUP BY 1, 2
),
quality AS (
  SELECT json_build_object(
    {sums},
    'received_unit_unknown', coalesce(sum(q.n) FILTER (WHERE ru.id IS NULL), 0),
    'received_unit_not_receiving', coalesce(sum(q.n) FILTER (
        WHERE ru.id IS NOT NULL AND (ru.kind IS NULL OR ru.kind NOT IN ('district', 'commune'))), 0),
    'handling_unit_unknown', coalesce(sum(q.n) FILTER (WHERE q.hu IS NOT NULL AND hu.id IS NULL), 0),
    'unit_kind_unknown', (SELECT count(*) FILTER (WHERE kind IS NULL
        OR kind NOT IN ('district', 'department', 'commune')) FROM units),
    'unit_name_missing', (SELECT count(*) FILTER (WHERE coalesce(trim(name), '') = '') FROM units),
    'rating_level_unknown', (SELECT count(*) FILTER (WHERE level IS NULL
        OR level NOT IN ('very_satisfied', 'satisfied', 'dissatisfied')) FROM ratings),
    'rated_in_future', (SELECT count(*) FILTER (WHERE rated_at >= {ts("tomorrow")}) FROM ratings)
  ) AS quality
  FROM qs q LEFT JOIN units ru ON ru.id = q.ru LEFT JOIN units hu ON hu.id = q.hu
)"""


COMMON_OUT = f"""
'quality', (SELECT quality FROM quality),
'data_as_of', json_build_array(
  (SELECT max(received_at) FROM dossiers WHERE received_at < {ts("now")}),
  (SELECT max(finished_at) FROM dossiers WHERE finished_at < {ts("now")})),
'units', (SELECT json_agg(json_build_object('id', id, 'code', code,
  'name', coalesce(nullif(trim(name), ''), code), 'kind', kind) ORDER BY code) FROM units)"""


def _json_rows(cte: str) -> str:
    return f"(SELECT json_agg(t) FROM {cte} t)"


def week_parts(moments: int) -> tuple[str, str]:
    """The 13 weeks as a flow: (CTEs, output keys). The backlog at each week's end reads
    only the dossiers that can be overdue at one of the moments (as the app does)."""
    first, last = ts("m0"), ts(f"m{moments - 1}")
    backlog = ",\n".join(
        f"count(*) FILTER (WHERE d.received_at < {ts(f'm{i}')} AND {overdue_at(ts(f'm{i}'))}) AS b{i}"
        for i in range(moments)
    )
    ctes = f"""
backlog AS (
  SELECT d.received_unit_id AS ru, {backlog}
  FROM dossiers d
  WHERE d.received_at < {last} AND d.due_at < {last} AND (d.status IS NULL OR d.status <> 'paused')
    AND {open_at(first)}
  GROUP BY 1
),
rec AS (
  SELECT d.received_unit_id AS ru, date_trunc('week', d.received_at)::date AS week,
         count(*) AS received, count(*) FILTER (WHERE d.channel = 'online') AS received_online
  FROM dossiers d WHERE d.received_at >= {ts("start")} AND d.received_at < {ts("as_of")}
  GROUP BY 1, 2
),
fin AS (
  SELECT d.received_unit_id AS ru, date_trunc('week', d.finished_at)::date AS week,
         count(*) AS finished,
         count(*) FILTER (WHERE d.finished_at <= d.due_at) AS finished_in_time,
         count(*) FILTER (WHERE d.finished_at > d.due_at) AS finished_late
  FROM dossiers d
  WHERE d.status IN ('resolved', 'refused')
    AND d.finished_at >= {ts("start")} AND d.finished_at < {ts("as_of")}
  GROUP BY 1, 2
),
rat AS (
  SELECT r.unit_id AS ru, date_trunc('week', r.rated_at)::date AS week,
         count(*) FILTER (WHERE r.level = 'very_satisfied') AS very_satisfied,
         count(*) FILTER (WHERE r.level = 'satisfied') AS satisfied,
         count(*) FILTER (WHERE r.level = 'dissatisfied') AS dissatisfied
  FROM ratings r WHERE r.rated_at >= {ts("start")} AND r.rated_at < {ts("as_of")}
  GROUP BY 1, 2
)"""
    out = """
'received', (SELECT json_agg(t) FROM rec t),
'finished', (SELECT json_agg(t) FROM fin t),
'ratings', (SELECT json_agg(t) FROM rat t),
'backlog', (SELECT json_agg(t) FROM backlog t)"""
    return ctes, out


def overview(q: bool = True, moments: int = 13) -> str:
    ctes, out = week_parts(moments)
    return f"WITH {quality_ctes(counts=q)},{ctes}\nSELECT json_build_object({COMMON_OUT},{out})"


def form06a_cte(start: str, as_of: str, name: str = "form") -> str:
    fin = f"d.status IN ('resolved', 'refused') AND d.finished_at < {as_of}"
    wd = f"d.status = 'withdrawn' AND d.finished_at < {as_of}"
    opened = open_at(as_of)
    return f"""
{name} AS (
  SELECT p.field,
    count(*) AS c3,
    count(*) FILTER (WHERE d.received_at >= {start} AND d.channel = 'online') AS c4,
    count(*) FILTER (WHERE d.received_at >= {start} AND (d.channel IS NULL OR d.channel <> 'online')) AS c5,
    count(*) FILTER (WHERE d.received_at < {start}) AS c6,
    count(*) FILTER (WHERE ({fin}) OR ({wd})) AS c7,
    count(*) FILTER (WHERE {fin} AND d.status = 'resolved' AND d.finished_at::date < d.due_at::date) AS c8,
    count(*) FILTER (WHERE ({fin} AND d.status = 'resolved' AND d.finished_at <= d.due_at
        AND d.finished_at::date >= d.due_at::date) OR ({fin} AND d.status = 'refused') OR ({wd})) AS c9,
    count(*) FILTER (WHERE {fin} AND d.status = 'resolved' AND d.finished_at > d.due_at) AS c10,
    count(*) FILTER (WHERE {opened}) AS c11,
    count(*) FILTER (WHERE {opened} AND (d.due_at >= {as_of} OR d.status = 'paused')) AS c12,
    count(*) FILTER (WHERE {opened} AND NOT (d.due_at >= {as_of} OR d.status = 'paused')) AS c13
  FROM dossiers d JOIN procedures p ON p.id = d.procedure_id
  WHERE d.received_at < {as_of}
    AND (d.received_at >= {start} OR d.finished_at IS NULL OR d.finished_at >= {start})
  GROUP BY p.field
)"""


def form06a(q: bool = True) -> str:
    return (
        f"WITH {quality_ctes(counts=q)},{form06a_cte(ts('start'), ts('as_of'))}\n"
        f"SELECT json_build_object({COMMON_OUT}, 'form', {_json_rows('form')})"
    )


def units_view(q: bool = True) -> str:
    week_end = f"LEAST(date_trunc('week', d.received_at) + interval '7 days', {ts('as_of')})"
    sums_e = ", ".join(f"sum(e_{c}) AS {c}" for c in COHORT)
    sums_w = ", ".join(f"sum(w_{c}) AS {c}" for c in COHORT)
    return f"""WITH {quality_ctes(counts=q)},
base AS (
  SELECT d.received_unit_id AS ru, d.handling_unit_id AS hu,
         date_trunc('week', d.received_at)::date AS week,
         {cohort_columns(ts("as_of"), "e_")},
         {cohort_columns(week_end, "w_")}
  FROM dossiers d WHERE d.received_at >= {ts("start")} AND d.received_at < {ts("as_of")}
  GROUP BY 1, 2, 3
),
by_unit AS (SELECT ru, {sums_e} FROM base GROUP BY ru),
by_handling AS (SELECT hu, {sums_e} FROM base GROUP BY hu),
series AS (SELECT week, {sums_w} FROM base GROUP BY week ORDER BY week)
SELECT json_build_object({COMMON_OUT},
  'by_unit', {_json_rows("by_unit")}, 'by_handling', {_json_rows("by_handling")},
  'series', {_json_rows("series")})"""


def late(q: bool = True) -> str:
    a = ts("as_of")
    return f"""WITH {quality_ctes(counts=q)},
agg AS (
  SELECT d.handling_unit_id AS hu, d.procedure_id AS pid, nullif(trim(d.late_reason), '') AS reason,
         count(*) FILTER (WHERE {overdue_at(a)}) AS c, count(*) FILTER (WHERE {open_at(a)}) AS base
  FROM dossiers d WHERE d.received_at >= {ts("start")} AND d.received_at < {a}
  GROUP BY 1, 2, 3
),
by_handling AS (
  SELECT CASE WHEN agg.hu IS NOT NULL AND u.id IS NULL THEN '?' ELSE u.code END AS "group",
         coalesce(nullif(trim(u.name), ''), u.code) AS name, sum(c) AS count, sum(base) AS base
  FROM agg LEFT JOIN units u ON u.id = agg.hu GROUP BY 1, 2 HAVING sum(c) > 0
  ORDER BY count DESC, name NULLS LAST LIMIT 15
),
by_field AS (
  SELECT p.field, sum(c) AS count, sum(base) AS base FROM agg JOIN procedures p ON p.id = agg.pid
  GROUP BY p.field HAVING sum(c) > 0 ORDER BY count DESC, p.field LIMIT 15
),
by_procedure AS (
  SELECT p.code, p.name, sum(c) AS count, sum(base) AS base FROM agg JOIN procedures p ON p.id = agg.pid
  GROUP BY p.id, p.code, p.name HAVING sum(c) > 0 ORDER BY count DESC, p.name LIMIT 15
),
reasons AS (
  SELECT reason, sum(c) AS count FROM agg WHERE c > 0 GROUP BY reason
  ORDER BY count DESC, reason NULLS LAST LIMIT 20
),
page AS (
  SELECT d.code, p.name AS procedure, p.field,
         coalesce(nullif(trim(ru.name), ''), ru.code) AS received_unit,
         coalesce(nullif(trim(hu.name), ''), hu.code) AS handling_unit,
         o.full_name AS officer, d.received_at, d.due_at, d.finished_at,
         %(day)s::date - d.due_at::date AS days, d.status, d.late_reason, d.applicant_name
  FROM dossiers d JOIN procedures p ON p.id = d.procedure_id
  LEFT JOIN units ru ON ru.id = d.received_unit_id LEFT JOIN units hu ON hu.id = d.handling_unit_id
  LEFT JOIN officers o ON o.id = d.officer_id
  WHERE d.received_at >= {ts("start")} AND d.received_at < {a} AND {overdue_at(a)}
  ORDER BY days DESC, d.due_at, d.code LIMIT 50
)
SELECT json_build_object({COMMON_OUT},
  'count', (SELECT sum(c) FROM agg),
  'fields', (SELECT json_agg(DISTINCT field) FROM procedures),
  'procedures', (SELECT json_agg(json_build_object('code', code, 'name', name)) FROM procedures),
  'by_handling', {_json_rows("by_handling")}, 'by_field', {_json_rows("by_field")},
  'by_procedure', {_json_rows("by_procedure")}, 'reasons', {_json_rows("reasons")},
  'page', {_json_rows("page")})"""


def satisfaction(q: bool = True) -> str:
    return f"""WITH {quality_ctes(counts=q)},
r AS (
  SELECT r.unit_id, r.officer_id, date_trunc('month', r.rated_at)::date AS month,
         date_trunc('week', r.rated_at)::date AS week,
         count(*) FILTER (WHERE r.level = 'very_satisfied') AS very_satisfied,
         count(*) FILTER (WHERE r.level = 'satisfied') AS satisfied,
         count(*) FILTER (WHERE r.level = 'dissatisfied') AS dissatisfied
  FROM ratings r WHERE r.rated_at >= {ts("start")} AND r.rated_at < {ts("as_of")}
  GROUP BY 1, 2, 3, 4
),
by_unit AS (SELECT unit_id, sum(very_satisfied) AS vs, sum(satisfied) AS s, sum(dissatisfied) AS ds
            FROM r GROUP BY unit_id),
by_month AS (SELECT month, sum(very_satisfied) AS vs, sum(satisfied) AS s, sum(dissatisfied) AS ds
             FROM r GROUP BY month ORDER BY month),
by_week AS (SELECT week, sum(very_satisfied) AS vs, sum(satisfied) AS s, sum(dissatisfied) AS ds
            FROM r GROUP BY week ORDER BY week),
by_officer AS (SELECT o.id, o.full_name, u.code, sum(very_satisfied) AS vs, sum(satisfied) AS s,
                      sum(dissatisfied) AS ds
               FROM r JOIN officers o ON o.id = r.officer_id JOIN units u ON u.id = o.unit_id
               GROUP BY o.id, o.full_name, u.code),
comments AS (
  SELECT r.rated_at, coalesce(nullif(trim(u.name), ''), u.code) AS unit, o.full_name AS officer,
         d.code AS dossier, r.comment
  FROM ratings r JOIN units u ON u.id = r.unit_id LEFT JOIN officers o ON o.id = r.officer_id
  LEFT JOIN dossiers d ON d.id = r.dossier_id
  WHERE r.rated_at >= {ts("start")} AND r.rated_at < {ts("as_of")} AND r.level = 'dissatisfied'
    AND trim(r.comment) <> '' ORDER BY r.rated_at DESC, r.id DESC LIMIT 200
)
SELECT json_build_object({COMMON_OUT},
  'by_unit', {_json_rows("by_unit")}, 'by_month', {_json_rows("by_month")},
  'by_week', {_json_rows("by_week")}, 'by_officer', {_json_rows("by_officer")},
  'comments', {_json_rows("comments")})"""


CASHLESS_OUT = """
'facilities', (SELECT json_agg(t) FROM (
  SELECT f.kind, count(*) AS facilities,
         count(*) FILTER (WHERE f.cashless_since < %(end_next)s::date) AS cashless_facilities,
         min(f.cashless_since) FILTER (WHERE f.cashless_since < %(end_next)s::date) AS since
  FROM facilities f GROUP BY f.kind) t),
'months', (SELECT json_agg(t) FROM (
  SELECT m.month, f.kind, sum(m.payments) AS payments, sum(m.cashless_payments) AS cashless_payments,
         sum(m.cashless_amount) AS cashless_amount, sum(m.vendors) AS vendors,
         sum(m.cashless_vendors) AS cashless_vendors
  FROM facility_months m JOIN facilities f ON f.id = m.facility_id
  WHERE m.month >= %(start_day)s::date AND m.month < %(end_next)s::date
  GROUP BY m.month, f.kind ORDER BY m.month, f.kind) t),
'places', (SELECT json_agg(t) FROM (
  SELECT f.name, f.kind, coalesce(nullif(trim(u.name), ''), u.code) AS commune,
         CASE WHEN f.cashless_since < %(end_next)s::date THEN f.cashless_since END AS since
  FROM facilities f JOIN units u ON u.id = f.unit_id ORDER BY since NULLS LAST, f.id) t)"""

ADOPTION_OUT = """
'latest', (SELECT json_agg(t) FROM (
  SELECT DISTINCT ON (a.unit_id) a.unit_id, a.as_of, a.households, a.households_onboarded,
         a.public_service_accounts, a.e_wallet_accounts, a.e_health_records
  FROM digital_adoption a WHERE a.as_of < %(end_next)s::date ORDER BY a.unit_id, a.as_of DESC) t),
'history', (SELECT json_agg(t) FROM (
  SELECT day, count(*) AS communes, sum(households) AS households,
         sum(households_onboarded) AS households_onboarded,
         sum(public_service_accounts) AS public_service_accounts,
         sum(e_wallet_accounts) AS e_wallet_accounts, sum(e_health_records) AS e_health_records
  FROM (SELECT DISTINCT ON (days.day, a.unit_id) days.day, a.*
        FROM (SELECT DISTINCT as_of AS day FROM digital_adoption WHERE as_of < %(end_next)s::date) days
        JOIN digital_adoption a ON a.as_of <= days.day
        ORDER BY days.day, a.unit_id, a.as_of DESC) latest
  GROUP BY day ORDER BY day) t)"""

OCOP_OUT = """
'stars', (SELECT json_agg(t) FROM (
  SELECT u.code, o.stars, count(*) AS products FROM ocop_products o JOIN units u ON u.id = o.unit_id
  WHERE o.certified_on < %(end_next)s::date GROUP BY u.code, o.stars) t),
'listed', (SELECT json_agg(t) FROM (
  SELECT l.platform, count(DISTINCT l.product_id) AS listed,
         count(DISTINCT l.product_id) FILTER (WHERE o.stars >= 3) AS listed_3
  FROM product_listings l JOIN ocop_products o ON o.id = l.product_id
  WHERE l.listed_on < %(end_next)s::date AND (l.delisted_on IS NULL OR l.delisted_on >= %(end_next)s::date)
    AND o.certified_on < %(end_next)s::date
  GROUP BY ROLLUP (l.platform)) t),
'rated_3', (SELECT count(*) FROM ocop_products WHERE certified_on < %(end_next)s::date AND stars >= 3),
'sellers', (SELECT json_agg(t) FROM (
  SELECT date_trunc('month', opened_on)::date AS month, platform, holder_kind, count(*) AS opened
  FROM seller_accounts WHERE opened_on < %(end_next)s::date GROUP BY 1, 2, 3) t)"""


def topic(out: str, q: bool = True) -> str:
    return f"WITH {quality_ctes(counts=q)}\nSELECT json_build_object({COMMON_OUT},{out})"


def briefing(q: bool = True, moments: int = 13) -> str:
    ctes, out = week_parts(moments)
    a = ts("as_of")
    # The overdue list by handling unit at the week's end (whatever the receipt date) and
    # its base (open then) come with the quality pass: both read every dossier.
    extra = f""",
count(*) FILTER (WHERE d.received_at < {a} AND {overdue_at(a)}) AS overdue_last,
count(*) FILTER (WHERE d.received_at < {a} AND {open_at(a)}) AS open_last"""
    return f"""WITH {quality_ctes(extra, q)},{ctes},
{form06a_cte(ts("week_start"), ts("as_of"), "form")[1:]},
late_handling AS (
  SELECT d.handling_unit_id AS hu,
         count(*) FILTER (WHERE d.status IN ('resolved', 'refused') AND d.finished_at < {ts("as_of")}
                          AND d.finished_at > d.due_at) AS count,
         count(*) FILTER (WHERE d.status IN ('resolved', 'refused') AND d.finished_at < {ts("as_of")})
           AS base
  FROM dossiers d WHERE d.received_at < {ts("as_of")} AND d.finished_at >= {ts("week_start")}
  GROUP BY 1
),
overdue_handling AS (SELECT hu, sum(overdue_last) AS count, sum(open_last) AS base FROM qs GROUP BY hu)
SELECT json_build_object({COMMON_OUT},{out},
  'form', {_json_rows("form")}, 'late_handling', {_json_rows("late_handling")},
  'overdue_handling', {_json_rows("overdue_handling")},{CASHLESS_OUT},{ADOPTION_OUT},{OCOP_OUT})"""


def statement(view: str, when: dict, quality: bool = True) -> tuple[str, dict]:
    """(sql, parameters) of the hand-written statement for `view` (a key of scale.VIEWS);
    without `quality`, the figures alone (no data-quality counts)."""
    now = when["now"]
    params = {"now": now, "tomorrow": datetime.combine(now.date() + timedelta(days=1), time())}
    period = when["period"]
    end_next = period.end + timedelta(days=1)
    if view in ("overview", "overview-older", "briefing"):
        week = when["week"] if view != "overview-older" else when["older_week"]
        first = week.start - timedelta(weeks=12)
        params |= {"start": datetime.combine(first, time()), "as_of": week.as_of}
        params |= {f"m{i}": week.as_of - timedelta(weeks=12 - i) for i in range(13)}
        if view != "briefing":
            return overview(quality), params
        params |= {"week_start": week.start_at, "end_next": week.end + timedelta(days=1)}
        params |= {"start_day": week.start}
        return briefing(quality), params
    if view == "form06a":
        form = when["form_period"]
        return form06a(quality), params | {"start": form.start_at, "as_of": form.as_of}
    params |= {"start": period.start_at, "as_of": period.as_of, "day": period.end}
    params |= {"start_day": period.start, "end_next": end_next}
    sql = {
        "units": units_view,
        "late": late,
        "satisfaction": satisfaction,
        "cashless": lambda q: topic(CASHLESS_OUT, q),
        "adoption": lambda q: topic(ADOPTION_OUT, q),
        "ocop": lambda q: topic(OCOP_OUT, q),
    }[view](quality)
    return sql, params
