# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""What App Service runs at startup: the container entrypoint's and Oryx's rules.

A custom startup command wins and disables detection. One token naming an existing file is special:
a `.sh` file runs whole, any other file contributes only its first line. Without a command, Oryx
tries Django (first first-level folder with wsgi.py), FastAPI (Python >= 3.14 only), then six root
file names for Flask/WSGI, and falls back to the default "waiting for your content" site.
Sources: Oryx src/startupscriptgenerator/src/python/{scriptgenerator.go,frameworks.go},
Azure-App-Service/python init_container.sh.
"""

import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional

from ..booleans import GO
from ..problems import ERROR, WARNING, Problem
from ..project import ProjectFacts
from ..settings import (DISABLE_FASTAPI_DETECTION, PYTHON_ENABLE_GUNICORN_MULTIWORKERS,
                        PYTHON_GUNICORN_CUSTOM_THREAD_NUM, PYTHON_GUNICORN_CUSTOM_WORKER_NUM,
                        PYTHON_USE_GUNICORN_CONFIG_FROM_PATH, STARTUP_BOOLEAN_KEYS, VENV_NAME, invalid_booleans,
                        shown_setting)
from .command import (GUNICORN_CONFIG_FILE, UVICORN_WORKERS, StartupCommand, entrypoint_mangling, parse_command,
                      project_path, read_gunicorn_config, with_gunicorn_config, config_values_that_apply)

CUSTOM, DJANGO, FASTAPI, FLASK, DEFAULT, UNKNOWN = "custom", "django", "fastapi", "flask", "default", "unknown"
FLASK_FILES = ("application.py", "app.py", "run.py", "index.py", "server.py", "wsgi.py")
FASTAPI_FILES = ("main.py", "app.py", "application.py", "server.py", "asgi.py", "api.py", "index.py", "run.py")
FASTAPI_WORKER = UVICORN_WORKERS[1]      # what Oryx's FastAPI detection passes with -k (frameworks.go)
DEFAULT_SITE = "/opt/defaultsite"


@dataclass
class StartupPrediction:  # pylint: disable=too-many-instance-attributes  # a plain record of a prediction
    origin: str
    module: Optional[str]
    command: Optional[str]
    explanation: str
    problems: List[Problem] = field(default_factory=list)
    custom: Optional[StartupCommand] = None      # the custom command (or a startup file's first line), parsed
    server_config: Dict[str, str] = field(default_factory=dict)   # gunicorn.conf.py values that apply
    alternative: Optional[str] = None            # Python unknown: what Python 3.14+ would run instead


def gunicorn_command(module_arg, settings, chdir="<app>"):
    """The exact line Oryx's buildGunicornCommandForModule generates."""
    args = ["--timeout 600", "--access-logfile '-'", "--error-logfile '-'"]
    config = settings.get(PYTHON_USE_GUNICORN_CONFIG_FROM_PATH)
    if config:
        args.append(f"-c {config}")
    if GO.is_true(settings.get(PYTHON_ENABLE_GUNICORN_MULTIWORKERS)):
        args.append(f"--workers={settings.get(PYTHON_GUNICORN_CUSTOM_WORKER_NUM) or '<2 x cores + 1>'}")
        if settings.get(PYTHON_GUNICORN_CUSTOM_THREAD_NUM):
            args.append(f"--threads={settings[PYTHON_GUNICORN_CUSTOM_THREAD_NUM]}")
    args.append(f"--chdir={chdir}")
    return f"GUNICORN_CMD_ARGS=\"{' '.join(args)}\" gunicorn {module_arg}"


APPSVC_YAML = "appsvc.yaml"


def appsvc_run_lines(text: Optional[str]) -> str:
    """The `run:` command of appsvc.yaml exactly as Oryx reads it (src/startupscriptgenerator/src/common/
    parseUserCommands.go ParseUserRunCommand): a line starting with `run:` and something after it, then every
    following line (trimmed) until one that holds a `:`."""
    command, found = [], False
    for line in (text or "").splitlines():
        if found and ":" in line:
            break
        if found:
            command.append(line.strip())
        elif line.startswith("run:") and len(line) > len("run:"):
            found = True
            command.append(line[len("run:"):].strip())
    return "\n".join(command)


