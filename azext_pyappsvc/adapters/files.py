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
import stat

from ..platform.errors import InvalidValue
from ..platform.project import (SKIPPED_DIRS, VENV_MARKER, ProjectTree, is_virtualenv, may_want_text, wants_text)

MAX_READ_BYTES = 1024 * 1024
MAX_ENTRIES = 200_000
MAX_TEXT_FILES = 5_000
MAX_DEPTH = 64                 # folders below this depth are not entered (a 1,200-deep tree costs nothing more)
_BINARY_PROBE = 8192
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
_OPENS_BENEATH = os.open in os.supports_dir_fd          # not on Windows
_FOLDER_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)


class SourceUnreadable(Exception):
    """The project folder itself cannot be read."""

    def __init__(self, root, reason):
        super().__init__(reason)
        self.root, self.reason = root, reason


class _Walk:  # pylint: disable=too-many-instance-attributes
    """One bounded, iterative walk: only the tree under `top`, never through a link that leaves it, never into a
    folder that never matters, only regular files."""

    def __init__(self, top):
        self.top = top
        self.files, self.dirs, self.virtualenvs, self.walked, self.elsewhere = set(), set(), set(), set(), set()
        self.count, self.partial = 0, False

    def inside(self, path):
        real = os.path.realpath(path)
        return real == self.top or real.startswith(self.top + os.sep)

    def run(self):
        stack = [("", self.top, 0)]
        while stack:
            relative, folder, depth = stack.pop()
            try:
                entries = sorted(os.scandir(folder), key=lambda e: e.name)
            except OSError as error:
                if not relative:
                    raise SourceUnreadable(self.top, error.strerror or str(error)) from None
                self.partial = True              # an unreadable subfolder is left out, and known to be
                continue
            self.walked.add(relative)
            for entry in entries:
                child = f"{relative}/{entry.name}" if relative else entry.name
                if entry.is_dir(follow_symlinks=False):
                    self._folder(entry, child, depth, stack)
                else:
                    self._file(entry, child)
                self.count += 1
            if self.count > MAX_ENTRIES:
                self.partial = True
                break

    def _folder(self, entry, child, depth, stack):
        if entry.name in SKIPPED_DIRS:
            return
        if is_virtualenv(entry.name, os.path.isfile(os.path.join(entry.path, VENV_MARKER))):
            self.virtualenvs.add(child)
            return
        self.dirs.add(child)
        if depth + 1 > MAX_DEPTH:
            self.partial = True
        else:
            stack.append((child, entry.path, depth + 1))

    def _file(self, entry, child):
        if entry.is_symlink():
            if not os.path.exists(entry.path):
                return                                   # a dangling link deploys nothing
            if not self.inside(entry.path):
                self.files.add(child)                    # it is there, but what it points to is not the project's
                self.elsewhere.add(child)
                return
            if os.path.isdir(entry.path):
                self.dirs.add(child)                     # a link to a folder of the project: not walked twice
                return
        try:
            mode = os.stat(entry.path).st_mode
        except OSError:
            return
        if stat.S_ISREG(mode):                           # FIFOs, sockets and devices are no project files
            self.files.add(child)


def scan(root) -> ProjectTree:
    """The tree under `root`, with the texts the rules read; raises InvalidValue (parameter "source") when
    `root` is not a folder, SourceUnreadable when it cannot be read."""
    if not os.path.exists(root):
        raise InvalidValue("source", root, "does not exist", "the project folder")
    if not os.path.isdir(root):
        raise InvalidValue("source", root, "is a file", "the project folder, not a file in it")
    walk = _Walk(os.path.realpath(root))
    walk.run()
    texts, unreadable, over_cap = _read_texts(walk)
    # a partial walk knows only the folders it entered: a file missing elsewhere may exist
    listed = frozenset(walk.walked) if walk.partial else None
    return ProjectTree(frozenset(walk.files), frozenset(walk.dirs), frozenset(walk.virtualenvs), texts,
                       frozenset(unreadable | walk.elsewhere), walk.partial or over_cap, listed)


def _read_texts(walk):
    """({path: text}, unreadable paths, whether some wanted texts were left unread over the cap). Files only
    possibly wanted (may_want_text) that are not text are left out quietly; links out of the project are never
    read."""
    readable = walk.files - walk.elsewhere
    wanted = sorted((p for p in readable if wants_text(p)), key=lambda p: (p.count("/"), p))
    maybe = sorted(p for p in readable if may_want_text(p) and not wants_text(p))
    texts, unreadable = {}, set()
    for path in wanted[:MAX_TEXT_FILES] + maybe[:MAX_TEXT_FILES]:
        text = _read_text(walk, os.path.join(walk.top, *path.split("/")))
        if text is not None:
            texts[path] = text
        elif path in wanted:
            unreadable.add(path)
    return texts, unreadable, len(wanted) > MAX_TEXT_FILES


def _read_text(walk, path):
    """The file's text (first MiB, undecodable bytes replaced), or None when it cannot be read, is not a regular
    file inside the project, or is binary. Opened without blocking, and without following any link on the way
    (the links inside the project were resolved by realpath): a folder swapped for a link to elsewhere after the
    check is not followed."""
    real = os.path.realpath(path)
    if not walk.inside(real) or real == walk.top:
        return None
    try:
        handle = _open_beneath(walk.top, os.path.relpath(real, walk.top).split(os.sep))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(handle).st_mode):
            return None
        data = os.read(handle, MAX_READ_BYTES)
    except OSError:
        return None
    finally:
        os.close(handle)
    return None if b"\0" in data[:_BINARY_PROBE] else data.decode("utf-8", "replace")


def _open_beneath(top, parts):
    """A descriptor of top/parts..., each folder opened from the one before without following a link. Where the
    OS cannot open relative to a folder (Windows), the path is opened whole without following its last link."""
    if not _OPENS_BENEATH:
        return os.open(os.path.join(top, *parts), _OPEN_FLAGS)
    folder = os.open(top, _FOLDER_FLAGS)
    try:
        for part in parts[:-1]:
            inner = os.open(part, _FOLDER_FLAGS, dir_fd=folder)
            os.close(folder)
            folder = inner
        return os.open(parts[-1], _OPEN_FLAGS, dir_fd=folder)
    finally:
        os.close(folder)
