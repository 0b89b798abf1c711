# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""What App Service runs at startup: the container entrypoint's and Oryx's rules, as pure functions.

A custom startup command wins and disables detection. One token naming an existing file is special:
a `.sh` file runs whole, any other file contributes only its first line. Without a command, Oryx
tries Django (first first-level folder with wsgi.py), FastAPI (Python >= 3.14 only), then six root
file names for Flask/WSGI, and falls back to the default "waiting for your content" site.
Sources: Oryx src/startupscriptgenerator/src/python, Azure-App-Service/python init_container.sh.
"""

import re
import shlex
from dataclasses import dataclass, field
from typing import List, Optional

from .projectfacts import ProjectFacts

CUSTOM, DJANGO, FASTAPI, FLASK, DEFAULT, UNKNOWN = "custom", "django", "fastapi", "flask", "default", "unknown"
FLASK_FILES = ("application.py", "app.py", "run.py", "index.py", "server.py", "wsgi.py")
FASTAPI_FILES = ("main.py", "app.py", "application.py", "server.py", "asgi.py", "api.py", "index.py", "run.py")
VENV_NAME = "antenv"
PLATFORM_PORT = "8000"
_GO_TRUE = {"1", "t", "T", "TRUE", "true", "True"}
_GO_FALSE = {"0", "f", "F", "FALSE", "false", "False"}
UVICORN_WORKERS = ("uvicorn.workers.UvicornWorker", "uvicorn_worker.UvicornWorker")
MODULE_SERVERS = ("gunicorn", "uvicorn", "hypercorn", "daphne")     # servers that load a module:object


# -- parsing a startup command ---------------------------------------------------------------------
@dataclass
class StartupCommand:
    raw: str
    server: Optional[str] = None          # gunicorn | uvicorn | hypercorn | daphne | waitress | flask | django
                                          # | aiohttp | script | python
    target: Optional[str] = None          # module:object (or a dotted module) the server loads
    script: Optional[str] = None          # a .sh/.py file the command runs
    bind_host: Optional[str] = None
    bind_port: Optional[str] = None
    workers: Optional[str] = None
    worker_class: Optional[str] = None
    chdir: Optional[str] = None
    timeout: Optional[str] = None
    interpreter: Optional[str] = None     # e.g. "3.7" for a hard-coded python3.7
    error: Optional[str] = None

    @property
    def module(self):
        return self.target.split(":", 1)[0] if self.target else None

    @property
    def app_object(self):
        return self.target.split(":", 1)[1] if self.target and ":" in self.target else None


_SERVERS = {"gunicorn": "gunicorn", "uvicorn": "uvicorn", "hypercorn": "hypercorn", "daphne": "daphne",
            "waitress-serve": "waitress", "waitress": "waitress", "flask": "flask", "aiohttp.web": "aiohttp"}
_OPTIONS_WITH_VALUE = {"-b", "--bind", "-w", "--workers", "-k", "--worker-class", "--chdir", "-t", "--timeout",
                       "-c", "--config", "--host", "--port", "--app-dir", "--threads", "--log-level", "-e", "--env",
                       "--access-logfile", "--error-logfile", "--name", "-n", "--root-path", "--listen", "-H", "-P",
                       "--worker-connections", "--keep-alive", "--graceful-timeout", "--max-requests", "--backlog"}


def parse_command(command: str) -> StartupCommand:
    """Split with shlex and read the server's own options, so checks reason about structure."""
    parsed = StartupCommand(raw=command)
    try:
        tokens = shlex.split(command, comments=False)
    except ValueError as error:
        parsed.error = "cannot be split into words ({})".format(error)
        return parsed
    segment = _server_segment(tokens)
    while segment and re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", segment[0]):    # leading VAR=value
        segment = segment[1:]
    if not segment:
        return parsed
    head = segment[0].rsplit("/", 1)[-1]
    version = re.fullmatch(r"python(3\.\d+)?", head)
    if version:
        parsed.interpreter = version.group(1)
        segment = _python_invocation(parsed, segment[1:])
        if segment is None:
            return parsed
    elif head.endswith((".sh", ".bash")):
        parsed.server, parsed.script = "script", segment[0]
        return parsed
    else:
        parsed.server = _SERVERS.get(head, head)
        segment = segment[1:]
    _read_options(parsed, segment)
    return parsed