def predict(app_command_line: Optional[str], facts: Optional[ProjectFacts], settings: Optional[dict],
            python_version: Optional[str]) -> StartupPrediction:
    """What App Service runs, then appsvc.yaml's `run:` lines, which Oryx appends to the startup script after the
    server command (src/startupscriptgenerator/src/python/main.go: common.AppendScript)."""
    prediction = _predict(app_command_line, facts, settings or {}, python_version)
    run = appsvc_run_lines(facts.text(APPSVC_YAML)) if facts is not None and prediction.command else ""
    if run:
        prediction.command += "\n" + run
        prediction.explanation += (f" {APPSVC_YAML} adds `run:` lines after the server command; they run only "
                                   "when the server exits.")
    return prediction


def _predict(app_command_line, facts, settings, python_version):
    command = (app_command_line or "").strip()
    if command:
        return _apply_gunicorn_config(_predict_custom(command, facts, settings, python_version), facts, settings)
    problems = [Problem("STA010", ERROR, f"{shown_setting(name, settings[name])} is not a valid boolean: the startup "
                        "script is not generated at all", name)
                for name in invalid_booleans(settings, STARTUP_BOOLEAN_KEYS, GO)
                if name != DISABLE_FASTAPI_DETECTION or _reads_fastapi_switch(facts, python_version)]
    if facts is None:
        return StartupPrediction(UNKNOWN, None, None, "No startup command is set, so App Service auto-detects the "
                                 "app from the deployed files, and they could not be listed.", problems)
    prediction = _apply_gunicorn_config(_detect(facts, settings, python_version), facts, settings)
    prediction.problems[:0] = problems
    if python_version is None and prediction.origin != DJANGO:
        prediction.alternative = _on_python_314(facts, settings)
        if prediction.alternative:
            prediction.explanation += f" (Assuming Python below 3.14. {prediction.alternative})"
    return prediction


def offline_python(facts: Optional[ProjectFacts], given: Optional[str]):
    """(the Python version to predict with offline, a note saying where it came from): --python-version, else
    the project's own pins when they agree (Oryx does not read them on App Service, where the app's configured
    version wins, but they say which version the project is meant for), else (None, None)."""
    if given:
        return given, None
    pinned = facts.pinned_version if facts is not None else None
    if pinned is None:
        return None, None
    return pinned[0], f" Python {pinned[0]} is taken from the project's {pinned[1]}."


def _reads_fastapi_switch(facts, python_version):
    """Oryx reads DISABLE_FASTAPI_DETECTION only on Python 3.14+ and only when no Django folder came first
    (frameworks.go DetectFramework: `isPythonVersionAtLeast(...) && !GetBooleanEnvironmentVariable(...)`);
    only then does an invalid value stop the script (common/environmentVariablesHelper.go panics)."""
    if not python_version or _version_tuple(python_version) < (3, 14):
        return False
    return facts is None or not django_folders(facts)


def _on_python_314(facts, settings):
    """What FastAPI detection would pick instead on Python 3.14+ when the Python version is unknown: Oryx runs
    it only from 3.14 (src/startupscriptgenerator/src/python/frameworks.go isPythonVersionAtLeast(.., 3, 14))."""
    fastapi = _fastapi_candidate(facts, settings, "3.14")
    if not fastapi or fastapi is UNKNOWN:
        return None
    return (f"On Python 3.14 or later Oryx's FastAPI detection runs {fastapi[:-3]}:app with gunicorn -k "
            f"{FASTAPI_WORKER} instead; give --python-version or pin it in .python-version or runtime.txt.")


def _apply_gunicorn_config(prediction, facts, settings):
    """gunicorn loads ./gunicorn.conf.py (or the -c file) from the app folder it starts in: its values apply where
    neither the command line nor Oryx's GUNICORN_CMD_ARGS (timeout, workers with multiworkers) set them
    (gunicorn gunicorn/app/base.py load_config, gunicorn/config.py get_default_config_file)."""
    custom = prediction.custom
    runs_gunicorn = custom.server == "gunicorn" if custom else prediction.origin in (DJANGO, FASTAPI, FLASK)
    if facts is None or not runs_gunicorn:
        return prediction
    path = project_path((custom.config if custom else settings.get(PYTHON_USE_GUNICORN_CONFIG_FROM_PATH)) or
                        GUNICORN_CONFIG_FILE)
    values = read_gunicorn_config(facts.text(path) or "") if path else {}
    if custom:
        prediction.custom = with_gunicorn_config(custom, values)
        values = config_values_that_apply(custom, values)
    else:
        overridden = {"timeout"} | ({"worker_class"} if prediction.origin == FASTAPI else set()) | \
            ({"workers"} if GO.is_true(settings.get(PYTHON_ENABLE_GUNICORN_MULTIWORKERS)) else set())
        values = {k: v for k, v in values.items() if k not in overridden}
    if values:
        prediction.server_config = values
        prediction.explanation += f" gunicorn also loads {path}, whose " + ", ".join(
            f"{key} = {value}" for key, value in sorted(values.items())) + " apply."
    return prediction


