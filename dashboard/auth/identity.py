"""An OpenID Connect identity (Streamlit's `st.user`, from the province's sign-on) to a role.

Looked up by the identity's e-mail address (lower case; ignored when the provider says
it is not verified), then by its `sub`: first in `[auth.roles]` of the secrets, whose
values are a role (`"leader"`, `"viewer"`) or a table (`{ role = "unit", unit = "CTA-MN" }`),
then among the users file's names (`users add EMAIL --role … --sso`). An identity found
in neither may not see anything: signing on at the province is not being let in here.
No Streamlit.
"""

from dashboard.auth import users
from dashboard.auth.users import User


def _keys(claims: dict) -> list[str]:
    keys = []
    email = str(claims.get("email") or "").strip().lower()
    if email and claims.get("email_verified") is not False:
        keys.append(email)
    sub = str(claims.get("sub") or "").strip()
    if sub:
        keys.append(sub)
    return keys


def _from_roles(key: str, entry) -> User | None:
    if isinstance(entry, str):
        entry = {"role": entry}
    if not isinstance(entry, dict):
        return None
    role, unit = entry.get("role"), entry.get("unit")
    try:
        users.check_role(str(role), unit)
    except users.UsersFileError:
        return None  # a wrong line lets nobody in; the page says the identity has no role
    return User(key, str(role), unit if role == "unit" else None)


def user_for(claims: dict, roles: dict, table: dict[str, dict]) -> User | None:
    """The identity's user (named by the key that matched), or None."""
    keys = _keys(claims)
    lowered = {str(k).strip().lower(): v for k, v in roles.items()}
    for key in keys:
        entry = roles.get(key, lowered.get(key.lower()))
        if entry is not None:
            return _from_roles(key, entry)
    for key in keys:
        record = table.get(key.lower())
        if record is not None:
            return users.user_of(key.lower(), record)
    return None


def label(claims: dict) -> str:
    """How the sidebar names an identity: its name, else its e-mail, else its sub."""
    return str(claims.get("name") or claims.get("email") or claims.get("sub") or "")
