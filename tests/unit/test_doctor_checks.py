"""Every check of the catalog at its boundary: a case where it just fires and one where it just stays silent,
with the catalog's severity (read from shared/spec/DOCTOR-CHECKS.md) and a fix that is a command or null."""

import json
import os
import re
import shlex
import sys
from datetime import date, timedelta

import pytest

from azext_pyappsvc.doctor.catalog import all_checks, run_checks
from azext_pyappsvc.doctor.subject import DEPLOYED, SOURCE, Subject
from azext_pyappsvc.platform.logs import LogEvidence, split_lines
from azext_pyappsvc.platform.project import ProjectTree, build_facts
from azext_pyappsvc.platform.runtimes import parse_stacks
from azext_pyappsvc.platform.snapshot import AppRef, AppSnapshot

SPEC = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "spec", "DOCTOR-CHECKS.md")
TODAY = date(2026, 11, 21)
FLASK = "from flask import Flask\napp = Flask(__name__)\n"
HEALTHY_FILES = {"app.py": FLASK, "requirements.txt": "flask\ngunicorn\n"}
FUNCTION_FILES = {"host.json": "{}", "function_app.py": "import azure.functions as func\napp = func.FunctionApp()\n",
                  "requirements.txt": "azure-functions\n", ".funcignore": "local.settings.json\n"}
WEB_SETTINGS = {"SCM_DO_BUILD_DURING_DEPLOYMENT": "true"}
FUNC_SETTINGS = {"FUNCTIONS_WORKER_RUNTIME": "python", "FUNCTIONS_EXTENSION_VERSION": "~4"}


def _stacks(functions):
    from tests.emulator import bodies
    return parse_stacks(bodies.function_app_stacks() if functions else bodies.web_app_stacks())


def project(files, contents=True, venvs=(), unreadable=(), listed=None):
    paths = {p for p in files if not p.endswith("/")}
    dirs = {p.rstrip("/") for p in files if p.endswith("/")} | {p.rsplit("/", 1)[0] for p in paths if "/" in p}
    texts = {p: t for p, t in files.items() if p in paths and p not in unreadable} if contents else None
    return build_facts(ProjectTree(frozenset(paths), frozenset(dirs), frozenset(venvs), texts, frozenset(unreadable),
                                   listed_dirs=listed))


def make(files=HEALTHY_FILES, settings=WEB_SETTINGS, config=None, site=None, kind="app,linux", reserved=True,
         python="3.12", origin=SOURCE, contents=True, venvs=(), today=TODAY, app=True, **extra):
    """A Subject for a Linux web app (or what the overrides say) that is healthy unless told otherwise."""
    snapshot = None
    if app:
        config = dict({"linuxFxVersion": "PYTHON|{}".format(python), "appCommandLine": "", "minTlsVersion": "1.2",
                       "ftpsState": "FtpsOnly", "remoteDebuggingEnabled": False, "alwaysOn": True,
                       "httpLoggingEnabled": True, "scmType": "None"}, **(config or {}))
        site = dict({"kind": kind, "reserved": reserved, "httpsOnly": True, "sku": "Standard"}, **(site or {}))
        snapshot = AppSnapshot(AppRef("rg", "app"), site, config, settings, extra.pop("settings_status", None))
    facts = project(files, contents, venvs, extra.pop("unreadable", ()), extra.pop("listed", None)) \
        if files is not None else None
    extra.setdefault("stdlib", frozenset(sys.stdlib_module_names))
    subject = Subject(today, snapshot, facts, origin if facts else None, stacks=_stacks("functionapp" in kind), **extra)
    return subject.predict()


def make_function(files=FUNCTION_FILES, settings=FUNC_SETTINGS, **kwargs):
    kwargs.setdefault("config", {"linuxFxVersion": "Python|{}".format(kwargs.get("python", "3.12"))})
    kwargs.setdefault("site", {"sku": "Dynamic"})
    return make(files, settings, kind="functionapp,linux", **kwargs)


def flex(settings=None, config=None, **kwargs):
    return make(FUNCTION_FILES, settings or {}, kind="functionapp,linux", config=dict({"linuxFxVersion": ""},
                                                                                    **(config or {})),
                site={"sku": "FlexConsumption", "functionAppConfig": {"runtime": {"name": "python",
                                                                                  "version": "3.12"}}}, **kwargs)


def windows(**kwargs):
    return make(kind="app", reserved=False, config={"linuxFxVersion": ""}, **kwargs)


def function_files(**added):
    return dict(FUNCTION_FILES, **added)


def v1_files(entry="main", parameters="req", script=None, **added):
    """A v1-model project: Http/function.json (an HTTP trigger `req`, `$return`) and its script."""
    config = {"bindings": [{"name": "req", "type": "httpTrigger", "direction": "in"},
                           {"name": "$return", "type": "http", "direction": "out"}], "entryPoint": entry}
    if script:
        config["scriptFile"] = script
    return dict({"host.json": "{}", "requirements.txt": "azure-functions\n", ".funcignore": "local.settings.json\n",
                 "Http/function.json": json.dumps(config), "Http/__init__.py": f"def main({parameters}):\n    pass\n"},
                **added)


def windows_function(worker):
    return make(None, dict(FUNC_SETTINGS, FUNCTIONS_WORKER_RUNTIME=worker), kind="functionapp", reserved=False,
                config={"linuxFxVersion": ""}, site={"sku": "Dynamic"})


def codes(subject):
    return [f.code for f in run_checks(subject)]


DJANGO = {"requirements.txt": "Django\n", "manage.py": "", "mysite/wsgi.py": "application = None\n",
          "mysite/settings.py": "INSTALLED_APPS = []\nSTATIC_ROOT = 'static'\n"}
HTTP_PLATFORM = ('<configuration><system.webServer><httpPlatform arguments="runserver.py --port '
                 '%HTTP_PLATFORM_PORT%"/></system.webServer></configuration>')
FASTCGI = ('<configuration><appSettings><add key="WSGI_HANDLER" value="app.wsgi_app"/></appSettings>'
           '</configuration>')
