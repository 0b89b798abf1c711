# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""What an adapter raises when Azure does not answer as hoped, and which app it was about.

The operations layer turns these into the CLI's typed errors (operations/errors.py)."""


class RequestFailed(Exception):
    """A request about `ref` (None: not about one app) failed for good, after the pipeline's retries;
    `error` is the SDK's exception, `write` whether the request was a write."""

    def __init__(self, ref, error, write=False):
        super().__init__(str(error))
        self.ref, self.error, self.write = ref, error, write

    @property
    def status(self):
        return getattr(self.error, "status_code", None)

    @property
    def maybe_applied(self) -> bool:
        """Whether a write may have taken effect although it failed: the request reached Azure and the answer
        was lost (a read error after sending, a timeout, a 5xx). Throttling (429) and other 4xx answers mean
        it was not applied; so does a connection that was never made."""
        from azure.core.exceptions import ServiceRequestError, ServiceResponseError
        if not self.write or isinstance(self.error, ServiceRequestError):
            return False
        if isinstance(self.error, ServiceResponseError):
            return True
        return self.status is not None and (self.status >= 500 or self.status == 408)


class UnexpectedResponse(Exception):
    """Azure answered, but not with the shape this tool reads: `what` was read, `detail` says what is odd."""

    def __init__(self, ref, what, detail, write=False):
        super().__init__(f"{what}: {detail}")
        self.ref, self.what, self.detail, self.write = ref, what, detail, write

    @property
    def maybe_applied(self) -> bool:
        return self.write
