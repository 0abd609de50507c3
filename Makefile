# Newsdesk developer commands. `make` on its own lists them.
#
# Only Python (3.11 or newer) and make are needed: every target that runs the
# project first creates .venv and installs the hash-locked dependencies into it.

.DEFAULT_GOAL := help
SHELL := /bin/sh
.SHELLFLAGS := -ec
.DELETE_ON_ERROR:

MIN_PYTHON := 3.11
IS_SUPPORTED_PYTHON := -c 'import sys; sys.exit(sys.version_info < (3, 11))'

# The first interpreter on PATH that is new enough. Recursively expanded, so
# the search only runs when a recipe needs it (creating .venv).
PYTHON ?= $(shell for candidate in python3 python3.13 python3.12 python3.11; do \
	if "$$candidate" $(IS_SUPPORTED_PYTHON) >/dev/null 2>&1; then \
		echo "$$candidate"; break; \
	fi; done)

VENV := .venv
PY := $(VENV)/bin/python
# DEBUG=1 gives manage.py the local-development SECRET_KEY and ALLOWED_HOSTS;
# pytest needs no such help (pyproject points it at newsdesk.test_settings).
MANAGE := env DEBUG=1 $(PY) manage.py

# Stamps record what has been installed into .venv; a dependency install
# reruns only when its lock file is newer than its stamp.
VENV_STAMP := $(VENV)/.newsdesk-venv
BASE_STAMP := $(VENV)/.newsdesk-base-installed
DEV_STAMP := $(VENV)/.newsdesk-dev-installed
UV_STAMP := $(VENV)/.newsdesk-uv-installed

# Where the default SQLite database and uploaded media live (see settings.py).
VAR_DIR := $(or $(NEWSDESK_VAR_DIR),var)

HOST = 127.0.0.1
PORT = 8000
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/newsdesk
PYTEST_ARGS ?=
# pytest-xdist processes for `make test` and `make test-postgres`: `logical` runs
# one per CPU this machine has (two on a 2-core runner), a number that many, and
# 0 runs the suite in this one process (as `pytest` on its own does).
TEST_WORKERS ?= logical
# Options for `make bench` and `make load-test`, e.g. BENCH_ARGS="--duration 5".
BENCH_ARGS ?=
# Extra `uv pip compile` options for `make lock`, e.g. --upgrade or --upgrade-package django.
LOCK_ARGS ?=

step = @printf '\n==> %s\n' '$(1)'

.PHONY: help
help: ## Show this list of targets
	@echo 'Usage: make <target> [VARIABLE=value ...]'
	@echo
	@awk 'BEGIN { FS = ":.*## " } /^[a-zA-Z0-9_-]+:.*## / { printf "  %-15s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)
	@echo
	@echo 'Variables: PYTHON (interpreter for .venv), HOST and PORT (make run, make serve),'
	@echo '           PYTEST_ARGS and TEST_WORKERS (make test, make test-postgres; TEST_WORKERS=0 for one process),'
	@echo '           POSTGRES_URL (make test-postgres),'
	@echo '           LOCK_ARGS (make lock, e.g. LOCK_ARGS=--upgrade),'
	@echo '           BENCH_ARGS (make bench, make load-test, e.g. BENCH_ARGS=--help)'

# --- Environment -------------------------------------------------------------

# The pip bundled with Python can be old. It is upgraded on its own, unpinned and
# unhashed, because --require-hashes would demand a hash for pip too.
$(VENV_STAMP):
	@if $(PY) $(IS_SUPPORTED_PYTHON) >/dev/null 2>&1; then \
		echo "==> Using the existing virtualenv in $(VENV)"; \
	else \
		python='$(PYTHON)'; \
		if [ -z "$$python" ]; then \
			echo 'error: Newsdesk needs Python $(MIN_PYTHON) or newer, and none of python3, python3.13,' >&2; \
			echo '       python3.12 or python3.11 on PATH is. Install one, or name it: make PYTHON=/path/to/python' >&2; \
			exit 1; \
		fi; \
		if ! "$$python" $(IS_SUPPORTED_PYTHON) >/dev/null 2>&1; then \
			echo "error: PYTHON=$$python is not a working Python $(MIN_PYTHON) or newer." >&2; \
			exit 1; \
		fi; \
		echo "==> Creating a virtualenv in $(VENV) with $$python ($$("$$python" -c 'import platform; print(platform.python_version())'))"; \
		if ! "$$python" -m venv --clear $(VENV); then \
			echo "error: '$$python -m venv' failed; on Debian and Ubuntu, install the python3-venv package." >&2; \
			exit 1; \
		fi; \
	fi
	@echo '==> Upgrading pip in $(VENV)'
	@$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip \
		|| echo 'warning: could not upgrade pip; carrying on with the bundled one.' >&2
	@touch $@

