# The project's verbs. `make run` serves the portal with demo data; `make test` runs the
# whole suite. Both create .venv and install what they need on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

PO_FILES := $(wildcard locale/*/LC_MESSAGES/*.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: run test lint format install install-dev messages messages-compile demo check-deploy deploy-check bench clean

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

install: $(VENV)/.runtime-installed messages-compile

# The browser tests' JavaScript (axe-core, pinned in package-lock.json) comes from npm.
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: the browser tests need it (apt-get install -y npm)" >&2; exit 1; }
	npm ci --no-audit --no-fund
	touch $@

install-dev: $(VENV)/.dev-installed node_modules/.installed messages-compile

messages-compile: $(MO_FILES)

run: export DEBUG ?= 1
# E-mails sent outside a request (expire_holds from cron) link to this server too.
run: export SITE_URL ?= http://$(HOST):$(PORT)
run: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo --organiser
	@echo "Serving on http://$(HOST):$(PORT)/ (Chinese) and http://$(HOST):$(PORT)/en/ (English)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

demo: export DEBUG ?= 1
demo: install
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo --organiser

test: install-dev
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Extracting strings needs GNU gettext (apt-get install gettext); compiling does not.
messages: install-dev
	DEBUG=1 $(BIN)/python manage.py makemessages --locale zh_Hans --no-obsolete --no-location \
		--ignore '.venv/*' --ignore 'staticfiles/*'
	@echo "Now translate the new entries in locale/zh_Hans/LC_MESSAGES/django.po"

# Two gunicorns and a job worker behind nginx, sharing PostgreSQL, Redis and an S3 store (moto),
# checked end to end (deploy/check.py). Needs Debian's nginx: apt-get install -y nginx.
deploy-check: install-dev
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || { echo "nginx is missing: apt-get install -y nginx" >&2; exit 1; }
	@command -v redis-server >/dev/null || { echo "redis-server is missing: apt-get install -y redis-server" >&2; exit 1; }
	$(BIN)/python deploy/check.py

check-deploy: install
	DEBUG=0 SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))') \
		ALLOWED_HOSTS=example.org $(BIN)/python manage.py check --deploy --fail-level WARNING

clean:
	rm -rf $(VENV) node_modules .pytest_cache .ruff_cache staticfiles $(MO_FILES)

# Prints how long the exports and the agenda take with 2,000 sessions, then every public page
# at the design's full size served by gunicorn, measured with wrk against a bare Django "Hello,
# world" (pages.py needs wrk: apt-get install wrk). Each builds a throwaway database unless
# DATABASE_URL is set. Figures, not a test: nothing fails on a slow machine.
bench: install-dev
	$(BIN)/python bench/exports.py
	$(BIN)/python bench/pages.py

# Retakes the README's pictures (docs/img/schedule-grid.png and docs/img/floor-plan.png): the
# demo data, a development server on a free port, docs/screenshots.py in Debian's Chromium
# (apt-get install -y chromium fonts-noto-cjk), then the server is stopped, pass or fail.
.PHONY: screenshots
screenshots: demo $(VENV)/.dev-installed
	@port=$$($(BIN)/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'); \
	DEBUG=1 $(BIN)/python manage.py runserver --noreload 127.0.0.1:$$port >/dev/null 2>&1 & server=$$!; \
	trap 'kill $$server' EXIT; \
	for attempt in $$(seq 100); do \
		$(BIN)/python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$$port/healthz')" 2>/dev/null && break; \
		sleep 0.2; \
	done; \
	$(BIN)/python docs/screenshots.py http://127.0.0.1:$$port
