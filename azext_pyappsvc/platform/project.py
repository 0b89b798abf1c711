# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Facts about a Python project, from what an adapter saw of it (a ProjectTree): pure, no I/O.

The adapters (a local folder, the Kudu listing of a deployed app) decide nothing: which folders never
matter, which folder is a virtual environment and which files' texts the rules need are decided here.
A file that exists but could not be read is "unreadable", never "absent": rules that need its text
stay silent about it.
"""

import ast
import re
from dataclasses import dataclass, field
from typing import Dict, FrozenSet, List, Optional, Set, Tuple

from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

from .imports import Import, ModuleShape, collect_imports, module_shape
from .settings import VENV_NAME

ASGI_FRAMEWORKS = ("fastapi", "starlette", "quart")
FRAMEWORK_CLASSES = {"Flask": "flask", "FastAPI": "fastapi", "Starlette": "starlette", "Quart": "quart"}

# Folders that never matter to the build or startup rules: never entered, so 100k files in node_modules
# cost nothing.
SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".tox", ".nox", ".mypy_cache",
                          ".pytest_cache", ".ruff_cache", ".eggs", "bower_components"})
VENV_MARKER = "pyvenv.cfg"
MAX_TEXT_DEPTH = 4            # path.count("/"): the deepest file whose text a rule reads
_TEXT_SUFFIXES = (".py", ".txt", ".toml", ".cfg", ".ini", ".json", ".config", ".sh", ".bash", ".yaml", ".yml",
                  ".env", ".csdef", ".cscfg", ".ps1")
# Where Functions builds install requirements (--target): no rule reads the files in it.
FUNCTIONS_PACKAGES_ROOT = ".python_packages"
_TEXT_NAMES = frozenset({".funcignore", ".gitignore", ".deployment", ".python-version", "Procfile"})


def normalize(path):
    """`./src//app.py` and `src\\app.py` both become `src/app.py`."""
    parts = [p for p in (path or "").replace("\\", "/").split("/") if p not in ("", ".")]
    return "/".join(parts)


CONVENTIONAL_VENV_NAMES = (VENV_NAME, ".venv", "venv")


def is_virtualenv(name: str, holds_marker: Optional[bool]) -> bool:
    """A folder holding pyvenv.cfg (what `python -m venv` writes), or Oryx's own antenv; when the folder's
    entries are unknown (a listing that did not open it), the conventional names."""
    if holds_marker is None:
        return name in CONVENTIONAL_VENV_NAMES
    return holds_marker or name == VENV_NAME


def wants_text(path: str) -> bool:
    """Whether some rule reads this file's text (Python sources, manifests, configs, startup files)."""
    if path.count("/") > MAX_TEXT_DEPTH or path.startswith(FUNCTIONS_PACKAGES_ROOT + "/"):
        return False
    name = path.rsplit("/", 1)[-1]
    return name in _TEXT_NAMES or name.endswith(_TEXT_SUFFIXES)


def may_want_text(path: str) -> bool:
    """Files read when they turn out to be text, and left alone quietly when not: any file at the root, since a
    startup command may name a startup file of any name (`startup`, `run.cmd`)."""
    return "/" not in path


@dataclass(frozen=True)
class ProjectTree:
    """What an adapter saw. `texts` is None when contents are not available (a deployed-file listing)."""
    files: FrozenSet[str]
    dirs: FrozenSet[str]
    virtualenvs: FrozenSet[str] = frozenset()
    texts: Optional[Dict[str, str]] = None
    unreadable: FrozenSet[str] = frozenset()     # files that exist but could not be read as text
    truncated: bool = False                       # the tree was larger than the adapter reads
    listed_dirs: Optional[FrozenSet[str]] = None  # folders whose entries were listed ("" = root); None: all


@dataclass(frozen=True)
class Binding:
    """What a module-level name is: an application `object` of a framework, a `factory` function that builds
    one (`required`: it takes arguments without defaults), a name `imported` from another module, a `call`
    of another name, or anything `other`."""
    kind: str
    framework: Optional[str] = None
    source: Optional[Import] = None      # imported: where from (names[0] is the name there)
    callee: Optional[str] = None                  # call: the name called
    required: bool = False


