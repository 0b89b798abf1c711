# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""`doctor --report`: the structured result rendered for a person, with az's style helpers.

The command builds the payload; this module only renders it (the shape core's
`az webapp troubleshoot --report` uses). `render(results)` is the entry point.
"""

import sys

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
    for index, result in enumerate(results):
        if index:
            print_styled_text([(Style.PRIMARY, "")], file=out)
        print_styled_text([(style, _printable(words, encoding)) for style, words in _lines(result, Style, symbols)],
                          file=out)


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
        lines.append((style.PRIMARY, f"Build {runs}: {build['reason']}\n"))
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
