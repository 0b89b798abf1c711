# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Legacy platforms — LEG: projects made for Python on Windows App Service or Azure Cloud Services."""

from ...platform.legacy import FASTCGI, HTTP_PLATFORM, cloud_service_markers, linux_command, parse_web_config
from ...platform.problems import INFO
from ..catalog import Finding, check
from ..fixes import pyappsvc


def _web_config(subject):
    text = subject.project.text("web.config")
    return parse_web_config(text) if text else None


def _derived(subject, handler, what):
    config = _web_config(subject)
    if not config or config.handler != handler:
        return None
    command = linux_command(config)
    if command is None or command == subject.app_command:     # the app already runs the equivalent: done
        return None
    return Finding(f"web.config {what(config)}; on Linux the equivalent is: {command}",
                   pyappsvc(subject, "set-startup", "--command", command))


@check("LEG001", INFO, "web.config with FastCGI (wfastcgi)", needs=("files", "contents"))
def leg001(subject):
    return _derived(subject, FASTCGI, lambda config: "uses the Windows FastCGI handler with "
                                                     f"WSGI_HANDLER={config.wsgi_handler.strip()}")


@check("LEG002", INFO, "web.config with HttpPlatform", needs=("files", "contents"))
def leg002(subject):
    return _derived(subject, HTTP_PLATFORM, lambda config: "starts the app through HttpPlatform with arguments "
                                                           f"{config.arguments!r}")


@check("LEG003", INFO, "Azure Cloud Services project", needs=("files",))
def leg003(subject):
    markers = cloud_service_markers(subject.project.files)
    if markers:
        return Finding(f"{', '.join(markers)} belong to Azure Cloud Services (classic), a retired platform: web roles "
                       "map to App Service, worker roles to WebJobs or Functions.")
    return None
