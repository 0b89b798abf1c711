# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""`doctor --report`: the structured result rendered for a person, with az's style helpers.

The command builds the payload; this module only renders it (the shape core's
`az webapp troubleshoot --report` uses). `render(results)` is the entry point.
"""

import sys

from ..platform.problems import SEVERITY_ORDER
from ..platform.redact import one_line

_STYLE_OF = {"error": "ERROR", "warning": "WARNING", "info": "SECONDARY"}
UNICODE_SYMBOLS = {"error": "✗", "warning": "!", "info": "i", "ok": "✓", "fix": "▶", "rule": "═══", "log": "│"}
ASCII_SYMBOLS = {"error": "x", "warning": "!", "info": "i", "ok": "+", "fix": ">", "rule": "===", "log": "|"}


def render(results, file=None):
    """Print the report; on a console that cannot encode its symbols (a Windows code page) in ASCII, and any
    other character the console cannot show as its escape."""
    from azure.cli.core.style import Style, print_styled_text
    out = file or sys.stdout
    encoding = getattr(out, "encoding", None) or "utf-8"     # a StringIO takes any text
    symbols = UNICODE_SYMBOLS if _encodes("".join(UNICODE_SYMBOLS.values()), encoding) else ASCII_SYMBOLS
    sections = [list(_lines(result, Style, symbols)) for result in _worst_first(results)]
    if len(results) > 1:
        sections.insert(0, _first_steps(results, Style, symbols))
    for index, lines in enumerate(sections):
        if index:
            print_styled_text([(Style.PRIMARY, "")], file=out)
        print_styled_text([(style, _printable(words, encoding)) for style, words in lines], file=out)


FIRST_STEPS = 5     # what fits on the first screen with its fixes


def _worst_first(results):
    """One target as it is; several: the apps with findings, those with the most errors, then warnings, first."""
    if len(results) == 1:
        return results
    return sorted((r for r in results if r.get("findings")),
                  key=lambda r: (-r["summary"]["error"], -r["summary"]["warning"], _heading(r)))


def _first_steps(results, style, symbols):
    """The first screen of a report over several apps: the findings that touch the most apps, worst first, each
    with the apps it concerns and the fix for the first of them; then how many apps need nothing."""
    by_code = {}
    for result in results:
        for finding in result.get("findings") or []:
            entry = by_code.setdefault(finding["code"], {"finding": finding, "apps": []})
            if not entry["apps"] or entry["apps"][-1] is not result:     # an app with the finding twice: once
                entry["apps"].append(result)
    ranked = sorted(by_code.values(), key=lambda e: (SEVERITY_ORDER[e["finding"]["severity"]], -len(e["apps"]),
                                                     e["finding"]["code"]))
    attention = sum(1 for r in results if r.get("findings"))
    lines = [(style.HIGHLIGHT, f"{symbols['rule']} What to do first: {attention} of {len(results)} apps have "
                               f"findings {symbols['rule']}\n")]
    for number, entry in enumerate(ranked[:FIRST_STEPS], 1):
        finding, apps = entry["finding"], entry["apps"]
        names = ", ".join(_short(app) for app in apps[:3]) + (f" and {len(apps) - 3} more" if len(apps) > 3 else "")
        whose = f"; the fix for {_short(apps[0])}:" if finding.get("fix") and len(apps) > 1 else ""
        lines.append((getattr(style, _STYLE_OF[finding["severity"]]),
                      f"{number}. {symbols[finding['severity']]} {finding['code']} {finding['title']}: "
                      f"{len(apps)} app(s) ({names}){whose}\n"))
        if finding.get("fix"):
            lines.append((style.ACTION, f"    {symbols['fix']} {finding['fix']}\n"))
    if len(ranked) > FIRST_STEPS:
        lines.append((style.SECONDARY, f"{len(ranked) - FIRST_STEPS} more kind(s) of finding below, app by app.\n"))
    if attention < len(results):
        lines.append((style.SUCCESS, f"{symbols['ok']} {len(results) - attention} app(s) have nothing to report "
                                     "at this severity.\n"))
    return lines


def _short(result):
    target = result.get("target") or {}
    return (target.get("name") or "?") + (f"/{target['slot']}" if target.get("slot") else "")


def render_plan(plan, file=None):
    """`migrate --report`: the plan for a person, in the same style as doctor's report."""
    from azure.cli.core.style import Style, print_styled_text
    out = file or sys.stdout
    encoding = getattr(out, "encoding", None) or "utf-8"
    symbols = UNICODE_SYMBOLS if _encodes("".join(UNICODE_SYMBOLS.values()), encoding) else ASCII_SYMBOLS
    print_styled_text([(style, _printable(words, encoding)) for style, words in _plan_lines(plan, Style, symbols)],
                      file=out)


