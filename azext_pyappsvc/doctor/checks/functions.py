# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Functions — FN: what keeps the Functions host from finding, loading or running Python functions."""

from packaging.specifiers import InvalidSpecifier, SpecifierSet

from ...platform.booleans import WORKER
from ...platform.functions import (HOST_JSON, excluded_by_funcignore, function_json_entries, has_v1_functions,
                                   v2_script)
from ...platform.problems import ERROR, WARNING
from ...platform.project import admits_below
from ...platform.settings import PYTHON_ISOLATE_WORKER_DEPENDENCIES
from ..catalog import Finding, Fix, check
from ..fixes import app_settings, pyappsvc

_COLLIDING = ("protobuf", "grpcio", "tensorflow")


def _version(text):
    return tuple(int(x) for x in text.split("."))


@check("FN001", ERROR, "host.json is not at the root", needs=("files", "functions"))
def fn001(subject):
    if HOST_JSON not in subject.project.files:
        nested = sorted(p for p in subject.project.files if p.endswith(f"/{HOST_JSON}"))
        hint = f" ({nested[0]} is one level down: deploy that folder)" if nested else ""
        return Finding(f"No host.json at the project root{hint}: the Functions host finds no functions.",
                       Fix.describe("Move host.json (and the functions) to the root of what you deploy."))
    return None


@check("FN002", ERROR, "azure-functions-worker in requirements", needs=("files", "requirements", "functions"))
def fn002(subject):
    if subject.project.depends_on("azure-functions-worker"):
        return Finding("requirements include azure-functions-worker: the platform manages the worker, and a pinned "
                       "copy breaks it.", Fix.describe("Remove azure-functions-worker from requirements.txt."))
    return None


@check("FN003", ERROR, "No functions to load", needs=("files", "functions"))
def fn003(subject):
    project = subject.project
    entries = function_json_entries(project) if project.contents_available else []
    missing = [(folder, script) for folder, script in entries if script not in project.files]
    if missing:
        return [Finding(f"{folder}/function.json points to {script}, which does not exist.",
                        Fix.describe("Fix scriptFile in {}.", f"{folder}/function.json"))
                for folder, script in missing]
    script = v2_script(subject.settings)
    if script not in project.files and not has_v1_functions(project):
        return Finding(f"No {script} (v2 model) and no folder with a function.json (v1 model): there is nothing to "
                       "run.", Fix.describe("Add function_app.py with app = func.FunctionApp()."))
    return None


@check("FN004", WARNING, "Packages that collide with the worker",
       needs=("app", "settings", "files", "requirements", "functions"))
def fn004(subject):
    colliding = [name for name in _COLLIDING if subject.project.depends_on(name)]
    isolated = WORKER.is_true(subject.settings.get(PYTHON_ISOLATE_WORKER_DEPENDENCIES))
    if colliding and not isolated and _version(subject.python or "3.13") <= (3, 12):
        return Finding(f"{', '.join(colliding)} collide with the worker's own copies on Python {subject.python}.",
                       app_settings(subject, f"{PYTHON_ISOLATE_WORKER_DEPENDENCIES}=1"))
    return None


@check("FN005", WARNING, "local.settings.json would be deployed", needs=("files", "functions"))
def fn005(subject):
    project = subject.project
    if "local.settings.json" in project.files and excluded_by_funcignore(project, "local.settings.json") is False:
        return Finding("local.settings.json is not excluded by .funcignore: local connection strings and keys would "
                       "be deployed.", Fix.describe("Add local.settings.json to .funcignore."))
    return None


@check("FN006", WARNING, "azure-functions 2.x needs Python 3.13+", needs=("app", "files", "requirements", "functions"))
def fn006(subject):
    spec = subject.project.requirement_versions.get("azure-functions")
    if not spec or not subject.python:
        return None
    try:
        allows_1x = admits_below(SpecifierSet(spec), 2)
    except InvalidSpecifier:
        return None
    if not allows_1x and _version(subject.python) < (3, 13):
        return Finding(f"requirements ask for azure-functions {spec} (2.x), which needs Python 3.13 or later; the app "
                       f"runs {subject.python}.", pyappsvc(subject, "set-runtime", "--version", "3.13"))
    return None
