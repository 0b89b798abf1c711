# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""The platform rules: what App Service, Oryx, Kudu and the Functions host do, as functions over plain data.

Nothing here imports azure, knack or requests, opens a file or a socket, or reads the clock: callers
pass in what the adapters read (tests/unit/test_import_contract.py holds this package to that). Each
rule has one home here; the doctor catalog, the operations and the output only call it.
"""
