"""`python -m dashboard brief --send`: the week's message with the PDF by e-mail and to a
webhook, each channel once a week unless asked again (fixture_week, Tuần 45/2024).

A local SMTP server (aiosmtpd) and a local HTTP receiver stand in for the province's mail
server and the Zalo/Telegram relay; the settings are a secrets file of the test's own,
named as Streamlit names one (STREAMLIT_SECRETS_FILES), and the record of what was sent
lives in a state folder of the test's own (DASHBOARD_STATE_DIR).
"""

import email
import email.policy
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller

from dashboard import send_settings, sent_record
from dashboard.auth import settings
from dashboard.cli_errors import PREFIX
from dashboard.state_dir import STATE_DIR_ENV
from queries.connection import PROJECT_ROOT
from tests import fixture_week
from tests.cli_run import Outcome, run

WEEK = "2024-W45"
HEADING = "Tuần 45/2024 (04/11–10/11)"
PASSWORD = "mat-khau-bi-mat-42"
TO = ["chutich@example.gov.vn", "vanphong@example.gov.vn"]


def free_port() -> int:
    """A port nothing listens on (a server that is down)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """The SMTP server's handler: every message it accepts."""

    def __init__(self):
        self.envelopes = []
        self.refused = set()  # addresses it does not know

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refused:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 OK"


@pytest.fixture
def inbox():
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    handler.port = controller.port
    yield handler
    controller.stop()


class Receiver:
    """The relay: every JSON body posted to it, answered with `status`."""

    def __init__(self):
        self.posts = []
        self.status = 200
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if receiver.status == 200:
                    receiver.posts.append(json.loads(body))
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args):  # quiet
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/zalo/secret-token"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def receiver():
    relay = Receiver()
    yield relay
    relay.server.shutdown()
    relay.server.server_close()


@pytest.fixture
def url(make_db) -> str:
    return make_db("sqlite", fixture_week.ROWS)


@pytest.fixture
def secrets(tmp_path, monkeypatch):
    """write(email=…, webhook=…): the [send] tables of the secrets file the app reads."""
    path = tmp_path / "secrets.toml"
    monkeypatch.setenv(settings.STREAMLIT_SECRETS_ENV, str(path))
    monkeypatch.setenv(STATE_DIR_ENV, str(tmp_path / "state"))

    def write(email: str | None = None, webhook: str | None = None) -> None:
        tables = [f"[send.email]\n{email}" if email else "", ""]
        if webhook:
            tables.append(f'[send.webhook]\nurl = "{webhook}"')
        path.write_text("\n".join(tables), encoding="utf-8")

    return write


def mail_settings(port: int, extra: str = "") -> str:
    return (
        f'host = "127.0.0.1"\nport = {port}\nstarttls = false\n'
        f'from = "Bảng điều hành <baocao@example.gov.vn>"\nto = {json.dumps(TO)}\n{extra}'
    )


def sent() -> list[tuple[str, str]]:
    """(week, channel) of every send on record."""
    with sent_record.opened() as record:
        return sorted((entry["week"], entry["channel"]) for entry in record.entries)


def one_error_line(outcome: Outcome) -> str:
    """Failed: exit 1, and stderr is one Vietnamese line with nothing secret in it."""
    lines = outcome.stderr.splitlines()
    assert outcome.status == 1 and len(lines) == 1 and lines[0].startswith(PREFIX), outcome
    assert PASSWORD not in outcome.stderr + outcome.stdout
    assert "secret-token" not in outcome.stderr
    return lines[0]


