# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""What the deployment build (Kudu + Oryx) will do with a project, as a pure function.

Whether a build runs at all is Kudu's decision (WEBSITE_RUN_FROM_PACKAGE, SCM_DO_BUILD_DURING_DEPLOYMENT,
ENABLE_ORYX_BUILD); the ordered steps are Oryx's Python build script. Sources: KuduLite
SiteBuilderFactory / DeploymentSettingsExtension, Oryx PythonBashBuildSnippet.sh.tpl.
"""

import re
from dataclasses import dataclass, field
from typing import List, Optional

from .projectfacts import ProjectFacts

_KUDU_TRUE = {"1", "true"}
_ORYX_TRUE = {"true"}
_ORYX_FALSE = {"false"}


@dataclass
class BuildPrediction:
    runs: Optional[bool]                 # None: it depends on how the code is deployed, or on unknown settings
    reason: str
    steps: List[str] = field(default_factory=list)
    python_detected: Optional[bool] = None
    notes: List[str] = field(default_factory=list)


def oryx_bool(value) -> Optional[bool]:
    """.NET bool.TryParse as Oryx uses it: only true/false (any case); None for anything else."""
    text = (value or "").strip().lower()
    return True if text in _ORYX_TRUE else False if text in _ORYX_FALSE else None


def kudu_true(value) -> bool:
    return (value or "").strip().lower() in _KUDU_TRUE


def build_decision(settings: Optional[dict], is_function_app=False, is_flex=False):
    """(runs, reason) for a zip/package deployment, the way Kudu picks its builder."""
    if is_flex:
        return None, "Flex Consumption builds only when the deployment asks for a remote build; app settings " \
                     "such as SCM_DO_BUILD_DURING_DEPLOYMENT are ignored."
    if settings is None:
        return None, "Depends on the app settings: a zip deployment builds only with " \
                     "SCM_DO_BUILD_DURING_DEPLOYMENT=true; Git deployments build by default."
    package = (settings.get("WEBSITE_RUN_FROM_PACKAGE") or "").strip()
    if package and package != "0":
        return False, "WEBSITE_RUN_FROM_PACKAGE is set: the app runs from the package as is and no build runs."
    scm = settings.get("SCM_DO_BUILD_DURING_DEPLOYMENT")
    if scm is not None and not kudu_true(scm):
        return False, "SCM_DO_BUILD_DURING_DEPLOYMENT={}: deployments are copied without a build.".format(scm)
    oryx = settings.get("ENABLE_ORYX_BUILD")
    if oryx is not None and not kudu_true(oryx):
        return False, "ENABLE_ORYX_BUILD={}: Kudu copies the files without running Oryx (no pip install)." \
            .format(oryx)
    if scm is None:
        return None, "SCM_DO_BUILD_DURING_DEPLOYMENT is not set: Git deployments build, but zip deployments " \
                     "(az webapp deploy, CI pipelines, VS Code zip deploy) do not."
    return True, "SCM_DO_BUILD_DURING_DEPLOYMENT={}: every deployment runs the Oryx build.".format(scm)


def detected_as_python(facts: ProjectFacts, settings) -> bool:
    """Oryx's PythonDetector: a manifest or notebook at the root, or any *.py file."""
    custom = (settings or {}).get("CUSTOM_REQUIREMENTSTXT_PATH")
    root_signals = ("requirements.txt", "pyproject.toml", "setup.py", "uv.lock", "environment.yml",
                    "environment.yaml", "runtime.txt")
    if any(name in facts.files for name in root_signals) or (custom and custom in facts.files):
        return True
    if any("/" not in path and path.endswith(".ipynb") for path in facts.files):
        return True
    recursive = (settings or {}).get("DISABLE_RECURSIVE_LOOKUP", "").lower() != "true"
    return any(path.endswith(".py") and (recursive or "/" not in path) for path in facts.files)


def _hook(settings, script_key, command_key):
    script, command = settings.get(script_key), settings.get(command_key)
    if script:
        return "{}: {}".format(script_key, script)
    if command:
        return "{}: {}".format(command_key, command)
    return None


def install_step(facts: ProjectFacts, settings, is_function_app=False) -> str:
    if settings.get("CUSTOM_BUILD_COMMAND"):
        return "CUSTOM_BUILD_COMMAND: " + settings["CUSTOM_BUILD_COMMAND"]
    target = " --target .python_packages/lib/site-packages" if is_function_app else ""
    requirements = settings.get("CUSTOM_REQUIREMENTSTXT_PATH") or "requirements.txt"
    if requirements in facts.files:
        return "pip install{} -r {}".format(target, requirements)
    if "setup.py" in facts.files:
        return "pip install{} .".format(target)
    if "pyproject.toml" in facts.files and "uv.lock" in facts.files:
        return "uv sync --active --link-mode copy" if not is_function_app else \
            "uv export --locked | uv pip install --target .python_packages/lib/site-packages"
    if "pyproject.toml" in facts.files:
        return "poetry install --only main"
    return "no requirements.txt, setup.py or pyproject.toml: no dependency is installed"


def collectstatic_runs(facts: ProjectFacts, settings) -> bool:
    """Oryx runs collectstatic when manage.py exists, `grep -i django` matches the requirements file and
    DISABLE_COLLECTSTATIC is not true."""
    if oryx_bool(settings.get("DISABLE_COLLECTSTATIC")):
        return False
    return "manage.py" in facts.files and re.search("django", facts.requirements_text, re.IGNORECASE) is not None


def predict_build(facts: Optional[ProjectFacts], settings: Optional[dict], is_function_app=False,
                  is_flex=False) -> BuildPrediction:
    runs, reason = build_decision(settings, is_function_app, is_flex)
    prediction = BuildPrediction(runs, reason)
    if facts is None or runs is False:
        return prediction
    settings = settings or {}
    prediction.python_detected = detected_as_python(facts, settings)
    if not prediction.python_detected:
        prediction.notes.append("Oryx finds no Python file or manifest: the build fails with \"Couldn't detect a "
                                "version for the platform 'python' in the repo\".")
        return prediction
    if "appsvc.yaml" in facts.files:
        prediction.notes.append("appsvc.yaml can override the pre-build and post-build hooks.")
    steps = prediction.steps
    pre = _hook(settings, "PRE_BUILD_SCRIPT_PATH", "PRE_BUILD_COMMAND")
    if pre:
        steps.append(pre)
    if not is_function_app:
        steps.append("python -m venv antenv --copies" if "requirements.txt" in facts.files or
                     not ("pyproject.toml" in facts.files and "uv.lock" in facts.files)
                     else "uv venv --link-mode=copy --system-site-packages antenv")
    steps.append(install_step(facts, settings, is_function_app))
    if not is_function_app and facts.contents_available and collectstatic_runs(facts, settings):
        steps.append("python manage.py collectstatic --noinput")
    post = _hook(settings, "POST_BUILD_SCRIPT_PATH", "POST_BUILD_COMMAND")
    if post:
        steps.append(post)
    return prediction
