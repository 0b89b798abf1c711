# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""The Azure Functions (Python) project layout: v1 (a folder per function with function.json) and v2
(decorators in function_app.py). Sources: docs functions-reference-python.md "Folder structure"."""

import json
import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from .appkind import LINUX, AppKind
from .booleans import WORKER
from .build import FUNCTIONS_PACKAGES_DIR
from .project import FUNCTIONS_PACKAGES_ROOT, ProjectFacts, ignore_patterns, ignored, join_inside
from .redact import mask_credentials, urls_with_userinfo
from .settings import (ENABLE_ORYX_BUILD, FUNCTIONS_EXTENSION_VERSION, FUNCTIONS_WORKER_RUNTIME,
                       PIP_EXTRA_INDEX_URL, PIP_INDEX_URL, PYTHON_ENABLE_WORKER_EXTENSIONS, PYTHON_SCRIPT_FILE_NAME,
                       SCM_DO_BUILD_DURING_DEPLOYMENT, WEBSITE_RUN_FROM_PACKAGE, is_key_vault_reference)
from .startup.prediction import StartupPrediction

V2_SCRIPT = "function_app.py"
HOST_JSON = "host.json"
LOCAL_SETTINGS = "local.settings.json"
DEFAULT_SCRIPT_FILE = "__init__.py"         # the Python primary script the host looks for
DEFAULT_ENTRY_POINT = "main"
RETURN_BINDING = "$return"
FUNCTIONS_ORIGIN = "functions"          # show-startup's origin for apps the Functions host starts
# Distributions built on azure.functions AppExtensionBase / FuncExtensionBase (developer reference, "Python
# worker extensions"): the worker loads them only with PYTHON_ENABLE_WORKER_EXTENSIONS=1.
WORKER_EXTENSION_DISTRIBUTIONS = ("opencensus-extension-azure-functions",)
PIP_INDEX_SETTINGS = (PIP_INDEX_URL, PIP_EXTRA_INDEX_URL)
FLEX_UNSUPPORTED_SETTINGS = (FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION, WEBSITE_RUN_FROM_PACKAGE,
                             SCM_DO_BUILD_DURING_DEPLOYMENT, ENABLE_ORYX_BUILD, "WEBSITE_CONTENTSHARE",
                             "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "WEBSITE_NODE_DEFAULT_VERSION")
FLEX_REFUSED_SITE_CONFIG = ("functionAppScaleLimit",)


def worker_is_python(settings) -> bool:
    """FUNCTIONS_WORKER_RUNTIME must say python (any case) for the Functions host to start the Python worker."""
    return ((settings or {}).get(FUNCTIONS_WORKER_RUNTIME) or "").lower() == "python"


def looks_like_functions_project(project: Optional[ProjectFacts]) -> bool:
    return bool(project and (HOST_JSON in project.files or V2_SCRIPT in project.files
                             or project.depends_on("azure-functions")))


def v2_script(settings) -> str:
    """The v2 model's script: PYTHON_SCRIPT_FILE_NAME, default function_app.py (python worker constants.py)."""
    return (settings or {}).get(PYTHON_SCRIPT_FILE_NAME) or V2_SCRIPT


def has_v1_functions(project: ProjectFacts) -> bool:
    return any(p.count("/") == 1 and p.endswith("/function.json") for p in project.files)


@dataclass(frozen=True)
class V1Function:
    """One v1-model function as the host reads its function.json. Without scriptFile the host picks the primary
    script (azure-functions-host HostFunctionMetadataProvider.cs DeterminePrimaryScriptFile: the folder's only
    file, else run.* or __init__.py); entryPoint defaults to main (python worker loader.py _DEFAULT_ENTRY_POINT)."""
    folder: str
    script: Optional[str]          # the project path of the script; None: outside the project, or none found
    script_file: str               # scriptFile as written ('' when function.json has none)
    entry_point: str
    bindings: Optional[Tuple[str, ...]]   # binding names the entry function receives ($return excluded); None:
    #                                       function.json has no readable bindings list

    @property
    def config_path(self) -> str:
        return f"{self.folder}/function.json"


