# Two commands set up everything on a fresh machine with Python 3.11:
#   make run   - the site on SQLite with the seed data, at http://127.0.0.1:8000, search on a
#                local OpenSearch node (or from the database, saying why)
#   make test  - install what the tests need and run the whole suite, the search suite
#                against a real OpenSearch node (bin/search-node; SEARCH_NODE= runs without)
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
SEARCH_URL ?= http://127.0.0.1:9201
SEARCH_NODE ?= bin/search-node exec --
# The two-node cluster of tests/stack/test_search_cluster.py: started by that module and stopped
# after it (CLUSTER_URLS= skips it, except under CI=true). `make search-cluster` starts one for development.
CLUSTER_URLS ?= http://127.0.0.1:9281,http://127.0.0.1:9282
# The slowest tests are listed at the end of every run: the suite must stay well inside CI's time.
PYTEST_ARGS ?= --durations=30

.PHONY: run test lint check-migrations browser services search search-stop search-cluster \
	search-cluster-stop venv dev-venv seed clean vendor prod-check

$(PY):
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed ($(PYTHON) not found; set PYTHON=...)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(PY)
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PIP) install --quiet -r requirements-dev.txt
	touch $(VENV)/.installed $@

venv: $(VENV)/.installed
dev-venv: $(VENV)/.installed-dev

seed: venv
	$(MANAGE) migrate --no-input
	$(MANAGE) load_seed
	$(MANAGE) update_index
	$(MANAGE) ensure_demo_admin
	$(MANAGE) load_sample_news
	$(MANAGE) ensure_demo_accounts
	$(MANAGE) build_datapackage

# Search is served by a local OpenSearch node (bin/search-node fetches it once, needs a Java 21+
# JDK, and is stopped when the server stops). Without a usable node it says why and serves
# search from the database. SEARCH=database skips the node.
run: seed
	@if [ "$(SEARCH)" = database ]; then \
	  echo "Search: served from the database (SEARCH=database)"; \
	  $(MANAGE) runserver $(HOST):$(PORT); \
	elif OPENSEARCH_URL=$(SEARCH_URL) bin/search-node start; then \
	  trap 'OPENSEARCH_URL=$(SEARCH_URL) bin/search-node stop' EXIT INT TERM; \
	  OPENSEARCH_URL=$(SEARCH_URL) $(MANAGE) rebuild_search_index && \
	  echo "Search: served by OpenSearch at $(SEARCH_URL)" && \
	  OPENSEARCH_URL=$(SEARCH_URL) $(MANAGE) runserver $(HOST):$(PORT); \
	else \
	  echo "Search: no OpenSearch node could be started (see above): served from the database"; \
	  $(MANAGE) runserver $(HOST):$(PORT); \
	fi

lint: dev-venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/vulture
	DJANGO_SETTINGS_MODULE=ubada.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=ubada.settings.test $(MANAGE) makemigrations --check --dry-run
	# production settings with stand-in values (never real secrets): HTTPS, HSTS, cookies
	DJANGO_SETTINGS_MODULE=ubada.settings.production SITE_URL=https://ubada.example \
	  DJANGO_ALLOWED_HOSTS=ubada.example \
	  DJANGO_SECRET_KEY=make-lint-stand-in-not-a-secret-0123456789abcdefghijklmnop \
	  $(MANAGE) check --deploy --fail-level WARNING

# Debian's Chromium for the Playwright tests (never a downloaded browser).
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  (apt-get install -y -q chromium >/dev/null 2>&1 || (apt-get update -q && apt-get install -y -q chromium)); \
	else echo "Install Debian's chromium (sudo apt-get install chromium) to run the browser tests."; fi

# Debian's nginx and redis-server (and openssl, for a test certificate) for the production-stack
# tests (tests/stack/): installed when run as root (as CI runs), otherwise it says how. The
# tests start their own instances on loopback; the packages' own services are not needed.
services:
	@missing=""; \
	command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing="$$missing nginx"; \
	command -v redis-server >/dev/null || missing="$$missing redis-server"; \
	command -v openssl >/dev/null || missing="$$missing openssl"; \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  (apt-get install -y -q $$missing >/dev/null 2>&1 || (apt-get update -q && apt-get install -y -q $$missing)); \
	else echo "Install Debian's$$missing (sudo apt-get install$$missing) to run the stack tests."; fi

# The search suite runs against a real node: bin/search-node starts one (or reuses the one at
# $OPENSEARCH_URL) and stops it afterwards. CI=true (.ci/run) makes a missing node a failure.
# Front-end packages from npm (package.json): axe-core for the browser tests' accessibility
# checks, and Leaflet, whose files are vendored into site/static/vendor (committed, served by
# the site itself: no CDN). `make vendor` refreshes them after a version change.
node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent; \
	else echo "Install npm (Debian: apt-get install npm) for the browser tests' axe-core checks."; fi

node_modules: node_modules/.package-lock.json

vendor: node_modules/.package-lock.json
	mkdir -p site/static/vendor/leaflet
	# without its source-map comment: the manifest storage would look for the map file
	sed '/sourceMappingURL=/d' node_modules/leaflet/dist/leaflet.js > site/static/vendor/leaflet/leaflet.js
	cp -r node_modules/leaflet/dist/leaflet.css node_modules/leaflet/dist/images node_modules/leaflet/LICENSE site/static/vendor/leaflet/

test: dev-venv browser services node_modules lint
	OPENSEARCH_CLUSTER_URLS=$(CLUSTER_URLS) $(SEARCH_NODE) $(VENV)/bin/pytest $(PYTEST_ARGS)

# The whole production stack on loopback under 5 minutes of mixed load with faults (issue 14):
# bench/stack.py's docstring. Not part of `make test`. STACK_DURATION=60 shortens the load;
# STACK_ARGS="--out bench/RESULTS-stack.md" keeps the report.
STACK_ARGS ?=
prod-check: dev-venv services
	$(PY) bench/stack.py $(STACK_ARGS)

search:
	bin/search-node start

search-stop:
	bin/search-node stop

search-cluster:
	OPENSEARCH_URL=$(CLUSTER_URLS) bin/search-node cluster start

search-cluster-stop:
	OPENSEARCH_URL=$(CLUSTER_URLS) bin/search-node cluster stop

clean:
	rm -rf $(VENV) db.sqlite3 static media node_modules
