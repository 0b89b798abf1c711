# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""The local-files adapter: what a project folder contains, read fast and bounded.

Folders that never matter to App Service's build or startup rules (.git, node_modules, caches,
virtual environments) are recorded by name but never entered, so a repository with 100k files
in node_modules costs the same as one without. File contents are read lazily and capped.
"""

import os
from dataclasses import dataclass, field
from typing import Dict, Optional, Set

from azure.cli.core.azclierror import FileOperationError, InvalidArgumentValueError

SKIPPED_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".tox", ".nox", ".mypy_cache",
                          ".pytest_cache", ".ruff_cache", ".eggs", "bower_components"})
MAX_READ_BYTES = 1024 * 1024
MAX_ENTRIES = 200_000


@dataclass
class ProjectFiles:
    """Relative POSIX paths of a project's files and folders, and the folders that were skipped."""
    root: str
    files: Set[str] = field(default_factory=set)
    dirs: Set[str] = field(default_factory=set)
    virtualenvs: Set[str] = field(default_factory=set)      # folders holding a pyvenv.cfg (or named antenv)
    truncated: bool = False
    _cache: Dict[str, Optional[str]] = field(default_factory=dict, repr=False)

    def exists(self, path):
        path = normalize(path)
        return path in self.files or path in self.dirs or path == ""

    def read(self, path) -> Optional[str]:
        """Text of a project file (first MiB, undecodable bytes replaced), or None if absent/unreadable."""
        path = normalize(path)
        if path not in self.files:
            return None
        if path not in self._cache:
            try:
                with open(os.path.join(self.root, *path.split("/")), "rb") as handle:
                    data = handle.read(MAX_READ_BYTES)
                self._cache[path] = None if b"\0" in data[:8192] else data.decode("utf-8", "replace")
            except OSError:
                self._cache[path] = None
        return self._cache[path]


def normalize(path):
    """`./src//app.py` and `src\\app.py` both become `src/app.py`."""
    parts = [p for p in (path or "").replace("\\", "/").split("/") if p not in ("", ".")]
    return "/".join(parts)


def scan(root) -> ProjectFiles:
    if not os.path.exists(root):
        raise InvalidArgumentValueError("--source {}: no such folder.".format(root))
    if not os.path.isdir(root):
        raise InvalidArgumentValueError("--source {}: is a file; give the project folder.".format(root))
    project = ProjectFiles(root=os.path.abspath(root))
    count = 0
    try:
        for current, dirnames, filenames in os.walk(project.root, onerror=_fail_on_root(project.root)):
            relative = normalize(os.path.relpath(current, project.root))
            kept = []
            for name in sorted(dirnames):
                child = relative + "/" + name if relative else name
                if name in SKIPPED_DIRS:
                    continue
                if name == "antenv" or os.path.isfile(os.path.join(current, name, "pyvenv.cfg")):
                    project.virtualenvs.add(child)
                    continue
                project.dirs.add(child)
                kept.append(name)
            dirnames[:] = kept
            for name in filenames:
                if os.path.exists(os.path.join(current, name)):      # a dangling symlink deploys nothing
                    project.files.add(relative + "/" + name if relative else name)
            count += len(filenames) + len(kept)
            if count > MAX_ENTRIES:
                project.truncated = True
                break
    except OSError as error:
        raise FileOperationError("--source {}: cannot be read ({}).".format(root, error.strerror or error)) from None
    return project


def _fail_on_root(root):
    """An unreadable project folder is an error; an unreadable subfolder is only left out."""
    def onerror(error):
        if os.path.abspath(error.filename or "") == root:
            raise error
    return onerror
