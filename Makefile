# One command sets everything up and runs the whole suite on a machine with only Python, pip and git.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: setup test lint unit bench record clean

setup: $(VENV)/.installed

$(VENV)/.installed: requirements-dev.txt constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -r requirements-dev.txt
	touch $@

test: setup lint
	$(PY) -m pytest

lint: setup
	$(PY) -m ruff check azext_pyappsvc tests benchmarks setup.py

bench: setup
	$(PY) -m benchmarks.project_scan
	$(PY) -m benchmarks

record: setup
	PYAPPSVC_RECORD=emulator $(PY) -m pytest tests/recorded

clean:
	rm -rf $(VENV) build dist *.egg-info .work