def test_the_week_goes_out_by_mail_and_webhook(url, secrets, inbox, receiver, tmp_path):
    secrets(email=mail_settings(inbox.port), webhook=receiver.url)
    outcome = run("brief", "--db", url, "--send")  # the last complete week: Tuần 45
    assert outcome.status == 0 and outcome.stderr == "", outcome
    assert run("brief", "--db", url, "--out", str(tmp_path / "tuan.txt")).status == 0
    text = (tmp_path / "tuan.txt").read_text(encoding="utf-8")

    [envelope] = inbox.envelopes
    assert envelope.mail_from == "baocao@example.gov.vn" and envelope.rcpt_tos == TO
    mail = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert HEADING in mail["Subject"] and mail["To"] == ", ".join(TO)
    assert mail.get_body(("plain",)).get_content() == text
    [pdf] = list(mail.iter_attachments())
    assert pdf.get_content_type() == "application/pdf"
    assert pdf.get_filename() == "bao-cao-tuan_2024-W45.pdf"
    assert pdf.get_content().startswith(b"%PDF")

    assert receiver.posts == [{"text": text.rstrip("\n"), "week": WEEK}]
    assert sent() == [(WEEK, "email"), (WEEK, "webhook")]
    assert "e-mail" in outcome.stdout and "webhook" in outcome.stdout


def test_nothing_goes_out_twice_unless_asked(url, secrets, inbox, receiver):
    secrets(email=mail_settings(inbox.port), webhook=receiver.url)
    assert run("brief", "--db", url, "--send", "--week", WEEK).status == 0
    again = run("brief", "--db", url, "--send")
    assert again.status == 0 and again.stderr == "", again
    assert len(inbox.envelopes) == 1 and len(receiver.posts) == 1
    assert again.stdout.count("đã gửi") == 2 and "--again" in again.stdout

    forced = run("brief", "--db", url, "--send", "--again")
    assert forced.status == 0, forced
    assert len(inbox.envelopes) == 2 and len(receiver.posts) == 2
    assert sent() == [(WEEK, "email"), (WEEK, "email"), (WEEK, "webhook"), (WEEK, "webhook")]


def test_a_mail_server_that_is_down_is_retried_next_time(url, secrets, inbox, receiver):
    down = mail_settings(free_port(), f'ssl = true\nuser = "baocao"\npassword = "{PASSWORD}"')
    secrets(email=down.replace("starttls = false\n", ""), webhook=receiver.url)
    failed = run("brief", "--db", url, "--send")
    line = one_error_line(failed)
    assert "e-mail" in line and "127.0.0.1" in line and "từ chối kết nối" in line
    assert len(receiver.posts) == 1 and sent() == [(WEEK, "webhook")]

    # The server is back: only the e-mail goes out, the webhook is not posted again.
    secrets(email=mail_settings(inbox.port), webhook=receiver.url)
    retried = run("brief", "--db", url, "--send")
    assert retried.status == 0, retried
    assert len(inbox.envelopes) == 1 and len(receiver.posts) == 1
    assert sent() == [(WEEK, "email"), (WEEK, "webhook")]


@pytest.mark.parametrize("status", [500, 302])
def test_a_relay_that_answers_500_is_one_line(url, secrets, inbox, receiver, status):
    receiver.status = status  # a redirect too: the relay has moved, the POST is not followed
    secrets(email=mail_settings(inbox.port), webhook=receiver.url)
    line = one_error_line(run("brief", "--db", url, "--send"))
    assert "webhook" in line and f"mã HTTP {status}" in line and "127.0.0.1" in line
    assert len(inbox.envelopes) == 1 and sent() == [(WEEK, "email")]


def test_a_recipient_refused_is_said_and_the_rest_delivered(url, secrets, inbox):
    inbox.refused = {TO[1]}
    secrets(email=mail_settings(inbox.port))
    outcome = run("brief", "--db", url, "--send")
    assert outcome.status == 0 and f"máy chủ từ chối {TO[1]}" in outcome.stdout, outcome
    assert [e.rcpt_tos for e in inbox.envelopes] == [[TO[0]]] and sent() == [(WEEK, "email")]

    inbox.refused = set(TO)  # nobody: not delivered, not recorded
    line = one_error_line(run("brief", "--db", url, "--send", "--again"))
    assert "từ chối mọi người nhận" in line and sent() == [(WEEK, "email")]


