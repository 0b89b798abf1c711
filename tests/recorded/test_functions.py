"""Function apps on every plan (rg-functions, seeds.seed_functions): the FN / PLAT005 checks against real-shaped
bodies, and show-startup saying the Functions host starts them."""

import os

import pytest

from tests.canary import CANARY
from tests.emulator.seeds import FUNCTIONS_GROUP, SUBSCRIPTION, seed_functions


@pytest.fixture
def functions(emulator):
    seed_functions(emulator.store, CANARY)
    return emulator


def _codes(out):
    return {f["code"] for f in out["findings"]}


def _doctor(az, name):
    result = az(f"pyappsvc doctor -g {FUNCTIONS_GROUP} -n {name}")
    assert result.exit_code == 0, result.stderr
    assert CANARY not in result.all_text
    return result.output


def test_flex_app_with_settings_flex_rejects(az, functions):  # noqa
    out = _doctor(az, "fn-flex")
    found = [f for f in out["findings"] if f["code"] == "FN015"]
    assert {"PLAT004", "FN015"} <= _codes(out) and "FN017" not in _codes(out)
    argv = next(f["fixArgs"] for f in found if f["fixArgs"])
    assert argv[:4] == ["az", "functionapp", "config", "appsettings"]
    assert argv[argv.index("--setting-names") + 1:] == ["FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION",
                                                         "SCM_DO_BUILD_DURING_DEPLOYMENT"]
    assert any("functionAppScaleLimit" in f["detail"] for f in found)
    assert not [r for r in az.log.sent if r.method not in ("GET", "POST")]


def test_linux_consumption_app_retires_and_hides_its_index_credential(az, functions):  # noqa
    out = _doctor(az, "fn-consumption")
    assert {"FN016", "FN017"} <= _codes(out)
    index = next(f for f in out["findings"] if f["code"] == "FN016")
    assert "pkgs.contoso.com" in index["detail"] and "build" not in index["detail"]
    assert next(f for f in out["findings"] if f["code"] == "FN017")["severity"] == "info"


def test_premium_app_is_clean_of_plan_findings(az, functions):  # noqa
    out = _doctor(az, "fn-premium")
    assert not {"FN015", "FN016", "FN017", "PLAT005", "PLAT001"} & _codes(out)


def test_function_app_on_a_windows_plan(az, functions):  # noqa
    out = _doctor(az, "fn-windows")
    assert "PLAT005" in _codes(out) and "PLAT001" not in _codes(out)


@pytest.mark.parametrize("name", ["fn-premium", "fn-flex"])
def test_show_startup_on_a_function_app_says_the_functions_host_starts_it(az, functions, name):  # noqa
    result = az(f"pyappsvc show-startup -g {FUNCTIONS_GROUP} -n {name}")
    assert result.exit_code == 0, result.stderr
    assert result.output["origin"] == "functions" and result.output["command"] is None
    assert "Functions host" in result.output["explanation"]
    assert all(r.host == "management.azure.com" for r in az.log.sent)      # no file listing needed


EXAMPLE = os.path.join(os.path.dirname(__file__), "..", "..", "examples", "functions-preflight")


def test_the_functions_example_shows_the_preflight_findings_offline(az_offline):
    result = az_offline(["pyappsvc", "doctor", "--source", EXAMPLE])
    assert result.exit_code == 0, result.stderr
    assert {"FN007", "FN008", "FN009", "FN011", "FN013", "FN014", "FN016"} <= _codes(result.output)
    assert "feed-token-example" not in result.all_text          # the index credential is never printed


def test_show_startup_on_a_functions_project_offline(az_offline):
    result = az_offline(["pyappsvc", "show-startup", "--source", EXAMPLE])
    assert result.exit_code == 0, result.stderr
    assert (result.output["origin"], result.output["module"]) == ("functions", "function_app")


def _put_body(log):
    (put,) = [r for r in log.sent if r.method == "PUT"]
    return put.body["properties"]


