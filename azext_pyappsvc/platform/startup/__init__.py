# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Startup: reading a command (command), predicting what App Service runs (prediction), composing a
command and finding the app (compose), and the one list of startup problems (problems)."""
