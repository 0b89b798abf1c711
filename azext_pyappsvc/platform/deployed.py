# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Rules about what is deployed in site/wwwroot, as the SCM site lists it.

With Oryx's compressed output (KuduLite AppServiceOryxArguments.cs passes --compress-destination-dir),
wwwroot holds output.tar.gz plus oryx-manifest.toml and the sources are inside the archive: they cannot
be listed, so nothing is guessed.
"""

import re
from typing import Optional, Tuple

COMPRESSED_MARKERS = ("output.tar.gz", "output.tar.zst")
# The SCM (Kudu) host names of each cloud: <app>.scm.<domain> in the multi-tenant service, and
# <app>.scm.<ase>.<ase domain> in an App Service Environment. The CLI's bearer token goes to no other host.
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,62})"
SCM_DOMAINS = {
    "azurecloud": ("azurewebsites.net", "appserviceenvironment.net"),
    "azureusgovernment": ("azurewebsites.us", "appserviceenvironment.us"),
    "azurechinacloud": ("chinacloudsites.cn", "appserviceenvironment.cn"),
}


DEFAULT_PAGE = "hostingstart.html"      # what App Service puts in an empty wwwroot


def nothing_deployed(files, dirs) -> bool:
    """wwwroot holds no code: no folder and no file but App Service's own hostingstart.html. Everything
    startup detection says about such a folder is a consequence of this one cause: Oryx then falls back to
    the default site (src/startupscriptgenerator/src/python/scriptgenerator.go, "No framework detected")."""
    return not dirs and all(path == DEFAULT_PAGE for path in files)


def scm_domains(cloud: str, resource_manager: Optional[str] = None) -> Tuple[str, ...]:
    """The domains whose SCM sites may receive the CLI's token: the table's for Azure's clouds; for another cloud
    (Azure Stack Hub) App Service's domain next to its ARM endpoint, `appservice.<region>.<fqdn>` beside
    `management.<region>.<fqdn>` (Azure Stack Hub's App Service deployment guide)."""
    known = SCM_DOMAINS.get((cloud or "").lower())
    if known:
        return known
    host = re.sub(r"^[a-z]+://", "", (resource_manager or "").lower()).split("/")[0].split(":")[0]
    label, _, rest = host.partition(".")
    return (f"appservice.{rest}",) if label == "management" and "." in rest else ()


def trusted_scm_host(host: Optional[str], domains: Tuple[str, ...]) -> bool:
    """Whether `host` is an SCM site in one of `domains` (and so may receive the CLI's token): `<app>.scm.<domain>`
    or, for an App Service Environment domain, `<app>.scm.<ase>.<domain>`."""
    if not host or not domains:
        return False
    patterns = [rf"{_LABEL}\.scm\.{re.escape(domain)}" for domain in domains[:1]]
    patterns += [rf"{_LABEL}\.scm\.{_LABEL}\.{re.escape(domain)}" for domain in domains[1:]]
    return re.fullmatch("|".join(patterns), host.lower()) is not None


def untrusted_scm_host(host: Optional[str]) -> str:
    return (f"The app's SCM host {host!r} is not an App Service SCM site of this cloud, so the deployed files were "
            "not listed (the CLI's token goes to no other host)." if host else NO_SCM_SITE)


ORYX_MANIFEST = "oryx-manifest.toml"
LISTING_ROLE_HINT = "listing files needs the 'Website Contributor' role or SCM access"


def is_compressed_output(root_files) -> bool:
    return ORYX_MANIFEST in root_files and any(name in root_files for name in COMPRESSED_MARKERS)


COMPRESSED_NOTE = ("The deployment is Oryx's compressed output (output.tar.gz): the source files are inside the "
                   "archive and cannot be listed; check a local copy of the project instead.")
NO_SCM_SITE = "The app has no SCM site to list its files."


def listing_failure(host: str, status: Optional[int]) -> str:
    """Why the deployed files could not be listed: the SCM site refused (and which role helps), redirected to a
    sign-in page or answered something else, or could not be reached (status None)."""
    return _scm_failure(host, status, LISTING_ROLE_HINT, "a file listing")


LOGS_ROLE_HINT = ("reading the deployment and container logs needs the 'Website Contributor' role (Entra access "
                  "to the SCM site, not only basic-auth publishing credentials)")


def logs_failure(host: str, status: Optional[int]) -> str:
    """Why the deployment and container logs could not be read, in the words of listing_failure."""
    return _scm_failure(host, status, LOGS_ROLE_HINT, "the logs", UNREACHABLE_HINT)


UNREACHABLE_HINT = (" If it is network-restricted (a private endpoint, SCM access restrictions), run doctor from a "
                    "network that can reach it.")


def _scm_failure(host: str, status: Optional[int], role_hint: str, expected: str, unreachable_hint="") -> str:
    if status is None:
        return f"The SCM site {host} could not be reached.{unreachable_hint}"
    if status in (401, 403):
        return f"The SCM site {host} was refused ({status}): {role_hint}."
    if 300 <= status < 400 or status == 200:
        return (f"The SCM site {host} answered {status} with a page instead of {expected} (a sign-in page or a "
                "redirect: the SCM site may accept only basic authentication, or be reachable only from a private "
                "network).")
    return f"The SCM site {host} answered {status}."