REDIRECT = "INSTALLED_APPS = []\nSTATIC_ROOT = 's'\nSECURE_SSL_REDIRECT = True\n"
FASTAPI = {"requirements.txt": "fastapi\nuvicorn\n", "main.py": "from fastapi import FastAPI\napp = FastAPI()\n"}
INDEX_WITH_TOKEN = "https://build:s3cr3t-feed-token@pkgs.example.com/simple"
INDEX_IN_KEY_VAULT = "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/pip-index/)"
EOL_310, EOL_311 = date(2026, 10, 31), date(2027, 10, 31)


def settings(**values):
    return dict(WEB_SETTINGS, **values)


def files(added):
    return dict(HEALTHY_FILES, **added)


# (code, severity expected when it fires, the case where it just fires, the case where it just stays silent)
CASES = [
    ("DATA001", "warning", lambda: make(settings=None, settings_status=403), lambda: make(settings={})),
    ("DATA002", "info", lambda: make(files=None, files_error="The SCM site x answered 500."), lambda: make(files=None)),
    ("DATA002", "info", lambda: make(files({"web.config": "<x/>"}), unreadable={"web.config"}),
     lambda: make(files({"web.config": "<x/>"}))),
    ("DATA003", "error", lambda: make(app=False, files=None, unread=AppRef("rg", "gone"),
                                      read_error="The app 'gone' was not found in resource group 'rg'."),
     lambda: make(app=False, files=None, unread=AppRef("rg", "gone"))),
    ("PLAT001", "error", lambda: make(kind="app", reserved=False), lambda: make(kind="app", reserved=True)),
    ("PLAT002", "info", lambda: make(config={"linuxFxVersion": ""}, site={"siteProperties": {"properties": [
        {"name": "LinuxFxVersion", "value": "DOCKER|nginx"}]}}), lambda: make(config={"linuxFxVersion": ""})),
    ("PLAT003", "warning", lambda: windows(site_extensions=["python364x64"]),
     lambda: windows(site_extensions=["nodejs"])),
    ("PLAT003", "warning", lambda: windows(site_extensions=["azureappservice-python364x64"]),
     lambda: windows(site_extensions=["python-tools"])),
    ("PLAT004", "info", flex, lambda: make_function(site={"sku": "Dynamic"})),
    ("PLAT005", "error", lambda: windows_function("python"), lambda: windows_function("node")),
    ("RT001", "error", lambda: make(config={"linuxFxVersion": "NODE|20-lts"}),
     lambda: make(config={"linuxFxVersion": "python|3.12"})),
    ("RT002", "error", lambda: make(config={"linuxFxVersion": "PYTHON|3"}),
     lambda: make(config={"linuxFxVersion": "Python|3.12"})),
    ("RT003", "error", lambda: make(python="3.5"), lambda: make(python="3.11")),
    ("RT004", "warning", lambda: make(python="3.10", today=EOL_310), lambda: make(python="3.10",
                                                                                 today=EOL_310 - timedelta(1))),
    ("RT005", "info", lambda: make(python="3.11", today=EOL_311 - timedelta(180)),
     lambda: make(python="3.11", today=EOL_311 - timedelta(181))),
    ("RT006", "warning", lambda: make(files({"runtime.txt": "python-3.11"})),
     lambda: make(files({"runtime.txt": "python-3.12.4"}))),
    ("RT007", "error", lambda: make_function(settings=dict(FUNC_SETTINGS, FUNCTIONS_WORKER_RUNTIME="node")),
     lambda: make_function(settings=dict(FUNC_SETTINGS, FUNCTIONS_WORKER_RUNTIME="PYTHON"))),
    ("RT008", "warning", lambda: make_function(settings=dict(FUNC_SETTINGS, FUNCTIONS_EXTENSION_VERSION="4")),
     lambda: make_function(settings=dict(FUNC_SETTINGS, FUNCTIONS_EXTENSION_VERSION="~4"),
                           site={"sku": "ElasticPremium"})),
    ("BLD001", "error", lambda: make(settings={"SCM_DO_BUILD_DURING_DEPLOYMENT": "yes"}),
     lambda: make(settings={"SCM_DO_BUILD_DURING_DEPLOYMENT": "1"})),
    ("BLD001", "warning", lambda: make(settings={}, config={"scmType": None}),
     lambda: make(settings={}, config={"scmType": "LocalGit"})),
    ("BLD002", "warning", lambda: make(settings=settings(WEBSITE_RUN_FROM_PACKAGE="1")),
     lambda: make(settings=settings(WEBSITE_RUN_FROM_PACKAGE="0"))),
    ("BLD003", "error", lambda: make({"app.py": FLASK, "src/requirements.txt": "flask\n"}),
     lambda: make({"app.py": FLASK, "pyproject.toml": ""})),
    ("BLD004", "error", lambda: make(settings=settings(DISABLE_COLLECTSTATIC="1")),
     lambda: make(settings=settings(DISABLE_COLLECTSTATIC=" True "))),
    ("BLD005", "warning", lambda: make(files({"pre.sh": ""}), settings(PRE_BUILD_COMMAND="echo",
                                                                       PRE_BUILD_SCRIPT_PATH="pre.sh")),
     lambda: make(files({"pre.sh": ""}), settings(PRE_BUILD_COMMAND="", PRE_BUILD_SCRIPT_PATH="pre.sh"))),
    ("BLD006", "error", lambda: make(settings=settings(POST_BUILD_COMMAND="sh migrate.sh")),
     lambda: make(files({"migrate.sh": ""}), settings(POST_BUILD_COMMAND="sh migrate.sh"))),
    ("BLD007", "warning", lambda: make(dict(DJANGO, **{"mysite/settings.py": "INSTALLED_APPS = []\n"})),
     lambda: make(dict(DJANGO, **{"mysite/settings.py": "INSTALLED_APPS = []\n"}),
                  settings(DISABLE_COLLECTSTATIC="true"))),
    ("BLD008", "info", lambda: make(files({"manage.py": ""})), lambda: make(dict(DJANGO, **{"requirements.txt":
                                                                                         "django-environ\n"}))),
    ("BLD009", "warning", lambda: make(venvs={".venv"}), lambda: make(venvs={"antenv"}, origin=DEPLOYED)),
    ("BLD010", "error", lambda: make(settings=settings(CUSTOM_REQUIREMENTSTXT_PATH="src/requirements.txt")),
     lambda: make(files({"src/requirements.txt": "x"}),
                  settings(CUSTOM_REQUIREMENTSTXT_PATH="./src/requirements.txt"))),
    ("BLD011", "warning", lambda: make(settings=settings(ENABLE_ORYX_BUILD="0")),
     lambda: make(settings=settings(ENABLE_ORYX_BUILD="1"))),
    ("STA001", "error", lambda: make({"src/app.py": FLASK, "requirements.txt": "flask\n"}),
     lambda: make({"index.py": FLASK, "requirements.txt": "flask\n"})),
    ("STA002", "warning", lambda: make({"wsgi.py": "application = None\n", "requirements.txt": "django\n"}),
     lambda: make({"application.py": FLASK, "requirements.txt": "flask\n"})),
    ("STA003", "error", lambda: make(config={"appCommandLine": "gunicorn -b 0.0.0.0:8080 app:app"}),
     lambda: make(config={"appCommandLine": "gunicorn -b 0.0.0.0:8000 app:app"})),
    ("STA004", "error", lambda: make(config={"appCommandLine": "gunicorn hello:app"}),
     lambda: make(files({"hello/__init__.py": ""}), config={"appCommandLine": "gunicorn hello:app"})),
    ("STA005", "error", lambda: make(FASTAPI, config={"appCommandLine": "gunicorn main:app"}),
     lambda: make(FASTAPI, config={"appCommandLine": "gunicorn -k uvicorn_worker.UvicornWorker main:app"})),
    ("STA006", "error", lambda: make(config={"appCommandLine": "startup.txt"}),
     lambda: make(files({"startup.txt": "gunicorn app:app\n\n"}), config={"appCommandLine": "startup.txt"})),
    ("STA006", "warning", lambda: make(files({"startup.txt": "gunicorn app:app\necho x\n"}),
                                       config={"appCommandLine": "startup.txt"}),
     lambda: make(files({"startup.sh": "gunicorn app:app\necho x\n"}), config={"appCommandLine": "startup.sh"})),
    ("STA007", "warning", lambda: make(config={"appCommandLine": "python3.11 -m gunicorn app:app"}),
     lambda: make(config={"appCommandLine": "python3.12 -m gunicorn app:app"})),
    ("STA008", "error", lambda: make(config={"appCommandLine": "uvicorn app:app --host 0.0.0.0"}),
     lambda: make(files({"requirements.txt": "uvicorn[standard]\n"}),
                  config={"appCommandLine": "uvicorn app:app --host 0.0.0.0"})),
    ("STA009", "warning", lambda: make({"app.py": "from flask import Flask\napplication = Flask(__name__)\n"}),
     lambda: make({"app.py": "from flask import Flask\napplication = Flask(__name__)\napp = application\n"
                             "app = Flask('x')\n"})),
    ("STA010", "error", lambda: make(settings=settings(PYTHON_ENABLE_GUNICORN_MULTIWORKERS="yes")),
     lambda: make(settings=settings(PYTHON_ENABLE_GUNICORN_MULTIWORKERS="T"))),
    ("STA011", "error", lambda: make(files({"startup.txt": "gunicorn mysite.wsgi\r\n"}),
                                     config={"appCommandLine": "startup.txt"}),
     lambda: make(files({"startup.txt": "gunicorn mysite.wsgi\n"}), config={"appCommandLine": "startup.txt"})),
    ("STA011", "warning", lambda: make(files({"startup.txt": "gunicorn app:app\r\n"}),
                                       config={"appCommandLine": "./startup.txt"}),
     lambda: make(files({"startup.txt": "gunicorn app:app\n"}), config={"appCommandLine": "./startup.txt"})),
    ("STA012", "warning", lambda: make(config={"appCommandLine": "sh -c 'python manage.py migrate && gunicorn a:b'"}),
     lambda: make(config={"appCommandLine": 'sh -c "python manage.py migrate && gunicorn a:b"'})),
    ("STA003", "error", lambda: make(files({"startup.sh": "pip list\nuvicorn server:app --port 80\n"}),
                                     config={"appCommandLine": "startup.sh"}),
     lambda: make(files({"startup.sh": "pip list\nuvicorn server:app --host 0.0.0.0 --port 8000\n"}),
                  config={"appCommandLine": "startup.sh"})),
    ("STA003", "error", lambda: make(files({"app.py": FLASK + "if __name__ == '__main__':\n    app.run()\n"}),
                                     config={"appCommandLine": "python app.py"}),
     lambda: make(files({"app.py": FLASK + "if __name__ == '__main__':\n    app.run(host='0.0.0.0', port=8000)\n"}),
                  config={"appCommandLine": "python app.py"})),
    ("STA004", "error", lambda: make(config={"appCommandLine": "gunicorn --chdir=/home/site/wwwroot/web app:app"}),
     lambda: make(files({"web/app.py": FLASK}),
                  config={"appCommandLine": "gunicorn --chdir=/home/site/wwwroot/web app:app"})),
    ("FN001", "error", lambda: make_function(dict({k: v for k, v in FUNCTION_FILES.items() if k != "host.json"},
                                                  **{"api/host.json": "{}"})),
     lambda: make_function(dict(FUNCTION_FILES, **{"api/host.json": "{}"}))),
    ("FN002", "error", lambda: make_function(dict(FUNCTION_FILES, **{"requirements.txt": "azure_functions_worker\n"})),
     lambda: make_function(dict(FUNCTION_FILES, **{"requirements.txt": "azure-functions-workers-x\n"}))),
    ("FN003", "error", lambda: make_function({"host.json": "{}", "requirements.txt": "azure-functions\n"}),
     lambda: make_function({"host.json": "{}", "requirements.txt": "azure-functions\n", "Http/function.json": "{}",
                            "Http/__init__.py": ""})),
    ("FN003", "error", lambda: make_function({"host.json": "{}", "requirements.txt": "azure-functions\n",
                                              "Http/function.json": "{}", "Http/a.py": "", "Http/b.py": ""}),
     lambda: make_function({"host.json": "{}", "requirements.txt": "azure-functions\n", "Http/function.json": "{}",
                            "Http/a.py": "", "Http/run.py": ""})),
    ("FN004", "warning", lambda: make_function(dict(FUNCTION_FILES, **{"requirements.txt": "protobuf\n"})),
     lambda: make_function(dict(FUNCTION_FILES, **{"requirements.txt": "protobuf\n"}),
                           dict(FUNC_SETTINGS, PYTHON_ISOLATE_WORKER_DEPENDENCIES="yes"))),
    ("FN005", "warning", lambda: make_function(dict(FUNCTION_FILES, **{"local.settings.json": "{}",
                                                                        ".funcignore": "# local.settings.json\n"})),
     lambda: make_function(dict(FUNCTION_FILES, **{"local.settings.json": "{}",
                                                   ".funcignore": "  /local.settings.json  \n"}))),
    ("FN006", "warning", lambda: make_function(dict(FUNCTION_FILES, **{"requirements.txt": "azure-functions>=2.0\n"})),
     lambda: make_function(dict(FUNCTION_FILES, **{"requirements.txt": "azure-functions>=2.0\n"}), python="3.13")),
    ("FN007", "error", lambda: make_function(function_files(**{
        "function_app.py": "from shared_code import helper\n", "shared_code/helper.py": ""})),
     lambda: make_function(function_files(**{"function_app.py": "from shared_code import helper\n",
                                             "shared_code/helper.py": "", "shared_code/__init__.py": ""}))),
    ("FN008", "warning", lambda: make_function(v1_files(**{"Http/__init__.py": "from ..shared import h\n"
                                                                               "def main(req):\n    pass\n"})),
     lambda: make_function(v1_files(**{"Http/__init__.py": "from .shared import h\ndef main(req):\n    pass\n"}))),
    ("FN008", "warning", lambda: make_function(v1_files(**{"Http/__init__.py": "from __app__.shared import h\n"
                                                                               "def main(req):\n    pass\n"})),
     lambda: make_function(v1_files(**{"Http/__init__.py": "from app.shared import h\ndef main(req):\n    pass\n"}))),
    ("FN009", "error", lambda: make_function(v1_files(entry="run")), lambda: make_function(v1_files(entry="main"))),
    ("FN009", "error", lambda: make_function(v1_files(script="../../outside.py")),
     lambda: make_function(v1_files(script="../shared/run.py", **{"shared/run.py": "from x import *\n"}))),
    ("FN010", "error", lambda: make_function(v1_files(parameters="req, msg")),
     lambda: make_function(v1_files(parameters="req, context"))),
    ("FN011", "warning", lambda: make_function(function_files(**{"requirements.txt": "azure-functions\n"
                                                                 "opencensus-extension-azure-functions\n"})),
     lambda: make_function(function_files(**{"requirements.txt": "azure-functions\n"
                                             "opencensus-extension-azure-functions\n"}),
                           dict(FUNC_SETTINGS, PYTHON_ENABLE_WORKER_EXTENSIONS=" True"))),
    ("FN012", "warning", lambda: make_function(function_files(**{".python_packages/lib/site-packages/x/a.py": ""}),
                                               dict(FUNC_SETTINGS, SCM_DO_BUILD_DURING_DEPLOYMENT="true")),
     lambda: make_function(function_files(**{".python_packages/lib/site-packages/x/a.py": ""}),
                           dict(FUNC_SETTINGS, SCM_DO_BUILD_DURING_DEPLOYMENT="false"))),
    ("FN013", "info", lambda: make_function(function_files(**{"tests/test_app.py": ""})),
     lambda: make_function(function_files(**{"tests/test_app.py": "",
                                             ".funcignore": "local.settings.json\ntests/\n"}))),
    ("FN014", "error", lambda: make_function(function_files(**{"function_app.py": "import os\nimport pyodbc\n"})),
     lambda: make_function(function_files(**{"function_app.py": "import os\nimport pyodbc\n",
                                             "requirements.txt": "azure-functions\npyodbc\n"}))),
    ("FN014", "info", lambda: make_function(function_files(**{"function_app.py": "import yaml\n"})),
     lambda: make_function(function_files(**{"function_app.py": "import yaml\n",
                                             "requirements.txt": "azure-functions\nPyYAML\n"}))),
    ("FN015", "warning", lambda: flex({"FUNCTIONS_WORKER_RUNTIME": "python"}),
     lambda: flex({"AzureWebJobsStorage__accountName": "pyflex"})),
    ("FN015", "warning", lambda: flex(config={"functionAppScaleLimit": 200}),
     lambda: flex(config={"functionAppScaleLimit": 0})),
    ("FN016", "warning", lambda: make_function(settings=dict(FUNC_SETTINGS, PIP_EXTRA_INDEX_URL=INDEX_WITH_TOKEN)),
     lambda: make_function(settings=dict(FUNC_SETTINGS, PIP_EXTRA_INDEX_URL=INDEX_IN_KEY_VAULT))),
    ("FN016", "warning", lambda: make_function(function_files(**{"requirements.txt": "--extra-index-url "
                                                                 + INDEX_WITH_TOKEN + "\nazure-functions\n"})),
     lambda: make_function(function_files(**{"requirements.txt": "--extra-index-url https://pkgs.example.com/simple\n"
                                                                 "azure-functions\n"}))),
    ("FN017", "info", lambda: make_function(site={"sku": "Dynamic"}),
     lambda: make_function(site={"sku": "ElasticPremium"})),
    ("FN006", "warning", lambda: make_function(dict(FUNCTION_FILES, **{"requirements.txt": "azure-functions>=2.0\n"})),
     lambda: make_function(dict(FUNCTION_FILES, **{"requirements.txt": "azure-functions>=1.12,<1.20\n"}))),
    ("FN006", "warning",
     lambda: make_function(dict(FUNCTION_FILES, **{"requirements.txt": "azure-functions==2.0.0\n"})),
     lambda: make_function(dict(FUNCTION_FILES, **{"requirements.txt": "azure-functions==1.17.0\n"}))),
    ("SEC001", "warning", lambda: make(site={"httpsOnly": False}), lambda: make(site={"httpsOnly": None})),
    ("SEC002", "warning", lambda: make(config={"minTlsVersion": "1.1"}), lambda: make(config={"minTlsVersion": "1.2"})),
    ("SEC003", "warning", lambda: make(config={"ftpsState": "AllAllowed"}), lambda: make(config={"ftpsState":
                                                                                              "FtpsOnly"})),
    ("SEC004", "warning", lambda: make(config={"remoteDebuggingEnabled": True}),
     lambda: make(config={"remoteDebuggingEnabled": None})),
    ("SEC005", "warning", lambda: make(settings=settings(DJANGO_DEBUG=" on")), lambda: make(settings=settings(
        DEBUG="0"))),
    ("SEC006", "info", lambda: make(settings=settings(DB_PASSWORD="hunter2")),
     lambda: make(settings=settings(DB_PASSWORD=" @Microsoft.KeyVault(SecretUri=https://kv/secrets/db/)"))),
    ("SEC007", "warning", lambda: make(dict(DJANGO, **{"mysite/settings.py": REDIRECT})),
     lambda: make(dict(DJANGO, **{"mysite/settings.py": REDIRECT.replace("True", "False")}))),
    ("OPS001", "info", lambda: make(config={"httpLoggingEnabled": False}),
     lambda: make(config={"httpLoggingEnabled": None})),
    ("OPS002", "info", lambda: make(config={"alwaysOn": False}, site={"sku": "Basic"}),
     lambda: make(config={"alwaysOn": False}, site={"sku": "ElasticPremium"})),
    ("OPS003", "error", lambda: make({"hostingstart.html": ""}, origin=DEPLOYED),
     lambda: make({"hostingstart.html": "", "app.py": ""}, origin=DEPLOYED)),
    ("LEG001", "info", lambda: make(files({"web.config": FASTCGI})),
     lambda: make(files({"web.config": FASTCGI.replace("WSGI_HANDLER", "WSGI_LOG")}))),
    ("LEG002", "info", lambda: make(files({"web.config": HTTP_PLATFORM})),
     lambda: make(files({"web.config": HTTP_PLATFORM.replace('arguments="runserver.py --port %HTTP_PLATFORM_PORT%"',
                                                               "")}))),
    ("LEG004", "info", lambda: make(files({"web.3.4.config": FASTCGI})),
     lambda: make(files({"web.config": FASTCGI, "web.3.4.config.bak": FASTCGI}))),
    ("LEG003", "info", lambda: make(files({"deploy/ServiceDefinition.csdef": "<x/>"})),
     lambda: make(files({"ServiceDefinition.cscfg": "<x/>"}))),
]


