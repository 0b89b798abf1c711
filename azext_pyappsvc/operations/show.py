# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""show: site, config/web and app settings in one round trip; values of other settings never leave."""

from ..output.results import describe_app
from ..platform.snapshot import AppRef


def show(cli_ctx, ref: AppRef):
    from ..adapters.arm import AppService
    return describe_app(AppService(cli_ctx, ref.subscription).snapshot(ref))
