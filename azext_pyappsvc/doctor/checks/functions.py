# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Functions — FN: what keeps the Functions host from finding, loading or running Python functions."""

from packaging.specifiers import InvalidSpecifier, SpecifierSet

from ...platform.appkind import FLEX
from ...platform.booleans import WORKER
from ...platform.build import FUNCTIONS_PACKAGES_DIR
from ...platform.distributions import STDLIB_ELSEWHERE, imported_modules, installed_by, provider_of
from ...platform.functions import (HOST_JSON, LINUX_CONSUMPTION_RETIREMENT, bindings_mismatch,
                                   excluded_by_funcignore, flex_ignored_settings, flex_refused_site_config,
                                   function_json_entries, funcignore_patterns, has_local_packages, has_v1_functions,
                                   ignored,
                                   index_urls_with_credentials, local_settings, on_linux_consumption,
                                   python_sources, project_test_paths, v2_script, worker_extensions,
                                   worker_extensions_enabled)
from ...platform.imports import Import, beyond_top_level
from ...platform.project import FUNCTIONS_PACKAGES_ROOT, admits_below
from ...platform.problems import ERROR, INFO, WARNING
from ...platform.settings import (PIP_EXTRA_INDEX_URL, PYTHON_ENABLE_WORKER_EXTENSIONS,
                                  PYTHON_ISOLATE_WORKER_DEPENDENCIES)
from ..catalog import Finding, Fix, check
from ..subject import SOURCE
from ..fixes import az, pyappsvc, set_build_option

_COLLIDING = ("protobuf", "grpcio", "tensorflow")


def _version(text):
    return tuple(int(x) for x in text.split("."))


@check("FN001", ERROR, "host.json is not at the root", needs=("files", "functions"))
def fn001(subject):
    if HOST_JSON not in subject.project.files:
        nested = sorted(p for p in subject.project.files if p.endswith(f"/{HOST_JSON}"))
        hint = f" ({nested[0]} is one level down: deploy that folder)" if nested else ""
        return Finding(f"No host.json at the project root{hint}: the Functions host finds no functions.",
                       Fix.describe("Move host.json (and the functions) to the root of what you deploy."))
    return None


@check("FN002", ERROR, "azure-functions-worker in requirements", needs=("files", "requirements", "functions"))
def fn002(subject):
    if subject.project.depends_on("azure-functions-worker"):
        return Finding("requirements include azure-functions-worker: the platform manages the worker, and a pinned "
                       "copy breaks it.", Fix.describe("Remove azure-functions-worker from requirements.txt."))
    return None


@check("FN003", ERROR, "No functions to load", needs=("files", "functions"))
def fn003(subject):
    project = subject.project
    entries = function_json_entries(project) if project.contents_available else []
    missing = [entry for entry in entries if entry.script is not None and entry.script not in project.files]
    unknown = [entry for entry in entries if entry.script is None and not entry.script_file]
    if missing or unknown:
        return [Finding(f"{entry.config_path} points to {entry.script}, which does not exist.",
                        Fix.describe("Fix scriptFile in {}.", entry.config_path)) for entry in missing] + [
            Finding(f"{entry.config_path} names no scriptFile and {entry.folder}/ has no __init__.py (or run.py, or "
                    "a single script): the host finds no script to run.",
                    Fix.describe("Add {} or set scriptFile.", f"{entry.folder}/__init__.py")) for entry in unknown]
    script = v2_script(subject.settings)
    if script not in project.files and not has_v1_functions(project):
        return Finding(f"No {script} (v2 model) and no folder with a function.json (v1 model): there is nothing to "
                       "run.", Fix.describe("Add function_app.py with app = func.FunctionApp()."))
    return None


@check("FN004", WARNING, "Packages that collide with the worker",
       needs=("app", "settings", "files", "requirements", "functions"))
