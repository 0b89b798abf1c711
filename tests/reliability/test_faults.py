"""Every mutating command, with a fault injected on each of its requests in turn.

The outcome must be either success with exactly one effective write and the intended state, or a
single-line error with the app's state unchanged. Never a traceback.
"""

import re

import pytest

from tests.emulator.server import Fault
from tests.emulator.seeds import SUBSCRIPTION
from tests.recording import run_az

COMMANDS = {
    "set-runtime web": (["pyappsvc", "set-runtime", "-g", "rg-python", "-n", "py-web", "--version", "3.13"],
                        lambda store: store.get(SUBSCRIPTION, "rg-python", "py-web").config["linuxFxVersion"]
                        == "PYTHON|3.13"),
    "set-runtime function": (["pyappsvc", "set-runtime", "-g", "rg-python", "-n", "py-func", "--version", "3.12"],
                             lambda store: store.get(SUBSCRIPTION, "rg-python", "py-func").config["linuxFxVersion"]
                             == "Python|3.12"),
    "set-runtime flex": (["pyappsvc", "set-runtime", "-g", "rg-python", "-n", "py-flex", "--version", "3.13"],
                         lambda store: store.get(SUBSCRIPTION, "rg-python", "py-flex")
                         .function_app_config["runtime"]["version"] == "3.13"),
    "set-build": (["pyappsvc", "set-build", "-g", "rg-python", "-n", "py-web", "--build-on-deploy", "false"],
                  lambda store: store.get(SUBSCRIPTION, "rg-python", "py-web")
                  .app_settings["SCM_DO_BUILD_DURING_DEPLOYMENT"] == "false"),
    "set-startup": (["pyappsvc", "set-startup", "-g", "rg-python", "-n", "py-web", "--module", "app:app"],
                    lambda store: store.get(SUBSCRIPTION, "rg-python", "py-web").config["appCommandLine"]
                    == "gunicorn --bind=0.0.0.0 --timeout 600 app:app"),
}
FAULTS = {
    "429 Retry-After": dict(kind="status", status=429, retry_after=0),
    "500": dict(kind="status", status=500),
    "502": dict(kind="status", status=502),
    "503": dict(kind="status", status=503),
    "connection reset": dict(kind="reset"),
    "slow response": dict(kind="delay", delay=0.2),
}


def _sequence(serving, command):
    """The (method, path) of each request the command sends when nothing goes wrong."""
    with serving() as emulator:
        assert run_az(command).exit_code == 0
        return [(entry.method, entry.path) for entry in emulator.requests()]


@pytest.mark.parametrize("name, fault", [(name, fault) for name in COMMANDS for fault in FAULTS])
def test_a_fault_on_each_request_in_turn(serving, name, fault):
    command, changed = COMMANDS[name]
    for method, path in _sequence(serving, command):
        with serving() as emulator:
            before = emulator.store.snapshot()
            emulator.inject(Fault(method=method, path="^" + re.escape(path) + "$", **FAULTS[fault]))
            result = run_az(command)
            assert "Traceback" not in result.stderr, (method, path, result.stderr)
            writes = [entry for entry in emulator.requests() if entry.is_write and entry.status == 200]
            if result.exit_code == 0:
                assert changed(emulator.store), (method, path)
                assert len(writes) == 1, (method, path, writes)
            else:
                errors = result.error_lines
                assert len(errors) == 1 and errors[0].startswith("ERROR: "), (method, path, result.stderr)
                assert emulator.store.snapshot() == before, (method, path)
                assert writes == []


def test_retry_after_is_honoured(az_live, live_emulator):
    import time
    live_emulator.inject(Fault(status=429, retry_after=1, method="GET", path=r"/sites/py-web$"))
    started = time.monotonic()
    result = az_live("pyappsvc show -g rg-python -n py-web")
    assert result.exit_code == 0
    assert time.monotonic() - started >= 1.0
    assert len(live_emulator.requests(method="GET", path=r"/sites/py-web$")) == 2


@pytest.mark.parametrize("headers, wait", [
    ({"Retry-After": "600"}, 10.0), ({"Retry-After": "2"}, 2.0), ({"Retry-After": "soon"}, None),
    ({"Retry-After": "-5"}, 0.0), ({"retry-after-ms": "1500"}, 1.5), ({"Retry-After": "1e400"}, 10.0),
    ({"Retry-After": "Wed, 21 Oct 2099 07:28:00 GMT"}, 10.0), ({}, None),
])
def test_retry_after_is_believed_up_to_ten_seconds(headers, wait):
    """One answer's Retry-After must not hold a command for minutes (azure-core sleeps whatever it says)."""
    from types import SimpleNamespace
    from azext_pyappsvc.adapters.retry import CappedRetryPolicy
    response = SimpleNamespace(http_response=SimpleNamespace(headers=headers))
    assert CappedRetryPolicy().get_retry_after(response) == wait