def function_json_entries(project: ProjectFacts) -> List[V1Function]:
    """The v1-model functions whose function.json could be read."""
    entries = []
    for path in sorted(project.files):
        if path.count("/") == 1 and path.endswith("/function.json"):
            text = project.text(path)
            if text is None:
                continue
            try:
                config = json.loads(text or "{}")
            except ValueError:
                config = {}
            config = config if isinstance(config, dict) else {}
            folder = path.rsplit("/", 1)[0]
            script_file = config.get("scriptFile")
            script_file = script_file if isinstance(script_file, str) else ""
            bindings = config.get("bindings")
            names = tuple(b["name"] for b in bindings if isinstance(b, dict) and isinstance(b.get("name"), str)
                          and b["name"] != RETURN_BINDING) if isinstance(bindings, list) else None
            script = join_inside(folder, script_file) if script_file else primary_script(project, folder)
            entries.append(V1Function(folder, script, script_file,
                                      _entry_point(config.get("entryPoint")), names))
    return entries


def _entry_point(value) -> str:
    """function.json's entryPoint: `main` when absent; any other value that is no name is kept for FN009 to name."""
    if value is None or value == "":
        return DEFAULT_ENTRY_POINT
    return value if isinstance(value, str) else json.dumps(value)


def primary_script(project: ProjectFacts, folder: str) -> Optional[str]:
    """The script the host runs for a function.json without scriptFile: the folder's only other file, else its
    run.* or __init__.py file (HostFunctionMetadataProvider.cs DeterminePrimaryScriptFile); None when none is."""
    files = sorted(p for p in project.files if p.rsplit("/", 1)[0] == folder and p.count("/") == folder.count("/") + 1
                   and p.rsplit("/", 1)[-1].lower() != "function.json")
    if len(files) == 1:
        return files[0]
    names = {p.rsplit("/", 1)[-1].lower(): p for p in files}
    chosen = [p for name, p in names.items() if name.rsplit(".", 1)[0] == "run" or name == DEFAULT_SCRIPT_FILE]
    return sorted(chosen)[0] if chosen else None


def bindings_mismatch(function: V1Function, parameters: Tuple[str, ...]) -> Tuple[List[str], List[str]]:
    """(binding names without a parameter, parameters without a binding), as the worker compares them
    (functions.py validate_function_params); a `context` parameter without a binding is the invocation
    context (is_context_required)."""
    params = [p for p in parameters if not (p == "context" and "context" not in function.bindings)]
    return ([b for b in function.bindings if b not in params], [p for p in params if p not in function.bindings])


# -- .funcignore: what `func azure functionapp publish` leaves out (gitignore syntax) ---------------------
def funcignore_patterns(project: ProjectFacts) -> Optional[List[str]]:
    """The .funcignore patterns, [] without the file, None when it cannot be read."""
    return ignore_patterns(project, ".funcignore")


def excluded_by_funcignore(project: ProjectFacts, name: str) -> Optional[bool]:
    """Whether .funcignore excludes `name` from the published package; None when it cannot be read."""
    patterns = funcignore_patterns(project)
    return None if patterns is None else ignored(name, patterns)


def project_test_paths(project: ProjectFacts) -> List[str]:
    """Test folders and files a publish would carry: a root tests/ (or test/) folder, pytest's test_*.py,
    *_test.py and conftest.py (outside virtual environments and .python_packages)."""
    found = sorted(d for d in project.dirs if d in ("tests", "test"))
    for path in sorted(project.files):
        name = path.rsplit("/", 1)[-1]
        if path.split("/")[0] in found or _not_the_projects_own(project, path):
            continue
        if name.endswith(".py") and (name.startswith("test_") or name.endswith("_test.py") or name == "conftest.py"):
            found.append(path)
    return found


def has_local_packages(project: ProjectFacts, top: str = "") -> bool:
    """Whether .python_packages/lib/site-packages (or the package `top` in it) is in the project: what Core Tools'
    `--build local` / `pip install --target` leaves there, and the worker puts on sys.path."""
    if top:
        folder = f"{FUNCTIONS_PACKAGES_DIR}/{top}"
        return folder in project.dirs or f"{folder}.py" in project.files
    return any(d == FUNCTIONS_PACKAGES_DIR or d.startswith(FUNCTIONS_PACKAGES_DIR + "/") for d in project.dirs)


