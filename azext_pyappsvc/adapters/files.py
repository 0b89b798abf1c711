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
from ..platform.project import (SKIPPED_DIRS, VENV_MARKER, ProjectTree, is_virtualenv, may_want_text, normalize,
                                wants_text)

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
    files, dirs, virtualenvs, walked, skipped = set(), set(), set(), set(), []
    count, truncated = 0, False
    try:
        for current, dirnames, filenames in os.walk(top, onerror=_fail_on_root(top, skipped)):
            relative = normalize(os.path.relpath(current, top))
            walked.add(relative)
            kept = []
            for name in sorted(dirnames):
                child = f"{relative}/{name}" if relative else name
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
                    files.add(f"{relative}/{name}" if relative else name)
            count += len(filenames) + len(kept)
            if count > MAX_ENTRIES:
                truncated = True
                break
    except OSError as error:
        raise SourceUnreadable(root, error.strerror or str(error)) from None
    texts, unreadable, over_cap = _read_texts(top, files)
    # a partial walk knows only the folders it entered: a file missing elsewhere may exist
    listed = frozenset(walked) if truncated or skipped else None
    return ProjectTree(frozenset(files), frozenset(dirs), frozenset(virtualenvs), texts, frozenset(unreadable),
                       truncated or over_cap, listed)


def _read_texts(top, files):
    """({path: text}, unreadable paths, whether some wanted texts were left unread over the cap). Files only
    possibly wanted (may_want_text) that are not text are left out quietly."""
    wanted = sorted((p for p in files if wants_text(p)), key=lambda p: (p.count("/"), p))
    maybe = sorted(p for p in files if may_want_text(p) and not wants_text(p))
    texts, unreadable = {}, set()
    for path in wanted[:MAX_TEXT_FILES] + maybe[:MAX_TEXT_FILES]:
        text = _read_text(os.path.join(top, *path.split("/")))
        if text is not None:
            texts[path] = text
        elif path in wanted:
            unreadable.add(path)
    return texts, unreadable, len(wanted) > MAX_TEXT_FILES


def _read_text(path):
    """The file's text (first MiB, undecodable bytes replaced), or None when it cannot be read or is binary."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_READ_BYTES)
    except OSError:
        return None
    return None if b"\0" in data[:_BINARY_PROBE] else data.decode("utf-8", "replace")


def _fail_on_root(root, skipped):
    """An unreadable project folder is an error; an unreadable subfolder is left out (and noted)."""
    def onerror(error):
        if os.path.abspath(error.filename or "") == root:
            raise error
        skipped.append(error.filename)
    return onerror