@dataclass
class ModuleInfo:  # pylint: disable=too-many-instance-attributes  # a plain record of one file
    """What a Python file imports, which application objects it creates, what its module-level names are
    and whether it registers routes (`@app.route`, `@router.get`, `add_url_rule`)."""
    frameworks: Set[str] = field(default_factory=set)
    app_objects: Dict[str, str] = field(default_factory=dict)    # variable name -> framework
    parsed: bool = True
    imports: List[Import] = field(default_factory=list)
    bindings: Dict[str, Binding] = field(default_factory=dict)
    registers_routes: bool = False
    runs_server: Optional[Dict[str, object]] = None    # `app.run(...)` / `uvicorn.run(...)`: its literal keywords
    serves_on_import: bool = False      # that run() is outside `if __name__ == "__main__"`: importing it serves

    @property
    def top_level_imports(self) -> FrozenSet[str]:
        """The top-level names of the absolute imports (`import a.b`, `from a import b` -> "a")."""
        return frozenset(statement.module.split(".")[0] for statement in self.imports
                         if statement.level == 0 and statement.module)


@dataclass
class DjangoSettings:
    path: str
    static_root: bool = False
    ssl_redirect: bool = False
    proxy_ssl_header: bool = False


@dataclass
class ProjectFacts:  # pylint: disable=too-many-instance-attributes  # a plain record of what a project holds
    """The tree, plus what the rules derive from it eagerly (requirements, pins, Django settings); module
    summaries are parsed on first use from texts already read."""
    tree: ProjectTree
    requirements_file: Optional[str] = None
    requirement_versions: Dict[str, str] = field(default_factory=dict)   # canonical name -> specifier text
    requirements_text: str = ""
    pyproject: Optional[dict] = None
    pinned_python: Dict[str, str] = field(default_factory=dict)  # source file -> major.minor
    django_settings: List[DjangoSettings] = field(default_factory=list)
    _modules: Dict[str, Optional[ModuleInfo]] = field(default_factory=dict, repr=False)
    _shapes: Dict[str, Optional[ModuleShape]] = field(default_factory=dict, repr=False)

    @property
    def files(self) -> FrozenSet[str]:
        return self.tree.files

    @property
    def dirs(self) -> FrozenSet[str]:
        return self.tree.dirs

    @property
    def virtualenvs(self) -> FrozenSet[str]:
        return self.tree.virtualenvs

    @property
    def contents_available(self) -> bool:
        """False for a deployed-file listing: rules that need file contents stay silent."""
        return self.tree.texts is not None

    @property
    def requirements(self) -> Set[str]:
        return set(self.requirement_versions)

    @property
    def knows_requirements(self) -> bool:
        """Whether the dependency manifests could be read: a rule about what they install needs their text."""
        return self.contents_available and not any(
            name in self.tree.unreadable for name in (self.requirements_file, "pyproject.toml") if name)

    @property
    def pinned_version(self) -> Optional[Tuple[str, str]]:
        """(major.minor, the files that pin it) when the project's own pins (.python-version, runtime.txt,
        requires-python) agree on one version; None when there is none or they disagree."""
        versions = set(self.pinned_python.values())
        if len(versions) != 1:
            return None
        return versions.pop(), ", ".join(sorted(self.pinned_python))

    def text(self, path) -> Optional[str]:
        """The file's text, or None when it is absent, unreadable, or contents are not available."""
        return (self.tree.texts or {}).get(path)

    def exists(self, path):
        """`./src//app.py` and `src/app.py` name the same path; "" and "." are the project root."""
        path = normalize(path)
        return path == "" or path in self.files or path in self.dirs

    def knows_absence(self, path) -> bool:
        """Whether `path` missing from the tree means it is missing from the project: false for paths in
        folders a partial listing did not open."""
        listed = self.tree.listed_dirs
        return listed is None or path.rpartition("/")[0] in listed

    def depends_on(self, name):
        return canonicalize_name(name) in self.requirement_versions

    def asgi_frameworks(self, path) -> List[str]:
        """The ASGI frameworks (FastAPI, Starlette, Quart) a project file imports."""
        info = self.module(path) if path else None
        return sorted((info.frameworks if info else set()) & set(ASGI_FRAMEWORKS))

    def module(self, path) -> Optional[ModuleInfo]:
        """Imports and app objects of a project file, parsed once; None when its text is unavailable."""
        if path not in self._modules:
            text = self.text(path)
            self._modules[path] = None if text is None else parse_module(text)
        return self._modules[path]

    def shape(self, path) -> Optional[ModuleShape]:
        """Imports, module-level names and function parameters of a project file, parsed once; None when its text
        is unavailable or does not parse."""
        if path not in self._shapes:
            text = self.text(path)
            self._shapes[path] = None if text is None else module_shape(text)
        return self._shapes[path]


