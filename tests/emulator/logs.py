"""The SCM site's evidence of what happened, composed from the real formats of ../shared/reference/logs/.

A container log is a list of lines `<time stamp> <text>` (KuduLite DiagnosticsController.cs serves the files
`<yyyy_MM_dd>_<instance>_default_docker.log` for the app's container and `<yyyy_MM_dd>_<instance>_docker.log`
for the platform's); the texts come verbatim from the real excerpts (`excerpt`), re-stamped on the app's own
timeline and with the poster's app names replaced by the app's. A deployment is a DeployResult like the real
bodies 19/20, with LogEntry entries (LogEntry.cs: log_time, id, message, type) and their details."""

import functools
import os
import re

# verbatim copies of ../shared/reference/logs (tests/test_emulator_fidelity.py holds them equal), so the emulator
# runs from a checkout alone
REFERENCE = os.path.join(os.path.dirname(__file__), "fixtures", "logs")
INSTANCE = "lw1sdlwk000AB2"           # the shape of a real instance name (01: lw1sdlwk0000ZJ)
_STAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T[\d:.]+Z ?")
_JOINED = re.compile(r"(?<=\S)(?=\d{4}-\d{2}-\d{2}T[\d:.]+Z )")
_POSTERS_NAMES = re.compile(r"shileiagent0121-webapp|xxxxxxx-django|<site-name>|<container-name>")


@functools.lru_cache(maxsize=None)
def _reference_lines(number):
    """The lines of real log `number`, read once (tests seed the emulator anew for every run)."""
    name = next(n for n in os.listdir(REFERENCE) if n.startswith("{:02d}-".format(number)))
    with open(os.path.join(REFERENCE, name), encoding="utf-8") as handle:
        return tuple(handle.read().splitlines())


def excerpt(number, first=None, last=None, app="app"):
    """The texts (time stamps taken off) of real log `number`, lines first..last (1-based, inclusive)."""
    lines = _reference_lines(number)[(first or 1) - 1:last]
    # a poster joined some lines (03): each time stamp starts one again; their comments after " | " are not logs
    pieces = [piece.split(" | The application")[0] for line in lines for piece in _JOINED.split(line)]
    return [_POSTERS_NAMES.sub(app, _STAMP.sub("", piece)) for piece in pieces]


def stamped(texts, start="2026-11-20T10:00:00", step_ms=120):
    """`texts` as Docker log lines, `step_ms` apart from `start` (UTC), with the 9-digit fractions of 01-04."""
    hours, minutes, seconds = (int(part) for part in start[11:19].split(":"))
    base = ((hours * 60 + minutes) * 60 + seconds) * 1000
    lines = []
    for index, text in enumerate(texts):
        at = base + index * step_ms
        lines.append("{}T{:02d}:{:02d}:{:02d}.{:03d}000000Z {}".format(
            start[:10], at // 3600000 % 24, at // 60000 % 60, at // 1000 % 60, at % 1000, text))
    return ("\n".join(lines) + "\n").encode("utf-8")


def banner(python="3.12.8", command=None):
    """A container start of App Service's Python image (02, 21): the banner, then Oryx's startup script."""
    texts = excerpt(2, 1, 13)
    texts[9] = "Python " + python
    if command:
        texts += ["Site's appCommandLine: " + command,
                  "Launching oryx with: create-script -appPath /home/site/wwwroot -output /opt/startup/startup.sh "
                  "-virtualEnvName antenv -defaultApp /opt/defaultsite -userStartupCommand '{}'".format(command)]
    else:
        texts += excerpt(21, 5, 6)
    return texts


MANIFEST_FOUND = excerpt(21, 7, 8)


def gunicorn_started(worker="sync", port=8000):
    """gunicorn's start (04: Starting, Listening at, Using worker, Booting worker)."""
    texts = excerpt(4, 1, 4)
    texts[1] = texts[1].replace("8000", str(port))
    texts[2] = texts[2].replace("sync", worker)
    return texts


def platform_started(app):
    """The platform's own log of a start, 2026 format (07, its first five lines)."""
    return excerpt(7, 1, 5, app)


def docker_logs(app_lines, platform_lines=None, instance=INSTANCE, app_log=True):
    """The files of one instance, named for the day their first line was written (yyyy_MM_dd_); without
    `app_log` (filesystem logging off) only the platform's."""
    day = app_lines[:10].decode("ascii").replace("-", "_")
    logs = {"{}_{}_default_docker.log".format(day, instance): app_lines} if app_log else {}
    if platform_lines is not None:
        logs["{}_{}_docker.log".format(day, instance)] = platform_lines
    return logs


def deployment(status, end_time, deployer="OneDeploy", entries=()):
    """(a DeployResult's fields, its log entries); `entries` are (message, type, [detail messages])."""
    ident = "e09a5013-c8e4-4e58-b769-42285c8d9d17"
    result = {"id": ident, "status": status, "end_time": end_time, "received_time": end_time,
              "start_time": end_time, "deployer": deployer, "message": deployer, "complete": True,
              "errors": [entry[0] for entry in entries if entry[1] == 2]}
    log = [{"log_time": end_time, "id": "{:08x}-0000-4000-8000-000000000000".format(index), "message": message,
            "type": kind, "details": [{"log_time": end_time, "id": "d{}".format(n), "message": detail, "type": kind}
                                      for n, detail in enumerate(details)]}
           for index, (message, kind, details) in enumerate(entries)]
    return result, log
