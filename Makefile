# The project's verbs. `make run` serves the portal with demo data; `make test` runs the
# whole suite. Both create .venv and install what they need on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=
# The suite runs on every core, a test file to each worker in turn (pytest-xdist), in an order
# shuffled anew each run (pytest-randomly prints its seed at the top; replay an order with
# PYTEST_ARGS="--randomly-seed=N"). TEST_WORKERS=0 runs in this process only. Files are handed
# out in pytest-django's order, not biggest first, so that the tests which empty the database
# (live server, threads) come after those that expect the migrations' rows on each worker.
TEST_WORKERS ?= auto

PO_FILES := $(wildcard locale/*/LC_MESSAGES/*.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: help run test lint hooks format install install-dev messages messages-compile demo check-deploy deploy-check bench clean
.DEFAULT_GOAL := help

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-16s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime-installed $@

# Compiled catalogues are built, not committed: Babel (a pip package) compiles them, so a
# machine without GNU gettext still gets translations.
locale/%.mo: locale/%.po $(VENV)/.runtime-installed
	$(BIN)/pybabel compile --domain django -i $< -o $@

install: $(VENV)/.runtime-installed messages-compile ## Install the runtime requirements and compile the translations

# The browser tests' JavaScript (axe-core, pinned in package-lock.json) comes from npm.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: the browser tests need it (apt-get install -y npm)" >&2; exit 1; }
	npm ci --no-audit --no-fund
	touch $@

install-dev: $(VENV)/.dev-installed node_modules/.installed messages-compile ## Install the test and lint tools too

messages-compile: $(MO_FILES)

run: export DEBUG ?= 1
# E-mails sent outside a request (expire_holds from cron) link to this server too.
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: install ## Serve the portal with demo data on http://127.0.0.1:8000/
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo --organiser
	@echo "Serving on http://$(HOST):$(PORT)/ (Chinese) and http://$(HOST):$(PORT)/en/ (English)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

demo: export DEBUG ?= 1
demo: install ## Load the demo data without serving
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo --organiser

test: install-dev ## Run the whole suite (browser tests too, where Chromium is installed)
	$(BIN)/pytest --numprocesses $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder $(PYTEST_ARGS)

lint: install-dev ## ruff check and ruff format --check, as CI runs them
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

hooks: install-dev ## Run `make lint`'s checks before each git commit (pre-commit)
	$(BIN)/pre-commit install

format: install-dev ## Fix what ruff can and format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Extracting strings needs GNU gettext (apt-get install gettext); compiling does not.
messages: install-dev ## Extract new interface strings into the .po file (needs GNU gettext)
	DEBUG=1 $(BIN)/python manage.py makemessages --locale zh_Hans --no-obsolete --no-location \
		--ignore '.venv/*' --ignore 'staticfiles/*'
	@echo "Now translate the new entries in locale/zh_Hans/LC_MESSAGES/django.po"

# Two gunicorns and a job worker behind nginx, sharing PostgreSQL, Redis and an S3 store (moto),
# checked end to end (deploy/check.py). Needs Debian's nginx: apt-get install -y nginx.
deploy-check: install-dev ## Two gunicorns, a job worker and nginx on PostgreSQL, Redis and S3, checked end to end
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || { echo "nginx is missing: apt-get install -y nginx" >&2; exit 1; }
	@command -v redis-server >/dev/null || { echo "redis-server is missing: apt-get install -y redis-server" >&2; exit 1; }
	$(BIN)/python deploy/check.py

check-deploy: install ## manage.py check --deploy under production variables
	DEBUG=0 SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') \
		ALLOWED_HOSTS=example.org $(BIN)/python manage.py check --deploy --fail-level WARNING

clean: ## Remove the virtualenv, node_modules, caches and compiled catalogues
	rm -rf $(VENV) node_modules .pytest_cache .ruff_cache staticfiles $(MO_FILES)

# Prints how long importing a 1,000-session programme file takes and how long the exports and
# the agenda take with 2,000 sessions (each in a throwaway SQLite database), then what the portal
# does while an event runs (bench/pages.py): the design's full size, or SCALE times it, in a
# throwaway PostgreSQL database, served by gunicorn with the cache's own Redis and a job worker,
# next to a bare Django "Hello, world": warm pages, cold renders, an edit storm, cache-busting
# query strings, worker memory; its last five lines sum it up. Needs PostgreSQL, redis-server
# and wrk (apt-get install redis-server wrk). Figures, not a test: nothing fails on a slow machine.
SCALE ?= 1
bench: install-dev ## Print import, export and page timings at full size (SCALE=4: four times it) against a bare Django
	$(BIN)/python bench/importing.py
	$(BIN)/python bench/exports.py
	SCALE=$(SCALE) $(BIN)/python bench/pages.py

# Retakes the README's pictures (docs/img/schedule-grid.png and docs/img/floor-plan.png): the
# demo data, a development server on a free port, docs/screenshots.py in Debian's Chromium
# (apt-get install -y chromium fonts-noto-cjk), then the server is stopped, pass or fail.
.PHONY: screenshots
screenshots: demo $(VENV)/.dev-installed ## Retake the README's pictures of the schedule grid and the floor plan
	@port=$$($(BIN)/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'); \
	DEBUG=1 $(BIN)/python manage.py runserver --noreload 127.0.0.1:$$port >/dev/null 2>&1 & server=$$!; \
	trap 'kill $$server' EXIT; \
	for attempt in $$(seq 100); do \
		$(BIN)/python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$$port/healthz')" 2>/dev/null && break; \
		sleep 0.2; \
	done; \
	$(BIN)/python docs/screenshots.py http://127.0.0.1:$$port
