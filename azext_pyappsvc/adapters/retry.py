# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""The retry policy of every client pyappsvc builds (ARM and the SCM site).

azure-core's RetryPolicy, with one change: a Retry-After header is believed up to MAX_RETRY_AFTER seconds, and one
that cannot be read (`soon`) counts as absent rather than failing the request. Left alone, `Retry-After: 600` on
one answer would hold a command for half an hour across its retries.
"""

from azure.core.pipeline.policies import RetryPolicy

MAX_RETRY_AFTER = 10.0
# every answer that may be retried (connection failure, read failure, 408/429/5xx) is tried 4 times in all
ATTEMPTS = {"retry_total": 3, "retry_connect": 3, "retry_read": 3, "retry_status": 3}


class CappedRetryPolicy(RetryPolicy):
    def get_retry_after(self, response):
        try:
            after = super().get_retry_after(response)
        except (ValueError, TypeError, OverflowError):
            return None
        return None if after is None else min(max(after, 0.0), MAX_RETRY_AFTER)
