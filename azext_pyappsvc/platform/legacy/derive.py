# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""The one derivation from a legacy project (and, when known, the live Windows app) to Linux App Service: the
startup command, the Python version clues, the app settings to carry, the dependency risks and the worker roles.
Doctor's LEG checks and `az pyappsvc migrate` both read it from here."""

import json
import re
from dataclasses import dataclass, field, replace
from typing import List, Optional, Tuple

from ..errors import PlatformError
from ..inputs import CONTROL
from ..problems import Problem
from ..project import ProjectFacts, ProjectTree, build_facts
from ..redact import mask_credentials
from ..settings import looks_secret
from ..startup.compose import compose, suggest, uvicorn_worker_for
from ..startup.command import entrypoint_word, is_valid_target, module_file_candidates
from ..startup.prediction import predict
from ..startup.problems import startup_problems
from .cloudservice import (WEB_ROLE, WORKER_ROLE, Role, parse_service_configuration, parse_service_definition,
                           worker_script)
from .safexml import UnreadableConfig
from .versions import VersionClue, windows_python_version
from .webconfig import (FASTCGI, HTTP_PLATFORM, PTVS_PROXY, WEB_CONFIG, WebConfig, linux_words, parse_web_config,
                        program_name, versioned_web_config_version, windows_word, with_port, wsgi_target)

WINDOWS, CLOUD_SERVICE = "windows", "cloud-service"
CLOUD_SERVICE_MARKERS = ("ServiceDefinition.csdef", "ConfigureCloudService.ps1", "LaunchWorker.ps1")
# read by wfastcgi and PTVS's virtualenv proxy (WSGI_HANDLER, WSGI_LOG, WSGI_RESTART_FILE_REGEX,
# WSGI_ALT_VIRTUALENV_*, WSGI_PTVSD_SECRET), by the Windows Python itself, or by Windows App Service alone (the
# Node.js version of a Windows app's Kudu, which every new Windows app gets): nothing on Linux reads them
_PLATFORM_ONLY = re.compile(r"(?i)WSGI_.*|PYTHONPATH|PYTHONHOME|WEBSITE_NODE_DEFAULT_VERSION")
# a Cloud Service role's own variables (LaunchWorker.ps1, PrepPython.ps1): where Python is, not app settings
_ROLE_ONLY = frozenset({"EMULATED", "PYTHON", "PYTHON2", "PYPATH", "PYTHONPATH"})
WINDOWS_ONLY_PACKAGES = ("pywin32", "pypiwin32", "pywin32-ctypes", "wfastcgi", "pythonnet", "comtypes", "wmi")
KUDU_CONSOLE_NOTE = ("Packages installed by hand through the Kudu console (pip install under D:\\home) are in no "
                     "file and cannot be seen here: compare `pip freeze` on the Windows app with requirements.txt.")
NO_PROJECT_NOTE = "No project folder (--source) was read: its requirements and imports were not checked."
UNCARRIED_WHY = ("no quoting carries through the built-in image's single-quoted eval of the startup command (STA012): "
                 "put the command in a startup .sh file")
WEBJOB_OR_FUNCTION = ("a continuous WebJob on the Linux web app (runs beside the app on its plan and is restarted "
                      "when it exits; needs Always On), or a timer-triggered function in a function app (for "
                      "periodic work: scales and is billed on its own, but each run has a time limit)")


class NoLegacyConfig(PlatformError):
    """Neither the project nor the app shows a retired Python platform."""


@dataclass(frozen=True)
class LiveWindowsApp:
    """What the live Windows app says about its Python (operations read it; names of app settings only)."""
    site_extensions: Tuple[str, ...] = ()
    python_version: Optional[str] = None        # config/web pythonVersion (the built-in D:\\Python34 / 27)
    windows_fx_version: Optional[str] = None
    handler_mappings: Tuple[Tuple[str, str], ...] = ()     # (extension, scriptProcessor)
    setting_names: Tuple[str, ...] = ()


@dataclass(frozen=True)
class DerivedStartup:
    origin: str                     # the file it comes from
    what: str                       # what the Windows configuration ran, in words
    command: Optional[str]          # the Linux startup command; None when none can be derived
    why: str                        # how it was derived, or why nothing was
    problems: Tuple[Problem, ...] = ()      # set-startup --source's checks of the command against the project


