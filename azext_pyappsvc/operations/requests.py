# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""What custom.py hands to the operations: typed requests, so a misspelt field is an error, not a None."""

from dataclasses import dataclass
from typing import List, Optional

from ..platform.build_settings import BuildSettingValues
from ..platform.snapshot import AppRef


@dataclass(frozen=True)
class SetRuntimeRequest:
    target: AppRef
    version: str
    allow_eol: bool = False
    refresh: bool = False


@dataclass(frozen=True)
class SetBuildRequest:
    target: AppRef
    values: BuildSettingValues
    source: Optional[str] = None


@dataclass(frozen=True)
class SetStartupRequest:
    target: AppRef
    command: Optional[str] = None
    file: Optional[str] = None
    module: Optional[str] = None
    chdir: Optional[str] = None
    workers: Optional[str] = None
    timeout: Optional[str] = None
    server: Optional[str] = None
    detect: bool = False
    clear: bool = False
    source: Optional[str] = None
    force: bool = False
    dry_run: bool = False


@dataclass(frozen=True)
class DoctorRequest:
    resource_group: Optional[str] = None
    name: Optional[str] = None
    slot: Optional[str] = None
    ids: Optional[List[str]] = None
    all_apps: bool = False
    source: Optional[str] = None
    max_parallel: object = 16
