# One command sets everything up and runs the whole suite on a machine with only Python, pip and git.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: setup test lint bench record demo clean

setup: $(VENV)/.installed

$(VENV)/.installed: requirements-dev.txt constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -r requirements-dev.txt
	touch $@

test: setup lint
	$(PY) -m pytest

lint: setup
	$(PY) -m ruff check azext_pyappsvc tests benchmarks setup.py

# The Quick start: build the wheel, install it into an isolated az with `az extension add`, and run the
# offline doctor on a bundled sample project (no Azure login needed).
DEMO_ENV := AZURE_CONFIG_DIR=$(CURDIR)/.work/demo AZURE_EXTENSION_DIR=$(CURDIR)/.work/demo/extensions \
	AZURE_CORE_COLLECT_TELEMETRY=false AZURE_CORE_ONLY_SHOW_ERRORS=true
SAMPLE ?= examples/flask-in-src

demo: setup
	rm -rf dist .work/demo
	$(PY) -m pip wheel --quiet --no-deps --no-build-isolation -w dist .
	$(DEMO_ENV) $(VENV)/bin/az extension add --source dist/pyappsvc-*.whl --yes
	$(DEMO_ENV) $(VENV)/bin/az pyappsvc doctor --source $(SAMPLE) --report

bench: setup
	$(PY) -m benchmarks.project_scan
	$(PY) -m benchmarks

record: setup
	PYAPPSVC_RECORD=emulator $(PY) -m pytest tests/recorded

clean:
	rm -rf $(VENV) build dist *.egg-info .work
