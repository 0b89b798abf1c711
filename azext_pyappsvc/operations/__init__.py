# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""One operation per command: the order of reads and writes, what runs concurrently, and the translation of
domain and adapter errors into the CLI's typed errors (errors.py). Rules come from the platform package."""
