# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Adapters: the only code that does I/O (ARM through the CLI's SDK client, the SCM site, local files, the
stacks cache, the clock). They return plain data for the platform rules and decide nothing themselves."""
