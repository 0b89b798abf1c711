# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""The platform's stacks catalogue, cached on disk for a day.

The webAppStacks body is about 100 KB and changes a few times a year, so one fetch a day serves
every command. The cache lives under the CLI's config directory (so AZURE_CONFIG_DIR is honoured);
an unreadable or corrupt cache is ignored and rewritten, never fatal. Whether a body is worth caching is
the caller's judgement (operations/stacks.py).
"""

import json
import os
import tempfile

from ..output.redaction import get_logger

from . import clock

logger = get_logger(__name__)

TTL_SECONDS = 24 * 3600
# The Python element of a real webAppStacks answer (shared/reference/azure/webappstacks-python.json, recorded on
# 2025-03-10), shipped for a plan made offline with no cache: old, so only ever a fallback that says so.
BUNDLED = os.path.join(os.path.dirname(__file__), "bundled", "webappstacks-python.json")
BUNDLED_AS_OF = "2025-03-10"
_FILES = {False: "webappstacks.json", True: "functionappstacks.json"}


class StacksCache:
    def __init__(self, config_dir):
        self.directory = os.path.join(config_dir, "pyappsvc")

    def path(self, functions):
        return os.path.join(self.directory, _FILES[functions])

    def load(self, functions):
        """The cached body if it is younger than a day and well formed, else None."""
        try:
            with open(self.path(functions), encoding="utf-8") as handle:
                entry = json.load(handle)
            fresh = 0 <= clock.now() - float(entry["fetchedAt"]) < TTL_SECONDS
            body = entry["body"]
        except (OSError, ValueError, KeyError, TypeError) as error:
            if not isinstance(error, FileNotFoundError):
                logger.debug("Ignoring unreadable stacks cache %s: %s", self.path(functions), error)
            return None
        return body if fresh and isinstance(body, dict) else None

    def store(self, functions, body):
        """Write atomically; a cache that cannot be written only costs the next command a fetch."""
        try:
            os.makedirs(self.directory, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump({"fetchedAt": clock.now(), "body": body}, out)
            os.replace(temporary, self.path(functions))
        except OSError as error:
            logger.debug("Could not write the stacks cache: %s", error)


def bundled_web_stacks():
    """The webAppStacks body shipped with pyappsvc (as of BUNDLED_AS_OF), or None if it cannot be read."""
    try:
        with open(BUNDLED, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError) as error:
        logger.debug("Could not read the bundled stacks catalogue: %s", error)
        return None
