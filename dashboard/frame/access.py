"""The one door of every view: who is signed in, and what they may see here
(dashboard/auth/roles.py). A view not granted stops before it reads anything."""

import streamlit as st

from dashboard.auth import roles
from dashboard.frame import sign_in


def grant(view: str) -> roles.Grant:
    """The first call of every view (`view`: its file's name in views/), and of a fragment's
    own rerun: the signed-in user's grant here; refused, a plain message and the end of
    the run."""
    allowed = roles.grant(sign_in.user(), view)
    if allowed.denied:
        st.warning(roles.refusal(allowed.user), icon=":material/lock:")
        st.stop()
    return allowed
