# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""The registry of checks and the one finding type.

A check is a function of a Subject that returns nothing, one Finding or a list of them; the registry
fills in the code, title and (unless the check lowers or raises it) the catalog's severity. `needs`
names the facts that must exist for the check to run at all (see `_AVAILABLE`).
"""

import shlex
from dataclasses import dataclass, replace
from typing import Callable, List, Optional, Sequence, Tuple

from ..platform.problems import SEVERITY_ORDER
from .subject import Subject


@dataclass(frozen=True)
class Fix:
    """A command to run (`argv`, rendered with POSIX shell quoting so pasting it runs exactly argv), or,
    where no command can do it, what to change (`action`)."""
    argv: Optional[Tuple[str, ...]] = None
    action: Optional[str] = None

    @classmethod
    def command(cls, argv: Sequence[str]) -> "Fix":
        return cls(argv=tuple(argv))

    @classmethod
    def describe(cls, action: str, *names: str) -> "Fix":
        """What to change, in words; the names it mentions (files, folders) fill its `{}` shell-quoted, so that
        even a sentence copied into a shell runs nothing a name smuggles in (`web$(curl ...)`)."""
        return cls(action=action.format(*(shlex.quote(name) for name in names)) if names else action)

    @property
    def text(self) -> str:
        return shlex.join(self.argv) if self.argv else self.action


@dataclass(frozen=True)
class Finding:
    detail: str
    fix: Optional[Fix] = None
    severity: Optional[str] = None          # None: the catalog's
    code: Optional[str] = None              # filled in by run_checks
    title: Optional[str] = None

    def as_dict(self):
        return {"code": self.code, "severity": self.severity, "title": self.title, "detail": self.detail,
                "fix": self.fix.text if self.fix else None,
                "fixArgs": list(self.fix.argv) if self.fix and self.fix.argv else None, "evidence": None}


@dataclass(frozen=True)
class Check:
    code: str
    severity: str
    title: str
    needs: Tuple[str, ...]
    run: Callable


CATALOG: List[Check] = []


def check(code, severity, title, needs=("app",)):
    def register(function):
        CATALOG.append(Check(code, severity, title, tuple(needs), function))
        return function
    return register


_AVAILABLE = {
    "app": lambda s: s.has_app,
    "settings": lambda s: s.settings is not None,
    "files": lambda s: s.project is not None,
    "contents": lambda s: s.project is not None and s.project.contents_available,
    "requirements": lambda s: s.project is not None and s.project.knows_requirements,
    "linux": lambda s: s.linux_code_app,
    "web": lambda s: s.has_app and not s.is_function_app and s.linux_code_app,
    "functions": lambda s: s.is_function_app,
}


def all_checks() -> List[Check]:
    """Every check of the catalog, in the catalog's order (importing the sections registers them)."""
    from .checks import (  # noqa: F401  # pylint: disable=unused-import
        build, data, functions, legacy, operations, platform, runtime, security, startup)
    return CATALOG


def run_checks(subject: Subject, catalog: Optional[List[Check]] = None) -> List[Finding]:
    findings = []
    for entry in catalog or all_checks():
        if not all(_AVAILABLE[need](subject) for need in entry.needs):
            continue
        found = entry.run(subject)
        for finding in ([found] if isinstance(found, Finding) else found or []):
            findings.append(replace(finding, code=entry.code, title=entry.title,
                                    severity=finding.severity or entry.severity))
    return sorted(findings, key=lambda f: (SEVERITY_ORDER[f.severity], f.code))
