# Two commands: `make run` and `make test`. Everything else is set up on the way.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
DEMO_DB := data/demo.sqlite
PORT ?= 8501

.PHONY: run test lint demo browser postgres clean

# The app alone: what `make run` needs.
# One line a step: on a fresh clone the installs take minutes, and a silent terminal reads
# as a hang. pip stays quiet (its own output is pages long).
$(VENV)/.installed: pyproject.toml
	@echo "Đang tạo môi trường Python ($(VENV))…"
	@$(PYTHON) -m venv $(VENV)
	@echo "Đang cập nhật pip…"
	@$(PY) -m pip install --quiet --upgrade pip
	@echo "Đang cài ứng dụng và thư viện (vài phút lần đầu)…"
	@$(PY) -m pip install --quiet -e .
	@touch $@

# The test tools on top (pytest, Playwright, ruff, import-linter): only `make test` and `make lint`.
$(VENV)/.test-installed: $(VENV)/.installed pyproject.toml
	@echo "Đang cài công cụ kiểm thử (pytest, Playwright, ruff, import-linter)…"
	@$(PY) -m pip install --quiet -e '.[test]'
	@touch $@

# The demo file is the project's own, so a rebuild replaces it (`demo` refuses an
# existing file without --replace, and never a file that is not such a demo).
$(DEMO_DB): $(VENV)/.installed $(wildcard demo/*.py)
	@echo "Đang tạo cơ sở dữ liệu mẫu ($(DEMO_DB))…"
	@mkdir -p $(dir $(DEMO_DB))
	@$(PY) -m dashboard demo --out $(DEMO_DB) --replace

demo: $(DEMO_DB)

run: $(VENV)/.installed $(DEMO_DB)
	@echo "Đang mở bảng điều hành: http://127.0.0.1:$(PORT) (Ctrl+C để dừng)"
	@$(VENV)/bin/streamlit run app.py --server.port $(PORT)

# Debian's Chromium for the browser suite (Playwright's own download does not work here).
browser:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium; \
	  else sudo apt-get update -qq && sudo apt-get install -y -qq --no-install-recommends chromium; fi; }

# Style, then the layers: views -> dashboard -> queries, the demo builder apart (pyproject.toml).
lint: $(VENV)/.test-installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

# Bytecode written even where the environment says not to (PYTHONDONTWRITEBYTECODE, set on
# these machines): without it every test module is re-rewritten by pytest and every command
# and server the suite starts compiled the app again, 10 s of collection alone. One
# pytest-xdist worker more than the cores (at most four): the browser tests in the first, at
# full priority, the rest in the others, niced (tests/xdist_lanes.py): 317 s instead of
# 363 s with one worker per core on this 2-core machine, measured side by side.
WORKERS ?= $(shell echo $$(( $$(nproc) + 1 )))
test: $(VENV)/.test-installed browser lint
	DASHBOARD_TEST_PG_URL="$$(scripts/ensure_postgres.sh)" PYTHONDONTWRITEBYTECODE= \
	  $(PY) -m pytest -n $(WORKERS) --maxprocesses 4

clean:
	rm -rf $(VENV) .pg $(DEMO_DB) tests/artifacts
