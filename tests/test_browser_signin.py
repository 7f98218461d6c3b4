"""Sign-in in a real browser, on a server with a users file: a deep link signed out shows
only the form; a wrong password; signing in lands on the link; each role's late list and
CSV (a unit user asking for another unit by URL gets only their own); a visitor's
clear_cache message signs nobody out; a new tab stays signed in; "Đăng xuất" (the idle
time, a clock's matter, is tested in tests/test_view_roles.py). The same server,
asked without a browser: every answer forbids framing, `/_stcore/metrics` does not exist,
the first websocket message does not say where app.py is, and a CSV's `/media/…` address
answers only with the cookie of the sign-in that made it, and not after "Đăng xuất"."""

import csv
import io
import re
import time
import urllib.error
import urllib.request
from email.message import Message
from pathlib import Path

import pytest
from playwright.sync_api import expect
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect

from dashboard.auth import settings, users
from dashboard.frame import sign_in as sign_in_frame
from tests import fixture_late
from tests.browser import ARTIFACTS, ROOT, open_page, screenshot, serve, wait_for_app

pytestmark = pytest.mark.browser

# Tư pháp's user asks for the district one-stop's late dossiers: Tư pháp handles only L-004.
DEEP_LINK = "/tre-han?unit=CTA&state=late&start=2022-03-01&end=2022-03-31"
PASSWORDS = {"ct": "mat-khau-lanh-dao", "tp": "mat-khau-tu-phap", "xem": "mat-khau-xem-so"}


def sign_in(page, name: str, password: str) -> None:
    page.get_by_label("Tên đăng nhập").fill(name)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập", exact=True).click()


def expect_form_only(page) -> None:
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()
    expect(page.get_by_label("Tên đăng nhập")).to_be_visible()
    # Nothing of the frame: the sidebar (if one stays open from before) is empty.
    expect(page.get_by_text("Nguồn dữ liệu")).to_have_count(0)
    expect(page.get_by_text("Người dùng:")).to_have_count(0)
    expect(page.get_by_role("link", name="Hồ sơ trễ hạn")).to_have_count(0)  # no bar
    expect(page.get_by_test_id("stMetric")).to_have_count(0)


def late_csv(page) -> tuple[list[str], str]:
    """The dossier codes of the late list's CSV, and the address it was downloaded from."""
    page.get_by_role("button", name="Tạo tệp tải về").click()
    download_csv = page.get_by_role("button", name="Tải CSV")
    wait_for_app(page, ready=download_csv)
    with page.expect_download() as download_info:
        download_csv.click()
    text = download_info.value.path().read_bytes().decode("utf-8-sig")
    codes = [row[0] for row in csv.reader(io.StringIO(text)) if row and row[0].startswith("L-")]
    return codes, download_info.value.url


def fetch(url: str, token: str | None = None) -> tuple[int, Message, bytes]:
    """A plain HTTP GET (no browser), with the sign-in cookie `token` if given."""
    headers = {"Cookie": f"{sign_in_frame.COOKIE}={token}"} if token else {}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as answer:
            return answer.status, answer.headers, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def cookie(page) -> str:
    return next(c["value"] for c in page.context.cookies() if c["name"] == sign_in_frame.COOKIE)


def expect_server_closed(base_url: str) -> None:
    """Before any page has run: framing forbidden on the root and a view, no metrics."""
    for path in ("/", DEEP_LINK):
        status, headers, _ = fetch(base_url + path)
        assert status == 200
        assert headers["X-Frame-Options"] == "SAMEORIGIN"
        assert "frame-ancestors 'self'" in headers["Content-Security-Policy"]
    assert fetch(base_url + "/_stcore/metrics")[0] == 404


def first_message(base_url: str) -> bytes:
    """What Streamlit's websocket sends an unsigned visitor first (its NewSession)."""
    stream = base_url.replace("http://", "ws://") + "/_stcore/stream"
    with connect(stream, subprotocols=["streamlit"], origin=base_url) as socket:
        ask = BackMsg()
        ask.rerun_script.query_string = ""
        socket.send(ask.SerializeToString())
        raw = socket.recv(timeout=60)
    message = ForwardMsg()
    message.ParseFromString(raw)
    assert message.WhichOneof("type") == "new_session"
    assert message.new_session.main_script_path == "app.py"
    return raw


def send_clear_cache(base_url: str, log: Path) -> None:
    """What any visitor can send without signing in: Streamlit's "clear every cache"."""
    stream = base_url.replace("http://", "ws://") + "/_stcore/stream"
    with connect(stream, subprotocols=["streamlit"], origin=base_url) as socket:
        ask = BackMsg()
        ask.rerun_script.query_string = ""
        socket.send(ask.SerializeToString())
        socket.recv(timeout=60)  # its NewSession: the server holds the session
        clear = BackMsg()
        clear.clear_cache = True
        socket.send(clear.SerializeToString())
        for _ in range(100):  # the server says so in its log once it has handled it
            if "asked to clear the caches: ignored" in log.read_text():
                return
            time.sleep(0.1)
    raise AssertionError("the server did not handle the clear_cache message")


