"""Canary secrets in app settings and publishing credentials never reach output, logs, errors or recordings."""

import contextlib
import json
import logging
import os
import re
import socket

import pytest

from tests.canary import CANARY
from tests.emulator import azenv
from tests.emulator.azenv import FAKE_TOKEN
from tests.emulator.model import Site
from tests.emulator.seeds import FLASK_APP, SUBSCRIPTION, web_config
from tests.emulator.server import Fault

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
    ["pyappsvc", "migrate", "-g", "rg-python", "-n", "win-app", "--source",
     os.path.join(EXAMPLES, "windows-fastcgi-flask"), "--target-app", "py-web", "--apply"],
    ["pyappsvc", "migrate", "-g", "rg-python", "-n", "win-app", "--source",
     os.path.join(EXAMPLES, "cloud-service-python"), "--report"],
]


@pytest.mark.parametrize("fmt", ["json", "yaml", "table", "tsv"])
def test_no_command_prints_a_secret_in_any_format(az_live, live_emulator, fmt):
    for command in COMMANDS:
        result = az_live(command + ["-o", fmt])
        assert result.exit_code == 0, (command, result.stderr)
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


# -- every channel, every case of issue 12 --------------------------------------------------------------------------
@contextlib.contextmanager
def debug_trace():
    """Every log line a `--debug` run writes (az's network trace included), as its console handler would get them:
    after the filters of the logger that wrote it."""
    lines = []

    class Keep(logging.Handler):
        def emit(self, record):
            lines.append(record.getMessage())
    handler = Keep(level=logging.DEBUG)
    loggers = [logging.getLogger(name) for name in ("cli", "azure")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
    try:
        yield lines
    finally:
        for logger, level in zip(loggers, levels):
            logger.removeHandler(handler)
            logger.setLevel(level)


def test_debug_trace_holds_no_secret_and_is_not_empty(az_live):
    for command in COMMANDS[:1] + COMMANDS[3:5] + COMMANDS[7:8]:
        with debug_trace() as lines:
            result = az_live(command + ["--debug"])
        assert result.exit_code == 0
        trace = "\n".join(lines)
        assert "Response content:" in trace and len(lines) > 30, command      # the trace was really captured
        assert CANARY not in trace + result.all_text, command


CREDENTIALS_IN_MANAGED_VALUES = {
    "PRE_BUILD_COMMAND": "pip config set global.extra-index-url https://build:" + CANARY + "@pkgs.example/simple",
    "POST_BUILD_COMMAND": "curl -fsS 'https://hooks.example/deployed?token=" + CANARY + "&app=x'",
    "CUSTOM_BUILD_COMMAND": "pip install --index-url https://" + CANARY + "@pkgs.example/simple -r requirements.txt",
    "WEBSITE_RUN_FROM_PACKAGE": " https://acct.blob.core.windows.net/pkg/app.zip?sv=2024-05-04&sig=" + CANARY,
    "SCM_DO_BUILD_DURING_DEPLOYMENT": "true",
    "ORYX_DISABLE_PIP_UPGRADE": CANARY,             # an invalid Oryx boolean (BLD004) nobody manages
}


def test_credentials_inside_managed_values_are_masked_everywhere(az_live, live_emulator):
    """No unmanaged setting holds the canary here: only the credential rules can keep it out."""
    live_emulator.store.add(Site(name="py-creds", kind="app,linux", config=web_config(),
                                 app_settings=dict(CREDENTIALS_IN_MANAGED_VALUES),
                                 files={"app.py": FLASK_APP, "requirements.txt": b"flask\n"}))
    app = ["-g", "rg-python", "-n", "py-creds"]
    runs = [["pyappsvc", "show"] + app, ["pyappsvc", "doctor"] + app, ["pyappsvc", "doctor"] + app + ["--report"],
            ["pyappsvc", "set-build"] + app + ["--disable-collectstatic", "true"], ["pyappsvc", "show-startup"] + app]
    for command in runs:
        for fmt in ("json", "table", "tsv", "yaml"):
            result = az_live(command + ["-o", fmt])
            assert CANARY not in result.all_text, (command, fmt)
    shown = az_live(["pyappsvc", "show"] + app).all_text
    assert "https://<redacted>@pkgs.example/simple" in shown           # masked, not dropped: the rest is useful
    assert "BLD004" in az_live(["pyappsvc", "doctor"] + app).all_text


def _echo_fault(method, status=400):
    """Azure's answer to a write that echoes the request body back in its message, secrets included."""
    echoed = json.dumps({"DATABASE_PASSWORD": CANARY, "BUILD": "https://u:" + CANARY + "@h.example/x"})
    body = json.dumps({"error": {"code": "BadRequest", "message": "The parameter properties has an invalid value: "
                                 + echoed}})
    return Fault(kind="body", status=status, method=method, body=body, content_type="application/json", times=10)


@pytest.mark.parametrize("command, method", [
    (["pyappsvc", "set-build"] + APP + ["--build-on-deploy", "false"], "PUT"),
    (["pyappsvc", "set-runtime"] + APP + ["--version", "3.13"], "PATCH"),
    (["pyappsvc", "set-startup"] + APP + ["--module", "app:app"], "PATCH"),
])
def test_azure_error_echoes_are_scrubbed_in_errors_and_debug(az_live, live_emulator, command, method):
    live_emulator.inject(_echo_fault(method))
    with debug_trace() as lines:
        result = az_live(command + ["--debug"])
    assert result.exit_code != 0 and len(result.error_lines) == 1, result.stderr
    assert "400" in result.error_lines[0]
    assert CANARY not in result.all_text + "\n".join(lines)


def test_a_startup_file_outside_the_project_is_never_read(az_live, tmp_path):
    outside = tmp_path / "credentials"
    outside.write_text("export DB_PASSWORD=" + CANARY + "\n")
    project = tmp_path / "project"
    project.mkdir()
    (project / "app.py").write_bytes(FLASK_APP)
    (project / "startup.txt").symlink_to(outside)
    (project / "requirements.txt").symlink_to(outside)
    for command in (["pyappsvc", "show-startup", "--source", str(project)],
                    ["pyappsvc", "doctor", "--source", str(project)],
                    ["pyappsvc", "doctor", "--source", str(project), "--report"],
                    ["pyappsvc", "set-startup"] + APP + ["--file", "startup.txt", "--source", str(project),
                                                         "--dry-run"]):
        result = az_live(command)
        assert CANARY not in result.all_text, command
        assert "Traceback" not in result.stderr


def test_the_token_goes_to_no_scm_host_outside_the_cloud(az_live, live_emulator, monkeypatch):
    """hostNameSslStates without a Repository entry, and one naming a foreign host: both resolvable here, neither
    contacted; doctor says why the files were not listed (DATA002)."""
    monkeypatch.setattr(azenv, "EMULATED_SUFFIXES", azenv.EMULATED_SUFFIXES + (".attacker.example",))
    looked_up = []
    original = socket.getaddrinfo

    def spy(host, *args, **kwargs):
        looked_up.append(str(host).lower())
        return original(host, *args, **kwargs)
    monkeypatch.setattr(socket, "getaddrinfo", spy)

    def foreign(body, repository):
        states = body["properties"]["hostNameSslStates"]
        body["properties"]["hostNameSslStates"] = [s for s in states if s["hostType"] != "Repository"] + \
            ([{"name": repository, "hostType": "Repository", "sslState": "Disabled"}] if repository else [])
        body["properties"]["enabledHostNames"].append("www.scm.attacker.example")
        return body
    for repository in (None, "py-web.scm.attacker.example", "py-web.scm.azurewebsites.net.attacker.example"):
        live_emulator.inject(Fault(kind="answer", method="GET", path=r"/sites/py-web$", times=1,
                                   body=lambda body, r=repository: foreign(body, r)))
        result = az_live(["pyappsvc", "doctor"] + APP)
        assert result.exit_code in (0, 3) and "DATA002" in result.stdout, result.stderr
        assert not [host for host in looked_up if "attacker" in host]
        assert not [e for e in live_emulator.requests() if "attacker" in e.host]


# -- what Azure echoes is scrubbed of every unmanaged value; our own names never are -------------------------------
def _dotnet(text):
    """.NET's default JSON encoder writes + & < > ' as \\u002B..."""
    return "".join(f"\\u{ord(c):04X}" if c in "+&<>'" else c for c in text)


@pytest.mark.parametrize("name, value, spell", [
    ("BLOB_CONFIG", 'prefix"quoted\\back-0123456789', lambda text: text),      # escaped twice inside the message
    ("BLOB_CONFIG", "AbC+dEf/GhI&jKl<0123>", _dotnet),                          # .NET's \u002B escapes
    ("ADMIN_PASS", "hunter7", lambda text: text),                               # short, and not named a secret
    ("FEATURE", "blue", lambda text: text),                                     # masked by its name in the pair
])
def test_any_unmanaged_value_azure_echoes_is_scrubbed(az_live, live_emulator, name, value, spell):
    live_emulator.store.add(Site(name="py-echo", kind="app,linux", config=web_config(), app_settings={name: value},
                                 files={"app.py": FLASK_APP, "requirements.txt": b"flask\n"}))
    message = "The parameter properties has an invalid value: " + spell(json.dumps({name: value}))
    live_emulator.inject(Fault(kind="body", status=400, method="PUT", content_type="application/json", times=10,
                               body=json.dumps({"error": {"code": "BadRequest", "message": message}})))
    with debug_trace() as lines:
        result = az_live(["pyappsvc", "set-build", "-g", "rg-python", "-n", "py-echo", "--build-on-deploy", "false",
                          "--debug"])
    assert result.exit_code != 0 and "invalid value" in result.error_lines[0]
    text = result.all_text + "\n".join(lines)
    for core in [part for part in re.split(r"[^A-Za-z0-9-]", value) if len(part) >= 3]:
        assert core not in text, [line for line in text.splitlines() if core in line][:3]


def test_names_equal_to_a_setting_value_are_not_masked(az_live, live_emulator):
    """APP_NAME=py-web-prod, AZURE_RESOURCE_GROUP=rg-python, GUNICORN_CMD_ARGS=--timeout 600: ordinary values
    that appear in pyappsvc's own output (the name, the fixes, the startup command) stay there."""
    live_emulator.store.add(Site(name="py-web-prod", kind="app,linux", config=web_config(),
                                 app_settings={"APP_NAME": "py-web-prod", "AZURE_RESOURCE_GROUP": "rg-python",
                                               "GUNICORN_CMD_ARGS": "--timeout 600",
                                               "SCM_DO_BUILD_DURING_DEPLOYMENT": "false"},
                                 files={"app.py": FLASK_APP, "requirements.txt": b"flask\n"}))
    app = ["-g", "rg-python", "-n", "py-web-prod"]
    assert az_live(["pyappsvc", "show"] + app).output["name"] == "py-web-prod"
    findings = az_live(["pyappsvc", "doctor"] + app).output["findings"]
    fixes = [f["fixArgs"] for f in findings if f["fixArgs"]]
    assert fixes and all(" ".join(app) in " ".join(args) for args in fixes), fixes
    assert "--timeout 600" in az_live(["pyappsvc", "show-startup"] + app).output["command"]
