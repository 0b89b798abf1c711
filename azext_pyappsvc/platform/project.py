# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Facts about a Python project, derived from its file list and file texts. No I/O of its own:
`read(path)` is supplied by the caller (a local folder, or nothing for a deployed-file listing)."""

import ast
import json
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Set

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

ASGI_FRAMEWORKS = ("fastapi", "starlette", "quart")
_FRAMEWORK_CLASSES = {"Flask": "flask", "FastAPI": "fastapi", "Starlette": "starlette", "Quart": "quart"}


@dataclass
class ModuleInfo:
    """What a Python file imports and which application objects it creates."""
    frameworks: Set[str] = field(default_factory=set)
    app_objects: Dict[str, str] = field(default_factory=dict)    # variable name -> framework
    factories: Set[str] = field(default_factory=set)             # create_app-style functions
    parsed: bool = True


@dataclass
class DjangoSettings:
    path: str
    static_root: bool = False
    ssl_redirect: bool = False
    proxy_ssl_header: bool = False


@dataclass
class ProjectFacts:
    files: Set[str]
    dirs: Set[str]
    virtualenvs: Set[str] = field(default_factory=set)
    requirements_file: Optional[str] = None
    requirements: Set[str] = field(default_factory=set)         # canonical distribution names
    requirement_versions: Dict[str, str] = field(default_factory=dict)   # name -> specifier text
    requirements_text: str = ""
    pyproject: Optional[dict] = None
    pinned_python: Dict[str, str] = field(default_factory=dict)  # source file -> major.minor
    django_settings: List[DjangoSettings] = field(default_factory=list)
    contents_available: bool = True     # False for a deployed-file listing: content rules stay silent
    read: Callable = field(default=lambda path: None, repr=False)
    _modules: Dict[str, ModuleInfo] = field(default_factory=dict, repr=False)

    def exists(self, path):
        return path in self.files or path in self.dirs

    def depends_on(self, name):
        return canonicalize_name(name) in self.requirements

    def asgi_frameworks(self, path) -> List[str]:
        """The ASGI frameworks (FastAPI, Starlette, Quart) a project file imports."""
        info = self.module(path) if path else None
        return sorted((info.frameworks if info else set()) & set(ASGI_FRAMEWORKS))

    def module(self, path) -> Optional[ModuleInfo]:
        """Imports and app objects of a project file, parsed once; None when the text is unavailable."""
        if path not in self._modules:
            text = self.read(path)
            self._modules[path] = None if text is None else parse_module(text)
        return self._modules[path]


def parse_module(text) -> ModuleInfo:
    info = ModuleInfo()
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        info.parsed = False
        for name in ("flask", "fastapi", "starlette", "quart", "django"):
            if re.search(r"^\s*(from|import)\s+{}\b".format(name), text, re.MULTILINE):
                info.frameworks.add(name)
        return info
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            info.frameworks.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            info.frameworks.add(node.module.split(".")[0])
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            framework = _FRAMEWORK_CLASSES.get(_call_name(node.value.func))
            if framework:
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        info.app_objects[target.id] = framework
        elif isinstance(node, ast.FunctionDef) and node.name in ("create_app", "make_app", "get_app"):
            info.factories.add(node.name)
    info.frameworks &= {"flask", "fastapi", "starlette", "quart", "django", "aiohttp", "azure"}
    return info


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
    requires = ((facts.pyproject or {}).get("project") or {}).get("requires-python")
    if requires:
        match = re.match(r"\s*(==|~=)\s*(3\.\d+)", requires)
        if match:
            facts.pinned_python["pyproject.toml"] = match.group(2)


def _pyproject_dependencies(pyproject):
    names = {}
    for line in ((pyproject.get("project") or {}).get("dependencies") or []):
        names.update(parse_requirements(str(line)))
    poetry = ((pyproject.get("tool") or {}).get("poetry") or {}).get("dependencies") or {}
    names.update({canonicalize_name(name): "" for name in poetry if name.lower() != "python"})
    return names


_SETTING = r"^\s*{}\s*=\s*(.+)$"


def parse_django_settings(path, text) -> DjangoSettings:
    def value_of(name):
        match = re.search(_SETTING.format(name), text, re.MULTILINE)
        return match.group(1).strip() if match else None
    static_root = value_of("STATIC_ROOT")
    ssl_redirect = value_of("SECURE_SSL_REDIRECT")
    return DjangoSettings(path=path, static_root=bool(static_root) and static_root != "None",
                          ssl_redirect=bool(ssl_redirect) and not ssl_redirect.startswith(("False", "None", "0")),
                          proxy_ssl_header=value_of("SECURE_PROXY_SSL_HEADER") not in (None, "None"))


def build_facts(files: Set[str], dirs: Set[str], read: Optional[Callable] = None, virtualenvs=(),
                custom_requirements: Optional[str] = None) -> ProjectFacts:
    facts = ProjectFacts(files=set(files), dirs=set(dirs), virtualenvs=set(virtualenvs),
                         contents_available=read is not None, read=read or (lambda path: None))
    read = facts.read
    requirements_file = custom_requirements or "requirements.txt"
    if requirements_file in facts.files:
        facts.requirements_file = requirements_file
        facts.requirements_text = read(requirements_file) or ""
        facts.requirement_versions = parse_requirements(facts.requirements_text)
    if "pyproject.toml" in facts.files:
        facts.pyproject = _load_toml(read("pyproject.toml") or "")
        if facts.pyproject:
            for name, spec in _pyproject_dependencies(facts.pyproject).items():
                facts.requirement_versions.setdefault(name, spec)
    facts.requirements = set(facts.requirement_versions)
    _pinned_versions(facts, read)
    for path in sorted(facts.files):
        name = path.rsplit("/", 1)[-1]
        if path.count("/") <= 2 and (name == "settings.py" or (name.endswith(".py") and "/settings/" in path)):
            text = read(path)
            if text and ("INSTALLED_APPS" in text or "STATIC_URL" in text or "DJANGO" in text.upper()):
                facts.django_settings.append(parse_django_settings(path, text))
    return facts


# -- Functions layout -----------------------------------------------------------------------------
def function_json_entries(facts: ProjectFacts):
    """[(folder, scriptFile path or None)] for v1-model functions (each folder with a function.json)."""
    entries = []
    for path in sorted(facts.files):
        if path.count("/") == 1 and path.endswith("/function.json"):
            folder = path.rsplit("/", 1)[0]
            try:
                config = json.loads(facts.read(path) or "{}")
            except ValueError:
                config = {}
            script = config.get("scriptFile") or "__init__.py"
            entries.append((folder, _join(folder, script)))
    return entries


def _join(folder, relative):
    parts = folder.split("/")
    for piece in relative.replace("\\", "/").split("/"):
        if piece == "..":
            parts = parts[:-1]
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


# -- web.config (Windows App Service) --------------------------------------------------------------
@dataclass
class WebConfig:
    handler: Optional[str]          # "fastcgi" | "httpplatform" | None
    wsgi_handler: Optional[str] = None
    arguments: Optional[str] = None


def parse_web_config(text) -> Optional[WebConfig]:
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError:
        return None
    for element in root.iter():
        tag = element.tag.split("}")[-1]
        if tag == "add" and (element.get("key") or "").upper() == "WSGI_HANDLER":
            return WebConfig("fastcgi", wsgi_handler=element.get("value"))
        if tag == "httpPlatform":
            return WebConfig("httpplatform", arguments=element.get("arguments"))
    return WebConfig(None)
