# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""What the logs say happened: the log-signature catalog (LOG001-LOG013 of DOCTOR-CHECKS.md) over plain text.

Input is the text of a log as the SCM site serves it: a container log (`<date>_<machine>_default_docker.log`,
each line `<ISO-8601 UTC time>Z <text>`, the platform's own `<date>_<machine>_docker.log` in the same form,
KuduLite DiagnosticsController.cs) or the lines of a deployment log (Kudu's LogEntry: `log_time`, `message`).
Every pattern is taken from a real log of ../shared/reference/logs/ (see SOURCES.md) or from the program that
writes the line (Oryx PythonBashBuildSnippet.sh.tpl, OptionsSetupBase.cs; gunicorn arbiter.py/util.py).

The classifier is pure and linear: each line is matched once against anchored, bounded patterns. It returns
the matching lines as they are (timestamps kept); redacting them is the output layer's job (output/redaction.py).
"""

import re
from datetime import datetime, timedelta, timezone
from dataclasses import dataclass, field, replace
from typing import Dict, FrozenSet, Iterable, List, Optional, Tuple

from .appkind import LINUX
from .errors import InvalidValue
from .redact import mask_credentials
from .startup.command import PLATFORM_PORT, parse_command

MAX_EVIDENCE = 5
_MEMORY = 12                         # the lines before a verdict searched for what caused it (a crash, a requirement)
MAX_LINE = 2000                      # a line longer than this is masked, then cut before matching (and shown cut)
TAIL_BYTES = 256 * 1024              # what is read of each log file: its last 256 KB

# A Docker log line: "2024-07-17T23:17:06.604620962Z text" (container) or "2023-03-15T10:25:36.340Z ERROR - ..."
# (platform). Posted logs sometimes join lines, so a time stamp inside a line starts a new one.
_STAMP = r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z"
_LINE_START = re.compile(rf"({_STAMP})\s?")
_EMBEDDED = re.compile(rf"(?<=\S)(?={_STAMP} )")

# -- the signatures ------------------------------------------------------------------------------------------
# Oryx startup script (create-script): no manifest means the build did not run (02, 10); no antenv (03).
_NO_MANIFEST = re.compile(r"Could not find build manifest file")
_NO_VENV = re.compile(r"Could not find virtual environment directory \S*antenv")
# Python import errors (01, 03); the Functions worker's form is LOG013's (17).
_NO_MODULE = re.compile(r"\b(?:ModuleNotFoundError|ImportError): No module named '([\w.]{1,200})'")
_IMPORT_STATEMENT = re.compile(r"^\s*(?:from\s+([\w.]+)\s+import\b|import\s+([\w.]+))")
_BOOTSTRAP_FRAME = re.compile(r'File "<frozen importlib\._bootstrap')
# gunicorn util.import_app (04)
_NO_ATTRIBUTE = re.compile(r"Failed to find attribute '([^']{1,200})' in '([^']{1,200})'")
# the platform's verdicts, old (05, 06) and 2026 (07) formats
_NO_PINGS = re.compile(r"didn't respond to HTTP pings on port: ?(\d{1,5})")
_EXITED = re.compile(r"has exited, failing site start|Site container: \S{1,200} terminated during site startup")
_TIME_LIMIT = re.compile(r"did not start within expected time limit\. Elapsed time = ([\d.]{1,20}) sec|"
                         r"Site startup probe failed after ([\d.]{1,20}) seconds")
# an ASGI app called as WSGI by gunicorn's sync worker (08)
_ASGI_ON_WSGI = re.compile(r"__call__\(\) missing 1 required positional argument: '(send|receive)'")
_WORKER_TIMEOUT = re.compile(r"\[CRITICAL\] WORKER TIMEOUT \(pid:\s?(\d{1,10})\)")          # (09)
# where the server listens: gunicorn's "Listening at", uvicorn's "running on", the command the platform ran (10)
_LISTENING = re.compile(r"(?:Listening at:|Uvicorn running on) https?://[^\s:/]{1,200}:(\d{1,5})")
_APP_COMMAND = re.compile(r"Site's appCommandLine: (.{1,2000})")
# Oryx build failures: pip (PythonBashBuildSnippet.sh.tpl LogError "... | Exit code: N | Please review your
# requirements.txt"), pip's own errors (22), an invalid boolean option (OptionsSetupBase.cs: "Invalid value 'KEY'
# for key 'VALUE'. Value can either be 'true' or 'false'." - the two names are swapped in Oryx's message),
# no platform / version detected (12, 14), Python disabled (13).
_PIP_EXIT = re.compile(r"\| Exit code: (\d{1,5}) \| Please review your (requirements\.txt|setup\.py|uv\.lock)")
_PIP_REQUIREMENT = re.compile(r"ERROR: (?:Could not find a version that satisfies the requirement|"
                              r"No matching distribution found for) ([^\s(]{1,200})")
_BAD_BOOLEAN = re.compile(r"Invalid value '([^']{0,200})' for key '([^']{0,200})'\. "
                          r"Value can either be 'true' or 'false'")
_NO_PLATFORM = re.compile(r"Could not detect any platform in the source directory|"
                          r"Couldn't detect a version for the platform 'python'|Platform 'python' has been disabled")
# the Functions host and Python worker (15, 17, 18)
_NO_FUNCTIONS = re.compile(r"(?<![\d])0 functions loaded|No job functions found|Worker failed to index functions")
_INDEX_FAILURE = re.compile(r"Result: Failure\b")
_INDEXING_FRAME = re.compile(r"in (?:index_functions|_handle__functions_metadata_request|index_function_app)\b")
# a line that says the container (re)started: the banner of App Service's Python image (02), the platform's
# "Starting container" (07) and "docker run" (old format)
_CONTAINER_START = re.compile(r"A P P   S E R V I C E   O N   L I N U X|Starting container: |INFO\s+-\s+docker run ")
# what crashed, named without the rest of the line (which may quote anything, a password included): the
# exception, else gunicorn's reason for stopping (arbiter.py)
_EXCEPTION = re.compile(r"^\s*[\w.]{1,200}(?:Error|Exception)\b")
_CRASH = re.compile(r"^\s*[\w.]{1,200}(?:Error|Exception)\b|Reason: (?:Worker failed to boot|App failed to load)")


@dataclass(frozen=True)
class LogLine:
    at: Optional[str]     # the line's time stamp as written (ISO 8601, UTC), None when it has none
    text: str             # the line without its time stamp
    raw: str              # the line as written (what evidence shows)
    log: str = ""         # the log it was read from, when lines of several logs are read together


@dataclass(frozen=True)
class LogSignal:
    """One signature seen in one log: its code, the facts it names (module, port, requirement...) and the
    matching lines (at most MAX_EVIDENCE, in log order)."""
    code: str
    log: str
    lines: Tuple[LogLine, ...]
    facts: Dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    @property
    def at(self) -> Optional[str]:
        return next((line.at for line in reversed(self.lines) if line.at), None)


@dataclass(frozen=True)
class LogContext:
    """What the configuration says, so the logs can be read against it: the app's own top-level modules (the
    startup module, the deployed top-level names) and the port the platform pings."""
    own_modules: FrozenSet[str] = frozenset()
    port: str = PLATFORM_PORT


def split_lines(text: str, truncated_start: bool = False) -> List[LogLine]:
    """The lines of a log; `truncated_start`: the text starts inside a line (a ranged read), which is dropped."""
    lines = text.splitlines()
    if truncated_start and lines:
        lines = lines[1:]
    found = []
    for raw in lines:
        for piece in _EMBEDDED.split(_cut(raw)):
            stamp = _LINE_START.match(piece)
            found.append(LogLine(stamp.group(1) if stamp else None, piece[stamp.end():] if stamp else piece,
                                 piece.rstrip()))
    return found


def _cut(raw: str) -> str:
    """A line of at most MAX_LINE characters. A longer one has its credentials masked first (a cut would hide a
    credential's end from the masking: https://user:pass@ with no host left), and loses its last, cut word (a
    setting's value cut in two is no longer recognised as that value)."""
    if len(raw) <= MAX_LINE:
        return raw
    masked = mask_credentials(raw)
    if len(masked) <= MAX_LINE:
        return masked
    return masked[:max(masked.rfind(" ", 0, MAX_LINE), 0)]


def last_start(lines: Iterable[LogLine]) -> Optional[str]:
    """The time stamp of the last container start a log shows (the default of --since)."""
    return next((line.at for line in reversed(list(lines)) if line.at and _CONTAINER_START.search(line.text)), None)


def since(lines: List[LogLine], moment: Optional[str]) -> List[LogLine]:
    """The lines at or after `moment` (ISO 8601 UTC): a line without a time stamp belongs to the line before it
    (a traceback). ISO 8601 stamps of one zone compare as text once cut to whole seconds."""
    if not moment:
        return lines
    cut = moment[:19]
    kept, keep = [], False
    for line in lines:
        if line.at:
            keep = line.at[:19] >= cut
        if keep:
            kept.append(line)
    return kept


def classify(lines: List[LogLine], log: str, context: LogContext = LogContext()) -> List[LogSignal]:
    """Every signature the lines show, at most one signal per code (its latest occurrences), in code order."""
    found: Dict[str, LogSignal] = {}
    previous: List[LogLine] = []
    position = {id(line): index for index, line in enumerate(lines)}
    for index, line in enumerate(lines):
        for code, facts, evidence in _matches(line, lines, index, previous, context):
            earlier = found.get(code)
            if earlier is not None:
                facts = dict(earlier.facts, **facts)
                evidence = list(earlier.lines) + evidence
            evidence = _latest_distinct(sorted(evidence, key=lambda seen: position.get(id(seen), -1)))
            found[code] = LogSignal(code, evidence[-1].log or log, evidence, facts)
        if line.text.strip() and not line.text.lstrip().startswith("^"):
            previous = (previous + [line])[-_MEMORY:]
    if "LOG006" in found:          # the time limit is why the pings went unanswered: one finding, the cause
        found.pop("LOG005", None)
    return [found[code] for code in sorted(found)]


def _latest_distinct(lines: List[LogLine]) -> Tuple[LogLine, ...]:
    """The last MAX_EVIDENCE distinct lines (a crash loop repeats the same ones), in log order."""
    kept, texts = [], set()
    for line in reversed(lines):
        if line.text not in texts:
            texts.add(line.text)
            kept.append(line)
    return tuple(reversed(kept[:MAX_EVIDENCE]))


def _matches(line: LogLine, lines: List[LogLine], index: int, previous: List[LogLine], context: LogContext):
    text = line.text
    if _NO_MANIFEST.search(text) or _NO_VENV.search(text):
        yield "LOG001", {}, [line]
    module = _NO_MODULE.search(text)
    if module and not _INDEX_FAILURE.search(text):
        name = module.group(1)
        importing = _importing_line(previous, name)
        own = _is_own(name, context, previous, importing)
        yield ("LOG002" if own else "LOG003"), {"module": name}, [importing, line] if importing else [line]
    attribute = _NO_ATTRIBUTE.search(text)
    if attribute:
        yield "LOG004", {"attribute": attribute.group(1), "module": attribute.group(2)}, [line]
    if _NO_PINGS.search(text) or _EXITED.search(text):
        crash = next((p for p in reversed(previous) if _EXCEPTION.search(p.text)), None) or \
            next((p for p in reversed(previous) if _CRASH.search(p.text)), None)
        yield "LOG005", ({"crash": _CRASH.search(crash.text).group().strip()} if crash else {}), \
            [crash, line] if crash else [line]
    limit = _TIME_LIMIT.search(text)
    if limit:
        yield "LOG006", {"seconds": limit.group(1) or limit.group(2)}, [line]
    asgi = _ASGI_ON_WSGI.search(text)
    if asgi:
        yield "LOG007", {"argument": asgi.group(1)}, [line]
    if _WORKER_TIMEOUT.search(text):
        yield "LOG008", {}, [line]
    port = _listening_port(text)
    pinged = (_pinged_port(lines, index) or context.port) if port else None
    if port and port != pinged:
        yield "LOG009", {"port": port, "pinged": pinged}, [line]
    yield from _build_matches(line, previous)
    if _NO_FUNCTIONS.search(text) or (_INDEX_FAILURE.search(text) and (module or _indexing(lines, index))):
        facts = {"module": module.group(1)} if module else _failed_module(lines, index)
        yield "LOG013", facts, [line] + _following_failure(lines, index)


def _build_matches(line: LogLine, previous: List[LogLine]):
    text = line.text
    pip = _PIP_EXIT.search(text)
    requirement = _PIP_REQUIREMENT.search(text)
    if pip or requirement:
        facts = {"exitCode": pip.group(1)} if pip else {}
        asked = requirement or next((m for m in (_PIP_REQUIREMENT.search(p.text) for p in reversed(previous)) if m),
                                    None)
        if asked:
            facts["requirement"] = asked.group(1)
        yield "LOG010", facts, [p for p in previous if _PIP_REQUIREMENT.search(p.text)][-2:] + [line]
    boolean = _BAD_BOOLEAN.search(text)
    if boolean:
        first, second = boolean.group(1), boolean.group(2)
        setting, value = (first, second) if re.fullmatch(r"[A-Z][A-Z0-9_]*", first) else (second, first)
        yield "LOG011", {"setting": setting, "value": value}, [line]
    if _NO_PLATFORM.search(text):
        disabled = "has been disabled" in text
        yield "LOG012", {"disabled": "true"} if disabled else {}, [line]


def _importing_line(previous: List[LogLine], name: str) -> Optional[LogLine]:
    """The traceback line with the import that failed (`import openai`), when it is the line just before."""
    if not previous:
        return None
    statement = _IMPORT_STATEMENT.match(previous[-1].text)
    imported = statement and (statement.group(1) or statement.group(2))
    return previous[-1] if imported and imported.split(".")[0] == name.split(".")[0] else None


def _is_own(name: str, context: LogContext, previous: List[LogLine], importing: Optional[LogLine]) -> bool:
    """Whether the missing module is the app's own: one of its own top-level names, or - when the configuration
    is not known - the module the server itself imported by name (the traceback's last frame is importlib's, as
    gunicorn's util.import_app calls importlib.import_module), not a line of the app's code."""
    top = name.split(".")[0]
    if context.own_modules:
        return top in context.own_modules
    return importing is None and bool(previous) and _BOOTSTRAP_FRAME.search(previous[-1].text) is not None


def _listening_port(text: str) -> Optional[str]:
    listening = _LISTENING.search(text)
    if listening:
        return listening.group(1)
    command = _APP_COMMAND.search(text)
    if command:
        parsed = parse_command(command.group(1))
        port = parsed.bind_port if parsed.server in ("gunicorn", "uvicorn") else None
        return port if port and port.isdigit() else None
    return None


def _pinged_port(lines: List[LogLine], index: int) -> Optional[str]:
    """The port the platform pinged, when a later line of the same log names it."""
    for line in lines[index + 1:]:
        pinged = _NO_PINGS.search(line.text)
        if pinged:
            return pinged.group(1)
    return None


def _indexing(lines: List[LogLine], index: int) -> bool:
    """Whether the worker failure at `index` happened while indexing the functions (its stack says so)."""
    return any(_INDEXING_FRAME.search(line.text) for line in lines[index + 1:index + 12])


def _failed_module(lines: List[LogLine], index: int) -> Dict[str, str]:
    for line in lines[index:index + 8]:
        module = _NO_MODULE.search(line.text)
        if module:
            return {"module": module.group(1)}
    return {}


def _following_failure(lines: List[LogLine], index: int) -> List[LogLine]:
    """The worker's failure that follows "Worker failed to index functions" (its Result/Exception lines)."""
    return [line for line in lines[index + 1:index + 4]
            if _INDEX_FAILURE.search(line.text) or _NO_MODULE.search(line.text)][:2]


# -- which evidence to read ------------------------------------------------------------------------------------
FAILED, SUCCESS = 3, 4              # KuduLite DeployStatus.cs: Pending, Building, Deploying, Failed, Success
MAX_DETAILS = 3                     # a failed deployment's entries whose details are read (the last ones)
_APP_CONTAINER = "_default"         # `<instance>_default_docker.log`: the app's container (01's file names)


def logs_to_read(logs) -> list:
    """Of the current Docker logs (each with `machine` and `last_updated`), the newest instance's app container
    log and platform log, the app's first. Other sources of an instance (`_default_scm`, `_easyauth`) are not
    read: their machine name keeps an underscore once `_default` is taken off."""
    instances = {}
    for log in logs:
        instance = log.machine[:-len(_APP_CONTAINER)] if log.machine.endswith(_APP_CONTAINER) else log.machine
        if instance and "_" not in instance:
            instances.setdefault(instance, []).append(log)
    if not instances:
        return []
    newest = max(instances, key=lambda name: (max(log.last_updated[:19] for log in instances[name]), name))
    return sorted(instances[newest], key=lambda log: not log.machine.endswith(_APP_CONTAINER))


def failed_deployment(deployment: Optional[dict]) -> bool:
    return bool(deployment) and deployment.get("status") == FAILED


def deployment_moment(deployment: Optional[dict]) -> Optional[str]:
    return (deployment or {}).get("end_time") or (deployment or {}).get("received_time")


def deployment_log_needed(deployment: Optional[dict], container_logged: Optional[str]) -> bool:
    """The deployment's log is read when it failed, or when it is newer than the container's last log line
    (the container has not started since it)."""
    moment = deployment_moment(deployment)
    return failed_deployment(deployment) or bool(moment and (not container_logged
                                                             or moment[:19] > container_logged[:19]))


@dataclass(frozen=True)
class LogEvidence:
    """What was read of one app: its latest deployment (Kudu's DeployResult, or None), that deployment's log
    lines (when read) and the container logs' lines, each as (name, lines)."""
    deployment: Optional[dict] = None
    deployment_log: Tuple[LogLine, ...] = ()
    logs: Tuple[Tuple[str, Tuple[LogLine, ...]], ...] = ()


def interleaved(logs) -> List[LogLine]:
    """The lines of one instance's logs (the app's container, the platform's) as one timeline, each line marked
    with its log, so that the platform's verdict follows the app's crash it is about (05: the crash is in the
    app's log, "didn't respond to HTTP pings" in the platform's). A line without a time stamp keeps its place
    after the line before it."""
    keyed = []
    for number, (log, lines) in enumerate(logs):
        moment = ""
        for index, line in enumerate(lines):
            moment = _sortable(line.at) if line.at else moment
            keyed.append(((moment, number, index), replace(line, log=log)))
    return [line for _, line in sorted(keyed, key=lambda pair: pair[0])]


def _sortable(stamp: str) -> str:
    """A time stamp that sorts as time does whatever the digits of its fraction (.340Z, .361000000Z)."""
    whole, _, fraction = stamp.rstrip("Zz").partition(".")
    return f"{whole[:19]}.{fraction[:9]:0<9}"


def entry_lines(entries: Iterable[dict]) -> Tuple[LogLine, ...]:
    """A deployment's log entries (LogEntry.cs: log_time, message) as log lines, each message's lines stamped
    with its entry's time."""
    lines = []
    for entry in entries:
        stamp = entry.get("log_time") or ""
        lines += [f"{stamp} {line}".strip() for line in (entry.get("message") or "").splitlines() or [""]]
    return tuple(split_lines("\n".join(lines)))


def read_evidence(evidence: LogEvidence, context: LogContext, moment: Optional[str] = None) -> List[LogSignal]:
    """The signals of what happened last: the deployment's log, then the container logs from `moment` (default:
    the container's last start). A deployment newer than that start makes the container logs stale (they tell of
    the code before it), so only the deployment speaks; the first signal of a code wins."""
    deployment = evidence.deployment
    name = f"deployment {(deployment or {}).get('id') or 'latest'}"
    found = {signal.code: signal for signal in classify(list(evidence.deployment_log), name, context)}
    if evidence.logs:
        start = moment or last_start(evidence.logs[0][1]) or last_start(
            [line for _, lines in evidence.logs for line in lines])
        deployed = deployment_moment(deployment)
        stale = moment is None and deployed is not None and (start is None or deployed[:19] > start[:19])
        if not stale:
            timeline = interleaved([(log, since(list(lines), start)) for log, lines in evidence.logs])
            for signal in classify(timeline, evidence.logs[0][0], context):
                found.setdefault(signal.code, signal)
    return [found[code] for code in sorted(found)]


_RELATIVE = re.compile(r"(\d{1,6})([mhd])")
_UNITS = {"m": 60, "h": 3600, "d": 86400}
SINCE_FORM = "an ISO 8601 time (2026-11-20T10:00:00Z, 2026-11-20) or a duration back from now (30m, 6h, 2d)"


def parse_since(value: str, now: datetime) -> str:
    """--since as the ISO 8601 UTC moment the evidence starts at; `now` is aware (UTC). A moment outside what a
    datetime holds (999999d back, 0001-01-01T00:00:00+01:00) is refused like any other bad value."""
    text = (value or "").strip()
    relative = _RELATIVE.fullmatch(text.lower())
    try:
        if relative:
            moment = now - timedelta(seconds=int(relative.group(1)) * _UNITS[relative.group(2)])
        else:
            moment = datetime.fromisoformat(text[:-1] + "+00:00" if text[-1:] in ("Z", "z") else text)
            moment = moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None \
                else moment.astimezone(timezone.utc)
    except (ValueError, OverflowError):
        raise InvalidValue("since", value, "is not a time", SINCE_FORM) from None
    # isoformat writes the year in four digits (0999), as the log's time stamps are compared as text
    return moment.replace(tzinfo=None).isoformat(timespec="seconds") + "Z"


def log_context(startup_module: Optional[str], files: Iterable[str] = (), dirs: Iterable[str] = (),
                settings: Optional[dict] = None) -> LogContext:
    """The context the logs are read in: the app's own top-level modules (the startup module's package, the
    project's root .py files and folders) and the port the platform pings (WEBSITES_PORT, then PORT, then
    8000: command.py PLATFORM_PORT)."""
    own = {name[:-3] for name in files if "/" not in name and name.endswith(".py")}
    own.update(name for name in dirs if "/" not in name)
    if startup_module:
        own.add(startup_module.split(":", 1)[0].split(".", 1)[0])
    settings = settings or {}
    port = (settings.get("WEBSITES_PORT") or settings.get("PORT") or PLATFORM_PORT).strip()
    return LogContext(frozenset(own), port if port.isdigit() else PLATFORM_PORT)


def reads_logs(kind, sku: Optional[str]) -> bool:
    """Whether doctor reads an app's logs: a Linux code app, whose log formats are known (not Windows, not a
    custom container, not Flex Consumption), and not a function app on the Linux Consumption plan, which has
    no SCM container logs to list."""
    return kind.platform == LINUX and not (kind.is_function_app and (sku or "").lower() == "dynamic")