def _not_the_projects_own(project, path):
    """Files installed rather than written: in a virtual environment or in .python_packages."""
    return any(path.startswith(folder + "/") for folder in tuple(project.virtualenvs) + (FUNCTIONS_PACKAGES_ROOT,))


def python_sources(project: ProjectFacts) -> List[str]:
    """The project's own Python files (not in virtual environments, .python_packages or tests)."""
    return [p for p in sorted(project.files) if p.endswith(".py") and not _not_the_projects_own(project, p)]


# -- local.settings.json: the app settings of a local run ---------------------------------------------
def local_settings(project: Optional[ProjectFacts]) -> Optional[Dict[str, str]]:
    """The `Values` of local.settings.json (what `func start` exports as app settings), or None."""
    text = project.text(LOCAL_SETTINGS) if project is not None else None
    data = _lenient_json(text) if text is not None else None
    values = data.get("Values") if isinstance(data, dict) else None
    return {k: v for k, v in values.items() if isinstance(v, str)} if isinstance(values, dict) else None


def local_settings_unreadable(project: Optional[ProjectFacts]) -> bool:
    """Whether local.settings.json is there but is no JSON object even as leniently as Core Tools reads it."""
    text = project.text(LOCAL_SETTINGS) if project is not None else None
    return text is not None and not isinstance(_lenient_json(text), dict)


_JSON_STRING = r'"(?:[^"\\]|\\.)*"'
_COMMENT = re.compile(rf"({_JSON_STRING})|//[^\n]*|/\*.*?\*/", re.DOTALL)
_TRAILING_COMMA = re.compile(rf"({_JSON_STRING})|,(\s*[}}\]])")


def _lenient_json(text: str):
    """JSON as Core Tools' Newtonsoft reader takes it: a UTF-8 BOM, // and /* */ comments and trailing commas
    are accepted. None when it still does not parse."""
    text = text.lstrip("\ufeff")
    for attempt in (text, _TRAILING_COMMA.sub(lambda m: m.group(1) or m.group(2),
                                              _COMMENT.sub(lambda m: m.group(1) or "", text))):
        try:
            return json.loads(attempt)
        except ValueError:
            continue
    return None


# -- worker extensions ----------------------------------------------------------------------------------
def worker_extensions(project: ProjectFacts) -> List[str]:
    """Worker extensions the project uses: a known extension distribution in requirements, or a project class
    built on azure.functions AppExtensionBase / FuncExtensionBase (python worker extension.py)."""
    found = sorted(name for name in WORKER_EXTENSION_DISTRIBUTIONS if project.depends_on(name))
    for path in python_sources(project):
        text = project.text(path) or ""
        if re.search(r"^\s*class\s+\w+\s*\([^)]*\b(AppExtensionBase|FuncExtensionBase)\b", text, re.MULTILINE):
            found.append(path)
    return found


def worker_extensions_enabled(settings: Dict[str, str], python: Optional[str]) -> bool:
    """PYTHON_ENABLE_WORKER_EXTENSIONS, read with is_true_like; unset it is on only for Python 3.9
    (python worker constants.py PYTHON_ENABLE_WORKER_EXTENSIONS_DEFAULT[_39])."""
    value = settings.get(PYTHON_ENABLE_WORKER_EXTENSIONS)
    if not isinstance(value, str) or not value.strip():
        return python == "3.9"
    return WORKER.is_true(value)


# -- package indexes in clear ---------------------------------------------------------------------------
_ENV_ONLY = re.compile(r"^(\$\{[A-Za-z_][A-Za-z0-9_]*\}|:)+$")
_PIP_URL_OPTION = re.compile(r"^\s*(--index-url|--extra-index-url|-i|--find-links|-f)(?=[\s=])")
_URL = re.compile(r"(?i)(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*://[^\s\"'<>]+")