def logged(*texts, deployment=None, deployment_log=(), subject=None, **kwargs):
    """A healthy app (or `subject`'s kind of app) whose container log shows `texts`, one line each, after a start."""
    lines = split_lines("\n".join(f"2026-11-20T10:00:{i:02d}.5Z {text}" for i, text in
                                  enumerate(("A P P   S E R V I C E   O N   L I N U X",) + texts)))
    evidence = LogEvidence(deployment, tuple(split_lines("\n".join(deployment_log))),
                           (("2026_11_20_lw0sdlwk000001_default_docker.log", tuple(lines)),))
    return (subject or make)(evidence=evidence, **kwargs)


PINGS = "ERROR - Container app_0_1 didn't respond to HTTP pings on port: 8000, failing site start."
LOG_CASES = [
    ("LOG001", "error", lambda: logged("Could not find build manifest file at '/home/site/wwwroot/oryx-manifest.toml'"),
     lambda: logged("Found build manifest file at '/home/site/wwwroot/oryx-manifest.toml'. Deserializing it...")),
    ("LOG002", "error", lambda: logged("ModuleNotFoundError: No module named 'app'"),
     lambda: logged("ModuleNotFoundError: No module named 'flask'")),
    ("LOG003", "error", lambda: logged("    import flask_cors", "ModuleNotFoundError: No module named 'flask_cors'"),
     lambda: logged("    import app", "ModuleNotFoundError: No module named 'app'")),
    ("LOG004", "error", lambda: logged("Failed to find attribute 'app' in 'app'."),
     lambda: logged("Failed to find attribute in app")),
    ("LOG005", "error", lambda: logged(PINGS), lambda: logged("INFO  - Site started.")),
    ("LOG006", "error", lambda: logged("Site startup probe failed after 230.1241714 seconds."),
     lambda: logged("Site startup probe succeeded after 12.5 seconds.")),
    ("LOG007", "error", lambda: logged("TypeError: FastAPI.__call__() missing 1 required positional argument: 'send'"),
     lambda: logged("TypeError: f() missing 1 required positional argument: 'request'")),
    ("LOG008", "warning", lambda: logged("[CRITICAL] WORKER TIMEOUT (pid:42)"),
     lambda: logged("[INFO] Worker exiting (pid: 42)")),
    ("LOG009", "warning", lambda: logged("[INFO] Listening at: http://0.0.0.0:5000 (40)"),
     lambda: logged("[INFO] Listening at: http://0.0.0.0:8000 (40)")),
    ("LOG010", "error", lambda: logged("ERROR: No matching distribution found for numpyy==9.9"),
     lambda: logged("Successfully installed numpy-2.1.0")),
    ("LOG011", "error", lambda: logged("Invalid value 'DISABLE_COLLECTSTATIC' for key '1'. Value can either be "
                                       "'true' or 'false'."),
     lambda: logged("Invalid value for key. Value can either be anything")),
    ("LOG012", "error", lambda: logged("Could not detect any platform in the source directory."),
     lambda: logged("Detected following platforms:", "  python: 3.12.8")),
    ("LOG013", "error", lambda: logged("0 functions loaded", subject=make_function),
     lambda: logged("10 functions loaded", subject=make_function)),
]


