"""The dashboard's entry point: page setup, navigation over views/, the shared sidebar.

Views live in views/, never in a pages/ folder (DESIGN.md: a pages/ folder puts
Streamlit in its legacy mode and a deep link then runs without this frame).
"""

import streamlit as st

from dashboard import ui

OVERVIEW = st.Page("views/overview.py", title="Tổng quan tuần", url_path="tong-quan", icon="📊")


def _landing() -> None:
    # The root opens the weekly overview at its own address, /tong-quan: Streamlit serves
    # a default page at the root only, and a link to its url_path would say "not found".
    st.switch_page(OVERVIEW)


# One line per view; the hidden first one sends the root to the landing view, the overview.
PAGES = [
    st.Page(_landing, title=OVERVIEW.title, default=True, visibility="hidden"),
    OVERVIEW,
    st.Page("views/units.py", title="Hồ sơ theo đơn vị", url_path="don-vi", icon="🏢"),
    st.Page("views/late.py", title="Hồ sơ trễ hạn", url_path="tre-han", icon=":material/alarm:"),
    st.Page("views/form06a.py", title="Biểu II.06a", url_path="bieu-06a", icon="📋"),
    st.Page("views/satisfaction.py", title="Mức độ hài lòng", url_path="hai-long", icon="🙂"),
    st.Page("views/cashless.py", title="Không dùng tiền mặt", url_path="khong-tien-mat", icon="💳"),
    st.Page("views/adoption.py", title="Chuyển đổi số", url_path="chuyen-doi-so", icon="🏠"),
    st.Page("views/ocop.py", title="OCOP và thương mại điện tử", url_path="ocop", icon="🛒"),
]

navigation = st.navigation(PAGES)
# The browser tab names the view first: several tabs stay told apart.
st.set_page_config(page_title=f"{navigation.title} · {ui.APP_TITLE}", page_icon="🏛️", layout="wide")
ui.sidebar()
navigation.run()