def fn004(subject):
    colliding = [name for name in _COLLIDING if subject.project.depends_on(name)]
    isolated = WORKER.is_true(subject.settings.get(PYTHON_ISOLATE_WORKER_DEPENDENCIES))
    if colliding and not isolated and _version(subject.python or "3.13") <= (3, 12):
        return Finding(f"{', '.join(colliding)} collide with the worker's own copies on Python {subject.python}.",
                       pyappsvc(subject, "set-build", set_build_option(PYTHON_ISOLATE_WORKER_DEPENDENCIES), "true"))
    return None


@check("FN005", WARNING, "local.settings.json would be deployed", needs=("files", "functions"))
def fn005(subject):
    project = subject.project
    if "local.settings.json" in project.files and excluded_by_funcignore(project, "local.settings.json") is False:
        return Finding("local.settings.json is not excluded by .funcignore: local connection strings and keys would "
                       "be deployed.", Fix.describe("Add local.settings.json to .funcignore."))
    return None


@check("FN006", WARNING, "azure-functions 2.x needs Python 3.13+", needs=("app", "files", "requirements", "functions"))
def fn006(subject):
    spec = subject.project.requirement_versions.get("azure-functions")
    if not spec or not subject.python:
        return None
    try:
        allows_1x = admits_below(SpecifierSet(spec), 2)
    except InvalidSpecifier:
        return None
    if not allows_1x and _version(subject.python) < (3, 13):
        return Finding(f"requirements ask for azure-functions {spec} (2.x), which needs Python 3.13 or later; the app "
                       f"runs {subject.python}.", pyappsvc(subject, "set-runtime", "--version", "3.13"))
    return None


def _shapes(project):
    """(path, shape) of every parseable Python source of the project."""
    for path in python_sources(project):
        shape = project.shape(path)
        if shape is not None:
            yield path, shape


@check("FN007", ERROR, "Imported folder without __init__.py", needs=("contents", "functions"))
def fn007(subject):
    """Developer reference (seeds/004, "Folder structure"): a folder imported absolutely must hold __init__.py."""
    project = subject.project
    importers = {}
    for path, shape in _shapes(project):
        for imported in shape.imports:
            top = imported.top
            if imported.level == 0 and top in project.dirs and top not in importers and _is_bare_folder(project, top):
                importers[top] = f"{path}:{imported.line}"
    return [Finding(f"{where} imports {top} with an absolute import, but {top}/ has no __init__.py: the Functions "
                    "worker does not load it as a package.", Fix.describe("Add an empty {}.", f"{top}/__init__.py"))
            for top, where in sorted(importers.items())]


def _is_bare_folder(project, top):
    """A root folder of Python files with no __init__.py (and no module of the same name)."""
    return (f"{top}/__init__.py" not in project.files and f"{top}.py" not in project.files
            and top not in project.virtualenvs and top != FUNCTIONS_PACKAGES_ROOT
            and any(p.startswith(top + "/") and p.endswith(".py") for p in project.files))


@check("FN008", WARNING, "Deprecated __app__ or beyond-top-level imports", needs=("contents", "functions"))
def fn008(subject):
    """Developer reference (seeds/004): `from __app__...` and relative imports beyond the top-level package are
    deprecated; the worker maps __app__ itself (python worker loader.py _AZURE_NAMESPACE)."""
    findings = []
    for path, shape in _shapes(subject.project):
        for imported in shape.imports:
            if imported.level == 0 and imported.top == "__app__":
                shown = imported.module.partition(".")[2] or ", ".join(imported.names)
                findings.append(Finding(f"{path}:{imported.line} imports from __app__, which is deprecated.",
                                        Fix.describe("Import {} from the project root instead (absolute import, "
                                                     "without __app__).", shown)))
            elif imported.level and beyond_top_level(path, imported):
                shown = f"from {'.' * imported.level}{imported.module} import {', '.join(imported.names)}"
                findings.append(Finding(f"{path}:{imported.line}: `{shown}` is a relative import beyond the "
                                        "top-level package (deprecated; in function_app.py it fails).",
                                        Fix.describe("Use an absolute import from the project root.")))
    return findings


