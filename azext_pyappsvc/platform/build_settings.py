# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Changing the build automation app settings: validating values, applying them without losing anything,
and what the result will do differently from what the user probably expects.

Oryx reads its booleans with .NET bool.TryParse and Kudu its own with IsTrueLike (booleans.py), so this
tool always writes `true`/`false`, the one spelling both accept. App settings have no partial update:
the PUT carries every setting, so `apply_changes` returns the original dict with exactly the requested
keys changed.
"""

import re
import shlex
from collections import OrderedDict
from dataclasses import dataclass, field, fields
from typing import Dict, List, Optional, Tuple

from .appkind import FLEX, AppKind
from .booleans import CLI_INPUT
from .errors import InvalidValue, MissingValue
from .functions import FLEX_UNSUPPORTED_SETTINGS, flex_ignored_settings
from .inputs import CONTROL, refuse_control_characters
from .problems import INFO, WARNING, Problem
from .redact import MASK
from .settings import (BUILD_HOOKS, DISABLE_COLLECTSTATIC, ENABLE_ORYX_BUILD, LOCAL_PACKAGE, PIP_EXTRA_INDEX_URL,
                       POST_BUILD_COMMAND, POST_BUILD_SCRIPT_PATH, PRE_BUILD_COMMAND, PRE_BUILD_SCRIPT_PATH,
                       PYTHON_ENABLE_WORKER_EXTENSIONS, PYTHON_ISOLATE_WORKER_DEPENDENCIES,
                       SCM_DO_BUILD_DURING_DEPLOYMENT, is_key_vault_reference, run_from_package)

COMMAND_SETTINGS = (PRE_BUILD_COMMAND, POST_BUILD_COMMAND)
SCRIPT_SETTINGS = (PRE_BUILD_SCRIPT_PATH, POST_BUILD_SCRIPT_PATH)
BOOLEAN_ACCEPTED = "true or false (yes/no, 1/0 and on/off are accepted too), or '' to remove the setting"
_SCRIPT = re.compile(r"\.(sh|bash|py|ps1)$", re.IGNORECASE)
_INDEX_URL = re.compile(r"https?://[^\s/?#]+\S*\Z", re.IGNORECASE)
INDEX_URL_ACCEPTED = "an http(s) package index URL or a Key Vault reference (@Microsoft.KeyVault(...)), or ''"
# Read only by the Azure Functions Python worker (azure_functions_worker/constants.py).
FUNCTIONS_ONLY_SETTINGS = (PYTHON_ISOLATE_WORKER_DEPENDENCIES, PYTHON_ENABLE_WORKER_EXTENSIONS)
# Shown in set-build's result for a function app (PIP_EXTRA_INDEX_URL only ever as masked).
FUNCTIONS_BUILD_KEYS = FUNCTIONS_ONLY_SETTINGS + (PIP_EXTRA_INDEX_URL,)


def _setting(name, boolean=False, secret=False):
    """A field's metadata: the app setting it stands for, whether it is a boolean, and whether its value is a secret
    (never shown, not even in an error)."""
    return {"setting": name, "boolean": boolean, "secret": secret}


@dataclass(frozen=True)
class BuildSettingValues:  # pylint: disable=too-many-instance-attributes  # one field per setting
    """The values asked for, by field: None leaves a setting alone, "" removes it."""
    pre_build: Optional[str] = field(default=None, metadata=_setting(PRE_BUILD_COMMAND))
    post_build: Optional[str] = field(default=None, metadata=_setting(POST_BUILD_COMMAND))
    pre_build_script: Optional[str] = field(default=None, metadata=_setting(PRE_BUILD_SCRIPT_PATH))
    post_build_script: Optional[str] = field(default=None, metadata=_setting(POST_BUILD_SCRIPT_PATH))
    disable_collectstatic: Optional[str] = field(default=None, metadata=_setting(DISABLE_COLLECTSTATIC, boolean=True))
    build_on_deploy: Optional[str] = field(default=None,
                                           metadata=_setting(SCM_DO_BUILD_DURING_DEPLOYMENT, boolean=True))
    oryx_build: Optional[str] = field(default=None, metadata=_setting(ENABLE_ORYX_BUILD, boolean=True))
    isolate_worker_dependencies: Optional[str] = field(
        default=None, metadata=_setting(PYTHON_ISOLATE_WORKER_DEPENDENCIES, boolean=True))
    worker_extensions: Optional[str] = field(default=None,
                                             metadata=_setting(PYTHON_ENABLE_WORKER_EXTENSIONS, boolean=True))
    pip_extra_index_url: Optional[str] = field(default=None, metadata=_setting(PIP_EXTRA_INDEX_URL, secret=True))


# field -> (app setting, is boolean), in the order the fields are declared
SETTING_OF_FIELD = OrderedDict((f.name, (f.metadata["setting"], f.metadata["boolean"]))
                               for f in fields(BuildSettingValues))
FIELD_OF_SETTING = {setting: name for name, (setting, _) in SETTING_OF_FIELD.items()}
SECRET_SETTINGS = frozenset(f.metadata["setting"] for f in fields(BuildSettingValues) if f.metadata["secret"])


def parse_boolean(field_name, value) -> Optional[str]:
    """`true`/`false` as Oryx and Kudu both accept it, or None for "" (remove the setting)."""
    parsed = CLI_INPUT.parse(value)
    if parsed is None and str(value).strip():
        raise InvalidValue(field_name, value, "is not a boolean", BOOLEAN_ACCEPTED)
    return None if parsed is None else ("true" if parsed else "false")


def changes_from_values(values: BuildSettingValues) -> Dict[str, Optional[str]]:
    """{app setting: new value, or None to remove}, validated; raises a domain error naming the field."""
    changes = OrderedDict()
    for name, (setting, boolean) in SETTING_OF_FIELD.items():
        value = getattr(values, name)
        if value is None:
            continue
        if boolean:
            changes[setting] = parse_boolean(name, value)
            continue
        if setting in SECRET_SETTINGS:
            changes[setting] = _index_url(name, value)
            continue
        refuse_control_characters(name, value, "a command or path on one line")
        if setting in COMMAND_SETTINGS:
            _require_balanced_quotes(name, value)
        changes[setting] = value.strip() or None
    if not changes:
        raise MissingValue(list(SETTING_OF_FIELD))
    return changes


def _index_url(field_name, value) -> Optional[str]:
    """A package index URL (it may embed a credential) or a Key Vault reference, kept as given; None for ''. The
    error never quotes the value."""
    text = value.strip()
    if not text:
        return None
    if CONTROL.search(text):                    # refuse_control_characters would quote the secret
        raise InvalidValue(field_name, MASK, "contains control characters", INDEX_URL_ACCEPTED)
    if not (is_key_vault_reference(text) and text.endswith(")")) and not _INDEX_URL.match(text):
        raise InvalidValue(field_name, MASK, "is not a package index URL", INDEX_URL_ACCEPTED)
    return text


def inapplicable(changes: Dict[str, Optional[str]], kind: AppKind) -> List[Tuple[str, str]]:
    """(setting, why) for each requested setting this kind of app does not read: Flex Consumption ignores the
    build-during-deployment switches (FN015: remote build is a deployment option there; removing one is what FN015
    asks for), and only function apps run the Functions Python worker."""
    found = []
    for setting in changes:
        if kind.platform == FLEX and setting in FLEX_UNSUPPORTED_SETTINGS and changes[setting] is not None:
            found.append((setting, "Flex Consumption ignores it: remote build is a deployment option there "
                                   "(func azure functionapp publish <app> --build remote)"))
        elif setting in FUNCTIONS_ONLY_SETTINGS and not kind.is_function_app:
            found.append((setting, "only the Azure Functions Python worker reads it, and this is a web app"))
    return found


def _require_balanced_quotes(field_name, value):
    """Oryx hands the command to bash; one that shlex cannot split would fail the build."""
    try:
        shlex.split(value)
    except ValueError:
        raise InvalidValue(field_name, value, "has unbalanced quotes", "a command bash can run") from None


def apply_changes(settings: Dict[str, str], changes: Dict[str, Optional[str]]) -> Dict[str, str]:
    """The settings with exactly `changes` applied (None removes); every other key and its order kept."""
    result = OrderedDict((key, value) for key, value in settings.items()
                         if not (key in changes and changes[key] is None))
    for key, value in changes.items():
        if value is not None:
            result[key] = value
    return dict(result)


def settings_problems(settings: Dict[str, str], is_flex: bool) -> List[Problem]:
    """What the build settings will do differently from what the user probably expects: set-build warns about
    them before writing, doctor reports them (BLD002, BLD005, PLAT004)."""
    found = [Problem("BLD005", WARNING, f"{hook.script_key} and {hook.command_key} are both set: Oryx runs the "
                     f"{hook.stage}-build script and never runs the command.", about=hook.command_key)
             for hook in BUILD_HOOKS if hook.hides_command(settings)]
    package = run_from_package(settings)
    if package and not is_flex:
        shown = "1" if package == LOCAL_PACKAGE else "a package URL"
        found.append(Problem("BLD002", WARNING, f"WEBSITE_RUN_FROM_PACKAGE is {shown}: the app runs from the package "
                             "as is and no build runs."))
    ignored = flex_ignored_settings(settings) if is_flex else []
    if ignored:
        found.append(Problem("PLAT004", INFO, f"This is a Flex Consumption function app: it ignores "
                             f"{', '.join(ignored)} (use remote build when you deploy)."))
    return found


def referenced_scripts(values: Dict[str, Optional[str]]) -> List[Tuple[str, str]]:
    """(setting, path) of every project file the build settings rely on: script paths, and script files a
    command runs (`bash scripts/pre.sh`, `./tools/setup.py`). A command shlex cannot split names nothing
    checkable."""
    found = []
    for setting in SCRIPT_SETTINGS:
        if values.get(setting):
            found.append((setting, values[setting]))
    for setting in COMMAND_SETTINGS:
        try:
            words = shlex.split(values.get(setting) or "")
        except ValueError:
            continue
        found.extend((setting, word) for word in words if _SCRIPT.search(word) and not word.startswith("-"))
    return found


def missing_scripts(values, exists) -> List[Tuple[str, str]]:
    """(setting, path) of each referenced script that `exists(path)` says is not in the project."""
    return [(setting, path) for setting, path in referenced_scripts(values)
            if not path.startswith(("/", "$")) and not exists(path)]
