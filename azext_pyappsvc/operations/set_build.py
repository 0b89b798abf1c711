# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""set-build: validate everything first, then one read round trip (site, config/web and settings together) and one
PUT.

App settings have no partial update and no ETag, so this is a read-modify-write: the PUT carries every
existing setting unchanged plus the change, and is rebuilt from a fresh read if it has to be sent again
(operations/writes.py). Slot-sticky names live elsewhere (slotConfigNames) and are not touched.
"""

from ..output.redaction import get_logger

from ..doctor.fixes import set_build_option
from ..output.results import set_build_result
from ..platform.appkind import FLEX
from ..platform.build_settings import (FIELD_OF_SETTING, SECRET_SETTINGS, apply_changes, changes_from_values,
                                       inapplicable, missing_scripts, settings_problems)
from ..platform.errors import InvalidValue, NotPermitted, Refused
from ..platform.guards import require_linux_code_app
from ..platform.snapshot import SETTINGS_ROLE_HINT
from .requests import SetBuildRequest
from .writes import Update, rebased_write

logger = get_logger(__name__)


def changes_for(request: SetBuildRequest):
    """The validated settings change: every value checked, and the scripts it names found in --source."""
    changes = changes_from_values(request.values)
    if request.source is not None:
        from .project import local_project
        project = local_project(request.source)
        missing = missing_scripts(changes, project.exists)
        if missing:
            setting, path = missing[0]
            more = f" ({len(missing) - 1} more)" if len(missing) > 1 else ""
            raise InvalidValue(FIELD_OF_SETTING[setting], path, f"is not in the project{more}",
                               "a path inside --source")
    return changes


def set_build(cli_ctx, changes, ref, dry_run=False):
    """One read round trip (site, config/web and settings together) and one PUT, for one app."""
    from ..adapters import seen
    from ..adapters.arm import AppService
    seen.remember({key: value for key, value in changes.items() if key in SECRET_SETTINGS and value})
    service = AppService(cli_ctx, ref.subscription)
    snapshot = service.snapshot(ref)            # config/web too: a container may be named only there
    require_linux_code_app(snapshot, "build settings")
    for setting, why in inapplicable(changes, snapshot.kind)[:1]:
        raise Refused(f"{set_build_option(setting)} ({setting}) does not apply to app '{ref.label}': {why}. Nothing "
                      "was written.", recommendation=f"Run set-build without {set_build_option(setting)}.")
    if snapshot.settings is None:
        raise NotPermitted(f"App settings could not be read ({snapshot.settings_status}) for app '{ref.label}', so "
                           "nothing was written.", recommendation=f"Use an identity that may list them: "
                                                                  f"{SETTINGS_ROLE_HINT}.")
    updated = apply_changes(snapshot.settings, changes)
    for warning in settings_problems(updated, snapshot.kind.platform == FLEX):
        logger.warning(warning.message)
    changed = updated != snapshot.settings
    if changed and dry_run:
        logger.warning("Dry run: the app settings of '%s' were not written.", ref.label)
    elif changed:
        updated = rebased_write(ref, Update(
            "the app settings", read=lambda: service.list_settings(ref),
            rebuild=lambda current: apply_changes(current, changes), send=lambda body: service.put_settings(ref, body),
            in_place=lambda settings: all(settings.get(key) == value for key, value in changes.items()),
            pause=service.pause), snapshot.settings)
        logger.warning("App settings of '%s' were updated; the app restarts to apply them.", ref.label)
    else:
        logger.warning("App '%s' already has these build settings; nothing was written.", ref.label)
    return set_build_result(ref, snapshot.settings, updated, dry_run, snapshot.kind.is_function_app)