def _v1_functions(project):
    """(function, its parsed script or None) for every v1-model function."""
    for entry in function_json_entries(project):
        loadable = entry.script is not None and entry.script.endswith(".py")
        yield entry, project.shape(entry.script) if loadable else None


@check("FN009", ERROR, "entryPoint / scriptFile do not load", needs=("contents", "functions"))
def fn009(subject):
    """python worker loader.py load_function: the script must be a .py file under the app root and define the
    entry point."""
    findings = []
    for entry, shape in _v1_functions(subject.project):
        if entry.script is None and entry.script_file:
            why = f"scriptFile {entry.script_file} leads outside the project, so the worker cannot load it"
        elif entry.script is None:
            continue                                    # FN003: no script at all
        elif not entry.script.endswith(".py"):
            why = f"scriptFile {entry.script_file} is not a Python file (the worker loads only .py files)"
        elif not entry.entry_point.isidentifier():
            why = f"entryPoint {entry.entry_point} is not a function name, so the function does not load"
        elif shape is not None and not shape.star_import and entry.entry_point not in shape.defined:
            why = f"{entry.script} defines no {entry.entry_point}() (entryPoint), so the function does not load"
        else:
            continue
        findings.append(Finding(f"{entry.config_path}: {why}.",
                                Fix.describe("Fix entryPoint / scriptFile in {}.", entry.config_path)))
    return findings


@check("FN010", ERROR, "Bindings and parameters do not match", needs=("contents", "functions"))
def fn010(subject):
    """python worker functions.py validate_function_params: every parameter bound, every binding a parameter."""
    findings = []
    for entry, shape in _v1_functions(subject.project):
        parameters = shape.parameters.get(entry.entry_point) if shape and entry.bindings is not None else None
        if parameters is None:
            continue
        unbound, unused = bindings_mismatch(entry, parameters)
        said = ([f"binding(s) {', '.join(unbound)} have no parameter"] if unbound else []) + (
            [f"parameter(s) {', '.join(unused)} have no binding"] if unused else [])
        if said:
            findings.append(Finding(f"{entry.config_path} and {entry.entry_point}() in {entry.script} disagree: "
                                    f"{'; '.join(said)}. The worker refuses to load the function.",
                                    Fix.describe("Rename the binding or the parameter in {} so they match.",
                                                 entry.config_path)))
    return findings


def _effective_settings(subject):
    """The app's settings, or offline local.settings.json Values (what `func start` exports); None if unknown."""
    if subject.has_app:
        return subject.settings
    return local_settings(subject.project) or {}


@check("FN011", WARNING, "Worker extension not enabled", needs=("contents", "functions"))
def fn011(subject):
    """python worker extension.py: extensions load only with PYTHON_ENABLE_WORKER_EXTENSIONS (constants.py)."""
    settings = _effective_settings(subject)
    extensions = worker_extensions(subject.project)
    if settings is None or not extensions or worker_extensions_enabled(settings, subject.python):
        return None
    where = "the app settings" if subject.has_app else "local.settings.json Values"
    return Finding(f"{', '.join(extensions)} use Python worker extensions, but {PYTHON_ENABLE_WORKER_EXTENSIONS} "
                   f"is not 1 in {where}: the worker never loads them.",
                   pyappsvc(subject, "set-build", set_build_option(PYTHON_ENABLE_WORKER_EXTENSIONS), "true")
                   if subject.has_app else
                   Fix.describe("Add \"{}\": \"1\" to local.settings.json Values, and the same app setting to the "
                                "function app you publish to.", PYTHON_ENABLE_WORKER_EXTENSIONS))


