"""The suite's lighter AppTest (tests/apptest.py, lighter_apptest) still waits for a run to
end and still fails a run that outlasts its timeout, as AppTest's own wait does, and runs
a script as it is on disk now, not as it was first compiled."""

import os

import pytest
from streamlit.testing.v1 import AppTest

SCRIPT = """
import time
import streamlit as st
st.write("trước")
time.sleep({seconds})
st.write("sau")
"""


def test_a_run_is_waited_for_to_its_end():
    at = AppTest.from_string(SCRIPT.format(seconds=0.3), default_timeout=10).run()
    assert [m.value for m in at.markdown] == ["trước", "sau"]


def test_a_run_past_its_timeout_fails():
    with pytest.raises(RuntimeError, match=r"timed out after 0.2\(s\)"):
        AppTest.from_string(SCRIPT.format(seconds=1), default_timeout=0.2).run()


def test_a_changed_script_runs_as_changed(tmp_path):
    script = tmp_path / "page.py"
    script.write_text('import streamlit as st\nst.write("một")\n')
    assert [m.value for m in AppTest.from_file(str(script)).run().markdown] == ["một"]
    script.write_text('import streamlit as st\nst.write("hai")\n"ba"\n')  # magic: "ba" shown
    os.utime(script, ns=(1, 1))  # another version, whatever the clock's resolution
    assert [m.value for m in AppTest.from_file(str(script)).run().markdown] == ["hai", "ba"]