# A developer's own manage.py commands run with local settings too; production
# has no .env and must set SECRET_KEY (see newsdesk/settings.py).
.env:
	@printf '# Local development settings for newsdesk/settings.py; not committed.\nDEBUG=1\n' > $@
	@echo '==> Wrote .env (DEBUG=1) for local development'

$(BASE_STAMP): requirements.lock $(VENV_STAMP) | .env
	$(call step,Installing runtime dependencies from requirements.lock)
	@$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	@touch $@

$(DEV_STAMP): requirements-dev.lock $(VENV_STAMP) | .env
	$(call step,Installing runtime and development dependencies from requirements-dev.lock)
	@$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	@touch $@

$(UV_STAMP): $(VENV_STAMP)
	$(call step,Installing uv to resolve the lock files)
	@$(PY) -m pip install --quiet --disable-pip-version-check uv
	@touch $@

.PHONY: install install-dev
install: $(BASE_STAMP) ## Create .venv and install the runtime dependencies
install-dev: $(DEV_STAMP) ## Create .venv and install runtime and development dependencies

# --- Running -----------------------------------------------------------------

.PHONY: migrate demo run shell reset-demo
migrate: $(BASE_STAMP) ## Apply database migrations
	$(call step,Applying database migrations)
	@mkdir -p '$(VAR_DIR)'
	@$(MANAGE) migrate --noinput

demo: migrate ## Set up the database and load the demo newsroom if it has no articles
	$(call step,Loading the demo newsroom (skipped when the database already has articles))
	@$(MANAGE) load_demo --if-empty