def _catalog():
    """{code: [severities]} from DOCTOR-CHECKS.md: the default first, then those a check may use instead."""
    with open(SPEC, encoding="utf-8") as handle:
        rows = re.findall(r"^\| ([A-Z]{2,4}\d{3}) \| ([^|]+) \|", handle.read(), re.MULTILINE)
    return {code: re.findall(r"\b(error|warning|info)\b", severity) for code, severity in rows}


def test_every_registered_check_is_in_the_catalog_with_its_default_severity():
    catalog = _catalog()
    for entry in all_checks():
        assert catalog[entry.code][0] == entry.severity, entry.code


CASES += LOG_CASES


def test_every_registered_check_has_a_boundary_case_here():
    assert {case[0] for case in CASES} == {entry.code for entry in all_checks()}


@pytest.mark.parametrize("code, severity, firing, silent", CASES, ids=[case[0] for case in CASES])
def test_check_fires_and_stays_silent_at_its_boundary(code, severity, firing, silent):
    fired = [f for f in run_checks(firing()) if f.code == code]
    assert fired, code
    assert {f.severity for f in fired} == {severity}
    assert severity in _catalog()[code]
    assert all(f.detail and f.title for f in fired)
    assert code not in codes(silent())


@pytest.fixture(scope="module")
def pyappsvc_options():
    """The options each `az pyappsvc` command accepts, read from its real help."""
    from tests.recording import run_az
    found = {}
    for command in ("set-runtime", "set-build", "set-startup", "show-startup", "migrate"):
        found[command] = set(re.findall(r"(--[a-z][a-z-]*)", run_az(["pyappsvc", command, "-h"]).stdout))
    return found


