# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""set-startup: argument checks and project checks first, then at most one round trip of reads and one PATCH of
config/web holding only appCommandLine."""

import shlex

from ..output.redaction import get_logger

from ..output.results import set_startup_result
from ..platform.errors import Blocked, ConflictingValues, InvalidValue, MissingValue, Refused
from ..platform.inputs import RELATIVE_PATH_ACCEPTED, refuse_control_characters, relative_path_problem
from ..platform.guards import require_linux_code_app, require_web_app
from ..platform.startup.command import UVICORN_WORKERS, is_valid_target, parse_command
from ..platform.startup.compose import compose, suggest, uvicorn_worker_for
from ..platform.startup.prediction import predict
from ..platform.startup.problems import TARGET_EXAMPLES, interpreter_mismatch, startup_problems
from .requests import SetStartupRequest
from .writes import Write, verified_write

logger = get_logger(__name__)
MODES = ("command", "file", "module", "detect", "clear")
PARTS = ("chdir", "workers", "timeout", "server")
LIMITS = {"workers": 64, "timeout": 3600}
FREE_TEXT = {"command": "a command on one line", "file": "one file in the project, such as startup.sh",
             "module": TARGET_EXAMPLES, "chdir": RELATIVE_PATH_ACCEPTED}


def _positive(request, name):
    value = getattr(request, name)
    if value is None:
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if not 1 <= number <= LIMITS[name]:
        raise InvalidValue(name, value, f"is not a whole number from 1 to {LIMITS[name]}")
    return number


def command_from_request(request: SetStartupRequest, project):
    """The startup command the request asks for ("" to clear), checked for everything that needs no request."""
    for name, accepted in FREE_TEXT.items():
        refuse_control_characters(name, getattr(request, name), accepted)
    # an empty --command (--startup-file "") clears, as `az webapp config set --startup-file ""` does
    modes = [name for name in MODES if getattr(request, name) or (name == "command" and request.command == "")]
    if not modes:
        raise MissingValue(MODES, exactly_one=True)
    if len(modes) > 1:
        raise ConflictingValues(modes, choices=MODES)
    parts = [name for name in PARTS if getattr(request, name) is not None]
    if parts and modes[0] not in ("module", "detect"):
        raise ConflictingValues([parts[0]], "goes with --module or --detect")
    return _BUILDERS[modes[0]](request, project)


def _from_command(request, _):
    if request.command == "":
        return ""
    if not request.command.strip():
        raise InvalidValue("command", request.command, "is empty", "a command, or --clear to remove it")
    error = parse_command(request.command).error
    if error:
        raise InvalidValue("command", request.command, error, "a command the shell can split into words")
    return request.command.strip()


def _from_file(request, project):
    name = request.file.strip()
    problem = "is empty" if not name else relative_path_problem(name)
    if not problem and (name.endswith("/") or shlex.quote(name) != name or "=" in name):
        problem = "is not one file name that needs no quoting (the startup command is the name itself)"
    if problem:
        raise InvalidValue("file", request.file, problem, FREE_TEXT["file"])
    if project is not None and not project.exists(name):
        raise InvalidValue("file", name, "is not in the project", "a file inside --source")
    return name


def _from_parts(request, project, module, chdir, server):
    problem = relative_path_problem(chdir) if chdir is not None else None
    if problem:
        raise InvalidValue("chdir", chdir, problem, RELATIVE_PATH_ACCEPTED)
    worker = uvicorn_worker_for(project)
    if server == "uvicorn":
        logger.warning("Worker class %s: %s", worker, _why_worker(project, worker))
    return compose(module, chdir, _positive(request, "workers"), _positive(request, "timeout"), server,
                   worker_class=worker)


def _why_worker(project, worker):
    """Which uvicorn worker class, and why: the one the project's requirements install (Oryx's own FastAPI detection
    always passes uvicorn_worker.UvicornWorker: Oryx src/startupscriptgenerator/src/python/frameworks.go)."""
    if project is None:
        return ("uvicorn's own, as no --source was given; with --source, uvicorn_worker.UvicornWorker is chosen when "
                "the requirements install uvicorn-worker.")
    if worker == UVICORN_WORKERS[1]:
        return "the project's requirements install uvicorn-worker."
    return "the project's requirements do not install uvicorn-worker, so uvicorn's own worker is used."


def _from_module(request, project):
    if not is_valid_target(request.module):
        raise InvalidValue("module", request.module, "is not module:object", TARGET_EXAMPLES)
    return _from_parts(request, project, request.module, request.chdir, request.server or "gunicorn")


def _from_detect(request, project):
    if project is None:
        raise MissingValue(["source"], reason="--detect derives the command from the project folder.")
    found = suggest(project)
    if found is None:
        raise Refused("--detect: no application object (Flask, FastAPI, Quart, Starlette) or Django project found "
                      f"in {request.source}.")
    logger.warning("Detected: %s.", found.why)
    if not found.sure:
        logger.warning("The app is not certain; the candidates are: %s.", "; ".join(found.candidates))
    server = request.server or ("uvicorn" if found.asgi else "gunicorn")
    return _from_parts(request, project, found.module, request.chdir or found.chdir, server)


_BUILDERS = {"command": _from_command, "file": _from_file, "module": _from_module, "detect": _from_detect,
             "clear": lambda request, project: ""}


def _report(problems, force):
    """Warn about every problem that does not block; raise Blocked when an error does (unless forced)."""
    errors = [p for p in problems if p.is_error]
    for problem in problems:
        if not problem.is_error or force:
            logger.warning(problem.message)
    if errors and not force:
        raise Blocked(problems)


def startup_for(request: SetStartupRequest) -> str:
    """The validated startup command ("" to clear): built from the request and checked against --source."""
    from .project import local_project
    project = local_project(request.source) if request.source else None
    command = command_from_request(request, project)
    if command:
        _report(startup_problems(predict(command, project, {}, None), project, None, command), request.force)
    return command


def set_startup(cli_ctx, request: SetStartupRequest, command: str, ref):
    """At most one round trip of reads and one PATCH of appCommandLine, for one app."""
    from ..adapters.arm import AppService
    service = AppService(cli_ctx, ref.subscription)
    snapshot = service.snapshot(ref, settings=False)
    require_web_app(snapshot, "startup command")
    require_linux_code_app(snapshot, "startup command")
    mismatch = interpreter_mismatch(parse_command(command), snapshot.python_version) if command else None
    if mismatch:
        logger.warning(mismatch.message)
    previous = snapshot.app_command_line
    changed = previous != command
    if changed and not request.dry_run:
        verified_write(ref, Write("appCommandLine", lambda: service.patch_config(ref, {"appCommandLine": command}),
                                  lambda: service.get_config(ref),
                                  lambda config: (config.get("appCommandLine") or "").strip(), command))
    elif not changed:
        logger.warning("App '%s' already has this startup command; nothing was written.", ref.label)
    else:
        logger.warning("Dry run: the startup command of '%s' was not written.", ref.label)
    return set_startup_result(ref, previous, command, request.dry_run)