def _predict_custom(command, facts, settings, python_version):
    tokens = command.split()
    name = project_path(tokens[0]) if len(tokens) == 1 else None
    script = project_path(tokens[1]) if len(tokens) == 2 and tokens[0] in SHELLS and tokens[1].endswith(".sh") \
        else None
    if script and facts is not None and script in facts.files:
        return _predict_script(script, command, facts)          # `bash startup.sh` runs the same script
    if name and facts is not None and name in facts.files:
        if tokens[0].endswith(".sh"):
            return _predict_script(name, command, facts)
        text = facts.text(name)
        first = text.split("\n", 1)[0] if text is not None else None
        if first == "":
            detected = _detect(facts, settings, python_version)
            detected.explanation = (f"The startup command names the file {name}, whose first line is blank: the "
                                    f"startup command is empty, so auto-detection runs. {detected.explanation}")
            return detected
        parsed = parse_command(first.rstrip("\r")) if first else None
        shown = f": {first.rstrip()}" if first else " (its contents are not available here)"
        explanation = f"The startup command names the file {name}: App Service runs only its first line{shown}."
        written = [line for line in (text or "").split("\n") if line.strip()]
        problems = [Problem("STA006", WARNING, f"{name} has {len(written)} lines but only the first runs (use a .sh "
                            "script to run them all)")] if len(written) > 1 else []
        if first and first.endswith("\r"):
            problems.append(_carriage_return(name, first))
        if first and first.startswith(BOM):
            problems.append(_byte_order_mark(name, first))
        problems.extend(quoting_problems(first or "", f"The first line of {name}"))
        return StartupPrediction(CUSTOM, parsed.target if parsed else None, first or command, explanation, problems,
                                 parsed)
    parsed = parse_command(command)
    return StartupPrediction(CUSTOM, parsed.target, command, "A custom startup command is set, so App Service runs "
                             "it as is and does no framework detection.", quoting_problems(command), parsed)


def quoting_problems(command: str, what: str = "The startup command") -> List[Problem]:
    """STA012: single quotes in a command the image wraps in single quotes and evals (init_container.sh)."""
    mangled = entrypoint_mangling(command)
    return [Problem("STA012", WARNING, f"{what} {mangled}; move the command into a startup .sh file.")] \
        if mangled else []


def _predict_script(name, command, facts):
    """A .sh startup file runs whole; the server line in it (the last gunicorn/uvicorn/python/... line) is what
    the startup rules judge (init_container.sh passes the file to Oryx as the command)."""
    text = facts.text(name) or ""
    joined = text.replace("\\\n", "")          # bash joins a line ending in a backslash with the next one
    server_lines = [line for line in (raw.strip() for raw in joined.split("\n")) if line and not line.startswith("#")
                    and parse_command(_without_exec(line)).server in SERVER_NAMES]
    parsed = parse_command(_without_exec(server_lines[-1])) if server_lines else None
    problems = [Problem("STA011", ERROR, f"{name} has CRLF line endings: bash reads the \\r as part of every "
                        "command (\"$'\\r': command not found\", \"bad interpreter\") and the app does not start.")
                ] if "\r\n" in text else []
    shown = f" Its server line: {server_lines[-1]}." if server_lines else ""
    return StartupPrediction(CUSTOM, parsed.target if parsed else None, command, f"The startup command is the "
                             f"script {name}: App Service makes it executable and runs the whole script.{shown}",
                             problems, parsed)


SHELLS = frozenset({"bash", "sh", "/bin/bash", "/bin/sh", "/usr/bin/bash"})
SERVER_NAMES = frozenset({"gunicorn", "uvicorn", "hypercorn", "daphne", "waitress", "flask", "django", "python",
                          "aiohttp"})


def _without_exec(line):
    return line[5:] if line.startswith("exec ") else line


BOM = "\ufeff"


def _byte_order_mark(name, first):
    """STA011: `head -1` keeps a UTF-8 byte order mark too (Azure-App-Service/python 3.8/init_container.sh): the
    command's first word starts with it and bash finds no such command."""
    word = first[1:].split()[0] if first[1:].split() else ""
    return Problem("STA011", ERROR, f"{name} starts with a UTF-8 byte order mark: bash looks for a command named "
                   f"'\\ufeff{word}', which does not exist, and the app does not start (save it as UTF-8 without BOM).")


