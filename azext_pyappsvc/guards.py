# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Preconditions every mutating command shares."""

from azure.cli.core.azclierror import ValidationError

from .appkind import CONTAINER, WINDOWS
from .facts import AppSnapshot


def refuse_unless_linux_code_app(snapshot: AppSnapshot, what: str):
    """Windows apps and custom containers have no built-in Python runtime to configure. One line: what, why,
    and what to do instead."""
    platform = snapshot.kind.platform
    if platform == WINDOWS:
        raise ValidationError(
            "App '{}' is a Windows app and Python on Windows App Service is retired (since 2021-12), so the {} "
            "cannot be set; create a Linux app and deploy the code there.".format(snapshot.ref.label, what))
    if platform == CONTAINER:
        raise ValidationError(
            "App '{}' runs a custom container, so the {} belongs in the container image, not in App Service; "
            "change the image and redeploy it.".format(snapshot.ref.label, what))
