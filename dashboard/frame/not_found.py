"""A Vietnamese page for an address the app does not have (`/khong-co-trang`).

Streamlit runs the default page for an unknown address and pops up its own English
notice ("Page not found"); the app's default page asks here whether the browser's
address was the root, and if not shows this page, with a link to every view.
"""

from urllib.parse import urlparse

import streamlit as st
from streamlit.commands import navigation

TITLE = "Không tìm thấy trang"


def silence_streamlit_notice() -> None:
    """Streamlit's English pop-up for an unknown address gives way to `show` (this module).

    Streamlit offers no setting for it: its one sender is replaced, once per process.
    """
    navigation.send_page_not_found = lambda ctx: None


def requested_path() -> str:
    """The path the browser asked for, below the app's base path (`""` for the root)."""
    path = urlparse(st.context.url or "").path.strip("/")
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    if base and (path == base or path.startswith(f"{base}/")):
        path = path[len(base) :].strip("/")
    return path


def show(pages: list) -> None:
    """The page: what happened, in Vietnamese, and a link to each view."""
    st.title(TITLE)
    st.text(f"Địa chỉ “/{requested_path()}” không có trong bảng điều hành. Xin chọn một trang:")
    for page in pages:
        st.page_link(page)
