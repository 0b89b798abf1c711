"""Every fix doctor prints as an `az` command is proven to work: for each catalog code whose fix is a command, an app
in the emulator shows that finding (in its own resource group, rg-fixes, so the other recordings stay as they were),
doctor runs, the printed fix runs through the same `az`, doctor runs again, and the finding is gone while every other
finding is as it was.

What "nothing else changed" rests on, in every mode: from the request log, every write of the fix targets the case's
app, and every app settings PUT keeps every setting the app had except those the printed fix names. The comparison of
the emulator's whole store (every other app as it was) holds only when recording: in playback the emulator serves
nothing, so its store cannot change."""

import ast
import os

import pytest

from azext_pyappsvc.doctor.fixes import FIELD_OF_SETTING, set_build_option
from tests.emulator.model import Site
from tests.recording import SentRequest
from tests.emulator.seeds import FLASK_APP, web_config

GROUP = "rg-fixes"
# The fixes are core az commands, whose requests are the installed CLI's (api-version, a doubled slash on 2.87, an
# extra read of the plan on 2.91): they match whatever their api-version, and those a CLI does not send may stay
# unplayed. pyappsvc's own requests (doctor, its own fixes) match exactly and must all be sent.
MATCH_ON = ("method", "scheme", "host", "port", "path_as_arm_reads_it", "query_but_core_api_version")
CORE_AZ_MAY_DIFFER = True
CHECKS = os.path.join(os.path.dirname(__file__), "..", "..", "azext_pyappsvc", "doctor", "checks")
FIX_BUILDERS = {"pyappsvc", "az", "app_settings", "_set_runtime"}     # doctor/fixes.py: the argv-list builders

WEB_FILES = {"app.py": FLASK_APP, "requirements.txt": b"flask\ngunicorn\n"}
FUNCTION_FILES = {"host.json": b"{}", "requirements.txt": b"azure-functions\n",
                  "function_app.py": b"import azure.functions as func\n\napp = func.FunctionApp()\n"}
DJANGO_FILES = {"manage.py": b"import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n",
                "mysite/__init__.py": b"", "mysite/settings.py": b"DEBUG = False\nSTATIC_URL = '/static/'\n",
                "mysite/wsgi.py": b"from django.core.wsgi import get_wsgi_application\n"
                                  b"application = get_wsgi_application()\n",
                "requirements.txt": b"django\ngunicorn\n"}
FASTAPI_FILES = {"app.py": b"from fastapi import FastAPI\n\napp = FastAPI()\n",
                 "requirements.txt": b"fastapi\nuvicorn\ngunicorn\n"}


def web_app(name, config=None, settings=None, files=None, **site):
    """A Linux web app with nothing to report: logging on, build on, HTTPS only, a Flask app deployed."""
    return Site(name=name, kind="app,linux", resource_group=GROUP,
                config=web_config(**dict({"httpLoggingEnabled": True}, **(config or {}))),
                app_settings=dict({"SCM_DO_BUILD_DURING_DEPLOYMENT": "true"}, **(settings or {})),
                files=dict(WEB_FILES if files is None else files), **site)


def function_app(name, fx="Python|3.12", settings=None, files=None, https_only=True, **config):
    """A Linux function app on a Dedicated plan with nothing to report."""
    return Site(name=name, kind="functionapp,linux", resource_group=GROUP, plan="plan-linux", https_only=https_only,
                config=web_config(fx, **dict({"httpLoggingEnabled": True}, **config)),
                app_settings=dict({"FUNCTIONS_WORKER_RUNTIME": "python", "FUNCTIONS_EXTENSION_VERSION": "~4",
                                   "ENABLE_ORYX_BUILD": "true", "SCM_DO_BUILD_DURING_DEPLOYMENT": "true"},
                                  **(settings or {})),
                files=dict(FUNCTION_FILES if files is None else files))


def flex_app(name, settings):
    """A Flex Consumption function app (functionAppConfig carries the runtime and the deployment storage)."""
    return Site(name=name, kind="functionapp,linux", resource_group=GROUP, sku="FlexConsumption", plan="plan-flex",
                config=web_config("", alwaysOn=False, httpLoggingEnabled=True, functionAppScaleLimit=100),
                function_app_config={"deployment": {"storage": {"type": "blobContainer",
                                                                "value": "https://fixflex.blob.core.windows.net/app"}},
                                     "runtime": {"name": "python", "version": "3.12"},
                                     "scaleAndConcurrency": {"maximumInstanceCount": 100, "instanceMemoryMB": 2048}},
                app_settings=dict({"AzureWebJobsStorage__accountName": "fixflex"}, **settings))


FASTCGI = (b'<configuration><appSettings><add key="WSGI_HANDLER" value="app.app"/></appSettings>'
           b'<system.webServer><handlers><add name="PythonHandler" path="*" verb="*" modules="FastCgiModule" '
           b'scriptProcessor="D:\\home\\python364x64\\python.exe|D:\\home\\python364x64\\wfastcgi.py" '
           b'resourceType="Unspecified"/></handlers></system.webServer></configuration>')
