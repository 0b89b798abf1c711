# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""What the deployment build (Kudu + Oryx) will do with a project.

Whether a build runs at all is Kudu's decision (WEBSITE_RUN_FROM_PACKAGE, SCM_DO_BUILD_DURING_DEPLOYMENT,
ENABLE_ORYX_BUILD: KuduLite Kudu.Core/Deployment/Generator/SiteBuilderFactory.cs and
Kudu.Contracts/Settings/DeploymentSettingsExtension.cs); the ordered steps are Oryx's Python build script
(Oryx src/BuildScriptGenerator/Python/PythonBashBuildSnippet.sh.tpl).
"""

import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from .booleans import KUDU, ORYX
from .project import FUNCTIONS_PACKAGES_ROOT, ProjectFacts
from .settings import (BUILD_HOOKS, CUSTOM_BUILD_COMMAND, CUSTOM_REQUIREMENTSTXT_PATH, DISABLE_COLLECTSTATIC,
                       DISABLE_RECURSIVE_LOOKUP, ENABLE_ORYX_BUILD, LOCAL_PACKAGE, SCM_DO_BUILD_DURING_DEPLOYMENT,
                       VENV_NAME, run_from_package)

FUNCTIONS_PACKAGES_DIR = f"{FUNCTIONS_PACKAGES_ROOT}/lib/site-packages"
COLLECTSTATIC = "python manage.py collectstatic --noinput"
# scmType values whose deployments are fetched from a repository: Kudu builds them by default
# (fullBuildByDefault), where a zip/push deployment does not (PushDeploymentController.cs)
GIT_SCM_TYPES = frozenset({"localgit", "github", "externalgit", "bitbucketgit", "bitbuckethg", "codeplexgit", "vso",
                           "vstsrm", "onedrive", "dropbox", "gitlab"})
# why a build runs or not (BuildPrediction.cause)
FLEX_DEPLOYMENT, UNKNOWN_SETTINGS, RUNS_FROM_PACKAGE, BUILD_OFF, ORYX_OFF, BUILD_UNSET, GIT_DEFAULT, BUILD_ON = (
    "flex", "unknown-settings", "run-from-package", "build-off", "oryx-off", "build-unset", "git", "build-on")


@dataclass
class BuildPrediction:
    runs: Optional[bool]                 # None: it depends on how the code is deployed, or on unknown settings
    reason: str
    cause: str                           # one of the causes above
    steps: List[str] = field(default_factory=list)
    settings: Dict[str, str] = field(default_factory=dict)     # what the build reads: app settings and files
    origins: Dict[str, str] = field(default_factory=dict)      # key -> the project file a value came from


BUILD_ENV, DEPLOYMENT_FILE = "build.env", ".deployment"


def project_build_settings(facts: Optional[ProjectFacts]) -> Tuple[Dict[str, str], Dict[str, str]]:
    """({key: value}, {key: file}) the project itself sets for the build, lowest precedence first: Oryx's
    build.env (an ini file below the environment: Oryx src/BuildScriptGeneratorCli/Commands/BuildCommand.cs),
    then Kudu's .deployment `[config]` section (KuduLite Kudu.Core/Settings/DeploymentSettingsProvider.cs,
    priority PerDeployment, below the app settings' Environment priority in SettingsProvidersPriority.cs)."""
    values, origins = {}, {}
    for name, read in ((BUILD_ENV, _oryx_ini), (DEPLOYMENT_FILE, _kudu_config)):
        for key, value in read((facts.text(name) or "").lstrip("\ufeff") if facts is not None else "").items():
            values[key], origins[key] = value, name
    return values, origins


def _kudu_config(text):
    """The `[config]` values of a .deployment file as Kudu reads them (KuduLite Kudu.Core/Infrastructure/IniFile.cs):
    section names in any case, a later section of the same name replacing the earlier, lines without '=' ignored,
    each line split at its first '=', key and value trimmed, no comments and no continuation lines."""
    sections, current = {}, None
    for line in text.splitlines():
        line = line.strip()
        if len(line) > 2 and line[0] == "[" and line[-1] == "]":
            if line[1:-1].strip():
                current = line[1:-1].strip().lower()
                sections[current] = {}
        elif current is not None and "=" in line:
            key, _, value = line.partition("=")
            if key.strip():
                sections[current][key.strip().upper()] = value.strip()
    return sections.get("config", {})


