"""`make run` on a fresh clone says what it is doing, one line a step, and nothing else."""

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A stand-in for python3: `-m venv DIR` makes DIR/bin/python and DIR/bin/streamlit that
# only record how they were called, so the Makefile runs for real in a moment.
FAKE_PYTHON = """#!/bin/sh
echo "python $*" >> calls.log
if [ "$1 $2" = "-m venv" ]; then
  mkdir -p "$3/bin"
  printf '#!/bin/sh\\necho "python $*" >> calls.log\\n' > "$3/bin/python"
  printf '#!/bin/sh\\necho "streamlit $*" >> calls.log\\n' > "$3/bin/streamlit"
  chmod +x "$3/bin/python" "$3/bin/streamlit"
fi
"""
STEPS = [
    "Đang tạo môi trường Python (.venv)…",
    "Đang cập nhật pip…",
    "Đang cài ứng dụng và thư viện (vài phút lần đầu)…",
    "Đang tạo cơ sở dữ liệu mẫu (data/demo.sqlite)…",
    "Đang mở bảng điều hành: http://127.0.0.1:8501 (Ctrl+C để dừng)",
]


def test_make_run_says_one_line_a_step(tmp_path):
    for name in ("Makefile", "pyproject.toml"):  # a fresh clone: no .venv, no demo database
        shutil.copy(ROOT / name, tmp_path)
    fake = tmp_path / "fake-python"
    fake.write_text(FAKE_PYTHON)
    fake.chmod(0o755)
    done = subprocess.run(
        ["make", "--no-print-directory", "run", f"PYTHON={fake}"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.splitlines() == STEPS  # the steps, not the commands under them
    calls = (tmp_path / "calls.log").read_text().splitlines()
    assert [call for call in calls if "pip install" in call] == [
        "python -m pip install --quiet --upgrade pip",
        "python -m pip install --quiet -e .",
    ]
    assert calls[-1] == "streamlit run app.py --server.port 8501"