HTTP_PLATFORM = (b'<configuration><system.webServer><handlers><add name="PythonHandler" path="*" verb="*" '
                 b'modules="httpPlatformHandler" resourceType="Unspecified"/></handlers><httpPlatform '
                 b'processPath="D:\\home\\python364x64\\python.exe" arguments="app.py --port %HTTP_PLATFORM_PORT%"/>'
                 b'</system.webServer></configuration>')


def with_source(site):
    """The case's files are read from --source (a deployed-file listing has names, not contents)."""
    site.local_files, site.files = site.files, {}
    return site


# code -> the app that shows it (and only that code's finding changes when its fix runs)
CASES = {
    "RT001": lambda: web_app("fix-rt001", {"linuxFxVersion": ""}),
    "RT002": lambda: web_app("fix-rt002", {"linuxFxVersion": "PYTHON:3.12"}),
    "RT003": lambda: web_app("fix-rt003", {"linuxFxVersion": "PYTHON|3.7"}),
    "RT004": lambda: web_app("fix-rt004", {"linuxFxVersion": "PYTHON|3.9"}),
    "RT006": lambda: with_source(web_app("fix-rt006", files=dict(WEB_FILES, **{".python-version": b"3.13\n"}))),
    "RT007": lambda: function_app("fix-rt007", settings={"FUNCTIONS_WORKER_RUNTIME": "node"}),
    "RT008": lambda: function_app("fix-rt008", settings={"FUNCTIONS_EXTENSION_VERSION": "~3"}),
    "BLD001": lambda: web_app("fix-bld001", settings={"SCM_DO_BUILD_DURING_DEPLOYMENT": "false"}),
    "BLD004": lambda: web_app("fix-bld004", settings={"DISABLE_COLLECTSTATIC": "1"}),
    "BLD005": lambda: web_app("fix-bld005", settings={"PRE_BUILD_SCRIPT_PATH": "scripts/pre.sh",
                                                      "PRE_BUILD_COMMAND": "echo pre"},
                              files=dict(WEB_FILES, **{"scripts/pre.sh": b"echo pre\n"})),
    "BLD007": lambda: with_source(web_app("fix-bld007", files=DJANGO_FILES)),
    "BLD011": lambda: function_app("fix-bld011", settings={"ENABLE_ORYX_BUILD": "false"}),
    "FN004": lambda: with_source(function_app("fix-fn004", "Python|3.11", files=dict(
        FUNCTION_FILES, **{"requirements.txt": b"azure-functions\nprotobuf\n"}))),
    "FN006": lambda: with_source(function_app("fix-fn006", files=dict(
        FUNCTION_FILES, **{"requirements.txt": b"azure-functions>=2.0\n"}))),
    "FN011": lambda: with_source(function_app("fix-fn011", files=dict(
        FUNCTION_FILES, **{"requirements.txt": b"azure-functions\nopencensus-extension-azure-functions\n"}))),
    "FN015": lambda: flex_app("fix-fn015", {"FUNCTIONS_WORKER_RUNTIME": "python", "FUNCTIONS_EXTENSION_VERSION": "~4"}),
    "PLAT003": lambda: Site(name="fix-plat003", kind="app", reserved=False, resource_group=GROUP, plan="plan-windows",
                            config=web_config("", windowsFxVersion=None, pythonVersion="3.4"),
                            site_extensions=["python364x64"]),
    "LEG001": lambda: with_source(web_app("fix-leg001", files=dict(WEB_FILES, **{"web.config": FASTCGI}))),
    "LEG002": lambda: with_source(web_app("fix-leg002", files=dict(WEB_FILES, **{"web.config": HTTP_PLATFORM}))),
    "SEC001": lambda: web_app("fix-sec001", https_only=False),
    "SEC001-functionapp": lambda: function_app("fix-sec001-func", https_only=False),
    "SEC002-functionapp": lambda: function_app("fix-sec002-func", minTlsVersion="1.1"),
    "SEC003-functionapp": lambda: function_app("fix-sec003-func", ftpsState="AllAllowed"),
    "SEC004-functionapp": lambda: function_app("fix-sec004-func", remoteDebuggingEnabled=True),
    "OPS001-functionapp": lambda: function_app("fix-ops001-func", httpLoggingEnabled=False),
    "OPS002-functionapp": lambda: function_app("fix-ops002-func", alwaysOn=False),
    "SEC002": lambda: web_app("fix-sec002", {"minTlsVersion": "1.0"}),
    "SEC003": lambda: web_app("fix-sec003", {"ftpsState": "AllAllowed"}),
    "SEC004": lambda: web_app("fix-sec004", {"remoteDebuggingEnabled": True}),
    "OPS001": lambda: web_app("fix-ops001", {"httpLoggingEnabled": False}),
    "OPS002": lambda: web_app("fix-ops002", {"alwaysOn": False}),
    "STA001": lambda: with_source(web_app("fix-sta001", files={"main.py": FLASK_APP,
                                                               "requirements.txt": WEB_FILES["requirements.txt"]})),
    "STA002": lambda: with_source(web_app("fix-sta002", files=dict(WEB_FILES, **{"application.py": FLASK_APP}))),
    "STA005": lambda: with_source(web_app("fix-sta005", files=FASTAPI_FILES)),
    "STA009": lambda: with_source(web_app("fix-sta009", files={
        "app.py": FLASK_APP.replace(b"app = Flask", b"application = Flask").replace(b"@app.", b"@application."),
        "requirements.txt": b"flask\ngunicorn\n"})),
}


