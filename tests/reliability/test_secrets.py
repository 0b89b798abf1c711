"""Canary secrets in app settings and publishing credentials never reach output, logs, errors or recordings."""

import os
import re

import pytest

from tests.emulator.azenv import FAKE_TOKEN
from tests.emulator.server import Fault
from tests.canary import CANARY
from tests.emulator.seeds import SUBSCRIPTION

RECORDINGS = os.path.join(os.path.dirname(__file__), "..", "recordings")
EXAMPLES = os.path.join(os.path.dirname(__file__), "..", "..", "examples")
APP = ["-g", "rg-python", "-n", "py-web"]
COMMANDS = [
    ["pyappsvc", "show"] + APP,
    ["pyappsvc", "show", "-g", "rg-python", "-n", "py-func"],
    ["pyappsvc", "list-runtimes"],
    ["pyappsvc", "set-runtime"] + APP + ["--version", "3.13"],
    ["pyappsvc", "set-build"] + APP + ["--build-on-deploy", "false"],
    ["pyappsvc", "set-startup"] + APP + ["--module", "app:app"],
    ["pyappsvc", "show-startup"] + APP,
    ["pyappsvc", "doctor"] + APP,
    ["pyappsvc", "doctor", "-g", "rg-python"],
    ["pyappsvc", "doctor"] + APP + ["--report"],
]


@pytest.mark.parametrize("fmt", ["json", "yaml", "table", "tsv"])
def test_no_command_prints_a_secret_in_any_format(az_live, live_emulator, fmt):
    for command in COMMANDS:
        result = az_live(command + ["-o", fmt])
        assert result.exit_code == 0, (command, result.stderr)
        assert CANARY not in result.all_text, command


def test_no_secret_in_debug_logs(az_live):
    for command in COMMANDS[:1] + COMMANDS[4:5] + COMMANDS[7:8]:
        result = az_live(command + ["--debug"])
        assert result.exit_code == 0
        assert CANARY not in result.all_text, command


def test_no_secret_in_error_messages(az_live, live_emulator):
    live_emulator.inject(Fault(status=500, method="PUT", times=10), Fault(kind="reset", method="PATCH", times=10))
    for command in COMMANDS[3:6]:
        result = az_live(command)
        assert result.exit_code != 0
        assert CANARY not in result.all_text


def test_publishing_credentials_and_connection_strings_are_never_requested(az_live, live_emulator):
    for command in COMMANDS:
        az_live(command)
    paths = [entry.path.lower() for entry in live_emulator.requests()]
    assert not [p for p in paths if p.endswith(("/publishxml", "/connectionstrings", "/publishingcredentials",
                                                "/connectionstrings/list", "/config/publishingcredentials/list"))]


def test_committed_recordings_hold_no_secret():
    checked = 0
    for folder, _, files in os.walk(RECORDINGS):
        for name in files:
            with open(os.path.join(folder, name), encoding="utf-8") as handle:
                text = handle.read()
            checked += 1
            for secret in (CANARY, SUBSCRIPTION, FAKE_TOKEN, "Bearer ", "AccountKey="):
                assert secret not in text, (name, secret)
            assert set(re.findall(r'userPWD=(".*?")', text)) <= {'"REDACTED"'}, name
    assert checked >= 50


def test_an_interleaved_writer_and_set_build(az_live, live_emulator):
    """App settings have no concurrency control. Another writer's change made between set-build's read and
    its write is overwritten (last writer wins); set-build still writes every setting it read, unchanged,
    plus its own change: it never drops a setting that existed when it read them."""
    site = live_emulator.store.get(SUBSCRIPTION, "rg-python", "py-web")
    read_state = dict(site.app_settings)

    def other_writer(store):
        store.get(SUBSCRIPTION, "rg-python", "py-web").app_settings.update(FEATURE_FLAG="on",
                                                                           PRE_BUILD_COMMAND="echo other")
    live_emulator.on("POST", r"/sites/py-web/config/appsettings/list$", other_writer)
    result = az_live("pyappsvc set-build -g rg-python -n py-web --build-on-deploy false")
    assert result.exit_code == 0
    stored = live_emulator.store.get(SUBSCRIPTION, "rg-python", "py-web").app_settings
    assert stored == dict(read_state, SCM_DO_BUILD_DURING_DEPLOYMENT="false")
    assert "FEATURE_FLAG" not in stored and stored["PRE_BUILD_COMMAND"] == read_state["PRE_BUILD_COMMAND"]
    (put,) = live_emulator.requests(method="PUT")
    reads = live_emulator.requests(method="POST")
    # the race window is one round trip: the read goes out with the site read, the PUT right after both
    assert put.started - reads[0].started < 1.0
