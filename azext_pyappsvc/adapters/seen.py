# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Values read from Azure that must never be printed (those of app settings this tool does not manage), remembered
as they are read, so that every string leaving the process can be scrubbed of them (output/redaction.py) -
including Azure's own error messages, which may echo a request body."""

import threading

_LOCK = threading.Lock()
_VALUES = set()


def remember(values):
    with _LOCK:
        _VALUES.update(v for v in values if isinstance(v, str))


def forget():
    """A new command starts with nothing remembered (az may run several in one process)."""
    with _LOCK:
        _VALUES.clear()


def secrets() -> frozenset:
    with _LOCK:
        return frozenset(_VALUES)
