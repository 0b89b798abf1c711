# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""The Python-relevant configuration of one app, as `az pyappsvc show` prints it."""

from .appkind import FLEX, LINUX, WINDOWS, classify
from .facts import AppSnapshot
from .runtime_change import current_linux_fx_version
from .runtimes import parse_linux_fx_version
from .settings import BUILD_KEYS, FUNCTIONS_KEYS, managed_view


def python_runtime(snapshot: AppSnapshot):
    """(linuxFxVersion or None, python version or None) wherever this kind of app keeps it."""
    if snapshot.kind.platform == FLEX:
        runtime = snapshot.flex_runtime
        is_python = (runtime.get("name") or "").lower() == "python"
        return None, (runtime.get("version") if is_python else None)
    fx = snapshot.config.get("linuxFxVersion") or None
    parsed = parse_linux_fx_version(fx)
    return fx, (parsed.version if parsed.language == "python" else None)


def describe(snapshot: AppSnapshot) -> dict:
    kind = snapshot.kind
    fx, version = python_runtime(snapshot)
    notes = [snapshot.settings_error] if snapshot.settings_error else []
    return {
        "name": snapshot.ref.name,
        "resourceGroup": snapshot.ref.resource_group,
        "slot": snapshot.ref.slot,
        "kind": kind.kind,
        "platform": kind.platform,
        "isFunctionApp": kind.is_function_app,
        "isPython": version is not None,
        "pythonVersion": version,
        "linuxFxVersion": fx,
        "functionAppRuntime": snapshot.flex_runtime or None,
        "startupCommand": None if kind.is_function_app else (snapshot.config.get("appCommandLine") or None),
        "buildSettings": managed_view(snapshot.settings, BUILD_KEYS),
        "functionsSettings": managed_view(snapshot.settings, FUNCTIONS_KEYS) if kind.is_function_app else None,
        "notes": notes,
    }


def runs_python(site: dict):
    """From a listed site body: True, False, or None when only a closer look can tell (a Windows app may
    carry a Python site extension). Linux apps without a recognisable runtime are given the benefit."""
    fx = current_linux_fx_version(site)
    kind = classify(site.get("kind"), site.get("reserved"), fx, site.get("functionAppConfig"), site.get("sku"))
    if kind.platform == FLEX:
        return ((site.get("functionAppConfig") or {}).get("runtime") or {}).get("name", "").lower() == "python"
    if kind.platform == LINUX:
        return parse_linux_fx_version(fx).language in ("python", None) if fx else kind.is_function_app
    if kind.platform == WINDOWS:
        return None
    return False
