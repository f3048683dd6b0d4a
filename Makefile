# One virtualenv inside the repo; nothing global. `make demo` and `make test` work on a fresh clone.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Debian packages some tests need: PostgreSQL and Redis (the Celery test), Chromium for browser
# tests, Tesseract for OCR.
SYSTEM_PACKAGES := postgresql redis-server tesseract-ocr chromium chromium-driver

.PHONY: install system-deps test test-browser lint typecheck demo bench clean

install: $(STAMP)

# Installs only what is missing; without root it says what to install and the tests that
# need those packages skip with that reason.
system-deps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || printf "%s " $$p; done); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
		echo "Installing Debian packages: $$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	else \
		echo "Not root: install $$missing with apt-get for the tests that need them"; \
	fi

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	# The editable build leaves egg-info beside the sources, on sys.path: Airflow would then
	# see the plugin entry point twice and report the second as a plugin import error.
	rm -rf plugins/*.egg-info
	touch $(STAMP)

# vulture: dead code in the product (a name only tests use counts as dead), then in the tests;
# settings in pyproject.toml, the names frameworks call in vulture_whitelist.py.
lint: install
	$(BIN)/ruff check .
	$(BIN)/vulture
	$(BIN)/vulture plugins/openai_connector bench dags tests vulture_whitelist.py

# mypy over the whole package, strict (settings in pyproject.toml); the stub packages it
# reads come with requirements.txt.
typecheck: install
	$(BIN)/mypy

# pytest exits 5 when it collects no test; that is not a failure of the build.
test: system-deps lint typecheck
	$(BIN)/python -m pytest $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests"; exit 0; fi; exit $$rc

# Headless Chromium against a real Airflow (about 90 s here). `make test` runs them too;
# this target runs only them, e.g. after a UI change. Screenshots: var/browser-artifacts/.
test-browser: system-deps install
	$(BIN)/python -m pytest tests/browser $(PYTEST_ARGS)

demo: install
	$(BIN)/openai-connector demo

bench: install
	for script in bench/*.py; do $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .mypy_cache
