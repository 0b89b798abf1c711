# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""The views of a tenant-wide doctor run: the summary object, the `-o table` rows and the `--report` text.

A platform team reads the fleet, not 10,000 reports: apps by Python version and support state, findings by
code, the subscriptions that were skipped, then one line per app with its worst finding."""

import sys
from collections import Counter
from datetime import date

from ..platform.problems import SEVERITY_ORDER
from ..platform.runtimes import find_option, support_state

NOT_OFFERED, UNKNOWN = "not-offered", "unknown"


def _support(snapshot, stacks, today):
    """(version, support state, end of life) of one app; the state of a version the catalogue does not offer is
    NOT_OFFERED, that of an app whose Python is not in its site (Windows) UNKNOWN."""
    version = snapshot.python_version
    if version is None:
        return None, UNKNOWN, None
    option = find_option(stacks or [], version) if stacks is not None else None
    if option is None:
        return version, NOT_OFFERED if stacks is not None else UNKNOWN, None
    return version, support_state(option, today), option.end_of_life


def fleet_summary(today: date, apps, results) -> dict:
    """`apps`: (AppSnapshot, its kind's catalogue entries or None) in the order of `results`."""
    versions, states = {}, Counter()
    for snapshot, stacks in apps:
        version, state, end = _support(snapshot, stacks, today)
        states[state] += 1
        if version is not None:
            entry = versions.setdefault(version, {"version": version, "support": state,
                                                  "endOfLife": end.isoformat() if end else None, "apps": 0})
            entry["apps"] += 1
    findings = Counter(f["code"] for result in results for f in result["findings"])
    severities = Counter(f["severity"] for result in results for f in result["findings"])
    return {
        "apps": len(results),
        "pythonVersions": sorted(versions.values(), key=lambda v: [int(p) for p in v["version"].split(".")
                                                                   if p.isdigit()]),
        "support": dict(sorted(states.items())),
        "findings": dict(sorted(findings.items())),
        "severities": {severity: severities.get(severity, 0) for severity in SEVERITY_ORDER},
    }


def worst(result):
    findings = sorted(result.get("findings") or [], key=lambda f: SEVERITY_ORDER.get(f["severity"], 3))
    return findings[0] if findings else None


def app_rows(output):
    """One row per app with its worst finding (`-o table`)."""
    rows = []
    for result in output["results"]:
        target = result.get("target") or {}
        finding = worst(result)
        rows.append({"App": (target.get("name") or "") + (f"/{target['slot']}" if target.get("slot") else ""),
                     "ResourceGroup": target.get("resourceGroup") or "",
                     "Subscription": target.get("subscription") or "",
                     "Runtime": target.get("runtime") or "-",
                     "Worst": f"{finding['severity']} {finding['code']} {finding['title']}" if finding else "-"})
    return rows


def render(output, file=None):
    """`--report`: the summary, then one line per app with its worst finding."""
    from ..platform.redact import one_line
    out = file or sys.stdout
    summary = output["summary"]
    subscriptions = summary["subscriptions"]
    where = f"management group {summary['managementGroup']}" if summary.get("managementGroup") else \
        f"{subscriptions['queried']} subscription(s)"
    lines = [f"{summary['apps']} Python app(s) in {where} ({summary['resourceGraphRequests']} Resource Graph "
             f"request(s), {summary['mode']})"]
    lines += [f"  Python {v['version']}: {v['apps']} app(s), {v['support']}"
              + (f" (end of life {v['endOfLife']})" if v["endOfLife"] else "") for v in summary["pythonVersions"]]
    lines.append("Findings: " + (", ".join(f"{code} x{count}" for code, count in summary["findings"].items())
                                 or "none"))
    lines += [f"Skipped subscription {s}: not readable by this login" for s in subscriptions["skipped"]]
    lines += [f"Note: {note}" for note in summary["notes"]]
    for row in app_rows(output):
        lines.append(f"{row['Worst'] if row['Worst'] != '-' else 'ok'}: {row['App']} ({row['ResourceGroup']}, "
                     f"{row['Subscription']}, {row['Runtime']})")
    out.write("".join(one_line(line) + "\n" for line in lines))
