# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""list-runtimes and set-runtime: the order of reads and writes around the pure rules.

set-runtime validates the input before any request, reads the site, then the stacks (disk cache)
alongside the app settings when a function app's worker runtime must be checked, and ends with one
PATCH holding one property, or no write at all.
"""

from concurrent.futures import ThreadPoolExecutor
from datetime import date

from knack.log import get_logger

from .appkind import FLEX
from .facts import AppRef, AppSnapshot
from .runtime_change import plan_runtime_change
from .runtimes import offered_versions, parse_stacks, parse_version_input, support_state
from .stacks import load_stacks

logger = get_logger(__name__)


def today():
    """Support states are relative to today; tests pin it."""
    return date.today()


def list_runtimes(cli_ctx, functions=False, include_all=False, refresh=False):
    from .arm import AppService
    now = today()
    body = load_stacks(cli_ctx, AppService(cli_ctx).get_stacks, functions, refresh)
    rows = []
    for option in parse_stacks(body):
        if not include_all and not option.offered:
            continue
        rows.append({"version": option.version, "linuxFxVersion": option.linux_fx_version,
                     "endOfLife": option.end_of_life.isoformat() if option.end_of_life else None,
                     "support": support_state(option, now), "preview": option.preview,
                     "earlyAccess": option.early_access, "hidden": option.hidden, "deprecated": option.deprecated})
    return rows


def set_runtime(cli_ctx, ref: AppRef, version_input, allow_eol=False, refresh=False):
    from azure.cli.core.azclierror import InvalidArgumentValueError
    from .arm import AppService
    from .runtimes import VersionInputError
    try:
        version = parse_version_input(version_input)
    except VersionInputError as error:
        raise InvalidArgumentValueError(
            "--version {}. Use a Python 3 version such as 3.12 (also accepted: PYTHON|3.12, python:3.12, "
            "3.12.4).".format(error)) from None
    now = today()
    service = AppService(cli_ctx)
    snapshot = AppSnapshot(ref=ref, site=service.get_site(ref))
    kind = snapshot.kind
    functions = kind.is_function_app
    need_settings = functions and kind.platform != FLEX and kind.is_linux_code_app
    with ThreadPoolExecutor(max_workers=2) as pool:
        stacks = pool.submit(load_stacks, cli_ctx, service.get_stacks, functions, refresh) \
            if kind.is_linux_code_app else None
        settings = pool.submit(service.read_settings, ref) if need_settings else None
        options = parse_stacks(stacks.result()) if stacks else []
        if settings:
            snapshot.settings, snapshot.settings_error = settings.result()
    plan = plan_runtime_change(snapshot, options, version, now, allow_eol)
    for warning in plan.warnings:
        logger.warning(warning)
    if plan.changed:
        if plan.target == "site":
            service.patch_site(ref, plan.body)
        else:
            service.patch_config(ref, plan.body)
    else:
        logger.warning("App '%s' already runs %s; nothing was written.", ref.label, plan.new)
    return {"name": ref.name, "resourceGroup": ref.resource_group, "slot": ref.slot, "previous": plan.previous,
            "current": plan.new, "changed": plan.changed, "support": plan.support,
            "endOfLife": plan.option.end_of_life.isoformat() if plan.option.end_of_life else None,
            "supportedVersions": offered_versions(options, now)}
