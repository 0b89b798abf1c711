# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Preconditions every mutating command shares."""

from azure.cli.core.azclierror import ValidationError

from .appkind import CONTAINER, WINDOWS
from .facts import AppSnapshot


def refuse_unless_linux_code_app(snapshot: AppSnapshot, what: str):
    """Windows apps and custom containers have no built-in Python runtime to configure."""
    platform = snapshot.kind.platform
    if platform == WINDOWS:
        raise ValidationError(
            "App '{}' is a Windows app: Python on Windows App Service is retired (since 2021-12), so its {} "
            "cannot be set.".format(snapshot.ref.label, what),
            recommendation="Create a Linux app (kind 'app,linux') and deploy the code there.")
    if platform == CONTAINER:
        raise ValidationError(
            "App '{}' runs a custom container: its {} is set in the container image, not by App Service."
            .format(snapshot.ref.label, what),
            recommendation="Change the image (FROM python:3.x) and redeploy it.")
