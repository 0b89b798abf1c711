# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""A client-side token bucket, so that a tenant-wide `--deep` run stays under ARM's read throttling instead of
learning about it from 429s.

ARM refills each subscription's (and principal's) read bucket continuously: 250 tokens, 25 a second
(https://learn.microsoft.com/azure/azure-resource-manager/management/request-limits-and-throttling, "Migrating
to regional throttling and token bucket algorithm"). One bucket per subscription here mirrors that.
"""

import threading
import time

ARM_READS = {"capacity": 250, "rate": 25.0}


class TokenBucket:  # pylint: disable=too-few-public-methods  # one operation: take a token
    """take() returns at once while tokens are left, else sleeps until this caller's token has been refilled.

    Tokens are reserved under the lock (the count may go below zero), so concurrent callers queue in order
    without a thundering herd when the bucket refills."""

    def __init__(self, capacity=ARM_READS["capacity"], rate=ARM_READS["rate"], clock=time.monotonic,
                 sleep=time.sleep):
        self.capacity, self.rate = float(capacity), float(rate)
        self._tokens, self._clock, self._sleep = float(capacity), clock, sleep
        self._stamp = clock()
        self._lock = threading.Lock()

    def take(self):
        with self._lock:
            now = self._clock()
            self._tokens = min(self.capacity, self._tokens + (now - self._stamp) * self.rate)
            self._stamp = now
            self._tokens -= 1
            wait = -self._tokens / self.rate if self._tokens < 0 else 0.0
        if wait:
            self._sleep(wait)


class Buckets:  # pylint: disable=too-few-public-methods  # one operation: take a subscription's token
    """One TokenBucket per subscription, made on first use."""

    def __init__(self, **bucket):
        self._bucket = bucket or dict(ARM_READS)
        self._buckets = {}
        self._lock = threading.Lock()

    def take(self, subscription):
        with self._lock:
            bucket = self._buckets.setdefault((subscription or "").lower(), TokenBucket(**self._bucket))
        bucket.take()
