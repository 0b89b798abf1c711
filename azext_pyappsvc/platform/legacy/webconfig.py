# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Python on Windows App Service: what a web.config (or a web.<version>.config) tells IIS to run, and the Linux
startup command it corresponds to.

FastCGI: `<add key="WSGI_HANDLER" value="app.wsgi_app"/>` is what wfastcgi imports (microsoft/PTVS
Python/Product/WFastCgi/wfastcgi.py: `module.attr`, a trailing `()` calls it); behind PTVS's virtualenv proxy
(`ptvs_virtualenv_proxy.get_venv_handler()`) the real handler is WSGI_ALT_VIRTUALENV_HANDLER. HttpPlatform:
`<httpPlatform processPath="...python.exe" arguments="..."/>` starts a process that listens on
%HTTP_PLATFORM_PORT% (IIS HttpPlatformHandler configuration reference). Kudu's Python deployment copied
`web.%PYTHON_VER%.config` over web.config (projectkudu/KuduScript lib/templates/deploy.batch.python.template).
"""

import re
import shlex
from dataclasses import dataclass
from typing import Optional, Tuple

from ..startup.command import entrypoint_word
from .safexml import children, descendants, parse_xml, tag

FASTCGI, HTTP_PLATFORM = "fastcgi", "httpplatform"
WEB_CONFIG = "web.config"
VERSIONED_WEB_CONFIG = re.compile(r"web\.(?P<version>[23]\.\d+)\.config")
PTVS_PROXY = "ptvs_virtualenv_proxy"
ALT_HANDLER = "WSGI_ALT_VIRTUALENV_HANDLER"
PORT_VARIABLE = re.compile("%HTTP_PLATFORM_PORT%", re.IGNORECASE)
_WWWROOT = re.compile(r"(?i)^(?:[a-z]:/home|%home(?:_expanded)?%)/site/wwwroot(?:/|$)")
_WINDOWS_PATH = re.compile(r"(?i)^[a-z]:|\\|%[a-z_]+%")


@dataclass(frozen=True)
class WebConfig:  # pylint: disable=too-many-instance-attributes  # a plain record of one file
    path: str
    handler: Optional[str]                  # FASTCGI | HTTP_PLATFORM | None
    wsgi_handler: Optional[str] = None
    alt_handler: Optional[str] = None       # WSGI_ALT_VIRTUALENV_HANDLER (behind the PTVS proxy)
    process_path: Optional[str] = None
    arguments: Optional[str] = None
    script_processor: Optional[str] = None  # the FastCGI handler's python.exe|wfastcgi.py
    settings: Tuple[Tuple[str, str], ...] = ()    # <appSettings> in file order

    @property
    def python_path(self) -> Optional[str]:
        """The python.exe the file names (FastCGI scriptProcessor, HttpPlatform processPath)."""
        return (self.script_processor or "").split("|")[0] or self.process_path


def parse_web_config(path: str, text: str) -> WebConfig:
    """What a web.config declares; UnreadableConfig when it is no safe, well-formed XML."""
    root = parse_xml(path, text)
    settings = tuple((node.get("key"), node.get("value") or "") for section in descendants(root, "appSettings")
                     for node in children(section, "add") if node.get("key"))
    values = {key.upper(): value for key, value in settings}
    processor = next((node.get("scriptProcessor") for handlers in descendants(root, "handlers")
                      for node in children(handlers, "add")
                      if (node.get("modules") or "").lower() == "fastcgimodule" and node.get("scriptProcessor")),
                     None)
    platform = next(iter(descendants(root, "httpPlatform")), None)
    common = {"settings": settings, "alt_handler": values.get(ALT_HANDLER), "script_processor": processor}
    if values.get("WSGI_HANDLER"):
        return WebConfig(path, FASTCGI, wsgi_handler=values["WSGI_HANDLER"].strip(), **common)
    if platform is not None and tag(platform) == "httpPlatform":
        return WebConfig(path, HTTP_PLATFORM, process_path=platform.get("processPath"),
                         arguments=platform.get("arguments"), **common)
    return WebConfig(path, FASTCGI if processor else None, **common)


def versioned_web_config_version(path: str) -> Optional[str]:
    """3.4 for web.3.4.config (a file Kudu copied over web.config for PYTHON_VER 3.4), else None."""
    match = VERSIONED_WEB_CONFIG.fullmatch(path.rsplit("/", 1)[-1])
    return match.group("version") if match else None


def wsgi_target(handler: Optional[str]) -> Optional[str]:
    """wfastcgi's `module.attr` (or `module.factory()`) as gunicorn's `module:attr`, or None."""
    handler = (handler or "").strip()
    module, _, obj = handler[:-2].rpartition(".") if handler.endswith("()") else handler.rpartition(".")
    if not module:
        return None
    return f"{module}:{obj}()" if handler.endswith("()") else f"{module}:{obj}"


def linux_words(arguments: str) -> Optional[list]:
    """The HttpPlatform arguments as Linux words: unquoted, paths into the site's wwwroot made relative to the app's
    folder (where the startup command runs); None when they cannot be split."""
    try:
        words = shlex.split(arguments, posix=False)
    except ValueError:
        return None
    return [_linux_path(word) for word in words]


def _linux_path(word: str) -> str:
    if len(word) > 1 and word[0] == word[-1] and word[0] in "\"'":
        word = word[1:-1]
    if "\\" in word or "%" in word or re.match(r"(?i)[a-z]:/", word):     # IIS takes D:/home/... too
        slashed = word.replace("\\", "/")
        relative = _WWWROOT.sub("", slashed)
        if relative != slashed:
            return relative or "."
    return word


def windows_word(word: str) -> bool:
    """A word only Windows understands: a drive, a backslash, a %VARIABLE% (other than the port)."""
    return bool(_WINDOWS_PATH.search(PORT_VARIABLE.sub("", word)))


def with_port(word: str) -> Optional[str]:
    """One argument quoted for the startup command (double quotes: the image's single-quoted eval mangles single
    ones, STA012), with App Service's ${PORT} (expanded by the app's shell) for %HTTP_PLATFORM_PORT%; None when no
    quoting carries it through that eval."""
    parts = [entrypoint_word(part) if part else "" for part in PORT_VARIABLE.split(word)]
    return None if None in parts else "${PORT}".join(parts)


def program_name(process_path: Optional[str]) -> Optional[str]:
    """`python` for any python.exe the processPath names, else the program's own name (waitress-serve.exe ->
    waitress-serve)."""
    name = re.split(r"[\\/]", (process_path or "").strip().strip('"'))[-1]
    name = name[:-4] if name.lower().endswith(".exe") else name
    if re.fullmatch(r"(?i)python[0-9.]*w?|py", name):
        return "python"
    return name if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", name) else None
