"""How each demo dossier ends, and the cohort whose figures are pinned.

A dossier's "life" is its appointment (`due_original`), whether it was paused
waiting on the applicant (`pause_start`, `resume`; the source system moves the
appointment by the working time paused, giving `due`), its `fate` (resolved,
refused, withdrawn) and when it ends (`finish`). All are epoch seconds; `NEVER`
marks a finish or a resumption that does not come.

A late dossier ends a log-normal number of working days after its appointment
(`lateness`), longest in land and construction; until then it is open past due,
so the lateness and the chance of being late set how many dossiers are open
past due on any day (a handful to a few dozen; docs/decisions.md).

The seed report's 2022 cohort (docs/decisions.md, "Demo database") is made
exact by a few targeted changes to naturally drawn lives, never by
hand-written rows: withdrawals before the report become resolutions in time;
the late dossiers beyond the reported number are re-timed on time (the
shortest delays first); too many or too few still open on 2022-12-03 finish in
time or are paused across that day; then exactly the reported number of the
cohort's on-time, online-capable dossiers are marked as received online.
"""

from dataclasses import dataclass
from datetime import date

import numpy as np

from demo.calendar import CLOSE, DAY, OPEN, SPAN, WorkCalendar, to_seconds

NEVER = np.int64(2**62)
NO_PAUSE = np.int64(-1)
RESOLVED, REFUSED, WITHDRAWN = 0, 1, 2
FATES = ("resolved", "refused", "withdrawn")
SAME_DAY_CUTOFF = 15 * 3600  # same-day procedures received later are due the next working day

# Chances before the year's factor: (land and construction, other fields).
LATE_CHANCE = {"district": (0.1, 0.006), "commune": (0.35, 0.005)}
# Working days past the appointment, log-normal (median, sigma): (land and construction,
# other fields). Most are a few days to two weeks late, a tail three to six weeks, a few
# stay open longer; at any moment a handful to a few dozen are open past due.
LATENESS = ((7.0, 1.1), (3.0, 0.9))
MAX_LATE_DAYS = 60
# Chance of a pause (procedures with a processing time, same-day ones).
PAUSE_CHANCE = {"district": (0.035, 0.006), "commune": (0.08, 0.025)}
ABANDON_CHANCE = 0.1  # a paused dossier the applicant never comes back to ...
RETURNED_AFTER_DAYS = (180, 540)  # ... is returned to them (withdrawn) months later
PAUSE_MEDIAN_DAYS = 18


@dataclass(frozen=True)
class CohortTarget:
    received: int
    on_time: int  # resolved early or on time
    online: int
    late: int
    open: int

    def scaled(self, scale: float) -> "CohortTarget":
        values = {k: round(v * scale) for k, v in self.__dict__.items()}
        values["on_time"] = values["received"] - values["late"] - values["open"]
        return CohortTarget(**values)


# The seed report: received in [2022-01-01, 2022-12-02], state as of 2022-12-03 00:00.
COHORT_START = date(2022, 1, 1)
COHORT_AS_OF = date(2022, 12, 3)
COHORT_TARGETS = {
    "district": CohortTarget(received=5934, on_time=5827, online=1030, late=7, open=100),
    "commune": CohortTarget(received=26422, on_time=25860, online=21316, late=39, open=523),
}


def _safe_from_ws(cal: WorkCalendar, ws):
    return cal.from_ws(np.clip(ws, 0, cal.end_ws - 1))


def due_at(cal: WorkCalendar, received, days_allowed):
    """The appointment: N working days later at the same time, or 17:00 for same-day ones."""
    index = cal.index(received)
    time_of_day = np.clip(received % DAY, OPEN, CLOSE)
    later = cal.nth_working_day(received, np.maximum(days_allowed, 1))
    today = cal.working[index] & (received % DAY < SAME_DAY_CUTOFF)
    same_day = np.where(today, received - received % DAY, cal.nth_working_day(received, 1))
    return np.where(days_allowed == 0, same_day + CLOSE, later + time_of_day)


def _by_kind(chances, district, first):
    """Per dossier: chances[kind][0] where `first`, else chances[kind][1]."""
    d, c = chances["district"], chances["commune"]
    return np.where(district, np.where(first, d[0], d[1]), np.where(first, c[0], c[1]))


