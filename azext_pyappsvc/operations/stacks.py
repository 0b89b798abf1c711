# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""The stacks catalogue as the operations need it: from the one-day disk cache, else from ARM.

A catalogue that lists no Linux Python version (an empty `value`, a garbled body) is never used from the
cache and never written to it: a cached one is fetched again, a fetched one is an error."""

from ..adapters.errors import UnexpectedResponse
from ..adapters.stacks_cache import StacksCache
from ..platform.runtimes import parse_stacks


def runtime_options(cli_ctx, service, functions=False, refresh=False):
    """The catalogue's Linux Python entries for web apps (or function apps), newest first."""
    cache = StacksCache(cli_ctx.config.config_dir)
    cached = None if refresh else cache.load(functions)
    options = parse_stacks(cached) if cached is not None else []
    if options:
        return options
    body = service.get_stacks(functions)
    options = parse_stacks(body)
    if not options:
        raise UnexpectedResponse(None, f"the {'functionAppStacks' if functions else 'webAppStacks'} stacks catalogue",
                                 "it lists no Linux Python version")
    cache.store(functions, body)
    return options
