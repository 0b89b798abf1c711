# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Platform — PLAT: apps whose Python the built-in Linux runtime does not run."""

from ...platform.appkind import CONTAINER, FLEX, WINDOWS
from ...platform.functions import looks_like_functions_project, worker_is_python
from ...platform.legacy.versions import windows_python_version
from ...platform.problems import ERROR, INFO, WARNING
from ..catalog import Finding, Fix, check
from ..fixes import pyappsvc


@check("PLAT001", ERROR, "Not a Linux app")
def plat001(subject):
    if subject.kind.platform == WINDOWS and not subject.kind.is_function_app:     # PLAT005 for function apps
        return Finding(f"kind is '{subject.kind.kind}' and reserved is false: this is a Windows app, and Python on "
                       "Windows App Service has been retired since 2021-12.",
                       Fix.describe("Create a Linux app (az webapp create --runtime PYTHON:3.12) and deploy the code "
                                    "there."))
    return None


@check("PLAT002", INFO, "Custom container")
def plat002(subject):
    if subject.kind.platform == CONTAINER:
        return Finding(f"The app runs a custom container ({subject.snapshot.linux_fx_version or subject.kind.kind}): "
                       "the built-in Python runtime, build and startup settings do not apply.")
    return None


@check("PLAT003", WARNING, "Python site extension on a Windows app")
def plat003(subject):
    if subject.kind.platform != WINDOWS or not subject.site_extensions:
        return None
    python = [ext for ext in subject.site_extensions if windows_python_version(str(ext))]
    if python:
        return Finding(f"Site extension {', '.join(python)} provides Python on this Windows app; these extensions are "
                       "retired.", pyappsvc(subject, "migrate"))
    return None


@check("PLAT004", INFO, "Flex Consumption function app")
def plat004(subject):
    if subject.kind.platform == FLEX:
        return Finding("The runtime lives in functionAppConfig.runtime; SCM_DO_BUILD_DURING_DEPLOYMENT, "
                       "ENABLE_ORYX_BUILD and similar build settings are ignored (remote build is a deployment "
                       "option).")
    return None


@check("PLAT005", ERROR, "Python function app on a Windows plan")
def plat005(subject):
    """Functions runs Python only on Linux: functionAppStacks offer Python with linuxRuntimeSettings only
    (shared/reference/azure/functionappstacks-python.json)."""
    kind = subject.kind
    if kind.platform != WINDOWS or not kind.is_function_app:
        return None
    if worker_is_python(subject.settings) or looks_like_functions_project(subject.project):
        return Finding("This function app runs on a Windows plan, and Azure Functions runs Python only on Linux.",
                       Fix.describe("Create a function app on a Linux plan (Flex Consumption, Premium or Dedicated) "
                                    "with the Python runtime and deploy the project there: an app cannot change its "
                                    "operating system."))
    return None
