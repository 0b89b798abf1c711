# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""The app settings read from Azure that this tool does not manage, remembered (names and values) as they are
read, so that what Azure says back - an error that echoes a request body, a body in the --debug trace - can be
scrubbed of them before it is printed (output/redaction.py)."""

import threading

_LOCK = threading.Lock()
_VALUES, _NAMES = set(), set()


def remember(settings: dict):
    with _LOCK:
        _NAMES.update(settings)
        _VALUES.update(settings.values())


def forget():
    """A new command starts with nothing remembered (az may run several in one process)."""
    with _LOCK:
        _VALUES.clear()
        _NAMES.clear()


def secrets() -> frozenset:
    with _LOCK:
        return frozenset(_VALUES)


def names() -> frozenset:
    with _LOCK:
        return frozenset(_NAMES)
