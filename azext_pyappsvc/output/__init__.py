# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Output shaping: the result objects commands return (results), their `-o table` views (tables) and
doctor's readable report (report). Values pass through platform.settings.visible_value on the way."""