@dataclass(frozen=True)
class CarriedSetting:
    name: str
    origin: str
    value: Optional[str]            # None: secret-looking or unknown, to be copied by hand


@dataclass(frozen=True)
class WorkerRole:
    name: str
    origin: str
    command: Optional[str]
    why: str


@dataclass
class Derivation:  # pylint: disable=too-many-instance-attributes  # a plain record of what was derived
    platform: str                                   # WINDOWS | CLOUD_SERVICE
    files: List[str] = field(default_factory=list)  # the legacy configuration files read
    app_folder: str = ""                            # the folder the Linux app serves ("": the project's root)
    startup: Optional[DerivedStartup] = None
    versions: List[VersionClue] = field(default_factory=list)
    settings: List[CarriedSetting] = field(default_factory=list)
    dependencies: List[str] = field(default_factory=list)
    workers: List[WorkerRole] = field(default_factory=list)
    imports: frozenset = frozenset()               # every module the app's Python files import

    @property
    def source_version(self) -> Optional[str]:
        return self.versions[0].version if self.versions else None


# -- web.config ----------------------------------------------------------------------------------------------
def web_config_paths(project: ProjectFacts, folder: str = "") -> List[str]:
    """The folder's web.config files, the one IIS used first: a web.<version>.config (Kudu copied the one for
    the app's PYTHON_VER over web.config; runtime.txt names that version), else web.config."""
    prefix = f"{folder}/" if folder else ""
    versioned = sorted(p for p in project.files if p.startswith(prefix) and "/" not in p[len(prefix):]
                       and versioned_web_config_version(p))
    pinned = runtime_txt_version(project) if not folder else None
    chosen = [p for p in versioned if versioned_web_config_version(p) == pinned] or \
        (versioned if len(versioned) == 1 else [])
    plain = [f"{prefix}{WEB_CONFIG}"] if f"{prefix}{WEB_CONFIG}" in project.files else []
    return chosen + plain + [p for p in versioned if p not in chosen]


def effective_web_config(project: ProjectFacts, folder: str = "") -> Optional[WebConfig]:
    """The web.config IIS ran the app with (UnreadableConfig when it is malformed); None when there is none."""
    paths = web_config_paths(project, folder)
    return parse_web_config(paths[0], _text(project, paths[0])) if paths else None


def _text(project: ProjectFacts, path: str) -> str:
    """A configuration file's text; UnreadableConfig when it exists but could not be read as text."""
    text = project.text(path)
    if text is None:
        raise UnreadableConfig(path, "cannot be read as text (binary, too large or unreadable)")
    return text


def startup_from_web_config(config: WebConfig, project: ProjectFacts) -> Optional[DerivedStartup]:
    """The Linux startup command for the handler the web.config declares (None: it declares none)."""
    if config.handler == FASTCGI:
        return _fastcgi(config, project)
    if config.handler == HTTP_PLATFORM:
        return _http_platform(config, project)
    return None


def _fastcgi(config, project):
    handler = config.wsgi_handler or ""
    what = f"wfastcgi served WSGI_HANDLER={handler!r}"
    if handler.startswith(f"{PTVS_PROXY}."):
        if not config.alt_handler:
            return DerivedStartup(config.path, what, None, "the handler is PTVS's virtualenv proxy, which cannot run "
                                  "on Linux, and WSGI_ALT_VIRTUALENV_HANDLER (the real handler) is not set")
        handler = config.alt_handler.strip()
        what += f" in front of WSGI_ALT_VIRTUALENV_HANDLER={handler!r}"
    if handler == "django.core.wsgi.get_wsgi_application()":
        found = suggest(project)
        if found and not found.asgi and found.module.endswith(".wsgi"):
            return _served(config.path, what, found.module, project, chdir=found.chdir,
                           why=f"Django's WSGI application is {found.module}'s ({found.why})")
        return DerivedStartup(config.path, what, None, "Django's get_wsgi_application() needs the project's "
                              "settings module, and no Django project with a wsgi.py was found")
    target = _unaliased(wsgi_target(handler), project)
    if not is_valid_target(target):
        return DerivedStartup(config.path, what, None, f"{handler!r} is not a Python module.name that gunicorn can "
                              "import")
    return _served(config.path, what, target, project, why=f"gunicorn serves {target} as wfastcgi did")