def _server_segment(tokens):
    """The part of `a && b; c` that starts the server (the last segment that names a known server)."""
    segments, current = [], []
    for token in tokens:
        if token in ("&&", ";", "||", "|"):
            segments.append(current)
            current = []
        else:
            current.append(token)
    segments.append(current)
    for segment in reversed(segments):
        if any(t.rsplit("/", 1)[-1] in _SERVERS or re.fullmatch(r"python(3\.\d+)?", t.rsplit("/", 1)[-1])
               for t in segment):
            return segment
    return segments[-1]


def _python_invocation(parsed, rest):
    """`python -m gunicorn ...`, `python manage.py runserver ...`, `python app.py`."""
    if len(rest) >= 2 and rest[0] == "-m":
        parsed.server = _SERVERS.get(rest[1], rest[1])
        return rest[2:]
    if rest and rest[0].endswith(".py"):
        parsed.script = rest[0]
        if rest[0].rsplit("/", 1)[-1] == "manage.py" and "runserver" in rest:
            parsed.server = "django"
            address = next((t for t in rest[rest.index("runserver") + 1:] if not t.startswith("-")), None)
            parsed.bind_host, parsed.bind_port = _split_address(address or "127.0.0.1:8000")
        else:
            parsed.server = "python"
        return None
    parsed.server = "python"
    return None


def _split_address(value):
    if value.startswith("unix:"):
        return value, None
    host, _, port = value.rpartition(":")
    if not _:
        return (value, None) if not value.isdigit() else (None, value)
    return host or None, port or None


def _read_options(parsed, tokens):
    index, positionals = 0, []
    while index < len(tokens):
        token = tokens[index]
        name, has_inline, inline = token.partition("=") if token.startswith("--") else (token, False, "")
        if token.startswith("-") and (name in _OPTIONS_WITH_VALUE):
            value = inline if has_inline else (tokens[index + 1] if index + 1 < len(tokens) else "")
            index += 1 if has_inline else 2
            _assign(parsed, name, value)
            continue
        if not token.startswith("-"):
            positionals.append(token)
        index += 1
    if parsed.server == "flask":
        parsed.bind_host = parsed.bind_host or "127.0.0.1"
        parsed.bind_port = parsed.bind_port or "5000"
    elif parsed.server == "uvicorn":
        parsed.bind_host = parsed.bind_host or "127.0.0.1"      # uvicorn's own default
        parsed.bind_port = parsed.bind_port or "8000"
    candidates = [p for p in positionals if re.fullmatch(r"[A-Za-z_][\w.]*(:[A-Za-z_][\w.()]*)?", p)
                  and p not in ("run", "runserver")]
    if candidates:
        parsed.target = candidates[-1]


_OPTION_FIELDS = {"--host": "bind_host", "-H": "bind_host", "--port": "bind_port", "-P": "bind_port",
                  "-w": "workers", "--workers": "workers", "-k": "worker_class", "--worker-class": "worker_class",
                  "--chdir": "chdir", "--app-dir": "chdir", "-t": "timeout", "--timeout": "timeout"}


def _assign(parsed, name, value):
    if name in ("-b", "--bind", "--listen"):
        parsed.bind_host, parsed.bind_port = _split_address(value)
    elif name in _OPTION_FIELDS:
        setattr(parsed, _OPTION_FIELDS[name], value)


