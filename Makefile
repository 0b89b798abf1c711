# One command sets everything up and runs the whole suite on a machine with only Python, pip and git.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
# The oldest azure-cli this extension supports (azext.minCliCoreVersion): the recorded tests run on it too.
OLDEST_CLI = 2.87.0
OLDEST_VENV ?= .venv-oldest
PIP_QUIET = --quiet --disable-pip-version-check

.PHONY: setup test test-hostile lint style test-oldest ci bench record demo install shell emulator emulator-stop clean

setup: $(VENV)/.installed

$(VENV)/.installed: requirements-dev.txt constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install $(PIP_QUIET) -c constraints.txt -r requirements-dev.txt
	$(PY) -m pip install $(PIP_QUIET) --no-deps -c constraints.txt azdev
	touch $@

test: setup lint
	$(PY) -m pytest

# Every generated hostile answer to every request (make test runs a fixed slice of them); CI runs it.
test-hostile: setup
	PYAPPSVC_HOSTILE=all $(PY) -m pytest tests/reliability/test_hostile_responses.py

lint: setup
	$(PY) -m ruff check azext_pyappsvc tests benchmarks setup.py

# azure-cli-extensions' CI style check (azdev style): pylint and flake8 with azdev's configuration.
AZDEV_CONFIG = $(shell $(PY) -c "import azdev, os; print(os.path.join(os.path.dirname(azdev.__file__), 'config'))")
style: setup
	$(PY) -m flake8 --config $(AZDEV_CONFIG)/ext.flake8 azext_pyappsvc
	$(PY) -m pylint --rcfile $(AZDEV_CONFIG)/ext_pylintrc azext_pyappsvc

# The unit and recorded tests on the oldest supported azure-cli (the cassettes replay on every supported CLI).
$(OLDEST_VENV)/.installed: constraints.txt
	$(PYTHON) -m venv $(OLDEST_VENV)
	$(OLDEST_VENV)/bin/python -m pip install $(PIP_QUIET) azure-cli==$(OLDEST_CLI) azure-cli-core==$(OLDEST_CLI) \
		$$(grep -E '^(vcrpy|trustme|pytest|pytest-xdist|execnet|hypothesis)==' constraints.txt)
	touch $@

test-oldest: $(OLDEST_VENV)/.installed
	$(OLDEST_VENV)/bin/python -m pytest tests/unit tests/recorded

# What CI runs: the suite on the newest CLI, the style check, the recorded tests on the oldest CLI.
ci: test style test-hostile test-oldest

# The Quick start: build the wheel, install it into an isolated az with `az extension add`, and run the
# offline doctor on a bundled sample project (no Azure login needed).
DEMO_ENV := AZURE_CONFIG_DIR=$(CURDIR)/.work/demo AZURE_EXTENSION_DIR=$(CURDIR)/.work/demo/extensions \
	AZURE_CORE_COLLECT_TELEMETRY=false AZURE_CORE_ONLY_SHOW_ERRORS=true
SAMPLE ?= examples/flask-in-src

demo: install
	$(DEMO_ENV) $(VENV)/bin/az pyappsvc doctor --source $(SAMPLE) --report

# Build the wheel and install it with `az extension add` into the isolated az of .work/demo.
install: setup
	rm -rf dist .work/demo
	$(PY) -m pip wheel --quiet --no-deps --no-build-isolation -w dist .
	$(DEMO_ENV) $(VENV)/bin/az extension add --source dist/pyappsvc-*.whl --yes

# A shell whose `az` is .venv's, with the extension installed (config in .work/demo; `az login` works as usual).
# Commands can also come on stdin: `echo "az pyappsvc -h" | make -s shell`.
shell: $(CURDIR)/.work/demo/extensions/pyappsvc
	@echo "az with the pyappsvc extension (config in .work/demo); type exit to leave." >&2
	@$(DEMO_ENV) PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $${SHELL:-/bin/sh}

$(CURDIR)/.work/demo/extensions/pyappsvc:
	$(MAKE) install

# Start the loopback emulator in the background; prints the lines to export and its apps:
# eval "$$(make -s emulator)". Works from any directory with make -C <checkout>.
emulator: setup
	@$(PY) -m tests.emulator start

emulator-stop:
	@$(PY) -m tests.emulator stop

bench: setup
	$(PY) -m benchmarks.project_scan
	$(PY) -m benchmarks.functions_scan
	$(PY) -m benchmarks.legacy
	$(PY) -m benchmarks.startup_suggestion
	$(PY) -m benchmarks

record: setup
	PYAPPSVC_RECORD=emulator $(PY) -m pytest tests/recorded

clean:
	rm -rf $(VENV) $(OLDEST_VENV) build dist *.egg-info .work
