# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""set-runtime: validate the input before any request, read the site and config/web together, then the stacks
(disk cache) alongside the app settings when a function app's worker runtime must be checked, and end with one
PATCH holding one property (re-read when its answer is lost), or no write at all."""

from ..output.redaction import get_logger

from ..adapters import clock
from ..adapters.concurrency import gather
from ..output.results import set_runtime_result
from ..platform.appkind import FLEX
from ..platform.runtime_change import plan_runtime_change
from ..platform.runtimes import offered_versions, parse_version_input
from ..platform.snapshot import AppSnapshot
from .requests import SetRuntimeRequest
from .stacks import runtime_options
from .writes import Write, verified_write

logger = get_logger(__name__)


def set_runtime(cli_ctx, request: SetRuntimeRequest, ref):
    """Site and config/web, then stacks (and a function app's settings), then one PATCH, for one app."""
    from ..adapters.arm import AppService
    version = parse_version_input(request.version)
    today = clock.today()
    service = AppService(cli_ctx, ref.subscription)
    snapshot = service.snapshot(ref, settings=False)
    kind = snapshot.kind
    functions = kind.is_function_app
    need_settings = functions and kind.platform != FLEX and kind.is_linux_code_app
    options, settings = gather(
        (lambda: runtime_options(cli_ctx, service, functions, request.refresh)) if kind.is_linux_code_app else None,
        (lambda: service.read_settings(ref)) if need_settings else None)
    if settings:
        snapshot.settings, snapshot.settings_status = settings
    plan = plan_runtime_change(snapshot, options or [], version, today, request.allow_eol)
    for warning in plan.warnings:
        logger.warning(warning.message)
    if not plan.changed:
        logger.warning("App '%s' already runs %s; nothing was written.", ref.label, plan.new)
    elif request.dry_run:
        logger.warning("Dry run: %s would be written to app '%s'; nothing was written.", plan.new, ref.label)
    elif plan.target == "site":
        verified_write(ref, Write("functionAppConfig.runtime", lambda: service.patch_site(ref, plan.body),
                                  lambda: service.get_site(ref), lambda site: AppSnapshot(ref, site).runtime_label,
                                  plan.new))
    else:
        verified_write(ref, Write("linuxFxVersion", lambda: service.patch_config(ref, plan.body),
                                  lambda: service.get_config(ref),
                                  lambda config: (config.get("linuxFxVersion") or "").upper(), plan.new.upper()))
    return set_runtime_result(ref, plan, offered_versions(options or [], today), request.dry_run)
