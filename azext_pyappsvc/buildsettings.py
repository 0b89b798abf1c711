# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Build automation settings: turning options into a change, and applying it without losing anything.

Oryx reads its booleans with .NET bool.TryParse, so only `true`/`false` work (DISABLE_COLLECTSTATIC=1
fails the build); Kudu reads SCM_DO_BUILD_DURING_DEPLOYMENT as `1`/`true`. This tool always writes
`true`/`false`. App settings have no partial update: the PUT carries every setting, so the merge
must return the original dict with exactly the requested keys changed.
"""

import re
import shlex
from collections import OrderedDict
from typing import Dict, List, Optional

from azure.cli.core.azclierror import InvalidArgumentValueError, RequiredArgumentMissingError

from .settings import (DISABLE_COLLECTSTATIC, POST_BUILD_COMMAND, POST_BUILD_SCRIPT_PATH, PRE_BUILD_COMMAND,
                       PRE_BUILD_SCRIPT_PATH, SCM_DO_BUILD_DURING_DEPLOYMENT, WEBSITE_RUN_FROM_PACKAGE)

# option (as the CLI spells it) -> (app setting, is boolean)
OPTIONS = OrderedDict([
    ("--pre-build", (PRE_BUILD_COMMAND, False)),
    ("--post-build", (POST_BUILD_COMMAND, False)),
    ("--pre-build-script", (PRE_BUILD_SCRIPT_PATH, False)),
    ("--post-build-script", (POST_BUILD_SCRIPT_PATH, False)),
    ("--disable-collectstatic", (DISABLE_COLLECTSTATIC, True)),
    ("--build-on-deploy", (SCM_DO_BUILD_DURING_DEPLOYMENT, True)),
])
_TRUE = {"true", "yes", "y", "1", "on", "t"}
_FALSE = {"false", "no", "n", "0", "off", "f"}


def parse_boolean(option, value) -> Optional[str]:
    """`true`/`false` as Oryx and Kudu both accept it, or None for "" (remove the setting)."""
    text = value.strip().lower()
    if text == "":
        return None
    if text in _TRUE:
        return "true"
    if text in _FALSE:
        return "false"
    raise InvalidArgumentValueError(
        "{} {!r}: use true or false (yes/no, 1/0 and on/off are accepted too), or '' to remove the setting."
        .format(option, value))


def changes_from_options(values: Dict[str, Optional[str]]) -> Dict[str, Optional[str]]:
    """{app setting: new value, or None to remove} from {option: value given, or None if not given}."""
    changes = OrderedDict()
    for option, value in values.items():
        if value is None:
            continue
        setting, boolean = OPTIONS[option]
        if boolean:
            changes[setting] = parse_boolean(option, value)
        else:
            _reject_control_characters(option, value)
            if setting in COMMAND_SETTINGS:
                _require_balanced_quotes(option, value)
            changes[setting] = value.strip() or None
    if not changes:
        raise RequiredArgumentMissingError(
            "Give at least one of {}.".format(", ".join(OPTIONS)))
    return changes


def _reject_control_characters(option, value):
    if re.search(r"[\x00-\x08\x0b-\x1f\x7f]", value):
        raise InvalidArgumentValueError("{}: the value contains control characters; give a plain command or path."
                                        .format(option))


def _require_balanced_quotes(option, value):
    """Oryx hands the command to bash; one that shlex cannot split would fail the build."""
    try:
        shlex.split(value)
    except ValueError:
        raise InvalidArgumentValueError("{}: unbalanced quotes in {!r}.".format(option, value)) from None


def apply_changes(settings: Dict[str, str], changes: Dict[str, Optional[str]]) -> Dict[str, str]:
    """The settings with exactly `changes` applied (None removes); every other key and its order kept."""
    result = OrderedDict((key, value) for key, value in settings.items()
                         if not (key in changes and changes[key] is None))
    for key, value in changes.items():
        if value is not None:
            result[key] = value
    return dict(result)


def warnings_for(settings: Dict[str, str], is_flex: bool) -> List[str]:
    """What the settings, once written, will do differently from what the user probably expects."""
    found = []
    for stage, script, command in (("pre-build", PRE_BUILD_SCRIPT_PATH, PRE_BUILD_COMMAND),
                                   ("post-build", POST_BUILD_SCRIPT_PATH, POST_BUILD_COMMAND)):
        if settings.get(script) and settings.get(command):
            found.append("{} and {} are both set: Oryx runs the {} script and never runs the command."
                         .format(script, command, stage))
    if settings.get(WEBSITE_RUN_FROM_PACKAGE):
        found.append("WEBSITE_RUN_FROM_PACKAGE is set: the app runs from the package as is and no build runs.")
    if is_flex:
        found.append("This is a Flex Consumption function app: these build settings are ignored there "
                     "(use remote build when you deploy).")
    return found


_SCRIPT = re.compile(r"\.(sh|bash|py|ps1)$", re.IGNORECASE)
SCRIPT_SETTINGS = (PRE_BUILD_SCRIPT_PATH, POST_BUILD_SCRIPT_PATH)
COMMAND_SETTINGS = (PRE_BUILD_COMMAND, POST_BUILD_COMMAND)
OPTION_OF = {setting: option for option, (setting, _) in OPTIONS.items()}


def referenced_scripts(values: Dict[str, Optional[str]]) -> List[tuple]:
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


def missing_scripts(values, exists) -> List[tuple]:
    """(setting, path) of each referenced script that `exists(path)` says is not in the project."""
    return [(setting, path) for setting, path in referenced_scripts(values)
            if not path.startswith(("/", "$")) and not exists(path)]
