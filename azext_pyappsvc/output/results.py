# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""The objects commands return (what `-o json` prints), built from platform types."""

from datetime import date
from typing import List, Optional

from ..platform.appkind import FLEX
from ..platform.build import BuildPrediction
from ..platform.problems import SEVERITY_ORDER
from ..platform.runtimes import RuntimeOption, support_state
from ..platform.settings import BUILD_KEYS, FUNCTIONS_KEYS, managed_view
from ..platform.snapshot import AppRef, AppSnapshot
from ..platform.startup.prediction import StartupPrediction


def _target(ref: AppRef) -> dict:
    return {"name": ref.name, "resourceGroup": ref.resource_group, "slot": ref.slot}


def describe_app(snapshot: AppSnapshot) -> dict:
    """`az pyappsvc show`: the Python-relevant configuration of one app."""
    kind = snapshot.kind
    version = snapshot.python_version
    return dict(_target(snapshot.ref), **{
        "kind": kind.kind,
        "platform": kind.platform,
        "isFunctionApp": kind.is_function_app,
        "isPython": version is not None,
        "pythonVersion": version,
        "linuxFxVersion": None if kind.platform == FLEX else (snapshot.linux_fx_version or None),
        "functionAppRuntime": snapshot.flex_runtime or None,
        "startupCommand": None if kind.is_function_app else (snapshot.app_command_line or None),
        "buildSettings": managed_view(snapshot.settings, BUILD_KEYS),
        "functionsSettings": managed_view(snapshot.settings, FUNCTIONS_KEYS) if kind.is_function_app else None,
        "notes": [snapshot.settings_error] if snapshot.settings_error else [],
    })


def runtime_row(option: RuntimeOption, today: date) -> dict:
    return {"version": option.version, "linuxFxVersion": option.linux_fx_version,
            "endOfLife": option.end_of_life.isoformat() if option.end_of_life else None,
            "support": support_state(option, today), "preview": option.preview,
            "earlyAccess": option.early_access, "hidden": option.hidden, "deprecated": option.deprecated}


def set_runtime_result(ref: AppRef, plan, supported: List[str]) -> dict:
    return dict(_target(ref), previous=plan.previous, current=plan.new, changed=plan.changed, support=plan.support,
                endOfLife=plan.option.end_of_life.isoformat() if plan.option.end_of_life else None,
                supportedVersions=supported)


def set_build_result(ref: AppRef, changed: bool, settings: dict) -> dict:
    return dict(_target(ref), changed=changed, buildSettings=managed_view(settings, BUILD_KEYS))


def set_startup_result(ref: AppRef, previous: str, proposed: str, dry_run: bool) -> dict:
    changed = previous != proposed
    return dict(_target(ref), previous=previous or None, current=proposed or None, changed=changed,
                dryRun=dry_run, written=changed and not dry_run)


def startup_result(prediction: StartupPrediction, source: Optional[str], python: Optional[str]) -> dict:
    return {"origin": prediction.origin, "module": prediction.module, "command": prediction.command,
            "explanation": prediction.explanation, "problems": [p.message for p in prediction.problems],
            "source": source, "pythonVersion": python}


def _build(build: Optional[BuildPrediction]):
    return {"runs": build.runs, "reason": build.reason, "steps": build.steps} if build else None


def _evidence_scrubbed(finding: dict) -> dict:
    """Log lines, and the names a finding takes from them, are what the app wrote: scrubbed like anything Azure
    says (every unmanaged setting's value and every credential masked) before the result's own redaction."""
    from .redaction import azure_text
    evidence = finding.get("evidence")
    if evidence:
        evidence["lines"] = [azure_text(line) for line in evidence["lines"]]
        finding["detail"] = azure_text(finding["detail"])      # it names what the log named (a module, a package)
        if finding["fix"] and not finding["fixArgs"]:             # so may an action; a command is built from argv
            finding["fix"] = azure_text(finding["fix"])
    return finding


def doctor_result(subject, source: Optional[str], findings) -> dict:
    """One target's doctor result (shared/spec/PRODUCT.md, "Output contract of doctor")."""
    snapshot = subject.snapshot
    target = None
    if snapshot is not None:
        kind = snapshot.kind
        target = dict(_target(snapshot.ref), kind=kind.kind, platform=kind.platform, runtime=snapshot.runtime_label)
    elif subject.read_error is not None:
        ref = subject.unread
        target = dict(_target(ref) if ref else {"name": None, "resourceGroup": None, "slot": None}, kind=None,
                      platform=None, runtime=None)
    startup = subject.startup
    return {
        "target": target,
        "source": source,
        "build": _build(subject.build),
        "startup": {"origin": startup.origin, "module": startup.module, "command": startup.command,
                    "explanation": startup.explanation} if startup else None,
        "findings": [_evidence_scrubbed(finding.as_dict()) for finding in findings],
        "summary": {severity: sum(1 for f in findings if f.severity == severity) for severity in SEVERITY_ORDER},
    }
