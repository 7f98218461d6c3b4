"""Signing on through the province's provider in a real browser: `st.login` against a
stand-in OpenID Connect provider (tests/oidc_provider.py), the identity mapped to its
role by `[auth.roles]`, the role held on the late list, and "Đăng xuất"."""

import secrets

import pytest
from playwright.sync_api import expect

from dashboard.auth import settings
from dashboard.frame.sign_in import SSO_LABEL
from tests import fixture_late
from tests.browser import open_page, screenshot, serve, wait_for_app
from tests.oidc_provider import Provider

pytestmark = pytest.mark.browser

LATE_LINK = "/tre-han?unit=CTA&state=late&start=2022-03-01&end=2022-03-31"


def _secrets(path, provider: Provider) -> None:
    path.write_text(
        "[auth]\n"
        'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_hex(32)}"\n'
        f'client_id = "{provider.client_id}"\n'
        'client_secret = "bi-mat-cua-ung-dung"\n'
        f'server_metadata_url = "{provider.metadata_url}"\n'
        "[auth.roles]\n"
        '"tuphap@tinh.gov.vn" = { role = "unit", unit = "P-TP" }\n'
    )


def test_sign_on_maps_the_identity_to_its_role(page, make_db, tmp_path, monkeypatch):
    with Provider("bang-dieu-hanh") as provider:
        provider.identity = {
            "sub": "cb-0427",
            "email": "tuphap@tinh.gov.vn",
            "email_verified": True,
            "name": "Trần Văn Tư",
        }
        path = tmp_path / "secrets.toml"
        _secrets(path, provider)
        monkeypatch.setenv(settings.STREAMLIT_SECRETS_ENV, str(path))
        monkeypatch.delenv(settings.USERS_FILE_ENV, raising=False)
        db = make_db("sqlite", fixture_late.ROWS)
        with serve(db, tmp_path / "streamlit.log") as base_url:
            open_page(page, base_url + LATE_LINK)
            expect(page.get_by_test_id("stMetric")).to_have_count(0)  # nothing before sign-on
            page.get_by_role("button", name=SSO_LABEL).click()
            # The provider signs the person in at once and sends the browser back.
            sidebar = page.get_by_test_id("stSidebar")
            expect(sidebar).to_contain_text("tuphap@tinh.gov.vn", timeout=60_000)
            expect(sidebar).to_contain_text("Đơn vị (P-TP)")

            # The late list of the district one-stop, as asked: only what Tư pháp handles.
            open_page(page, base_url + LATE_LINK)
            heading = page.get_by_role("heading", name="Hồ sơ trễ hạn và sắp đến hạn")
            wait_for_app(page, ready=heading)
            main = page.get_by_test_id("stMainBlockContainer")
            expect(main).to_contain_text("Danh sách hồ sơ (1)", use_inner_text=True)
            screenshot(page, "signon-unit-late")

            expand = page.get_by_test_id("stExpandSidebarButton")
            if expand.count():
                expand.click()
            page.get_by_role("button", name="Đăng xuất").click()
            expect(page.get_by_role("button", name=SSO_LABEL)).to_be_visible(timeout=60_000)
            expect(page.get_by_test_id("stMetric")).to_have_count(0)