def _unaliased(target, project):
    """`app:app` for `app:wsgi_app` when the module says `wsgi_app = app.wsgi_app` (PTVS's Flask template): the
    Flask object itself is the same WSGI application, and the one the project's checks know."""
    module, _, obj = (target or "").partition(":")
    path = f"{module.replace('.', '/')}.py"
    info, text = project.module(path), project.text(path)
    if not (info and text and obj and obj not in info.app_objects):
        return target
    for name in info.app_objects:
        if re.search(rf"(?m)^{re.escape(obj)}\s*=\s*{re.escape(name)}\.wsgi_app\s*$", text):
            return f"{module}:{name}"
    return target


def _served(origin, what, target, project, *, chdir=None, why):
    asgi = bool(project.asgi_frameworks(f"{(chdir + '/') if chdir else ''}{target.split(':')[0].replace('.', '/')}.py"))
    command = compose(target, chdir, server="uvicorn" if asgi else "gunicorn", worker_class=uvicorn_worker_for(project))
    return _checked(DerivedStartup(origin, what, command, why), project)


def _http_platform(config, project):
    if not (config.process_path or config.arguments):
        return None                     # IIS starts nothing either
    what = f"HttpPlatform started {config.process_path or '?'} {config.arguments or ''}".strip()
    program = program_name(config.process_path)
    words = linux_words(config.arguments or "")
    if program is None or words is None:
        return DerivedStartup(config.path, what, None, "processPath or arguments cannot be read as a command")
    windows = [word for word in words if windows_word(word)]
    if windows:
        return DerivedStartup(config.path, what, None, f"{windows[0]!r} is a Windows path outside the app's folder "
                              "(D:\\home\\site\\wwwroot), or a Windows variable: nothing on Linux stands for it")
    if program == "python" and words and words[0].endswith(".py"):
        served = _dev_server(config.path, what, words, project)
        if served:
            return served
    quoted = [with_port(word) for word in words]
    if None in quoted:
        return DerivedStartup(config.path, what, None, f"{words[quoted.index(None)]!r} holds a quote, $, backslash, "
                              f"backtick or !, which {UNCARRIED_WHY}")
    command = " ".join([program] + quoted)
    if program == "python" and words[:2] == ["manage.py", "runserver"]:
        command = "python manage.py runserver 0.0.0.0:${PORT}"
    return _checked(DerivedStartup(config.path, what, command, "the same program and arguments, with paths under "
                                   "D:\\home\\site\\wwwroot made relative and ${PORT} for %HTTP_PLATFORM_PORT%"),
                    project)


def _dev_server(origin, what, words, project):
    """gunicorn instead of a development server, when the project proves what it serves: Django's runserver
    serves the project's wsgi module; a script serves the application object it creates."""
    script = words[0]
    if script.rsplit("/", 1)[-1] == "manage.py" and "runserver" in words:
        found = suggest(project)
        if found and found.module.endswith(".wsgi"):
            return _served(origin, what, found.module, project, chdir=found.chdir,
                           why=f"manage.py runserver is Django's development server; gunicorn serves {found.why}")
        return None
    info = project.module(script)
    module = script[:-3].replace("/", ".")
    apps = sorted((name for name, binding in info.bindings.items() if binding.kind == "object"),
                  key=lambda n: n != "app") if info else []
    # importing a script whose app.run() is not under `if __name__ == "__main__":` starts the development server
    if apps and "/" not in script and not info.serves_on_import:
        name = apps[0]
        if is_valid_target(f"{module}:{name}"):
            return _served(origin, what, f"{module}:{name}", project,
                           why=f"{script} creates the {info.bindings[name].framework} application '{name}'; "
                           "gunicorn serves the same object")
    imported = _imported_and_run(script, project)
    if imported:
        return _served(origin, what, imported, project, why=f"{script} imports the application {imported} and runs "
                       "its development server; gunicorn serves the same object")
    return None


_IMPORTED = re.compile(r"(?m)^from[ \t]+([A-Za-z_][\w.]*)[ \t]+import[ \t]+([A-Za-z_]\w*)[ \t]*$")


