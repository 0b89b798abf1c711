# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Build — BLD: whether the deployment build runs, and whether what it runs can succeed."""


from ...platform.appkind import FLEX
from ...platform.booleans import KUDU, ORYX
from ...platform.build import BUILD_OFF, BUILD_UNSET, collectstatic_runs, effective_build_settings, mentions_django
from ...platform.build_settings import missing_scripts, settings_problems
from ...platform.problems import ERROR, INFO, WARNING
from ...platform.project import ignored_by
from ...platform.settings import (CUSTOM_REQUIREMENTSTXT_PATH, DISABLE_COLLECTSTATIC, ENABLE_ORYX_BUILD,
                                  ORYX_BOOLEAN_KEYS, SCM_DO_BUILD_DURING_DEPLOYMENT, VENV_NAME,
                                  invalid_booleans, shown_setting)
from ..catalog import Finding, Fix, check
from ..fixes import app_settings, pyappsvc, set_build_option

MANIFESTS = ("requirements.txt", "pyproject.toml", "setup.py")


@check("BLD001", ERROR, "Zip deployments skip pip install", needs=("app", "settings", "web"))
def bld001(subject):
    cause = subject.build.cause if subject.build else None
    if cause not in (BUILD_OFF, BUILD_UNSET):
        return None
    value = subject.settings.get(SCM_DO_BUILD_DURING_DEPLOYMENT)
    # unset: an error when the app deploys only by zip (scmType None), a warning when the method is unknown
    severity = ERROR if cause == BUILD_OFF or (subject.config.get("scmType") or "").lower() == "none" else WARNING
    shown = repr(value) if value is not None else "not set"
    return Finding(f"{SCM_DO_BUILD_DURING_DEPLOYMENT} is {shown}: a zip deployment is copied as is, requirements are "
                   "never installed and the app fails with ModuleNotFoundError.",
                   pyappsvc(subject, "set-build", set_build_option(SCM_DO_BUILD_DURING_DEPLOYMENT), "true"), severity)


def _settings_problems(subject, code):
    return [p for p in settings_problems(subject.settings, subject.kind.platform == FLEX) if p.code == code]


@check("BLD002", WARNING, "Run from package: no build", needs=("app", "settings", "linux"))
def bld002(subject):
    return [Finding(f"{problem.message} The package must contain the dependencies.",
                    Fix.describe("Remove WEBSITE_RUN_FROM_PACKAGE, or ship dependencies in the package."))
            for problem in _settings_problems(subject, "BLD002")]


@check("BLD003", ERROR, "No dependency manifest", needs=("files",))
def bld003(subject):
    project, settings = subject.project, subject.settings or {}
    if settings.get(CUSTOM_REQUIREMENTSTXT_PATH) or any(name in project.files for name in MANIFESTS):
        return None
    if not any(path.endswith(".py") for path in project.files):
        return None
    nested = sorted(p for p in project.files if p.endswith("/requirements.txt"))
    hint = f" ({nested[0]} exists: set CUSTOM_REQUIREMENTSTXT_PATH, or move it)" if nested else ""
    return Finding(f"No requirements.txt, pyproject.toml or setup.py at the project root: Oryx installs nothing{hint}.",
                   Fix.describe("Add requirements.txt at the root of what you deploy."))


@check("BLD004", ERROR, "Invalid Oryx boolean", needs=("app", "settings", "linux"))
def bld004(subject):
    bad = invalid_booleans(subject.settings, ORYX_BOOLEAN_KEYS, ORYX)
    if not bad:
        return None
    fix = pyappsvc(subject, "set-build", set_build_option(DISABLE_COLLECTSTATIC), "true") \
        if bad == [DISABLE_COLLECTSTATIC] else Fix.describe(f"Set {' and '.join(bad)} to true or false.")
    pairs = ", ".join(shown_setting(name, subject.settings[name]) for name in bad)
    return Finding(f"{pairs}: Oryx accepts only true or false and the build fails on anything else.", fix)


@check("BLD005", WARNING, "Build script path hides the command", needs=("app", "settings", "linux"))
def bld005(subject):
    return [Finding(problem.message, pyappsvc(subject, "set-build", set_build_option(problem.about), ""))
            for problem in _settings_problems(subject, "BLD005")]


def _build_settings(subject):
    """The settings the build reads (app settings over build.env / .deployment values), and their origins."""
    return effective_build_settings(subject.project, subject.settings)


