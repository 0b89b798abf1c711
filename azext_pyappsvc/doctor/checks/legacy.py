# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Legacy platforms — LEG: projects made for Python on Windows App Service or Azure Cloud Services.

Every command here comes from platform/legacy/derive.py, the derivation `az pyappsvc migrate` uses; a
configuration file that cannot be read safely derives nothing (migrate says why)."""

from ...platform.errors import PlatformError
from ...platform.legacy.derive import (CLOUD_SERVICE, cloud_service_markers, derive, effective_web_config,
                                       startup_from_web_config)
from ...platform.legacy.webconfig import FASTCGI, HTTP_PLATFORM, versioned_web_config_version
from ...platform.problems import INFO
from ..catalog import Finding, Fix, check
from ..fixes import pyappsvc

MIGRATE = Fix.describe("Run `az pyappsvc migrate --source` on the project for the full migration plan.")


def _web_config(subject):
    try:
        return effective_web_config(subject.project)
    except PlatformError:
        return None


def _derived(subject, handler):
    config = _web_config(subject)
    startup = startup_from_web_config(config, subject.project) if config and config.handler == handler else None
    if startup is None:
        return None
    if startup.command is None:
        return Finding(f"{startup.origin}: {startup.what}; no Linux startup command can be derived: {startup.why}.",
                       MIGRATE)
    if startup.command == subject.app_command:     # the app already runs the equivalent: done
        return None
    errors = [problem.message for problem in startup.problems if problem.is_error]
    if errors:      # set-startup --source would refuse it (operations/set_startup.py): no fix it cannot apply
        return Finding(f"{startup.origin}: {startup.what}; on Linux the equivalent would be {startup.command} "
                       f"({startup.why}), but it fails against the project: {errors[0]}", MIGRATE)
    return Finding(f"{startup.origin}: {startup.what}; on Linux the equivalent is: {startup.command} "
                   f"({startup.why}).", pyappsvc(subject, "set-startup", "--command", startup.command))


@check("LEG001", INFO, "web.config with FastCGI (wfastcgi)", needs=("files", "contents"))
def leg001(subject):
    return _derived(subject, FASTCGI)


@check("LEG002", INFO, "web.config with HttpPlatform", needs=("files", "contents"))
def leg002(subject):
    return _derived(subject, HTTP_PLATFORM)


@check("LEG003", INFO, "Azure Cloud Services project", needs=("files",))
def leg003(subject):
    markers = cloud_service_markers(subject.project)
    if not markers:
        return None
    detail = (f"{', '.join(markers)} {'belongs' if len(markers) == 1 else 'belong'} to Azure Cloud Services "
              "(classic), a retired platform: web roles map to App Service, worker roles to WebJobs or Functions.")
    try:
        derivation = derive(subject.project) if subject.project.contents_available else None
    except PlatformError:
        derivation = None
    if derivation is not None and derivation.platform == CLOUD_SERVICE:
        if derivation.startup and derivation.startup.command:
            detail += (f" The web role in {derivation.app_folder or 'the project root'} starts on Linux with: "
                       f"{derivation.startup.command}.")
        detail += "".join(f" Worker role {w.name}: {w.why}." for w in derivation.workers if w.command)
    return Finding(detail, MIGRATE)


@check("LEG004", INFO, "web.<version>.config", needs=("files",))
def leg004(subject):
    versioned = sorted(p for p in subject.project.files if "/" not in p and versioned_web_config_version(p))
    if not versioned:
        return None
    versions = ", ".join(f"{path} (Python {versioned_web_config_version(path)})" for path in versioned)
    return Finding(f"{versions}: on Windows, Kudu copied web.<PYTHON_VER>.config over web.config at deployment; "
                   "LEG001/LEG002 read it as the app's web.config.", MIGRATE)
