# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""What may leave the process: credentials are masked wherever they appear, and the values of settings that may
hold secrets are replaced by a mask. One rule set, applied by output/redaction.py to every string pyappsvc prints
(results, errors, warnings, debug lines it writes, fixes, the report)."""

import json
import re
from typing import Iterable

from .inputs import CONTROL

MASK = "<redacted>"
MIN_SECRET_LENGTH = 4          # shorter values (1, on, ~4) are not worth masking: they would mangle every message

# userinfo in a URL (https://user:password@host, https://token@host)
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^\s/@:\"'<>]+(?::[^\s/@\"'<>]*)?@")
# credential-bearing parameters of query strings and connection strings, wherever they appear in a value
_PARAMETER = re.compile(
    r"(?i)(^|[?&;\s,\"'(]|\b)((?:sig|signature|token|access_token|refresh_token|password|passwd|pwd|secret|"
    r"client_secret|api[-_]?key|key|accountkey|sharedaccesskey|sharedaccesssignature|instrumentationkey|code)"
    r"\s*[=:]\s*)([^&;\s\"'<>,)]+)")
_BEARER = re.compile(r"(?i)\b(bearer\s+)[A-Za-z0-9._~+/=-]{8,}")
# a JSON (or Python repr) pair whose key names a secret, as an Azure error echoing a request body shows it -
# "DB_PASSWORD": "...", 'API_KEY': '...' - or, echoed inside a JSON string, \"DB_PASSWORD\": \"...\"
_SECRET_KEY = r"\w*(?:password|passwd|pwd|secret|token|key|connection_?string|credential|sas)\w*"
_SECRET_PAIR = re.compile(
    rf"""(?i)(["']{_SECRET_KEY}["']\s*:\s*)("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')""")
_ESCAPED_SECRET_PAIR = re.compile(
    rf"""(?i)(\\"{_SECRET_KEY}\\"\s*:\s*\\")((?:[^"\\]|\\\\\\"|\\\\)*)(\\")""")


def mask_credentials(text: str) -> str:
    """The text with URL userinfo, credential parameters (sig=, token=, password=, key=, AccountKey=...), bearer
    tokens and the values of secret-named keys in echoed JSON masked, wherever they appear."""
    text = _ESCAPED_SECRET_PAIR.sub(lambda m: m.group(1) + MASK + m.group(3), text)
    text = _SECRET_PAIR.sub(lambda m: m.group(1) + m.group(2)[0] + MASK + m.group(2)[0], text)
    text = _USERINFO.sub(lambda m: m.group(1) + MASK + "@", text)
    text = _PARAMETER.sub(lambda m: m.group(1) + m.group(2) + MASK, text)
    return _BEARER.sub(lambda m: m.group(1) + MASK, text)


def scrub(text: str, secrets: Iterable[str]) -> str:
    """The text with every secret value (and its JSON-escaped spelling, as error bodies echo it) masked, then
    every credential masked."""
    for secret in sorted({s for s in secrets if isinstance(s, str) and len(s) >= MIN_SECRET_LENGTH}, key=len,
                         reverse=True):
        for spelling in (secret, json.dumps(secret)[1:-1]):
            text = text.replace(spelling, MASK)
    return mask_credentials(text)


def one_line(text: str) -> str:
    """The text with every control character written as its escape (\\n, \\x1b, \\u2028): what pyappsvc
    prints about a value can neither forge a second line nor drive the terminal."""
    return CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)
