"""What each role may see, as plain rules the views and their tests share. No Streamlit.

- leader: everything.
- unit: every aggregate and slide, every download of aggregates (the form, the
  handout); the late list, its files, a dossier's detail, late reasons, officers'
  names and citizens' comments only for dossiers (and ratings) of its own unit:
  the late view's filter is held to dossiers it received or handles.
- viewer: aggregates and slides only: no dossier list, no download, no names, no
  free text.

People's names: officers (the late list, the satisfaction view's officer table and
comments) and applicants (masked even where shown). Unit, field and procedure names
are not people's names. Free text written about single dossiers or by citizens (late
reasons, dissatisfied comments) may name people: a viewer gets none of it.
"""

from dataclasses import replace

from dashboard.auth.users import ROLE_NAMES, User
from queries.late import LateFilter

OPEN = User("", "leader")  # no sign-in configured: the demo on this machine sees all


class Forbidden(Exception):
    """A role asked for what it may not have; the message is for the page (Vietnamese)."""


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


def may_list(user: User) -> bool:
    """The late list, its files and a dossier's detail."""
    return user.role in ("leader", "unit")


def may_download(user: User) -> bool:
    return user.role in ("leader", "unit")


def may_see_names(user: User) -> bool:
    return user.role in ("leader", "unit")


def may_read_free_text(user: User) -> bool:
    """Late reasons and citizens' comments."""
    return user.role in ("leader", "unit")


def require(allowed: bool, message: str = NO_LIST) -> None:
    if not allowed:
        raise Forbidden(message)


def late_filter(user: User, filt: LateFilter) -> LateFilter:
    """The late view's filter as this user may have it: a unit user's is held to the dossiers
    their unit received or handles, whatever the URL or the boxes asked."""
    if user.role == "unit":
        return replace(filt, unit_scope=user.unit)
    return filt


def officer_unit(user: User, asked: str | None) -> str | None:
    """The unit whose officers (and comments) the satisfaction view lists: a unit user's own."""
    return user.unit if user.role == "unit" else asked


def role_line(user: User) -> str:
    """The sidebar's line: the role, and a unit user's unit code."""
    name = ROLE_NAMES[user.role]
    return f"{name} ({user.unit})" if user.unit else name
