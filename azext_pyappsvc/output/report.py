# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""`doctor --report`: the structured result rendered for a person, with az's style helpers.

The command builds the payload; this module only renders it (the shape core's
`az webapp troubleshoot --report` uses). `render(results)` is the entry point.
"""

import sys

_STYLE_OF = {"error": "ERROR", "warning": "WARNING", "info": "SECONDARY"}
_MARK = {"error": "✗", "warning": "!", "info": "i"}


def render(results, file=None):
    from azure.cli.core.style import Style, print_styled_text
    out = file or sys.stdout
    for index, result in enumerate(results):
        if index:
            print_styled_text([(Style.PRIMARY, "")], file=out)
        print_styled_text(_lines(result, Style), file=out)


def _heading(result):
    target = result.get("target")
    if target:
        name = target["name"] + (f"/{target['slot']}" if target.get("slot") else "")
        return f"{name} ({target['resourceGroup']}, {target['kind'] or '?'}, {target.get('runtime') or 'no runtime'})"
    return f"Project {result.get('source')}"


def _lines(result, style):
    lines = [(style.HIGHLIGHT, f"═══ {_heading(result)} ═══\n")]
    build = result.get("build")
    if build:
        runs = {True: "runs", False: "does not run", None: "may not run"}[build["runs"]]
        lines.append((style.PRIMARY, f"Build {runs}: {build['reason']}\n"))
        lines.extend((style.SECONDARY, f"  {n}. {step}\n") for n, step in enumerate(build["steps"], 1))
    startup = result.get("startup")
    if startup:
        lines.append((style.PRIMARY, f"Startup ({startup['origin']}): {startup['command'] or '-'}\n"))
        lines.append((style.SECONDARY, f"  {startup['explanation']}\n"))
    findings = result.get("findings") or []
    if not findings:
        lines.append((style.SUCCESS, "✓ No problem found.\n"))
    for finding in findings:
        kind = getattr(style, _STYLE_OF[finding["severity"]])
        lines.append((kind, f"{_MARK[finding['severity']]} {finding['code']} {finding['title']}: "
                            f"{finding['detail']}\n"))
        if finding.get("fix"):
            lines.append((style.ACTION, f"    ▶ {finding['fix']}\n"))
    summary = result["summary"]
    lines.append((style.PRIMARY, f"{summary['error']} error(s), {summary['warning']} warning(s), "
                                 f"{summary['info']} info\n"))
    return lines