def _oryx_ini(text):
    """The top-level values of build.env as Oryx reads it (AddIniFile: Microsoft.Extensions.Configuration.Ini
    IniStreamConfigurationProvider): `;`, `#` and `/` start comments, a line split at its first '=', a value in
    double quotes unquoted, keys in any case; values under a `[section]` are `section:KEY`, which no build option
    is. A line without '=' or a repeated key fails the whole file (FormatException): nothing is read from it."""
    values, prefix = {}, ""
    for line in text.splitlines():
        line = line.strip()
        if not line or line[0] in ";#/":
            continue
        if line[0] == "[" and line[-1] == "]":
            prefix = line[1:-1].strip() + ":"
            continue
        if "=" not in line:
            return {}
        key, _, value = line.partition("=")
        key, value = (prefix + key.strip()).upper(), value.strip()
        if key in values:
            return {}
        values[key] = value[1:-1] if len(value) > 1 and value[0] == value[-1] == '"' else value
    return {key: value for key, value in values.items() if ":" not in key}


def effective_build_settings(facts: Optional[ProjectFacts], settings: Optional[dict]):
    """(the settings the build reads, {key: project file} for values the app settings do not override)."""
    values, origins = project_build_settings(facts)
    for key in settings or {}:
        origins.pop(key, None)
    return dict(values, **(settings or {})), origins


def build_decision(settings: Optional[dict], is_flex=False, scm_type: Optional[str] = None):
    """(runs, reason, cause) for a deployment, the way Kudu picks its builder (SiteBuilderFactory.cs):
    SCM_DO_BUILD_DURING_DEPLOYMENT unset builds deployments fetched from a repository, not zip deployments."""
    if is_flex:
        return None, "Flex Consumption builds only when the deployment asks for a remote build; app settings " \
                     "such as SCM_DO_BUILD_DURING_DEPLOYMENT are ignored.", FLEX_DEPLOYMENT
    if settings is None:
        return None, "It depends on the app settings, which could not be read: a zip deployment builds only " \
                     "with SCM_DO_BUILD_DURING_DEPLOYMENT=true; Git deployments build by default.", UNKNOWN_SETTINGS
    package = run_from_package(settings)
    if package:
        return False, ("WEBSITE_RUN_FROM_PACKAGE=1: the app runs from the package as is and no build runs."
                       if package == LOCAL_PACKAGE else "WEBSITE_RUN_FROM_PACKAGE is a package URL: the app runs "
                       "that package as is and no build runs."), RUNS_FROM_PACKAGE
    return _kudu_decision(settings, scm_type)


def _kudu_decision(settings: dict, scm_type: Optional[str]):
    """(runs, reason, cause) from the switches Kudu reads: SCM_DO_BUILD_DURING_DEPLOYMENT, ENABLE_ORYX_BUILD
    and, when the first is unset, where the deployment comes from."""
    scm = settings.get(SCM_DO_BUILD_DURING_DEPLOYMENT)
    if scm is not None and not KUDU.is_true(scm):
        return False, f"SCM_DO_BUILD_DURING_DEPLOYMENT={scm}: deployments are copied without a build.", \
            BUILD_OFF
    oryx = settings.get(ENABLE_ORYX_BUILD)
    if oryx and not KUDU.is_true(oryx):
        return False, f"ENABLE_ORYX_BUILD={oryx}: Kudu copies the files without running Oryx (no pip install).", \
            ORYX_OFF
    if scm is None and (scm_type or "").lower() in GIT_SCM_TYPES:
        return True, f"SCM_DO_BUILD_DURING_DEPLOYMENT is not set and the app deploys from {scm_type}, which Kudu " \
                     "builds by default.", GIT_DEFAULT
    if scm is None:
        return None, "SCM_DO_BUILD_DURING_DEPLOYMENT is not set: Git deployments build, but zip deployments " \
                     "(az webapp deploy, CI pipelines, VS Code zip deploy) do not.", BUILD_UNSET
    return True, f"SCM_DO_BUILD_DURING_DEPLOYMENT={scm}: every deployment runs the Oryx build.", BUILD_ON


def detected_as_python(facts: ProjectFacts, settings) -> bool:
    """Oryx's PythonDetector (src/Detector/Python/PythonDetector.cs): a manifest or notebook at the root, or
    any *.py file (only at the root with DISABLE_RECURSIVE_LOOKUP=true)."""
    custom = (settings or {}).get(CUSTOM_REQUIREMENTSTXT_PATH)
    root_signals = ("requirements.txt", "pyproject.toml", "setup.py", "uv.lock", "environment.yml",
                    "environment.yaml", "runtime.txt")
    if any(name in facts.files for name in root_signals) or (custom and custom in facts.files):
        return True
    if any("/" not in path and path.endswith(".ipynb") for path in facts.files):
        return True
    recursive = not ORYX.is_true((settings or {}).get(DISABLE_RECURSIVE_LOOKUP))
    return any(path.endswith(".py") and (recursive or "/" not in path) for path in facts.files)


