# The verbs: demo, test, lint, check, bench. Each makes the virtual environment first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Development commands run with DEBUG on; production leaves it off (see the README).
DEV := DJANGO_DEBUG=1
HOST ?= 127.0.0.1
PORT ?= 8000

S3_PORT ?= 5123

.PHONY: install demo serve test test-s3 e2e lint format check bench bench-pages bench-import bench-stills \
	bench-scale bench-load clean

$(BIN)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(BIN)/.installed

demo: install ## migrate, load demo content, print the demo accounts, serve on 127.0.0.1:8000
	$(DEV) $(BIN)/python manage.py migrate --noinput
	$(DEV) $(BIN)/python manage.py seed_demo
	$(DEV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

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

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

e2e: install node_modules/.installed ## browser tests in Chromium: reader and admin paths, axe-core, Nu Html Checker
	$(BIN)/python -m pytest -m e2e tests/e2e $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

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

clean:
	rm -rf $(VENV) node_modules .pytest_cache .ruff_cache staticfiles
