# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""The one list of startup problems: what set-startup refuses to write and what doctor reports (STA*).

Each problem carries its catalog code, so the two commands say the same thing the same way.
"""

import re
from typing import List, Optional

from ..problems import ERROR, WARNING, Problem
from ..project import DYNAMIC, ProjectFacts
from .command import (MODULE_SERVERS, StartupCommand, binding_problem, is_async_worker, is_valid_target,
                      module_file_candidates, parse_command, project_path, servers_needed, with_gunicorn_config)
from .prediction import FLASK, StartupPrediction

TARGET_EXAMPLES = "module:object (for example hello:myapp, mysite.wsgi, app:create_app())"
STARTUP_FILE = re.compile(r"\.(sh|bash|txt|cmd|py)$")       # a one-word command that names a startup file


def locate_module(parsed: StartupCommand, project: ProjectFacts):
    """(project path of the module the command's server loads, or None; the paths looked for)."""
    candidates = module_file_candidates(parsed.module, project_path(parsed.chdir))
    return next((p for p in candidates if p in project.files), None), candidates


def interpreter_mismatch(parsed: StartupCommand, app_python: Optional[str]) -> Optional[Problem]:
    """A hard-coded `python3.X` that is not the app's Python runs the wrong interpreter (or none)."""
    if parsed.interpreter and app_python and parsed.interpreter != app_python:
        return Problem("STA007", WARNING, f"The command runs python{parsed.interpreter} but the app runs Python "
                       f"{app_python}; use `python`.")
    return None


def command_problems(command, project: Optional[ProjectFacts] = None,
                     app_python: Optional[str] = None) -> List[Problem]:
    """Everything wrong with a custom startup command (a string, or one already parsed) that can be known
    from the command, the project and the app's Python."""
    parsed = parse_command(command) if isinstance(command, str) else command
    if parsed.error:
        return [Problem(None, ERROR, f"The command {parsed.error}.")]
    found = []
    bind = binding_problem(parsed)
    if bind:
        found.append(Problem("STA003", ERROR, f"The startup command {bind}."))
    if parsed.target and parsed.server in ("gunicorn", "uvicorn", "hypercorn") and not is_valid_target(parsed.target):
        found.append(Problem(None, ERROR, f"The command's application {parsed.target!r} is not {TARGET_EXAMPLES}."))
    mismatch = interpreter_mismatch(parsed, app_python)
    if mismatch:
        found.append(mismatch)
    if project is not None:
        found.extend(_against_project(parsed, project))
    return found


def _against_project(parsed, project):
    found = []
    chdir = project_path(parsed.chdir)
    if chdir and project.knows_absence(chdir) and not project.exists(chdir):
        found.append(Problem("STA004", ERROR, f"--chdir {parsed.chdir}: no such folder in the project."))
    script = project_path(parsed.script)
    if script and project.knows_absence(script) and not project.exists(script):
        found.append(Problem("STA006", ERROR, f"{parsed.script} is not in the project."))
    if parsed.server == "python" and script and project.contents_available:
        found.extend(_dev_server(parsed, project, script))
    module_path = None
    if parsed.module and parsed.server in MODULE_SERVERS and (parsed.chdir is None or chdir is not None):
        module_path, candidates = locate_module(parsed, project)
        if module_path is None and not found and all(project.knows_absence(c) for c in candidates):
            found.append(Problem("STA004", ERROR, f"Module {parsed.module} is not in the project (looked for "
                                 f"{' and '.join(candidates)})."))
    if module_path and project.contents_available:
        found.extend(_against_module(parsed, project, module_path))
    if project.knows_requirements and (project.requirements_file or project.pyproject):
        missing = [name for name in servers_needed(parsed) if not project.depends_on(name)]
        if missing:
            found.append(Problem("STA008", ERROR, f"The command uses {', '.join(missing)} but the project's "
                                 "requirements do not install it: the container exits at start.", ", ".join(missing)))
    return found


_DEV_DEFAULTS = {"flask": ("127.0.0.1", "5000"), "uvicorn": ("127.0.0.1", "8000")}


def _dev_server(parsed, project, script):
    """STA003 for `python app.py` whose module-level `app.run()` / `uvicorn.run(app)` keeps the development
    server's defaults (Flask 127.0.0.1:5000: flask src/flask/app.py Flask.run; uvicorn 127.0.0.1:8000:
    uvicorn/config.py): the platform pings 0.0.0.0:$PORT (init_container.sh, Oryx scriptgenerator.go)."""
    info = project.module(script)
    run = info.runs_server if info else None
    if not run:
        return []
    host, port = (None if given == DYNAMIC else given or default              # a computed value: not judged
                  for given, default in zip((run["host"], run["port"]), _DEV_DEFAULTS[run["server"]]))
    problem = binding_problem(StartupCommand(raw=parsed.raw, bind_host=host, bind_port=port))
    return [Problem("STA003", ERROR, f"{script} starts a development server that {problem}.")] if problem else []


def _against_module(parsed, project, module_path):
    found = []
    asgi = project.asgi_frameworks(module_path)
    if asgi and parsed.server == "gunicorn" and not is_async_worker(parsed):
        found.append(asgi_on_sync_worker(module_path, asgi))
    info = project.module(module_path)
    obj = parsed.app_object
    if _knows_app_objects(info) and _names_object(obj) and obj not in info.app_objects:
        found.append(Problem("STA004", ERROR,
                             f"{module_path} defines no '{obj}' (it defines {', '.join(sorted(info.app_objects))})."))
    return found


def _knows_app_objects(info) -> bool:
    """The module was parsed and defines at least one application object."""
    return bool(info and info.parsed and info.app_objects)


def _names_object(obj) -> bool:
    """The command names an application object, not a factory it calls (`module:create_app()`)."""
    return bool(obj) and not obj.endswith("()")


def asgi_on_sync_worker(path, frameworks) -> Problem:
    return Problem("STA005", ERROR, f"{path} is an ASGI app ({', '.join(frameworks)}) but gunicorn serves it with its "
                   "sync worker: requests fail with \"__call__() missing 1 required positional argument: 'send'\".")


def startup_problems(prediction: StartupPrediction, project: Optional[ProjectFacts], app_python: Optional[str],
                     app_command: Optional[str]) -> List[Problem]:
    """Every problem with what App Service will run for this startup command ("" or None: auto-detection), given
    what predict() made of it: the prediction's own (a startup file's extra lines, invalid switches), those of
    the custom command (a startup file's first line), else those of what auto-detection picked."""
    found = list(prediction.problems)
    command = (app_command or "").strip()
    if not command:
        return found + detection_problems(prediction, project)
    name = project_path(command) if len(command.split()) == 1 else None
    if project is not None and name and STARTUP_FILE.search(name) and project.knows_absence(name) and \
            not project.exists(name):
        return found + [Problem("STA006", ERROR, f"The startup command is the file name {command!r}, which is not in "
                                "the project.")]
    return found + command_problems(prediction.custom or parse_command(command), project, app_python)


def detection_problems(prediction: StartupPrediction, project: Optional[ProjectFacts]) -> List[Problem]:
    """What goes wrong with what auto-detection picked: an ASGI app on the sync worker, an app object
    that is not named `app` (Oryx always serves `<file>:app`)."""
    bind = prediction.server_config.get("bind")
    bound = binding_problem(with_gunicorn_config(StartupCommand(raw=""), {"bind": bind})) if bind else None
    found = [Problem("STA003", ERROR, f"gunicorn.conf.py {bound}.")] if bound else []
    if prediction.origin != FLASK or project is None or not project.contents_available:
        return found
    return found + _detected_flask_problems(prediction, project)


def _detected_flask_problems(prediction, project):
    path = f"{prediction.module.split(':')[0]}.py"
    found = []
    config = prediction.server_config
    applied = StartupCommand(raw="", worker_class=config.get("worker_class"))
    asgi = project.asgi_frameworks(path)
    if asgi and not is_async_worker(applied):
        found.append(asgi_on_sync_worker(path, asgi))
    other = misnamed_app_object(project.module(path))
    if other:
        found.append(Problem("STA009", WARNING, f"{path} creates '{other}' but auto-detection "
                             f"runs {prediction.module}: gunicorn fails with \"Failed to find attribute 'app'\"."))
    return found


def misnamed_app_object(info) -> Optional[str]:
    """The application object an auto-detected file defines under another name than `app` (Oryx always serves
    `<file>:app`, frameworks.go): a framework object, or a Django-style `application`; None when `app` exists."""
    if not info or not info.parsed or "app" in info.bindings or "app" in info.app_objects:
        return None
    if info.app_objects:
        return sorted(info.app_objects)[0]
    return "application" if "application" in info.bindings else None
