"""Sign-in in a real browser, on a server with a users file and a short idle time: a deep
link signed out shows only the form; a wrong password; signing in lands on the link; each
role's late list and CSV (a unit user asking for another unit by URL gets only their own);
a new tab stays signed in; "Đăng xuất"; signed out after the idle time."""

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from dashboard.auth import settings, users
from tests import fixture_late
from tests.browser import ARTIFACTS, open_page, screenshot, serve, wait_for_app

pytestmark = pytest.mark.browser

# Tư pháp's user asks for the district one-stop's late dossiers: Tư pháp handles only L-004.
DEEP_LINK = "/tre-han?unit=CTA&state=late&start=2022-03-01&end=2022-03-31"
PASSWORDS = {"ct": "mat-khau-lanh-dao", "tp": "mat-khau-tu-phap", "xem": "mat-khau-xem-so"}
IDLE_MINUTES = 0.2  # 12 s: each step below is one or two page runs, well within it


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


def late_csv_codes(page) -> list[str]:
    page.get_by_role("button", name="Tạo tệp tải về").click()
    download_csv = page.get_by_role("button", name="Tải CSV")
    wait_for_app(page, ready=download_csv)
    with page.expect_download() as download_info:
        download_csv.click()
    text = download_info.value.path().read_bytes().decode("utf-8-sig")
    return [row[0] for row in csv.reader(io.StringIO(text)) if row and row[0].startswith("L-")]


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
    monkeypatch.setenv(settings.IDLE_ENV, str(IDLE_MINUTES))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with serve(make_db("sqlite", fixture_late.ROWS), tmp_path / "streamlit.log") as base_url:
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
        assert late_csv_codes(page) == ["L-004"]
        screenshot(page, "signin-unit-late")

        # A new tab of the same browser: still signed in (the cookie), no form.
        second = page.context.new_page()
        open_page(second, base_url + DEEP_LINK.replace("unit=CTA", "unit=CTA-MN"))
        expect(second.get_by_test_id("stSidebar")).to_contain_text("Người dùng: tp")
        expect(second.get_by_label("Tên đăng nhập")).to_have_count(0)
        # Một Ngàn's late dossier is not Tư pháp's: nothing, whatever the link asked.
        expect(second.get_by_text("Không có hồ sơ nào")).to_be_visible()
        second.close()

        # Signing out ends it for every tab: a reload shows the form again.
        sign_out(page)
        expect_form_only(page)
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
        assert late_csv_codes(page) == ["L-003", "L-004", "L-001"]

        # Left alone past the idle time: the next click meets the form, not the figures.
        page.wait_for_timeout(IDLE_MINUTES * 60_000 + 2_000)
        page.get_by_text("Bộ lọc: loại hồ sơ").click()  # the link folded the filters away
        page.get_by_text("Đang giải quyết quá hạn").click()  # the state radio: a page run
        expect(page.get_by_text("Phiên làm việc đã hết hạn")).to_be_visible()
        expect_form_only(page)
        screenshot(page, "signin-expired")
    log = (tmp_path / "streamlit.log").read_text()
    assert "sign-in failed: user name 'tp'" in log and "mat-khau" not in log
