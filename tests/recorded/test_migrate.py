"""`az pyappsvc migrate` on the example projects (offline but for the stacks catalogue), from live Windows apps in
the emulator (resource group rg-legacy), with --apply onto a Linux app, and on bad input."""

import copy
import os
import pathlib
import shlex

import pytest

from azext_pyappsvc.platform.startup.command import parse_command
from tests.canary import CANARY
from tests.emulator.seeds import LEGACY_GROUP, SECOND_SUBSCRIPTION, SUBSCRIPTION, seed_legacy
from tests.support.gunicorn_import import gunicorn_import

EXAMPLES = pathlib.Path(__file__).resolve().parents[2] / "examples"
ARM = "management.azure.com"


@pytest.fixture
def legacy(emulator):
    seed_legacy(emulator.store, CANARY)
    return emulator


@pytest.mark.parametrize("example, command, folder, version", [
    ("windows-fastcgi-flask", "gunicorn --bind=0.0.0.0 --timeout 600 app:app", None, "3.6"),
    ("windows-httpplatform-django", "gunicorn --bind=0.0.0.0 --timeout 600 mysite.wsgi", None, "3.6"),
    ("cloud-service-python", "gunicorn --bind=0.0.0.0 --timeout 600 app:app", "WebRole1", "3.5"),
], ids=["fastcgi", "httpplatform", "cloud-service"])
def test_each_example_yields_a_plan_whose_startup_target_imports(az, example, command, folder, version):
    result = az(["pyappsvc", "migrate", "--source", str(EXAMPLES / example)])
    assert result.exit_code == 0, result.stderr
    plan = result.output
    assert (plan["startup"]["command"], plan["appFolder"], plan["python"]["from"]) == (command, folder, version)
    assert plan["startup"]["problems"] == []
    assert plan["python"]["to"] == "3.11"           # the oldest version not past its end of life on the pinned day
    # the startup target loads the app from the folder the Linux app serves, as gunicorn would import it
    parsed = parse_command(plan["startup"]["command"])
    loaded = gunicorn_import(EXAMPLES / example / (folder or ""), parsed.target, parsed.chdir or ".")
    assert loaded.ok, loaded.error
    # every step is a paste-safe rendering of its argv, and no Linux command holds a Windows path
    for step in plan["steps"]:
        if step["commandArgs"]:
            assert shlex.split(step["command"]) == step["commandArgs"]
            assert not any("\\" in word or word[1:3] == ":\\" for word in step["commandArgs"])
    assert not az.log.writes() and all(r.method == "GET" for r in az.log.sent)


def test_the_plan_names_removed_modules_settings_and_worker_roles(az):
    plan = az(["pyappsvc", "migrate", "--source", str(EXAMPLES / "cloud-service-python")]).output
    assert plan["platform"] == "cloud-service"
    assert plan["python"]["removedModules"] == {}            # worker.py imports asyncore, but the web role does not
    assert [(w["role"], w["command"]) for w in plan["workers"]] == [("WorkerRole1", "python worker.py")]
    carried = {s["name"]: s["value"] for s in plan["settings"]}
    assert carried == {"STORAGE_ACCOUNT_NAME": "pyclassicstore", "STORAGE_ACCOUNT_KEY": None, "QUEUE_NAME": "jobs"}
    assert "not-a-real-key" not in az(["pyappsvc", "migrate", "--source", str(EXAMPLES / "cloud-service-python"),
                                        "-o", "table"]).stdout
    fastcgi = az(["pyappsvc", "migrate", "--source", str(EXAMPLES / "windows-fastcgi-flask")]).output
    assert fastcgi["python"]["removedModules"] == {}     # imp goes in 3.12: the nearest supported 3.11 keeps it
    assert fastcgi["dependencies"][0] == "wfastcgi is Windows-only: remove it from the requirements."


def test_table_has_one_row_per_step(az):
    result = az(["pyappsvc", "migrate", "--source", str(EXAMPLES / "windows-httpplatform-django"), "-o", "table"])
    plan = az(["pyappsvc", "migrate", "--source", str(EXAMPLES / "windows-httpplatform-django")]).output
    rows = [line for line in result.stdout.splitlines()[2:] if line.strip()]
    assert result.exit_code == 0 and len(rows) == len(plan["steps"])
    assert "'<linux-app>'" in plan["steps"][1]["command"]          # a placeholder, quoted: pasting runs nothing


