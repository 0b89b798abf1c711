# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Startup commands: composing one from parts, finding one in a project, and checking one before it is
written. Pure: project facts come from the caller."""

import re
from dataclasses import dataclass, field
from typing import List, Optional

from .projectfacts import ASGI_FRAMEWORKS, ProjectFacts
from .startup import (MODULE_SERVERS, UVICORN_WORKERS, binding_problem, is_async_worker, module_file_candidates,
                      parse_command)

_TARGET = re.compile(r"^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*(:[A-Za-z_][\w]*(\(\))?)?$")
_SERVER_PACKAGES = {"uvicorn": "uvicorn", "hypercorn": "hypercorn", "daphne": "daphne", "waitress": "waitress",
                    "aiohttp": "aiohttp", "gunicorn": None}     # gunicorn ships in App Service's Python image
ENTRY_NAMES = ("main.py", "app.py", "application.py", "wsgi.py", "asgi.py", "server.py", "api.py", "run.py",
               "index.py")


@dataclass
class Problem:
    """A reason not to write a startup command; `error` ones block the write unless --force."""
    message: str
    error: bool = True


@dataclass
class Suggestion:
    module: str
    chdir: Optional[str]
    asgi: bool
    why: str
    extra: List[str] = field(default_factory=list)


def validate_target(option, target):
    if not _TARGET.match(target or ""):
        return Problem("{} {!r} is not module:object (for example hello:myapp, mysite.wsgi, "
                       "app:create_app()).".format(option, target))
    return None


def compose(module, chdir=None, workers=None, timeout=None, server="gunicorn", worker_class=None):
    """The command the parts describe: gunicorn, with the uvicorn worker for an ASGI server."""
    words = ["gunicorn", "--bind=0.0.0.0", "--timeout", str(timeout or 600)]
    if workers:
        words += ["--workers", str(workers)]
    if server == "uvicorn":
        words += ["-k", worker_class or UVICORN_WORKERS[0]]
    if chdir:
        words += ["--chdir", chdir]
    return " ".join(words + [module])


def uvicorn_worker_for(facts: Optional[ProjectFacts]):
    """uvicorn_worker.UvicornWorker when the project has the uvicorn-worker package, else uvicorn's own."""
    return UVICORN_WORKERS[1] if facts and facts.depends_on("uvicorn-worker") else UVICORN_WORKERS[0]


def suggest(facts: ProjectFacts) -> Optional[Suggestion]:
    """The application a project most likely means: a Django project, else an app object in a file."""
    for path in sorted(facts.files, key=lambda p: (p.count("/"), p)):
        if path.endswith("/wsgi.py") and path.count("/") <= 2:
            package_dir = path.rsplit("/", 1)[0]
            if package_dir + "/settings.py" in facts.files or package_dir + "/settings" in facts.dirs:
                chdir, _, package = package_dir.rpartition("/")
                asgi = False
                return Suggestion(package + ".wsgi", chdir or None, asgi,
                                  "{} is a Django project's WSGI module".format(path))
    candidates = sorted((p for p in facts.files if p.endswith(".py") and p.count("/") <= 1
                         and not p.split("/")[0].startswith(("test", "."))),
                        key=lambda p: (p.count("/"), _rank(p), p))
    for path in candidates:
        info = facts.module(path)
        if not info or not info.app_objects:
            continue
        name, framework = sorted(info.app_objects.items(), key=lambda item: item[0] != "app")[0]
        chdir, _, filename = path.rpartition("/")
        return Suggestion("{}:{}".format(filename[:-3], name), chdir or None, framework in ASGI_FRAMEWORKS,
                          "{} creates the {} application '{}'".format(path, framework, name))
    return None


def _rank(path):
    name = path.rsplit("/", 1)[-1]
    return ENTRY_NAMES.index(name) if name in ENTRY_NAMES else len(ENTRY_NAMES)


def interpreter_mismatch(command: str, app_python: Optional[str]) -> Optional[str]:
    """A hard-coded `python3.X` that is not the app's Python runs the wrong interpreter (or none)."""
    interpreter = parse_command(command).interpreter
    if interpreter and app_python and interpreter != app_python:
        return "The command runs python{} but the app runs Python {}; use `python`.".format(interpreter, app_python)
    return None


def check(command: str, facts: Optional[ProjectFacts]) -> List[Problem]:
    """Everything wrong with a startup command that can be known without asking Azure."""
    parsed = parse_command(command)
    if parsed.error:
        return [Problem("--command {}.".format(parsed.error))]
    findings = []
    problem = binding_problem(parsed)
    if problem:
        findings.append(Problem("The command {}.".format(problem)))
    if parsed.target and parsed.server in ("gunicorn", "uvicorn", "hypercorn"):
        invalid = validate_target("The command's application", parsed.target)
        if invalid:
            findings.append(invalid)
    if facts is not None:
        findings.extend(_check_against_project(parsed, facts))
    return findings


def locate_module(parsed, facts: ProjectFacts):
    """(project path of the module the command's server loads, or None; the paths looked for)."""
    candidates = module_file_candidates(parsed.module, parsed.chdir)
    return next((p for p in candidates if p in facts.files), None), candidates


def _check_against_project(parsed, facts):
    findings = []
    if parsed.chdir and not facts.exists(parsed.chdir.strip("/")) and not parsed.chdir.startswith(("/", "$")):
        findings.append(Problem("--chdir {}: no such folder in the project.".format(parsed.chdir)))
    if parsed.script and not parsed.script.startswith(("/", "$")) and not facts.exists(parsed.script):
        findings.append(Problem("{} is not in the project.".format(parsed.script)))
    module_path = None
    if parsed.module and parsed.server in MODULE_SERVERS:
        module_path, candidates = locate_module(parsed, facts)
        if module_path is None and not findings:
            findings.append(Problem("Module {} is not in the project (looked for {}).".format(
                parsed.module, " and ".join(candidates))))
    if module_path and facts.contents_available:
        info = facts.module(module_path)
        asgi = facts.asgi_frameworks(module_path)
        if asgi and parsed.server == "gunicorn" and not is_async_worker(parsed):
            findings.append(Problem("{} is an ASGI app ({}) but gunicorn would serve it with its sync worker; add "
                                    "-k uvicorn.workers.UvicornWorker (or use --server uvicorn).".format(
                                        module_path, ", ".join(asgi))))
        obj = parsed.app_object
        if info and obj and not obj.endswith("()") and info.parsed and info.app_objects and obj not in info.app_objects:
            findings.append(Problem("{} defines no '{}' (it defines {}).".format(
                module_path, obj, ", ".join(sorted(info.app_objects)))))
    if facts.contents_available and (facts.requirements_file or facts.pyproject):
        for server in servers_needed(parsed):
            if not facts.depends_on(server):
                findings.append(Problem("The command uses {} but the project's requirements do not install it."
                                        .format(server)))
    return findings


def servers_needed(parsed):
    """Packages the command's server (and worker class) need installed."""
    needed = []
    package = _SERVER_PACKAGES.get(parsed.server)
    if package:
        needed.append(package)
    worker = parsed.worker_class or ""
    if worker.startswith("uvicorn_worker"):
        needed.append("uvicorn-worker")
    elif worker.startswith("uvicorn"):
        needed.append("uvicorn")
    return needed
