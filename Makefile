# Leerkring: two commands. `make run` serves the demo; `make test` runs the whole suite.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# uv: the one on PATH, or one installed through pip into .tools/ on first use.
UV := $(shell command -v uv 2>/dev/null || echo $(CURDIR)/.tools/bin/uv)
PY := $(UV) run --frozen python
export UV_PROJECT_ENVIRONMENT ?= $(CURDIR)/.venv

.PHONY: help run test setup lint format check-migrations stack stack-stop bench messages

help:
	@echo "make run    - set up and serve the demo on http://127.0.0.1:8000 (SQLite, no Redis)"
	@echo "make test   - set up and run the whole test suite"
	@echo "make lint   - ruff lint + format check, the app graph (lint-imports), makemigrations --check"
	@echo "make stack  - the real stack natively: gunicorn + celery worker + beat (PostgreSQL, Redis)"
	@echo "make bench  - run the benchmarks in bench/"

$(CURDIR)/.tools/bin/uv:
	python3 -m venv $(CURDIR)/.tools
	$(CURDIR)/.tools/bin/pip install --quiet uv

setup: $(if $(findstring .tools,$(UV)),$(CURDIR)/.tools/bin/uv)
	$(UV) sync --frozen --quiet
	$(PY) manage.py compilemo

node_modules/axe-core/axe.min.js: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --silent --no-audit --no-fund; else echo "npm not found: browser accessibility tests will be skipped"; fi

run: setup
	@mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	LEERKRING_REQUIRE_STAFF_MFA=false $(PY) manage.py rundemo 127.0.0.1:8000

test: setup node_modules/axe-core/axe.min.js
	$(UV) run --frozen pytest $(PYTEST_ARGS)

lint: setup
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .
	$(UV) run --frozen lint-imports --no-cache
	$(PY) manage.py makemigrations --check --dry-run

format: setup
	$(UV) run --frozen ruff format .
	$(UV) run --frozen ruff check --fix .

messages: setup
	$(PY) manage.py makemessages --locale nl --locale en --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'var/*' --ignore 'tests/*' --ignore 'bench/*' --no-obsolete
	$(PY) manage.py compilemo

stack: setup
	bin/stack start

stack-stop:
	bin/stack stop

bench: setup
	bin/bench
