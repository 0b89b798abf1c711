# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""The Azure Functions (Python) project layout: v1 (a folder per function with function.json) and v2
(decorators in function_app.py). Sources: docs functions-reference-python.md "Folder structure"."""

import json
import re
from typing import List, Optional, Tuple

from .project import ProjectFacts
from .settings import FUNCTIONS_WORKER_RUNTIME, PYTHON_SCRIPT_FILE_NAME

V2_SCRIPT = "function_app.py"
HOST_JSON = "host.json"


def worker_is_python(settings) -> bool:
    """FUNCTIONS_WORKER_RUNTIME must say python (any case) for the Functions host to start the Python worker."""
    return ((settings or {}).get(FUNCTIONS_WORKER_RUNTIME) or "").lower() == "python"


def looks_like_functions_project(project: Optional[ProjectFacts]) -> bool:
    return bool(project and (HOST_JSON in project.files or V2_SCRIPT in project.files
                             or project.depends_on("azure-functions")))


def v2_script(settings) -> str:
    """The v2 model's script: PYTHON_SCRIPT_FILE_NAME, default function_app.py (python worker constants.py)."""
    return (settings or {}).get(PYTHON_SCRIPT_FILE_NAME) or V2_SCRIPT


def has_v1_functions(project: ProjectFacts) -> bool:
    return any(p.count("/") == 1 and p.endswith("/function.json") for p in project.files)


def function_json_entries(project: ProjectFacts) -> List[Tuple[str, str]]:
    """[(folder, scriptFile path)] for v1-model functions whose function.json could be read."""
    entries = []
    for path in sorted(project.files):
        if path.count("/") == 1 and path.endswith("/function.json"):
            text = project.text(path)
            if text is None:
                continue
            try:
                config = json.loads(text or "{}")
            except ValueError:
                config = {}
            folder = path.rsplit("/", 1)[0]
            script = (config.get("scriptFile") if isinstance(config, dict) else None) or "__init__.py"
            entries.append((folder, _join(folder, str(script))))
    return entries


def excluded_by_funcignore(project: ProjectFacts, name: str) -> Optional[bool]:
    """Whether .funcignore excludes `name` from the published package; None when it cannot be read."""
    if ".funcignore" not in project.files:
        return False
    text = project.text(".funcignore")
    if text is None:
        return None
    return re.search(rf"^\s*/?{re.escape(name)}\s*$", text, re.MULTILINE) is not None


def _join(folder, relative):
    parts = folder.split("/")
    for piece in relative.replace("\\", "/").split("/"):
        if piece == "..":
            parts = parts[:-1]
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)
