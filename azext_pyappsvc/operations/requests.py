# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""What custom.py hands to the operations: typed requests, so a misspelt field is an error, not a None."""

from dataclasses import dataclass
from typing import Optional

from ..platform.build_settings import BuildSettingValues
from .targets import TargetArgs


@dataclass(frozen=True)
class SetRuntimeRequest:
    version: str
    allow_eol: bool = False
    refresh: bool = False
    dry_run: bool = False


@dataclass(frozen=True)
class SetBuildRequest:
    values: BuildSettingValues
    source: Optional[str] = None
    dry_run: bool = False


@dataclass(frozen=True)
class SetStartupRequest:  # pylint: disable=too-many-instance-attributes  # a plain record of the arguments
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
    targets: TargetArgs
    all_apps: bool = False
    source: Optional[str] = None
    max_parallel: object = 16
    python_version: Optional[str] = None      # --python-version as given: offline runs only (validated there)
    logs: Optional[bool] = None               # --logs / --no-logs; None: on for one app, off for several
    since: Optional[str] = None


@dataclass(frozen=True)
class MigrateRequest:
    source: Optional[str] = None
    apply: bool = False
    dry_run: bool = False
    refresh: bool = False