def parse_module(text) -> ModuleInfo:
    info = ModuleInfo()
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):   # a 200k-term expression, a NUL byte
        info.parsed = False
        info.imports.extend(Import(name, 0, 0, True) for name in
                            re.findall(r"^[ \t]*(?:from|import)[ \t]+([A-Za-z_]\w*)", text, re.MULTILINE))
        info.frameworks = set(info.top_level_imports & {"flask", "fastapi", "starlette", "quart", "django"})
        return info
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            framework = FRAMEWORK_CLASSES.get(_call_name(node.value.func))
            if framework:
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        info.app_objects[target.id] = framework
        info.registers_routes = info.registers_routes or _registers_route(node)
    info.imports = collect_imports(tree)
    info.frameworks = set(info.top_level_imports & {"flask", "fastapi", "starlette", "quart", "django", "aiohttp",
                                                    "azure"})
    _collect_bindings(tree.body, info)
    return info


# `@app.route("/")`, `@router.get("/")`, `@bp.websocket(...)`; `app.add_url_rule(...)`, `app.add_api_route(...)`
ROUTE_DECORATORS = frozenset({"route", "get", "post", "put", "patch", "delete", "head", "options", "websocket",
                              "api_route"})
ROUTE_CALLS = frozenset({"add_url_rule", "add_api_route", "add_route"})


def _registers_route(node):
    if isinstance(node, ast.Call):
        return _call_name(node.func) in ROUTE_CALLS
    return isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(
        isinstance(d, ast.Call) and _call_name(d.func) in ROUTE_DECORATORS for d in node.decorator_list)


def _collect_bindings(body, info, main=False):
    """The names importing the module surely binds: through `try` blocks, and through an `if` only those both of
    its branches bind (an `app` created under `if os.environ.get(...)` may not exist); never the ones
    `if __name__ == "__main__":` binds, a block that runs only when the file is run as a script. Module-level
    `app.run()` calls anywhere (`python app.py` runs that block too), noting whether importing alone runs one."""
    for node in body:
        if isinstance(node, ast.Try):
            for block in [node.body, node.orelse] + [h.body for h in node.handlers] + [node.finalbody]:
                _collect_bindings(block, info, main)
        elif isinstance(node, ast.If):
            guard = _is_main_guard(node.test)
            branches = []
            for block, in_main in ((node.body, main or guard), (node.orelse, main)):
                branch = ModuleInfo()
                _collect_bindings(block, branch, in_main)
                info.runs_server = branch.runs_server or info.runs_server
                info.serves_on_import = info.serves_on_import or branch.serves_on_import
                branches.append(branch.bindings)
            sure = branches[1] if guard else {name: b for name, b in branches[0].items() if name in branches[1]}
            info.bindings.update(sure)
        elif isinstance(node, ast.Expr) and isinstance(node.value, ast.Call) and \
                _call_name(node.value.func) == "run":
            info.runs_server = _run_arguments(node.value)
            info.serves_on_import = info.serves_on_import or not main
        else:
            info.bindings.update(_bindings_of(node))


