# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""set-build: validate everything first, then one read round trip (site and settings together) and one PUT.

App settings have no partial update and no ETag, so this is a read-modify-write: the PUT carries
every existing setting unchanged plus the change. Slot-sticky names live elsewhere
(slotConfigNames) and are not touched.
"""

from azure.cli.core.azclierror import ForbiddenError, InvalidArgumentValueError
from knack.log import get_logger

from .appkind import FLEX
from .buildsettings import OPTION_OF, apply_changes, changes_from_options, missing_scripts, warnings_for
from .facts import AppRef
from .guards import refuse_unless_linux_code_app
from .settings import BUILD_KEYS, managed_view

logger = get_logger(__name__)


def set_build(cli_ctx, ref: AppRef, option_values, source=None):
    from .arm import AppService
    changes = changes_from_options(option_values)
    if source is not None:
        from .project import scan
        missing = missing_scripts(changes, scan(source).exists)
        if missing:
            setting, path = missing[0]
            more = " ({} more)".format(len(missing) - 1) if len(missing) > 1 else ""
            raise InvalidArgumentValueError("{}: '{}' is not in the project.{}".format(OPTION_OF[setting], path,
                                                                                       more))
    service = AppService(cli_ctx)
    snapshot = service.snapshot(ref, config=False)
    refuse_unless_linux_code_app(snapshot, "build settings")
    if snapshot.settings is None:
        raise ForbiddenError("App '{}': {}".format(ref.label, snapshot.settings_error))
    updated = apply_changes(snapshot.settings, changes)
    for warning in warnings_for(updated, snapshot.kind.platform == FLEX):
        logger.warning(warning)
    changed = updated != snapshot.settings
    if changed:
        updated = service.put_settings(ref, updated)
        logger.warning("App settings of '%s' were updated; the app restarts to apply them.", ref.label)
    else:
        logger.warning("App '%s' already has these build settings; nothing was written.", ref.label)
    return {"name": ref.name, "resourceGroup": ref.resource_group, "slot": ref.slot, "changed": changed,
            "buildSettings": managed_view(updated, BUILD_KEYS)}
