# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Command entry points: parse arguments, call the domain modules, shape the output. Nothing else."""

from azext_pyappsvc.facts import AppRef


def show_app(cmd, resource_group_name, name, slot=None):
    from azext_pyappsvc.appinfo import describe
    from azext_pyappsvc.arm import AppService
    ref = AppRef(resource_group_name, name, slot)
    return describe(AppService(cmd.cli_ctx).snapshot(ref))


def list_runtimes(cmd, functions=False, include_all=False, refresh=False):
    from azext_pyappsvc import runtime_ops
    return runtime_ops.list_runtimes(cmd.cli_ctx, functions, include_all, refresh)


def set_runtime(cmd, resource_group_name, name, version, slot=None, allow_eol=False, refresh=False):
    from azext_pyappsvc import runtime_ops
    return runtime_ops.set_runtime(cmd.cli_ctx, AppRef(resource_group_name, name, slot), version, allow_eol, refresh)


def set_build(cmd, resource_group_name, name, slot=None, pre_build=None, post_build=None, pre_build_script=None,
              post_build_script=None, disable_collectstatic=None, build_on_deploy=None, source=None):
    from azext_pyappsvc import build_ops
    options = {"--pre-build": pre_build, "--post-build": post_build, "--pre-build-script": pre_build_script,
               "--post-build-script": post_build_script, "--disable-collectstatic": disable_collectstatic,
               "--build-on-deploy": build_on_deploy}
    return build_ops.set_build(cmd.cli_ctx, AppRef(resource_group_name, name, slot), options, source)


def set_startup(cmd, resource_group_name, name, slot=None, startup_command=None, startup_file=None, module=None,
                chdir=None,
                workers=None, timeout=None, server=None, detect=False, clear=False, source=None, force=False,
                dry_run=False):
    from azext_pyappsvc import startup_ops
    args = {"command": startup_command, "file": startup_file, "module": module, "chdir": chdir, "workers": workers,
            "timeout": timeout, "server": server, "detect": detect, "clear": clear, "source": source,
            "force": force, "dry_run": dry_run}
    return startup_ops.set_startup(cmd.cli_ctx, AppRef(resource_group_name, name, slot), args)


def show_startup(cmd, resource_group_name=None, name=None, slot=None, source=None):
    from azure.cli.core.azclierror import RequiredArgumentMissingError
    from azext_pyappsvc import startup_ops
    if not name and not source:
        raise RequiredArgumentMissingError("Give an app (-g/-n or --ids), --source, or both.")
    ref = AppRef(resource_group_name, name, slot) if name else None
    return startup_ops.show_startup(cmd.cli_ctx, ref, source)


def doctor(cmd, resource_group_name=None, name=None, slot=None, ids=None, all_apps=False, source=None, report=False,
           fail_on=None, max_parallel=16):
    from azext_pyappsvc import doctor_ops
    results, single = doctor_ops.run(cmd.cli_ctx, resource_group_name, name, slot, ids, all_apps, source,
                                     max_parallel)
    doctor_ops.exit_non_zero_on(cmd.cli_ctx, results, fail_on)
    if report:
        from azext_pyappsvc.report import render
        render(results)
        return None
    return results[0] if single else results
