# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""The objects commands return (what `-o json` prints), built from platform types."""

from datetime import date
from typing import List, Optional

from ..doctor.catalog import Fix
from ..platform.appkind import FLEX
from ..platform.build import BuildPrediction
from ..platform.build_settings import FUNCTIONS_BUILD_KEYS
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
        "isPython": snapshot.runs_python,
        "pythonVersion": version or snapshot.windows_python,
        "linuxFxVersion": None if kind.platform == FLEX else (snapshot.linux_fx_version or None),
        "functionAppRuntime": snapshot.flex_runtime or None,
        "startupCommand": None if kind.is_function_app else (snapshot.app_command_line or None),
        "buildSettings": managed_view(snapshot.settings, BUILD_KEYS),
        "functionsSettings": managed_view(snapshot.settings, FUNCTIONS_KEYS) if kind.is_function_app else None,
        "notes": [note for note in (snapshot.settings_error, _unknown_python(snapshot)) if note],
    })


def _unknown_python(snapshot: AppSnapshot) -> Optional[str]:
    if snapshot.runs_python is None:
        return ("isPython is null: a Windows app without pythonVersion runs Python only through a site extension, "
                "which az pyappsvc doctor reads (PLAT003).")
    return None


def runtime_row(option: RuntimeOption, today: date) -> dict:
    return {"version": option.version, "linuxFxVersion": option.linux_fx_version,
            "endOfLife": option.end_of_life.isoformat() if option.end_of_life else None,
            "support": support_state(option, today), "preview": option.preview,
            "earlyAccess": option.early_access, "hidden": option.hidden, "deprecated": option.deprecated}


def change_result(ref: AppRef, previous, proposed, dry_run: bool, changed: Optional[bool] = None, **details) -> dict:
    """The one shape of what a command that changes an app returns (set-runtime, set-build, set-startup, migrate
    --apply), with --dry-run or without: the target; `previous`, what the app had; `proposed`, what the command
    writes; `changed`, whether they differ; `written`, whether it was sent (never with --dry-run); then the
    command's own details. Like every result it leaves through the one redaction path (custom.py), so a secret
    inside a value is masked."""
    changed = previous != proposed if changed is None else changed
    return dict(_target(ref), previous=previous, proposed=proposed, changed=changed, written=changed and not dry_run,
                dryRun=dry_run, **details)


def set_runtime_result(ref: AppRef, plan, supported: List[str], dry_run: bool) -> dict:
    return change_result(ref, plan.previous, plan.new, dry_run, plan.changed, support=plan.support,
                         endOfLife=plan.option.end_of_life.isoformat() if plan.option.end_of_life else None,
                         supportedVersions=supported)


def set_build_result(ref: AppRef, previous: dict, proposed: dict, dry_run: bool, function_app: bool = False) -> dict:
    """previous and proposed are the settings set-build manages (None: not set) — for a function app also its
    worker settings, a package index URL only ever masked; other settings are never shown."""
    keys = BUILD_KEYS + (FUNCTIONS_BUILD_KEYS if function_app else ())
    return change_result(ref, managed_view(previous, keys), managed_view(proposed, keys), dry_run,
                         previous != proposed)


def set_startup_result(ref: AppRef, previous: str, proposed: str, dry_run: bool) -> dict:
    """None stands for no startup command (auto-detection)."""
    return change_result(ref, previous or None, proposed or None, dry_run)


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


def migrate_result(source, windows: Optional[AppRef], derivation, linux, *, steps, applied, bundled=None) -> dict:
    """`az pyappsvc migrate`: the plan, each step's command rendered paste-safe from its argv."""
    startup = derivation.startup
    catalogue = f"bundled, as of {bundled}" if bundled else "live (cached for a day)" if linux else None
    return {
        "source": source,
        "windowsApp": _target(windows) if windows else None,
        "platform": derivation.platform,
        "files": derivation.files,
        "appFolder": derivation.app_folder or None,
        "python": {"from": derivation.source_version, "to": linux.target if linux else None,
                   "linuxFxVersion": linux.linux_fx_version if linux else None, "why": linux.why if linux else None,
                   "clues": [{"version": clue.version, "origin": clue.origin} for clue in derivation.versions],
                   "removedModules": linux.removed if linux else {},
                   "catalogue": catalogue},
        "startup": {"command": startup.command, "origin": startup.origin, "windows": startup.what,
                    "why": startup.why, "problems": [p.message for p in startup.problems]} if startup else None,
        "settings": [{"name": s.name, "origin": s.origin, "value": s.value,
                      "carry": "shown" if s.value is not None else "copy it yourself"} for s in derivation.settings],
        "dependencies": derivation.dependencies,
        "workers": [{"role": w.name, "command": w.command, "origin": w.origin, "plan": w.why}
                    for w in derivation.workers],
        "steps": [{"step": number, "what": step.what,
                   "command": Fix.command(step.argv).text if step.argv else None,
                   "commandArgs": list(step.argv) if step.argv else None, "action": step.action}
                  for number, step in enumerate(steps, 1)],
        "apply": applied,
    }
