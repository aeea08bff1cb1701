# fupin — the two commands: `make demo` runs the product, `make test` passes the tests.
# Everything is installed into .venv/ and node_modules/ of this folder; no system Node needed.
# `make demo` installs only what the product needs; the test targets add the `test` and
# `spark` extras once (stamp .venv/.extras), so `make test` after `make demo` installs them.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
# Test processes per pass (pytest-xdist; each has its own test database and var/ folder).
TEST_WORKERS ?= 2

.PHONY: demo test install install-test assets lint test-sqlite test-postgres serve clean bench

# The product alone (what `make demo` and `make serve` need).
# uv installs the wheels in parallel: about 10 s where pip took 45 s (the first page of
# `make demo` is measured from a fresh clone; README).
$(BIN)/fupin: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip install --quiet --python $(BIN)/python -e .
	touch $@

# The test and Spark extras, on top; redone when pyproject.toml or the product install changes.
$(VENV)/.extras: $(BIN)/fupin pyproject.toml
	$(BIN)/uv pip install --quiet --python $(BIN)/python -e '.[test,spark]'
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

bench: install-test assets
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) node_modules var .pytest_cache .ruff_cache