def _imported_and_run(script, project) -> Optional[str]:
    """`module:name` when the script imports `name` from a project module that creates that application, and
    calls `name.run(...)` (PTVS's runserver.py: `from FlaskWebProject import app` ... `app.run(HOST, PORT)`)."""
    text = project.text(script) or ""
    for module, name in _IMPORTED.findall(text):
        if not re.search(rf"\b{re.escape(name)}\.run\(", text) or not is_valid_target(f"{module}:{name}"):
            continue
        path = next((p for p in module_file_candidates(module) if p in project.files), None)
        info = project.module(path) if path else None
        if info and name in info.app_objects:
            return f"{module}:{name}"
    return None


def _checked(startup: DerivedStartup, project: ProjectFacts) -> DerivedStartup:
    """The command checked against the project as set-startup --source checks it."""
    problems = startup_problems(predict(startup.command, project, {}, None), project, None, startup.command)
    return replace(startup, problems=tuple(problems))


# -- the project ----------------------------------------------------------------------------------------------
def legacy_files(project: ProjectFacts) -> List[str]:
    """Every file of the project that belongs to a retired platform."""
    def legacy(path):
        name = path.rsplit("/", 1)[-1]
        return name == WEB_CONFIG or versioned_web_config_version(name) or name in CLOUD_SERVICE_MARKERS or \
            name.endswith((".csdef", ".cscfg"))
    return sorted(p for p in project.files if legacy(p))


def cloud_service_markers(project: ProjectFacts) -> List[str]:
    return [name for name in CLOUD_SERVICE_MARKERS if any(p.rsplit("/", 1)[-1] == name for p in project.files)]


def within(project: ProjectFacts, folder: str) -> ProjectFacts:
    """The facts of one folder of the project, as if it were the project (a Cloud Service role's folder)."""
    if not folder:
        return project
    prefix = f"{folder}/"

    def inside(paths):
        return frozenset(p[len(prefix):] for p in paths if p.startswith(prefix))
    tree = project.tree
    texts = None if tree.texts is None else {p[len(prefix):]: t for p, t in tree.texts.items() if p.startswith(prefix)}
    listed = None if tree.listed_dirs is None else frozenset(
        "" if d == folder else d[len(prefix):] for d in tree.listed_dirs if d == folder or d.startswith(prefix))
    return build_facts(ProjectTree(inside(tree.files), inside(tree.dirs), inside(tree.virtualenvs), texts,
                                   inside(tree.unreadable), tree.truncated, listed))


def derive(project: Optional[ProjectFacts], live: Optional[LiveWindowsApp] = None) -> Derivation:
    """Everything migrate needs to know; NoLegacyConfig when neither shows a retired platform, UnreadableConfig
    when a configuration file is malformed or refused."""
    files = legacy_files(project) if project is not None else []
    if not files and live is None:
        raise NoLegacyConfig("no web.config, web.<version>.config, .csdef, .cscfg or LaunchWorker.ps1")
    csdef = next((p for p in files if p.endswith(".csdef")), None)
    derivation = Derivation(CLOUD_SERVICE if csdef or (project and cloud_service_markers(project)) else WINDOWS,
                            files=files)
    if live is not None:
        _live_clues(derivation, live)
    if project is None:
        derivation.settings = _first_of_each(derivation.settings)
        derivation.dependencies = [NO_PROJECT_NOTE, KUDU_CONSOLE_NOTE]
        return derivation
    roles = parse_service_definition(csdef, _text(project, csdef)) if csdef else []
    web = next((role for role in roles if role.kind == WEB_ROLE), None)
    derivation.app_folder = _role_folder(project, web) if web else ""
    app = within(project, derivation.app_folder)
    config = effective_web_config(app)
    if config is not None:
        where = f"{derivation.app_folder}/" if derivation.app_folder else ""
        config = replace(config, path=where + config.path)
        derivation.startup = startup_from_web_config(config, app)
        _web_config_clues(derivation, config)
        derivation.settings += [CarriedSetting(name, config.path, _shown(name, value))
                                for name, value in config.settings if not _PLATFORM_ONLY.fullmatch(name)]
    _project_clues(derivation, project)
    _cloud_service(derivation, project, roles, csdef)
    derivation.settings = _first_of_each(derivation.settings)
    derivation.dependencies = dependency_risks(app)
    derivation.imports = frozenset(name for path in project.files if path.endswith(".py")
                                   for name in (project.module(path).top_level_imports if project.module(path) else ()))
    return derivation