def _is_main_guard(test):
    """`__name__ == "__main__"` (either way round)."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)):
        return False
    sides = [test.left, test.comparators[0]]
    return {side.id if isinstance(side, ast.Name) else _literal(side) for side in sides} == {"__name__", "__main__"}


def _literal(node):
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _bindings_of(node):
    """{name: Binding} for the names one module-level statement binds."""
    if isinstance(node, ast.ImportFrom):
        return {alias.asname or alias.name: Binding("imported", source=Import(
            node.module or "", node.level, node.lineno, True, (alias.name,))) for alias in node.names}
    if isinstance(node, ast.Import):
        return {alias.asname or alias.name.split(".")[0]: Binding("other") for alias in node.names}
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
        return {node.name: _function_binding(node)}
    if isinstance(node, ast.ClassDef):
        return {node.name: Binding("other")}
    if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        return {target.id: _value_binding(node.value) for target in targets if isinstance(target, ast.Name)}
    return {}


def _value_binding(value):
    if isinstance(value, ast.Call):
        framework = FRAMEWORK_CLASSES.get(_call_name(value.func))
        if framework:
            return Binding("object", framework)
        if isinstance(value.func, ast.Name) and not value.args and not value.keywords:
            return Binding("call", callee=value.func.id)
    return Binding("other")


def _function_binding(node):
    """A function that constructs a framework application (`def create_app(): app = Flask(__name__) ...`)."""
    framework = next((FRAMEWORK_CLASSES[_call_name(n.func)] for n in ast.walk(node)
                      if isinstance(n, ast.Call) and _call_name(n.func) in FRAMEWORK_CLASSES), None)
    if framework is None or isinstance(node, ast.AsyncFunctionDef) or not _returns_value(node):
        return Binding("other")     # gunicorn calls a factory and serves what it returns: a coroutine or None fail
    arguments = node.args
    required = len(arguments.posonlyargs + arguments.args) > len(arguments.defaults) or \
        any(default is None for default in arguments.kw_defaults)
    return Binding("factory", framework, required=required)


def _returns_value(function):
    """Whether the function itself (not a function nested in it) has a `return <value>`."""
    stack = list(function.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Return):
            if node.value is not None and not (isinstance(node.value, ast.Constant) and node.value.value is None):
                return True
        elif not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            stack.extend(ast.iter_child_nodes(node))
    return False


DYNAMIC = "<computed>"      # a run() argument that is not a literal


def _run_arguments(call):
    """The host and port a module-level `app.run(...)` / `uvicorn.run(app, ...)` passes (None: the default)."""
    positional = call.args[1:] if isinstance(call.func, ast.Attribute) and _call_name(call.func.value) == "uvicorn" \
        else call.args
    values = dict(zip(("host", "port"), positional))
    values.update({k.arg: k.value for k in call.keywords if k.arg in ("host", "port")})
    found = {"host": None, "port": None,
             "server": "uvicorn" if _call_name(getattr(call.func, "value", None)) == "uvicorn" else "flask"}
    for key, node in values.items():
        try:
            found[key] = str(ast.literal_eval(node))
        except (ValueError, TypeError, SyntaxError, RecursionError):
            found[key] = DYNAMIC
    return found


def _call_name(func):
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def parse_requirements(text):
    """{canonical name: specifier} from requirements.txt; options, includes and bad lines are skipped."""
    found = {}
    for raw in text.splitlines():
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith(("#", "-", "--")):
            continue
        if "://" in line and " @ " not in line:          # a VCS or URL requirement: name from #egg=
            egg = re.search(r"#egg=([A-Za-z0-9][A-Za-z0-9._-]*)", line)
            if egg:
                found[canonicalize_name(egg.group(1))] = ""
            continue
        try:
            requirement = Requirement(line)
        except InvalidRequirement:
            match = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)", line)
            if match:
                found[canonicalize_name(match.group(1))] = ""
            continue
        found[canonicalize_name(requirement.name)] = str(requirement.specifier)
    return found


_INCLUDE = re.compile(r"^\s*(?:-r|--requirement)(?:\s*=\s*|\s+)(\S+)", re.MULTILINE)
_MAX_INCLUDES = 32


def _included_requirements(read, path) -> List[str]:
    """The project files `-r other.txt` lines include, transitively (pip and Oryx install them too; a path is
    relative to the including file). Files outside the project are not followed."""
    found, queue = [], [path]
    while queue and len(found) < _MAX_INCLUDES:
        current = queue.pop(0)
        folder = current.rpartition("/")[0]
        for match in _INCLUDE.finditer(read(current) or ""):
            included = join_inside(folder, match.group(1))
            if included and included != path and included not in found:
                found.append(included)
                queue.append(included)
    return found


def join_inside(folder, relative) -> Optional[str]:
    """`folder/relative` as a project path; None when it is absolute, a URL, or climbs above the root."""
    if relative.startswith(("/", "\\")) or "://" in relative or ":" in relative[:2]:
        return None
    parts = folder.split("/") if folder else []
    for piece in relative.replace("\\", "/").split("/"):
        if piece == "..":
            if not parts:
                return None
            parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


def ignore_patterns(facts: "ProjectFacts", ignore_file: str) -> Optional[List[str]]:
    """The patterns of an ignore file (.gitignore, .funcignore), [] without the file, None when it cannot be read."""
    if ignore_file not in facts.files:
        return []
    text = facts.text(ignore_file)
    if text is None:
        return None
    return [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]


def ignored_by(facts: "ProjectFacts", ignore_file: str, folder: str) -> Optional[bool]:
    """Whether an ignore file excludes a root folder; None when the file exists but cannot be read."""
    patterns = ignore_patterns(facts, ignore_file)
    return None if patterns is None else ignored(folder, patterns, is_dir=True)


def ignored(path: str, patterns: List[str], is_dir: bool = False) -> bool:
    """Whether gitignore-style `patterns` exclude `path` or a folder above it: the last matching pattern wins and
    `!` re-includes; a pattern with a slash before its end is anchored at the root, `**/` matches zero or more
    folders, a trailing `/` matches only folders (gitignore(5) "PATTERN FORMAT")."""
    parts = path.split("/")
    candidates = [("/".join(parts[:i]), i < len(parts) or is_dir) for i in range(1, len(parts) + 1)]
    result = False
    for raw in patterns:
        negate = raw.startswith("!")
        regex, dir_only = _ignore_regex(raw[1:] if negate else raw)
        if any(regex.match(candidate) and (folder or not dir_only) for candidate, folder in candidates):
            result = not negate
    return result


def _ignore_regex(pattern: str):
    """(a regex over a root-relative path, whether the pattern matches only folders)."""
    dir_only = pattern.endswith("/")
    pattern = pattern.rstrip("/")
    out = "" if "/" in pattern else "(?:.*/)?"
    pattern, i = pattern.lstrip("/"), 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out, i = out + "(?:.*/)?", i + 3
        elif pattern.startswith("**", i):
            out, i = out + ".*", i + 2
        elif pattern[i] in "*?":
            out, i = out + ("[^/]*" if pattern[i] == "*" else "[^/]"), i + 1
        elif pattern[i] == "[" and "]" in pattern[i + 2:]:
            end = pattern.index("]", i + 2)
            body = pattern[i + 1:end]
            out, i = out + "[" + ("^" + body[1:] if body.startswith("!") else body).replace("\\", "\\\\") + "]", end + 1
        else:
            out, i = out + re.escape(pattern[i]), i + 1
    return re.compile(out + r"\Z"), dir_only


def admits_below(specifier: SpecifierSet, major: int) -> bool:
    """Whether some version below `major` satisfies the specifier (`==1.17.0`, `>=1.12,<1.20`, `~=1.17`, `<2` do;
    `>=2.0` does not). The versions tried are the clauses' own versions and their neighbours, which is where a
    set of clauses starts or stops admitting versions."""
    tried = {f"{major - 1}.0.0", f"{major - 1}.99.99"}
    for clause in specifier:
        release = [int(part) for part in re.findall(r"\d+", clause.version.split("+")[0].replace(".*", ""))][:3]
        if not release:
            continue
        for last in (release[-1] - 1, release[-1], release[-1] + 1):
            tried.add(".".join(str(p) for p in release[:-1] + [max(last, 0)]))
        tried.add(".".join(str(p) for p in release + [1]))
    return any(Version(v).major < major and specifier.contains(v, prereleases=True) for v in tried)


def _load_toml(text):
    try:
        import tomllib
    except ImportError:          # Python < 3.11
        try:
            import tomli as tomllib
        except ImportError:
            return None
    try:
        return tomllib.loads(text)
    except ValueError:
        return None


_VERSION_IN_TEXT = re.compile(r"(3\.\d+)")


def _pinned_versions(facts, read):
    runtime = read("runtime.txt")
    if runtime and runtime.strip().lower().startswith("python-"):
        match = _VERSION_IN_TEXT.search(runtime)
        if match:
            facts.pinned_python["runtime.txt"] = match.group(1)
    version_file = read(".python-version")
    if version_file:
        match = _VERSION_IN_TEXT.match(version_file.strip())
        if match:
            facts.pinned_python[".python-version"] = match.group(1)
    requires = _table(_table(facts.pyproject, "project"), "requires-python")
    if isinstance(requires, str):
        match = re.match(r"\s*(==|~=)\s*(3\.\d+)", requires)
        if match:
            facts.pinned_python["pyproject.toml"] = match.group(2)


def _table(parent, key):
    """parent[key] when parent is a TOML table, else None (a pyproject.toml can hold anything)."""
    return parent.get(key) if isinstance(parent, dict) else None


def _pyproject_dependencies(pyproject):
    names = {}
    dependencies = _table(_table(pyproject, "project"), "dependencies")
    for line in dependencies if isinstance(dependencies, list) else []:
        names.update(parse_requirements(str(line)))
    poetry = _table(_table(_table(pyproject, "tool"), "poetry"), "dependencies")
    names.update({canonicalize_name(name): "" for name in (poetry if isinstance(poetry, dict) else {})
                  if name.lower() != "python"})
    return names


def parse_django_settings(path, text) -> DjangoSettings:
    def value_of(name):
        match = re.search(rf"^\s*{name}\s*=\s*(.+)$", text, re.MULTILINE)
        return match.group(1).strip() if match else None
    static_root = value_of("STATIC_ROOT")
    ssl_redirect = value_of("SECURE_SSL_REDIRECT")
    return DjangoSettings(path=path, static_root=bool(static_root) and static_root != "None",
                          ssl_redirect=bool(ssl_redirect) and not ssl_redirect.startswith(("False", "None", "0")),
                          proxy_ssl_header=value_of("SECURE_PROXY_SSL_HEADER") not in (None, "None"))


def build_facts(tree: ProjectTree, custom_requirements: Optional[str] = None) -> ProjectFacts:
    facts = ProjectFacts(tree=tree)
    read = facts.text
    requirements_file = normalize(custom_requirements) if custom_requirements else "requirements.txt"
    if requirements_file in tree.files:
        facts.requirements_file = requirements_file
        facts.requirements_text = read(requirements_file) or ""
        facts.requirement_versions = parse_requirements(facts.requirements_text)
        for included in _included_requirements(read, requirements_file):
            for name, spec in parse_requirements(read(included) or "").items():
                facts.requirement_versions.setdefault(name, spec)
    if "pyproject.toml" in tree.files:
        facts.pyproject = _load_toml(read("pyproject.toml") or "")
        if facts.pyproject:
            for name, spec in _pyproject_dependencies(facts.pyproject).items():
                facts.requirement_versions.setdefault(name, spec)
    _pinned_versions(facts, read)
    for path in sorted(tree.files):
        name = path.rsplit("/", 1)[-1]
        if path.count("/") <= 2 and (name == "settings.py" or (name.endswith(".py") and "/settings/" in path)):
            text = read(path)
            if text and ("INSTALLED_APPS" in text or "STATIC_URL" in text or "DJANGO" in text.upper()):
                facts.django_settings.append(parse_django_settings(path, text))
    return facts
