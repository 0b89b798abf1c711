# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""The one "something is wrong" type of the platform rules, and the severities the catalog uses."""

from dataclasses import dataclass
from typing import Optional

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITY_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}


@dataclass(frozen=True)
class Problem:
    """A rule's verdict: `code` is the catalog code it belongs to (DOCTOR-CHECKS.md), so set-startup and
    doctor report the same problem the same way; `error` problems block a write unless forced."""
    code: Optional[str]        # None: worth saying, but no catalog check stands for it
    severity: str
    message: str
    about: Optional[str] = None    # what the problem concerns, when a fix needs to name it (an app setting)

    @property
    def is_error(self):
        return self.severity == ERROR
