"""`az pyappsvc doctor` against apps, groups, the subscription and local folders."""

import json
import os

from tests.canary import CANARY
from tests.emulator.seeds import SUBSCRIPTION, seed_fleet

EXAMPLES = os.path.join(os.path.dirname(__file__), "..", "..", "examples")
ARM = "management.azure.com"


def _codes(result):
    return [f["code"] for f in result["findings"]]


def _arm(log):
    return [r for r in log.sent if r.host == ARM]


def test_single_web_app(az):
    result = az("pyappsvc doctor -g rg-python -n py-web")
    assert result.exit_code == 0, result.stderr
    out = result.output
    assert out["target"] == {"name": "py-web", "resourceGroup": "rg-python", "slot": None, "kind": "app,linux",
                             "platform": "linux", "runtime": "PYTHON|3.12"}
    assert out["source"] is None
    assert out["build"]["runs"] is True and out["build"]["steps"][0] == "PRE_BUILD_COMMAND: echo pre-build"
    assert (out["startup"]["origin"], out["startup"]["module"]) == ("flask", "app:app")
    assert set(_codes(out)) == {"SEC006", "OPS001"}   # secrets named (never shown); logging off; healthy logs
    assert out["summary"] == {"error": 0, "warning": 0, "info": len(out["findings"])}
    # <= 4 ARM requests (site, config/web, settings, stacks when cold) plus the file listing and the evidence: the
    # latest deployment and the log listing, then the tail of the platform's log (filesystem logging is off, so
    # the app's container log is not kept; the deployment succeeded before the container started, so its own log
    # is not read)
    assert len(_arm(az.log)) <= 4
    assert sorted(r.path for r in az.log.sent if r.host != ARM) == [
        "/api/deployments/latest", "/api/logs/docker", "/api/vfs/LogFiles/2026_11_01_lw1sdlwk000AB2_docker.log",
        "/api/vfs/site/wwwroot/"]
    assert CANARY not in result.all_text and "REDACTED" not in result.stdout


def test_single_app_with_a_warm_stacks_cache_sends_three_arm_requests(az):
    az("pyappsvc list-runtimes")
    before = len(az.log.sent)
    az("pyappsvc doctor -g rg-python -n py-web")
    assert len([r for r in az.log.sent[before:] if r.host == ARM]) == 3


def test_function_app(az, emulator):
    func = emulator.store.get(SUBSCRIPTION, "rg-python", "py-func")
    func.app_settings["FUNCTIONS_EXTENSION_VERSION"] = "~3"
    func.files = {"host.json": b"{}", "function_app.py": b"import azure.functions as func\n",
                  "requirements.txt": b"azure-functions\n"}
    out = az("pyappsvc doctor -g rg-python -n py-func").output
    assert out["target"]["platform"] == "linux" and out["startup"] is None
    assert "RT008" in _codes(out)
    assert out["build"]["steps"][-1].startswith("pip install --target .python_packages")


def test_windows_app_with_a_python_site_extension(az):
    out = az("pyappsvc doctor -g rg-python -n win-app").output
    assert {"PLAT001", "PLAT003"} <= set(_codes(out))
    assert any(r.path.endswith("/siteextensions") for r in az.log.sent)


def test_custom_container(az):
    out = az("pyappsvc doctor -g rg-python -n py-container").output
    assert "PLAT002" in _codes(out) and out["build"] is None and out["startup"] is None


def test_slot(az, emulator):
    emulator.store.get(SUBSCRIPTION, "rg-python", "py-web", "staging").files = {"app.py": b"x", "requirements.txt": b""}
    out = az("pyappsvc doctor -g rg-python -n py-web --slot staging").output
    assert out["target"]["slot"] == "staging"
    assert "BLD001" in _codes(out)                     # the slot sets SCM_DO_BUILD_DURING_DEPLOYMENT=false
    assert all("/slots/staging" in r.path for r in _arm(az.log) if "/sites/" in r.path)


def test_resource_group_with_mixed_apps(az, emulator):
    emulator.store.get(SUBSCRIPTION, "rg-python", "py-func").appsettings_status = 403
    result = az("pyappsvc doctor -g rg-python")
    assert result.exit_code == 0, result.stderr
    names = sorted(r["target"]["name"] for r in result.output)
    assert names == ["py-flex", "py-func", "py-web", "win-app"]       # the container is skipped
    assert "skipped 1 that do not run Python" in result.stderr
    func = next(r for r in result.output if r["target"]["name"] == "py-func")
    assert "DATA001" in _codes(func) and "Website Contributor" in json.dumps(func["findings"])
    assert len([r for r in _arm(az.log) if r.path.endswith("/providers/Microsoft.Web/sites")]) == 1


