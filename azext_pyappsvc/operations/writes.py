# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Writes whose answer may be lost or wrong: the write is retried by the pipeline (every write this tool sends is
idempotent); if it still fails in a way that may have reached Azure (a dropped answer, a 5xx, a garbled body), or
its answer does not show the change, the property is read back and the actual state decides between success and
a clear error."""

from dataclasses import dataclass
from typing import Any, Callable

from ..output.redaction import get_logger

from ..adapters.errors import RequestFailed, UnexpectedResponse

logger = get_logger(__name__)


@dataclass
class Write:
    what: str                           # the property, for messages ("linuxFxVersion")
    send: Callable[[], dict]            # the write; returns Azure's answer (the resource as it now is)
    read: Callable[[], dict]            # reads the resource back
    state: Callable[[dict], Any]        # the written property, in an answer or a read
    wanted: Any                         # its value once the write is in place


class UnconfirmedWrite(Exception):
    """A write that may have reached Azure was not confirmed. `cause` is the error (None: Azure answered, but its
    answer does not show the change); `read_back` is False when reading the resource back failed too, so the
    change may or may not be in place."""

    def __init__(self, ref, cause, read_back, what):
        super().__init__(str(cause))
        self.ref, self.cause, self.read_back, self.what = ref, cause, read_back, what


def verified_write(ref, write: Write):
    """The answer (or the read-back) once the change is known to be in place; UnconfirmedWrite otherwise."""
    cause = None
    try:
        answer = write.send()
        if write.state(answer) == write.wanted:
            return answer
    except (RequestFailed, UnexpectedResponse) as error:
        if not error.maybe_applied:
            raise
        cause = error
    try:
        current = write.read()
        state = write.state(current)
    except (RequestFailed, UnexpectedResponse):
        raise UnconfirmedWrite(ref, cause, False, write.what) from None
    if state == write.wanted:
        logger.warning("Azure's answer to the change of %s for app '%s' was lost; read back, the change is in "
                       "place.", write.what, ref.label)
        return current
    raise UnconfirmedWrite(ref, cause, True, write.what)