def sign_out(page) -> None:
    button = page.get_by_role("button", name="Đăng xuất")
    expect(button).to_be_attached()
    expand = page.get_by_test_id("stExpandSidebarButton")
    if expand.count():  # the sidebar starts collapsed (the browser may remember it open)
        expand.click()
    button.click()
    expect(page.get_by_text("Đã đăng xuất.")).to_be_visible()


def test_sign_in_roles_and_sign_out(page, make_db, tmp_path, monkeypatch):
    path = tmp_path / "users.toml"
    users.add(path, "tp", "unit", "P-TP", PASSWORDS["tp"])
    users.add(path, "xem", "viewer", None, PASSWORDS["xem"])
    users.add(path, "ct", "leader", None, PASSWORDS["ct"])
    monkeypatch.setenv(settings.USERS_FILE_ENV, str(path))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with serve(make_db("sqlite", fixture_late.ROWS), tmp_path / "streamlit.log") as base_url:
        expect_server_closed(base_url)
        assert str(ROOT).encode() not in first_message(base_url)

        # Signed out, a deep link with its filters: the form and nothing else.
        open_page(page, base_url + DEEP_LINK)
        expect_form_only(page)
        expect(page.get_by_text("Hồ sơ trễ hạn và sắp đến hạn")).to_have_count(0)
        screenshot(page, "signin-form")

        sign_in(page, "tp", "mat-khau-sai")
        expect(page.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng.")).to_be_visible()
        expect_form_only(page)
        # The server makes the next try from this browser wait a second (the rule, not the app).
        page.wait_for_timeout(1100)

        # The unit user lands on the link, filters kept, held to what Tư pháp handles.
        sign_in(page, "tp", PASSWORDS["tp"])
        heading = page.get_by_role("heading", name="Hồ sơ trễ hạn và sắp đến hạn")
        wait_for_app(page, ready=heading)
        assert "unit=CTA" in page.url and "state=late" in page.url and "/tre-han" in page.url
        main = page.get_by_test_id("stMainBlockContainer")
        expect(main).to_contain_text("Danh sách hồ sơ (1)", use_inner_text=True)
        sidebar = page.get_by_test_id("stSidebar")
        expect(sidebar).to_contain_text("Người dùng: tp", use_inner_text=True)
        expect(sidebar).to_contain_text("Vai trò: Đơn vị (P-TP)", use_inner_text=True)
        codes, csv_url = late_csv(page)
        assert codes == ["L-004"]
        assert csv_url.startswith(f"{base_url}/media/")
        unit_token = cookie(page)
        # The file's address alone, or with another cookie: nothing; with its cookie: the file.
        assert fetch(csv_url)[0] == 404
        assert fetch(csv_url, "made-up-token")[0] == 404
        status, _, body = fetch(csv_url, unit_token)
        assert status == 200 and b"L-004" in body
        screenshot(page, "signin-unit-late")

        # Any visitor's "clear_cache" message signs nobody out (before: everyone).
        send_clear_cache(base_url, tmp_path / "streamlit.log")
        # A new tab of the same browser: still signed in (the cookie), no form.
        second = page.context.new_page()
        open_page(second, base_url + DEEP_LINK.replace("unit=CTA", "unit=CTA-MN"))
        expect(second.get_by_test_id("stSidebar")).to_contain_text("Người dùng: tp")
        expect(second.get_by_label("Tên đăng nhập")).to_have_count(0)
        # Một Ngàn's late dossier is not Tư pháp's: nothing, whatever the link asked.
        expect(second.get_by_text("Không có hồ sơ nào")).to_be_visible()
        second.close()

        # Signing out ends it for every tab: a reload shows the form again, the file is gone.
        sign_out(page)
        expect_form_only(page)
        assert fetch(csv_url, unit_token)[0] == 404
        open_page(page, base_url + DEEP_LINK)
        expect_form_only(page)

        # The viewer: the counts, no list, no files.
        sign_in(page, "xem", PASSWORDS["xem"])
        tile = page.get_by_test_id("stMetric").filter(has_text="Số hồ sơ trễ hạn")
        wait_for_app(page, ready=tile)
        expect(tile).to_contain_text("3")
        expect(page.get_by_text("Vai trò “Xem số liệu” chỉ xem số liệu tổng hợp")).to_be_visible()
        expect(page.get_by_role("button", name="Tạo tệp tải về")).to_have_count(0)
        expect(page.get_by_role("heading", name=re.compile("^Danh sách hồ sơ"))).to_have_count(0)
        screenshot(page, "signin-viewer-late")
        sign_out(page)

        # The leader: the whole list and file.
        sign_in(page, "ct", PASSWORDS["ct"])
        wait_for_app(page, ready=page.get_by_text("Danh sách hồ sơ (3)"))
        assert late_csv(page)[0] == ["L-003", "L-004", "L-001"]
        # The idle time ends a session at its next run: tests/test_view_roles.py (a clock).

    log = (tmp_path / "streamlit.log").read_text()
    assert "sign-in failed: user name 'tp'" in log and "mat-khau" not in log
