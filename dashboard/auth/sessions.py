"""Who is signed in, on the server: a table of random tokens in memory, each with its user
and the time of its last page run; and the slowing down of failed sign-ins. No Streamlit.

The browser holds only the token (a cookie, dashboard/frame/sign_in.py): nothing in it
says who the user is, so it cannot be forged into another user or role, and "Đăng xuất"
or the idle time ends it here, whatever the browser keeps. The table lives in the
server's memory: restarting the server signs everyone out.
"""

import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from dashboard.auth.users import User

TOKEN_BYTES = 32
MAX_AGE = timedelta(days=7)  # however active, sign in again after a week
# Failed sign-ins: the n-th failure in a row makes the next try wait FIRST_DELAY * 2^(n-1)
# seconds, at most MAX_DELAY; a key left alone for FORGET_AFTER starts again from zero.
FIRST_DELAY_SECONDS = 1.0
MAX_DELAY_SECONDS = 300.0
FORGET_AFTER_SECONDS = 3600.0


@dataclass
class Session:
    user: User
    stamp: str  # the user's entry in the users file at sign-in (users.fingerprint)
    started: float
    seen: float


class SessionStore:
    """Tokens to sessions; `clock` is monotonic seconds (injectable for tests)."""

    def __init__(self, idle: timedelta, clock: Callable[[], float] = time.monotonic):
        self.idle = idle.total_seconds()
        self.clock = clock
        self._sessions: dict[str, Session] = {}
        self._identities: dict[str, float] = {}  # OpenID Connect identities: last seen
        self._lock = threading.Lock()

    def start(self, user: User, stamp: str) -> str:
        token = secrets.token_urlsafe(TOKEN_BYTES)
        now = self.clock()
        with self._lock:
            self._drop_expired(now)
            self._sessions[token] = Session(user, stamp, now, now)
        return token

    def user(self, token: str | None, touch: bool = True) -> User | None:
        session = self.session(token, touch)
        return session.user if session else None

    def session(self, token: str | None, touch: bool = True) -> Session | None:
        """The token's session while it is valid (a run with `touch` counts as activity)."""
        if not token:
            return None
        now = self.clock()
        with self._lock:
            session = self._sessions.get(token)
            if session is None:
                return None
            if self._expired(session, now):
                del self._sessions[token]
                return None
            if touch:
                session.seen = now
            return session

    def end(self, token: str | None) -> None:
        with self._lock:
            self._sessions.pop(token or "", None)

    def identity_active(self, key: str, touch: bool = True) -> bool:
        """An OpenID Connect identity (Streamlit keeps its sign-on in its own cookie): False
        once it has gone the idle time without a page run (it is then forgotten, so the
        next sign-on starts afresh); seen for the first time, True."""
        now = self.clock()
        with self._lock:
            seen = self._identities.get(key)
            if seen is not None and now - seen > self.idle:
                del self._identities[key]
                return False
            if touch or seen is None:
                self._identities[key] = now
            return True

    def _expired(self, session: Session, now: float) -> bool:
        return now - session.seen > self.idle or now - session.started > MAX_AGE.total_seconds()

    def _drop_expired(self, now: float) -> None:
        for token in [t for t, s in self._sessions.items() if self._expired(s, now)]:
            del self._sessions[token]


class Throttle:
    """Failed sign-ins by key (a user name, a browser session): how long the next try waits."""

    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self.clock = clock
        self._failures: dict[str, tuple[int, float]] = {}
        self._lock = threading.Lock()

    @staticmethod
    def delay(failures: int) -> float:
        if failures <= 0:
            return 0.0
        return min(FIRST_DELAY_SECONDS * 2 ** (failures - 1), MAX_DELAY_SECONDS)

    def wait(self, *keys: str) -> float:
        """Seconds before any of `keys` may try again (0: now)."""
        now = self.clock()
        with self._lock:
            waits = []
            for key in keys:
                count, last = self._failures.get(key, (0, now))
                if now - last > FORGET_AFTER_SECONDS:
                    self._failures.pop(key, None)
                    continue
                waits.append(self.delay(count) - (now - last))
            return max([0.0, *waits])

    def failed(self, *keys: str) -> None:
        now = self.clock()
        with self._lock:
            for key in keys:
                count, last = self._failures.get(key, (0, now))
                if now - last > FORGET_AFTER_SECONDS:
                    count = 0
                self._failures[key] = (count + 1, now)
            if len(self._failures) > 10_000:  # a flood of made-up names: keep the newest
                for key, _ in sorted(self._failures.items(), key=lambda kv: kv[1][1])[:5_000]:
                    del self._failures[key]

    def succeeded(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)
