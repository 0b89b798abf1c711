"""Every check of the catalog: one case that fires and one that stays silent, from a healthy baseline."""

import json
import os
from datetime import date

import pytest

from azext_pyappsvc.appkind import classify
from azext_pyappsvc.doctor_checks import CATALOG, Facts, run_checks
from azext_pyappsvc.doctor_ops import predict_facts
from azext_pyappsvc.projectfacts import build_facts
from azext_pyappsvc.runtimes import parse_stacks

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "emulator", "fixtures")
TODAY = date(2026, 11, 21)
HEALTHY_FILES = {"app.py": "from flask import Flask\napp = Flask(__name__)\n", "requirements.txt": "flask\ngunicorn\n"}
FUNCTION_FILES = {"host.json": "{}", "function_app.py": "import azure.functions as func\napp = func.FunctionApp()\n",
                  "requirements.txt": "azure-functions\n", ".funcignore": "local.settings.json\n"}


def _stacks(name):
    from tests.emulator import bodies
    return parse_stacks(bodies.web_app_stacks() if name == "web" else bodies.function_app_stacks())


def make(files=HEALTHY_FILES, settings=None, config=None, site=None, kind="app,linux", reserved=True, python="3.12",
         origin="source", contents=True, extensions=None, **extra):
    """Facts of a Linux web app (or what the overrides say) that is healthy unless told otherwise."""
    settings = {"SCM_DO_BUILD_DURING_DEPLOYMENT": "true"} if settings is None else settings
    config = dict({"linuxFxVersion": "PYTHON|{}".format(python), "appCommandLine": "", "minTlsVersion": "1.2",
                   "ftpsState": "FtpsOnly", "remoteDebuggingEnabled": False, "alwaysOn": True,
                   "httpLoggingEnabled": True, "scmType": "None"}, **(config or {}))
    site = dict({"kind": kind, "reserved": reserved, "httpsOnly": True, "sku": "Standard"}, **(site or {}))
    is_function = "functionapp" in kind
    project = None if files is None else build_facts(
        {p for p in files if not p.endswith("/")}, {p.rstrip("/") for p in files if p.endswith("/")} |
        {p.rsplit("/", 1)[0] for p in files if "/" in p.rstrip("/")},
        (lambda path: files.get(path)) if contents else None, extra.pop("venvs", ()))
    facts = Facts(fix_args="-g rg -n app", today=TODAY, site=site, config=config, settings=settings,
                  kind=classify(kind, reserved, config["linuxFxVersion"], site.get("functionAppConfig"), site["sku"]),
                  python=python, stacks=_stacks("functions" if is_function else "web"), project=project,
                  project_origin=origin if project else None, site_extensions=extensions, **extra)
    predict_facts(facts)
    return facts


def make_function(files=FUNCTION_FILES, settings=None, **kwargs):
    settings = {"FUNCTIONS_WORKER_RUNTIME": "python", "FUNCTIONS_EXTENSION_VERSION": "~4"} \
        if settings is None else settings
    kwargs.setdefault("config", {"linuxFxVersion": "Python|{}".format(kwargs.get("python", "3.12"))})
    return make(files, settings, kind="functionapp,linux", site={"sku": "Dynamic"}, **kwargs)


def codes(facts):
    return [f.code for f in run_checks(facts)]


def test_the_healthy_baselines_have_no_findings():
    assert codes(make()) == []
    assert codes(make_function()) == []


def test_every_catalog_code_has_a_case_here():
    covered = {case[0] for case in CASES}
    assert covered == {entry.code for entry in CATALOG}


DJANGO = {"requirements.txt": "Django\n", "manage.py": "", "mysite/wsgi.py": "application = None\n",
          "mysite/settings.py": "INSTALLED_APPS = []\nSTATIC_ROOT = 'static'\n"}
HTTP_PLATFORM = ('<configuration><system.webServer><httpPlatform arguments="runserver.py --port '
                 '%HTTP_PLATFORM_PORT%"/></system.webServer></configuration>')
REDIRECT = "INSTALLED_APPS = []\nSTATIC_ROOT = 's'\nSECURE_SSL_REDIRECT = True\n"
FASTAPI = {"requirements.txt": "fastapi\nuvicorn\n", "app.py": "from fastapi import FastAPI\napp = FastAPI()\n"}

