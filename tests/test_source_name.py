"""The data source is shown by name, never by its URL (which may carry a password)."""

from queries import connection
from tests import fixture_overview
from tests.apptest import run_app

SECRET_URL = "postgresql://ro:hunter2@db.example:5432/onestop?password=hunter2&sslmode=require"


def test_names_without_secrets(tmp_path, monkeypatch):
    monkeypatch.delenv(connection.NAME_ENV, raising=False)
    assert connection.database_name(SECRET_URL) == "onestop"
    assert connection.database_name(str(tmp_path / "cta.sqlite")) == "cta.sqlite"
    assert connection.is_demo(str(connection.DEMO_PATH))
    assert not connection.is_demo(str(tmp_path / "demo.sqlite"))
    described = connection.describe(SECRET_URL)
    assert "hunter2" not in described and "db.example:5432/onestop" in described
    secrets = tmp_path / "secrets.toml"
    secrets.write_text('[connections.onestop]\nname = "Huyện Châu Thành A"\n', encoding="utf-8")
    assert connection.configured_name(secrets) == "Huyện Châu Thành A"
    monkeypatch.setenv(connection.NAME_ENV, "Một cửa CTA")
    assert connection.configured_name(secrets) == "Một cửa CTA"


def test_the_sidebar_shows_the_name_and_the_data_time_only(monkeypatch, make_db):
    url = make_db("sqlite", fixture_overview.ROWS)
    monkeypatch.setenv(connection.NAME_ENV, "Huyện Châu Thành A")
    at = run_app(monkeypatch, url)
    shown = [element.value for element in at.sidebar.caption]
    # With no sign-in configured the sidebar also says the app is for this machine only.
    assert shown == [
        "Nguồn dữ liệu: Huyện Châu Thành A",
        "Dữ liệu đến 07/12/2022 16:50",
        "Không cần đăng nhập: chỉ dùng trên máy này",
    ]
    everything = " ".join(str(e.value) for e in [*at.caption, *at.markdown, *at.sidebar.caption])
    assert url not in everything and "sqlite" not in everything