def binding_problem(command: StartupCommand) -> Optional[str]:
    """Why the server would not answer App Service's pings on 0.0.0.0:$PORT, or None."""
    host, port = command.bind_host, command.bind_port
    if host and (host in ("127.0.0.1", "localhost", "::1") or host.startswith("unix:")):
        return "binds {} — only the container itself can reach it; bind 0.0.0.0".format(host)
    if port and port not in (PLATFORM_PORT, "$PORT", "${PORT}"):
        return "listens on port {} — App Service sends traffic to $PORT (8000)".format(port)
    return None


def is_async_worker(command: StartupCommand) -> bool:
    worker = (command.worker_class or "").strip()
    return command.server in ("uvicorn", "hypercorn", "daphne") or worker in UVICORN_WORKERS or \
        worker.endswith("UvicornWorker") or "aiohttp" in worker


# -- predicting what runs ---------------------------------------------------------------------------
@dataclass
class StartupPrediction:
    origin: str
    module: Optional[str]
    command: Optional[str]
    explanation: str
    problems: List[str] = field(default_factory=list)
    custom: Optional[StartupCommand] = None
    detail: dict = field(default_factory=dict)


def go_bool(value) -> Optional[bool]:
    """Go's strconv.ParseBool, as the startup generator reads its switches; None when unparseable."""
    if value in _GO_TRUE:
        return True
    if value in _GO_FALSE:
        return False
    return None


def gunicorn_command(module_arg, settings, chdir="<app>"):
    """The exact line Oryx's buildGunicornCommandForModule generates."""
    args = ["--timeout 600", "--access-logfile '-'", "--error-logfile '-'"]
    config = settings.get("PYTHON_USE_GUNICORN_CONFIG_FROM_PATH")
    if config:
        args.append("-c " + config)
    if go_bool(settings.get("PYTHON_ENABLE_GUNICORN_MULTIWORKERS", "false")):
        args.append("--workers=" + (settings.get("PYTHON_GUNICORN_CUSTOM_WORKER_NUM") or "<2 x cores + 1>"))
        if settings.get("PYTHON_GUNICORN_CUSTOM_THREAD_NUM"):
            args.append("--threads=" + settings["PYTHON_GUNICORN_CUSTOM_THREAD_NUM"])
    args.append("--chdir=" + chdir)
    return 'GUNICORN_CMD_ARGS="{}" gunicorn {}'.format(" ".join(args), module_arg)


def predict(app_command_line: Optional[str], facts: Optional[ProjectFacts], settings: Optional[dict],
            python_version: Optional[str]) -> StartupPrediction:
    settings = settings or {}
    command = (app_command_line or "").strip()
    if command:
        return _predict_custom(command, facts)
    problems = [
        "{}={!r} is not a valid boolean: the startup script is not generated at all".format(name, settings[name])
        for name in ("PYTHON_ENABLE_GUNICORN_MULTIWORKERS", "DISABLE_FASTAPI_DETECTION")
        if name in settings and go_bool(settings[name]) is None]
    if facts is None:
        return StartupPrediction(UNKNOWN, None, None, "No startup command is set, so App Service auto-detects the "
                                 "app from the deployed files, and they could not be listed.", problems)
    prediction = _detect(facts, settings, python_version)
    prediction.problems[:0] = problems
    return prediction


def _predict_custom(command, facts):
    tokens = command.split()
    if len(tokens) == 1 and facts is not None and facts.exists(tokens[0]) and tokens[0] not in facts.dirs:
        name = tokens[0]
        if name.endswith(".sh"):
            return StartupPrediction(CUSTOM, None, command, "The startup command is the script {}: App Service "
                                     "makes it executable and runs the whole script.".format(name),
                                     detail={"file": name, "mode": "script"})
        text = facts.read(name)
        lines = [line for line in (text or "").splitlines()]
        first = lines[0].strip() if lines else None
        parsed = parse_command(first) if first else None
        explanation = ("The startup command names the file {}: App Service runs only its first line{}.".format(
            name, ": " + first if first else " (its contents are not available here)"))
        problems = ["{} has {} lines but only the first runs (use a .sh script to run them all)".format(
            name, len([line for line in lines if line.strip()]))] if len([x for x in lines if x.strip()]) > 1 else []
        return StartupPrediction(CUSTOM, parsed.target if parsed else None, first or command, explanation, problems,
                                 parsed, {"file": name, "mode": "first-line"})
    parsed = parse_command(command)
    return StartupPrediction(CUSTOM, parsed.target, command, "A custom startup command is set, so App Service runs "
                             "it as is and does no framework detection.", custom=parsed)


