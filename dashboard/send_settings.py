"""Where the weekly briefing is sent: `[send.email]` and `[send.webhook]` in the secrets
file the app reads (dashboard.auth.settings.secrets_file: `.streamlit/secrets.toml`, or
the last file STREAMLIT_SECRETS_FILES names). A channel without its table is not used.

    [send.email]
    host = "smtp.example.gov.vn"
    port = 587                  # default: 465 with ssl, 587 with starttls, else 25
    starttls = true             # default true; `ssl = true` instead for port 465
    user = "baocao@example.gov.vn"
    password = "…"
    from = "Bảng điều hành <baocao@example.gov.vn>"
    to = ["chutich@example.gov.vn", "vanphong@example.gov.vn"]

    [send.webhook]
    url = "https://relay.example.gov.vn/zalo/…"   # receives {"text": …, "week": …}

Everything is checked before anything is sent, and no message quotes a password or the
webhook's URL (a relay's token is often in it): only its scheme, host and port.
"""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from dashboard.auth.settings import secrets_file
from dashboard.cli_errors import CliError


@dataclass(frozen=True)
class Email:
    host: str
    port: int
    security: str  # "ssl", "starttls" or "none"
    sender: str
    to: tuple[str, ...]
    user: str | None = None
    password: str | None = field(default=None, repr=False)

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"


@dataclass(frozen=True)
class Webhook:
    url: str = field(repr=False)

    @property
    def where(self) -> str:
        """The URL without its path and query, which may hold a token."""
        parts = urlsplit(self.url)
        return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}"


@dataclass(frozen=True)
class Channels:
    email: Email | None = None
    webhook: Webhook | None = None


DEFAULT_PORTS = {"ssl": 465, "starttls": 587, "none": 25}


def load(path: Path | None = None) -> Channels:
    path = path or secrets_file()
    send = _send_table(path)
    email, webhook = send.get("email"), send.get("webhook")
    for name, table in (("email", email), ("webhook", webhook)):
        if table is not None and not isinstance(table, dict):
            raise CliError(f"[send.{name}] trong {path} phải là một bảng")
    channels = Channels(
        email=_email(email, path) if email is not None else None,
        webhook=_webhook(webhook, path) if webhook is not None else None,
    )
    if channels.email is None and channels.webhook is None:
        raise CliError(
            f"chưa cấu hình kênh gửi nào: thêm [send.email] hoặc [send.webhook] vào {path}"
        )
    return channels


def _send_table(path: Path) -> dict:
    if not path.is_file():
        return {}
    try:
        with path.open("rb") as f:
            send = tomllib.load(f).get("send", {})
    except tomllib.TOMLDecodeError as error:
        raise CliError(f"tệp cấu hình {path} sai cú pháp TOML ({error})") from None
    if not isinstance(send, dict):
        raise CliError(f"[send] trong {path} phải là một bảng")
    return send


def _text(table: dict, key: str, path: Path, meaning: str, required: bool = True) -> str | None:
    value = table.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise CliError(f"[send.email] trong {path} thiếu {key} ({meaning})")
    return value.strip()


def _email(table: dict, path: Path) -> Email:
    host = _text(table, "host", path, "máy chủ thư")
    sender = _text(table, "from", path, "địa chỉ người gửi")
    to = table.get("to")
    if isinstance(to, str):
        to = [to]
    if not to or not isinstance(to, list) or not all(isinstance(a, str) and a.strip() for a in to):
        raise CliError(f"[send.email] trong {path} thiếu to (danh sách địa chỉ người nhận)")
    ssl, starttls = table.get("ssl", False), table.get("starttls", not table.get("ssl", False))
    if not isinstance(ssl, bool) or not isinstance(starttls, bool):
        raise CliError(f"[send.email] trong {path}: ssl và starttls là true hoặc false")
    if ssl and starttls:
        raise CliError(f"[send.email] trong {path}: chọn một trong ssl và starttls, không cả hai")
    security = "ssl" if ssl else "starttls" if starttls else "none"
    port = table.get("port", DEFAULT_PORTS[security])
    if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        raise CliError(f"[send.email] trong {path}: port là một số từ 1 đến 65535")
    user = _text(table, "user", path, "tên đăng nhập", required=False)
    password = None
    if user is not None:
        password = _text(table, "password", path, f"mật khẩu của {user}")
        if security == "none":  # a password in clear across the network
            raise CliError(
                f"[send.email] trong {path}: không gửi mật khẩu qua kết nối không mã hoá; "
                "đặt starttls = true hoặc ssl = true"
            )
    return Email(host, port, security, sender, tuple(a.strip() for a in to), user, password)


def _webhook(table: dict, path: Path) -> Webhook:
    url = table.get("url")
    try:
        parts = urlsplit(url.strip()) if isinstance(url, str) else None
    except ValueError:  # e.g. an unclosed [IPv6 address
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise CliError(
            f"[send.webhook] trong {path}: url phải là một địa chỉ http:// hoặc https://"
        )
    return Webhook(url.strip())
