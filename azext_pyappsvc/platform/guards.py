# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Preconditions of every change: only Linux code apps have built-in Python settings to change."""

from typing import Optional

from .appkind import CONTAINER, WINDOWS
from .errors import Refused
from .snapshot import AppSnapshot


def require_linux_code_app(snapshot: AppSnapshot, what: str):
    """Windows apps and custom containers have no built-in Python runtime to configure: say what, why,
    and what to do instead."""
    platform = snapshot.kind.platform
    if platform == WINDOWS:
        raise Refused(
            f"App '{snapshot.ref.label}' is a Windows app and Python on Windows App Service is retired (since "
            f"2021-12), so the {what} cannot be set.",
            recommendation=("Create a function app on a Linux plan with the Python runtime and deploy the project "
                            "there." if snapshot.kind.is_function_app else
                            "Create a Linux app (az webapp create --runtime PYTHON:3.12) and deploy the code there."))
    if platform == CONTAINER:
        verb = "belong" if what.endswith("s") else "belongs"      # "the build settings belong"
        raise Refused(
            f"App '{snapshot.ref.label}' runs a custom container, so the {what} {verb} in the container image, "
            "not in App Service.", recommendation="Change the image and redeploy it.")


def startup_not_applicable(snapshot: AppSnapshot) -> Optional[str]:
    """Why App Service's startup command does not decide what this app runs, or None when it does."""
    kind = snapshot.kind
    if kind.is_function_app:
        return "a function app: the Functions host starts it"
    if kind.platform == WINDOWS:
        return "a Windows app: Python on Windows App Service is retired"
    if kind.platform == CONTAINER:
        return "a custom container: its image's ENTRYPOINT/CMD starts it"
    return None


def require_web_app(snapshot: AppSnapshot, what: str):
    """The Functions host starts a function app: it has no startup command."""
    if snapshot.kind.is_function_app:
        raise Refused(f"App '{snapshot.ref.label}' is {startup_not_applicable(snapshot)}, there is no {what} to set.")
