# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""migrate: a plan from Python on Windows App Service or Azure Cloud Services to Linux App Service.

Reads the project (--source) and, when named, the live Windows app (site and config/web, app setting names and
site extensions, in one round trip), then the stacks catalogue (disk cache). `--apply` configures an existing
Linux app through set-runtime, set-startup and set-build, each with its own validation and write guarantees,
after every value has been checked and the target read: it never creates anything."""

import os

from ..adapters import clock
from ..adapters.concurrency import gather
from ..adapters.stacks_cache import BUNDLED_AS_OF, bundled_web_stacks
from ..output.redaction import get_logger
from ..output.results import migrate_result
from ..platform.appkind import WINDOWS
from ..platform.build_settings import BuildSettingValues
from ..platform.errors import InvalidValue, MissingValue, Refused
from ..platform.guards import require_linux_code_app, require_web_app
from ..platform.legacy.derive import LiveWindowsApp, NoLegacyConfig, derive
from ..platform.legacy.plan import plan_steps
from ..platform.legacy.safexml import ACCEPTED_XML, UnreadableConfig
from ..platform.legacy.versions import nearest_linux_python
from ..platform.runtimes import parse_stacks
from ..platform.settings import SCM_DO_BUILD_DURING_DEPLOYMENT
from ..platform.snapshot import AppRef
from .requests import MigrateRequest, SetRuntimeRequest, SetStartupRequest
from .stacks import runtime_options
from .targets import TargetArgs, app_targets

logger = get_logger(__name__)
OFFLINE_GROUP, OFFLINE_APP = "<resource-group>", "<linux-app>"
LEGACY_ACCEPTED = ("a project folder made for Windows App Service (web.config, web.<version>.config) or Azure Cloud "
                   "Services (ServiceDefinition.csdef with a role), or -g/-n of the Windows app")


def migrate(cli_ctx, request: MigrateRequest, windows_ref=None, target_ref=None):
    """The plan, and with --apply its application to the target app."""
    from ..adapters.arm import AppService
    from .project import local_project
    if request.apply and target_ref is None:
        raise MissingValue(["target_app"], reason="--apply configures an existing Linux app; it creates nothing.")
    project = local_project(request.source) if request.source else None
    service = AppService(cli_ctx, windows_ref.subscription) if windows_ref else None
    live = _read_windows_app(service, windows_ref) if windows_ref else None
    derivation = _derived(request, project, live)
    options, bundled = _stacks(cli_ctx, service or _Catalogue(cli_ctx), request.refresh)
    linux = nearest_linux_python(derivation.source_version, options, clock.today(), derivation.imports)
    group, app = (target_ref.resource_group, target_ref.name) if target_ref else (OFFLINE_GROUP, OFFLINE_APP)
    steps = plan_steps(derivation, linux, group, app, create=target_ref is None)
    applied = _apply(cli_ctx, request, derivation, linux, target_ref, bundled) if request.apply else None
    return migrate_result(request.source, windows_ref, derivation, linux, steps=steps, applied=applied,
                          bundled=bundled)


def linux_target(args: TargetArgs) -> AppRef:
    """The existing Linux app --target-app names, in --target-resource-group (else the Windows app's group), with
    the errors naming those options."""
    if not args.resource_group:
        raise MissingValue(["target_resource_group"], reason="--target-app needs its resource group.")
    try:
        return app_targets(args)[0]
    except InvalidValue as error:
        parameter = "target_app" if error.parameter == "name" else "target_resource_group"
        raise InvalidValue(parameter, error.value, error.reason, error.accepted) from None


def _read_windows_app(service, ref) -> LiveWindowsApp:
    """Site, config/web, app settings (names only are kept) and site extensions, in one round trip."""
    from ..adapters.errors import RequestFailed

    def extensions():
        try:
            return service.list_site_extensions(ref)
        except RequestFailed as failure:
            if failure.status == 404:
                return []
            raise
    snapshot, listed = gather(lambda: service.snapshot(ref), extensions)
    if snapshot.kind.platform != WINDOWS:
        raise Refused(f"App '{ref.label}' is not a Windows app ({snapshot.kind.kind}): there is nothing to migrate "
                      "from; -g/-n name the Windows app, --target-app the Linux one.")
    config = snapshot.config
    mappings = tuple((str(m.get("extension") or ""), str(m.get("scriptProcessor") or ""))
                     for m in config.get("handlerMappings") or [] if isinstance(m, dict))
    return LiveWindowsApp(
        site_extensions=tuple(e.get("extension_id") or e.get("title") or "" for e in listed),
        python_version=config.get("pythonVersion"), windows_fx_version=config.get("windowsFxVersion"),
        handler_mappings=mappings, setting_names=tuple(sorted(snapshot.settings or {})))


def _derived(request, project, live):
    try:
        return derive(project, live)
    except NoLegacyConfig as error:
        raise InvalidValue("source", request.source, f"holds {error}", LEGACY_ACCEPTED) from None
    except UnreadableConfig as error:
        raise InvalidValue("source", request.source, f"{error.path} {error.reason}",
                           f"{ACCEPTED_XML} in every configuration file") from None


class _Catalogue:  # pylint: disable=too-few-public-methods  # what runtime_options asks of a service
    """The stacks catalogue from ARM, asked for (and logged in) only when the disk cache cannot answer: a plan from
    a local project needs no login while the cache is fresh."""

    def __init__(self, cli_ctx):
        self.cli_ctx = cli_ctx

    def get_stacks(self, functions):
        from ..adapters.arm import AppService
        return AppService(self.cli_ctx).get_stacks(functions)


def _stacks(cli_ctx, service, refresh):
    """(the catalogue's entries, None): from the disk cache, else ARM; when neither can be read (offline, no login),
    (the bundled copy's entries, the date it was recorded), with a warning."""
    from knack.util import CLIError
    from ..adapters.errors import RequestFailed, UnexpectedResponse
    try:
        return runtime_options(cli_ctx, service, False, refresh), None
    except (RequestFailed, UnexpectedResponse, CLIError) as error:
        options = parse_stacks(bundled_web_stacks())
        logger.warning("The stacks catalogue could not be read (%s): %s", error,
                       f"the versions come from the copy bundled with pyappsvc, as of {BUNDLED_AS_OF}; run it again "
                       "online for today's." if options else "the plan names no Linux Python version.")
        return options, (BUNDLED_AS_OF if options else None)


def _apply(cli_ctx, request, derivation, linux, ref, bundled):  # pylint: disable=too-many-positional-arguments
    """Runtime, startup and build settings on the existing Linux app: every value checked and the target read
    first, then set-build, set-runtime and set-startup (or, with --dry-run, what they would write)."""
    from ..adapters.arm import AppService
    from ..platform.build_settings import changes_from_values
    from .set_build import set_build
    from .set_runtime import set_runtime
    from .set_startup import set_startup, startup_for
    if linux is None:
        raise Refused("No supported Linux Python version is known (the stacks catalogue could not be read), so "
                      "nothing was written.", recommendation="Run the command again online.")
    if bundled:
        raise Refused(f"The stacks catalogue could not be read, and the bundled copy (as of {bundled}) is no base "
                      "for a write, so nothing was written.", recommendation="Run the command again online.")
    command = derivation.startup.command if derivation.startup else None
    folder = os.path.join(request.source, derivation.app_folder) if request.source else None
    startup = SetStartupRequest(command=command, source=folder, dry_run=request.dry_run) if command else None
    if startup is not None:
        command = startup_for(startup)            # set-startup's checks against the project: errors stop here
    changes = changes_from_values(BuildSettingValues(build_on_deploy="true"))
    service = AppService(cli_ctx, ref.subscription)
    snapshot = service.snapshot(ref)
    require_web_app(snapshot, "startup command")
    require_linux_code_app(snapshot, "Python configuration")
    previous = {"linuxFxVersion": snapshot.linux_fx_version or None, "appCommandLine": snapshot.app_command_line
                or None, SCM_DO_BUILD_DURING_DEPLOYMENT: (snapshot.settings or {}).get(SCM_DO_BUILD_DURING_DEPLOYMENT)}
    proposed = {"linuxFxVersion": linux.linux_fx_version, "appCommandLine": command or previous["appCommandLine"],
                SCM_DO_BUILD_DURING_DEPLOYMENT: "true"}
    written = not request.dry_run and previous != proposed
    if not request.dry_run:
        # set-build first: the one that needs the app settings, so an identity that may not list them is refused
        # before anything is written
        set_build(cli_ctx, changes, ref)
        set_runtime(cli_ctx, SetRuntimeRequest(linux.target, refresh=request.refresh), ref)
        if startup is not None:
            set_startup(cli_ctx, startup, command, ref)
    return {"target": {"name": ref.name, "resourceGroup": ref.resource_group, "slot": ref.slot},
            "previous": previous, "proposed": proposed, "written": written}