def test_set_build_worker_settings_on_a_function_app_keeps_every_other_setting(az, functions):  # noqa
    index = "https://REDACTED:REDACTED@pkgs.contoso.com/simple"     # as the cassette keeps it (live: reliability/)
    result = az(["pyappsvc", "set-build", "-g", FUNCTIONS_GROUP, "-n", "fn-premium", "--isolate-worker-dependencies",
                 "yes", "--worker-extensions", "false", "--pip-extra-index-url", index])
    assert result.exit_code == 0, result.stderr
    proposed = result.output["proposed"]
    assert {key: proposed[key] for key in ("PYTHON_ISOLATE_WORKER_DEPENDENCIES", "PYTHON_ENABLE_WORKER_EXTENSIONS",
                                           "PIP_EXTRA_INDEX_URL")} == {"PYTHON_ISOLATE_WORKER_DEPENDENCIES": "true",
                                                                       "PYTHON_ENABLE_WORKER_EXTENSIONS": "false",
                                                                       "PIP_EXTRA_INDEX_URL": "<redacted>"}
    assert result.output["previous"]["PIP_EXTRA_INDEX_URL"] is None and result.output["written"] is True
    body = _put_body(az.log)
    assert body["PYTHON_ISOLATE_WORKER_DEPENDENCIES"] == "true" and body["PYTHON_ENABLE_WORKER_EXTENSIONS"] == "false"
    assert body["PIP_EXTRA_INDEX_URL"].endswith("@pkgs.contoso.com/simple")
    assert set(body) == {"AzureWebJobsStorage", "SCM_DO_BUILD_DURING_DEPLOYMENT", "ENABLE_ORYX_BUILD",
                         "PYTHON_ENABLE_WORKER_EXTENSIONS", "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION",
                         "PYTHON_ISOLATE_WORKER_DEPENDENCIES", "PIP_EXTRA_INDEX_URL"}
    site = f"/subscriptions/{SUBSCRIPTION}/resourceGroups/{FUNCTIONS_GROUP}/providers/Microsoft.Web/sites/"
    assert sorted((r.method, r.path.replace(site, "")) for r in az.log.sent) == [
        ("GET", "fn-premium"), ("GET", "fn-premium/config/web"), ("POST", "fn-premium/config/appsettings/list"),
        ("PUT", "fn-premium/config/appsettings")]                   # 2 round trips, one write
    assert "REDACTED:REDACTED" not in result.stdout + result.stderr


def test_set_build_accepts_a_key_vault_reference_for_the_index(az, functions):  # noqa
    reference = "@Microsoft.KeyVault(SecretUri=https://kv-fn.vault.azure.net/secrets/pip-index/)"
    result = az(["pyappsvc", "set-build", "-g", FUNCTIONS_GROUP, "-n", "fn-consumption", "--pip-extra-index-url",
                 reference, "--oryx-build", "true"])
    assert result.exit_code == 0, result.stderr
    body = _put_body(az.log)
    assert body["PIP_EXTRA_INDEX_URL"] == reference and body["ENABLE_ORYX_BUILD"] == "true"


@pytest.mark.parametrize("option, value", [("--build-on-deploy", "true"), ("--oryx-build", "false")])
def test_set_build_refuses_build_switches_on_flex_consumption(az, functions, option, value):  # noqa
    result = az(["pyappsvc", "set-build", "-g", FUNCTIONS_GROUP, "-n", "fn-flex", option, value])
    assert result.exit_code != 0
    assert option in result.error_lines[0] and "remote build is a deployment option" in result.error_lines[0]
    assert not az.log.writes()


def test_set_build_refuses_worker_settings_on_a_web_app(az):
    result = az("pyappsvc set-build -g rg-python -n py-web --worker-extensions true")
    assert result.exit_code != 0 and "only the Azure Functions Python worker reads it" in result.error_lines[0]
    assert not az.log.writes()


def test_a_bad_index_url_is_refused_before_any_request_and_never_echoed(az_offline):
    result = az_offline(["pyappsvc", "set-build", "-g", "rg", "-n", "app", "--pip-extra-index-url",
                         f"ftp://x:{CANARY}@host"])
    assert result.exit_code != 0 and "--pip-extra-index-url" in result.error_lines[0]
    assert CANARY not in result.all_text
