# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Which Python a Windows app ran, and which Linux App Service Python to move it to.

Windows App Service shipped Python as site extensions named after the version (python361x64, python364x86,
azureappservice-python364x64: major, minor and patch digits, then the bitness), installed under
D:\\home\\python361x64 (the path a web.config's scriptProcessor or processPath names); older apps used the
built-in D:\\Python34 or D:\\Python27 (config/web `pythonVersion` 3.4 or 2.7). Sources: the site extension
gallery ids (the siteextensions list of a Windows app: tests/emulator/fixtures/researched/), Microsoft Learn
"Manage Python on Azure App Service" (retired in 2021-12), and projectkudu/KuduScript
lib/templates/deploy.batch.python.template (`web.%PYTHON_VER%.config`, PYTHON_VER 2.7 or 3.4).

The standard library modules removed in each version come from CPython's Doc/whatsnew/3.8.rst ... 3.13.rst
(PEP 594 dead batteries, PEP 632 distutils)."""

import re
from dataclasses import dataclass
from datetime import date
from typing import Dict, FrozenSet, List, Optional, Tuple

from ..runtimes import EOL, RuntimeOption, support_state

# python361x64, azureappservice-python364x64, D:\home\Python361x64\python.exe, C:\Python27\python.exe
_WINDOWS_PYTHON = re.compile(
    r"(?i)(?:^|[\\/:\-_])python(?P<major>[23])(?P<minor>\d)\d{0,2}(?:x(?:64|86))?(?![0-9A-Za-z])")

REMOVED_MODULES: Dict[str, FrozenSet[str]] = {
    "3.8": frozenset({"macpath"}),
    "3.9": frozenset({"_dummy_thread", "dummy_threading"}),
    "3.10": frozenset({"formatter", "parser", "symbol"}),
    "3.11": frozenset({"binhex"}),
    "3.12": frozenset({"distutils", "imp", "asynchat", "asyncore", "smtpd"}),
    "3.13": frozenset({"aifc", "audioop", "cgi", "cgitb", "chunk", "crypt", "imghdr", "mailcap", "msilib", "nis",
                       "nntplib", "ossaudiodev", "pipes", "sndhdr", "spwd", "sunau", "telnetlib", "uu", "xdrlib",
                       "lib2to3"}),
}


@dataclass(frozen=True)
class VersionClue:
    version: str            # major.minor
    origin: str             # where it was read ("site extension python361x64", "web.config scriptProcessor")


def windows_python_version(text: Optional[str]) -> Optional[str]:
    """major.minor named by a site extension id or a Windows Python path (python361x64 -> 3.6), else None."""
    match = _WINDOWS_PYTHON.search(text or "")
    return f"{match.group('major')}.{match.group('minor')}" if match else None


def version_key(version: str) -> Tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


@dataclass(frozen=True)
class LinuxPython:
    source: Optional[str]           # the version the Windows app ran (None: not known)
    target: str                     # the Linux App Service version to move to
    linux_fx_version: str
    why: str
    removed: Dict[str, List[str]]   # version -> the modules it removed that the project imports


def nearest_linux_python(source: Optional[str], options: List[RuntimeOption], today: date,
                         imports: FrozenSet[str] = frozenset()) -> Optional[LinuxPython]:
    """The oldest supported Linux Python at or above `source` (the smallest step, so the fewest changes), the
    newest when none is, or when the source is unknown; None when the catalogue offers no supported version."""
    supported = [o for o in options if o.offered and not o.preview and support_state(o, today) != EOL]
    if not supported:
        return None
    ordered = sorted(supported, key=lambda o: version_key(o.version))
    newest = ordered[-1]
    if source is None:
        choice, why = newest, "the version the Windows app ran is not known: the newest supported version"
    else:
        choice = next((o for o in ordered if version_key(o.version) >= version_key(source)), newest)
        if choice.version == source:
            why = f"Python {source} is still supported on Linux"
        elif version_key(source) < (3,):
            why = f"Python {source} is Python 2: the code needs porting to Python 3 first"
        else:
            why = f"Python {source} is no longer offered on Linux: the nearest supported version"
    return LinuxPython(source, choice.version, choice.linux_fx_version, why,
                       removed_between(source, choice.version, imports))


def removed_between(source: Optional[str], target: str, imports: FrozenSet[str]) -> Dict[str, List[str]]:
    """{version: sorted modules the project imports that were removed after `source` up to `target`}."""
    if source is None or version_key(source) < (3,):
        start = (3, 0)
    else:
        start = version_key(source)
    return {version: sorted(modules & imports) for version, modules in REMOVED_MODULES.items()
            if start < version_key(version) <= version_key(target) and modules & imports}
