# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Command entry points: arguments become a typed request, the operation runs under the one error
translator, the result goes back to az for output. Nothing else happens here."""

from .operations.errors import translated


def _ref(resource_group_name, name, slot):
    from .platform.snapshot import AppRef
    return AppRef(resource_group_name, name, slot)


def show_app(cmd, resource_group_name, name, slot=None):
    from .operations.show import show
    with translated(cmd):
        return show(cmd.cli_ctx, _ref(resource_group_name, name, slot))


def list_runtimes(cmd, functions=False, include_all=False, refresh=False):
    from .operations.list_runtimes import list_runtimes as run
    with translated(cmd):
        return run(cmd.cli_ctx, functions, include_all, refresh)


def set_runtime(cmd, resource_group_name, name, version, slot=None, allow_eol=False, refresh=False):
    from .operations.requests import SetRuntimeRequest
    from .operations.set_runtime import set_runtime as run
    with translated(cmd):
        return run(cmd.cli_ctx, SetRuntimeRequest(_ref(resource_group_name, name, slot), version, allow_eol, refresh))


def set_build(cmd, resource_group_name, name, slot=None, pre_build=None, post_build=None, pre_build_script=None,
              post_build_script=None, disable_collectstatic=None, build_on_deploy=None, source=None):
    from .operations.requests import SetBuildRequest
    from .operations.set_build import set_build as run
    from .platform.build_settings import BuildSettingValues
    values = BuildSettingValues(pre_build=pre_build, post_build=post_build, pre_build_script=pre_build_script,
                                post_build_script=post_build_script, disable_collectstatic=disable_collectstatic,
                                build_on_deploy=build_on_deploy)
    with translated(cmd):
        return run(cmd.cli_ctx, SetBuildRequest(_ref(resource_group_name, name, slot), values, source))


def set_startup(cmd, resource_group_name, name, slot=None, startup_command=None, startup_file=None, module=None,
                chdir=None, workers=None, timeout=None, server=None, detect=False, clear=False, source=None,
                force=False, dry_run=False):
    from .operations.requests import SetStartupRequest
    from .operations.set_startup import set_startup as run
    request = SetStartupRequest(_ref(resource_group_name, name, slot), command=startup_command, file=startup_file,
                                module=module, chdir=chdir, workers=workers, timeout=timeout, server=server,
                                detect=detect, clear=clear, source=source, force=force, dry_run=dry_run)
    with translated(cmd):
        return run(cmd.cli_ctx, request)


def show_startup(cmd, resource_group_name=None, name=None, slot=None, source=None):
    from .operations.show_startup import show_startup as run
    from .platform.errors import MissingValue
    with translated(cmd):
        if not name and not source:
            raise MissingValue(["name", "ids", "source"])
        return run(cmd.cli_ctx, _ref(resource_group_name, name, slot) if name else None, source)


def doctor(cmd, resource_group_name=None, name=None, slot=None, ids=None, all_apps=False, source=None, report=False,
           fail_on=None, max_parallel=16):
    from .operations import doctor as operation
    from .operations.requests import DoctorRequest
    request = DoctorRequest(resource_group_name, name, slot, ids, all_apps, source, max_parallel)
    with translated(cmd):
        results, single = operation.run(cmd.cli_ctx, request)
    operation.exit_non_zero_on(cmd.cli_ctx, results, fail_on)
    if report:
        from .output.report import render
        render(results)
        return None
    return results[0] if single else results
