# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""show-startup: the startup App Service will run, from --source (offline) or the deployed files."""

from typing import Optional

from ..output.results import startup_result
from ..platform.appkind import CONTAINER, WINDOWS
from ..platform.snapshot import AppRef
from ..platform.startup.prediction import UNKNOWN, predict


def show_startup(cli_ctx, ref: Optional[AppRef] = None, source=None):
    from .project import deployed_project, local_project
    project = local_project(source) if source else None
    if ref is None:
        return startup_result(predict(None, project, {}, None), source, None)
    from ..adapters.arm import AppService
    snapshot = AppService(cli_ctx, ref.subscription).snapshot(ref)
    kind = snapshot.kind
    if kind.is_function_app or kind.platform in (WINDOWS, CONTAINER):
        why = {WINDOWS: "a Windows app: Python on Windows App Service is retired",
               CONTAINER: "a custom container: its image's ENTRYPOINT/CMD starts it"}.get(
                   kind.platform, "a function app: the Functions host starts it")
        return {"origin": UNKNOWN, "module": None, "command": None, "explanation": "App '{}' is {}.".format(
            ref.label, why), "problems": [], "source": source}
    origin_of_files, note = source, None
    command = snapshot.app_command_line
    if project is None and len(command.split()) <= 1:      # files matter only for detection or a startup file
        project, note = deployed_project(cli_ctx, snapshot)
        origin_of_files = "deployed files" if project is not None else None
    python = snapshot.python_version
    result = startup_result(predict(command, project, snapshot.settings, python), origin_of_files, python)
    if note:
        result["explanation"] += " " + note
    return result
