# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Azure Cloud Services (classic) projects for Python, as Python Tools for Visual Studio made them.

ServiceDefinition.csdef declares the roles (`<WebRole>` served by IIS through the role folder's web.config,
`<WorkerRole>` started by `<Runtime><EntryPoint><ProgramEntryPoint commandLine="bin\\ps.cmd LaunchWorker.ps1
worker.py"/>`), their `<Runtime><Environment>` variables (PYTHON: the python.exe to run) and the names of their
settings; ServiceConfiguration.*.cscfg gives each role's setting values. LaunchWorker.ps1 starts python with the
entry point's arguments (microsoft/PTVS LaunchWorker.ps1 template; MicrosoftDocs/azure-docs
articles/cloud-services/cloud-services-python-ptvs.md, which also shows a LaunchWorker.ps1 that runs
`py worker.py` itself)."""

import re
import shlex
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from .safexml import UnreadableConfig, children, descendants, parse_xml, tag

WEB_ROLE, WORKER_ROLE = "web", "worker"
_ROLE_KINDS = {"WebRole": WEB_ROLE, "WorkerRole": WORKER_ROLE}
# Cloud Services' own plugins (diagnostics, remote desktop): nothing an App Service app reads
PLUGIN_SETTING = "Microsoft.WindowsAzure.Plugins."
_SCRIPT_RUN = re.compile(r"""(?im)(?:^|[\s"'&(])(?:py|python[0-9.]*)(?:\.exe)?["']?\s+["']?([\w./\\-]+\.py)\b""")


@dataclass(frozen=True)
class Role:
    name: str
    kind: str                                   # WEB_ROLE | WORKER_ROLE
    entry_point: Optional[str] = None           # ProgramEntryPoint commandLine
    environment: Tuple[Tuple[str, str], ...] = ()


def parse_service_definition(path: str, text: str) -> List[Role]:
    """The roles a .csdef declares; UnreadableConfig when it is no service definition or declares no role."""
    root = parse_xml(path, text)
    if tag(root) != "ServiceDefinition":
        raise UnreadableConfig(path, f"is not a service definition (its root is <{tag(root)}>)")
    roles = []
    for element in root:
        kind = _ROLE_KINDS.get(tag(element))
        if kind is None or not element.get("name"):
            continue
        entry = next((node.get("commandLine") for node in descendants(element, "ProgramEntryPoint")), None)
        environment = tuple((node.get("name"), node.get("value")) for runtime in children(element, "Runtime")
                            for env in children(runtime, "Environment") for node in children(env, "Variable")
                            if node.get("name") and node.get("value") is not None)
        roles.append(Role(element.get("name"), kind, entry, environment))
    if not roles:
        raise UnreadableConfig(path, "declares no WebRole or WorkerRole")
    return roles


def parse_service_configuration(path: str, text: str) -> Dict[str, List[Tuple[str, str]]]:
    """{role: [(setting, value)]} from a .cscfg, without the Cloud Services plugins' own settings."""
    root = parse_xml(path, text)
    if tag(root) != "ServiceConfiguration":
        raise UnreadableConfig(path, f"is not a service configuration (its root is <{tag(root)}>)")
    return {role.get("name"): [(node.get("name"), node.get("value") or "")
                               for settings in children(role, "ConfigurationSettings")
                               for node in children(settings, "Setting")
                               if node.get("name") and not node.get("name").startswith(PLUGIN_SETTING)]
            for role in children(root, "Role") if role.get("name")}


def worker_script(role: Role, launch_worker: Optional[str]) -> Optional[List[str]]:
    """The words after `python` a worker role runs: the entry point's arguments to LaunchWorker.ps1, else the
    script LaunchWorker.ps1 itself runs (`py worker.py`), else a .py the entry point names; None if unknown."""
    try:
        words = shlex.split(role.entry_point or "", posix=False)
    except ValueError:
        words = []
    launcher = next((i for i, word in enumerate(words) if word.lower().endswith("launchworker.ps1")), None)
    if launcher is not None and words[launcher + 1:]:
        return words[launcher + 1:]
    if launcher is not None and launch_worker:
        found = _SCRIPT_RUN.search(launch_worker)
        if found:
            return [found.group(1)]
    script = next((i for i, word in enumerate(words) if word.lower().endswith(".py")), None)
    return words[script:] if script is not None else None
