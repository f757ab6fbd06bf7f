# The two commands of the README: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
DEV_ENV := DEBUG=1

.PHONY: run test install chromium messages compilemessages migrate lint bench clean

$(PY):
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)

$(INSTALLED): $(PY) requirements.txt requirements-dev.txt
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

install: $(INSTALLED)

# End-to-end tests drive Debian's Chromium (Playwright's own browser download is
# not reachable from our machines).
chromium:
	@command -v chromium >/dev/null || { \
		echo "Installing Debian's chromium for the end-to-end tests"; \
		sudo=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
		|| { $$sudo apt-get update -qq && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }; }

compilemessages: install
	$(DEV_ENV) $(PY) manage.py compilemessages --ignore=.venv -v0

migrate: install
	$(DEV_ENV) $(PY) manage.py migrate --no-input -v1

run: compilemessages migrate
	$(DEV_ENV) $(PY) manage.py seed_demo
	$(DEV_ENV) $(PY) manage.py demo_reports
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:8000

test: compilemessages migrate chromium
	$(VENV)/bin/pytest

# Extract new strings into locale/{fr,de}; fill them in, then `make compilemessages`.
messages: install
	$(DEV_ENV) $(PY) manage.py makemessages -l fr -l de --ignore=.venv --ignore=var --no-obsolete

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(DEV_ENV) $(PY) manage.py makemigrations --check --dry-run

# Every benchmark of issue 10 on the --scale 250 demo database (PostgreSQL on
# 127.0.0.1, psql and wrk installed): builds the database or reuses it, then public
# pages, sitemap and feeds, admin lists, the report against its hand-written floor,
# and the seed time. `make bench SEED=1` also times a fresh seed into a scratch
# database (BENCH_DB_seed, dropped afterwards). See bench/run_all.py.
BENCH_DB ?= lieu_bench
bench: install
	$(PY) bench/run_all.py --db $(BENCH_DB) $(if $(SEED),--time-seed)

clean:
	rm -rf $(VENV) var
