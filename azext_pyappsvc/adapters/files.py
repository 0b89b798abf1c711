# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""The local-files adapter: what a project folder (`--source`) contains, read fast and bounded.

Folders that never matter (platform.project.SKIPPED_DIRS) are never entered and virtual environments are
recorded, not entered, so a repository with 100k files in node_modules costs the same as one without.
The texts the rules need (platform.project.wants_text) are read here, eagerly and capped; a file that
cannot be read is reported as unreadable, never as absent.
"""

import os

from ..platform.errors import InvalidValue
from ..platform.project import SKIPPED_DIRS, VENV_MARKER, ProjectTree, is_virtualenv, normalize, wants_text

MAX_READ_BYTES = 1024 * 1024
MAX_ENTRIES = 200_000
MAX_TEXT_FILES = 5_000
_BINARY_PROBE = 8192


class SourceUnreadable(Exception):
    """The project folder itself cannot be read."""

    def __init__(self, root, reason):
        super().__init__(reason)
        self.root, self.reason = root, reason


def scan(root) -> ProjectTree:
    """The tree under `root`, with the texts the rules read; raises InvalidValue (parameter "source") when
    `root` is not a folder, SourceUnreadable when it cannot be read."""
    if not os.path.exists(root):
        raise InvalidValue("source", root, "does not exist", "the project folder")
    if not os.path.isdir(root):
        raise InvalidValue("source", root, "is a file", "the project folder, not a file in it")
    top = os.path.abspath(root)
    files, dirs, virtualenvs = set(), set(), set()
    count, truncated = 0, False
    try:
        for current, dirnames, filenames in os.walk(top, onerror=_fail_on_root(top)):
            relative = normalize(os.path.relpath(current, top))
            kept = []
            for name in sorted(dirnames):
                child = relative + "/" + name if relative else name
                if name in SKIPPED_DIRS:
                    continue
                if is_virtualenv(name, os.path.isfile(os.path.join(current, name, VENV_MARKER))):
                    virtualenvs.add(child)
                    continue
                dirs.add(child)
                kept.append(name)
            dirnames[:] = kept
            for name in filenames:
                if os.path.exists(os.path.join(current, name)):      # a dangling symlink deploys nothing
                    files.add(relative + "/" + name if relative else name)
            count += len(filenames) + len(kept)
            if count > MAX_ENTRIES:
                truncated = True
                break
    except OSError as error:
        raise SourceUnreadable(root, error.strerror or str(error)) from None
    texts, unreadable, skipped = _read_texts(top, files)
    return ProjectTree(frozenset(files), frozenset(dirs), frozenset(virtualenvs), texts, frozenset(unreadable),
                       truncated or skipped)


def _read_texts(top, files):
    """({path: text}, unreadable paths, whether some wanted texts were left unread over the cap)."""
    wanted = sorted((p for p in files if wants_text(p)), key=lambda p: (p.count("/"), p))
    texts, unreadable = {}, set()
    for path in wanted[:MAX_TEXT_FILES]:
        try:
            with open(os.path.join(top, *path.split("/")), "rb") as handle:
                data = handle.read(MAX_READ_BYTES)
        except OSError:
            unreadable.add(path)
            continue
        if b"\0" in data[:_BINARY_PROBE]:
            unreadable.add(path)
            continue
        texts[path] = data.decode("utf-8", "replace")
    return texts, unreadable, len(wanted) > MAX_TEXT_FILES


def _fail_on_root(root):
    """An unreadable project folder is an error; an unreadable subfolder is only left out."""
    def onerror(error):
        if os.path.abspath(error.filename or "") == root:
            raise error
    return onerror