def test_every_fix_is_a_command_that_parses_or_an_action(pyappsvc_options):
    seen = 0
    for code, _, firing, _ in CASES:
        for finding in run_checks(firing()):
            fix = finding.fix
            if fix is None or fix.argv is None:
                assert fix is None or (fix.action and not fix.action.startswith("az ")), (code, fix)
                continue
            seen += 1
            argv = list(fix.argv)
            assert argv[0] == "az" and shlex.split(fix.text) == argv, (code, fix.text)
            assert not any(re.fullmatch(r"<[^>]*>", word) for word in argv), (code, argv)   # no placeholders
            if argv[1] == "pyappsvc":
                options = {word for word in argv if word.startswith("--")}
                assert options <= pyappsvc_options[argv[2]], (code, options - pyappsvc_options[argv[2]])
    assert seen >= 20


def test_offline_fixes_name_the_app_with_quoted_placeholders():
    finding = next(f for f in run_checks(make({"src/app.py": FLASK, "requirements.txt": "flask\n"}, app=False))
                   if f.code == "STA001")
    assert finding.fix.argv[3:7] == ("-g", "<resource-group>", "-n", "<app>")
    assert finding.fix.text.startswith("az pyappsvc set-startup -g '<resource-group>' -n '<app>' --module app:app")


