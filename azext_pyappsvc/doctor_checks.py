# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""The doctor's check catalog (shared/spec/DOCTOR-CHECKS.md): one small pure function per code.

A check receives the Facts of one target and returns None, or a Hit (a detail and a fix, and a
severity when it differs from the default). `needs` says which facts must exist for the check to
run at all: "app" (ARM data), "files" (a project: --source or the deployed listing), "contents"
(file texts, which a deployed listing does not have), "settings" (readable app settings).
Adding a check means adding one function here and its tests.
"""

import re
from dataclasses import dataclass
from datetime import date
from typing import Callable, List, Optional

from packaging.specifiers import InvalidSpecifier, SpecifierSet

from .appkind import CONTAINER, FLEX, LINUX, WINDOWS, AppKind
from .buildsettings import OPTION_OF, missing_scripts
from .oryx import BuildPrediction, collectstatic_runs, kudu_true, oryx_bool
from .projectfacts import ProjectFacts, function_json_entries, parse_web_config
from .runtimes import EOL, NEAR_EOL, find_option, newest_supported, parse_linux_fx_version, support_state
from .settings import is_key_vault_reference, looks_secret
from .startup import (DEFAULT, DJANGO, FLASK, FLASK_FILES, MODULE_SERVERS, StartupPrediction, binding_problem,
                      go_bool, is_async_worker, parse_command)
from .startup_change import interpreter_mismatch, locate_module, servers_needed, suggest

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITY_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}


@dataclass
class Facts:
    """Everything known about one target. Any part may be None when it was not, or could not be, read."""
    fix_args: str                              # "-g rg -n app" (or placeholders when offline)
    today: date
    kind: Optional[AppKind] = None
    site: Optional[dict] = None
    config: Optional[dict] = None
    settings: Optional[dict] = None
    python: Optional[str] = None               # the app's Python major.minor
    stacks: Optional[list] = None              # parsed RuntimeOption list for this app kind
    project: Optional[ProjectFacts] = None
    project_origin: Optional[str] = None       # "source" | "deployed"
    site_extensions: Optional[list] = None
    settings_error: Optional[str] = None
    files_error: Optional[str] = None
    build: Optional[BuildPrediction] = None
    startup: Optional[StartupPrediction] = None

    @property
    def has_app(self):
        return self.site is not None

    @property
    def is_function_app(self):
        if self.kind is not None:
            return self.kind.is_function_app
        project = self.project
        return bool(project and ("host.json" in project.files or "function_app.py" in project.files
                                 or project.depends_on("azure-functions")))

    @property
    def linux_code_app(self):
        return self.kind is not None and self.kind.platform in (LINUX, FLEX)

    @property
    def app_command(self):
        return ((self.config or {}).get("appCommandLine") or "").strip()


@dataclass
class Hit:
    detail: str
    fix: Optional[str] = None
    severity: Optional[str] = None


@dataclass
class Check:
    code: str
    severity: str
    title: str
    needs: tuple
    run: Callable


CATALOG: List[Check] = []


def check(code, severity, title, needs=("app",)):
    def register(function):
        CATALOG.append(Check(code, severity, title, tuple(needs), function))
        return function
    return register


def _available(facts: Facts, needs):
    project = facts.project
    return all({"app": facts.has_app,
                "settings": facts.settings is not None,
                "files": project is not None,
                "contents": project is not None and project.contents_available,
                "linux": facts.linux_code_app,
                "web": facts.has_app and not facts.is_function_app and facts.linux_code_app,
                "functions": facts.is_function_app}[need] for need in needs)


@dataclass
class Finding:
    code: str
    severity: str
    title: str
    detail: str
    fix: Optional[str] = None

    def as_dict(self):
        return {"code": self.code, "severity": self.severity, "title": self.title, "detail": self.detail,
                "fix": self.fix}


def run_checks(facts: Facts, catalog=None) -> List[Finding]:
    findings = []
    for entry in catalog or CATALOG:
        if not _available(facts, entry.needs):
            continue
        hits = entry.run(facts)
        for hit in ([hits] if isinstance(hits, Hit) else hits or []):
            findings.append(Finding(entry.code, hit.severity or entry.severity, entry.title, hit.detail, hit.fix))
    return sorted(findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.code))


def _fix(facts, command):
    return "az pyappsvc {} {}".format(command, facts.fix_args)


# -- Data sources ---------------------------------------------------------------------------------
@check("DATA001", WARNING, "App settings could not be read")
def data001(facts):
    if facts.settings_error:
        return Hit(facts.settings_error + " The checks that need them were skipped.",
                   "Run doctor with an identity that has the 'Website Contributor' role on the app.")
    return None


@check("DATA002", INFO, "Deployed files could not be listed")
def data002(facts):
    if facts.files_error:
        return Hit(facts.files_error + " The checks that need the project's files were skipped.",
                   "Pass --source with a local copy of the project.")
    return None


# -- Platform -------------------------------------------------------------------------------------
@check("PLAT001", ERROR, "Not a Linux app")
def plat001(facts):
    if facts.kind.platform == WINDOWS:
        return Hit("kind is '{}' and reserved is false: this is a Windows app, and Python on Windows App Service "
                   "has been retired since 2021-12.".format(facts.kind.kind),
                   "Create a Linux app (az webapp create --runtime PYTHON:3.12) and deploy the code there.")
    return None


@check("PLAT002", INFO, "Custom container")
def plat002(facts):
    if facts.kind.platform == CONTAINER:
        return Hit("The app runs a custom container ({}): the built-in Python runtime, build and startup settings "
                   "do not apply.".format((facts.config or {}).get("linuxFxVersion") or facts.kind.kind))
    return None


@check("PLAT003", WARNING, "Python site extension on a Windows app")
def plat003(facts):
    if facts.kind.platform != WINDOWS or not facts.site_extensions:
        return None
    python = [ext for ext in facts.site_extensions if str(ext).lower().startswith("python")]
    if python:
        return Hit("Site extension {} provides Python on this Windows app; these extensions are retired.".format(
            ", ".join(python)), "Migrate to a Linux app.")
    return None


@check("PLAT004", INFO, "Flex Consumption function app")
def plat004(facts):
    if facts.kind.platform == FLEX:
        return Hit("The runtime lives in functionAppConfig.runtime; SCM_DO_BUILD_DURING_DEPLOYMENT, "
                   "ENABLE_ORYX_BUILD and similar build settings are ignored (remote build is a deployment option).")
    return None


# -- Runtime --------------------------------------------------------------------------------------
def _fx(facts):
    return (facts.config or {}).get("linuxFxVersion") or ""


@check("RT001", ERROR, "No Python runtime", needs=("app", "linux"))
def rt001(facts):
    if facts.kind.platform == FLEX:
        runtime = ((facts.site or {}).get("functionAppConfig") or {}).get("runtime") or {}
        if (runtime.get("name") or "").lower() != "python":
            return Hit("functionAppConfig.runtime is {!r}, not Python.".format(runtime or None),
                       _fix(facts, "set-runtime") + " --version 3.12")
        return None
    parsed = parse_linux_fx_version(_fx(facts))
    if parsed.language != "python":
        return Hit("linuxFxVersion is {!r}: this app does not run the built-in Python runtime.".format(_fx(facts)),
                   _fix(facts, "set-runtime") + " --version 3.12")
    return None


@check("RT002", ERROR, "Malformed linuxFxVersion", needs=("app", "linux"))
def rt002(facts):
    parsed = parse_linux_fx_version(_fx(facts))
    if parsed.language == "python" and not parsed.well_formed:
        guess = re.search(r"3\.\d+", _fx(facts))
        version = guess.group(0) if guess else "3.12"
        return Hit("linuxFxVersion is {!r}; the platform only understands PYTHON|3.N and silently runs another stack "
                   "for anything else.".format(_fx(facts)), _fix(facts, "set-runtime") + " --version " + version)
    return None


def _app_option(facts):
    return find_option(facts.stacks or [], facts.python) if facts.python else None


@check("RT003", ERROR, "Python version not offered", needs=("app", "linux"))
def rt003(facts):
    if not facts.python or facts.stacks is None or _app_option(facts):
        return None
    newest = newest_supported(facts.stacks, facts.today)
    return Hit("Python {} is not offered for {} on Linux (absent, hidden or deprecated in the stacks catalogue)."
               .format(facts.python, "function apps" if facts.is_function_app else "web apps"),
               _fix(facts, "set-runtime") + " --version " + (newest.version if newest else "3.12"))


@check("RT004", WARNING, "Python version past end of life", needs=("app", "linux"))
def rt004(facts):
    option = _app_option(facts)
    if option and support_state(option, facts.today) == EOL:
        newest = newest_supported(facts.stacks, facts.today)
        return Hit("Python {} reached end of life on {}: no more security fixes.".format(
            facts.python, option.end_of_life.isoformat()),
            _fix(facts, "set-runtime") + " --version " + (newest.version if newest else "3.12"))
    return None


@check("RT005", INFO, "Python version near end of life", needs=("app", "linux"))
def rt005(facts):
    option = _app_option(facts)
    if option and support_state(option, facts.today) == NEAR_EOL:
        return Hit("Python {} reaches end of life on {}; plan the upgrade.".format(
            facts.python, option.end_of_life.isoformat()))
    return None


@check("RT006", WARNING, "Project pins another Python", needs=("app", "files", "contents"))
def rt006(facts):
    if not facts.python:
        return None
    other = {source: version for source, version in facts.project.pinned_python.items() if version != facts.python}
    if other:
        pins = ", ".join("{} says {}".format(source, version) for source, version in sorted(other.items()))
        return Hit("The app runs Python {} but {}. App Service ignores these files: linuxFxVersion decides."
                   .format(facts.python, pins), "Align them, or " + _fix(facts, "set-runtime") + " --version " +
                   sorted(other.values())[0])
    return None


@check("RT007", ERROR, "Functions worker runtime is not Python", needs=("app", "settings", "functions", "linux"))
def rt007(facts):
    if facts.kind.platform == FLEX:
        return None
    worker = (facts.settings.get("FUNCTIONS_WORKER_RUNTIME") or "")
    language = parse_linux_fx_version(_fx(facts)).language
    if worker.lower() != "python" or (language and language != "python"):
        return Hit("FUNCTIONS_WORKER_RUNTIME is {!r} and linuxFxVersion is {!r}: both must say Python.".format(
            worker or None, _fx(facts) or None),
            "az functionapp config appsettings set {} --settings FUNCTIONS_WORKER_RUNTIME=python".format(
                facts.fix_args))
    return None


@check("RT008", WARNING, "Functions host is not ~4", needs=("app", "settings", "functions", "linux"))
def rt008(facts):
    if facts.kind.platform == FLEX:
        return None
    host = facts.settings.get("FUNCTIONS_EXTENSION_VERSION")
    if host != "~4":
        return Hit("FUNCTIONS_EXTENSION_VERSION is {!r}: only the 4.x host is supported for Python 3.10+.".format(
            host), "az functionapp config appsettings set {} --settings FUNCTIONS_EXTENSION_VERSION=~4".format(
                facts.fix_args))
    return None


# -- Build ----------------------------------------------------------------------------------------
_GIT_SCM_TYPES = {"localgit", "github", "externalgit", "bitbucketgit", "bitbuckethg", "codeplexgit", "vso",
                  "vstsrm", "onedrive", "dropbox", "gitlab"}
_ORYX_BOOLEANS = ("DISABLE_COLLECTSTATIC", "DISABLE_PYTHON_BUILD", "ORYX_DISABLE_PIP_UPGRADE",
                  "DISABLE_RECURSIVE_LOOKUP", "ENABLE_MULTIPLATFORM_BUILD", "CREATE_PACKAGE",
                  "COMPRESS_DESTINATION_DIR", "ENABLE_DYNAMIC_INSTALL", "DISABLE_CHECKERS", "ORYX_DISABLE_TELEMETRY")


@check("BLD001", ERROR, "Zip deployments skip pip install", needs=("app", "settings", "web"))
def bld001(facts):
    settings = facts.settings
    if settings.get("WEBSITE_RUN_FROM_PACKAGE") or kudu_true(settings.get("SCM_DO_BUILD_DURING_DEPLOYMENT")):
        return None
    value = settings.get("SCM_DO_BUILD_DURING_DEPLOYMENT")
    scm_type = ((facts.config or {}).get("scmType") or "").lower()
    if value is None and scm_type in _GIT_SCM_TYPES:
        return None       # Git deployments build by default
    severity = ERROR if value is not None or scm_type == "none" else WARNING
    return Hit("SCM_DO_BUILD_DURING_DEPLOYMENT is {}: a zip deployment is copied as is, requirements are never "
               "installed and the app fails with ModuleNotFoundError.".format(
                   repr(value) if value is not None else "not set"),
               _fix(facts, "set-build") + " --build-on-deploy true", severity)


@check("BLD002", WARNING, "Run from package: no build", needs=("app", "settings", "linux"))
def bld002(facts):
    value = (facts.settings.get("WEBSITE_RUN_FROM_PACKAGE") or "").strip()
    if value and value != "0" and facts.kind.platform != FLEX:
        return Hit("WEBSITE_RUN_FROM_PACKAGE is set: the app runs from the package as is and no build runs, so the "
                   "package must contain the dependencies.",
                   "Remove WEBSITE_RUN_FROM_PACKAGE, or ship dependencies in the package.")
    return None


@check("BLD003", ERROR, "No dependency manifest", needs=("files",))
def bld003(facts):
    project, settings = facts.project, facts.settings or {}
    custom = settings.get("CUSTOM_REQUIREMENTSTXT_PATH")
    if custom or any(name in project.files for name in ("requirements.txt", "pyproject.toml", "setup.py")):
        return None
    if not any(path.endswith(".py") for path in project.files):
        return None
    nested = sorted(p for p in project.files if p.endswith("/requirements.txt"))
    hint = " ({} exists: set CUSTOM_REQUIREMENTSTXT_PATH, or move it)".format(nested[0]) if nested else ""
    return Hit("No requirements.txt, pyproject.toml or setup.py at the project root: Oryx installs nothing{}."
               .format(hint), "Add requirements.txt at the root of what you deploy.")


@check("BLD004", ERROR, "Invalid Oryx boolean", needs=("app", "settings", "linux"))
def bld004(facts):
    bad = ["{}={!r}".format(name, facts.settings[name]) for name in _ORYX_BOOLEANS
           if name in facts.settings and oryx_bool(facts.settings[name]) is None]
    if bad:
        return Hit("{}: Oryx accepts only true or false and the build fails on anything else.".format(", ".join(bad)),
                   _fix(facts, "set-build") + " --disable-collectstatic true"
                   if any(b.startswith("DISABLE_COLLECTSTATIC") for b in bad) else "Set them to true or false.")
    return None


@check("BLD005", WARNING, "Build script path hides the command", needs=("app", "settings", "linux"))
def bld005(facts):
    hits = []
    for stage in ("PRE", "POST"):
        script, command = facts.settings.get(stage + "_BUILD_SCRIPT_PATH"), facts.settings.get(stage + "_BUILD_COMMAND")
        if script and command:
            hits.append(Hit("{0}_BUILD_SCRIPT_PATH and {0}_BUILD_COMMAND are both set: Oryx runs {1} and never runs "
                            "{2!r}.".format(stage, script, command),
                            _fix(facts, "set-build") + " --{}-build \"\"".format(stage.lower())))
    return hits


@check("BLD006", ERROR, "Build script missing from the project", needs=("app", "settings", "files"))
def bld006(facts):
    return [Hit("{} names '{}', which is not in the project.".format(setting, path),
                "Fix the path, or " + _fix(facts, "set-build") + " {} <the right one>".format(OPTION_OF[setting]))
            for setting, path in missing_scripts(facts.settings, facts.project.exists)]


@check("BLD007", WARNING, "collectstatic without STATIC_ROOT", needs=("files", "contents"))
def bld007(facts):
    project = facts.project
    if not collectstatic_runs(project, facts.settings or {}) or not project.django_settings:
        return None
    if any(s.static_root for s in project.django_settings):
        return None
    return Hit("Oryx runs `python manage.py collectstatic` but {} defines no STATIC_ROOT: collectstatic fails (only a "
               "warning in the build log) and no static file is served.".format(project.django_settings[0].path),
               "Set STATIC_ROOT, or " + _fix(facts, "set-build") + " --disable-collectstatic true")


@check("BLD008", INFO, "manage.py without Django in requirements", needs=("files", "contents"))
def bld008(facts):
    project = facts.project
    if "manage.py" in project.files and project.requirements_file and \
            not re.search("django", project.requirements_text, re.IGNORECASE):
        return Hit("manage.py exists but requirements.txt does not mention Django: Oryx skips collectstatic.")
    return None


@check("BLD009", WARNING, "Virtual environment in the project", needs=("files",))
def bld009(facts):
    venvs = sorted(facts.project.virtualenvs)
    if facts.project_origin == "deployed":
        venvs = [v for v in venvs if v != "antenv"]       # antenv is Oryx's own, built in place
    if venvs:
        return Hit("{} would be deployed: a virtual environment built elsewhere does not work on App Service and "
                   "can shadow the one Oryx builds.".format(", ".join(venvs)),
                   "Exclude it from the deployment (.gitignore, .funcignore, or your zip step).")
    return None


@check("BLD010", ERROR, "CUSTOM_REQUIREMENTSTXT_PATH points nowhere", needs=("app", "settings", "files"))
def bld010(facts):
    path = facts.settings.get("CUSTOM_REQUIREMENTSTXT_PATH")
    if path and not facts.project.exists(path):
        return Hit("CUSTOM_REQUIREMENTSTXT_PATH is {!r}, which is not in the project: the build fails.".format(path),
                   "Fix the path.")
    return None


@check("BLD011", WARNING, "Remote build not enabled", needs=("app", "settings", "linux"))
def bld011(facts):
    settings = facts.settings
    if not facts.is_function_app:
        if (settings.get("ENABLE_ORYX_BUILD") or "").lower() == "false":
            return Hit("ENABLE_ORYX_BUILD=false: Kudu copies deployments without running Oryx (no pip install).",
                       "Remove ENABLE_ORYX_BUILD or set it to true.")
        return None
    sku = ((facts.site or {}).get("sku") or "").lower()
    if facts.kind.platform == FLEX or sku in ("dynamic", ""):
        return None
    off = [name for name in ("ENABLE_ORYX_BUILD", "SCM_DO_BUILD_DURING_DEPLOYMENT")
           if not kudu_true(settings.get(name))]
    if off:
        return Hit("On a {} plan a remote build needs ENABLE_ORYX_BUILD=true and SCM_DO_BUILD_DURING_DEPLOYMENT=true; "
                   "{} not.".format(facts.site.get("sku"), " and ".join(off) + (" is" if len(off) == 1 else " are")),
                   "az functionapp config appsettings set {} --settings ENABLE_ORYX_BUILD=true "
                   "SCM_DO_BUILD_DURING_DEPLOYMENT=true".format(facts.fix_args))
    return None


# -- Startup --------------------------------------------------------------------------------------
def _custom(facts):
    startup = facts.startup
    return startup.custom if startup and startup.custom else (parse_command(facts.app_command)
                                                            if facts.app_command else None)


@check("STA001", ERROR, "The default site is served", needs=("files",))
def sta001(facts):
    if facts.is_function_app or (facts.kind and not facts.linux_code_app):
        return None
    if not facts.startup or facts.startup.origin != DEFAULT:
        return None
    found = suggest(facts.project) if facts.project.contents_available else None
    fix = _fix(facts, "set-startup") + (" --module {}{}{}".format(
        found.module, " --chdir " + found.chdir if found.chdir else "", " --server uvicorn" if found.asgi else "")
        if found else " --module <file>:<object>")
    return Hit("No startup command, no first-level folder with wsgi.py and none of {} at the root: App Service "
               "serves its 'waiting for your content' page.{}".format(
                   ", ".join(FLASK_FILES), " The app looks like: {}.".format(found.why) if found else ""), fix)


@check("STA002", WARNING, "Auto-detection picks something unintended", needs=("files",))
def sta002(facts):
    startup, project = facts.startup, facts.project
    if not startup or facts.app_command or facts.is_function_app:
        return None
    hits = []
    wsgi_dirs = sorted(d for d in project.dirs if "/" not in d and d + "/wsgi.py" in project.files and d != "antenv")
    if startup.origin == DJANGO:
        package = startup.module.split(".")[0]
        if package + "/settings.py" not in project.files and package + "/settings" not in project.dirs:
            hits.append(Hit("{}/wsgi.py makes App Service treat the app as Django ({}), but {} has no settings: a "
                            "stray wsgi.py?".format(package, startup.module, package), _fix(facts, "set-startup") +
                            " --module <file>:<object>"))
        if len(wsgi_dirs) > 1:
            hits.append(Hit("Several first-level folders have a wsgi.py ({}); App Service picks the first by name, {}."
                            .format(", ".join(wsgi_dirs), wsgi_dirs[0]), _fix(facts, "set-startup") +
                            " --module {}.wsgi".format(wsgi_dirs[0])))
    if startup.origin == FLASK:
        present = [name for name in FLASK_FILES if name in project.files]
        if startup.module == "wsgi:app":
            hits.append(Hit("The root wsgi.py is run as wsgi:app; a Django-style wsgi.py defines 'application', not "
                            "'app'.", _fix(facts, "set-startup") + " --module wsgi:application"))
        elif len(present) > 1:
            hits.append(Hit("Several entry files exist at the root ({}); App Service runs {}.".format(
                ", ".join(present), startup.module), _fix(facts, "set-startup") + " --module " + startup.module))
    return hits


@check("STA003", ERROR, "The server does not listen where App Service sends traffic", needs=("app",))
def sta003(facts):
    command = _custom(facts)
    problem = binding_problem(command) if command else None
    if problem:
        return Hit("The startup command {}; the container never answers the platform's pings on port 8000.".format(
            problem), _fix(facts, "set-startup") + " --command \"<the same command with --bind=0.0.0.0>\"")
    return None


@check("STA004", ERROR, "The startup module is not in the project", needs=("app", "files"))
def sta004(facts):
    command = _custom(facts)
    if not command or not command.module or command.server not in MODULE_SERVERS:
        return None
    project = facts.project
    if command.chdir and not command.chdir.startswith(("/", "$")) and not project.exists(command.chdir.strip("/")):
        return Hit("--chdir {}: no such folder in the project.".format(command.chdir), _fix(facts, "set-startup") +
                   " --module {} --chdir <folder>".format(command.target))
    path, candidates = locate_module(command, project)
    deep = facts.project_origin == "deployed" and all(c.count("/") > 1 for c in candidates)
    if path is None and not deep:
        return Hit("The startup command serves {} but {} is not in the project.".format(
            command.target, " or ".join(candidates)), _fix(facts, "set-startup") + " --module <file>:<object>")
    return None


@check("STA005", ERROR, "ASGI app under gunicorn's sync worker", needs=("files", "contents"))
def sta005(facts):
    startup = facts.startup
    if not startup or facts.is_function_app:
        return None
    command = _custom(facts)
    if command and command.server == "gunicorn" and command.module and not is_async_worker(command):
        path, _ = locate_module(command, facts.project)
    elif not command and startup.origin == FLASK:
        path = startup.module.split(":")[0] + ".py"
    else:
        return None
    asgi = facts.project.asgi_frameworks(path)
    if asgi:
        return Hit("{} is an ASGI app ({}) but gunicorn serves it with its sync worker: requests fail with "
                   "\"__call__() missing 1 required positional argument: 'send'\".".format(path, ", ".join(asgi)),
                   _fix(facts, "set-startup") + " --module {} --server uvicorn".format(
                       command.target if command else startup.module))
    return None


@check("STA006", ERROR, "Startup file problem", needs=("app", "files"))
def sta006(facts):
    name = facts.app_command
    if not name or len(name.split()) != 1 or not re.search(r"\.(sh|bash|txt|cmd|py)$", name):
        return None
    if not facts.project.exists(name):
        return Hit("The startup command is the file name {!r}, which is not in the project.".format(name),
                   "Deploy {} or {} --command \"<command>\"".format(name, _fix(facts, "set-startup")))
    return [Hit(problem, "Rename it to a .sh script and " + _fix(facts, "set-startup") + " --file <name>.sh", WARNING)
            for problem in (facts.startup.problems if facts.startup else []) if "only the first runs" in problem]


@check("STA007", WARNING, "Hard-coded Python version in the startup command", needs=("app",))
def sta007(facts):
    mismatch = interpreter_mismatch(facts.app_command, facts.python) if facts.app_command else None
    return Hit(mismatch, _fix(facts, "set-startup") + " --command \"<the same command with python>\"") \
        if mismatch else None


@check("STA008", ERROR, "The server is not installed", needs=("app", "files", "contents"))
def sta008(facts):
    command = _custom(facts)
    project = facts.project
    if not command or not (project.requirements_file or project.pyproject):
        return None
    missing = [name for name in servers_needed(command) if not project.depends_on(name)]
    if missing:
        return Hit("The startup command uses {} but the requirements do not install it: the container exits at start."
                   .format(", ".join(missing)), "Add {} to requirements.txt.".format(", ".join(missing)))
    return None


@check("STA009", WARNING, "Auto-detected app object is not named app", needs=("files", "contents"))
def sta009(facts):
    startup = facts.startup
    if not startup or startup.origin != FLASK or facts.app_command:
        return None
    path = startup.module.split(":")[0] + ".py"
    info = facts.project.module(path)
    if info and info.app_objects and "app" not in info.app_objects:
        name = sorted(info.app_objects)[0]
        return Hit("{} creates '{}' but auto-detection runs {}: gunicorn fails with \"Failed to find attribute "
                   "'app'\".".format(path, name, startup.module),
                   _fix(facts, "set-startup") + " --module {}:{}".format(path[:-3], name))
    return None


@check("STA010", ERROR, "Invalid runtime boolean", needs=("app", "settings", "linux"))
def sta010(facts):
    bad = ["{}={!r}".format(name, facts.settings[name])
           for name in ("PYTHON_ENABLE_GUNICORN_MULTIWORKERS", "DISABLE_FASTAPI_DETECTION")
           if name in facts.settings and go_bool(facts.settings[name]) is None]
    if bad:
        return Hit("{}: the startup generator accepts 1/0/t/f/true/false only and fails on anything else, so no "
                   "startup script is generated.".format(", ".join(bad)), "Set it to true or false.")
    return None


# -- Functions ------------------------------------------------------------------------------------
@check("FN001", ERROR, "host.json is not at the root", needs=("files", "functions"))
def fn001(facts):
    if "host.json" not in facts.project.files:
        nested = sorted(p for p in facts.project.files if p.endswith("/host.json"))
        return Hit("No host.json at the project root{}: the Functions host finds no functions.".format(
            " ({} is one level down: deploy that folder)".format(nested[0]) if nested else ""),
            "Move host.json (and the functions) to the root of what you deploy.")
    return None


@check("FN002", ERROR, "azure-functions-worker in requirements", needs=("files", "contents", "functions"))
def fn002(facts):
    if facts.project.depends_on("azure-functions-worker"):
        return Hit("requirements include azure-functions-worker: the platform manages the worker, and a pinned copy "
                   "breaks it.", "Remove azure-functions-worker from requirements.txt.")
    return None


@check("FN003", ERROR, "No functions to load", needs=("files", "functions"))
def fn003(facts):
    project = facts.project
    entries = function_json_entries(project) if project.contents_available else []
    missing = [(folder, script) for folder, script in entries if script not in project.files]
    if missing:
        return [Hit("{}/function.json points to {}, which does not exist.".format(folder, script),
                    "Fix scriptFile in {}/function.json.".format(folder)) for folder, script in missing]
    script = (facts.settings or {}).get("PYTHON_SCRIPT_FILE_NAME") or "function_app.py"
    has_v1 = any(p.count("/") == 1 and p.endswith("/function.json") for p in project.files)
    if script not in project.files and not has_v1:
        return Hit("No {} (v2 model) and no folder with a function.json (v1 model): there is nothing to run."
                   .format(script), "Add function_app.py with app = func.FunctionApp().")
    return None


_COLLIDING = ("protobuf", "grpcio", "tensorflow")


@check("FN004", WARNING, "Packages that collide with the worker", needs=("app", "settings", "files", "contents",
                                                                       "functions"))
def fn004(facts):
    colliding = [name for name in _COLLIDING if facts.project.depends_on(name)]
    isolated = (facts.settings.get("PYTHON_ISOLATE_WORKER_DEPENDENCIES") or "") in ("1", "true", "True")
    version = tuple(int(x) for x in (facts.python or "3.13").split("."))
    if colliding and not isolated and version <= (3, 12):
        return Hit("{} collide with the worker's own copies on Python {}.".format(", ".join(colliding), facts.python),
                   "az functionapp config appsettings set {} --settings PYTHON_ISOLATE_WORKER_DEPENDENCIES=1".format(
                       facts.fix_args))
    return None


@check("FN005", WARNING, "local.settings.json would be deployed", needs=("files", "functions"))
def fn005(facts):
    project = facts.project
    if "local.settings.json" not in project.files:
        return None
    ignore = project.read(".funcignore") if ".funcignore" in project.files else ""
    if ignore is None or not re.search(r"^\s*/?local\.settings\.json\s*$", ignore, re.MULTILINE):
        return Hit("local.settings.json is not excluded by .funcignore: local connection strings and keys would be "
                   "deployed.", "Add local.settings.json to .funcignore.")
    return None


@check("FN006", WARNING, "azure-functions 2.x needs Python 3.13+", needs=("app", "files", "contents", "functions"))
def fn006(facts):
    spec = facts.project.requirement_versions.get("azure-functions")
    if not spec or not facts.python:
        return None
    try:
        allows_1x = any(SpecifierSet(spec).contains(v) for v in ("1.21.0", "1.24.0"))
    except InvalidSpecifier:
        return None
    if not allows_1x and tuple(int(x) for x in facts.python.split(".")) < (3, 13):
        return Hit("requirements ask for azure-functions {} (2.x), which needs Python 3.13 or later; the app runs {}."
                   .format(spec, facts.python), "Pin azure-functions<2, or " + _fix(facts, "set-runtime") +
                   " --version 3.13")
    return None


# -- Security -------------------------------------------------------------------------------------
@check("SEC001", WARNING, "HTTPS is not enforced")
def sec001(facts):
    if facts.site.get("httpsOnly") is False:
        return Hit("httpsOnly is false: the app answers plain HTTP.",
                   "az webapp update {} --https-only true".format(facts.fix_args))
    return None


@check("SEC002", WARNING, "TLS below 1.2")
def sec002(facts):
    version = (facts.config or {}).get("minTlsVersion")
    if version and version < "1.2":
        return Hit("minTlsVersion is {}.".format(version),
                   "az webapp config set {} --min-tls-version 1.2".format(facts.fix_args))
    return None


@check("SEC003", WARNING, "Plain FTP allowed")
def sec003(facts):
    if (facts.config or {}).get("ftpsState") == "AllAllowed":
        return Hit("ftpsState is AllAllowed: credentials can travel in clear over FTP.",
                   "az webapp config set {} --ftps-state FtpsOnly".format(facts.fix_args))
    return None


@check("SEC004", WARNING, "Remote debugging enabled")
def sec004(facts):
    if (facts.config or {}).get("remoteDebuggingEnabled"):
        return Hit("Remote debugging is on.", "az webapp config set {} --remote-debugging-enabled false".format(
            facts.fix_args))
    return None


@check("SEC005", WARNING, "Debug mode on", needs=("app", "settings"))
def sec005(facts):
    on = [name for name in ("DEBUG", "DJANGO_DEBUG", "FLASK_DEBUG")
          if (facts.settings.get(name) or "").strip().lower() in ("1", "true", "yes", "on")]
    if on:
        return Hit("{} is on: tracebacks and settings are shown to visitors.".format(", ".join(on)),
                   "Set {} to false.".format(", ".join(on)))
    return None


@check("SEC006", INFO, "Secrets stored as plain app settings", needs=("app", "settings"))
def sec006(facts):
    plain = sorted(name for name, value in facts.settings.items()
                   if looks_secret(name) and value and not is_key_vault_reference(value))
    if plain:
        return Hit("{} hold plain values (names only are shown).".format(", ".join(plain)),
                   "Use Key Vault references (@Microsoft.KeyVault(SecretUri=...)).")
    return None


@check("SEC007", WARNING, "Django HTTPS redirect loop", needs=("files", "contents"))
def sec007(facts):
    loops = [s.path for s in facts.project.django_settings if s.ssl_redirect and not s.proxy_ssl_header]
    if loops:
        return Hit("{} sets SECURE_SSL_REDIRECT but not SECURE_PROXY_SSL_HEADER: TLS ends at App Service's front end, "
                   "the app sees http and redirects forever.".format(loops[0]),
                   "Set SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https').")
    return None


# -- Operations -----------------------------------------------------------------------------------
_NO_ALWAYS_ON = {"free", "shared", "dynamic", "flexconsumption", "elasticpremium"}


@check("OPS001", INFO, "Container logging is off", needs=("app", "linux"))
def ops001(facts):
    if (facts.config or {}).get("httpLoggingEnabled") is False:
        return Hit("Filesystem logging is off: startup errors of the container are not kept.",
                   "az webapp log config {} --docker-container-logging filesystem".format(facts.fix_args))
    return None


@check("OPS002", INFO, "Always On is off")
def ops002(facts):
    sku = (facts.site.get("sku") or "").lower()
    if (facts.config or {}).get("alwaysOn") is False and sku not in _NO_ALWAYS_ON:
        return Hit("alwaysOn is off on a {} plan: the app unloads when idle and the next request waits for a cold "
                   "start.".format(facts.site.get("sku")), "az webapp config set {} --always-on true".format(
                       facts.fix_args))
    return None


@check("OPS003", WARNING, "Nothing is deployed", needs=("app", "files"))
def ops003(facts):
    if facts.project_origin != "deployed":
        return None
    real = [p for p in facts.project.files if p != "hostingstart.html"]
    if not real and not facts.project.dirs:
        return Hit("site/wwwroot holds no code.", "Deploy the app (az webapp deploy, Git, or CI).")
    return None


# -- Legacy platforms -----------------------------------------------------------------------------
def _web_config(facts):
    text = facts.project.read("web.config") if "web.config" in facts.project.files else None
    return parse_web_config(text) if text else None


@check("LEG001", INFO, "web.config with FastCGI (wfastcgi)", needs=("files", "contents"))
def leg001(facts):
    config = _web_config(facts)
    if not config or config.handler != "fastcgi" or not config.wsgi_handler:
        return None
    handler = config.wsgi_handler.strip()
    module, _, obj = handler.rpartition(".")
    target = "{}:{}".format(module, obj) if module else handler
    command = "gunicorn --bind=0.0.0.0 --timeout 600 " + target
    return Hit("web.config uses the Windows FastCGI handler with WSGI_HANDLER={}; on Linux the equivalent is: {}"
               .format(handler, command), _fix(facts, "set-startup") + " --command \"{}\"".format(command))


@check("LEG002", INFO, "web.config with HttpPlatform", needs=("files", "contents"))
def leg002(facts):
    config = _web_config(facts)
    if not config or config.handler != "httpplatform" or not config.arguments:
        return None
    arguments = re.sub(r"%HTTP_PLATFORM_PORT%", "$PORT", config.arguments).strip()
    if arguments.startswith("manage.py") and "runserver" in arguments:
        command = "python manage.py runserver 0.0.0.0:$PORT"
    else:
        command = "python " + arguments
    return Hit("web.config starts the app through HttpPlatform with arguments {!r}; on Linux the equivalent is: {}"
               .format(config.arguments, command), _fix(facts, "set-startup") + " --command \"{}\"".format(command))


@check("LEG003", INFO, "Azure Cloud Services project", needs=("files",))
def leg003(facts):
    markers = [name for name in ("ServiceDefinition.csdef", "ConfigureCloudService.ps1", "LaunchWorker.ps1")
               if any(p == name or p.endswith("/" + name) for p in facts.project.files)]
    if markers:
        return Hit("{} belong to Azure Cloud Services (classic), a retired platform: web roles map to App Service, "
                   "worker roles to WebJobs or Functions.".format(", ".join(markers)))
    return None
