# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Writes whose answer may be lost: the write is retried by the pipeline (every write this tool sends is
idempotent); if it still fails in a way that may have reached Azure (a dropped answer, a 5xx, a garbled
body), the property is read back and the actual state decides between success and a clear error."""

from typing import Callable

from knack.log import get_logger

from ..adapters.errors import RequestFailed, UnexpectedResponse

logger = get_logger(__name__)


class UnconfirmedWrite(Exception):
    """A write failed after it may have reached Azure. `state` is what a re-read shows (None: the re-read
    failed too, so the change may or may not be in place)."""

    def __init__(self, ref, cause, state=None, what=""):
        super().__init__(str(cause))
        self.ref, self.cause, self.state, self.what = ref, cause, state, what


def verified_write(ref, write: Callable, reread: Callable, applied: Callable, what: str):
    """write(); when its failure may hide a success, reread() and accept the write if applied(state) is true.
    `what` names the property for messages (e.g. "linuxFxVersion")."""
    try:
        return write()
    except (RequestFailed, UnexpectedResponse) as error:
        if not error.maybe_applied:
            raise
        cause = error
    try:
        state = reread()
    except (RequestFailed, UnexpectedResponse):
        raise UnconfirmedWrite(ref, cause, None, what) from None
    if applied(state):
        logger.warning("Azure's answer to the change of %s for app '%s' was lost; read back, the change is in "
                       "place.", what, ref.label)
        return state
    raise UnconfirmedWrite(ref, cause, state, what)