def _first_of_each(settings: List[CarriedSetting]) -> List[CarriedSetting]:
    """One entry per name, the first found: the live app's settings (which override web.config's <appSettings> on
    Windows) before the files', and the Cloud configuration before the Local one (sorted paths)."""
    seen = set()
    return [s for s in settings if not (s.name.upper() in seen or seen.add(s.name.upper()))]


def _role_folder(project, role: Role) -> str:
    """The folder that holds a role's project (a folder named after the role; the shallowest one)."""
    folders = sorted((d for d in project.dirs if d.rsplit("/", 1)[-1] == role.name), key=lambda d: (d.count("/"), d))
    return folders[0] if folders else ""


def _shown(name, value) -> Optional[str]:
    """A setting's value as a plan may carry it: only when neither its name nor its value looks secret, and the
    `NAME=value` word of the printed command leaves redaction unchanged (DESIGN_MODE=x reads like a `sig=` to it)
    and on one line, so that pasting the command sets exactly this value."""
    assignment = f"{name}={value}"
    if looks_secret(name, value) or mask_credentials(assignment) != assignment or CONTROL.search(assignment):
        return None
    return value


def _live_clues(derivation, live: LiveWindowsApp):
    for extension in live.site_extensions:
        version = windows_python_version(extension)
        if version:
            derivation.versions.append(VersionClue(version, f"site extension {extension}"))
    for extension, processor in live.handler_mappings:
        version = windows_python_version(processor)
        if version:
            derivation.versions.append(VersionClue(version, f"handler mapping for {extension}"))
    fx = (live.windows_fx_version or "").partition("|")
    if fx[0].lower() == "python" and re.fullmatch(r"[23]\.\d+", fx[2]):
        derivation.versions.append(VersionClue(fx[2], "windowsFxVersion"))
    if live.python_version and re.fullmatch(r"[23]\.\d+", live.python_version):
        derivation.versions.append(VersionClue(live.python_version, "pythonVersion (the built-in Python)"))
    derivation.settings += [CarriedSetting(name, "app settings of the Windows app", None)
                            for name in live.setting_names if not _PLATFORM_ONLY.fullmatch(name)]


def _web_config_clues(derivation, config: WebConfig):
    version = windows_python_version(config.python_path)
    if version:
        derivation.versions.append(VersionClue(version, f"{config.path} ({config.python_path})"))
    version = versioned_web_config_version(config.path)
    if version:
        derivation.versions.append(VersionClue(version, f"{config.path} (Kudu's PYTHON_VER)"))


def runtime_txt_version(project: ProjectFacts) -> Optional[str]:
    """The Python runtime.txt names, 2.x included: Kudu's Python deployment on Windows read `python-2.7` there
    (projectkudu/KuduScript lib/templates/deploy.batch.python.template), where the Linux rules read only 3.x."""
    if project.pinned_python.get("runtime.txt"):
        return project.pinned_python["runtime.txt"]
    match = re.match(r"\s*python-(2\.\d+)", (project.text("runtime.txt") or "").lower())
    return match.group(1) if match else None


def _project_clues(derivation, project: ProjectFacts):
    pinned = runtime_txt_version(project)
    if pinned:
        derivation.versions.append(VersionClue(pinned, "runtime.txt"))
    for path in sorted(p for p in project.files if p.endswith(".json") and p.count("/") <= 2):
        for name in _template_site_extensions(project.text(path)):
            version = windows_python_version(name)
            if version:
                derivation.versions.append(VersionClue(version, f"{path} (siteextensions resource {name})"))


