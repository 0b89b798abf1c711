# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Retired platforms: Python on Windows App Service (web.config with wfastcgi or HttpPlatform) and Azure
Cloud Services, and the Linux startup command each one's configuration corresponds to."""

import re
from xml.etree import ElementTree
from dataclasses import dataclass
from typing import Optional

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
    the `arguments` Python was started with, with the platform's port variable for %HTTP_PLATFORM_PORT%."""
    if config.handler == FASTCGI and config.wsgi_handler:
        handler = config.wsgi_handler.strip()
        module, _, obj = handler.rpartition(".")
        return f"gunicorn --bind=0.0.0.0 --timeout 600 {(f'{module}:{obj}' if module else handler)}"
    if config.handler == HTTP_PLATFORM and config.arguments:
        arguments = re.sub(r"%HTTP_PLATFORM_PORT%", "$PORT", config.arguments).strip()
        if arguments.startswith("manage.py") and "runserver" in arguments:
            return "python manage.py runserver 0.0.0.0:$PORT"
        return f"python {arguments}"
    return None


def cloud_service_markers(files) -> list:
    return [name for name in CLOUD_SERVICE_MARKERS if any(p == name or p.endswith(f"/{name}") for p in files)]
