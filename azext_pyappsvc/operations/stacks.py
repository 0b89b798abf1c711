# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""The stacks catalogue as the operations need it: from the one-day disk cache, else from ARM."""

from ..adapters.stacks_cache import load_stacks
from ..platform.runtimes import parse_stacks


def runtime_options(cli_ctx, service, functions=False, refresh=False):
    """The catalogue's Linux Python entries for web apps (or function apps), newest first."""
    return parse_stacks(load_stacks(cli_ctx, service.get_stacks, functions, refresh))