def _plan_lines(plan, style, symbols):
    where = (plan.get("windowsApp") or {}).get("name") or plan.get("source")
    rule = symbols['rule']
    lines = [(style.HIGHLIGHT, f"{rule} Migration plan for {where} ({plan['platform']}) {rule}\n")]
    python = plan["python"]
    lines.append((style.PRIMARY, f"Python: {python['from'] or 'unknown'} -> {python['to'] or 'unknown'}"
                                 f"{' (' + python['why'] + ')' if python['why'] else ''}\n"))
    lines.extend((style.WARNING, f"  {symbols['warning']} Python {version} removed {', '.join(modules)}, which the "
                                 "project imports\n") for version, modules in python["removedModules"].items())
    startup = plan.get("startup")
    if startup:
        lines.append((style.PRIMARY, f"Startup: {startup['command'] or '-'} ({startup['why']})\n"))
        lines.extend((style.WARNING, f"  {symbols['warning']} {problem}\n") for problem in startup["problems"])
    lines.extend((style.SECONDARY, f"{symbols['info']} {risk}\n") for risk in plan["dependencies"])
    for number, step in enumerate(plan["steps"], 1):
        lines.append((style.PRIMARY, f"{number}. {step['what']}\n"))
        lines.append((style.ACTION, f"    {symbols['fix']} {step['command'] or step['action']}\n"))
    applied = plan.get("apply")
    if applied:
        done = "written" if applied["written"] else "not written"
        lines.append((style.SUCCESS, f"{symbols['ok']} Applied to {applied['target']['name']}: {done}\n"))
    return lines


def _encodes(words, encoding):
    try:
        words.encode(encoding)
        return True
    except (UnicodeEncodeError, LookupError):
        return False


def _printable(words, encoding):
    """One report line as the console can show it: control characters in values escaped, the line's own newline
    kept, characters outside the console's encoding escaped."""
    body, newline = (words[:-1], "\n") if words.endswith("\n") else (words, "")
    body = one_line(body)
    if not _encodes(body, encoding):
        body = body.encode("ascii", "backslashreplace").decode("ascii")
    return body + newline


def _heading(result):
    target = result.get("target")
    if target:
        name = target["name"] + (f"/{target['slot']}" if target.get("slot") else "")
        return f"{name} ({target['resourceGroup']}, {target['kind'] or '?'}, {target.get('runtime') or 'no runtime'})"
    return f"Project {result.get('source')}"


def _lines(result, style, symbols):
    lines = [(style.HIGHLIGHT, f"{symbols['rule']} {_heading(result)} {symbols['rule']}\n")]
    build = result.get("build")
    if build:
        runs = {True: "runs", False: "does not run", None: "may not run"}[build["runs"]]
        lines.append((style.PRIMARY, f"Build: {runs}. {build['reason']}\n"))
        lines.extend((style.SECONDARY, f"  {n}. {step}\n") for n, step in enumerate(build["steps"], 1))
    startup = result.get("startup")
    if startup:
        lines.append((style.PRIMARY, f"Startup ({startup['origin']}): {startup['command'] or '-'}\n"))
        lines.append((style.SECONDARY, f"  {startup['explanation']}\n"))
    findings = result.get("findings") or []
    if not findings:
        lines.append((style.SUCCESS, f"{symbols['ok']} No problem found.\n"))
    for finding in findings:
        kind = getattr(style, _STYLE_OF[finding["severity"]])
        lines.append((kind, f"{symbols[finding['severity']]} {finding['code']} {finding['title']}: "
                            f"{finding['detail']}\n"))
        evidence = finding.get("evidence")
        if evidence:
            lines.append((style.SECONDARY, f"    {symbols['log']} {evidence['log']}, {evidence['at'] or 'no time'}:\n"))
            lines.extend((style.SECONDARY, f"    {symbols['log']}   {line}\n") for line in evidence["lines"])
        if finding.get("fix"):
            lines.append((style.ACTION, f"    {symbols['fix']} {finding['fix']}\n"))
    summary = result["summary"]
    lines.append((style.PRIMARY, f"{summary['error']} error(s), {summary['warning']} warning(s), "
                                 f"{summary['info']} info\n"))
    return lines