@check("BLD006", ERROR, "Build script missing from the project", needs=("files",))
def bld006(subject):
    settings, origins = _build_settings(subject)
    if subject.settings is None and not origins:
        return None
    return [Finding(f"{setting} names '{path}', which is not in the project" +
                    (f" (set in {origins[setting]})." if setting in origins else "."),
                    Fix.describe(f"Fix the path, or set it with az pyappsvc set-build {set_build_option(setting)}."))
            for setting, path in missing_scripts(settings, subject.project.exists)
            if subject.project.knows_absence(path)]


@check("BLD007", WARNING, "collectstatic without STATIC_ROOT", needs=("files", "requirements"))
def bld007(subject):
    project = subject.project
    if not collectstatic_runs(project, _build_settings(subject)[0]) or not project.django_settings:
        return None
    if any(s.static_root for s in project.django_settings):
        return None
    return Finding(f"Oryx runs `python manage.py collectstatic` but {project.django_settings[0].path} defines no "
                   "STATIC_ROOT: collectstatic fails (only a warning in the build log) and no static file is served.",
                   pyappsvc(subject, "set-build", set_build_option(DISABLE_COLLECTSTATIC), "true"))


@check("BLD008", INFO, "manage.py without Django in requirements", needs=("files", "requirements"))
def bld008(subject):
    project = subject.project
    if "manage.py" in project.files and project.requirements_file and not mentions_django(project):
        return Finding("manage.py exists but requirements.txt does not mention Django: Oryx skips collectstatic.")
    return None


@check("BLD009", WARNING, "Virtual environment in the project", needs=("files",))
def bld009(subject):
    """A Git deployment ships what the repository holds, so a folder .gitignore excludes never reaches Kudu; Core
    Tools' `func azure functionapp publish` leaves out what .funcignore lists; a zip made from the folder ships
    everything (KuduLite PushDeploymentController.cs takes the zip as is)."""
    venvs = sorted(subject.project.virtualenvs)
    if subject.project_origin == "deployed":
        venvs = [v for v in venvs if v != VENV_NAME]       # Oryx's own, built in place
    if not venvs:
        return None
    fix = Fix.describe("Exclude it from the deployment (.gitignore, .funcignore, or your zip step).")
    shown = ", ".join(venvs)
    harm = "a virtual environment built elsewhere does not work on App Service and can shadow the one Oryx builds."
    ignore_file, method = (".funcignore", "func azure functionapp publish leaves") if subject.is_function_app else \
        (".gitignore", "Git deployments (local Git, GitHub through Kudu) leave")
    if subject.project_origin == "deployed" or not all(ignored_by(subject.project, ignore_file, v) for v in venvs):
        return Finding(f"{shown} would be deployed: {harm}", fix)
    return Finding(f"{shown} is excluded by {ignore_file}, so {method} it out; a zip package made from the folder "
                   f"(az webapp deploy --src-path, a CI zip step) still ships it, and there {harm}", fix, INFO)


@check("BLD010", ERROR, "CUSTOM_REQUIREMENTSTXT_PATH points nowhere", needs=("app", "settings", "files"))
def bld010(subject):
    path = subject.settings.get(CUSTOM_REQUIREMENTSTXT_PATH)
    if path and subject.project.knows_absence(path) and not subject.project.exists(path):
        return Finding(f"{CUSTOM_REQUIREMENTSTXT_PATH} is {path!r}, which is not in the project: the build fails.",
                       Fix.describe(f"Set {CUSTOM_REQUIREMENTSTXT_PATH} to the requirements file's path inside the "
                                    "project, or remove it."))
    return None


@check("BLD011", WARNING, "Remote build not enabled", needs=("app", "settings", "linux"))
def bld011(subject):
    settings = subject.settings
    if not subject.is_function_app:
        value = settings.get(ENABLE_ORYX_BUILD)
        if value and not KUDU.is_true(value):
            return Finding(f"{ENABLE_ORYX_BUILD}={value}: Kudu copies deployments without running Oryx "
                           "(no pip install).",
                           Fix.describe("Remove ENABLE_ORYX_BUILD or set it to true."))
        return None
    sku = (subject.snapshot.sku or "").lower()
    if subject.kind.platform == FLEX or sku in ("dynamic", ""):
        return None
    off = [name for name in (ENABLE_ORYX_BUILD, SCM_DO_BUILD_DURING_DEPLOYMENT) if not KUDU.is_true(settings.get(name))]
    if off:
        verb = " is" if len(off) == 1 else " are"
        return Finding(f"On a {subject.snapshot.sku} plan a remote build needs {ENABLE_ORYX_BUILD}=true and "
                       f"{SCM_DO_BUILD_DURING_DEPLOYMENT}=true; {' and '.join(off)}{verb} not.",
                       app_settings(subject, f"{ENABLE_ORYX_BUILD}=true", f"{SCM_DO_BUILD_DURING_DEPLOYMENT}=true"))
    return None