def _carriage_return(name, first):
    """STA011: `head -1` keeps the \\r of a CRLF line (Azure-App-Service/python 3.8/init_container.sh) and bash
    does not strip it: the last word ends in \\r. That
    breaks a module-only target (`mysite.wsgi\\r`: ModuleNotFoundError), a script or a sub-command; a
    `module:object` target still loads (gunicorn's ast.parse reads `app\\r` as `app`) and numbers still parse."""
    last = first.split()[-1] if first.split() else ""
    harmless = re.fullmatch(r"[\w.]+:[\w.()]+|[\d.:]+", last)
    consequence = "the command still works, but convert it" if harmless else \
        f"'{last}\\r' is not '{last}' and the app does not start"
    return Problem("STA011", WARNING if harmless else ERROR,
                   f"{name} has CRLF line endings: the command keeps a trailing \\r ({consequence}).")


def django_folders(facts: ProjectFacts) -> List[str]:
    """First-level folders holding a wsgi.py, in the order Oryx looks at them (sorted by name, antenv skipped);
    the first one makes the app "Django" (frameworks.go DetectFramework)."""
    return [d for d in sorted(facts.dirs) if "/" not in d and d != VENV_NAME and f"{d}/wsgi.py" in facts.files]


def root_entry_files(facts: ProjectFacts) -> List[str]:
    """The root files Oryx's Flask/WSGI detection would run, in its order; the first one wins."""
    return [name for name in FLASK_FILES if name in facts.files]


def needs_files(app_command: Optional[str]) -> bool:
    """Whether the project's files change what runs: no command (detection), or one word (maybe a startup file)."""
    return len((app_command or "").split()) <= 1


def _detect(facts, settings, python_version):
    django_dir = next(iter(django_folders(facts)), None)
    if django_dir:
        module = f"{django_dir}.wsgi"
        return StartupPrediction(DJANGO, module, gunicorn_command(module, settings),
                                 f"No startup command is set and {django_dir} is, by name, the first top-level "
                                 "folder holding a wsgi.py, so App Service treats the app as Django and runs gunicorn "
                                 f"on {module} (callable 'application').")
    fastapi = _fastapi_candidate(facts, settings, python_version)
    if fastapi is UNKNOWN:
        return StartupPrediction(UNKNOWN, None, None, f"No startup command is set and Python {python_version} would "
                                 "try FastAPI detection, which needs the files' contents; only a file listing is "
                                 "available.")
    if fastapi:
        module = f"{fastapi[:-3]}:app"
        return StartupPrediction(FASTAPI, module, gunicorn_command(f"-k {FASTAPI_WORKER} {module}",
                                                                   settings),
                                 f"No startup command is set, the app runs Python {python_version} and {fastapi} "
                                 "imports FastAPI, so App Service runs it with gunicorn and the uvicorn worker.")
    flask = next(iter(root_entry_files(facts)), None)
    if flask:
        module = f"{flask[:-3]}:app"
        return StartupPrediction(FLASK, module, gunicorn_command(module, settings),
                                 f"No startup command is set, no first-level folder has a wsgi.py, and {flask} is "
                                 f"the first of {', '.join(FLASK_FILES)} found at the root, so App Service runs "
                                 f"gunicorn on {module} (the object must be named 'app').")
    return StartupPrediction(DEFAULT, "application:app",
                             gunicorn_command("application:app", settings, chdir=DEFAULT_SITE),
                             "No startup command is set and nothing is auto-detectable (no first-level folder with "
                             f"a wsgi.py, none of {', '.join(FLASK_FILES)} at the root), so App Service serves its "
                             "default 'waiting for your content' site.")


def _fastapi_candidate(facts, settings, python_version):
    """The root file Oryx's FastAPI detection picks, None, or UNKNOWN when contents are unavailable."""
    if not python_version or _version_tuple(python_version) < (3, 14):
        return None
    if GO.is_true(settings.get(DISABLE_FASTAPI_DETECTION)):
        return None
    candidates = [name for name in FASTAPI_FILES if name in facts.files]
    if candidates and not facts.contents_available:
        return UNKNOWN
    for name in candidates:
        text = facts.text(name) or ""
        if re.search(r"from fastapi|import fastapi", text) and "from flask" not in text:
            return name
    return None


def _version_tuple(version):
    return tuple(int(part) for part in re.findall(r"\d+", version)[:2])