# The background worker (photo renditions and other jobs) runs beside the web
# server and stops with it, however that ends.
with_worker = $(1) $(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null || true' EXIT; trap 'exit 130' INT TERM; \
	$(2)

run: demo ## Set up the demo and serve it (with the background worker) on http://127.0.0.1:8000/
	@echo
	@echo '==> Newsdesk:  http://$(HOST):$(PORT)/'
	@echo '    Admin:     http://$(HOST):$(PORT)/admin/'
	@echo '    Background worker started beside it. Stop both with Ctrl-C.'
	@echo
	@$(call with_worker,env DEBUG=1,$(MANAGE) runserver '$(HOST):$(PORT)')

shell: $(BASE_STAMP) ## Open a Django shell on the local database
	@$(MANAGE) shell

reset-demo: ## Delete the SQLite database and media in var/, then load the demo afresh
	@if [ -n "$$DATABASE_URL" ]; then \
		echo 'error: reset-demo only deletes the default SQLite database in var/;' >&2; \
		echo '       DATABASE_URL is set, so reset that database yourself.' >&2; \
		exit 1; \
	fi
	$(call step,Deleting $(VAR_DIR)/)
	@rm -rf '$(VAR_DIR)'
	@$(MAKE) --no-print-directory demo

# --- Production serving and benchmarks --------------------------------------

# Production settings on this machine: DEBUG off, static files collected and
# served compressed by WhiteNoise, gunicorn as configured in
# newsdesk/gunicorn.conf.py. Plain HTTP on loopback, hence SECURE_HTTPS=0.
SECRET_KEY_FILE := $(VAR_DIR)/secret_key
PRODUCTION_ENV = env DEBUG=0 SECURE_HTTPS=0 ALLOWED_HOSTS='$(HOST),localhost' \
	DATABASE_URL="$${DATABASE_URL:-sqlite:///$(abspath $(VAR_DIR))/newsdesk.sqlite3}" \
	SECRET_KEY="$${SECRET_KEY:-$$(cat '$(SECRET_KEY_FILE)')}"

# Generated once and kept, so sessions and signed links survive a restart.
$(SECRET_KEY_FILE):
	@mkdir -p '$(VAR_DIR)'
	@umask 077 && $(PY) -c 'import secrets; print(secrets.token_urlsafe(50))' > '$@'
	@echo '==> Wrote a new SECRET_KEY to $@ (used when SECRET_KEY is not set)'

.PHONY: serve bench load-test
serve: migrate $(SECRET_KEY_FILE) ## Serve with production settings and gunicorn on http://127.0.0.1:8000/
	$(call step,Collecting static files)
	@$(PRODUCTION_ENV) $(PY) manage.py collectstatic --noinput -v0
	@echo
	@echo '==> Newsdesk (production settings):  http://$(HOST):$(PORT)/'
	@echo '    Photos and renditions are served under /media/; the background worker'
	@echo '    makes renditions. Stop both with Ctrl-C.'
	@echo '    No stories yet? `make demo` loads the demo newsroom; its admin logins'
	@echo '    are then in $(VAR_DIR)/demo-logins.txt.'
	@echo
	@$(call with_worker,$(PRODUCTION_ENV),GUNICORN_BIND='$(HOST):$(PORT)' \
		GUNICORN_ACCESS_LOG="$${GUNICORN_ACCESS_LOG:--}" \
		$(PRODUCTION_ENV) $(PY) -m gunicorn -c newsdesk/gunicorn.conf.py)

bench: $(BASE_STAMP) ## Benchmark the site on a generated newsroom (BENCH_ARGS; see bench/README.md)
	@$(PY) bench/site_benchmark.py $(BENCH_ARGS)

load-test: $(BASE_STAMP) ## Load-test gunicorn while an editor publishes (BENCH_ARGS; see bench/README.md)
	@$(PY) bench/load.py $(BENCH_ARGS)

# --- Checks ------------------------------------------------------------------

# pytest exits 5 when it collects nothing; the suite exists, so say what happened.
define run_pytest
	@$(1) $(PY) -m pytest $(2) $(PYTEST_ARGS) || { \
		status=$$?; \
		if [ $$status -eq 5 ]; then echo 'error: pytest collected no tests.' >&2; fi; \
		exit $$status; \
	}
endef

# Browser tests drive Debian's Chromium through Playwright; no browser is
# downloaded. Without root and apt-get they are skipped, loudly.
CHROMIUM ?= /usr/bin/chromium

.PHONY: browser
browser: ## Install Chromium for the browser tests if it is missing and this is possible
	@if [ -x '$(CHROMIUM)' ]; then \
		echo '==> Browser tests will use $(CHROMIUM)'; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo '==> Installing Chromium for the browser tests (apt-get install chromium)'; \
		export DEBIAN_FRONTEND=noninteractive; \
		{ apt-get update -qq && apt-get install -y -qq chromium >/dev/null; } \
			|| echo '*** WARNING: installing Chromium failed; the browser tests will be SKIPPED.' >&2; \
	else \
		echo '*** WARNING: no Chromium at $(CHROMIUM), and installing it needs root and apt-get.' >&2; \
		echo '*** The browser tests will be SKIPPED. Install it with: sudo apt-get install chromium' >&2; \
	fi

.PHONY: lint format test test-postgres
lint: $(DEV_STAMP) ## Check code style with ruff (lint and formatting)
	$(call step,ruff check)
	@$(PY) -m ruff check .
	$(call step,ruff format --check)
	@$(PY) -m ruff format --check .

format: $(DEV_STAMP) ## Apply ruff's safe fixes and format the code
	@$(PY) -m ruff check --fix .
	@$(PY) -m ruff format .

test: lint browser ## Lint, Django checks, the migrations check, then the test suite on SQLite, in parallel
	$(call step,Django system checks)
	@mkdir -p '$(VAR_DIR)'
	@$(MANAGE) check
	$(call step,Checking that models and migrations agree)
	@$(MANAGE) makemigrations --check --dry-run
	$(call step,pytest (SQLite; workers: $(TEST_WORKERS)))
	$(call run_pytest,,--numprocesses=$(TEST_WORKERS))

test-postgres: $(DEV_STAMP) ## Run the test suite on PostgreSQL (POSTGRES_URL), in parallel
	$(call step,pytest (PostgreSQL at $(POSTGRES_URL); workers: $(TEST_WORKERS)))
	$(call run_pytest,DATABASE_URL='$(POSTGRES_URL)',--create-db --numprocesses=$(TEST_WORKERS))

# --- Dependencies ------------------------------------------------------------

# A universal resolution keeps environment markers, so one lock file serves
# every Python from 3.11 on (3.11.0-3.11.2 need async-timeout for redis, for
# instance). Always resolved against PyPI, whatever the local pip config says.
UV_COMPILE := env UV_NO_CONFIG=1 $(VENV)/bin/uv pip compile --quiet --universal \
	--python-version $(MIN_PYTHON) --generate-hashes --custom-compile-command 'make lock' \
	--index-url https://pypi.org/simple $(LOCK_ARGS)

.PHONY: lock
lock: $(UV_STAMP) ## Regenerate the lock files from pyproject.toml (LOCK_ARGS=--upgrade to upgrade)
	$(call step,Locking runtime dependencies into requirements.lock)
	@$(UV_COMPILE) -o requirements.lock pyproject.toml
	$(call step,Locking development dependencies into requirements-dev.lock)
	@$(UV_COMPILE) --extra dev -o requirements-dev.lock pyproject.toml

# --- Housekeeping ------------------------------------------------------------

.PHONY: clean
clean: ## Remove .venv and caches (keeps the database and media in var/)
	rm -rf $(VENV) .pytest_cache .ruff_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
