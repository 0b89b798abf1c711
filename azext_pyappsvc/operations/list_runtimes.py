# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""list-runtimes: the catalogue (cached for a day), one row per Python version."""

from ..adapters import clock
from ..output.results import runtime_row
from .stacks import runtime_options


def list_runtimes(cli_ctx, functions=False, include_all=False, refresh=False):
    from ..adapters.arm import AppService
    today = clock.today()
    return [runtime_row(option, today) for option in runtime_options(cli_ctx, AppService(cli_ctx), functions, refresh)
            if include_all or option.offered]