def index_urls_with_credentials(settings: Optional[Dict[str, str]], requirements_text: str) -> List[Tuple[str, str]]:
    """(where, host) of every package URL that carries a credential in clear: PIP_INDEX_URL / PIP_EXTRA_INDEX_URL
    settings (not Key Vault references), and any URL in requirements (index and --find-links options, `pkg @ URL`,
    `git+https://token@...`). A credential is what platform/redact.py masks (userinfo, `?token=`, `sig=`...). Only
    the host is returned: the credential never leaves this function."""
    found = []
    for key in PIP_INDEX_SETTINGS:
        value = (settings or {}).get(key)
        if isinstance(value, str) and value and not is_key_vault_reference(value):
            found.extend((key, host) for host in _hosts_with_credentials(value))
    for line in (requirements_text or "").splitlines():
        option = _PIP_URL_OPTION.match(line)
        where = f"requirements ({option.group(1)})" if option else "requirements"
        found.extend((where, host) for host in _hosts_with_credentials(line))
    return found


def _hosts_with_credentials(value: str) -> List[str]:
    """The hosts of the URLs in `value` that carry a credential, unless the userinfo is only environment
    references pip expands at install time (`https://${USER}:${TOKEN}@host`: nothing in clear)."""
    hosts = []
    for url in _URL.findall(value):
        userinfo = urls_with_userinfo(url)
        query = "?" + url.partition("?")[2]
        if (userinfo and not _ENV_ONLY.match(userinfo[0][0])) or (query != "?" and mask_credentials(query) != query):
            hosts.append(userinfo[0][1] if userinfo else re.split(r"[/?#:]", url.partition("://")[2], maxsplit=1)[0])
    return hosts


# -- what the Functions host starts ---------------------------------------------------------------------
def functions_startup(project: Optional[ProjectFacts], settings: Optional[dict]) -> StartupPrediction:
    """A function app has no startup command: the Functions host starts the Python worker, which indexes
    function_app.py (v2; PYTHON_SCRIPT_FILE_NAME) or loads each function.json's scriptFile (v1)."""
    script = v2_script(settings)
    if project is not None and script in project.files:
        how = f"the Python worker indexes {script} (v2 model) and runs the functions it registers"
        module = script[:-3] if script.endswith(".py") else script
    elif project is not None and has_v1_functions(project):
        how = "the Python worker loads each folder's function.json scriptFile (v1 model)"
        module = None
    else:
        how = f"the Python worker indexes {script} (v2 model) or the function.json folders (v1 model)"
        module = None
    return StartupPrediction(FUNCTIONS_ORIGIN, module, None,
                             f"This is an Azure Functions app: no startup command applies; the Functions host "
                             f"starts it and {how}.")


# -- plans ------------------------------------------------------------------------------------------------
LINUX_CONSUMPTION_RETIREMENT = "2028-09-30"


def on_linux_consumption(kind: AppKind, sku: Optional[str]) -> bool:
    """A function app on the Linux Consumption plan (sku Dynamic on Linux), which retires on 2028-09-30
    (Azure Functions hosting docs, "Linux Consumption plan retirement")."""
    return kind.is_function_app and kind.platform == LINUX and isinstance(sku, str) and sku.lower() == "dynamic"


def flex_ignored_settings(settings: Optional[Dict[str, str]]) -> List[str]:
    """App settings a Flex Consumption app carries that Flex rejects or ignores (Functions app settings
    reference, "Flex Consumption plan deprecations")."""
    return [key for key in FLEX_UNSUPPORTED_SETTINGS if key in (settings or {})]


def flex_refused_site_config(config: dict, function_app_config: Optional[dict]) -> List[str]:
    """siteConfig properties Flex refuses (ARM 400 "site configuration property (Site.SiteConfig.
    FunctionAppScaleLimit) for Flex Consumption sites is invalid", azure-functions-host#10643): set to a value
    other than the one Flex derives from functionAppConfig.scaleAndConcurrency."""
    scale = (function_app_config or {}).get("scaleAndConcurrency") if isinstance(function_app_config, dict) else None
    limit = scale.get("maximumInstanceCount") if isinstance(scale, dict) else None
    return [key for key in FLEX_REFUSED_SITE_CONFIG
            if isinstance(config.get(key), int) and not isinstance(config.get(key), bool)
            and config[key] > 0 and config[key] != limit]