def lateness(rng, late_prone) -> np.ndarray:
    """Working seconds from the appointment to a late dossier's end."""
    (land_median, land_sigma), (other_median, other_sigma) = LATENESS
    median = np.where(late_prone, land_median, other_median)
    sigma = np.where(late_prone, land_sigma, other_sigma)
    days = np.minimum(rng.lognormal(np.log(median), sigma), MAX_LATE_DAYS)
    return 60 + (days * SPAN).astype(np.int64)


def draw_lives(rng, cal, received, days_allowed, late_prone, district, late_factor) -> dict:
    """Fate, pause, appointment and finish of each dossier, drawn independently."""
    n = len(received)
    due0 = due_at(cal, received, days_allowed)
    late_p = _by_kind(LATE_CHANCE, district, late_prone)
    pause_p = _by_kind(PAUSE_CHANCE, district, days_allowed > 0)
    u = rng.random(n)
    fate = np.where(u < 0.004, REFUSED, np.where(u < 0.007, WITHDRAWN, RESOLVED))
    late = (rng.random(n) < late_p * late_factor) & (fate == RESOLVED)
    paused = rng.random(n) < pause_p
    abandoned = paused & (rng.random(n) < ABANDON_CHANCE)

    ws_recv, ws_due0 = cal.ws(received), cal.ws(due0)
    ws_pause = ws_recv + np.floor(rng.beta(1, 2, n) * (ws_due0 - ws_recv) * 0.6).astype(np.int64)
    pause_start = np.where(paused, _safe_from_ws(cal, ws_pause), NEVER)
    length = (rng.lognormal(np.log(PAUSE_MEDIAN_DAYS), 1.3, n) * DAY).astype(np.int64)
    resume = np.where(paused, pause_start + length, NO_PAUSE)
    resume = np.where(paused & (abandoned | (resume >= cal.days[-1] * DAY)), NEVER, resume)
    resumed = paused & (resume != NEVER)
    ws_resume = np.where(resumed, cal.ws(resume), ws_recv)
    ws_due = ws_due0 + np.where(resumed, ws_resume - ws_pause, 0)
    due = np.where(resumed, _safe_from_ws(cal, ws_due), due0)

    skew = np.select([fate == REFUSED, fate == WITHDRAWN], [3.0, 1.5], 2.5)
    in_time = cal.moment_between(rng, ws_resume, ws_due, 1.1, skew)
    overdue = _safe_from_ws(cal, ws_due + lateness(rng, late_prone))
    finish = np.where(late, overdue, in_time)
    returned = pause_start + (rng.uniform(*RETURNED_AFTER_DAYS, n) * DAY).astype(np.int64)
    finish = np.where(abandoned, _safe_from_ws(cal, cal.ws(returned)), finish)
    finish = np.where(paused & ~resumed & ~abandoned, NEVER, finish)
    return {
        "received": received,
        "due_original": due0,
        "due": due,
        "finish": finish,
        "fate": np.where(abandoned, WITHDRAWN, fate),
        "pause_start": pause_start,
        "resume": resume,
    }


def weighted_pick(rng, weights: np.ndarray, k: int) -> np.ndarray:
    """Positions of k items drawn without replacement with probability ~ weights."""
    if k > len(weights):
        raise ValueError(f"cannot pick {k} of {len(weights)}")
    keys = rng.exponential(size=len(weights)) / np.maximum(weights, 1e-12)
    return np.sort(np.argsort(keys, kind="stable")[:k])