# (code, facts that fire it, facts that stay silent)
CASES = [
    ("DATA001", lambda: make(settings=None, settings_error="App settings could not be read (403)."), make),
    ("DATA002", lambda: make(files=None, files_error="The SCM site refused (403)."), lambda: make(files=None)),
    ("PLAT001", lambda: make(kind="app", reserved=False, config={"linuxFxVersion": ""}), make),
    ("PLAT002", lambda: make(kind="app,linux,container", config={"linuxFxVersion": "DOCKER|img"}), make),
    ("PLAT003", lambda: make(kind="app", reserved=False, config={"linuxFxVersion": ""}, extensions=["python364x64"]),
     lambda: make(kind="app", reserved=False, config={"linuxFxVersion": ""}, extensions=["nodejs"])),
    ("PLAT004", lambda: _flex(), make_function),
    ("RT001", lambda: make(config={"linuxFxVersion": "NODE|20-lts"}), make),
    ("RT002", lambda: make(config={"linuxFxVersion": "PYTHON:3.12"}), make),
    ("RT003", lambda: make(python="3.5", config={"linuxFxVersion": "PYTHON|3.5"}), make),
    ("RT004", lambda: make(python="3.10", config={"linuxFxVersion": "PYTHON|3.10"}), make),
    ("RT005", lambda: _near_eol(), make),
    ("RT006", lambda: make(dict(HEALTHY_FILES, **{"runtime.txt": "python-3.11"})),
     lambda: make(dict(HEALTHY_FILES, **{"runtime.txt": "python-3.12"}))),
    ("RT007", lambda: make_function(settings={"FUNCTIONS_WORKER_RUNTIME": "node",
                                              "FUNCTIONS_EXTENSION_VERSION": "~4"}), make_function),
    ("RT008", lambda: make_function(settings={"FUNCTIONS_WORKER_RUNTIME": "python",
                                              "FUNCTIONS_EXTENSION_VERSION": "~3"}), make_function),
    ("BLD001", lambda: make(settings={}), lambda: make(settings={}, config={"scmType": "LocalGit"})),
    ("BLD002", lambda: make(settings={"SCM_DO_BUILD_DURING_DEPLOYMENT": "true", "WEBSITE_RUN_FROM_PACKAGE": "1"}),
     lambda: make(settings={"SCM_DO_BUILD_DURING_DEPLOYMENT": "true", "WEBSITE_RUN_FROM_PACKAGE": "0"})),
    ("BLD003", lambda: make({"app.py": HEALTHY_FILES["app.py"], "src/requirements.txt": "flask\n"}),
     lambda: make({"app.py": HEALTHY_FILES["app.py"], "pyproject.toml": ""})),
    ("BLD004", lambda: make(settings={"SCM_DO_BUILD_DURING_DEPLOYMENT": "true", "DISABLE_COLLECTSTATIC": "1"}),
     lambda: make(settings={"SCM_DO_BUILD_DURING_DEPLOYMENT": "true", "DISABLE_COLLECTSTATIC": "True"})),
    ("BLD005", lambda: make(settings={"SCM_DO_BUILD_DURING_DEPLOYMENT": "true", "PRE_BUILD_COMMAND": "echo",
                                      "PRE_BUILD_SCRIPT_PATH": "pre.sh"}, files=dict(HEALTHY_FILES, **{"pre.sh": ""})),
     lambda: make(settings={"SCM_DO_BUILD_DURING_DEPLOYMENT": "true", "PRE_BUILD_SCRIPT_PATH": "pre.sh"},
                  files=dict(HEALTHY_FILES, **{"pre.sh": ""}))),
    ("BLD006", lambda: make(settings={"SCM_DO_BUILD_DURING_DEPLOYMENT": "true",
                                      "POST_BUILD_COMMAND": "sh migrate.sh"}),
     lambda: make(settings={"SCM_DO_BUILD_DURING_DEPLOYMENT": "true", "POST_BUILD_COMMAND": "sh migrate.sh"},
                  files=dict(HEALTHY_FILES, **{"migrate.sh": ""}))),
    ("BLD007", lambda: make(dict(DJANGO, **{"mysite/settings.py": "INSTALLED_APPS = []\n"})), lambda: make(DJANGO)),
    ("BLD008", lambda: make(dict(HEALTHY_FILES, **{"manage.py": ""})), lambda: make(DJANGO)),
    ("BLD009", lambda: make(HEALTHY_FILES, venvs={".venv"}), lambda: make(HEALTHY_FILES, venvs={"antenv"},
                                                                          origin="deployed")),
    ("BLD010", lambda: make(settings={"SCM_DO_BUILD_DURING_DEPLOYMENT": "true",
                                      "CUSTOM_REQUIREMENTSTXT_PATH": "src/requirements.txt"}),
     lambda: make(dict(HEALTHY_FILES, **{"src/requirements.txt": "x"}), settings={
         "SCM_DO_BUILD_DURING_DEPLOYMENT": "true", "CUSTOM_REQUIREMENTSTXT_PATH": "src/requirements.txt"})),
    ("BLD011", lambda: make(settings={"SCM_DO_BUILD_DURING_DEPLOYMENT": "true", "ENABLE_ORYX_BUILD": "false"}), make),
    ("STA001", lambda: make({"src/app.py": HEALTHY_FILES["app.py"], "requirements.txt": "flask\n"}), make),
    ("STA002", lambda: make({"wsgi.py": "application = None\n", "requirements.txt": "django\n"}),
     lambda: make(DJANGO)),
    ("STA003", lambda: make(config={"appCommandLine": "gunicorn -b 127.0.0.1:8000 app:app"}),
     lambda: make(config={"appCommandLine": "gunicorn -b 0.0.0.0:8000 app:app"})),
    ("STA004", lambda: make(config={"appCommandLine": "gunicorn --bind=0.0.0.0 hello:app"}),
     lambda: make(config={"appCommandLine": "gunicorn --bind=0.0.0.0 app:app"})),
    ("STA005", lambda: make(FASTAPI), lambda: make(FASTAPI, python="3.14", config={"linuxFxVersion": "PYTHON|3.14"})),
    ("STA006", lambda: make(config={"appCommandLine": "startup.sh"}),
     lambda: make(dict(HEALTHY_FILES, **{"startup.sh": "gunicorn app:app\n"}),
                  config={"appCommandLine": "startup.sh"})),
    ("STA007", lambda: make(config={"appCommandLine": "python3.7 -m gunicorn app:app"}),
     lambda: make(config={"appCommandLine": "python3.12 -m gunicorn app:app"})),
    ("STA008", lambda: make(FASTAPI, config={"appCommandLine": "hypercorn app:app --bind 0.0.0.0:8000"}),
     lambda: make(FASTAPI, config={"appCommandLine": "uvicorn app:app --host 0.0.0.0"})),
    ("STA009", lambda: make({"app.py": "from flask import Flask\napplication = Flask(__name__)\n",
                             "requirements.txt": "flask\n"}), make),
    ("STA010", lambda: make(settings={"SCM_DO_BUILD_DURING_DEPLOYMENT": "true",
                                      "PYTHON_ENABLE_GUNICORN_MULTIWORKERS": "yes"}),
     lambda: make(settings={"SCM_DO_BUILD_DURING_DEPLOYMENT": "true", "PYTHON_ENABLE_GUNICORN_MULTIWORKERS": "1"})),
    ("FN001", lambda: make_function({"app/host.json": "{}", "app/function_app.py": "", "requirements.txt": "x\n"}),
     make_function),
    ("FN002", lambda: make_function(dict(FUNCTION_FILES, **{
        "requirements.txt": "azure-functions\nazure-functions-worker\n"})), make_function),
    ("FN003", lambda: make_function({"host.json": "{}", "requirements.txt": "azure-functions\n"}),
     lambda: make_function({"host.json": "{}", "requirements.txt": "x\n", "Http/function.json": "{}",
                            "Http/__init__.py": ""})),
    ("FN004", lambda: make_function(dict(FUNCTION_FILES, **{"requirements.txt": "azure-functions\nprotobuf\n"})),
     lambda: make_function(dict(FUNCTION_FILES, **{"requirements.txt": "azure-functions\nprotobuf\n"}),
                           python="3.13", config={"linuxFxVersion": "Python|3.13"})),
    ("FN005", lambda: make_function(dict(FUNCTION_FILES, **{"local.settings.json": "{}", ".funcignore": ".venv\n"})),
     lambda: make_function(dict(FUNCTION_FILES, **{"local.settings.json": "{}"}))),
    ("FN006", lambda: make_function(dict(FUNCTION_FILES, **{"requirements.txt": "azure-functions>=2.0\n"})),
     lambda: make_function(dict(FUNCTION_FILES, **{"requirements.txt": "azure-functions>=2.0\n"}), python="3.13",
                           config={"linuxFxVersion": "Python|3.13"})),
    ("SEC001", lambda: make(site={"httpsOnly": False}), make),
    ("SEC002", lambda: make(config={"minTlsVersion": "1.0"}), lambda: make(config={"minTlsVersion": "1.3"})),
    ("SEC003", lambda: make(config={"ftpsState": "AllAllowed"}), lambda: make(config={"ftpsState": "Disabled"})),
    ("SEC004", lambda: make(config={"remoteDebuggingEnabled": True}), make),
    ("SEC005", lambda: make(settings={"SCM_DO_BUILD_DURING_DEPLOYMENT": "true", "DJANGO_DEBUG": "True"}),
     lambda: make(settings={"SCM_DO_BUILD_DURING_DEPLOYMENT": "true", "DEBUG": "false"})),
    ("SEC006", lambda: make(settings={"SCM_DO_BUILD_DURING_DEPLOYMENT": "true", "DB_PASSWORD": "hunter2"}),
     lambda: make(settings={"SCM_DO_BUILD_DURING_DEPLOYMENT": "true",
                            "DB_PASSWORD": "@Microsoft.KeyVault(SecretUri=https://kv/secrets/db/)"})),
    ("SEC007", lambda: make(dict(DJANGO, **{"mysite/settings.py": REDIRECT})),
     lambda: make(dict(DJANGO, **{"mysite/settings.py": REDIRECT + "SECURE_PROXY_SSL_HEADER = "
                                                                   "('HTTP_X_FORWARDED_PROTO', 'https')\n"}))),
    ("OPS001", lambda: make(config={"httpLoggingEnabled": False}), make),
    ("OPS002", lambda: make(config={"alwaysOn": False}),
     lambda: make(config={"alwaysOn": False}, site={"sku": "Free"})),
    ("OPS003", lambda: make({"hostingstart.html": ""}, origin="deployed"), lambda: make({"hostingstart.html": ""})),
    ("LEG001", lambda: make(dict(HEALTHY_FILES, **{"web.config": '<configuration><appSettings><add key="WSGI_HANDLER" '
                                                                  'value="app.wsgi_app"/></appSettings></configuration>'})),
     lambda: make(dict(HEALTHY_FILES, **{"web.config": "<configuration/>"}))),
    ("LEG002", lambda: make(dict(HEALTHY_FILES, **{"web.config": HTTP_PLATFORM})), make),
    ("LEG003", lambda: make(dict(HEALTHY_FILES, **{"ServiceDefinition.csdef": "<x/>"})), make),
]


