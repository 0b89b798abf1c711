# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""show-startup: the startup App Service will run, from --source (offline) or the deployed files."""

from typing import Optional

from ..output.results import startup_result
from ..platform.functions import functions_startup, looks_like_functions_project
from ..platform.guards import startup_not_applicable
from ..platform.snapshot import AppRef
from ..platform.startup.prediction import UNKNOWN, needs_files, offline_python, predict


def show_startup(cli_ctx, ref: Optional[AppRef] = None, source=None, python_version=None):
    from ..adapters.files import scan
    from .project import deployed_project, project_facts
    tree = scan(source) if source else None
    if ref is None:
        project = project_facts(tree)
        if looks_like_functions_project(project):
            return startup_result(functions_startup(project, {}), source, None)
        python, note = offline_python(project, python_version)
        result = startup_result(predict(None, project, {}, python), source, python)
        result["explanation"] += note or ""
        return result
    from ..adapters.arm import AppService
    snapshot = AppService(cli_ctx, ref.subscription).snapshot(ref)
    if snapshot.kind.is_function_app and snapshot.kind.is_linux_code_app:
        project = project_facts(tree, snapshot.settings) if tree is not None else None
        return startup_result(functions_startup(project, snapshot.settings), source, snapshot.python_version)
    why = startup_not_applicable(snapshot)
    if why:
        return {"origin": UNKNOWN, "module": None, "command": None, "explanation": f"App '{ref.label}' is {why}.",
                "problems": [], "source": source}
    origin_of_files, note = source, None
    command = snapshot.app_command_line
    project = project_facts(tree, snapshot.settings) if tree is not None else None
    if project is None and needs_files(command):
        project, note = deployed_project(cli_ctx, snapshot)
        origin_of_files = "deployed files" if project is not None else None
    python = snapshot.python_version
    result = startup_result(predict(command, project, snapshot.settings, python), origin_of_files, python)
    if note:
        result["explanation"] += f" {note}"
    return result
