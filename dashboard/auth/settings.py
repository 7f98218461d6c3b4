"""How sign-in is set up: from the environment first, then `[auth]` in
`.streamlit/secrets.toml` (the file Streamlit's own `st.login` reads). No Streamlit here.

- `DASHBOARD_USERS_FILE`, else `users_file` under `[auth]`: the local users file
  (dashboard/auth/users.py). A relative path is taken from the project's folder.
- OpenID Connect: `[auth]` with Streamlit's settings (`redirect_uri`, `cookie_secret`,
  `client_id`, `client_secret`, `server_metadata_url`, or a provider's sub-table);
  `[auth.roles]` maps identities (e-mail or `sub`) to roles.
- `DASHBOARD_IDLE_MINUTES`, else `idle_minutes` under `[auth]`: signed out after this
  long without a page run (480 = 8 hours by default).
- `DASHBOARD_ALLOW_OPEN=1`: serve without sign-in on an address other than loopback.
Neither a users file nor OpenID Connect: no sign-in (the open demo, loopback only).
"""

import ipaddress
import os
import tomllib
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from queries.connection import PROJECT_ROOT

SECRETS_PATH = PROJECT_ROOT / ".streamlit" / "secrets.toml"
# Streamlit's own option, as `streamlit run` reads it from the environment: when it names
# other secrets files, sign-in reads the one st.login reads last (later files win).
STREAMLIT_SECRETS_ENV = "STREAMLIT_SECRETS_FILES"
USERS_FILE_ENV = "DASHBOARD_USERS_FILE"
IDLE_ENV = "DASHBOARD_IDLE_MINUTES"
ALLOW_OPEN_ENV = "DASHBOARD_ALLOW_OPEN"
DEFAULT_IDLE_MINUTES = 480
IDLE_RANGE_MINUTES = (0.1, 7 * 24 * 60)
# What makes a table of [auth] an OpenID Connect provider (as Streamlit reads it).
PROVIDER_KEYS = ("client_id", "server_metadata_url")
LOOPBACK_NAMES = ("localhost",)


class AuthConfigError(Exception):
    """Sign-in is set up wrongly; the message (Vietnamese) says which setting."""


@dataclass(frozen=True)
class Settings:
    users_file: Path | None = None
    oidc: bool = False
    roles: dict = field(default_factory=dict)  # [auth.roles]: identity -> role or table
    idle: timedelta = timedelta(minutes=DEFAULT_IDLE_MINUTES)
    allow_open: bool = False

    @property
    def configured(self) -> bool:
        return self.users_file is not None or self.oidc


def secrets_file() -> Path:
    """The secrets file the app reads: the last STREAMLIT_SECRETS_FILES names, or the default."""
    named = os.environ.get(STREAMLIT_SECRETS_ENV, "").split()
    return Path(named[-1]) if named else SECRETS_PATH


def _auth_section(path: Path) -> dict:
    if not path.is_file():
        return {}
    try:
        with path.open("rb") as f:
            section = tomllib.load(f).get("auth", {})
    except tomllib.TOMLDecodeError as error:
        raise AuthConfigError(f"tệp cấu hình {path} sai cú pháp TOML ({error})") from None
    return section if isinstance(section, dict) else {}


def _is_provider(table) -> bool:
    return isinstance(table, dict) and any(key in table for key in PROVIDER_KEYS)


def has_oidc(auth: dict) -> bool:
    """Whether [auth] sets up Streamlit's st.login (itself, or one provider's sub-table)."""
    providers = _is_provider(auth) or any(
        _is_provider(value) for key, value in auth.items() if key != "roles"
    )
    if providers and not all(key in auth for key in ("redirect_uri", "cookie_secret")):
        raise AuthConfigError(
            "mục [auth] có nhà cung cấp OpenID Connect nhưng thiếu redirect_uri hoặc cookie_secret"
        )
    return providers


def idle_minutes(text) -> float:
    low, high = IDLE_RANGE_MINUTES
    try:
        value = float(text)
    except (TypeError, ValueError):
        value = None
    if value is None or not low <= value <= high:  # NaN fails both comparisons
        raise AuthConfigError(
            f"thời gian chờ đăng xuất ({IDLE_ENV} hoặc idle_minutes trong [auth]) là {text!r}: "
            f"cần một số phút từ {low:g} đến {high:g}"
        )
    return value


def users_file(secrets_path: Path | None = None) -> Path | None:
    """The users file the app reads, or None."""
    named = os.environ.get(USERS_FILE_ENV) or _auth_section(secrets_path or secrets_file()).get(
        "users_file"
    )
    if not named:
        return None
    path = Path(str(named)).expanduser()
    return path if path.is_absolute() else PROJECT_ROOT / path


def load(secrets_path: Path | None = None) -> Settings:
    auth = _auth_section(secrets_path or secrets_file())
    roles = auth.get("roles", {})
    if not isinstance(roles, dict):
        raise AuthConfigError("[auth.roles] phải là một bảng: định danh = vai trò")
    idle = os.environ.get(IDLE_ENV) or auth.get("idle_minutes", DEFAULT_IDLE_MINUTES)
    return Settings(
        users_file=users_file(secrets_path),
        oidc=has_oidc(auth),
        roles=roles,
        idle=timedelta(minutes=idle_minutes(idle)),
        allow_open=os.environ.get(ALLOW_OPEN_ENV, "").strip() in ("1", "true", "yes"),
    )


def is_loopback(address: str | None) -> bool:
    """Whether the server listens on this machine only. Streamlit's default (no address
    set) is every interface."""
    if not address:
        return False
    if address.strip().lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(address.strip().strip("[]")).is_loopback
    except ValueError:
        return False  # a host name: whatever it resolves to, not only this machine