@check("FN012", WARNING, ".python_packages with a remote build", needs=("files", "functions"))
def fn012(subject):
    """A remote build runs Oryx with packagedir=.python_packages/lib/site-packages (shared/reference/logs 14, 22),
    installing over what a local build left there."""
    if subject.project_origin != SOURCE or not has_local_packages(subject.project):
        return None                         # deployed: a remote build's own output lives there
    build = subject.build
    runs = build.runs if build is not None else None
    if subject.has_app and runs is False:
        return None
    certain = runs is True or not subject.has_app
    why = ("the deployment builds remotely" if runs else "`func azure functionapp publish` builds Python apps "
           "remotely by default") if certain else "the deployment may build remotely"
    return Finding(f"{FUNCTIONS_PACKAGES_DIR} is in the project and {why}: Oryx installs requirements over it.",
                   Fix.describe("Publish with func azure functionapp publish {} --no-build, or remove {}.",
                                subject.ref.label, FUNCTIONS_PACKAGES_ROOT)
                   if subject.ref is not None and not subject.ref.slot else
                   Fix.describe("Publish with Core Tools' --no-build option (it deploys .python_packages as built), "
                                "or remove {}.", FUNCTIONS_PACKAGES_ROOT), None if certain else INFO)


def _published(project, path, patterns):
    """A file not excluded, or a folder with a file not excluded (`tests/*` leaves the folder, empty)."""
    if path not in project.dirs:
        return not ignored(path, patterns)
    return any(not ignored(name, patterns) for name in project.files if name.startswith(path + "/"))


@check("FN013", INFO, "Tests would be deployed", needs=("contents", "functions"))
def fn013(subject):
    """Core Tools publishes everything .funcignore does not exclude (developer reference, seeds/004)."""
    project = subject.project
    patterns = funcignore_patterns(project)
    if patterns is None:
        return None
    deployed = [path for path in project_test_paths(project) if _published(project, path, patterns)]
    if not deployed:
        return None
    named = [path + "/" if path in project.dirs else path for path in deployed]
    shown = ", ".join(named[:3]) + (f" and {len(named) - 3} more" if len(named) > 3 else "")
    return Finding(f"{shown} would be published: .funcignore does not exclude them.",
                   Fix.describe("Add {} (and other test files) to .funcignore.", named[0]))


@check("FN014", ERROR, "function_app.py imports a module requirements do not install",
       needs=("contents", "requirements", "functions"))
def fn014(subject):
    """python worker loader.py index_function_app imports the script and what it imports; a missing module fails
    the indexing (shared/reference/logs 15-17: "0 functions found", "Worker failed to index functions")."""
    project = subject.project
    script = v2_script(subject.settings)
    if script not in project.files or not subject.stdlib:
        return None
    installed = frozenset(project.requirements)
    findings, seen = [], set()
    for path, imported in _loaded_imports(project, script):
        if imported.level > 0:
            continue
        for module in imported_modules(imported.module, imported.names):
            distribution = provider_of(module).names[0]
            if distribution in seen or _provided_elsewhere(project, subject.stdlib, module):
                continue
            verdict = installed_by(module, installed)
            if verdict is True:
                continue
            seen.add(distribution)
            sure = verdict is False
            findings.append(Finding(
                f"{path}:{imported.line} imports {module}, which requirements do not install"
                + (": indexing fails and the host reports \"0 functions found\"." if sure else
                   " (it may come with another requirement; check that it is installed)."),
                Fix.describe("Add {} to requirements.txt.", distribution) if sure else
                Fix.describe("Add the distribution that provides {} to requirements.txt.", module),
                None if sure else INFO))
    return findings


def _provided_elsewhere(project, stdlib, module: str):
    top = module.split(".")[0]
    return (top in stdlib or top in STDLIB_ELSEWHERE or top == "__app__" or module.startswith("azure.functions")
            or module == "azure" or f"{top}.py" in project.files or top in project.dirs
            or has_local_packages(project, top))


_MAX_MODULES = 200


