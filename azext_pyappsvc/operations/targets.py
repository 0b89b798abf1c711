# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Which app(s) a command names, resolved once, the way core az resolves them, before any request.

`--ids` (one or many): each must be the id of a site or a slot (`.../sites/<name>[/slots/<slot>]`); the slot
and the subscription come from the id. Otherwise `-g/-n/--slot`, where configured defaults
(`az config set defaults.group=... defaults.web=...`) may complete a target the user named, but never turn
an offline (`--source`) or `--all` run into a group run. Names are checked so that no value can change
which resource a request path reaches (`..`, `/`, an empty slot).
"""

import re
from dataclasses import dataclass
from typing import List, Optional, Tuple

from ..platform.errors import ConflictingValues, InvalidValue, MissingValue
from ..platform.snapshot import AppRef

ID_FORM = "/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Web/sites/<name>[/slots/<slot>]"
# App and slot names are DNS labels (letters, digits, hyphens); resource group names may also hold
# underscores, periods and parentheses (and other Unicode letters and digits), and do not end in a period.
_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,58}[A-Za-z0-9])?")
_GROUP = re.compile(r"[\w().-]{1,90}")
NAME_FORM = "letters, digits and hyphens, starting and ending with a letter or digit"
GROUP_FORM = "letters, digits, underscores, hyphens, periods and parentheses, not ending in a period"
IDS, APP, GROUP, SUBSCRIPTION, OFFLINE = "ids", "app", "group", "subscription", "offline"


@dataclass(frozen=True)
class TargetArgs:
    """The target arguments as az parsed them: values may be configured defaults (knack's DefaultStr)."""
    resource_group: Optional[str] = None
    name: Optional[str] = None
    slot: Optional[str] = None
    ids: Optional[List[str]] = None
    subscription: Optional[str] = None        # the --subscription the user gave (None: the current one)


def is_default(value) -> bool:
    return bool(getattr(value, "is_default", False))


def explicit(value) -> Optional[str]:
    """The value if the user typed it, None if it is missing or a configured default."""
    return None if value is None or is_default(value) else str(value)


def given(value) -> Optional[str]:
    """The value as a plain string, typed or configured."""
    return None if value is None else str(value)


def _check(parameter, value, pattern, form):
    if value is not None and not pattern.fullmatch(value):
        raise InvalidValue(parameter, value, "is not a valid name", form)
    return value


def _check_group(value):
    if value is not None and (not _GROUP.fullmatch(value) or value.endswith(".")):
        raise InvalidValue("resource_group_name", value, "is not a valid resource group name", GROUP_FORM)
    return value


def _is_site(parts) -> bool:
    """A parsed resource id is of a Microsoft.Web site (or of something below one)."""
    return (parts.get("namespace") or "").lower() == "microsoft.web" and (parts.get("type") or "").lower() == "sites"


def _is_app_or_named_slot(parts) -> bool:
    """A parsed site id goes no further than the site, or one named slot of it."""
    child = (parts.get("child_type_1") or "").lower()
    return child in ("", "slots") and not parts.get("child_type_2") and not (child and not parts.get("child_name_1"))


def refs_from_ids(ids) -> List[AppRef]:
    """AppRefs from site or slot resource ids, each with its own subscription; anything else is refused. As core az
    does, one argument may hold several ids separated by white space (`--ids "$(az ... -o tsv)"`); an app named
    twice (in any case) is one target."""
    from azure.mgmt.core.tools import is_valid_resource_id, parse_resource_id
    refs, seen = [], set()
    for resource_id in [part for value in ids for part in value.split()] or ids:
        parts = parse_resource_id(resource_id) if is_valid_resource_id(resource_id) else {}
        child = (parts.get("child_type_1") or "").lower()
        if not (_is_site(parts) and _is_app_or_named_slot(parts)):
            raise InvalidValue("ids", resource_id, "is not the id of a web app, function app or slot", ID_FORM)
        slot = parts.get("child_name_1") if child == "slots" else None
        ref = AppRef(_check_group(parts["resource_group"]), _check("ids", parts["name"], _LABEL, NAME_FORM),
                     _check("ids", slot, _LABEL, NAME_FORM), parts.get("subscription"))
        key = tuple((value or "").lower() for value in (ref.subscription, ref.resource_group, ref.name, ref.slot))
        if key not in seen:
            seen.add(key)
            refs.append(ref)
    return refs


def _refuse_names_with_ids(args: TargetArgs):
    named = [parameter for parameter, value in (("name", args.name), ("resource_group_name", args.resource_group),
                                                ("slot", args.slot)) if explicit(value) is not None]
    if named:
        raise ConflictingValues(["ids"] + named, "an id names the app (and its slot) by itself; give one or the "
                                "other")


def _one(args: TargetArgs) -> AppRef:
    name, group = given(args.name), given(args.resource_group)
    if not name:
        raise MissingValue(["name", "ids"])
    if not group:
        who = "The configured default app" if is_default(args.name) else "--name"
        raise MissingValue(["resource_group_name"], reason=f"{who} needs its resource group.")
    slot = None if args.slot is None else str(args.slot)
    if slot is not None and not slot.strip():
        raise InvalidValue("slot", slot, "is empty", "the name of a deployment slot, or no --slot for production")
    return AppRef(_check_group(group), _check("name", name, _LABEL, NAME_FORM), _check("slot", slot, _LABEL, NAME_FORM),
                  args.subscription)


def app_targets(args: TargetArgs) -> List[AppRef]:
    """The apps a command that works on apps names: the ids' apps, or the one -g/-n/--slot names."""
    if args.ids:
        _refuse_names_with_ids(args)
        return refs_from_ids(args.ids)
    return [_one(args)]


def doctor_targets(args: TargetArgs, all_apps: bool, source: Optional[str]) -> Tuple[str, List[AppRef], Optional[str]]:
    """(mode, apps, resource group): which of doctor's modes the arguments ask for, and what it covers."""
    # pylint: disable=too-many-return-statements  # one return per mode, in the order the arguments decide
    name, group = explicit(args.name), explicit(args.resource_group)
    if args.ids:
        if all_apps:
            raise ConflictingValues(["ids", "all_apps"], "give one or the other")
        _refuse_names_with_ids(args)
        return IDS, refs_from_ids(args.ids), None
    if all_apps:
        named = [p for p, v in (("name", name), ("resource_group_name", group), ("slot", explicit(args.slot))) if v]
        if named:
            raise ConflictingValues(["all_apps"] + named, "--all checks every app in the subscription")
        return SUBSCRIPTION, [], None
    if name:
        return APP, [_one(args)], None
    if group:
        if args.slot is not None:
            raise ConflictingValues(["slot", "resource_group_name"], "a slot belongs to one app: give --name too")
        return GROUP, [], _check_group(group)
    if source:
        return OFFLINE, [], None          # configured defaults never turn an offline run into an online one
    if given(args.name) and given(args.resource_group):
        return APP, [_one(args)], None
    if given(args.resource_group):
        return GROUP, [], _check_group(given(args.resource_group))
    raise MissingValue(["name", "ids", "resource_group_name", "all_apps", "source"])


def offline_python_version(python_version, offline):
    """--python-version, validated: it stands for the app's Python in offline runs only (an app's own version is
    read from the app)."""
    from ..platform.runtimes import ACCEPTED_SPELLINGS, VersionInputError, parse_version_input
    if python_version is None:
        return None
    if not offline:
        raise InvalidValue("python_version", python_version, "is only for offline runs (--source without an app): "
                           "an app's own Python version is used")
    try:
        return parse_version_input(python_version)
    except VersionInputError as error:
        raise InvalidValue("python_version", python_version, error.reason, ACCEPTED_SPELLINGS) from None
