# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Which app(s) a command names: resource ids and the doctor's modes, decided before any request."""

from typing import List

from ..platform.errors import ConflictingValues, InvalidValue, MissingValue
from ..platform.snapshot import AppRef

ID_FORM = "/subscriptions/.../resourceGroups/.../providers/Microsoft.Web/sites/<name>[/slots/<slot>]"


def refs_from_ids(ids) -> List[AppRef]:
    """AppRefs from site (or slot) resource ids; a malformed id is bad input, refused before any request."""
    from azure.mgmt.core.tools import is_valid_resource_id, parse_resource_id
    refs = []
    for resource_id in ids:
        parts = parse_resource_id(resource_id) if is_valid_resource_id(resource_id) else {}
        child = (parts.get("child_type_1") or "").lower()
        if (parts.get("namespace") or "").lower() != "microsoft.web" or (parts.get("type") or "").lower() != "sites" \
                or child not in ("", "slots") or parts.get("child_type_2"):
            raise InvalidValue("ids", resource_id, "is not the id of a web app or function app", ID_FORM)
        slot = parts.get("child_name_1") if child == "slots" else None
        refs.append(AppRef(parts["resource_group"], parts["name"], slot))
    return refs


IDS, APP, GROUP, SUBSCRIPTION, OFFLINE = "ids", "app", "group", "subscription", "offline"


def doctor_mode(resource_group, name, ids, all_apps, source) -> str:
    """Which of the doctor's modes the arguments ask for."""
    if ids:
        if name or all_apps:
            raise ConflictingValues(["ids", "name" if name else "all_apps"], "cannot be combined")
        return IDS
    if all_apps:
        if name or resource_group:
            raise ConflictingValues(["all_apps", "name" if name else "resource_group"],
                                    "--all checks every app in the subscription; drop -g/-n, or drop --all")
        return SUBSCRIPTION
    if name:
        if not resource_group:
            raise MissingValue(["resource_group"], reason="--name needs a resource group.")
        return APP
    if resource_group:
        return GROUP
    if source:
        return OFFLINE
    raise MissingValue(["name", "ids", "resource_group", "all_apps", "source"])
