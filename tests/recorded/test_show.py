"""`az pyappsvc show`, recorded against the emulator and replayed offline."""

import pytest

from tests.canary import CANARY
from tests.emulator.seeds import SUBSCRIPTION
from tests.recording import REDACTED

SHOW_READS = {("GET", ""), ("GET", "/config/web"), ("POST", "/config/appsettings/list")}


def _reads(log, site_path):
    return {(r.method, r.path[len(site_path):]) for r in log.sent}


def _assert_no_secret(result):
    assert CANARY not in result.all_text
    assert REDACTED not in result.all_text


def test_show_linux_web_app(az):
    result = az("pyappsvc show -g rg-python -n py-web")
    assert result.exit_code == 0, result.stderr
    out = result.output
    assert (out["platform"], out["kind"], out["isPython"], out["pythonVersion"]) == ("linux", "app,linux", True, "3.12")
    assert out["linuxFxVersion"] == "PYTHON|3.12"
    assert out["startupCommand"] is None          # config/web says "" : no custom startup
    assert out["buildSettings"]["SCM_DO_BUILD_DURING_DEPLOYMENT"] == "true"
    assert out["buildSettings"]["PRE_BUILD_COMMAND"] == "echo pre-build"
    assert out["buildSettings"]["POST_BUILD_COMMAND"] is None
    assert out["functionsSettings"] is None and out["notes"] == []
    assert len(az.log.sent) == 3
    assert _reads(az.log, "/subscriptions/{}/resourceGroups/rg-python/providers/Microsoft.Web/sites/py-web".format(
        SUBSCRIPTION)) == SHOW_READS
    assert not az.log.writes()
    _assert_no_secret(result)


def test_show_function_app(az):
    out = az("pyappsvc show -g rg-python -n py-func").output
    assert (out["platform"], out["isFunctionApp"], out["linuxFxVersion"], out["pythonVersion"]) == \
        ("linux", True, "Python|3.11", "3.11")
    assert out["functionsSettings"] == {"FUNCTIONS_WORKER_RUNTIME": "python", "FUNCTIONS_EXTENSION_VERSION": "~4"}
    assert out["startupCommand"] is None


def test_show_flex_function_app_reads_function_app_config(az):
    out = az("pyappsvc show -g rg-python -n py-flex").output
    assert out["platform"] == "flex"
    assert out["pythonVersion"] == "3.12" and out["linuxFxVersion"] is None
    assert out["functionAppRuntime"] == {"name": "python", "version": "3.12"}


def test_show_windows_app(az):
    result = az("pyappsvc show -g rg-python -n win-app")
    out = result.output
    # pythonVersion 3.4 in config/web: it runs Python, as doctor over the group says by checking it
    assert (out["platform"], out["kind"], out["isPython"], out["pythonVersion"]) == ("windows", "app", True, "3.4")
    _assert_no_secret(result)


def test_show_custom_container(az):
    result = az("pyappsvc show -g rg-python -n py-container")
    out = result.output
    assert (out["platform"], out["isPython"]) == ("container", False)
    assert out["linuxFxVersion"] == "DOCKER|myregistry.azurecr.io/pyapp:1.4"
    _assert_no_secret(result)


def test_show_slot_reads_the_slot(az):
    out = az("pyappsvc show -g rg-python -n py-web --slot staging").output
    assert (out["slot"], out["pythonVersion"]) == ("staging", "3.11")
    assert out["buildSettings"]["SCM_DO_BUILD_DURING_DEPLOYMENT"] == "false"
    assert len(az.log.sent) == 3 and all("/slots/staging" in r.path for r in az.log.sent)


def test_show_by_ids(az):
    ids = " ".join("/subscriptions/{}/resourceGroups/rg-python/providers/Microsoft.Web/sites/{}".format(
        SUBSCRIPTION, name) for name in ("py-web", "py-func"))
    out = az("pyappsvc show --ids " + ids).output
    assert sorted(app["name"] for app in out) == ["py-func", "py-web"]     # az runs --ids in parallel


def test_show_missing_app_is_resource_not_found(az):
    result = az("pyappsvc show -g rg-python -n no-such-app")
    assert result.exit_code == 3                     # az's exit code for ResourceNotFoundError
    assert result.error_lines == ["ERROR: The app 'no-such-app' was not found in resource group 'rg-python'."]


def test_show_without_permission_on_app_settings(az, emulator):
    emulator.store.get(SUBSCRIPTION, "rg-python", "py-web").appsettings_status = 403
    result = az("pyappsvc show -g rg-python -n py-web")
    assert result.exit_code == 0
    out = result.output
    assert out["pythonVersion"] == "3.12" and out["buildSettings"] is None
    assert "App settings could not be read (403)" in out["notes"][0]
    assert "Website Contributor" in out["notes"][0]


@pytest.mark.parametrize("fmt", ["json", "jsonc", "yaml", "yamlc", "table", "tsv", "none"])
def test_show_never_prints_a_secret_in_any_format(az_live, fmt):
    for app in ("py-web", "py-func", "py-flex", "win-app", "py-container"):
        result = az_live("pyappsvc show -g rg-python -n {} -o {}".format(app, fmt))
        assert result.exit_code == 0, result.stderr
        assert CANARY not in result.all_text


def test_show_table_has_one_row(az_live):
    result = az_live("pyappsvc show -g rg-python -n py-web -o table")
    lines = result.stdout.strip().splitlines()
    assert lines[0].split() == ["Name", "Platform", "Kind", "Python", "Startup", "BuildOnDeploy"]
    assert lines[2].split()[:4] == ["py-web", "linux", "app,linux", "3.12"]


def test_show_sends_three_requests_in_one_round_trip(az_live, live_emulator):
    live_emulator.latency_ms = 300
    result = az_live("pyappsvc show -g rg-python -n py-web")
    assert result.exit_code == 0
    sent = live_emulator.requests()
    assert len(sent) == 3
    # concurrent: every request started before the first one (300 ms) could have been answered
    assert max(r.started for r in sent) - min(r.started for r in sent) < 0.25