def test_from_the_live_windows_app_towards_a_linux_app(az, legacy):
    result = az(["pyappsvc", "migrate", "-g", LEGACY_GROUP, "-n", "win-fastcgi", "--source",
                 str(EXAMPLES / "windows-fastcgi-flask"), "--target-app", "py-linux-target"])
    assert result.exit_code == 0, result.stderr
    plan = result.output
    assert plan["windowsApp"] == {"name": "win-fastcgi", "resourceGroup": LEGACY_GROUP, "slot": None}
    assert plan["python"]["clues"][:2] == [{"version": "3.6", "origin": "site extension python361x64"},
                                           {"version": "3.6", "origin": "handler mapping for *"}]
    live = [s for s in plan["settings"] if s["origin"] == "app settings of the Windows app"]
    assert [(s["name"], s["value"]) for s in live] == [("FEATURE_SEARCH", None), ("SECRET_KEY", None)]
    assert plan["steps"][0]["commandArgs"][:3] == ["az", "pyappsvc", "set-runtime"]      # the target exists
    assert "py-linux-target" in plan["steps"][0]["commandArgs"]
    paths = sorted(r.path.rsplit("/win-fastcgi", 1)[-1] for r in az.log.sent if "/win-fastcgi" in r.path)
    assert paths == ["", "/config/appsettings/list", "/config/web", "/siteextensions"]
    assert not az.log.writes() and CANARY not in result.all_text


def test_apply_dry_run_reads_the_target_and_writes_nothing(az, legacy):
    result = az(["pyappsvc", "migrate", "--source", str(EXAMPLES / "windows-fastcgi-flask"), "--target-app",
                 "py-linux-target", "--target-resource-group", LEGACY_GROUP, "--apply", "--dry-run"])
    assert result.exit_code == 0, result.stderr
    applied = result.output["apply"]
    assert set(applied) == {"target", "previous", "proposed", "written"} and applied["written"] is False
    assert applied["previous"] == {"linuxFxVersion": "PYTHON|3.11", "appCommandLine": None,
                                   "SCM_DO_BUILD_DURING_DEPLOYMENT": None}
    assert applied["proposed"]["appCommandLine"] == "gunicorn --bind=0.0.0.0 --timeout 600 app:app"
    assert not az.log.writes()


def test_apply_configures_only_the_named_linux_app(az, legacy):
    result = az(["pyappsvc", "migrate", "--source", str(EXAMPLES / "windows-httpplatform-django"), "--target-app",
                 "py-linux-target", "--target-resource-group", LEGACY_GROUP, "--apply"])
    assert result.exit_code == 0, result.stderr
    assert result.output["apply"]["written"] is True
    writes = az.log.writes()
    assert writes and all("/sites/py-linux-target/" in r.path for r in writes)
    bodies = [r.body for r in writes if r.method == "PATCH"]
    assert {"properties": {"appCommandLine": "gunicorn --bind=0.0.0.0 --timeout 600 mysite.wsgi"}} in bodies
    put = [r.body for r in writes if r.method == "PUT"]
    assert put and put[-1]["properties"]["SCM_DO_BUILD_DURING_DEPLOYMENT"] == "true"
    assert "WEBSITE_HTTPLOGGING_RETENTION_DAYS" in put[-1]["properties"]      # every other setting kept
    assert CANARY not in result.all_text


def _folder(tmp_path, files):
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return str(tmp_path)


LAUGHS = ('<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "haha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
          '<configuration><appSettings><add key="WSGI_HANDLER" value="&b;"/></appSettings></configuration>')


@pytest.mark.parametrize("files, message", [
    ({"app.py": "print(1)\n"}, "holds no web.config, web.<version>.config, .csdef, .cscfg or LaunchWorker.ps1"),
    ({"web.config": "<configuration><appSettings>"}, "web.config is not well-formed XML (no element found"),
    ({"web.config": LAUGHS}, "web.config declares a DOCTYPE or an ENTITY (refused: entity expansion)"),
    ({"cloud/ServiceDefinition.csdef": '<ServiceDefinition name="x"/>'},
     "cloud/ServiceDefinition.csdef declares no WebRole or WorkerRole"),
])
def test_bad_projects_fail_in_one_line_and_write_nothing(az_live, live_emulator, tmp_path, files, message):
    seed_legacy(live_emulator.store, CANARY)
    result = az_live(["pyappsvc", "migrate", "--source", _folder(tmp_path, files), "--target-app", "py-linux-target",
                      "--target-resource-group", LEGACY_GROUP, "--apply"])
    assert result.exit_code != 0 and "Traceback" not in result.stderr
    error = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert len(error) == 1 and error[0].startswith("ERROR: --source ") and message in error[0], result.stderr
    assert live_emulator.requests() == []               # refused before any request


