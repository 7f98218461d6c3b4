"""The week goes out by itself (`python -m dashboard brief --send`, from cron or a systemd
timer): the chat message, the `.txt` of `brief`, by e-mail with the PDF handout attached
(smtplib) and to a webhook as JSON `{"text": …, "week": "2024-W45"}` (httpx), for a Zalo
OA or Telegram relay. Where to is `[send.email]` and `[send.webhook]` in the secrets
file (dashboard/send_settings.py).

Each configured channel delivers a week once: one that delivered is recorded at once in
the dashboard's state file (dashboard/sent_record.py) and skipped by the next run unless
`again`; one that failed is not recorded, so the next run tries it again. The record is
locked from the first look to the last write, so two runs at once send once.
"""

import smtplib
import socket
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr
from typing import TextIO

import httpx
from sqlalchemy.engine import Engine

from dashboard import briefing, fmt, handout, sent_record
from dashboard.briefing import Briefing
from dashboard.params import week_param
from dashboard.send_settings import Channels, Email, Webhook
from dashboard.unit_reading import DEFAULT
from queries.period import Period

CHANNELS = ("email", "webhook")
NAMES = {"email": "e-mail", "webhook": "webhook"}
TIMEOUT_SECONDS = 30  # a server that does not answer must not hold the lock for long


def send_week(
    engine: Engine,
    week: Period,
    channels: Channels,
    again: bool,
    out: TextIO,
    units: str = DEFAULT,
) -> list[str]:
    """Send `week` (by unit in the reading `units`) on each configured channel not yet sent
    (on each with `again`), saying on `out` what went where; returns what failed, one phrase
    a channel."""
    key, heading = week_param(week), fmt.week_of(week.start)
    configured = [name for name in CHANNELS if getattr(channels, name) is not None]
    failures = []
    with sent_record.opened() as record:
        due = []
        for name in configured:
            at = None if again else record.sent_at(key, name)
            if at is None:
                due.append(name)
            else:
                print(
                    f"{NAMES[name]}: {heading} đã gửi lúc {fmt.datetime(at)}, không gửi lại "
                    "(thêm --again để gửi lại)",
                    file=out,
                )
        deck = briefing.build(engine, week, units) if due else None
        for name in due:
            try:
                said = SENDERS[name](deck, getattr(channels, name))
            except (OSError, smtplib.SMTPException, httpx.HTTPError) as error:
                failures.append(failure(name, error, getattr(channels, name)))
                continue
            record.add(key, name)
            print(f"{NAMES[name]}: đã gửi {heading} {said}", file=out)
    return failures


def email_message(deck: Briefing, settings: Email) -> EmailMessage:
    """The message as the chat gets it, the handout attached."""
    message = EmailMessage()
    message["Subject"] = f"{briefing.TITLE} – {deck.heading}"
    message["From"] = settings.sender
    message["To"] = ", ".join(settings.to)
    message["Date"] = formatdate(localtime=True)
    # The sender's domain: make_msgid's default asks DNS for this machine's name.
    domain = parseaddr(settings.sender)[1].rpartition("@")[2] or "localhost"
    message["Message-ID"] = make_msgid(domain=domain)
    message.set_content(handout.to_bytes(deck, ".txt").decode("utf-8"))
    message.add_attachment(
        handout.to_bytes(deck, ".pdf"),
        maintype="application",
        subtype="pdf",
        filename=handout.file_name(deck, ".pdf"),
    )
    return message


def send_email(deck: Briefing, settings: Email) -> str:
    """Deliver the e-mail; returns whom it reached, for the run's report."""
    message = email_message(deck, settings)
    context = ssl.create_default_context()
    if settings.security == "ssl":
        server = smtplib.SMTP_SSL(
            settings.host, settings.port, timeout=TIMEOUT_SECONDS, context=context
        )
    else:
        server = smtplib.SMTP(settings.host, settings.port, timeout=TIMEOUT_SECONDS)
    with server:
        if settings.security == "starttls":
            server.starttls(context=context)
        if settings.user is not None:
            server.login(settings.user, settings.password)
        # Raises unless at least one address took it; those refused are said.
        refused = server.send_message(message, to_addrs=list(settings.to))
    kept = [a for a in settings.to if a not in refused]
    said = f"tới {', '.join(kept)}"
    return said + (f" (máy chủ từ chối {', '.join(refused)})" if refused else "")


def post_webhook(deck: Briefing, settings: Webhook) -> str:
    """POST the message; returns where it went, for the run's report."""
    payload = {"text": deck.message, "week": week_param(deck.week)}
    response = httpx.post(settings.url, json=payload, timeout=TIMEOUT_SECONDS)
    response.raise_for_status()  # a redirect too: the relay's address has moved
    return f"tới {settings.where}"


SENDERS = {"email": send_email, "webhook": post_webhook}


def failure(name: str, error: Exception, settings: Email | Webhook) -> str:
    """What went wrong on a channel, in Vietnamese, without its password or URL path."""
    return f"không gửi được {NAMES[name]} qua {settings.where}: {_reason(error)}"


def _reason(error: Exception) -> str:
    # The server's own words are not quoted: they may echo an address or a token.
    if isinstance(error, httpx.HTTPStatusError):
        return f"máy chủ trả về mã HTTP {error.response.status_code}"
    if isinstance(error, httpx.TimeoutException | TimeoutError):
        return f"không trả lời sau {TIMEOUT_SECONDS} giây"
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return "máy chủ thư từ chối đăng nhập (sai user hoặc password)"
    if isinstance(error, smtplib.SMTPNotSupportedError):
        return "máy chủ thư không hỗ trợ STARTTLS hoặc đăng nhập"
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "máy chủ thư từ chối mọi người nhận"
    if isinstance(error, smtplib.SMTPSenderRefused):
        return "máy chủ thư từ chối địa chỉ người gửi (from)"
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return "máy chủ thư ngắt kết nối"
    if isinstance(error, smtplib.SMTPResponseException):
        return f"máy chủ thư trả lời mã {error.smtp_code}"
    if isinstance(error, ssl.SSLError):
        return "lỗi TLS (chứng chỉ hoặc cổng không đúng)"
    if isinstance(error, socket.gaierror):
        return "không tìm thấy máy chủ này"
    if isinstance(error, ConnectionRefusedError):
        return "máy chủ từ chối kết nối"
    if isinstance(error, httpx.ConnectError):
        return "không kết nối được"
    return f"lỗi {type(error).__name__}"
