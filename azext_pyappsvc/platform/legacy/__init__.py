# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Retired platforms: Python on Windows App Service (site extensions, web.config with wfastcgi or HttpPlatform) and
Azure Cloud Services (web and worker roles), read safely (safexml), and the Linux App Service configuration each
corresponds to (derive): the one derivation doctor's LEG checks and `az pyappsvc migrate` share."""