def _codes_with_command_fixes():
    """The catalog codes whose check builds a command fix (a call to one of doctor/fixes.py's argv builders), read
    from the checks' source: a new check with a command fix fails this suite until it has a case here."""
    codes = set()
    for name in os.listdir(CHECKS):
        if not name.endswith(".py"):
            continue
        with open(os.path.join(CHECKS, name), encoding="utf-8") as handle:
            tree = ast.parse(handle.read())
        helpers = {node.name for node in tree.body if isinstance(node, ast.FunctionDef) and not node.decorator_list
                   and _calls(node, FIX_BUILDERS)}
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and _calls(node, FIX_BUILDERS | helpers):
                codes.update(d.args[0].value for d in node.decorator_list
                             if isinstance(d, ast.Call) and getattr(d.func, "id", None) == "check")
    return codes


def _calls(function, names):
    return any(isinstance(node, ast.Call) and getattr(node.func, "id", None) in names for node in ast.walk(function))


def test_every_code_with_a_command_fix_has_a_case():
    assert _codes_with_command_fixes() == {case.split("-")[0] for case in CASES}


# Codes whose command is the next step rather than a change: it must run (read-only) but cannot clear the finding.
NEXT_STEPS = {"PLAT003": "steps"}      # migrate prints the plan that moves a Windows app to Linux


def _others(result, code):
    return sorted((f["code"], f["detail"]) for f in result["findings"] if f["code"] != code)


def _settings_dropped(writes, before, argv):
    """Settings the app had that an app settings PUT of the fix leaves out without the fix naming them (a PUT
    replaces the whole collection: a dropped key is a setting deleted behind the user's back)."""
    named = {token.split("=", 1)[0] for token in argv}
    named |= {setting for setting in FIELD_OF_SETTING if set_build_option(setting) in argv}     # set-build options
    dropped = set()
    for request in writes:
        if request.method == "PUT" and request.path.lower().endswith("/config/appsettings"):
            kept = set((request.body or {}).get("properties") or {}) if isinstance(request.body, dict) else set()
            dropped |= before - kept - named
    return dropped


def test_a_put_that_drops_a_setting_is_caught():
    put = SentRequest("PUT", "management.azure.com", "/s/x/config/appsettings", "", {"properties": {"A": "1"}})
    assert _settings_dropped([put], {"A", "B", "C"}, ["az", "functionapp", "config", "appsettings", "delete",
                                                      "--setting-names", "C"]) == {"B"}


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_printed_fix_clears_its_finding(az, emulator, case, tmp_path):
    code = case.split("-")[0]
    site = emulator.store.add(CASES[case]())
    doctor = f"pyappsvc doctor -g {GROUP} -n {site.name}"
    local = getattr(site, "local_files", None)
    if local:
        for path, content in local.items():
            (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / path).write_bytes(content)
        doctor += f" --source {tmp_path}"
    before = az(doctor)
    assert before.exit_code == 0, before.stderr
    findings = [f for f in before.output["findings"] if f["code"] == code]
    assert len(findings) == 1, before.output["findings"]
    argv = findings[0]["fixArgs"]
    assert argv and argv[0] == "az" and findings[0]["fix"]
    written = len(az.log.writes())
    settings_before = set(site.app_settings)
    untouched = {key: state for key, state in emulator.store.snapshot().items() if key != site.key}
    fixed = az(argv[1:])
    assert fixed.exit_code == 0, fixed.stderr
    if code in NEXT_STEPS:
        assert NEXT_STEPS[code] in fixed.output and len(az.log.writes()) == written
        return
    site_path = f"/resourceGroups/{GROUP}/providers/Microsoft.Web/sites/{site.name}/"
    writes = az.log.writes()[written:]
    assert writes and all(site_path.lower() in (r.path + "/").lower() for r in writes), [r.path for r in writes]
    assert _settings_dropped(writes, settings_before, argv) == set()
    assert {key: state for key, state in emulator.store.snapshot().items() if key != site.key} == untouched
    after = az(doctor)
    assert after.exit_code == 0, after.stderr
    assert code not in [f["code"] for f in after.output["findings"]], after.output["findings"]
    assert _others(after.output, code) == _others(before.output, code)
