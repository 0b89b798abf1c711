# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Runtime — RT: the Python version the app runs, against the platform's catalogue and the project's pins."""

import re

from ...platform.appkind import FLEX
from ...platform.problems import ERROR, INFO, WARNING
from ...platform.functions import worker_is_python
from ...platform.runtimes import EOL, NEAR_EOL, find_option, newest_supported, parse_linux_fx_version, support_state
from ...platform.settings import FUNCTIONS_EXTENSION_VERSION, FUNCTIONS_WORKER_RUNTIME
from ..catalog import Finding, check
from ..fixes import app_settings, pyappsvc

FALLBACK_VERSION = "3.12"


def _newest(subject):
    newest = newest_supported(subject.stacks or [], subject.today)
    return newest.version if newest else FALLBACK_VERSION


def _set_runtime(subject, version):
    return pyappsvc(subject, "set-runtime", "--version", version)


@check("RT001", ERROR, "No Python runtime", needs=("app", "linux"))
def rt001(subject):
    if subject.kind.platform == FLEX:
        if not subject.snapshot.flex_runs_python:
            return Finding(f"functionAppConfig.runtime is {subject.snapshot.flex_runtime or None!r}, not Python.",
                           _set_runtime(subject, _newest(subject)))
        return None
    fx = subject.snapshot.linux_fx_version
    if parse_linux_fx_version(fx).language != "python":
        return Finding(f"linuxFxVersion is {fx!r}: this app does not run the built-in Python runtime.",
                       _set_runtime(subject, _newest(subject)))
    return None


@check("RT002", ERROR, "Malformed linuxFxVersion", needs=("app", "linux"))
def rt002(subject):
    fx = subject.snapshot.linux_fx_version
    parsed = parse_linux_fx_version(fx)
    if parsed.language == "python" and not parsed.well_formed:
        guess = re.search(r"3\.\d+", fx)
        return Finding(f"linuxFxVersion is {fx!r}; the platform only understands PYTHON|3.N and silently runs "
                       "another stack for anything else.",
                       _set_runtime(subject, guess.group(0) if guess else _newest(subject)))
    return None


def _app_option(subject):
    return find_option(subject.stacks or [], subject.python) if subject.python else None


@check("RT003", ERROR, "Python version not offered", needs=("app", "linux"))
def rt003(subject):
    if not subject.python or subject.stacks is None or _app_option(subject):
        return None
    apps = "function apps" if subject.is_function_app else "web apps"
    return Finding(f"Python {subject.python} is not offered for {apps} on Linux (absent, hidden or deprecated in the "
                   "stacks catalogue).",
                   _set_runtime(subject, _newest(subject)))


@check("RT004", WARNING, "Python version past end of life", needs=("app", "linux"))
def rt004(subject):
    option = _app_option(subject)
    if option and support_state(option, subject.today) == EOL:
        return Finding(f"Python {subject.python} reached end of life on {option.end_of_life.isoformat()}: no more "
                       "security fixes.", _set_runtime(subject, _newest(subject)))
    return None


@check("RT005", INFO, "Python version near end of life", needs=("app", "linux"))
def rt005(subject):
    option = _app_option(subject)
    if option and support_state(option, subject.today) == NEAR_EOL:
        return Finding(f"Python {subject.python} reaches end of life on {option.end_of_life.isoformat()}; plan the "
                       "upgrade.")
    return None


@check("RT006", WARNING, "Project pins another Python", needs=("app", "files", "contents"))
def rt006(subject):
    if not subject.python:
        return None
    other = {source: version for source, version in subject.project.pinned_python.items()
             if version != subject.python}
    if other:
        pins = ", ".join(f"{source} says {version}" for source, version in sorted(other.items()))
        return Finding(f"The app runs Python {subject.python} but {pins}. App Service ignores these files: "
                       "linuxFxVersion decides.", _set_runtime(subject, sorted(other.values())[0]))
    return None


@check("RT007", ERROR, "Functions worker runtime is not Python", needs=("app", "settings", "functions", "linux"))
def rt007(subject):
    if subject.kind.platform == FLEX:
        return None
    worker = subject.settings.get(FUNCTIONS_WORKER_RUNTIME) or ""
    fx = subject.snapshot.linux_fx_version
    language = parse_linux_fx_version(fx).language
    if not worker_is_python(subject.settings) or (language and language != "python"):
        return Finding(f"{FUNCTIONS_WORKER_RUNTIME} is {worker or None!r} and linuxFxVersion is {fx or None!r}: both "
                       "must say Python.",
                       app_settings(subject, f"{FUNCTIONS_WORKER_RUNTIME}=python"))
    return None


@check("RT008", WARNING, "Functions host is not ~4", needs=("app", "settings", "functions", "linux"))
def rt008(subject):
    if subject.kind.platform == FLEX:
        return None
    host = subject.settings.get(FUNCTIONS_EXTENSION_VERSION)
    if host != "~4":
        return Finding(f"{FUNCTIONS_EXTENSION_VERSION} is {host!r}: only the 4.x host is supported for Python 3.10+.",
                       app_settings(subject, f"{FUNCTIONS_EXTENSION_VERSION}=~4"))
    return None
