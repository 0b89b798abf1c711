# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""The app settings this tool knows, and which of their values may be shown.

Only the build and runtime keys below are ever printed; every other app setting may hold a
secret and is at most named. Even a managed key is masked when it carries a URL (a
WEBSITE_RUN_FROM_PACKAGE blob URL embeds a SAS token).
"""

import re

PRE_BUILD_COMMAND = "PRE_BUILD_COMMAND"
POST_BUILD_COMMAND = "POST_BUILD_COMMAND"
PRE_BUILD_SCRIPT_PATH = "PRE_BUILD_SCRIPT_PATH"
POST_BUILD_SCRIPT_PATH = "POST_BUILD_SCRIPT_PATH"
DISABLE_COLLECTSTATIC = "DISABLE_COLLECTSTATIC"
SCM_DO_BUILD_DURING_DEPLOYMENT = "SCM_DO_BUILD_DURING_DEPLOYMENT"
ENABLE_ORYX_BUILD = "ENABLE_ORYX_BUILD"
WEBSITE_RUN_FROM_PACKAGE = "WEBSITE_RUN_FROM_PACKAGE"
FUNCTIONS_WORKER_RUNTIME = "FUNCTIONS_WORKER_RUNTIME"
FUNCTIONS_EXTENSION_VERSION = "FUNCTIONS_EXTENSION_VERSION"

BUILD_KEYS = (PRE_BUILD_COMMAND, POST_BUILD_COMMAND, PRE_BUILD_SCRIPT_PATH, POST_BUILD_SCRIPT_PATH,
              DISABLE_COLLECTSTATIC, SCM_DO_BUILD_DURING_DEPLOYMENT, ENABLE_ORYX_BUILD, WEBSITE_RUN_FROM_PACKAGE)
FUNCTIONS_KEYS = (FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION)

# Read by Oryx/Kudu/the runtime; their values are configuration, not secrets.
VISIBLE_KEYS = frozenset(BUILD_KEYS + FUNCTIONS_KEYS + (
    "CUSTOM_REQUIREMENTSTXT_PATH", "CUSTOM_BUILD_COMMAND", "DISABLE_PYTHON_BUILD", "PYTHON_VERSION",
    "PYTHON_ENABLE_GUNICORN_MULTIWORKERS", "PYTHON_GUNICORN_CUSTOM_WORKER_NUM", "PYTHON_GUNICORN_CUSTOM_THREAD_NUM",
    "DISABLE_FASTAPI_DETECTION", "PYTHON_ISOLATE_WORKER_DEPENDENCIES", "PYTHON_SCRIPT_FILE_NAME",
    "PYTHON_ENABLE_WORKER_EXTENSIONS", "DISABLE_RECURSIVE_LOOKUP", "WEBSITES_PORT", "PORT",
    "WEBSITES_CONTAINER_START_TIME_LIMIT", "PYTHON_USE_GUNICORN_CONFIG_FROM_PATH"))

_SECRET_NAME = re.compile(r"PASSWORD|SECRET|KEY|TOKEN|CONNECTION|PWD|CREDENTIAL|SAS", re.IGNORECASE)
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
MASK = "<redacted>"


def visible_value(key, value):
    """The value as it may be printed: managed keys in clear (URLs masked), anything else never."""
    if value is None:
        return None
    if key not in VISIBLE_KEYS:
        return MASK
    return MASK if _URL.match(value) else value


def managed_view(settings, keys):
    """{key: printable value or None} for the given keys; None when the settings are unknown."""
    if settings is None:
        return None
    return {key: visible_value(key, settings.get(key)) for key in keys}


def looks_secret(name):
    return bool(_SECRET_NAME.search(name or ""))


def is_key_vault_reference(value):
    return (value or "").strip().startswith("@Microsoft.KeyVault(")
