# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Whether gunicorn can load `module:object` from a folder of the project, decided from the files alone.

gunicorn puts `--chdir` first on sys.path and imports the module with importlib.import_module, then looks the
object up (or calls `factory()`) on it (gunicorn gunicorn/app/base.py `chdir`, gunicorn/util.py `import_app`).
Python's import system decides the rest: `a.b` runs `a/__init__.py` first, a folder without `__init__.py` is a
namespace package, `a.py` wins over a folder `a/`, a relative import needs a parent package ("attempted
relative import with no known parent package"), and every module runs its own imports. A project module that
is not on the path fails; a name the project does not define is a third-party or standard-library import and
is assumed installed. Only `--chdir` is assumed on the path, so a target found importable here also imports
on the platform.
"""

import re
from dataclasses import dataclass
from typing import Dict, FrozenSet, Optional, Set, Tuple

from ..imports import Import
from ..project import ROUTE_CALLS, ROUTE_DECORATORS, ProjectFacts, normalize

_MAX_CHAIN = 6          # `from a import app` followed through at most this many modules
# a text search before parsing: only a file that may register routes is parsed to find out
_MAY_REGISTER_ROUTES = re.compile(r"\.(" + "|".join(sorted(ROUTE_DECORATORS | ROUTE_CALLS)) + r")\b")


class ImportFailure(Exception):
    """The import gunicorn would make fails; the message says how."""


@dataclass(frozen=True)
class App:
    """The application a target's object is: where it is defined, by which framework, and whether the target
    calls a factory."""
    path: str
    name: str
    framework: str
    factory: bool


class Importer:
    """Imports project modules as Python would with only `chdir` on sys.path, remembering what each loads."""

    def __init__(self, facts: ProjectFacts, chdir: str = ""):
        self.facts = facts
        self.chdir = normalize(chdir)
        self._loaded: Dict[str, Optional[str]] = {}       # dotted name -> path ("" for a namespace package)
        self._failed: Dict[str, str] = {}
        # a name the requirements install too (an alembic/ folder beside `alembic` in requirements.txt) is found
        # in site-packages when the project's folder is not on the path
        self._own = {name for name in own_module_names(facts) if not facts.depends_on(name)}

    @property
    def loaded_paths(self) -> FrozenSet[str]:
        return frozenset(path for path in self._loaded.values() if path)

    def _base(self, dotted):
        prefix = f"{self.chdir}/" if self.chdir else ""
        return prefix + dotted.replace(".", "/")

    def locate(self, dotted: str) -> Optional[str]:
        """The file Python runs for `dotted` ("" for a namespace package), or None when it does not exist."""
        base, files = self._base(dotted), self.facts.files
        if f"{base}/__init__.py" in files:
            return f"{base}/__init__.py"
        if f"{base}.py" in files:
            return f"{base}.py"
        return "" if base in self.facts.dirs else None

    def load(self, dotted: str) -> Optional[str]:
        """Import `dotted` and everything it imports; the file it ran (None for a third-party module)."""
        if dotted in self._failed:
            raise ImportFailure(self._failed[dotted])
        if dotted in self._loaded:
            return self._loaded[dotted]
        parent, _, _ = dotted.rpartition(".")
        try:
            parent_path = self.load(parent) if parent else ""
            if parent and parent_path is None and not self._is_own(parent):
                return None                                      # inside a third-party package
            if parent_path and not parent_path.endswith("__init__.py"):     # `a.py` won over the folder `a/`
                raise ImportFailure(f"No module named '{dotted}'; '{parent}' is not a package")
            path = self.locate(dotted)
            if path is None:
                if parent or self._is_own(dotted):
                    raise ImportFailure(f"No module named '{dotted}'")
                return None
            self._loaded[dotted] = path
            if path:
                self._run(dotted, path)
            return path
        except ImportFailure as failure:
            self._loaded.pop(dotted, None)
            self._failed[dotted] = str(failure)
            raise

    def _is_own(self, dotted):
        return dotted.split(".")[0] in self._own

    def _run(self, dotted, path):
        info = self.facts.module(path)
        if info is None or not info.parsed:
            raise ImportFailure(f"{path} cannot be read or parsed here")
        package = dotted if path.endswith("/__init__.py") else dotted.rpartition(".")[0]
        for statement in info.imports:
            try:
                self._import(statement, package)
            except ImportFailure:
                if not statement.guarded:
                    raise

    def _import(self, statement: Import, package: str):
        base = absolute_name(statement, package)
        self.load(base)
        for name in statement.names:
            if name != "*" and self.locate(f"{base}.{name}") is not None:
                self.load(f"{base}.{name}")

    def app(self, dotted: str, name: str, depth: int = 0) -> Optional[App]:
        """The application `dotted`'s module-level `name` is, after importing it; None when it is no app."""
        path = self.load(dotted)
        info = self.facts.module(path) if path else None
        binding = info.bindings.get(name) if info else None
        if binding is None or depth > _MAX_CHAIN:
            return None
        if binding.kind in ("object", "factory"):
            factory = binding.kind == "factory"
            return None if binding.required else App(path, name, binding.framework, factory)
        package = dotted if path.endswith("/__init__.py") else dotted.rpartition(".")[0]
        if binding.kind == "call":
            made = self.app(dotted, binding.callee, depth + 1)
            return App(made.path, made.name, made.framework, False) if made and made.factory else None
        if binding.kind == "imported":
            source = absolute_name(binding.source, package)
            original = binding.source.names[0]
            if self.locate(f"{source}.{original}") is not None:
                return None                                     # a module, not an application
            return self.app(source, original, depth + 1) if self.load(source) else None
        return None


def absolute_name(statement: Import, package: str) -> str:
    """The module an import names, resolved against the importing module's package for relative imports."""
    if not statement.level:
        return statement.module
    parts = package.split(".") if package else []
    if statement.level > len(parts):
        raise ImportFailure("attempted relative import with no known parent package" if not parts
                            else "attempted relative import beyond top-level package")
    base = ".".join(parts[:len(parts) - statement.level + 1])
    return f"{base}.{statement.module}" if statement.module else base


def own_module_names(facts: ProjectFacts) -> Set[str]:
    """Every name a module or package of the project has, anywhere in it: importing one of these must find the
    project's file, never an installed package."""
    names = {path.rsplit("/", 1)[-1][:-3] for path in facts.files if path.endswith(".py")}
    return names | {path.rsplit("/", 1)[-1] for path in facts.dirs if not path.startswith(tuple(facts.virtualenvs))}


def dotted_name(path: str, chdir: str) -> Optional[str]:
    """The module name of a project file imported from `chdir` (`pkg/__init__.py` is `pkg`), or None when the
    file is not under it or its path has no module name (`my-app/x.py`, `__init__.py` of `chdir` itself)."""
    prefix = f"{chdir}/" if chdir else ""
    if not path.startswith(prefix) or not path.endswith(".py"):
        return None
    parts = path[len(prefix):-3].split("/")
    if parts[-1] == "__init__":
        parts = parts[:-1]
    if not parts or not all(part.isidentifier() for part in parts):
        return None
    return ".".join(parts)


def route_modules_for(facts: ProjectFacts, app: App, chdir: str) -> Tuple[str, ...]:
    """Project modules that register routes on this app by importing the module that defines it (a Flask
    `views.py` doing `from app import app` and `@app.route(...)`): the target must import them too."""
    found = []
    for path in sorted(facts.files):
        text = facts.text(path) if path.endswith(".py") and path != app.path else None
        info = facts.module(path) if text and _MAY_REGISTER_ROUTES.search(text) else None    # parse only those
        if not info or not info.registers_routes:
            continue
        dotted = dotted_name(path, chdir)
        package = (dotted or "") if path.endswith("/__init__.py") else (dotted or "").rpartition(".")[0]
        importer = Importer(facts, chdir)
        for statement in info.imports:
            try:
                if importer.locate(absolute_name(statement, package)) == app.path:
                    found.append(path)
                    break
            except ImportFailure:
                continue
    return tuple(found)
