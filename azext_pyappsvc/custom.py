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
