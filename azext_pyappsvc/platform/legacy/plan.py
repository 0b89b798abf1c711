# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""The ordered steps of a migration: each one a command (an argv list, rendered paste-safe by the caller) or,
where no command can do it, what to do. `az webapp create --runtime` takes the core CLI's `PYTHON:3.12`
spelling (azure-cli appservice `_StackRuntimeHelper`); everything Python-specific goes through pyappsvc's set-*
commands, which validate before they write."""

from dataclasses import dataclass
from typing import List, Optional, Tuple

from .derive import Derivation
from .versions import LinuxPython

DEFAULT_SKU = "B1"
LEFT_OUT = ("web.config", "web.<version>.config", "bin/*.ps1", "wheelhouse/", "*.csdef", "*.cscfg")


@dataclass(frozen=True)
class Step:
    what: str
    argv: Optional[Tuple[str, ...]] = None      # a command to run
    action: Optional[str] = None                # what to do by hand, when no command can


def plan_steps(derivation: Derivation, linux: Optional[LinuxPython], group: str, app: str,
               create: bool) -> List[Step]:
    """The steps from nothing (`create`) or from an existing Linux app to the migrated app."""
    target = ("-g", group, "-n", app)
    steps = []
    if create and linux is not None:
        plan = f"{app}-plan"
        steps.append(Step("Create a Linux App Service plan", _az("appservice", "plan", "create", "-g", group, "-n",
                                                                 plan, "--is-linux", "--sku", DEFAULT_SKU)))
        steps.append(Step(f"Create the Linux web app on Python {linux.target}",
                          _az("webapp", "create", *target, "--plan", plan, "--runtime", f"PYTHON:{linux.target}")))
    if linux is not None:
        steps.append(Step(f"Set Python {linux.target} ({linux.why})",
                          _az("pyappsvc", "set-runtime", *target, "--version", linux.target)))
    startup = derivation.startup
    if startup is not None and startup.command:
        steps.append(Step(f"Set the startup command ({startup.why})",
                          _az("pyappsvc", "set-startup", *target, "--command", startup.command)))
    elif startup is not None:
        steps.append(Step("Choose the startup command", action=f"No command could be derived from {startup.origin}: "
                          f"{startup.why}. Try az pyappsvc set-startup --detect --source on the project."))
    steps.append(Step("Build on deployment: pip installs the requirements on Linux",
                      _az("pyappsvc", "set-build", *target, "--build-on-deploy", "true")))
    shown = [s for s in derivation.settings if s.value is not None and not _unsettable(s.name)]
    if shown:
        steps.append(Step("Carry the app settings whose values are not secret",
                          _az("webapp", "config", "appsettings", "set", *target, "--settings",
                              *(f"{s.name}={s.value}" for s in shown))))
    for setting in derivation.settings:
        if _unsettable(setting.name):
            steps.append(Step(f"Set {setting.name} in the portal", action=f"{setting.name} (from {setting.origin}) "
                              f"{_unsettable(setting.name)}: `az webapp config appsettings set --settings` cannot "
                              f"set it; add it in the portal, or rename it in the code."))
        elif setting.value is None:
            steps.append(Step(f"Copy {setting.name} yourself", action=f"Copy the value of {setting.name} (from "
                              f"{setting.origin}) into the app settings of {app}; it is not printed here."))
        if ":" in setting.name:
            # App Service docs, "Configure an App Service app" (configure-common): on Linux a nested key's ':' is
            # written '__' (ApplicationInsights:InstrumentationKey -> ApplicationInsights__InstrumentationKey)
            steps.append(Step(f"Check {setting.name}", action=f"{setting.name} has a ':': on Linux, App Service "
                              f"names a nested key with '__' instead ({setting.name.replace(':', '__')}); make the "
                              "code read that name."))
    folder = f"the folder {derivation.app_folder}/" if derivation.app_folder else "the project"
    steps.append(Step("Deploy the code", action=f"Deploy {folder} to {app} (az webapp deploy or zip deploy), "
                      f"without {', '.join(LEFT_OUT)}."))
    for worker in derivation.workers:
        steps.append(Step(f"Move worker role {worker.name}", action=(
            f"{worker.why}." if worker.command else f"Worker role {worker.name}: {worker.why}; port it by hand.")))
    return steps


def _unsettable(name: str) -> Optional[str]:
    """Why `--settings NAME=value` cannot set this name, or None: azure-cli's appsettings set splits each word on
    its first '=' (appservice custom.py update_app_settings), and a word starting with '-' is read as an option
    (`--slot=staging` would target a slot)."""
    if name.startswith("-"):
        return "starts with '-', which the CLI reads as an option"
    if "=" in name:
        return "contains '=', which the CLI reads as the end of the name"
    return None


def _az(*words: str) -> Tuple[str, ...]:
    return ("az",) + tuple(words)