def test_fixes_name_the_app_and_the_newest_supported_version():
    fixes = {f.code: f.fix.text for f in run_checks(make(settings={}, python="3.10")) if f.fix}
    assert fixes["BLD001"] == "az pyappsvc set-build -g rg -n app --build-on-deploy true"
    assert fixes["RT004"] == "az pyappsvc set-runtime -g rg -n app --version 3.14"


def test_sta001_suggests_the_entry_module():
    fix = {f.code: f.fix.text for f in run_checks(make({"src/main.py": FASTAPI["main.py"], "requirements.txt": "x"}))}
    assert fix["STA001"] == "az pyappsvc set-startup -g rg -n app --module main:app --chdir src --server uvicorn"


def test_secret_values_never_reach_a_finding():
    subject = make(settings=settings(API_TOKEN="s3cr3t-value", DJANGO_DEBUG="true"))
    assert "s3cr3t-value" not in json.dumps([f.as_dict() for f in run_checks(subject)])


def test_content_checks_stay_silent_on_a_bare_listing():
    subject = make(FASTAPI, contents=False, origin=DEPLOYED, config={"appCommandLine": "gunicorn main:app"})
    assert "STA005" not in codes(subject) and "BLD007" not in codes(subject)


def test_a_partial_listing_does_not_claim_a_deep_module_is_missing():
    listed = make({"app.py": FLASK, "api/x.py": ""}, contents=False, origin=DEPLOYED, listed=frozenset({""}),
                  config={"appCommandLine": "gunicorn api.main:app"})
    assert "STA004" not in codes(listed)
    complete = make({"app.py": FLASK, "api/x.py": ""}, config={"appCommandLine": "gunicorn api.main:app"})
    assert "STA004" in codes(complete)


@pytest.mark.parametrize("code, named", [("STA008", "uvicorn"), ("STA010", "PYTHON_ENABLE_GUNICORN_MULTIWORKERS")])
def test_a_fix_that_is_no_command_names_what_to_change(code, named):
    firing = next(case[2] for case in CASES if case[0] == code)
    fix = next(f.fix for f in run_checks(firing()) if f.code == code)
    assert fix.argv is None and named in fix.action


def test_nothing_deployed_is_the_root_cause_not_the_default_site():
    """OPS003 names the cause; the default site (STA001) on the empty wwwroot is its consequence."""
    empty = codes(make({"hostingstart.html": ""}, origin=DEPLOYED))
    assert "OPS003" in empty and "STA001" not in empty
    assert "STA001" in codes(make({"hostingstart.html": "", "src/app.py": FLASK}, origin=DEPLOYED))
    assert "STA001" in codes(make({}, origin=SOURCE))


def test_sta001_says_when_it_is_unsure():
    subject = make({"api/service.py": FLASK, "admin/panel.py": FLASK, "requirements.txt": "flask\n"})
    finding = [f for f in run_checks(subject) if f.code == "STA001"][0]
    assert "not certain" in finding.detail and finding.fix.argv is None
    assert "admin.panel:app" in finding.fix.text or "--chdir admin" in finding.fix.text


