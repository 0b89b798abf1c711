# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Writes whose answer may be lost or wrong.

A one-property PATCH is retried by the pipeline (the same body always means the same change); if it still fails in
a way that may have reached Azure (a dropped answer, a 5xx, a garbled body), or its answer does not show the
change, the property is read back and the actual state decides between success and a clear error
(`verified_write`).

The app settings PUT carries every setting, so re-sending it would put back settings someone changed since it was
built: `rebased_write` sends it once per attempt, and after a failure reads the settings again - the change is
there (done), or it is applied to what is there now and sent again.
"""

from dataclasses import dataclass
from typing import Any, Callable, Optional

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


ATTEMPTS = 4
_RETRYABLE = (408, 429)


@dataclass
class Update:
    """A read-modify-write of a resource with no partial update and no concurrency control (app settings)."""
    what: str
    read: Callable[[], dict]            # the resource as it is now
    rebuild: Callable[[dict], dict]     # the body to send, from the resource as it is now
    send: Callable[[dict], dict]        # sends one body once; returns Azure's answer
    in_place: Callable[[dict], bool]    # whether an answer or a read shows the change
    pause: Callable[[int], None]        # the wait before another attempt


def rebased_write(ref, update: Update, current: dict):
    """Azure's answer (or a read) once the change is in place, rebuilding the body from a fresh read before every
    attempt after the first; UnconfirmedWrite when it is still not in place after ATTEMPTS, or cannot be read."""
    cause: Optional[Exception] = None
    for attempt in range(ATTEMPTS):
        try:
            answer = update.send(update.rebuild(current))
            if update.in_place(answer):
                return answer
            cause = None
        except (RequestFailed, UnexpectedResponse) as error:
            if not (error.maybe_applied or getattr(error, "status", None) in _RETRYABLE or _not_sent(error)):
                raise                   # refused (4xx): nothing was written, and sending it again changes nothing
            cause = error
        update.pause(attempt)
        try:
            current = update.read()
        except (RequestFailed, UnexpectedResponse):
            raise UnconfirmedWrite(ref, cause, False, update.what) from None
        if update.in_place(current):
            if cause is not None:
                logger.warning("Azure's answer to the change of %s for app '%s' was lost; read back, the change is "
                               "in place.", update.what, ref.label)
            return current
    raise UnconfirmedWrite(ref, cause, True, update.what)


def _not_sent(error) -> bool:
    """A connection that was never made: nothing reached Azure, and trying again is safe."""
    from azure.core.exceptions import ServiceRequestError
    return isinstance(getattr(error, "error", None), ServiceRequestError)
