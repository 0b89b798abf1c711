# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Reading a startup command the way the shell and the server will: words (shlex), the segment that starts
the server, and the server's own options (bind, workers, worker class, --chdir, timeout).

Sources: gunicorn gunicorn/config.py (options, `Bind` default 0.0.0.0:$PORT when PORT is set, else
127.0.0.1:8000; `get_default_config_file`: ./gunicorn.conf.py of the folder gunicorn starts in, which Oryx
makes the app folder), gunicorn/app/base.py (`load_config` precedence), uvicorn's and flask's defaults
(127.0.0.1:8000, 127.0.0.1:5000).
"""

import ast
import keyword
import re
import shlex
from dataclasses import dataclass, replace
from typing import Dict, List, Optional

from ..project import DYNAMIC, join_inside

PLATFORM_PORT = "8000"
UVICORN_WORKERS = ("uvicorn.workers.UvicornWorker", "uvicorn_worker.UvicornWorker")
MODULE_SERVERS = ("gunicorn", "uvicorn", "hypercorn", "daphne")     # servers that load a module:object
_SERVER_PACKAGES = {"uvicorn": "uvicorn", "hypercorn": "hypercorn", "daphne": "daphne", "waitress": "waitress",
                    "aiohttp": "aiohttp", "gunicorn": None}     # gunicorn ships in App Service's Python image


@dataclass
class StartupCommand:  # pylint: disable=too-many-instance-attributes  # a plain record of a parsed command
    raw: str
    # gunicorn | uvicorn | hypercorn | daphne | waitress | flask | django | aiohttp | script | python
    server: Optional[str] = None
    target: Optional[str] = None          # module:object (or a dotted module) the server loads
    script: Optional[str] = None          # a .sh/.py file the command runs
    bind_host: Optional[str] = None
    bind_port: Optional[str] = None
    workers: Optional[str] = None
    worker_class: Optional[str] = None
    chdir: Optional[str] = None
    timeout: Optional[str] = None
    config: Optional[str] = None          # gunicorn -c/--config
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
        parsed.error = f"cannot be split into words ({error})"
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
    if candidates and parsed.server in _SERVERS.values():     # `pip install foo` names a package, not a module
        parsed.target = candidates[-1]


_OPTION_FIELDS = {"--host": "bind_host", "-H": "bind_host", "--port": "bind_port", "-P": "bind_port",
                  "-w": "workers", "--workers": "workers", "-k": "worker_class", "--worker-class": "worker_class",
                  "--chdir": "chdir", "--app-dir": "chdir", "-t": "timeout", "--timeout": "timeout",
                  "-c": "config", "--config": "config"}


def _assign(parsed, name, value):
    if name in ("-b", "--bind", "--listen"):
        parsed.bind_host, parsed.bind_port = _split_address(value)
    elif name in _OPTION_FIELDS:
        setattr(parsed, _OPTION_FIELDS[name], value)


APP_ROOT = "/home/site/wwwroot"      # the built-in image's WORKDIR, where the deployed files are


def project_path(path: Optional[str]) -> Optional[str]:
    """The project path a startup command's path names: `./x` and `/home/site/wwwroot/x` are `x` (the image runs
    from /home/site/wwwroot, Azure-App-Service/python 3.8/init_container.sh), `a/../b` is `b`; None for a path
    elsewhere."""
    if path is None or path.startswith(("$", "~")):
        return None
    if path.startswith("/"):
        if path.rstrip("/") != APP_ROOT and not path.startswith(APP_ROOT + "/"):
            return None
        path = path[len(APP_ROOT):].lstrip("/")
    return join_inside("", path)      # `src/../src` is `src`; above the app's folder is elsewhere


def entrypoint_mangling(command: str) -> Optional[str]:
    """What the built-in image does to a command with single quotes, or None when it has none. The entrypoint
    builds `-userStartupCommand '<command>'` and `eval`s it (Azure-App-Service/python 3.8/init_container.sh), so
    each quote of the command closes or reopens the wrapping: the unquoted runs are split and parsed by bash."""
    if "'" not in command:
        return None
    parts = command.split("'")
    if len(parts) % 2 == 0:
        return "has an odd number of single quotes: the entrypoint's eval fails and no startup script is generated"
    received = ""
    for index, part in enumerate(parts):
        if index % 2 == 0:
            received += part
            continue
        if re.search(r"[()]", part):
            return (f"puts {part!r} outside quotes in the entrypoint's eval: bash stops with a syntax error and no "
                    "startup script is generated")
        cut = re.search(r"[\s;&|<>]", part)
        if cut:
            return f"reaches Oryx as {received + part[:cut.start()]!r}: the rest is split off by the entrypoint's eval"
        received += part
    return f"reaches Oryx as {received!r}: the entrypoint's eval removes its quotes"


_UNCARRIED = re.compile(r"""["'$`\\!]""")


