# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""The one clock: support states are relative to today, the stacks cache to now. Tests pin it here."""

import time
from datetime import date, datetime, timezone


def today() -> date:
    return date.today()


def now() -> float:
    return time.time()


def utc_now() -> datetime:
    return datetime.now(timezone.utc)
