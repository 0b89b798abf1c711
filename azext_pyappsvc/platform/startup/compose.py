# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Composing a startup command from parts, and finding the application a project most likely means."""

import re
from dataclasses import dataclass
from typing import Optional, Tuple

from ..project import ASGI_FRAMEWORKS, FRAMEWORK_CLASSES, ProjectFacts
from ..inputs import relative_path_problem
from .command import UVICORN_WORKERS, entrypoint_quote, is_valid_target
from .imports import App, Importer, ImportFailure, dotted_name, route_modules_for

ENTRY_NAMES = ("main.py", "app.py", "application.py", "wsgi.py", "asgi.py", "server.py", "api.py", "run.py",
               "index.py")
DEFAULT_TIMEOUT = 600


@dataclass
class Suggestion:
    module: str
    chdir: Optional[str]
    asgi: bool
    why: str
    candidates: Tuple[str, ...] = ()      # when unsure: every target that would load an application

    @property
    def sure(self) -> bool:
        return not self.candidates


@dataclass(frozen=True)
class _Target:
    module: str
    chdir: str
    app: App
    path: str                             # the file the target imports
    missing_routes: Tuple[str, ...]       # modules registering routes on the app that the import never loads

    @property
    def shown(self):
        return f"--module {self.module}" + (f" --chdir {self.chdir}" if self.chdir else "")


def compose(module, chdir=None, workers=None, timeout=None, server="gunicorn", *, worker_class=None):
    """The command the parts describe: gunicorn, with the uvicorn worker for an ASGI server. It becomes a line of
    a bash script after the image's single-quoted eval, so a word that needs quoting gets double quotes
    (`--chdir "my site"`, `"app:create_app()"`): single quotes would be mangled (STA012)."""
    words = ["gunicorn", "--bind=0.0.0.0", "--timeout", str(timeout or DEFAULT_TIMEOUT)]
    if workers:
        words += ["--workers", str(workers)]
    if server == "uvicorn":
        words += ["-k", worker_class or UVICORN_WORKERS[0]]
    if chdir:
        words += ["--chdir", chdir]
    return entrypoint_quote(words + [module])


def uvicorn_worker_for(facts: Optional[ProjectFacts]):
    """uvicorn_worker.UvicornWorker when the project has the uvicorn-worker package, else uvicorn's own."""
    return UVICORN_WORKERS[1] if facts and facts.depends_on("uvicorn-worker") else UVICORN_WORKERS[0]


def suggest(facts: ProjectFacts) -> Optional[Suggestion]:
    """The application a project most likely means: a Django project, else the target gunicorn can import
    (imports/relative imports/packages/factories resolved as Python would, imports.py) that loads the app and
    every module registering routes on it. Unsure (several apps, or routes no target loads): the candidates."""
    for path in sorted(facts.files, key=lambda p: (p.count("/"), p)):
        if path.endswith("/wsgi.py") and path.count("/") <= 2:
            package_dir = path.rsplit("/", 1)[0]
            if f"{package_dir}/settings.py" in facts.files or f"{package_dir}/settings" in facts.dirs:
                chdir, _, package = package_dir.rpartition("/")
                if not _servable(f"{package}.wsgi", chdir):
                    continue
                return Suggestion(f"{package}.wsgi", chdir or None, False,
                                  f"{path} is a Django project's WSGI module")
    targets = _importable_targets(facts)
    complete = [target for target in targets if not target.missing_routes]
    pool = complete or targets
    if not pool:
        return None
    best = pool[0]
    apps = {}
    for target in pool:
        apps.setdefault((target.app.path, target.app.name), target)
    rivals = [t for t in apps.values() if t is not best and _file_rank(t.path) == _file_rank(best.path)]
    unsure = not complete or bool(rivals)
    if best.app.path == best.path and not best.app.factory:
        why = f"{best.path} creates the {best.app.framework} application '{best.app.name}'"
    else:
        how = "calls the factory" if best.app.factory else "loads the application"
        why = f"{best.path} {how} '{best.app.name}' ({best.app.framework}, defined in {best.app.path})"
    if not complete:
        why += (f", but no target also imports {', '.join(best.missing_routes)}, which registers its routes (import "
                "it where the app is created, or serve a module that imports both)")
    elif rivals:
        why = "several applications could be meant: " + ", ".join(
            f"'{t.app.name}' ({t.app.framework}) in {t.app.path}" for t in [best] + rivals)
    return Suggestion(f"{best.module}", best.chdir or None, best.app.framework in ASGI_FRAMEWORKS, why,
                      tuple(t.shown for t in apps.values()) if unsure else ())


