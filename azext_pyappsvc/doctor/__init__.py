# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""The doctor's check catalog (shared/spec/DOCTOR-CHECKS.md): the registry and finding type (catalog),
fix builders (fixes), what is known about one target (subject) and the checks, one module per catalog
section (checks/), so the spec and the code read side by side. Pure: no I/O, no azure, no knack."""