def _loaded_imports(project, script):
    """(file, import) of every import that runs when the worker imports `script`: the script and the project
    modules it imports in turn (blueprints), depth-first, each once."""
    queue, visited = [script], set()
    while queue and len(visited) < _MAX_MODULES:
        path = queue.pop(0)
        if path in visited:
            continue
        visited.add(path)
        shape = project.shape(path)
        for imported in shape.imports if shape else []:
            if not imported.at_load:
                continue
            local = _local_modules(project, path, imported)
            queue.extend(local)
            if not local:
                yield path, imported


def _local_modules(project, path, imported: Import):
    """The project files an import loads (package __init__ files included), [] for a third-party import."""
    base = path.split("/")[:-1][:max(0, path.count("/") - imported.level + 1)] if imported.level else []
    parts = base + [p for p in imported.module.split(".") if p]
    found = []
    for length in range(1, len(parts) + 1):
        stem = "/".join(parts[:length])
        for candidate in (f"{stem}.py", f"{stem}/__init__.py"):
            if candidate in project.files:
                found.append(candidate)
    for name in imported.names:
        stem = "/".join(parts + [name])
        if f"{stem}.py" in project.files:
            found.append(f"{stem}.py")
    return found


@check("FN015", WARNING, "Settings Flex Consumption ignores or rejects", needs=("app",))
def fn015(subject):
    """Functions app settings reference, "Flex Consumption plan deprecations"; ARM refuses Flex siteConfig
    properties (shared/reference/logs 23, azure-functions-host#10643)."""
    if subject.kind.platform != FLEX:
        return None
    findings = []
    names = flex_ignored_settings(subject.settings)
    if names:
        findings.append(Finding(f"This Flex Consumption app carries app settings Flex ignores or rejects: "
                                f"{', '.join(names)} (the runtime lives in functionAppConfig; remote build is a "
                                "deployment option).",
                                az(subject, "functionapp config appsettings delete", "--setting-names", *names)))
    refused = flex_refused_site_config(subject.config, subject.site.get("functionAppConfig"))
    if refused:
        findings.append(Finding(f"siteConfig sets {', '.join(refused)}, which Flex Consumption refuses (ARM answers "
                                "400 to a deployment that sends it); scale lives in "
                                "functionAppConfig.scaleAndConcurrency.",
                                Fix.describe("Remove {} from your templates and use maximumInstanceCount.",
                                             refused[0])))
    return findings


@check("FN016", WARNING, "Package index credentials in clear", needs=("functions",))
def fn016(subject):
    """pip reads PIP_(EXTRA_)INDEX_URL and index options from requirements; a URL's userinfo is a credential."""
    project = subject.project
    found = [(f"App setting {where}", host) for where, host in index_urls_with_credentials(subject.settings, "")]
    if project is not None:
        found += [(f"local.settings.json {where}" if where.startswith("PIP_") else where, host)
                  for where, host in index_urls_with_credentials(local_settings(project), project.requirements_text)]
    return [Finding(f"{where} names the package index {host} with a credential in clear text.",
                    Fix.describe("Keep the URL in Key Vault and set the app setting {} to its Key Vault reference "
                                 "(@Microsoft.KeyVault(SecretUri=...), which set-build's --pip-extra-index-url "
                                 "writes as is); keep credentials out of requirements.txt.", PIP_EXTRA_INDEX_URL))
            for where, host in found]


@check("FN017", INFO, "Linux Consumption plan retires", needs=("app", "functions"))
def fn017(subject):
    """Azure Functions hosting docs: the Linux Consumption plan retires on 2028-09-30."""
    if on_linux_consumption(subject.kind, subject.snapshot.sku):
        return Finding(f"This function app runs on the Linux Consumption plan, which retires on "
                       f"{LINUX_CONSUMPTION_RETIREMENT}.",
                       Fix.describe("Plan the move to a Flex Consumption app (the Azure CLI's functionapp "
                                    "flex-migration commands create one from this app's configuration)."))
    return None