def _importable_targets(facts):
    """Every (file, object) that gunicorn can import from the file's folder or one of its parents (nearest
    first), ranked like the files Oryx looks for."""
    importers, found = {}, []
    files = sorted((p for p in facts.files if p.endswith(".py") and p.count("/") <= 2 and _may_hold_app(p, facts)),
                   key=lambda p: (_file_rank(p), p))
    # files that create an application or define a factory, then the files naming one of those: only these are
    # parsed (a large project's other modules cost a text search)
    creators = {path: facts.module(path) for path in files if _FRAMEWORK_CLASS.search(facts.text(path) or "")}
    app_names = {name for info in creators.values() if info for name, binding in info.bindings.items()
                 if binding.kind in ("object", "factory")}
    naming = re.compile(r"\b(" + "|".join(sorted(map(re.escape, app_names))) + r")\b") if app_names else None
    infos = {path: creators[path] if path in creators else facts.module(path) for path in files
             if path in creators or (naming and naming.search(facts.text(path) or ""))}
    for path, info in ((p, i) for p, i in infos.items() if i and i.parsed):
        names = sorted((_BINDING_ORDER[binding.kind], name != "app", name) for name, binding in info.bindings.items()
                       if binding.kind in ("object", "factory") or (binding.kind == "call" and binding.callee in
                       info.bindings) or (binding.kind == "imported" and binding.source.names[0] in app_names))
        for _, _, name in names:
            target = _first_importable(facts, importers, path, name)
            if target:
                found.append(target)
                break
    return found


def _file_rank(path):
    """Shallower first, then the names Oryx and people use for entry modules (ENTRY_NAMES)."""
    return path.count("/"), _rank(path.replace("/__init__.py", ".py"))


_FRAMEWORK_CLASS = re.compile(r"\b(" + "|".join(FRAMEWORK_CLASSES) + r")\b")
_BINDING_ORDER = {"object": 0, "call": 0, "imported": 1, "factory": 2}


def _may_hold_app(path, facts):
    top = path.split("/")[0]
    return not top.startswith(("test", ".")) and top not in facts.virtualenvs and "/migrations/" not in path


def _first_importable(facts, importers, path, name):
    folders = path.split("/")[:-1]
    for depth in range(len(folders), -1, -1):
        chdir = "/".join(folders[:depth])
        dotted = dotted_name(path, chdir)
        if dotted is None or (chdir and relative_path_problem(chdir) is not None):
            continue
        importer = importers.setdefault(chdir, Importer(facts, chdir))
        try:
            app = importer.app(dotted, name)
            loaded = Importer(facts, chdir)
            loaded.load(dotted)
        except ImportFailure:
            continue
        if app is None:
            return None
        module = f"{dotted}:{name}()" if app.factory and app.name == name else f"{dotted}:{name}"
        if not is_valid_target(module):
            continue
        missing = tuple(p for p in route_modules_for(facts, app, chdir) if p not in loaded.loaded_paths)
        return _Target(module, chdir, app, path, missing)
    return None


def _servable(module, chdir):
    """Whether gunicorn can import `module` from `chdir`, and set-startup would accept both: a file or folder whose
    name is no Python name (`x$(id).py`) is never suggested."""
    return is_valid_target(module) and (not chdir or relative_path_problem(chdir) is None)


def _rank(path):
    name = path.rsplit("/", 1)[-1]
    return ENTRY_NAMES.index(name) if name in ENTRY_NAMES else len(ENTRY_NAMES)