def test_two_runs_at_once_send_once(url, secrets, inbox, receiver):
    """A run waits while another holds the record, then finds the week sent."""
    secrets(email=mail_settings(inbox.port), webhook=receiver.url)
    outcome = []
    with sent_record.opened() as record:
        other = threading.Thread(target=lambda: outcome.append(run("brief", "--db", url, "--send")))
        other.start()
        time.sleep(1)
        assert inbox.envelopes == [] and receiver.posts == [] and other.is_alive()
        record.add(WEEK, "email")  # what the first run did meanwhile
        record.add(WEEK, "webhook")
    other.join(timeout=60)
    assert outcome[0].status == 0 and outcome[0].stdout.count("đã gửi") == 2, outcome
    assert inbox.envelopes == [] and receiver.posts == []


@pytest.mark.parametrize(
    ("email", "webhook", "said"),
    [
        (None, None, "chưa cấu hình"),
        ('host = "smtp.example.gov.vn"\nto = ["a@example.gov.vn"]', None, "thiếu from"),
        (mail_settings(25).replace("to = ", "cc = "), None, "thiếu to"),
        (mail_settings(25).replace("to = [", 'to = [""]\nbcc = ['), None, "to"),
        (mail_settings(25).replace("false", "true\nssl = true"), None, "ssl và starttls"),
        (mail_settings(99999), None, "port"),
        (mail_settings(25, f'user = "baocao"\npassword = "{PASSWORD}"'), None, "mã hoá"),
        (mail_settings(25, 'user = "baocao"'), None, "password"),
        (None, "ftp://relay.example.gov.vn/secret-token", "http"),
    ],
)
def test_wrong_settings_are_refused_before_anything_goes_out(url, secrets, email, webhook, said):
    secrets(email=email, webhook=webhook)
    assert said in one_error_line(run("brief", "--db", url, "--send"))
    assert sent() == []


def test_the_options_say_what_they_need(url, secrets, tmp_path):
    secrets()
    assert "--send" in one_error_line(run("brief", "--db", url))
    out = str(tmp_path / "tuan.txt")
    assert "--again" in one_error_line(run("brief", "--db", url, "--out", out, "--again"))


def test_a_damaged_record_is_refused_rather_than_sending_again(url, secrets, inbox, tmp_path):
    secrets(email=mail_settings(inbox.port))
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / sent_record.FILE_NAME).write_text("{not json", encoding="utf-8")
    assert sent_record.FILE_NAME in one_error_line(run("brief", "--db", url, "--send"))
    assert inbox.envelopes == []


def test_the_record_is_written_whole(tmp_path, monkeypatch):
    monkeypatch.setenv(STATE_DIR_ENV, str(tmp_path))
    with sent_record.opened() as record:
        record.add(WEEK, "email")
    written = json.loads((tmp_path / sent_record.FILE_NAME).read_text(encoding="utf-8"))
    assert [(e["week"], e["channel"]) for e in written["sent"]] == [(WEEK, "email")]
    assert written["sent"][0]["at"][:4].isdigit()  # local time, ISO
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [sent_record.FILE_NAME, sent_record.LOCK_NAME]
    )  # no temporary file left behind


def test_a_secrets_file_that_is_not_toml_is_one_line(url, secrets, tmp_path):
    (tmp_path / "secrets.toml").write_text(f'[send.email]\npassword = "{PASSWORD}', "utf-8")
    assert "TOML" in one_error_line(run("brief", "--db", url, "--send"))


def test_the_example_secrets_read_as_documented(tmp_path):
    example = (PROJECT_ROOT / ".streamlit" / "secrets.toml.example").read_text("utf-8")
    lines = example[example.index("# [send.email]") :].splitlines()
    (tmp_path / "s.toml").write_text("\n".join(line[2:] for line in lines), "utf-8")
    channels = send_settings.load(tmp_path / "s.toml")
    assert channels.email.security == "starttls" and channels.email.where.endswith(":587")
    assert len(channels.email.to) == 2 and channels.email.user is not None
    assert channels.webhook.where == "https://relay.example.gov.vn"
