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
        name = target["name"] + ("/" + target["slot"] if target.get("slot") else "")
        return "{} ({}, {}, {})".format(name, target["resourceGroup"], target["kind"] or "?",
                                        target.get("runtime") or "no runtime")
    return "Project {}".format(result.get("source"))


def _lines(result, style):
    lines = [(style.HIGHLIGHT, "═══ {} ═══\n".format(_heading(result)))]
    build = result.get("build")
    if build:
        runs = {True: "runs", False: "does not run", None: "may not run"}[build["runs"]]
        lines.append((style.PRIMARY, "Build {}: {}\n".format(runs, build["reason"])))
        lines.extend((style.SECONDARY, "  {}. {}\n".format(n, step)) for n, step in enumerate(build["steps"], 1))
    startup = result.get("startup")
    if startup:
        lines.append((style.PRIMARY, "Startup ({}): {}\n".format(startup["origin"], startup["command"] or "-")))
        lines.append((style.SECONDARY, "  {}\n".format(startup["explanation"])))
    findings = result.get("findings") or []
    if not findings:
        lines.append((style.SUCCESS, "✓ No problem found.\n"))
    for finding in findings:
        kind = getattr(style, _STYLE_OF[finding["severity"]])
        lines.append((kind, "{} {} {}: {}\n".format(_MARK[finding["severity"]], finding["code"], finding["title"],
                                                   finding["detail"])))
        if finding.get("fix"):
            lines.append((style.ACTION, "    ▶ {}\n".format(finding["fix"])))
    summary = result["summary"]
    lines.append((style.PRIMARY, "{} error(s), {} warning(s), {} info\n".format(
        summary["error"], summary["warning"], summary["info"])))
    return lines