def _flex():
    return make(FUNCTION_FILES, {}, kind="functionapp,linux", config={"linuxFxVersion": ""},
                site={"sku": "FlexConsumption",
                      "functionAppConfig": {"runtime": {"name": "python", "version": "3.12"}}})


def _near_eol():
    facts = make(python="3.11", config={"linuxFxVersion": "PYTHON|3.11"})
    facts.today = date(2027, 6, 1)          # 3.11 ends 2027-10-31
    return facts


@pytest.mark.parametrize("code, firing, silent", CASES, ids=[case[0] for case in CASES])
def test_check_fires_and_stays_silent(code, firing, silent):
    fired = run_checks(firing())
    assert code in [f.code for f in fired]
    finding = next(f for f in fired if f.code == code)
    assert finding.detail and finding.severity in ("error", "warning", "info")
    assert code not in codes(silent())


def test_fixes_are_runnable_pyappsvc_commands_where_one_exists():
    facts = make(settings={}, config={"linuxFxVersion": "PYTHON|3.10"}, python="3.10")
    fixes = {f.code: f.fix for f in run_checks(facts)}
    assert fixes["BLD001"] == "az pyappsvc set-build -g rg -n app --build-on-deploy true"
    assert fixes["RT004"] == "az pyappsvc set-runtime -g rg -n app --version 3.14"


def test_bld001_is_only_a_warning_when_the_deployment_method_is_unknown():
    assert {f.code: f.severity for f in run_checks(make(settings={}, config={"scmType": None}))}["BLD001"] == "warning"
    assert {f.code: f.severity for f in run_checks(make(settings={}))}["BLD001"] == "error"


def test_sta001_suggests_the_entry_module():
    fix = {f.code: f.fix for f in run_checks(make({"src/main.py": FASTAPI["app.py"], "requirements.txt": "x"}))}
    assert fix["STA001"] == "az pyappsvc set-startup -g rg -n app --module main:app --chdir src --server uvicorn"


def test_secret_values_never_reach_a_finding():
    facts = make(settings={"SCM_DO_BUILD_DURING_DEPLOYMENT": "true", "API_TOKEN": "s3cr3t-value",
                           "DJANGO_DEBUG": "true"})
    assert "s3cr3t-value" not in json.dumps([f.as_dict() for f in run_checks(facts)])


def test_content_checks_stay_silent_on_a_bare_listing():
    facts = make(FASTAPI, contents=False, origin="deployed")
    assert "STA005" not in codes(facts) and "BLD007" not in codes(facts)
