# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Command entry points: arguments become a typed request and resolved targets, the operation runs under the
one error translator, the result goes back to az for output through the one redaction path. Nothing else
happens here."""

from .operations.errors import translated
from .output.redaction import tree as redacted


def _targets(cmd, resource_group_name=None, name=None, slot=None, ids=None):
    from .operations.targets import TargetArgs
    return TargetArgs(resource_group_name, name, slot, ids, cmd.cli_ctx.data.get("subscription_id"))


def _apps(cmd, resource_group_name, name, slot, ids):
    from .operations.targets import app_targets
    return app_targets(_targets(cmd, resource_group_name, name, slot, ids))


def show_app(cmd, resource_group_name=None, name=None, slot=None, ids=None):
    from .operations.outcome import each_target
    from .operations.show import show
    with translated(cmd):
        refs = _apps(cmd, resource_group_name, name, slot, ids)
        return redacted(each_target(cmd, refs, lambda ref: show(cmd.cli_ctx, ref)))


def list_runtimes(cmd, functions=False, include_all=False, refresh=False):
    from .operations.list_runtimes import list_runtimes as run
    with translated(cmd):
        return redacted(run(cmd.cli_ctx, functions, include_all, refresh))


def set_runtime(cmd, version, *, resource_group_name=None, name=None, slot=None, ids=None, allow_eol=False,
                refresh=False, dry_run=False):
    from .operations.outcome import each_target
    from .operations.requests import SetRuntimeRequest
    from .operations.set_runtime import set_runtime as run
    from .platform.runtimes import parse_version_input
    request = SetRuntimeRequest(version, allow_eol, refresh, dry_run)
    with translated(cmd):
        parse_version_input(version)
        refs = _apps(cmd, resource_group_name, name, slot, ids)
        return redacted(each_target(cmd, refs, lambda ref: run(cmd.cli_ctx, request, ref)))


def set_build(cmd, *, resource_group_name=None, name=None, slot=None, ids=None, pre_build=None, post_build=None,
              pre_build_script=None, post_build_script=None, disable_collectstatic=None, build_on_deploy=None,
              oryx_build=None, isolate_worker_dependencies=None, worker_extensions=None, pip_extra_index_url=None,
              source=None, dry_run=False):
    from .operations.outcome import each_target
    from .operations.requests import SetBuildRequest
    from .operations.set_build import changes_for, set_build as run
    from .platform.build_settings import BuildSettingValues
    request = SetBuildRequest(BuildSettingValues(
        pre_build=pre_build, post_build=post_build, pre_build_script=pre_build_script,
        post_build_script=post_build_script, disable_collectstatic=disable_collectstatic,
        build_on_deploy=build_on_deploy, oryx_build=oryx_build, isolate_worker_dependencies=isolate_worker_dependencies,
        worker_extensions=worker_extensions, pip_extra_index_url=pip_extra_index_url), source, dry_run)
    with translated(cmd):
        changes = changes_for(request)
        refs = _apps(cmd, resource_group_name, name, slot, ids)
        return redacted(each_target(cmd, refs, lambda ref: run(cmd.cli_ctx, changes, ref, request.dry_run)))


def set_startup(cmd, *, resource_group_name=None, name=None, slot=None, ids=None, startup_command=None,
                startup_file=None, module=None, chdir=None, workers=None, timeout=None, server=None, detect=False,
                clear=False, source=None, force=False, dry_run=False):
    from .operations.outcome import each_target
    from .operations.requests import SetStartupRequest
    from .operations.set_startup import set_startup as run, startup_for
    request = SetStartupRequest(command=startup_command, file=startup_file, module=module, chdir=chdir,
                                workers=workers, timeout=timeout, server=server, detect=detect, clear=clear,
                                source=source, force=force, dry_run=dry_run)
    with translated(cmd):
        command = startup_for(request)
        refs = _apps(cmd, resource_group_name, name, slot, ids)
        return redacted(each_target(cmd, refs, lambda ref: run(cmd.cli_ctx, request, command, ref)))


def show_startup(cmd, *, resource_group_name=None, name=None, slot=None, ids=None, source=None,
                 python_version=None):
    from .operations.outcome import each_target
    from .operations.show_startup import show_startup as run
    from .operations.targets import explicit, given, offline_python_version
    from .platform.errors import MissingValue
    with translated(cmd):
        offline = bool(source and not ids and not explicit(name))
        python = offline_python_version(python_version, offline)
        if offline:
            return redacted(run(cmd.cli_ctx, None, source, python))  # offline: a default app is not asked for
        if not ids and not given(name):
            raise MissingValue(["name", "ids", "source"])
        refs = _apps(cmd, resource_group_name, name, slot, ids)
        return redacted(each_target(cmd, refs, lambda ref: run(cmd.cli_ctx, ref, source)))


# every option of the command is a parameter
def doctor(cmd, *, resource_group_name=None, name=None, slot=None, ids=None,  # pylint: disable=too-many-locals
           all_apps=False, source=None, report=False, fail_on=None, max_parallel=16, min_severity=None,
           python_version=None, logs=False, no_logs=False, since=None, all_subscriptions=False, subscriptions=None,
           management_group=None, deep=False):
    from .operations import doctor as operation
    from .operations.doctor_tenant import TenantRequest
    from .operations.requests import DoctorRequest
    from .platform.errors import ConflictingValues
    tenant = TenantRequest(all_subscriptions, subscriptions, management_group, deep, max_parallel)
    if tenant.wanted or deep:
        return _doctor_tenant(cmd, tenant, {"resource_group_name": resource_group_name, "name": name, "ids": ids,
                                            "all_apps": all_apps, "source": source, "slot": slot,
                                            "python_version": python_version, "logs": logs, "no_logs": no_logs,
                                            "since": since}, report=report, fail_on=fail_on,
                              min_severity=min_severity)
    targets = _targets(cmd, resource_group_name, name, slot, ids)
    with translated(cmd):
        if logs and no_logs:
            raise ConflictingValues(["logs", "no_logs"], choices=["logs", "no_logs"])
        request = DoctorRequest(targets, all_apps, source, max_parallel, python_version,
                                True if logs else False if no_logs else None, since)
        results, single = operation.run(cmd.cli_ctx, request, cmd)
    results = operation.conclude(cmd.cli_ctx, redacted(results), single, fail_on, min_severity)
    if report:
        from .output.report import render
        render(results)
        return None
    return results[0] if single else results


def migrate(cmd, *, source=None, resource_group_name=None, name=None, slot=None, ids=None, target_app=None,
            target_resource_group=None, apply=False, dry_run=False, report=False, refresh=False):
    from .operations.migrate import linux_target, migrate as run
    from .operations.requests import MigrateRequest
    from .operations.targets import TargetArgs, explicit
    from .platform.errors import MissingValue
    request = MigrateRequest(source, apply, dry_run, refresh)
    with translated(cmd):
        windows = _apps(cmd, resource_group_name, name, slot, ids)[0] if ids or explicit(name) else None
        if windows is None and not source:
            raise MissingValue(["source", "name", "ids"])
        group = target_resource_group or (windows.resource_group if windows else None)
        # as core az does for --ids, the target app is in the Windows app's subscription, not the CLI's current one
        subscription = windows.subscription if windows else cmd.cli_ctx.data.get("subscription_id")
        target = linux_target(TargetArgs(group, target_app, subscription=subscription)) if target_app else None
        plan = redacted(run(cmd.cli_ctx, request, windows, target))
    if report:
        from .output.report import render_plan
        render_plan(plan)
        return None
    return plan


def _doctor_tenant(cmd, request, targets, *, report, fail_on, min_severity):
    from .operations import doctor_tenant as operation
    from .operations.doctor import shown
    from .platform.errors import MissingValue
    with translated(cmd):
        if not request.wanted:
            raise MissingValue(list(operation.SCOPES), reason="--deep checks the apps of a tenant-wide run.")
        operation.check_request(request, targets)
        output = operation.run(cmd.cli_ctx, request, cmd)
    output = redacted(output)
    operation.set_exit_code(cmd.cli_ctx, output, fail_on)
    if min_severity:        # the summary still counts every finding, as for a group
        output = dict(output, results=shown(output["results"], min_severity, single=False))
    if report:
        from .output.fleet import render
        render(output)
        return None
    return output
