# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""set-startup and show-startup: argument checks and project checks first, then at most one round trip
of reads and one PATCH of config/web holding only appCommandLine."""

from azure.cli.core.azclierror import (ArgumentUsageError, InvalidArgumentValueError, MutuallyExclusiveArgumentError,
                                       RequiredArgumentMissingError, ValidationError)
from knack.log import get_logger

from .appinfo import python_runtime
from .appkind import CONTAINER, WINDOWS
from .facts import AppRef
from .guards import refuse_unless_linux_code_app
from .startup import predict
from . import startup_change
from .startup_change import compose, suggest, uvicorn_worker_for, validate_target

logger = get_logger(__name__)


def local_facts(source, settings=None):
    from .project import scan
    from .projectfacts import build_facts
    files = scan(source)
    return build_facts(files.files, files.dirs, files.read, files.virtualenvs,
                       (settings or {}).get("CUSTOM_REQUIREMENTSTXT_PATH"))


def _positive(option, value, limit):
    if value is None:
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if not 1 <= number <= limit:
        raise InvalidArgumentValueError("{} {!r}: use a whole number from 1 to {}.".format(option, value, limit))
    return number


def command_from_arguments(args, facts):
    """The startup command the arguments ask for ("" to clear), checked for everything that needs no request."""
    modes = [name for name in ("command", "file", "module", "detect", "clear") if args.get(name)]
    if len(modes) != 1:
        raise (MutuallyExclusiveArgumentError if modes else RequiredArgumentMissingError)(
            "Give exactly one of --command, --file, --module, --detect or --clear.")
    parts = [name for name in ("chdir", "workers", "timeout", "server") if args.get(name) is not None]
    if parts and modes[0] not in ("module", "detect"):
        raise ArgumentUsageError("--{} goes with --module or --detect.".format(parts[0]))
    return _BUILDERS[modes[0]](args, facts)


def _from_command(args, _):
    if not args["command"].strip():
        raise InvalidArgumentValueError("--command is empty; use --clear to remove the startup command.")
    return args["command"].strip()


def _from_file(args, facts):
    name = args["file"].strip()
    if not name or len(name.split()) != 1:
        raise InvalidArgumentValueError("--file {!r}: give one file name in the project, such as startup.sh."
                                        .format(args["file"]))
    if facts is not None and not facts.exists(name):
        raise InvalidArgumentValueError("--file {}: not in the project.".format(name))
    return name


def _from_parts(args, facts, module, chdir, server):
    workers = _positive("--workers", args.get("workers"), 64)
    timeout = _positive("--timeout", args.get("timeout"), 3600)
    return compose(module, chdir, workers, timeout, server, uvicorn_worker_for(facts))


def _from_module(args, facts):
    invalid = validate_target("--module", args["module"])
    if invalid:
        raise InvalidArgumentValueError(invalid.message)
    return _from_parts(args, facts, args["module"], args.get("chdir"), args.get("server") or "gunicorn")


def _from_detect(args, facts):
    if facts is None:
        raise RequiredArgumentMissingError("--detect needs --source, the project folder to derive the command from.")
    found = suggest(facts)
    if found is None:
        raise ValidationError("--detect: no application object (Flask, FastAPI, Quart, Starlette) or Django "
                              "project found in {}.".format(args["source"]))
    logger.warning("Detected: %s.", found.why)
    server = args.get("server") or ("uvicorn" if found.asgi else "gunicorn")
    return _from_parts(args, facts, found.module, args.get("chdir") or found.chdir, server)


_BUILDERS = {"command": _from_command, "file": _from_file, "module": _from_module, "detect": _from_detect,
             "clear": lambda args, facts: ""}


def set_startup(cli_ctx, ref: AppRef, args):
    from .arm import AppService
    facts = local_facts(args["source"]) if args.get("source") else None
    command = command_from_arguments(args, facts)
    blocking = _report(startup_change.check(command, facts) if command else [], args.get("force"))
    if blocking:
        raise ValidationError(blocking)
    service = AppService(cli_ctx)
    snapshot = service.snapshot(ref, settings=False)
    if snapshot.kind.is_function_app:
        raise ValidationError("App '{}' is a function app: the Functions host starts it, there is no startup "
                              "command to set.".format(ref.label))
    refuse_unless_linux_code_app(snapshot, "startup command")
    mismatch = startup_change.interpreter_mismatch(command, python_runtime(snapshot)[1])
    if mismatch:
        logger.warning(mismatch)
    previous = snapshot.config.get("appCommandLine") or ""
    changed = previous != command
    if changed and not args.get("dry_run"):
        service.patch_config(ref, {"appCommandLine": command})
    elif not changed:
        logger.warning("App '%s' already has this startup command; nothing was written.", ref.label)
    return {"name": ref.name, "resourceGroup": ref.resource_group, "slot": ref.slot, "previous": previous or None,
            "current": command or None, "changed": changed, "dryRun": bool(args.get("dry_run")),
            "written": changed and not args.get("dry_run")}


def _report(findings, force):
    """Warn about every finding; return the first blocking message (None when forced or none blocks)."""
    errors = [f.message for f in findings if f.error]
    for finding in findings:
        if not finding.error or force:
            logger.warning(finding.message)
    if errors and not force:
        more = " ({} more; --force writes anyway)".format(len(errors) - 1) if len(errors) > 1 else \
            " (--force writes anyway)"
        return errors[0] + more
    return None


def show_startup(cli_ctx, ref=None, source=None):
    facts = local_facts(source) if source else None
    if ref is None:
        prediction = predict(None, facts, {}, None)
        return _shape(prediction, source, None)
    from .arm import AppService
    snapshot = AppService(cli_ctx).snapshot(ref)
    kind = snapshot.kind
    if kind.is_function_app or kind.platform in (WINDOWS, CONTAINER):
        why = {WINDOWS: "a Windows app: Python on Windows App Service is retired",
               CONTAINER: "a custom container: its image's ENTRYPOINT/CMD starts it"}.get(
                   kind.platform, "a function app: the Functions host starts it")
        return {"origin": "unknown", "module": None, "command": None, "explanation": "App '{}' is {}.".format(
            ref.label, why), "problems": [], "source": source}
    origin_of_files, note = source, None
    command = (snapshot.config.get("appCommandLine") or "").strip()
    if facts is None and len(command.split()) <= 1:      # files matter only for detection or a startup file
        from .kudu import deployed_facts
        facts, note = deployed_facts(cli_ctx, snapshot)
        origin_of_files = "deployed files" if facts is not None else None
    _, python = python_runtime(snapshot)
    prediction = predict(command, facts, snapshot.settings, python)
    result = _shape(prediction, origin_of_files, python)
    if note:
        result["explanation"] += " " + note
    return result


def _shape(prediction, source, python):
    return {"origin": prediction.origin, "module": prediction.module, "command": prediction.command,
            "explanation": prediction.explanation, "problems": prediction.problems, "source": source,
            "pythonVersion": python}