def _detect(facts, settings, python_version):
    django_dir = next((d for d in sorted(facts.dirs) if "/" not in d and d != VENV_NAME
                       and d + "/wsgi.py" in facts.files), None)
    if django_dir:
        module = django_dir + ".wsgi"
        return StartupPrediction(DJANGO, module, gunicorn_command(module, settings),
                                 "No startup command is set and {}/wsgi.py is the first first-level folder with a "
                                 "wsgi.py, so App Service treats the app as Django and runs gunicorn on {} "
                                 "(callable 'application').".format(django_dir, module), detail={"file": django_dir +
                                                                                                "/wsgi.py"})
    fastapi = _fastapi_candidate(facts, settings, python_version)
    if fastapi is UNKNOWN:
        return StartupPrediction(UNKNOWN, None, None, "No startup command is set and Python {} would try FastAPI "
                                 "detection, which needs the files' contents; only a file listing is available."
                                 .format(python_version))
    if fastapi:
        module = fastapi[:-3] + ":app"
        return StartupPrediction(FASTAPI, module, gunicorn_command("-k uvicorn_worker.UvicornWorker " + module,
                                                                   settings),
                                 "No startup command is set, the app runs Python {} and {} imports FastAPI, so "
                                 "App Service runs it with gunicorn and the uvicorn worker.".format(
                                     python_version, fastapi), detail={"file": fastapi})
    flask = next((name for name in FLASK_FILES if name in facts.files), None)
    if flask:
        module = flask[:-3] + ":app"
        return StartupPrediction(FLASK, module, gunicorn_command(module, settings),
                                 "No startup command is set, no first-level folder has a wsgi.py, and {} is the "
                                 "first of {} found at the root, so App Service runs gunicorn on {} (the object "
                                 "must be named 'app').".format(flask, ", ".join(FLASK_FILES), module),
                                 detail={"file": flask})
    return StartupPrediction(DEFAULT, "application:app",
                             gunicorn_command("application:app", settings, chdir="/opt/defaultsite"),
                             "No startup command is set and nothing is auto-detectable (no first-level folder with "
                             "a wsgi.py, none of {} at the root), so App Service serves its default 'waiting for "
                             "your content' site.".format(", ".join(FLASK_FILES)))


def _fastapi_candidate(facts, settings, python_version):
    """The root file Oryx's FastAPI detection picks, None, or UNKNOWN when contents are unavailable."""
    if not python_version or _version_tuple(python_version) < (3, 14):
        return None
    if go_bool(settings.get("DISABLE_FASTAPI_DETECTION", "false")):
        return None
    candidates = [name for name in FASTAPI_FILES if name in facts.files]
    if candidates and not facts.contents_available:
        return UNKNOWN
    for name in candidates:
        text = facts.read(name) or ""
        if re.search(r"from fastapi|import fastapi", text) and "from flask" not in text:
            return name
    return None


def _version_tuple(version):
    return tuple(int(part) for part in re.findall(r"\d+", version)[:2])


def module_file_candidates(module: str, chdir: Optional[str] = None) -> List[str]:
    """Project paths that can provide `pkg.mod` (pkg/mod.py or pkg/mod/__init__.py), under --chdir."""
    base = (chdir.strip("/") + "/") if chdir and chdir not in (".", "./") else ""
    path = base + module.replace(".", "/")
    return [path + ".py", path + "/__init__.py"]