class _Cohort:
    """The lives of one receiving kind's cohort dossiers, adjusted in place."""

    def __init__(self, rng, cal, lives, members):
        self.rng, self.cal, self.lives, self.members = rng, cal, lives, members
        self.as_of = to_seconds(COHORT_AS_OF)
        self.ws_as_of = int(cal.ws(np.array([self.as_of]))[0])

    def states(self):
        life = self.lives
        finished = self.members & (life["fate"] != WITHDRAWN) & (life["finish"] < self.as_of)
        late = finished & (life["finish"] > life["due"])
        withdrawn = self.members & (life["fate"] == WITHDRAWN) & (life["finish"] < self.as_of)
        still_open = self.members & ~finished & ~withdrawn
        return finished, late, withdrawn, still_open

    def _ws(self, key, idx):
        return self.cal.ws(self.lives[key][idx])

    def _set_finish(self, idx, low_ws, high_ws, skew=2.5):
        self.lives["finish"][idx] = self.cal.moment_between(self.rng, low_ws, high_ws, 1.1, skew)

    def finish_in_time(self, idx):
        """Resolved before the report after all, within the first appointment, no pause."""
        life = self.lives
        life["pause_start"][idx], life["resume"][idx] = NEVER, NO_PAUSE
        life["due"][idx] = life["due_original"][idx]
        life["fate"][idx] = RESOLVED
        high = np.minimum(self._ws("due", idx), self.ws_as_of)
        self._set_finish(idx, self._ws("received", idx), high)

    def no_withdrawals(self):
        _, _, withdrawn, _ = self.states()
        self.finish_in_time(np.flatnonzero(withdrawn))

    def late(self, target: int):
        """Re-time the surplus late ones within their appointment, the shortest delays first.

        The late ones kept are the long ones: with only a few dozen allowed to finish
        late before the report, they still leave some dossiers open past due in 2022.
        Naturally drawn there are always many more late ones than the report's.
        """
        _, late, _, _ = self.states()
        life = self.lives
        surplus = np.flatnonzero(late)
        if len(surplus) < target:
            raise AssertionError(f"{len(surplus)} late dossiers drawn, {target} wanted")
        overdue = (life["finish"][surplus] - life["due"][surplus]).astype(float)
        idx = surplus[weighted_pick(self.rng, 1 / overdue, len(surplus) - target)]
        start = np.where(life["resume"][idx] >= 0, life["resume"][idx], life["received"][idx])
        self._set_finish(idx, self.cal.ws(start), self._ws("due", idx))

    def still_open(self, target: int):
        finished, late, _, still_open = self.states()
        life = self.lives
        surplus = np.flatnonzero(still_open)
        if len(surplus) > target:
            idx = surplus[weighted_pick(self.rng, np.ones(len(surplus)), len(surplus) - target)]
            self.finish_in_time(idx)
        elif len(surplus) < target:
            # Paused before the report, resumed after it: the recently received ones first.
            pool = np.flatnonzero(finished & ~late)
            age = (self.as_of - life["received"][pool]) / DAY
            idx = pool[weighted_pick(self.rng, np.exp(-age / 20), target - len(surplus))]
            ws_recv = self._ws("received", idx)
            ws_due0 = self._ws("due_original", idx)
            pause_ws = ws_recv + np.floor(
                self.rng.random(len(idx)) * (np.minimum(ws_due0, self.ws_as_of) - ws_recv)
            ).astype(np.int64)
            length = self.rng.lognormal(np.log(12), 0.9, len(idx)) * DAY
            resume = self.as_of + length.astype(np.int64)
            ws_resume = self.cal.ws(resume)
            ws_due = ws_due0 + ws_resume - pause_ws
            life["pause_start"][idx] = self.cal.from_ws(pause_ws)
            life["resume"][idx] = resume
            life["due"][idx] = self.cal.from_ws(ws_due)
            life["fate"][idx] = RESOLVED
            self._set_finish(idx, ws_resume, ws_due)


@dataclass
class PinnedCohort:
    members: np.ndarray  # mask of the dossiers received in the cohort window
    online: np.ndarray  # positions of those to be received online, and only those
    district_late: np.ndarray  # positions of the district's late ones (their reason is fixed)


def pin_cohort(rng, cal, lives, district, online_capable, online_weight, scale) -> PinnedCohort:
    """Adjust the 2022 lives in place so the cohort matches COHORT_TARGETS exactly."""
    start, as_of = to_seconds(COHORT_START), to_seconds(COHORT_AS_OF)
    window = (lives["received"] >= start) & (lives["received"] < as_of)
    online, district_late = [], []
    for kind, target in COHORT_TARGETS.items():
        target = target.scaled(scale)
        members = window & (district if kind == "district" else ~district)
        if members.sum() != target.received:
            raise AssertionError(f"{kind}: {members.sum()} received, expected {target.received}")
        cohort = _Cohort(rng, cal, lives, members)
        cohort.no_withdrawals()
        cohort.late(target.late)
        cohort.still_open(target.open)
        finished, late, _, _ = cohort.states()
        eligible = np.flatnonzero(finished & ~late & online_capable)
        online.append(eligible[weighted_pick(rng, online_weight[eligible], target.online)])
        if kind == "district":
            district_late.append(np.flatnonzero(late))
    return PinnedCohort(window, np.concatenate(online), np.concatenate(district_late))