def entrypoint_word(word: str) -> Optional[str]:
    """One word of a command derived from another platform's configuration, as entrypoint_quote writes it; None
    when no quoting carries it through the entrypoint's single-quoted eval (a quote, `$`, a backslash, a backtick
    or `!` in it: see entrypoint_mangling)."""
    return None if _UNCARRIED.search(word) else entrypoint_quote([word])


def entrypoint_quote(words: List[str]) -> str:
    """One command line from words, quoted so that it survives the entrypoint's single-quoted eval: a word that
    needs quoting gets double quotes (validated words hold no `"`, `$`, backslash or backtick)."""
    return " ".join(word if shlex.quote(word) == word or re.search(r'["$`\\!]', word) else f'"{word}"'
                    for word in words)


GUNICORN_CONFIG_FILE = "gunicorn.conf.py"
_CONFIG_FIELDS = {"worker_class": "worker_class", "workers": "workers", "timeout": "timeout", "bind": "bind"}


def read_gunicorn_config(text: str) -> Dict[str, str]:
    """The module-level assignments of a gunicorn config file to `worker_class`, `bind`, `workers` and `timeout`
    (plain or annotated), read with ast and never executed. gunicorn runs the file and reads the names it ends with
    (gunicorn/app/base.py get_config_from_filename), so the last assignment wins, and one that is computed
    (`bind = os.environ.get(...)`) makes the value DYNAMIC: unknown here, never judged."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return {}
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target = node.target
        else:
            continue
        if not isinstance(target, ast.Name) or target.id not in _CONFIG_FIELDS:
            continue
        try:
            value = ast.literal_eval(node.value)
        except (ValueError, TypeError, SyntaxError, RecursionError):
            value = DYNAMIC
        if isinstance(value, (list, tuple)) and value:
            value = value[0]                     # gunicorn binds every address; the first is enough here
        found[target.id] = str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else DYNAMIC
    return found


def config_values_that_apply(parsed: StartupCommand, values: Dict[str, str]) -> Dict[str, str]:
    """The config file's values the command line does not set (gunicorn gunicorn/app/base.py load_config: the
    config file first, then GUNICORN_CMD_ARGS, then the command line, each overriding the keys it sets)."""
    bound = parsed.bind_host is not None or parsed.bind_port is not None
    return {key: value for key, value in values.items()
            if not (bound if key == "bind" else getattr(parsed, key) is not None)}


def with_gunicorn_config(parsed: StartupCommand, values: Dict[str, str]) -> StartupCommand:
    """The command as gunicorn runs it, with the config file's values where the command line sets nothing."""
    merged = replace(parsed)
    for key, value in config_values_that_apply(parsed, values).items():
        if key == "bind":
            merged.bind_host, merged.bind_port = _split_address(value)
        else:
            setattr(merged, key, value)
    return merged


def binding_problem(command: StartupCommand) -> Optional[str]:
    """Why the server would not answer App Service's pings on 0.0.0.0:$PORT, or None."""
    host, port = command.bind_host, command.bind_port
    if host and (host in ("127.0.0.1", "localhost", "::1") or host.startswith("unix:")):
        return f"binds {host} — only the container itself can reach it; bind 0.0.0.0"
    if port and port not in (PLATFORM_PORT, "$PORT", "${PORT}"):
        return f"listens on port {port} — App Service sends traffic to $PORT (8000)"
    return None


def is_async_worker(command: StartupCommand) -> bool:
    """Whether the server runs an async worker; a computed worker class (DYNAMIC) is given the benefit of the
    doubt."""
    worker = (command.worker_class or "").strip()
    return worker == DYNAMIC or command.server in ("uvicorn", "hypercorn", "daphne") or worker in UVICORN_WORKERS or \
        worker.endswith("UvicornWorker") or "aiohttp" in worker


def is_valid_target(target: Optional[str]) -> bool:
    """`module[.sub]` with an optional `:object` or `:factory()`, as gunicorn's import_app accepts them: every
    part a Python identifier, the whole value and nothing else (no trailing newline, no shell)."""
    module, colon, obj = (target or "").partition(":")
    if colon:
        obj = obj[:-2] if obj.endswith("()") else obj
        if not _is_name(obj):
            return False
    return all(_is_name(part) for part in module.split("."))


def _is_name(word: str) -> bool:
    return word.isidentifier() and not keyword.iskeyword(word)


def module_file_candidates(module: str, chdir: Optional[str] = None) -> List[str]:
    """Project paths that can provide `pkg.mod` (pkg/mod.py or pkg/mod/__init__.py), under --chdir."""
    base = f"{chdir.strip('/')}/" if chdir and chdir not in (".", "./") else ""
    path = base + module.replace(".", "/")
    return [f"{path}.py", f"{path}/__init__.py"]


def servers_needed(parsed: StartupCommand) -> List[str]:
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
