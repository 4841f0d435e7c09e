# SIGAP — two commands for a newcomer: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1

.DEFAULT_GOAL := help
.PHONY: help run test setup venv migrate demo translations static lint format messages bench clean

help:
	@echo "make run    - set up everything and serve the demo village on http://$(HOST):$(PORT)"
	@echo "make test   - run the whole test suite (SQLite, or DATABASE_URL)"
	@echo "make lint   - ruff check + ruff format --check + makemigrations --check"
	@echo "make format - ruff format and fix imports"
	@echo "make messages - refresh the .po files after changing user-facing strings"
	@echo "make bench  - run the benchmarks (see bench/; figures go to bench/RESULTS.md)"

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -c "import sys; assert sys.version_info[:2] == (3, 11), sys.version" 2>/dev/null || { echo "SIGAP needs Python 3.11 ($(PYTHON) is not). Set PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

venv: $(VENV)/.installed

translations: venv
	$(VENV)/bin/pybabel compile --domain=django --directory=locale --statistics

static: venv
	$(PY) manage.py collectstatic --noinput --verbosity 0

migrate: venv
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py seed_demo --if-empty

setup: venv translations migrate demo static

run: setup
	@$(PY) manage.py demo_logins
	@echo "SIGAP: http://$(HOST):$(PORT)/  (stop with Ctrl+C)"
	@# The background worker (large imports) runs beside the web server and stops with it.
	@$(PY) manage.py db_worker --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(VENV)/bin/gunicorn config.wsgi --bind $(HOST):$(PORT) --workers 2 --threads 4 --access-logfile -

test: venv translations
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

format: venv
	$(VENV)/bin/ruff check --fix --select I .
	$(VENV)/bin/ruff format .

messages: venv
	$(PY) manage.py makemessages --locale en --no-obsolete --ignore ".venv/*" --ignore "var/*" --ignore "static/vendor/*"

clean:
	rm -rf $(VENV) var/static .pytest_cache

bench: venv
	$(PY) bench/bench_foundation.py
