"""What a user may see on a view: one registry, one question, deny by default. No Streamlit.

Every view asks `grant(user, view)` first, through dashboard/frame/access.py, and reads
only what the answer allows. `VIEWS` says, for each view and each role, which of four
things it shows:

- aggregates: counts, rates, charts, tables by unit or topic; never a single dossier.
- lists: the late list and a dossier's detail.
- names: people's names and free text that may name them: officers (the late list, the
  satisfaction view's officer table), citizens' comments, late reasons. Applicants' names
  are masked even where shown (dashboard/masking.py); unit, field, procedure and product
  names are not people's.
- files: downloads (the late list's CSV/XLSX, Biểu II.06a, the handout).

A view missing from `VIEWS`, or a role missing from its row, gets nothing. Today: a
leader everything; a unit user everything, its lists and names held to its unit's
dossiers (`Grant.unit`: on the late view every figure, since its counts are the list's);
a viewer aggregates only.
"""

from dataclasses import dataclass, replace

from dashboard.auth.users import ROLE_NAMES, User
from queries.late import LateFilter

OPEN = User("", "leader")  # no sign-in configured: the demo on this machine sees all

AGGREGATES, LISTS, NAMES, FILES = "aggregates", "lists", "names", "files"
_FULL = frozenset({AGGREGATES, LISTS, NAMES, FILES})
_AGGREGATES = frozenset({AGGREGATES})
_FILES = frozenset({AGGREGATES, FILES})
_NAMES = frozenset({AGGREGATES, NAMES})
_LISTS = frozenset({AGGREGATES, LISTS})
_ALL_AGGREGATES = {"leader": _AGGREGATES, "unit": _AGGREGATES, "viewer": _AGGREGATES}
# View (its file in views/) → role → what it shows there.
VIEWS: dict[str, dict[str, frozenset[str]]] = {
    "overview": _ALL_AGGREGATES,
    "units": _ALL_AGGREGATES,
    "late": {"leader": _FULL, "unit": _FULL, "viewer": _AGGREGATES},
    "form06a": {"leader": _FILES, "unit": _FILES, "viewer": _AGGREGATES},
    "satisfaction": {"leader": _NAMES, "unit": _NAMES, "viewer": _AGGREGATES},
    "cashless": _ALL_AGGREGATES,
    "adoption": _ALL_AGGREGATES,
    "ocop": _ALL_AGGREGATES,
    # The 766 estimate, and the dossiers behind its figures (applicants masked).
    "index766": {"leader": _LISTS, "unit": _LISTS, "viewer": _AGGREGATES},
    "briefing": {"leader": _FILES, "unit": _FILES, "viewer": _AGGREGATES},
}


@dataclass(frozen=True)
class Grant:
    """What one user may see on one view. `unit`: the unit whose dossiers (with what
    its area adds to it: queries.scope.area) hold its lists and names; None for all."""

    user: User
    aggregates: bool = False
    lists: bool = False
    names: bool = False
    files: bool = False
    unit: str | None = None

    @property
    def denied(self) -> bool:
        return not (self.aggregates or self.lists or self.names or self.files)


class Forbidden(Exception):
    """A view asked for what its grant does not hold; the message is for the page."""


NOT_GRANTED = (
    "Tài khoản với vai trò “{role}” chưa được xem trang này. Xin liên hệ quản trị hệ thống nếu cần."
)
NO_LIST = (
    "Vai trò “Xem số liệu” chỉ xem số liệu tổng hợp: danh sách hồ sơ, tên người và tệp tải về "
    "dành cho lãnh đạo và đơn vị."
)
NO_NAMES = (
    "Vai trò “Xem số liệu” chỉ xem số liệu tổng hợp: bảng xếp hạng cán bộ và ý kiến của người "
    "dân không hiển thị."
)
NO_FILES = "Vai trò “Xem số liệu” không tải tệp về."
UNIT_SCOPE = "Chỉ hồ sơ do {unit} tiếp nhận hoặc xử lý (theo quyền của tài khoản)."


def grant(user: User, view: str) -> Grant:
    """What `user` may see on `view` (its file's name in views/): nothing unless `VIEWS`
    says so."""
    shows = VIEWS.get(view, {}).get(user.role, frozenset())
    return Grant(
        user,
        aggregates=AGGREGATES in shows,
        lists=LISTS in shows,
        names=NAMES in shows,
        files=FILES in shows,
        unit=user.unit if user.role == "unit" and shows else None,
    )


def refusal(user: User) -> str:
    return NOT_GRANTED.format(role=ROLE_NAMES[user.role])


def require(allowed: bool, message: str = NO_LIST) -> None:
    if not allowed:
        raise Forbidden(message)


def late_filter(allowed: Grant, filt: LateFilter) -> LateFilter:
    """The late view's filter as this grant has it: a unit user's is held to the dossiers
    their unit received or handles, whatever the URL or the boxes asked."""
    return filt if allowed.unit is None else replace(filt, unit_scope=allowed.unit)


def officer_unit(allowed: Grant, asked: str | None) -> str | None:
    """The unit whose officers (and comments) the satisfaction view lists: a unit user's own."""
    return asked if allowed.unit is None else allowed.unit


def role_line(user: User) -> str:
    """The sidebar's line: the role, and a unit user's unit code."""
    name = ROLE_NAMES[user.role]
    return f"{name} ({user.unit})" if user.unit else name
