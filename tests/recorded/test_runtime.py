"""`az pyappsvc list-runtimes` and `az pyappsvc set-runtime`."""

import json
import os

import pytest

from tests.emulator.seeds import SUBSCRIPTION

SITE = "/subscriptions/{}/resourceGroups/rg-python/providers/Microsoft.Web/sites/".format(SUBSCRIPTION)


def _cache_file(name="webappstacks.json"):
    return os.path.join(os.environ["AZURE_CONFIG_DIR"], "pyappsvc", name)


def _kinds(log):
    return [(r.method, r.path.replace(SITE, "")) for r in log.sent]


def test_list_runtimes_for_web_apps(az):
    rows = az("pyappsvc list-runtimes").output
    by_version = {row["version"]: row for row in rows}
    assert list(by_version) == ["3.14", "3.13", "3.12", "3.11", "3.10", "3.9", "3.8"]
    assert by_version["3.12"] == {"version": "3.12", "linuxFxVersion": "PYTHON|3.12", "endOfLife": "2028-10-31",
                                  "support": "active", "preview": False, "earlyAccess": False, "hidden": False,
                                  "deprecated": False}
    assert by_version["3.10"]["support"] == "eol"        # 2026-10-31 < today
    assert _kinds(az.log) == [("GET", "/providers/Microsoft.Web/webAppStacks")]
    assert "stackOsType=Linux" in az.log.sent[0].query


def test_list_runtimes_for_functions_all(az):
    rows = az("pyappsvc list-runtimes --functions --all").output
    versions = [row["version"] for row in rows]
    assert versions[:4] == ["3.14", "3.13", "3.12", "3.11"] and "3.6" in versions
    assert rows[0]["linuxFxVersion"] == "Python|3.14" and rows[0]["preview"] is True
    assert {row["version"]: row for row in rows}["3.6"]["deprecated"] is True


def test_list_runtimes_table(az):
    lines = az("pyappsvc list-runtimes -o table").stdout.splitlines()
    assert lines[0].split() == ["Version", "LinuxFxVersion", "EndOfLife", "Support", "Preview"]
    assert lines[2].split() == ["3.14", "PYTHON|3.14", "2030-10-31", "active"]


def test_set_runtime_web_app_cold_cache_then_warm(az):
    first = az("pyappsvc set-runtime -g rg-python -n py-web --version python:3.13")
    assert first.exit_code == 0, first.stderr
    assert (first.output["previous"], first.output["proposed"], first.output["changed"]) == \
        ("PYTHON|3.12", "PYTHON|3.13", True)
    assert sorted(_kinds(az.log)) == sorted([("GET", "py-web"), ("GET", "py-web/config/web"),
                                             ("GET", "/providers/Microsoft.Web/webAppStacks"),
                                             ("PATCH", "py-web/config/web")])
    assert _kinds(az.log)[-1] == ("PATCH", "py-web/config/web")
    assert az.log.sent[-1].body == {"properties": {"linuxFxVersion": "PYTHON|3.13"}}
    assert os.path.exists(_cache_file())
    sent_before = len(az.log.sent)
    second = az("pyappsvc set-runtime -g rg-python -n py-web --version PYTHON|3.14")
    assert second.output["proposed"] == "PYTHON|3.14"
    assert sorted(_kinds(az.log)[sent_before:]) == [("GET", "py-web"), ("GET", "py-web/config/web"),
                                                    ("PATCH", "py-web/config/web")]   # cache hit


def test_set_runtime_function_app_uses_function_spelling(az):
    result = az("pyappsvc set-runtime -g rg-python -n py-func --version 3.12")
    assert result.exit_code == 0, result.stderr
    assert result.output["proposed"] == "Python|3.12"
    assert sorted(_kinds(az.log)) == sorted([
        ("GET", "py-func"), ("GET", "py-func/config/web"), ("POST", "py-func/config/appsettings/list"),
        ("GET", "/providers/Microsoft.Web/functionAppStacks"), ("PATCH", "py-func/config/web")])
    assert az.log.sent[-1].body == {"properties": {"linuxFxVersion": "Python|3.12"}}


def test_set_runtime_refuses_function_app_with_another_worker(az, emulator):
    emulator.store.get(SUBSCRIPTION, "rg-python", "py-func").app_settings["FUNCTIONS_WORKER_RUNTIME"] = "node"
    result = az("pyappsvc set-runtime -g rg-python -n py-func --version 3.12")
    assert result.exit_code != 0
    assert "FUNCTIONS_WORKER_RUNTIME=node" in result.error_lines[0]
    assert not az.log.writes()


def test_set_runtime_flex_patches_function_app_config(az):
    result = az("pyappsvc set-runtime -g rg-python -n py-flex --version 3.13")
    assert result.exit_code == 0, result.stderr
    assert (result.output["previous"], result.output["proposed"]) == ("python|3.12", "python|3.13")
    patch = az.log.writes()
    assert [(r.method, r.path.replace(SITE, "")) for r in patch] == [("PATCH", "py-flex")]
    # only the runtime: deployment storage and scale are not sent back (a null there would be written)
    assert patch[0].body == {"properties": {"functionAppConfig": {"runtime": {"name": "python", "version": "3.13"}}}}
    assert result.messages == []                                               # no spurious warning


