# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""App settings the platform reads: their names, who reads them how, and which values may be shown.

Only the build and runtime keys below are ever printed; every other app setting may hold a secret and
is at most named. Even a managed key is masked when it carries a URL (a WEBSITE_RUN_FROM_PACKAGE blob
URL embeds a SAS token).
"""

import re
from dataclasses import dataclass
from typing import Dict, List, Optional

from . import booleans
from .redact import MASK, looks_like_secret_value, mask_credentials

PRE_BUILD_COMMAND = "PRE_BUILD_COMMAND"
POST_BUILD_COMMAND = "POST_BUILD_COMMAND"
PRE_BUILD_SCRIPT_PATH = "PRE_BUILD_SCRIPT_PATH"
POST_BUILD_SCRIPT_PATH = "POST_BUILD_SCRIPT_PATH"
DISABLE_COLLECTSTATIC = "DISABLE_COLLECTSTATIC"
SCM_DO_BUILD_DURING_DEPLOYMENT = "SCM_DO_BUILD_DURING_DEPLOYMENT"
ENABLE_ORYX_BUILD = "ENABLE_ORYX_BUILD"
WEBSITE_RUN_FROM_PACKAGE = "WEBSITE_RUN_FROM_PACKAGE"
WEBSITE_RUN_FROM_ZIP = "WEBSITE_RUN_FROM_ZIP"
CUSTOM_REQUIREMENTSTXT_PATH = "CUSTOM_REQUIREMENTSTXT_PATH"
CUSTOM_BUILD_COMMAND = "CUSTOM_BUILD_COMMAND"
DISABLE_RECURSIVE_LOOKUP = "DISABLE_RECURSIVE_LOOKUP"
FUNCTIONS_WORKER_RUNTIME = "FUNCTIONS_WORKER_RUNTIME"
FUNCTIONS_EXTENSION_VERSION = "FUNCTIONS_EXTENSION_VERSION"
PYTHON_SCRIPT_FILE_NAME = "PYTHON_SCRIPT_FILE_NAME"
PYTHON_ISOLATE_WORKER_DEPENDENCIES = "PYTHON_ISOLATE_WORKER_DEPENDENCIES"
PYTHON_ENABLE_WORKER_EXTENSIONS = "PYTHON_ENABLE_WORKER_EXTENSIONS"
# pip reads these from the environment during the build; an index URL may embed a credential, so their values
# are never shown (not in VISIBLE_KEYS).
PIP_INDEX_URL = "PIP_INDEX_URL"
PIP_EXTRA_INDEX_URL = "PIP_EXTRA_INDEX_URL"
PYTHON_ENABLE_GUNICORN_MULTIWORKERS = "PYTHON_ENABLE_GUNICORN_MULTIWORKERS"
PYTHON_GUNICORN_CUSTOM_WORKER_NUM = "PYTHON_GUNICORN_CUSTOM_WORKER_NUM"
PYTHON_GUNICORN_CUSTOM_THREAD_NUM = "PYTHON_GUNICORN_CUSTOM_THREAD_NUM"
PYTHON_USE_GUNICORN_CONFIG_FROM_PATH = "PYTHON_USE_GUNICORN_CONFIG_FROM_PATH"
DISABLE_FASTAPI_DETECTION = "DISABLE_FASTAPI_DETECTION"

BUILD_KEYS = (PRE_BUILD_COMMAND, POST_BUILD_COMMAND, PRE_BUILD_SCRIPT_PATH, POST_BUILD_SCRIPT_PATH,
              DISABLE_COLLECTSTATIC, SCM_DO_BUILD_DURING_DEPLOYMENT, ENABLE_ORYX_BUILD, WEBSITE_RUN_FROM_PACKAGE)
FUNCTIONS_KEYS = (FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION)

# Read by Oryx/Kudu/the runtime; their values are configuration, not secrets.
VISIBLE_KEYS = frozenset(BUILD_KEYS + FUNCTIONS_KEYS + (
    CUSTOM_REQUIREMENTSTXT_PATH, CUSTOM_BUILD_COMMAND, "DISABLE_PYTHON_BUILD", "PYTHON_VERSION",
    PYTHON_ENABLE_GUNICORN_MULTIWORKERS, PYTHON_GUNICORN_CUSTOM_WORKER_NUM, PYTHON_GUNICORN_CUSTOM_THREAD_NUM,
    DISABLE_FASTAPI_DETECTION, PYTHON_ISOLATE_WORKER_DEPENDENCIES, PYTHON_SCRIPT_FILE_NAME,
    PYTHON_ENABLE_WORKER_EXTENSIONS, DISABLE_RECURSIVE_LOOKUP, "WEBSITES_PORT", "PORT",
    "WEBSITES_CONTAINER_START_TIME_LIMIT", PYTHON_USE_GUNICORN_CONFIG_FROM_PATH))

# Who reads which boolean, and how (booleans.py): Oryx's build options, the startup script generator's
# switches, Kudu's deployment switches.
ORYX_BOOLEAN_KEYS = (DISABLE_COLLECTSTATIC, "DISABLE_PYTHON_BUILD", "ORYX_DISABLE_PIP_UPGRADE",
                     DISABLE_RECURSIVE_LOOKUP, "ENABLE_MULTIPLATFORM_BUILD", "CREATE_PACKAGE",
                     "COMPRESS_DESTINATION_DIR", "ENABLE_DYNAMIC_INSTALL", "DISABLE_CHECKERS", "ORYX_DISABLE_TELEMETRY")
STARTUP_BOOLEAN_KEYS = (PYTHON_ENABLE_GUNICORN_MULTIWORKERS, DISABLE_FASTAPI_DETECTION)
APP_DEBUG_KEYS = ("DEBUG", "DJANGO_DEBUG", "FLASK_DEBUG")

VENV_NAME = "antenv"     # the virtual environment Oryx builds on App Service (KuduLite AppServiceOryxArguments.cs)

# PASS alone too (DB_PASS, SMTP_PASS, CERT_PASS), CRED (CREDS) and AUTH (BASIC_AUTH, AUTH_HEADER)
_SECRET_NAME = re.compile(r"PASS|SECRET|KEY|TOKEN|CONNECTION|PWD|CRED|SAS|AUTH|SIGNATURE|PRIVATE", re.IGNORECASE)
_PACKAGE_URL = re.compile(r"^\s*[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def visible_value(key, value):
    """The value as it may be printed: managed keys in clear with any credential in them masked (a package URL,
    which embeds a SAS token, is masked whole); anything else never."""
    if value is None:
        return None
    if key not in VISIBLE_KEYS:
        return MASK
    if key == WEBSITE_RUN_FROM_PACKAGE and _PACKAGE_URL.match(value):
        return MASK
    return mask_credentials(value)


def shown_setting(key, value) -> str:
    """`KEY='value'` for a message, the value as visible_value allows (`KEY=<redacted>` for one never shown)."""
    shown = visible_value(key, value)
    return f"{key}={shown}" if shown == MASK else f"{key}={shown!r}"


def unmanaged(settings) -> Dict[str, str]:
    """The settings this tool does not manage: their values are never printed, and are scrubbed from whatever
    Azure says (an error that echoes a request body) before it is."""
    return {key: value for key, value in (settings or {}).items()
            if key not in VISIBLE_KEYS and isinstance(key, str) and isinstance(value, str)}


def managed_view(settings, keys):
    """{key: printable value or None} for the given keys; None when the settings are unknown."""
    if settings is None:
        return None
    return {key: visible_value(key, settings.get(key)) for key in keys}


def looks_secret(name, value=None):
    """The one test of whether a setting holds a secret: its name says so (DB_PASS, API_KEY) or its value reads as
    one on its own (redact.looks_like_secret_value: a provider token, a private key, `user:password`)."""
    return bool(_SECRET_NAME.search(name or "")) or looks_like_secret_value(value)


def is_key_vault_reference(value):
    return (value or "").strip().startswith("@Microsoft.KeyVault(")


# -- run from package -------------------------------------------------------------------------------
LOCAL_PACKAGE, REMOTE_PACKAGE = "local", "remote"


def run_from_package(settings: Optional[Dict[str, str]]) -> Optional[str]:
    """"local" (the value is exactly 1: the site mounts the zip Kudu deployed), "remote" (a URL: the site
    mounts that package) or None. `0`, empty or anything else means the app runs from wwwroot.

    KuduLite DeploymentSettingsExtension.cs RunFromLocalZip / RunFromRemoteZip (the old name
    WEBSITE_RUN_FROM_ZIP is read when the new one is empty); SiteBuilderFactory.cs builds nothing for a
    local package, and a remote one replaces whatever a deployment would build."""
    settings = settings or {}
    value = settings.get(WEBSITE_RUN_FROM_PACKAGE) or settings.get(WEBSITE_RUN_FROM_ZIP)
    if value == "1":
        return LOCAL_PACKAGE
    if value and value.lower().startswith("http"):
        return REMOTE_PACKAGE
    return None


# -- build hooks ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class BuildHook:
    """A pre- or post-build hook: Oryx runs the script when its path is set, else the command
    (Oryx src/BuildScriptGenerator/Helpers/PreAndPostBuildCommandHelper.cs)."""
    stage: str           # "pre" | "post"
    script_key: str
    command_key: str

    def effective(self, settings) -> Optional[tuple]:
        """(setting, value) Oryx runs for this hook, or None."""
        for key in (self.script_key, self.command_key):
            if (settings or {}).get(key):
                return key, settings[key]
        return None

    def hides_command(self, settings) -> bool:
        """Both are set: the script runs and the command never does."""
        settings = settings or {}
        return bool(settings.get(self.script_key) and settings.get(self.command_key))


BUILD_HOOKS = (BuildHook("pre", PRE_BUILD_SCRIPT_PATH, PRE_BUILD_COMMAND),
               BuildHook("post", POST_BUILD_SCRIPT_PATH, POST_BUILD_COMMAND))


def hidden_commands(settings) -> List[BuildHook]:
    return [hook for hook in BUILD_HOOKS if hook.hides_command(settings)]


def invalid_booleans(settings, keys, dialect: booleans.Dialect) -> List[str]:
    """The keys among `keys` whose value `dialect`'s reader rejects."""
    settings = settings or {}
    return [key for key in keys if key in settings and dialect.rejects(settings[key])]