def test_all_with_paging(az, emulator):
    seed_fleet(emulator.store, "rg-fleet", 25, CANARY)
    result = az("pyappsvc doctor --all -o table")
    assert result.exit_code == 0, result.stderr
    lists = [r for r in _arm(az.log) if r.path.endswith("/providers/Microsoft.Web/sites")]
    assert len(lists) == 2 and "skipToken" in lists[1].query           # 31 sites, pages of 20
    assert "Checking 25 app(s); skipped 5" in result.stderr      # 4 Node apps and the container
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["Target", "ResourceGroup", "Errors", "Warnings", "Worst"]   # one row per app
    assert len(lines) == 2 + 25 and sum(line.startswith("app-") for line in lines) == 21     # 25 less 4 Node apps


def test_source_offline_needs_no_network_and_no_login(az_offline):
    result = az_offline(["pyappsvc", "doctor", "--source", os.path.join(EXAMPLES, "flask-in-src")])
    assert result.exit_code == 0, result.stderr
    out = result.output
    assert out["target"] is None and out["source"].endswith("flask-in-src")
    assert _codes(out) == ["STA001"]
    assert out["findings"][0]["fix"] == "az pyappsvc set-startup -g '<resource-group>' -n '<app>' --module " \
                                        "app:app --chdir src"


def test_app_checked_against_a_local_project(az):
    out = az(["pyappsvc", "doctor", "-g", "rg-python", "-n", "py-web", "--source",
              os.path.join(EXAMPLES, "fastapi-sync-worker")]).output
    assert out["source"].endswith("fastapi-sync-worker") and "STA005" in _codes(out)
    assert not [r for r in az.log.sent if "/api/vfs/site/" in r.path]  # no file listing with --source
    assert any(r.path == "/api/logs/docker" for r in az.log.sent)      # the app's logs are still read


def test_fail_on_sets_the_exit_code_and_still_prints(az_offline):
    sample = os.path.join(EXAMPLES, "django-no-static-root")
    warn = az_offline(["pyappsvc", "doctor", "--source", sample, "--fail-on", "warning"])
    assert warn.exit_code == 1 and warn.output["summary"]["warning"] == 3
    assert "3 finding(s) at or above 'warning' (--fail-on warning)" in warn.stderr
    err = az_offline(["pyappsvc", "doctor", "--source", sample, "--fail-on", "error"])
    assert err.exit_code == 0 and err.output is not None


def test_report_renders_for_people(az_offline):
    result = az_offline(["pyappsvc", "doctor", "--source", os.path.join(EXAMPLES, "function-worker-pinned"),
                         "--report"])
    assert result.exit_code == 0
    text = result.stdout
    assert "═══ Project" in text and "FN002 azure-functions-worker in requirements" in text
    assert "▶ Remove azure-functions-worker from requirements.txt." in text
    assert "1 error(s), 1 warning(s), 0 info" in text


def test_bad_input(az_offline, tmp_path):
    cases = [
        (["--source", str(tmp_path / "missing")], "--source '{}' does not exist".format(tmp_path / "missing")),
        ([], "Give at least one of --name, --ids, --resource-group, --all, --source."),
        (["-n", "app"], "Give --resource-group. --name needs its resource group."),
        (["--all", "-g", "rg"], "--all checks every app in the subscription"),
        (["--ids", "not-an-id"], "--ids 'not-an-id' is not the id of a web app, function app or slot"),
        (["--source", str(tmp_path), "--max-parallel", "0"], "--max-parallel 0 is not a whole number from 1 to 64."),
        (["--source", str(tmp_path), "--fail-on", "fatal"], "fatal"),
    ]
    for args, words in cases:
        result = az_offline(["pyappsvc", "doctor"] + args)
        assert result.exit_code != 0, args
        assert words in result.stderr and "Traceback" not in result.stderr, (args, result.stderr)


def test_doctor_judges_support_states_by_the_one_clock(az_live, monkeypatch):
    import datetime
    from azext_pyappsvc.adapters import clock
    monkeypatch.setattr(clock, "today", lambda: datetime.date(2028, 6, 1))     # 3.12 ends 2028-10-31
    out = az_live("pyappsvc doctor -g rg-python -n py-web").output
    assert "RT005" in _codes(out) and "2028-10-31" in json.dumps(out["findings"])