def install_step(facts: ProjectFacts, settings, is_function_app=False) -> str:
    if settings.get(CUSTOM_BUILD_COMMAND):
        return f"{CUSTOM_BUILD_COMMAND}: {settings[CUSTOM_BUILD_COMMAND]}"
    target = f" --target {FUNCTIONS_PACKAGES_DIR}" if is_function_app else ""
    requirements = settings.get(CUSTOM_REQUIREMENTSTXT_PATH) or "requirements.txt"
    if requirements in facts.files:
        return f"pip install{target} -r {requirements}"
    if "setup.py" in facts.files:
        return f"pip install{target} ."
    if "pyproject.toml" in facts.files and "uv.lock" in facts.files:
        return "uv sync --active --link-mode copy" if not is_function_app else \
            f"uv export --locked | uv pip install --target {FUNCTIONS_PACKAGES_DIR}"
    if "pyproject.toml" in facts.files:
        return "poetry install --only main" + (POETRY_WITHOUT_TARGET if is_function_app else "")
    return "no requirements.txt, setup.py or pyproject.toml: no dependency is installed"


# The packagedir (Functions) branch of PythonBashBuildSnippet.sh.tpl falls back to `poetry install` with no
# --target for a pyproject.toml without uv.lock: the packages stay in poetry's environment.
POETRY_WITHOUT_TARGET = (f" (no --target: the packages never reach {FUNCTIONS_PACKAGES_DIR} and the functions fail "
                         "with ModuleNotFoundError; add a requirements.txt)")


def venv_step(facts: ProjectFacts, settings=None) -> str:
    """As PythonBashBuildSnippet.sh.tpl creates it: uv for a uv project without the requirements file, else
    `python -m venv antenv --copies` (PythonPlatform.cs), with --system-site-packages when the requirements file
    exists."""
    requirements = (settings or {}).get(CUSTOM_REQUIREMENTSTXT_PATH) or "requirements.txt"
    if requirements not in facts.files and "pyproject.toml" in facts.files and "uv.lock" in facts.files:
        return f"uv venv --link-mode=copy --system-site-packages {VENV_NAME}"
    shared = " --system-site-packages" if requirements in facts.files else ""
    return f"python -m venv {VENV_NAME} --copies{shared}"


def mentions_django(facts: ProjectFacts) -> bool:
    """What Oryx's `grep -iq Django` finds in the requirements file (PythonBashBuildSnippet.sh.tpl)."""
    return re.search("django", facts.requirements_text, re.IGNORECASE) is not None


def collectstatic_runs(facts: ProjectFacts, settings) -> bool:
    """Oryx runs collectstatic when manage.py exists, the requirements file mentions Django and
    DISABLE_COLLECTSTATIC is not true. Unknown (False) when the requirements could not be read."""
    if ORYX.is_true((settings or {}).get(DISABLE_COLLECTSTATIC)) or not facts.knows_requirements:
        return False
    return "manage.py" in facts.files and mentions_django(facts)


def predict_build(facts: Optional[ProjectFacts], settings: Optional[dict], is_function_app=False,
                  is_flex=False, scm_type: Optional[str] = None) -> BuildPrediction:
    """Kudu's decision and Oryx's steps, with the project's build.env and .deployment values below the app
    settings (Kudu reads .deployment for its own switches too; build.env only Oryx)."""
    effective, origins = effective_build_settings(facts, settings)
    kudu = None if settings is None else {k: v for k, v in effective.items() if origins.get(k) != BUILD_ENV}
    prediction = BuildPrediction(*build_decision(kudu, is_flex, scm_type), settings=effective, origins=origins)
    if origins:
        prediction.reason += " Build settings from the project (the app settings override them): " + ", ".join(
            f"{key} from {origin}" for key, origin in sorted(origins.items())) + "."
    runs = prediction.runs
    if facts is None or runs is False:
        return prediction
    settings = effective
    if not detected_as_python(facts, settings):
        prediction.reason += (" Oryx finds no Python file or manifest, so the build fails with \"Couldn't detect a "
                              "version for the platform 'python' in the repo\".")
        return prediction
    pre, post = (hook.effective(settings) for hook in BUILD_HOOKS)
    steps = prediction.steps
    if pre:
        steps.append(f"{pre[0]}: {pre[1]}")
        prediction.reason += f" The build script runs with `set -e` (BaseBashBuildScript.sh.tpl): if {pre[0]} " \
            "fails, the build stops there and no later step runs."
    if not is_function_app:
        steps.append(venv_step(facts, settings))
    steps.append(install_step(facts, settings, is_function_app))
    if not is_function_app and facts.contents_available and collectstatic_runs(facts, settings):
        steps.append(COLLECTSTATIC)
    if post:
        steps.append(f"{post[0]}: {post[1]}")
    return prediction
