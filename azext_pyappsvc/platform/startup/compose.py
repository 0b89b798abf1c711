# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Composing a startup command from parts, and finding the application a project most likely means."""

import shlex
from dataclasses import dataclass
from typing import Optional

from ..project import ASGI_FRAMEWORKS, ProjectFacts
from ..inputs import relative_path_problem
from .command import UVICORN_WORKERS, is_valid_target

ENTRY_NAMES = ("main.py", "app.py", "application.py", "wsgi.py", "asgi.py", "server.py", "api.py", "run.py",
               "index.py")
DEFAULT_TIMEOUT = 600


@dataclass
class Suggestion:
    module: str
    chdir: Optional[str]
    asgi: bool
    why: str


def compose(module, chdir=None, workers=None, timeout=None, server="gunicorn", *, worker_class=None):
    """The command the parts describe: gunicorn, with the uvicorn worker for an ASGI server. It becomes a line of
    a bash script, so every word is shell-quoted (`--chdir 'my site'`, `'app:create_app()'`)."""
    words = ["gunicorn", "--bind=0.0.0.0", "--timeout", str(timeout or DEFAULT_TIMEOUT)]
    if workers:
        words += ["--workers", str(workers)]
    if server == "uvicorn":
        words += ["-k", worker_class or UVICORN_WORKERS[0]]
    if chdir:
        words += ["--chdir", chdir]
    return shlex.join(words + [module])


def uvicorn_worker_for(facts: Optional[ProjectFacts]):
    """uvicorn_worker.UvicornWorker when the project has the uvicorn-worker package, else uvicorn's own."""
    return UVICORN_WORKERS[1] if facts and facts.depends_on("uvicorn-worker") else UVICORN_WORKERS[0]


def suggest(facts: ProjectFacts) -> Optional[Suggestion]:
    """The application a project most likely means: a Django project, else an app object in a file."""
    for path in sorted(facts.files, key=lambda p: (p.count("/"), p)):
        if path.endswith("/wsgi.py") and path.count("/") <= 2:
            package_dir = path.rsplit("/", 1)[0]
            if f"{package_dir}/settings.py" in facts.files or f"{package_dir}/settings" in facts.dirs:
                chdir, _, package = package_dir.rpartition("/")
                if not _servable(f"{package}.wsgi", chdir):
                    continue
                return Suggestion(f"{package}.wsgi", chdir or None, False,
                                  f"{path} is a Django project's WSGI module")
    candidates = sorted((p for p in facts.files if p.endswith(".py") and p.count("/") <= 1
                         and not p.split("/")[0].startswith(("test", "."))),
                        key=lambda p: (p.count("/"), _rank(p), p))
    for path in candidates:
        info = facts.module(path)
        if not info or not info.app_objects:
            continue
        name, framework = sorted(info.app_objects.items(), key=lambda item: item[0] != "app")[0]
        chdir, _, filename = path.rpartition("/")
        if not _servable(f"{filename[:-3]}:{name}", chdir):
            continue
        return Suggestion(f"{filename[:-3]}:{name}", chdir or None, framework in ASGI_FRAMEWORKS,
                          f"{path} creates the {framework} application '{name}'")
    return None


def _servable(module, chdir):
    """Whether gunicorn can import `module` from `chdir`, and set-startup would accept both: a file or folder whose
    name is no Python name (`x$(id).py`) is never suggested."""
    return is_valid_target(module) and (not chdir or relative_path_problem(chdir) is None)


def _rank(path):
    name = path.rsplit("/", 1)[-1]
    return ENTRY_NAMES.index(name) if name in ENTRY_NAMES else len(ENTRY_NAMES)
