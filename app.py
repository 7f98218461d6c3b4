"""The dashboard's entry point: page setup, navigation over views/, the shared sidebar.

Views live in views/, never in a pages/ folder (DESIGN.md: a pages/ folder puts
Streamlit in its legacy mode and a deep link then runs without this frame).

`streamlit run app.py` first imports this file to find its server, `app` at the end:
Streamlit's own, with dashboard/frame/server_guard.py in front. Each page run then runs
the file as its script (`__name__ == "__main__"`): nothing of the page at import.
"""

import streamlit as st

from dashboard.frame import client_messages, server_guard

client_messages.ignore_clear_cache()  # one visitor's message would clear every cache
if __name__ == "__main__":  # a page run; imported for the server, the frame is not needed
    from dashboard.frame import not_found, page_run, sidebar, sign_in, style

OVERVIEW_TITLE = "Tổng quan tuần"


def _view(name: str, title: str, url_path: str, icon: str) -> st.Page:
    # Icons are Material Symbols, a font Streamlit ships: emoji show as boxes on PCs
    # without an emoji font (seen in headless Chromium).
    return st.Page(f"views/{name}.py", title=title, url_path=url_path, icon=f":material/{icon}:")


def _views() -> list[st.Page]:
    """One line per view: file in views/, title (short: all nine fit the top bar at 1280
    pixels; each view's heading says it in full), URL path, Material icon name. The
    overview first: the landing page opens it."""
    return [
        _view("overview", OVERVIEW_TITLE, "tong-quan", "dashboard"),
        _view("units", "Theo đơn vị", "don-vi", "apartment"),
        _view("late", "Hồ sơ trễ hạn", "tre-han", "alarm"),
        _view("form06a", "Biểu II.06a", "bieu-06a", "table_chart"),
        _view("satisfaction", "Hài lòng", "hai-long", "sentiment_satisfied"),
        _view("cashless", "Không tiền mặt", "khong-tien-mat", "qr_code_2"),
        _view("adoption", "Chuyển đổi số", "chuyen-doi-so", "devices"),
        _view("ocop", "OCOP", "ocop", "storefront"),
        _view("index766", "Chỉ số 766", "chi-so-766", "leaderboard"),
        # The meeting's slides: opened from the overview or by link, not from the bar.
        st.Page(
            "views/briefing.py",
            title="Trình chiếu",
            url_path="trinh-chieu",
            icon=":material/slideshow:",
            visibility="hidden",
        ),
    ]


def _landing() -> None:
    # The root opens the weekly overview at its own address, /tong-quan: Streamlit serves
    # a default page at the root only, and a link to its url_path would say "not found".
    # An address the app does not have lands here too: it gets a Vietnamese page.
    views = _views()
    if not_found.requested_path():
        not_found.show(views)
    else:
        st.switch_page(views[0])


def main() -> None:
    """One page run. The hidden first page sends the root to the landing view."""
    not_found.silence_streamlit_notice()
    pages = [st.Page(_landing, title=OVERVIEW_TITLE, default=True, visibility="hidden"), *_views()]
    # Navigation along the top: on a 1280-pixel projector the page keeps its whole width.
    # Signed out, no bar: the sign-in form alone (the gate itself is in page_run.run).
    navigation = st.navigation(pages, position="top" if sign_in.pages_shown() else "hidden")
    # The browser tab names the view first: several tabs stay told apart.
    st.set_page_config(
        page_title=f"{navigation.title} · {sidebar.APP_TITLE}",
        page_icon=":material/account_balance:",
        layout="wide",
        initial_sidebar_state="collapsed",
    )
    style.apply()
    page_run.run(navigation)


if __name__ == "__main__":
    main()
else:  # Streamlit finds the server by this literal call (st.App assigned in this file).
    app = st.App(__file__, middleware=server_guard.middleware())