@pytest.mark.parametrize("subject, severity", [
    (lambda: make(files({".gitignore": "# envs\n.venv/\n"}), venvs={".venv"}), "info"),
    (lambda: make(files({".gitignore": "**/.venv\n"}), venvs={".venv"}), "info"),
    (lambda: make(files({".gitignore": ".venv/\n!.venv\n"}), venvs={".venv"}), "warning"),
    (lambda: make(files({".gitignore": "src/.venv\n"}), venvs={".venv"}), "warning"),
    (lambda: make(files({".gitignore": ".venv\n"}), venvs={".venv"}, origin=DEPLOYED), "warning"),
    (lambda: make_function(dict(FUNCTION_FILES, **{".funcignore": "/venv\n"}), venvs={"venv"}), "info"),
    (lambda: make_function(dict(FUNCTION_FILES, **{".gitignore": "venv\n"}), venvs={"venv"}), "warning"),
])
def test_bld009_is_info_when_the_ignore_file_of_the_deployment_excludes_it(subject, severity):
    """.gitignore keeps a venv out of Git deployments and .funcignore out of func publish; a zip still ships it."""
    found = [f for f in run_checks(subject()) if f.code == "BLD009"]
    assert [f.severity for f in found] == [severity]
    assert ("still ships it" in found[0].detail) is (severity == "info")


def test_build_env_and_deployment_file_feed_bld006_and_bld007():
    """.deployment's PRE_BUILD_COMMAND naming a missing script is BLD006 (even offline); DISABLE_COLLECTSTATIC=true
    in build.env stops collectstatic and BLD007."""
    missing = files({".deployment": "[config]\nPRE_BUILD_COMMAND=bash scripts/pre.sh\n"})
    found = [f for f in run_checks(make(missing)) if f.code == "BLD006"]
    assert found and ".deployment" in found[0].detail
    assert "BLD006" in codes(make(missing, app=False))
    assert "BLD006" not in codes(make(dict(missing, **{"scripts/pre.sh": ""})))
    django = dict(DJANGO, **{"mysite/settings.py": "INSTALLED_APPS = []\n"})
    assert "BLD007" in codes(make(django))
    assert "BLD007" not in codes(make(dict(django, **{"build.env": "DISABLE_COLLECTSTATIC=true\n"})))
    assert "BLD007" in codes(make(dict(django, **{"build.env": "DISABLE_COLLECTSTATIC=true\n"}),
                                  settings(DISABLE_COLLECTSTATIC="false")))
# -- LOG findings: causes first, stale evidence, secrets ---------------------------------------------------------
def test_a_log_symptom_follows_its_configuration_cause_and_takes_its_fix():
    findings = run_checks(logged("Could not find build manifest file at '/home/site/wwwroot/oryx-manifest.toml'",
                                 settings={}))
    codes = [f.code for f in findings]
    assert codes.index("LOG001") == codes.index("BLD001") + 1
    symptom, cause = findings[codes.index("LOG001")], findings[codes.index("BLD001")]
    assert symptom.evidence["explainedBy"] == "BLD001" and "Explained by BLD001" in symptom.detail
    assert symptom.fix == cause.fix
    alone = next(f for f in run_checks(logged("Could not find build manifest file at 'x'")) if f.code == "LOG001")
    assert alone.evidence["explainedBy"] is None and "Explained by" not in alone.detail


def test_evidence_keeps_time_stamps_and_names_the_log():
    finding = next(f for f in run_checks(logged("[CRITICAL] WORKER TIMEOUT (pid:42)")) if f.code == "LOG008")
    assert finding.evidence["log"] == "2026_11_20_lw0sdlwk000001_default_docker.log"
    assert finding.evidence["lines"] == ["2026-11-20T10:00:01.5Z [CRITICAL] WORKER TIMEOUT (pid:42)"]
    assert finding.evidence["at"] == "2026-11-20T10:00:01.5Z"


FAILED_BUILD = ["2026-11-20T11:00:00.1Z ERROR: No matching distribution found for numpyy==9.9",
                "2026-11-20T11:00:00.2Z Package installation failed | Exit code: 1 | Please review your "
                "requirements.txt | More information: https://aka.ms/troubleshoot-python"]


def test_a_failed_deployment_newer_than_the_container_is_reported_not_the_stale_start():
    subject = logged("ModuleNotFoundError: No module named 'app'", deployment_log=FAILED_BUILD,
                     deployment={"id": "d1", "status": 3, "end_time": "2026-11-20T11:00:01.0Z"})
    found = {f.code: f for f in run_checks(subject)}
    assert "LOG010" in found and "LOG002" not in found
    assert found["LOG010"].evidence["log"] == "deployment d1"
    assert "exit code 1" in found["LOG010"].detail and "numpyy==9.9" in found["LOG010"].detail


def test_a_container_started_after_the_deployment_speaks_for_itself():
    subject = logged("ModuleNotFoundError: No module named 'app'",
                     deployment={"id": "d1", "status": 4, "end_time": "2026-11-20T09:00:00Z"})
    assert "LOG002" in codes(subject)


def test_since_reaches_before_the_last_start():
    text = ("2026-11-20T09:00:00.1Z ModuleNotFoundError: No module named 'app'",)
    lines = split_lines("\n".join(text + ("2026-11-20T10:00:00.1Z A P P   S E R V I C E   O N   L I N U X",)))
    evidence = LogEvidence(None, (), (("x_default_docker.log", tuple(lines)),))
    assert "LOG002" not in codes(make(evidence=evidence))
    assert "LOG002" in codes(make(evidence=evidence, since="2026-11-20T08:00:00Z"))


def test_no_secret_of_a_log_line_reaches_the_result():
    from azext_pyappsvc.adapters import seen
    from azext_pyappsvc.output.redaction import tree
    from azext_pyappsvc.output.results import doctor_result
    secret = "s3cr3t-value-in-the-log"
    seen.remember({"DATABASE_PASSWORD": secret})
    try:
        subject = logged("Connecting to postgres://admin:hunter2222@db.example.com:5432/app",
                         f"psycopg2.OperationalError: password authentication failed; tried {secret}",
                         "GET https://acct.blob.core.windows.net/c/f?sv=2024-01-01&sig=c2lnbmF0dXJl12345",
                         f"DATABASE_PASSWORD={secret} API_TOKEN=tok-123456789", PINGS,
                         settings=settings(DATABASE_PASSWORD=secret))
        result = tree(doctor_result(subject, None, run_checks(subject)))
    finally:
        seen.forget()
    text = json.dumps(result)
    evidence = next(f["evidence"] for f in result["findings"] if f["code"] == "LOG005")
    assert len(evidence["lines"]) <= 5
    for leaked in (secret, "hunter2222", "c2lnbmF0dXJl12345", "tok-123456789"):
        assert leaked not in text


