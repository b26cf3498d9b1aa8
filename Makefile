# The verbs: demo, test, lint, check, bench. Each makes the virtual environment first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Development commands run with DEBUG on; production leaves it off (see the README).
DEV := DJANGO_DEBUG=1
HOST ?= 127.0.0.1
PORT ?= 8000
# `make serve`: production settings, but on plain http on this machine.
PROD = DJANGO_SECRET_KEY=$$(cat .secret-key) DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost \
	DJANGO_SECURE_SSL_REDIRECT=0 DJANGO_SESSION_COOKIE_SECURE=0 DJANGO_CSRF_COOKIE_SECURE=0 \
	DJANGO_SECURE_HSTS_SECONDS=0

S3_PORT ?= 5123

.PHONY: help install demo serve test test-s3 test-stack e2e screenshots lighthouse lint format check bench bench-pages bench-import bench-stills \
	bench-scale bench-load clean

# The first target, so `make` alone only lists the others: each with the text after its "##".
help: ## list the targets and what each does
	@awk -F ':.*## ' '/^[a-z0-9-]+:.*## / { printf "  %-13s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)

$(BIN)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(BIN)/.installed ## the virtual environment in .venv, with requirements-dev.txt

demo: install ## migrate, load demo content, print the demo accounts, serve on 127.0.0.1:8000
	$(DEV) $(BIN)/python manage.py migrate --noinput
	$(DEV) $(BIN)/python manage.py seed_demo
	$(DEV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# The production configuration on this machine: DEBUG off, static files collected and served
# by whitenoise, gunicorn, the embedded SQLite (or DATABASE_URL), the page cache on. A local
# secret key is made once in .secret-key; HTTPS is not forced since this serves plain http.
serve: install ## production stack locally: gunicorn + whitenoise, DEBUG off, on 127.0.0.1:8000
	@test -s .secret-key || head -c 48 /dev/urandom | od -An -tx1 | tr -d ' \n' > .secret-key
	$(PROD) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(PROD) $(BIN)/python manage.py migrate --noinput
	$(PROD) $(BIN)/python manage.py seed_demo
	$(PROD) $(BIN)/gunicorn newsroom.wsgi --bind $(HOST):$(PORT) --workers $${WEB_CONCURRENCY:-2}

test: install ## the test suite (SQLite unless DATABASE_URL names another database)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The storage tests against an S3-compatible server: moto in server mode, started here on
# 127.0.0.1:$(S3_PORT) and stopped (by its process id) when the tests end.
test-s3: install ## the storage tests on a local S3-compatible server (moto)
	@$(BIN)/moto_server -H 127.0.0.1 -p $(S3_PORT) >/dev/null 2>&1 & moto=$$!; \
	trap 'kill $$moto 2>/dev/null' EXIT; \
	for _ in $$(seq 50); do \
	  $(BIN)/python -c "import socket; socket.create_connection(('127.0.0.1', $(S3_PORT)), 1)" \
	    2>/dev/null && break; sleep 0.2; \
	done; \
	NEWSROOM_S3_ENDPOINT=http://127.0.0.1:$(S3_PORT) $(BIN)/python -m pytest -m s3 $(PYTEST_ARGS)

# Two gunicorn app servers on one PostgreSQL and one Redis, and the database's connections
# cut under load: each test starts (and stops) its own servers and database.
test-stack: install ## app servers sharing PostgreSQL and Redis; recovery from a database restart
	$(BIN)/python -m pytest -m stack tests/stack $(PYTEST_ARGS)

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

e2e: install node_modules/.installed ## browser tests in Chromium: reader and admin paths, axe-core, Nu Html Checker, layout screenshots
	$(BIN)/python -m pytest -m e2e tests/e2e $(PYTEST_ARGS)

# A changed layout is a reviewed change: this rewrites the reference screenshots the browser
# suite compares with (tests/e2e/screenshots/); look at them (git diff) before committing.
screenshots: install node_modules/.installed ## take the layout's reference screenshots again (390 and 1366 px)
	NEWSROOM_UPDATE_SCREENSHOTS=1 $(BIN)/python -m pytest -m e2e tests/e2e/test_screenshots.py $(PYTEST_ARGS)

# Lighthouse 12.2.3 (Node 20) in Chromium, mobile profile, on the production configuration;
# scores to bench/results/lighthouse-*; fails under the marks (bench/lighthouse.py).
LIGHTHOUSE_ARGS ?=
lighthouse: install node_modules/.installed ## Lighthouse on home, review, film, archive, search; fails under the marks
	$(BIN)/python bench/lighthouse.py $(LIGHTHOUSE_ARGS)

lint: install ## ruff and djLint: the Python and the templates, checked and left as they are
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates --check
	$(BIN)/djlint templates --lint

# djLint exits 1 when it rewrote a file: a check after it tells that from a real failure.
format: install ## ruff and djLint rewrite the Python and the templates in the house layout
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djlint templates --reformat --quiet || $(BIN)/djlint templates --check --quiet

check: install ## Django's system checks, missing migrations, and the deployment checklist
	$(DEV) $(BIN)/python manage.py check
	$(DEV) $(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SECRET_KEY=check-deploy-$$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n') \
	DJANGO_ALLOWED_HOSTS=reviews.example.com \
	$(BIN)/python manage.py check --deploy --fail-level WARNING

# The big archive lives in a PostgreSQL database of its own (created when missing, never
# dropped). Options pass through, e.g. make bench-scale SCALE_ARGS=--sqlite (10,000 reviews
# on SQLite) or make bench-load LOAD_ARGS="--duration 5".
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/newsroom_bench
SCALE_ARGS ?=
LOAD_ARGS ?=

bench: bench-pages bench-import bench-stills bench-scale bench-load ## every benchmark; figures in bench/results/

bench-pages: install ## readers' pages on the demo content: time and queries
	$(BIN)/python bench/pages.py

bench-import: install ## time importing 10,000 films with 100,000 credits on SQLite
	$(BIN)/python bench/import_films.py

bench-stills: install ## time still processing and a batch upload
	$(BIN)/python bench/stills.py

bench-scale: install ## 100,000 reviews on PostgreSQL (generated once, then reused): pages timed in process
	BENCH_DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/scale.py $(SCALE_ARGS)

bench-load: install ## gunicorn (2 workers) and wrk on loopback: floor view, a static file, the demo review
	$(BIN)/python bench/load.py $(LOAD_ARGS)

clean: ## remove the virtual environment, node_modules and what the tools left behind
	rm -rf $(VENV) node_modules .pytest_cache .ruff_cache staticfiles
