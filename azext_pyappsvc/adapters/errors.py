# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""What an adapter raises when Azure does not answer as hoped: the SDK's error, and which app it was about.

The operations layer turns it into one of the CLI's typed errors (operations/errors.py)."""


class RequestFailed(Exception):
    """A request about `ref` failed for good, after the pipeline's retries; `error` is the SDK's exception."""

    def __init__(self, ref, error):
        super().__init__(str(error))
        self.ref, self.error = ref, error

    @property
    def status(self):
        return getattr(self.error, "status_code", None)
