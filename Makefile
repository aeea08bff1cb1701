# fupin — the two commands: `make demo` runs the product, `make test` passes the tests.
# Everything is installed into .venv/ and node_modules/ of this folder; no system Node needed.
# Python packages come from the lock file uv.lock (ADR 0057): `uv sync --frozen` installs
# exactly the locked versions and fails rather than resolve anew. uv itself comes from PyPI
# into its own small venv (.uv/), so nothing is installed system-wide.
# `make demo` installs only what the product needs; the test targets add the `test` and
# `spark` extras (stamp .venv/.extras), so `make test` after `make demo` installs them.
# `make upgrade` re-resolves the lock file against PyPI and runs the tests.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
UV := .uv/bin/uv
# uv uses the machine's Python (never downloads one) and installs into .venv/, compiling
# every module to bytecode once (uv does not by default, and with PYTHONDONTWRITEBYTECODE set
# every process — each test worker, each `fupin` the tests start — would compile all it imports).
UV_ENV := UV_PYTHON_DOWNLOADS=never UV_PROJECT_ENVIRONMENT=$(VENV) UV_COMPILE_BYTECODE=1
UV_SYNC := $(UV_ENV) $(UV) sync --frozen --python $(PYTHON) --quiet
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
# Test processes per pass (pytest-xdist; each has its own test database and var/ folder).
TEST_WORKERS ?= 2

.PHONY: demo test test-slow install install-test assets lint test-sqlite test-postgres serve clean bench upgrade

$(UV):
	$(PYTHON) -m venv .uv
	.uv/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# The product alone (what `make demo` and `make serve` need); --inexact keeps the test
# extras of an earlier `make test`.
$(BIN)/fupin: pyproject.toml uv.lock | $(UV)
	$(UV_SYNC) --inexact
	$(BIN)/python -m compileall -q -j 0 src >/dev/null
	touch $@

# The test and Spark extras, on top; redone when the lock file or the product install changes.
$(VENV)/.extras: $(BIN)/fupin pyproject.toml uv.lock
	$(UV_SYNC) --extra test --extra spark
	touch $@

install: $(BIN)/fupin

install-test: $(VENV)/.extras

node_modules/.package-lock.json: package-lock.json $(BIN)/fupin
	$(BIN)/npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: node_modules/.package-lock.json

demo: install assets
	$(BIN)/fupin demo
	$(BIN)/fupin serve --host 127.0.0.1 --port 8000

serve: install assets
	$(BIN)/fupin serve

lint: install-test
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports

test-sqlite: install-test assets
	@echo "== tests on SQLite =="
	env -u DATABASE_URL $(BIN)/pytest -q -n $(TEST_WORKERS) --dist worksteal --durations=15

# Under CI=true a missing PostgreSQL fails the run; elsewhere it is skipped with a warning.
test-postgres: install-test assets
	@if $(BIN)/python -c "import psycopg,sys; psycopg.connect('$(PG_URL)', connect_timeout=3).close()" 2>/dev/null; then \
		echo "== tests on PostgreSQL ($(PG_URL)) =="; \
		DATABASE_URL=$(PG_URL) FUPIN_TESTS_DATABASE_ONLY=1 $(BIN)/pytest -q -n $(TEST_WORKERS) --dist worksteal --durations=15; \
	elif [ "$$CI" = "true" ]; then \
		echo "PostgreSQL at $(PG_URL) is not reachable (CI=true: failing)"; exit 1; \
	else \
		echo "WARNING: PostgreSQL at $(PG_URL) not reachable: PostgreSQL run skipped"; \
	fi

test: lint test-sqlite test-postgres

# The long simulations and the process-killing fault tests (pytest marker `slow`), nightly.
test-slow: install-test assets
	env -u DATABASE_URL $(BIN)/pytest -q -n $(TEST_WORKERS) -m slow

bench: install-test assets
	$(UV_SYNC) --inexact --extra test --extra spark --extra bench
	$(BIN)/python bench/run_all.py

# Re-resolve every dependency to the newest release its range in pyproject.toml allows,
# then run the tests against them; commit uv.lock when they pass.
upgrade: | $(UV)
	$(UV_ENV) $(UV) lock --upgrade --python $(PYTHON)
	rm -f $(VENV)/.extras $(BIN)/fupin
	$(MAKE) test

clean:
	rm -rf $(VENV) .uv node_modules var .pytest_cache .ruff_cache
