# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""The registry of checks and the one finding type.

A check is a function of a Subject that returns nothing, one Finding or a list of them; the registry
fills in the code, title and (unless the check lowers or raises it) the catalog's severity. `needs`
names the facts that must exist for the check to run at all (see `_AVAILABLE`). `explained_by` names the
configuration findings that explain a symptom (LOG001 by BLD001): when one fired, the symptom says so, takes
its fix (fixing the cause is the fix), and is listed right after it, so the report leads with the cause.
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
    evidence: Optional[dict] = None         # LOG findings: {"log", "lines", "at", "explainedBy"}

    def as_dict(self):
        return {"code": self.code, "severity": self.severity, "title": self.title, "detail": self.detail,
                "fix": self.fix.text if self.fix else None,
                "fixArgs": list(self.fix.argv) if self.fix and self.fix.argv else None,
                "evidence": dict(self.evidence, lines=list(self.evidence["lines"])) if self.evidence else None}


@dataclass(frozen=True)
class Check:
    code: str
    severity: str
    title: str
    needs: Tuple[str, ...]
    run: Callable
    explained_by: Tuple[str, ...] = ()


CATALOG: List[Check] = []


def check(code, severity, title, needs=("app",), explained_by=()):
    def register(function):
        CATALOG.append(Check(code, severity, title, tuple(needs), function, tuple(explained_by)))
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
    "logs": lambda s: s.signals is not None,
}


def all_checks() -> List[Check]:
    """Every check of the catalog, in the catalog's order (importing the sections registers them)."""
    from .checks import (  # noqa: F401  # pylint: disable=unused-import
        build, data, functions, legacy, logs, operations, platform, runtime, security, startup)
    return CATALOG


def run_checks(subject: Subject, catalog: Optional[List[Check]] = None) -> List[Finding]:
    findings, explainers = [], {}
    for entry in catalog or all_checks():
        if not all(_AVAILABLE[need](subject) for need in entry.needs):
            continue
        found = entry.run(subject)
        for finding in ([found] if isinstance(found, Finding) else found or []):
            findings.append(replace(finding, code=entry.code, title=entry.title,
                                    severity=finding.severity or entry.severity))
            explainers[entry.code] = entry.explained_by
    return _causes_first(findings, explainers)


def _causes_first(findings: List[Finding], explainers) -> List[Finding]:
    """By severity and code, except that a symptom explained by a finding that fired follows it (in the graver
    of the two severities' places), says so, and takes its fix."""
    fired = {}
    for finding in findings:
        fired.setdefault(finding.code, finding)
    anchors, linked = {}, []
    for finding in findings:
        cause = next((fired[code] for code in explainers.get(finding.code, ()) if code in fired), None)
        if cause is not None:
            finding = replace(finding, detail=f"{finding.detail} Explained by {cause.code} ({cause.title}).",
                              fix=cause.fix or finding.fix,
                              evidence=dict(finding.evidence, explainedBy=cause.code) if finding.evidence else None)
            rank = min(SEVERITY_ORDER[finding.severity], SEVERITY_ORDER[cause.severity], anchors.get(cause.code, 9))
            anchors[cause.code] = rank
        linked.append((finding, cause))

    def key(pair):
        finding, cause = pair
        anchor = cause.code if cause is not None else finding.code
        rank = anchors.get(anchor, SEVERITY_ORDER[finding.severity])
        return rank, anchor, cause is not None, finding.code
    return [finding for finding, _ in sorted(linked, key=key)]