def test_set_runtime_on_a_slot_writes_the_slot(az):
    result = az("pyappsvc set-runtime -g rg-python -n py-web --slot staging --version 3.12")
    assert (result.output["slot"], result.output["previous"], result.output["proposed"]) == \
        ("staging", "PYTHON|3.11", "PYTHON|3.12")
    assert [(r.method, r.path.replace(SITE, "")) for r in az.log.writes()] == \
        [("PATCH", "py-web/slots/staging/config/web")]


@pytest.mark.parametrize("app, words", [
    ("win-app", "is a Windows app and Python on Windows App Service is retired"),
    ("py-container", "runs a custom container, so the Python version belongs in the container image"),
])
def test_set_runtime_refuses_windows_and_containers(az, app, words):
    result = az("pyappsvc set-runtime -g rg-python -n {} --version 3.12".format(app))
    assert result.exit_code != 0 and words in result.error_lines[0]
    assert [r.method for r in az.log.sent] == ["GET", "GET"]          # the site and config/web, nothing else


def test_set_runtime_rejects_a_version_the_platform_does_not_offer(az):
    result = az("pyappsvc set-runtime -g rg-python -n py-web --version 3.5")
    assert result.exit_code != 0
    assert result.error_lines == ["ERROR: --version '3.5' is not offered for web apps on Linux; "
                                  "use one of 3.14, 3.13, 3.12, 3.11."]
    assert not az.log.writes()


def test_set_runtime_refuses_eol_without_allow_eol(az):
    result = az("pyappsvc set-runtime -g rg-python -n py-web --version 3.10")
    assert result.exit_code != 0
    assert result.error_lines == ["ERROR: --version '3.10' reached end of life on 2026-10-31; "
                                  "use one of 3.14, 3.13, 3.12, 3.11 (or pass --allow-eol)."]
    assert not az.log.writes()


def test_set_runtime_allows_eol_with_allow_eol(az):
    result = az("pyappsvc set-runtime -g rg-python -n py-web --version 3.10 --allow-eol")
    assert result.exit_code == 0 and result.output["support"] == "eol"
    assert az.log.writes()[0].body == {"properties": {"linuxFxVersion": "PYTHON|3.10"}}


def test_set_runtime_same_version_writes_nothing(az):
    result = az("pyappsvc set-runtime -g rg-python -n py-web --version 3.12")
    assert result.exit_code == 0 and result.output["changed"] is False
    assert "already runs PYTHON|3.12; nothing was written" in result.stderr
    assert not az.log.writes()


def test_set_runtime_ignores_and_rewrites_a_corrupt_cache(az):
    os.makedirs(os.path.dirname(_cache_file()), exist_ok=True)
    with open(_cache_file(), "w", encoding="utf-8") as handle:
        handle.write('{"fetchedAt": "yesterday", "body": [1, 2')
    result = az("pyappsvc set-runtime -g rg-python -n py-web --version 3.13")
    assert result.exit_code == 0, result.stderr
    assert ("GET", "/providers/Microsoft.Web/webAppStacks") in _kinds(az.log)
    with open(_cache_file(), encoding="utf-8") as handle:
        assert "value" in json.load(handle)["body"]


def test_set_runtime_refresh_bypasses_a_warm_cache(az):
    az("pyappsvc list-runtimes")
    az("pyappsvc set-runtime -g rg-python -n py-web --version 3.13 --refresh")
    assert _kinds(az.log).count(("GET", "/providers/Microsoft.Web/webAppStacks")) == 2


def test_set_runtime_by_ids(az):
    ids = " ".join(SITE + name for name in ("py-web", "py-func"))
    result = az("pyappsvc set-runtime --version 3.13 --ids " + ids)
    assert sorted((app["name"], app["proposed"]) for app in result.output) == [("py-func", "Python|3.13"),
                                                                              ("py-web", "PYTHON|3.13")]


@pytest.mark.parametrize("value", ["3", "3.x", "2.7", "PHP|8.2", "DOCKER|nginx", "", "latest", "3,12"])
def test_set_runtime_bad_input_sends_no_request(az_live, live_emulator, value):
    result = az_live(["pyappsvc", "set-runtime", "-g", "rg-python", "-n", "py-web", "--version", value])
    assert result.exit_code != 0
    assert len(result.error_lines) == 1 and result.error_lines[0].startswith("ERROR: --version")
    assert "Traceback" not in result.stderr
    assert live_emulator.requests() == []


def test_set_runtime_dry_run_writes_nothing(az):
    result = az("pyappsvc set-runtime -g rg-python -n py-web --version 3.13 --dry-run -o table")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0].split() == ["Name", "Previous", "Proposed", "Written", "Support", "EndOfLife"]
    assert "no (dry run)" in result.stdout and not az.log.writes()
    out = az("pyappsvc set-runtime -g rg-python -n py-web --version 3.13 --dry-run").output
    assert {k: out[k] for k in ("previous", "proposed", "changed", "written")} == \
        {"previous": "PYTHON|3.12", "proposed": "PYTHON|3.13", "changed": True, "written": False}
