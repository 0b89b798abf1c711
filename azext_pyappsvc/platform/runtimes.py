# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Python runtime rules: reading what users type, and reading the platform's stacks catalogue.

The core CLI writes `--linux-fx-version` verbatim, so `PYTHON:3.12` silently runs the default
PHP image. Here every spelling is reduced to a `major.minor` and matched case-insensitively
against the live `webAppStacks` / `functionAppStacks` entries, and what is written back is the
catalogue's own spelling (`PYTHON|3.12` for web apps, `Python|3.12` for function apps).
"""

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import List, Optional

from .errors import InvalidValue

NEAR_EOL_DAYS = 180

ACTIVE = "active"
NEAR_EOL = "near-eol"
EOL = "eol"

_VERSION_INPUT = re.compile(
    r"""^(?:python|py)?          # optional language name, any case
         \s*[|:]?\s*             # optional separator: PYTHON|3.12, PYTHON:3.12, Python 3.12
         (?P<major>[1-9][0-9]*)\.(?P<minor>0|[1-9][0-9]*)     # ASCII digits, no leading zero: 3.013 is no version
         (?:\.(?:0|[1-9][0-9]*))?  # a patch level is accepted and dropped: 3.12.4 -> 3.12
         (?:(?:a|b|rc)[0-9]+)?     # as is a pre-release tag: 3.15.0b3 -> 3.15
    """, re.IGNORECASE | re.VERBOSE | re.ASCII)

_FX_VALUE = re.compile(r"^(?P<lang>[A-Za-z][A-Za-z0-9-]*)\|(?P<version>.+)$")


ACCEPTED_SPELLINGS = "a Python 3 version such as 3.12 (also accepted: PYTHON|3.12, python:3.12, py3.12, 3.12.4)"


class VersionInputError(InvalidValue):
    """A version value that names no Python 3 minor version."""

    def __init__(self, value, reason):
        super().__init__("version", value, reason, ACCEPTED_SPELLINGS)


def parse_version_input(value: Optional[str]) -> str:
    """Reduce any accepted spelling to `major.minor`, or raise VersionInputError saying why."""
    text = (value or "").strip(" \t")         # a newline or any other character is no part of a version
    if not text:
        raise VersionInputError(value, "is empty")
    match = _VERSION_INPUT.fullmatch(text)
    if not match:
        lang = _FX_VALUE.match(text)
        if lang and lang.group("lang").lower() != "python":
            raise VersionInputError(value, "is not a Python runtime")
        raise VersionInputError(value, "is not a Python version")
    major, minor = int(match.group("major")), int(match.group("minor"))
    if major != 3:
        raise VersionInputError(value, "is not Python 3; App Service runs Python 3 only")
    return f"{major}.{minor}"


@dataclass(frozen=True)
class FxVersion:
    """A `linuxFxVersion` split into language and version, with the canonical-spelling verdict."""
    raw: str
    language: Optional[str]
    version: Optional[str]
    well_formed: bool


def parse_linux_fx_version(value: Optional[str]) -> FxVersion:
    """Split `LANG|VERSION`; a Python value is well formed only as `python|3.N` (any case, no spaces)."""
    raw = value or ""
    match = _FX_VALUE.match(raw)
    if match:
        language = match.group("lang").lower()
        version = match.group("version")
        well_formed = language != "python" or re.fullmatch(r"3\.\d+", version) is not None
        return FxVersion(raw, language, version, well_formed)
    looks_python = raw.strip().lower().startswith("python")
    return FxVersion(raw, "python" if looks_python else None, None, not looks_python and raw == "")


@dataclass(frozen=True)
class RuntimeOption:  # pylint: disable=too-many-instance-attributes  # a plain record of one catalogue entry
    """One Linux Python entry of the stacks catalogue."""
    version: str
    linux_fx_version: str
    end_of_life: Optional[date]
    hidden: bool = False
    deprecated: bool = False
    preview: bool = False
    early_access: bool = False
    worker_runtime: Optional[str] = None      # function apps: FUNCTIONS_WORKER_RUNTIME the stack expects
    extension_versions: tuple = ()            # function apps: supported FUNCTIONS_EXTENSION_VERSION values

    @property
    def offered(self):
        return not (self.hidden or self.deprecated)


def _parse_date(value) -> Optional[date]:
    if not value or not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def parse_stacks(body, language: str = "python") -> List[RuntimeOption]:
    """Linux entries of one language from a webAppStacks/functionAppStacks body, newest first.

    Tolerant by design: every flag may be absent, `endOfLifeDate` may be missing or malformed,
    and entries without Linux settings are skipped.
    """
    options = []
    for stack in _list(body, "value"):
        if not isinstance(stack.get("name"), str) or stack["name"].lower() != language:
            continue
        for major in _list(stack.get("properties"), "majorVersions"):
            for minor in _list(major, "minorVersions"):
                option = _parse_minor(minor)
                if option:
                    options.append(option)
    options.sort(key=lambda o: _version_key(o.version), reverse=True)
    return options


def _list(parent, key):
    """parent[key] as a list of objects, whatever shape the body has: anything else is skipped."""
    value = parent.get(key) if isinstance(parent, dict) else None
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _parse_minor(minor) -> Optional[RuntimeOption]:
    settings = minor.get("stackSettings")
    linux = settings.get("linuxRuntimeSettings") if isinstance(settings, dict) else None
    if not isinstance(linux, dict) or not isinstance(linux.get("runtimeVersion"), str):
        return None
    dictionary = linux.get("siteConfigPropertiesDictionary")
    fx = (dictionary.get("linuxFxVersion") if isinstance(dictionary, dict) else None) or linux["runtimeVersion"]
    if not isinstance(fx, str):
        return None
    version = parse_linux_fx_version(fx).version or minor.get("value")
    if not isinstance(version, str) or not re.fullmatch(r"[0-9]+\.[0-9]+", version):
        return None
    app_settings = linux.get("appSettingsDictionary") if isinstance(linux.get("appSettingsDictionary"), dict) else {}
    host_versions = linux.get("supportedFunctionsExtensionVersions")
    host_versions = host_versions if isinstance(host_versions, list) else []
    return RuntimeOption(
        version=version,
        linux_fx_version=fx,
        end_of_life=_parse_date(linux.get("endOfLifeDate")),
        hidden=linux.get("isHidden") is True,
        deprecated=linux.get("isDeprecated") is True,
        preview=linux.get("isPreview") is True,
        early_access=linux.get("isEarlyAccess") is True,
        worker_runtime=_text(app_settings.get("FUNCTIONS_WORKER_RUNTIME")),
        extension_versions=tuple(v for v in host_versions if isinstance(v, str)),
    )


def _text(value):
    return value if isinstance(value, str) else None


def _version_key(version):
    return tuple(int(part) if part.isdigit() else 0 for part in re.split(r"[.\-]", version))


def support_state(option: RuntimeOption, today: date) -> str:
    if option.end_of_life is None:
        return EOL if option.deprecated else ACTIVE
    days_left = (option.end_of_life - today).days
    if days_left <= 0:
        return EOL
    return NEAR_EOL if days_left <= NEAR_EOL_DAYS else ACTIVE


def find_option(options: List[RuntimeOption], version: str) -> Optional[RuntimeOption]:
    """The catalogue entry for `major.minor` among offered entries (hidden/deprecated excluded)."""
    for option in options:
        if option.offered and option.version == version:
            return option
    return None


def offered_versions(options: List[RuntimeOption], today: date, include_eol=False) -> List[str]:
    return [o.version for o in options
            if o.offered and (include_eol or support_state(o, today) != EOL)]


def newest_supported(options: List[RuntimeOption], today: date) -> Optional[RuntimeOption]:
    for option in options:
        if option.offered and not option.preview and support_state(option, today) != EOL:
            return option
    return None
