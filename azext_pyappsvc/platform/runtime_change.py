# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Deciding a Python version change: what is allowed, what exactly is written, and where.

Web apps and function apps keep the version in config/web `linuxFxVersion`, each in the spelling
of its own stacks catalogue; Flex Consumption function apps keep it in the site's
`functionAppConfig.runtime`. Pure: the caller supplies the site, the settings and the catalogue.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import List, Optional

from .appkind import FLEX
from .errors import InvalidValue, Refused
from .functions import worker_is_python
from .guards import require_linux_code_app
from .problems import INFO, WARNING, Problem
from .runtimes import EOL, NEAR_EOL, RuntimeOption, find_option, offered_versions, support_state
from .settings import FUNCTIONS_EXTENSION_VERSION, FUNCTIONS_WORKER_RUNTIME
from .snapshot import AppSnapshot


@dataclass
class RuntimePlan:
    previous: Optional[str]
    new: str
    option: RuntimeOption
    support: str
    target: str                       # "config" (PATCH config/web) or "site" (PATCH the site)
    body: dict                        # the `properties` of that PATCH: one property only
    warnings: List[Problem] = field(default_factory=list)

    @property
    def changed(self):
        return (self.previous or "") != self.new


def plan_runtime_change(snapshot: AppSnapshot, options: List[RuntimeOption], version: str, today: date,
                        allow_eol=False) -> RuntimePlan:
    require_linux_code_app(snapshot, "Python version")
    kind = snapshot.kind
    noun = "function apps" if kind.is_function_app else "web apps"
    supported = ", ".join(offered_versions(options, today)) or "none"
    option = find_option(options, version)
    if option is None:
        raise InvalidValue("version", version, f"is not offered for {noun} on Linux",
                           f"one of {supported}")
    support = support_state(option, today)
    if support == EOL and not allow_eol:
        raise InvalidValue("version", version, f"reached end of life on {option.end_of_life.isoformat()}",
                           f"one of {supported}", alternative="allow_eol")
    warnings = []
    if support == NEAR_EOL:
        warnings.append(Problem("RT005", INFO,
                                f"Python {version} reaches end of life on {option.end_of_life.isoformat()}."))
    if option.preview:
        warnings.append(Problem(None, WARNING, f"Python {version} is in preview for {noun}."))
    if kind.is_function_app and kind.platform != FLEX:
        warnings.extend(_function_app_checks(snapshot, option))
    if kind.platform == FLEX:
        runtime = snapshot.flex_runtime
        previous = f"{(runtime.get('name') or '').lower()}|{runtime.get('version')}" if runtime else None
        # only the runtime: the rest of functionAppConfig (deployment storage, scale) is not this command's
        return RuntimePlan(previous, f"python|{option.version}", option, support, "site",
                           {"functionAppConfig": {"runtime": {"name": "python", "version": option.version}}},
                           warnings)
    previous = snapshot.linux_fx_version or None
    return RuntimePlan(previous, option.linux_fx_version, option, support, "config",
                       {"linuxFxVersion": option.linux_fx_version}, warnings)


def _function_app_checks(snapshot, option):
    """FUNCTIONS_WORKER_RUNTIME must be python; the host version should be one the stack supports."""
    settings = snapshot.settings
    if settings is None:
        return [Problem("DATA001", WARNING,
                        f"FUNCTIONS_WORKER_RUNTIME could not be checked: {snapshot.settings_error}")]
    worker = settings.get(FUNCTIONS_WORKER_RUNTIME)
    if not worker_is_python(settings):
        raise Refused(
            f"Function app '{snapshot.ref.label}' has FUNCTIONS_WORKER_RUNTIME={worker or '(unset)'}: a Python "
            "version only applies to Python function apps.",
            recommendation=["az", "functionapp", "config", "appsettings", "set"] + snapshot.ref.cli_args() +
            ["--settings", "FUNCTIONS_WORKER_RUNTIME=python"])
    host = settings.get(FUNCTIONS_EXTENSION_VERSION)
    if option.extension_versions and host and host not in option.extension_versions:
        return [Problem("RT008", WARNING, f"FUNCTIONS_EXTENSION_VERSION is {host}; Python {option.version} supports "
                        f"{', '.join(option.extension_versions)}.")]
    return []
