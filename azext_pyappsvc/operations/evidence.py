# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""doctor's evidence: what the app's SCM site says happened (adapters/kudu.py `evidence`: the latest deployment
and the log listing together, then the log tails together), as the platform's LogEvidence."""

from typing import Optional, Tuple
from urllib.parse import unquote, urlsplit

from ..platform.deployed import logs_failure
from ..platform.logs import LogEvidence, entry_lines, split_lines


def read_logs(kudu) -> Tuple[Optional[LogEvidence], Optional[str]]:
    """(the evidence, None), or (None, why the SCM site could not be read)."""
    read = kudu.evidence()
    if read.failed:
        return None, logs_failure(kudu.host, read.status)
    logs = tuple((_file_name(log.href), tuple(split_lines(tail.text, tail.cut))) for log, tail in read.tails)
    return LogEvidence(read.deployment, entry_lines(read.deployment_entries), logs), None


def _file_name(href: str) -> str:
    return unquote(urlsplit(href).path.rsplit("/", 1)[-1])
