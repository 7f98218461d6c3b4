"""The Châu Thành A demo database: `python -m dashboard demo --out PATH_OR_URL`.

The whole history from 2021-01-01 is drawn deterministically from `seed` (each
year and each table from its own random stream), then censored at the end of
`until`, or at the moment of the build when `until` is today (the default): a
demo built at 05:40 holds nothing received, finished or rated after 05:40.
Dossiers received after the cutoff are dropped, those still running at it have
no `finished_at` and an open status, and ratings, snapshots, months and
listings after it are dropped; only appointments (`due_at`) lie ahead, as in
any register. The same past `until` and `seed` therefore give the same
database, and a later `until` only adds what happened since. A `until` after
today is refused: the demo holds no future.

At scale 1 the figures of the seed report hold exactly for any `until` on or
after 2023-03-09 (docs/decisions.md, "Demo database"); `scale` multiplies the
dossier volume (and so the ratings) for benchmarks, and the pinned figures
scale with it, rounded.
"""

from datetime import date, datetime, timedelta

import numpy as np

from demo.calendar import WorkCalendar, to_seconds
from demo.directory import build_directory, known_on
from demo.dossiers import generate_year
from demo.errors import DemoError
from demo.lives import FATES, WITHDRAWN
from demo.places import (
    HORIZON,
    digital_adoption_rows,
    facility_month_rows,
    facility_rows,
    listing_rows,
    ocop_rows,
    seller_rows,
)
from demo.store import open_store
from queries.connection import normalize_url
from queries.contract import CHANNELS, RATING_LEVELS

FIRST_DAY = date(2021, 1, 1)
CALENDAR_END = date(2033, 12, 31)  # room for the appointments and long pauses after HORIZON
# Below a tenth the seed report's few late dossiers round to nothing and the pinned
# cohort cannot be drawn; above a hundred times the district, memory runs out first.
SCALES = (0.1, 100.0)


def _text(seconds: np.ndarray) -> list[str]:
    """Epoch seconds as `YYYY-MM-DD HH:MM:SS`."""
    iso = np.datetime_as_string(seconds.astype("datetime64[s]"), unit="s")
    return np.strings.replace(iso, "T", " ").tolist()


def _nullable(values: list, present: np.ndarray) -> list:
    return [v if p else None for v, p in zip(values, present.tolist(), strict=True)]


def censor_dossiers(d: dict, cutoff: int, first_id: int) -> tuple[list[tuple], np.ndarray]:
    """Dossier rows as known at `cutoff` (epoch seconds), and the kept positions."""
    kept = np.flatnonzero(d["received"] < cutoff)
    d = {key: values[kept] for key, values in d.items()}
    done = d["finish"] < cutoff
    paused = (d["pause_start"] < cutoff) & (d["resume"] >= cutoff)
    status = np.where(done, np.array(FATES)[d["fate"]], np.where(paused, "paused", "processing"))
    # The appointment moves only once the applicant is back.
    due = np.where(d["resume"] < cutoff, d["due"], d["due_original"])
    late = done & (d["fate"] != WITHDRAWN) & (d["finish"] > due)
    finish = np.where(done, d["finish"], 0)
    columns = (
        (first_id + kept + 1).tolist(),
        d["code"].tolist(),
        d["procedure_id"].tolist(),
        d["received_unit_id"].tolist(),
        d["handling_unit_id"].tolist(),
        d["officer_id"].tolist(),
        np.array(CHANNELS)[d["channel"]].tolist(),
        _text(d["received"]),
        _text(due),
        _nullable(_text(finish), done),
        status.tolist(),
        _nullable(d["late_reason"].tolist(), late),
        d["applicant_name"].tolist(),
        d["fee_required"].tolist(),
        d["fee_paid_online"].tolist(),
        # A result is issued (electronically or not) once resolved: null until then.
        _nullable(d["result_digitised"].tolist(), status == "resolved"),
        d["components_digitised"].tolist(),
    )
    return list(zip(*columns, strict=True)), kept


def censor_ratings(r: dict, cutoff: int, first_dossier_id: int, first_id: int) -> list[tuple]:
    kept = np.flatnonzero(r["rated_at"] < cutoff)
    columns = (
        (first_id + kept + 1).tolist(),
        r["unit_id"][kept].tolist(),
        r["officer_id"][kept].tolist(),
        (first_dossier_id + r["dossier_index"][kept] + 1).tolist(),
        _text(r["rated_at"][kept]),
        np.array(RATING_LEVELS)[r["level"][kept]].tolist(),
        r["comment"][kept].tolist(),
    )
    return list(zip(*columns, strict=True))


def _check(until: date, scale: float, seed: int, now: datetime) -> None:
    """Refuse, in words for people, what build() cannot honour."""
    if until > now.date():
        raise DemoError(
            f"--until {until} là ngày sau hôm nay ({now.date()}): bản demo kết thúc "
            "lúc được tạo, không có dữ liệu tương lai"
        )
    if not FIRST_DAY <= until <= HORIZON:
        raise DemoError(f"--until {until} nằm ngoài các năm của bản demo ({FIRST_DAY} … {HORIZON})")
    low, high = SCALES
    if not low <= scale <= high:  # NaN fails this too
        raise DemoError(f"--scale {scale:g} nằm ngoài khoảng {low:g} … {high:g}")
    if seed < 0:
        raise DemoError(f"--seed {seed} phải là số nguyên không âm")


def _moment(now: datetime) -> int:
    """`now` as epoch seconds, cut to the whole second: every row kept lies at or before it."""
    return to_seconds(now.date()) + now.hour * 3600 + now.minute * 60 + now.second


def build(
    out,
    until: date | None = None,
    scale: float = 1.0,
    seed: int = 2023,
    *,
    replace: bool = False,
    now: datetime | None = None,
) -> dict:
    """Write the demo database to `out` (SQLite path or URL); returns row counts per table.

    `now` is the build moment (the clock's by default; a test passes its own). An
    existing target is refused unless `replace` (demo/store.py says what is replaced).
    """
    now = now or datetime.now()
    until = until or now.date()
    _check(until, scale, seed, now)
    cutoff = min(to_seconds(until + timedelta(days=1)), _moment(now))
    directory = build_directory(seed)
    cal = WorkCalendar(FIRST_DAY, CALENDAR_END)
    counts = {}
    store = open_store(normalize_url(str(out)), replace)
    try:

        def add(table, rows):
            rows = list(rows)
            store.add(table, rows)
            counts[table] = counts.get(table, 0) + len(rows)

        for table, rows in known_on(directory, until).items():
            add(table, rows)
        dossier_base = rating_base = 0
        for year in range(FIRST_DAY.year, until.year + 1):
            data = generate_year(directory, cal, year, seed, scale)
            rows, _ = censor_dossiers(data.dossiers, cutoff, dossier_base)
            add("dossiers", rows)
            add("ratings", censor_ratings(data.ratings, cutoff, dossier_base, rating_base))
            dossier_base += len(data.dossiers["received"])
            rating_base += len(data.ratings["rated_at"])
        add("facilities", facility_rows(directory.unit_id, until))
        add("facility_months", facility_month_rows(seed, until))
        add("digital_adoption", digital_adoption_rows(directory.unit_id, until))
        add("ocop_products", ocop_rows(directory.unit_id, until))
        add("product_listings", listing_rows(seed, until))
        add("seller_accounts", seller_rows(seed, directory.unit_id, until))
        store.commit()
    except BaseException:
        store.abort()
        raise
    return counts
