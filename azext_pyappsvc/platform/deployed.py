# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Rules about what is deployed in site/wwwroot, as the SCM site lists it.

With Oryx's compressed output (KuduLite AppServiceOryxArguments.cs passes --compress-destination-dir),
wwwroot holds output.tar.gz plus oryx-manifest.toml and the sources are inside the archive: they cannot
be listed, so nothing is guessed.
"""

from typing import Optional

COMPRESSED_MARKERS = ("output.tar.gz", "output.tar.zst")
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
    if status is None:
        return f"The SCM site {host} could not be reached."
    if status in (401, 403):
        return f"The SCM site {host} was refused ({status}): {LISTING_ROLE_HINT}."
    if 300 <= status < 400 or status == 200:
        return (f"The SCM site {host} answered {status} with a page instead of a file listing (a sign-in page or a "
                "redirect: the SCM site may accept only basic authentication, or be reachable only from a private "
                "network).")
    return f"The SCM site {host} answered {status}."
