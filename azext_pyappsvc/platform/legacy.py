# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Retired platforms: Python on Windows App Service (web.config with wfastcgi or HttpPlatform) and Azure
Cloud Services, and the Linux startup command each one's configuration corresponds to."""

import re
import shlex
from xml.etree import ElementTree
from dataclasses import dataclass
from typing import Optional

from .startup.command import is_valid_target

FASTCGI, HTTP_PLATFORM = "fastcgi", "httpplatform"
CLOUD_SERVICE_MARKERS = ("ServiceDefinition.csdef", "ConfigureCloudService.ps1", "LaunchWorker.ps1")


@dataclass
class WebConfig:
    handler: Optional[str]          # "fastcgi" | "httpplatform" | None
    wsgi_handler: Optional[str] = None
    arguments: Optional[str] = None


def parse_web_config(text) -> Optional[WebConfig]:
    """The handler a web.config declares; None when the XML cannot be parsed."""
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError:
        return None
    for element in root.iter():
        tag = element.tag.split("}")[-1]
        if tag == "add" and (element.get("key") or "").upper() == "WSGI_HANDLER":
            return WebConfig(FASTCGI, wsgi_handler=element.get("value"))
        if tag == "httpPlatform":
            return WebConfig(HTTP_PLATFORM, arguments=element.get("arguments"))
    return WebConfig(None)


def linux_command(config: WebConfig) -> Optional[str]:
    """The Linux startup command equivalent to the Windows handler, or None when there is none to derive.

    FastCGI: WSGI_HANDLER `module.object` is what gunicorn serves as `module:object`. HttpPlatform:
    the `arguments` Python was started with, with the platform's port variable for %HTTP_PLATFORM_PORT%.
    The command becomes a line of the app's startup script, so nothing in web.config may add shell to it: a handler
    that is no Python name derives nothing, and every argument is shell-quoted."""
    if config.handler == FASTCGI and config.wsgi_handler:
        handler = config.wsgi_handler.strip()
        module, _, obj = handler.rpartition(".")
        target = f"{module}:{obj}" if module else handler
        return shlex.join(["gunicorn", "--bind=0.0.0.0", "--timeout", "600", target]) \
            if is_valid_target(target) else None
    if config.handler == HTTP_PLATFORM and config.arguments:
        try:
            words = [_linux_path(word) for word in shlex.split(config.arguments, posix=False)]
        except ValueError:
            return None
        if words[:2] == ["manage.py", "runserver"]:
            return "python manage.py runserver 0.0.0.0:${PORT}"
        return " ".join(["python"] + [_with_port(word) for word in words]) if words else None
    return None


def _linux_path(word: str) -> str:
    """A Windows command-line word as Linux sees it: unquoted, and a path into D:\\home\\site\\wwwroot relative to
    the app's folder (where the startup command runs)."""
    if len(word) > 1 and word[0] == word[-1] and word[0] in "\"'":
        word = word[1:-1]
    if "\\" in word:
        word = re.sub(r"(?i)^[a-z]:/home/site/wwwroot/", "", word.replace("\\", "/"))
    return word


def _with_port(word: str) -> str:
    """One argument, shell-quoted, with App Service's ${PORT} (left for the app's shell to expand) where IIS had
    %HTTP_PLATFORM_PORT%."""
    parts = re.split("%HTTP_PLATFORM_PORT%", word, flags=re.IGNORECASE)
    return "${PORT}".join(shlex.quote(part) if part else "" for part in parts)


def cloud_service_markers(files) -> list:
    return [name for name in CLOUD_SERVICE_MARKERS if any(p == name or p.endswith(f"/{name}") for p in files)]