def _fn014(app_py, requirements, stdlib=None, **files):
    extra = {"stdlib": stdlib} if stdlib is not None else {}
    subject = make_function(function_files(**{"function_app.py": app_py, "requirements.txt": requirements}, **files),
                            **extra)
    return [f for f in run_checks(subject) if f.code == "FN014"]


@pytest.mark.parametrize("app_py, requirements, files", [
    ("from google.cloud import storage\n", "azure-functions\ngoogle-cloud-storage\n", {}),
    ("from opentelemetry import trace\n", "azure-functions\nazure-monitor-opentelemetry\n", {}),
    ("import botocore.exceptions\n", "azure-functions\nboto3\n", {}),
    ("from azure.cosmos.aio import CosmosClient\n", "azure-functions\nazure-cosmos\n", {}),
    ("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import pandas\n", "azure-functions\n", {}),
    ("import typing\nif typing.TYPE_CHECKING:\n    import pandas\n", "azure-functions\n", {}),
    ("import pandas\n", "-r base.txt\n", {"base.txt": "azure-functions\n-r deps/more.txt\n",
                                          "deps/more.txt": "pandas==2.2\n"}),
])
def test_fn014_no_error_for_imports_that_load(app_py, requirements, files):
    """At most a hint (info) where another requirement brings the module; never "indexing fails"."""
    assert [f.severity for f in _fn014(app_py, requirements, **files) if f.severity != "info"] == []


@pytest.mark.parametrize("app_py, expected", [
    ("from google.cloud import storage\n", "google-cloud-storage"),
    ("from azure.cosmos.aio import CosmosClient\n", "azure-cosmos"),
    ("from azure.identity.aio import DefaultAzureCredential\n", "azure-identity"),
])
def test_fn014_names_the_distribution_that_exists(app_py, expected):
    findings = _fn014(app_py, "azure-functions\n")
    assert [(f.severity, f.fix.text) for f in findings] == [("error", f"Add {expected} to requirements.txt.")]


def test_fn014_knows_the_standard_library_of_other_pythons():
    """az may run on 3.13 (no cgi, telnetlib) or 3.10 (no tomllib) while the app runs another Python."""
    assert _fn014("import cgi\nimport telnetlib\nimport tomllib\n", "azure-functions\n",
                  stdlib=frozenset(sys.stdlib_module_names) - {"cgi", "telnetlib", "tomllib"}) == []


def test_fn014_outside_includes_are_not_followed():
    assert [f.severity for f in _fn014("import pandas\n", "-r ../base.txt\n-r /etc/req.txt\nazure-functions\n")] \
        == ["error"]


def test_fn009_an_absolute_script_file_leads_outside_the_project():
    details = [f.detail for f in run_checks(make_function(v1_files(script="/etc/passwd"))) if f.code == "FN009"]
    assert details == ["Http/function.json: scriptFile /etc/passwd leads outside the project, so the worker cannot "
                       "load it."]


def _fix_of(subject, code):
    return next(f.fix for f in run_checks(subject) if f.code == code)


def test_functions_fixes_are_commands_with_the_target_or_words_without_a_pseudo_command():
    """No `az ...` written as prose (it would be pasted without its target); offline, the local file to change."""
    local = make_function(function_files(**{".python_packages/lib/site-packages/x/a.py": ""}),
                          dict(FUNC_SETTINGS, SCM_DO_BUILD_DURING_DEPLOYMENT="true"))
    assert _fix_of(local, "FN012").action == "Publish with func azure functionapp publish app --no-build, or remove " \
                                             ".python_packages."
    prose = [_fix_of(windows_function("python"), "PLAT005"), _fix_of(make_function(site={"sku": "Dynamic"}), "FN017"),
             _fix_of(make_function(settings=dict(FUNC_SETTINGS, PIP_EXTRA_INDEX_URL=INDEX_WITH_TOKEN)), "FN016")]
    assert all(fix.argv is None and "az " not in fix.action for fix in prose), [fix.action for fix in prose]


def test_fn011_offline_names_local_settings_not_an_azure_command():
    facts = project(function_files(**{
        "requirements.txt": "azure-functions\nopencensus-extension-azure-functions\n",
        "local.settings.json": json.dumps({"Values": {"FUNCTIONS_WORKER_RUNTIME": "python"}})}))
    fix = _fix_of(Subject(date(2026, 1, 1), project=facts, project_origin=SOURCE, offline_python="3.12",
                          stdlib=frozenset(sys.stdlib_module_names)), "FN011")
    assert fix.argv is None and "local.settings.json Values" in fix.action


def test_fn009_an_entry_point_that_is_no_name():
    files = v1_files()
    files["Http/function.json"] = files["Http/function.json"].replace('"entryPoint": "main"', '"entryPoint": 5')
    details = [f.detail for f in run_checks(make_function(files)) if f.code == "FN009"]
    assert details == ["Http/function.json: entryPoint 5 is not a function name, so the function does not load."]


def test_fn008_names_what_to_import_without_app():
    fixes = [f.fix.action for f in run_checks(make_function(function_files(**{
        "function_app.py": "from __app__ import shared_code\nfrom __app__.shared_code.util import x\n",
        "shared_code/__init__.py": "", "shared_code/util.py": "x = 1\n"}))) if f.code == "FN008"]
    assert fixes == ["Import shared_code from the project root instead (absolute import, without __app__).",
                     "Import shared_code.util from the project root instead (absolute import, without __app__)."]


def test_a_function_app_py_that_does_not_parse_is_named():
    findings = run_checks(make_function(function_files(**{"function_app.py": "import azure.functions as func\n"
                                                                              "app = func.FunctionApp(\n"})))
    assert any(f.code == "DATA002" and "function_app.py does not parse" in f.detail for f in findings)


def test_ops001_is_silent_where_filesystem_logs_are_not_offered():
    off = {"linuxFxVersion": "Python|3.12", "httpLoggingEnabled": False}
    assert "OPS001" not in codes(make_function(config=off, site={"sku": "Dynamic"}))
    assert "OPS001" not in codes(flex(config={"httpLoggingEnabled": False}))
    assert "OPS001" in codes(make_function(config=off, site={"sku": "ElasticPremium"}))