@pytest.mark.parametrize("args, message", [
    (["--source", "EXAMPLE", "--apply"], "Give --target-app."),
    (["-g", LEGACY_GROUP, "-n", "py-linux-target"], "is not a Windows app"),
    (["--source", "EXAMPLE", "--target-app", "win-builtin", "--target-resource-group", LEGACY_GROUP, "--apply"],
     "is a Windows app"),
    (["--source", "EXAMPLE", "--target-app", "bad/name", "--target-resource-group", LEGACY_GROUP],
     "--target-app 'bad/name' is not a valid name"),
])
def test_bad_targets_fail_in_one_line_and_write_nothing(az_live, live_emulator, args, message):
    seed_legacy(live_emulator.store, CANARY)
    args = [str(EXAMPLES / "windows-fastcgi-flask") if a == "EXAMPLE" else a for a in args]
    result = az_live(["pyappsvc", "migrate"] + args)
    assert result.exit_code != 0 and "Traceback" not in result.stderr
    error = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert len(error) == 1 and message in error[0], result.stderr
    assert [entry for entry in live_emulator.requests() if entry.is_write] == []


def test_the_target_app_is_in_the_subscription_of_the_windows_app_an_id_names(az_live, live_emulator):
    """Core az takes the subscription from --ids; the target app named beside it is in that subscription too."""
    seed_legacy(live_emulator.store, CANARY)
    for name in ("win-fastcgi", "py-linux-target"):
        site = copy.deepcopy(live_emulator.store.get(SUBSCRIPTION, LEGACY_GROUP, name))
        site.subscription = SECOND_SUBSCRIPTION
        live_emulator.store.add(site)
    windows = f"/subscriptions/{SECOND_SUBSCRIPTION}/resourceGroups/{LEGACY_GROUP}/providers/Microsoft.Web/sites/" \
        "win-fastcgi"
    result = az_live(["pyappsvc", "migrate", "--ids", windows, "--source", str(EXAMPLES / "windows-fastcgi-flask"),
                      "--target-app", "py-linux-target", "--apply", "--dry-run"])
    assert result.exit_code == 0, result.stderr
    target = [entry.path for entry in live_emulator.requests() if "/py-linux-target" in entry.path]
    assert target and all(f"/subscriptions/{SECOND_SUBSCRIPTION}/" in path for path in target), target


def test_apply_with_unreadable_app_settings_writes_nothing(az_live, live_emulator):
    seed_legacy(live_emulator.store, CANARY)
    live_emulator.store.get(SUBSCRIPTION, LEGACY_GROUP, "py-linux-target").appsettings_status = 403
    result = az_live(["pyappsvc", "migrate", "--source", str(EXAMPLES / "windows-httpplatform-django"),
                      "--target-app", "py-linux-target", "--target-resource-group", LEGACY_GROUP, "--apply"])
    assert result.exit_code != 0 and "App settings could not be read (403)" in result.stderr, result.stderr
    assert [entry for entry in live_emulator.requests() if entry.is_write] == []


def test_report_is_readable(az):
    result = az(["pyappsvc", "migrate", "--source", os.path.join(EXAMPLES, "cloud-service-python"), "--report"])
    assert result.exit_code == 0, result.stderr
    assert "Migration plan for" in result.stdout and "python worker.py" in result.stdout


def test_offline_without_a_cached_catalogue_the_bundled_one_answers_and_says_so(az_offline):
    result = az_offline(["pyappsvc", "migrate", "--source", str(EXAMPLES / "windows-fastcgi-flask")])
    assert result.exit_code == 0, result.stderr
    assert "the versions come from the copy bundled with pyappsvc, as of 2025-03-10" in result.stderr
    plan = result.output
    assert (plan["python"]["from"], plan["python"]["to"]) == ("3.6", "3.11")
    assert plan["python"]["catalogue"] == "bundled, as of 2025-03-10"
    assert plan["startup"]["command"] == "gunicorn --bind=0.0.0.0 --timeout 600 app:app"


def test_apply_never_writes_from_the_bundled_catalogue(az_offline):
    result = az_offline(["pyappsvc", "migrate", "--source", str(EXAMPLES / "windows-fastcgi-flask"), "--target-app",
                         "py-linux-target", "--target-resource-group", LEGACY_GROUP, "--apply"])
    assert result.exit_code != 0 and "the bundled copy (as of 2025-03-10) is no base for a write" in result.stderr