def _template_site_extensions(text) -> List[str]:
    """The names of `Microsoft.Web/sites/siteextensions` resources an ARM template declares (none when the file is no
    JSON, or nests deeper than the json module can read: it raises RecursionError then)."""
    try:
        template = json.loads(text) if text and '"resources"' in text else None
    except (ValueError, RecursionError):
        return []
    found, stack = [], [template]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if str(node.get("type", "")).lower().endswith("siteextensions") and isinstance(node.get("name"), str):
                found.append(node["name"].rsplit("/", 1)[-1])
            stack.extend(v for v in node.values() if isinstance(v, (dict, list)))
        elif isinstance(node, list):
            stack.extend(node)
    return found


def _cloud_service(derivation, project, roles, csdef):
    for role in roles:
        for name, value in role.environment:
            version = windows_python_version(value) if name.upper() == "PYTHON" else None
            if version:
                derivation.versions.append(VersionClue(version, f"role {role.name}: PYTHON={value}"))
    for path in (p for p in derivation.files if p.endswith(".cscfg")):
        for role, settings in parse_service_configuration(path, _text(project, path)).items():
            derivation.versions += [VersionClue(windows_python_version(value), f"{path} (role {role}: PYTHON={value})")
                                    for name, value in settings
                                    if name.upper() == "PYTHON" and windows_python_version(value)]
            derivation.settings += [CarriedSetting(name, f"{path} (role {role})", _shown(name, value))
                                    for name, value in settings if name.upper() not in _ROLE_ONLY]
    launchers = sorted(p for p in project.files if p.rsplit("/", 1)[-1] == "LaunchWorker.ps1")
    if csdef is None:       # a worker role's folder alone: its LaunchWorker.ps1 may say what it runs
        roles = [Role(_launcher_role(path), WORKER_ROLE, "bin\\ps.cmd LaunchWorker.ps1") for path in launchers]
    for role in (r for r in roles if r.kind == WORKER_ROLE):
        folder = _role_folder(project, role)
        launcher = next((p for p in launchers if p.startswith(f"{folder}/" if folder else "")), None)
        origin = csdef or launcher
        words = worker_script(role, project.text(launcher) if launcher else None)
        words = linux_words(" ".join(words)) if words else None
        if not words or any(windows_word(w) for w in words):
            why = "the entry point names no Python script this tool can read" if csdef else \
                "LaunchWorker.ps1 runs what the .csdef's entry point names, and no .csdef is in the folder"
            derivation.workers.append(WorkerRole(role.name, origin, None, why))
            continue
        quoted = [entrypoint_word(w) for w in words]
        if None in quoted:
            derivation.workers.append(WorkerRole(role.name, origin, None, f"{words[quoted.index(None)]!r} holds a "
                                                 f"quote, $, backslash, backtick or !, which {UNCARRIED_WHY}"))
            continue
        command = " ".join(["python"] + quoted)
        where = f" in {folder}/" if folder else ""
        derivation.workers.append(WorkerRole(role.name, origin, command,
                                             f"runs {command}{where}: move it to {WEBJOB_OR_FUNCTION}"))


def _launcher_role(path: str) -> str:
    """The role a LaunchWorker.ps1 belongs to: the folder that holds its bin/ (WorkerRole1/bin/LaunchWorker.ps1)."""
    parts = path.split("/")
    return parts[-3] if len(parts) >= 3 and parts[-2] == "bin" else "worker"


def dependency_risks(project: ProjectFacts) -> List[str]:
    """What may not install on Linux: Windows wheels, Windows paths for pip, Windows-only packages, and what no
    file shows."""
    risks = []
    if not project.requirements_file:
        risks.append("No requirements.txt: the Linux build installs nothing; list the packages the app imports.")
    wheelhouse = sorted(d for d in project.dirs if d.rsplit("/", 1)[-1].lower() == "wheelhouse")
    if wheelhouse:
        risks.append(f"{wheelhouse[0]}/ holds wheels built for Windows: leave it out, the Linux build installs "
                     "Linux wheels from the index.")
    for line in project.requirements_text.splitlines():
        stripped = line.strip()
        if re.match(r"(?i)(-f|--find-links)\b", stripped) and windows_word(stripped.split(None, 1)[-1].strip("=")):
            risks.append(f"requirements.txt: {stripped!r} points pip at a Windows path.")
    risks += [f"{name} is Windows-only: remove it from the requirements." for name in WINDOWS_ONLY_PACKAGES
              if project.depends_on(name)]
    return risks + [KUDU_CONSOLE_NOTE]
