# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Project facts from the two places a project can be read: a local folder, or the deployed files."""

from typing import Optional, Tuple

from ..platform.deployed import COMPRESSED_NOTE, listing_failure, scm_domains, trusted_scm_host, untrusted_scm_host
from ..platform.project import ProjectFacts, build_facts
from ..platform.settings import CUSTOM_REQUIREMENTSTXT_PATH
from ..platform.snapshot import AppSnapshot


def local_project(source, settings=None) -> ProjectFacts:
    """The facts of a local folder; an app's settings name its requirements file (CUSTOM_REQUIREMENTSTXT_PATH)."""
    from ..adapters.files import scan
    return project_facts(scan(source), settings)


def project_facts(tree, settings=None) -> ProjectFacts:
    return build_facts(tree, (settings or {}).get(CUSTOM_REQUIREMENTSTXT_PATH))


def scm_site(cli_ctx, snapshot: AppSnapshot):
    """(a Kudu client for the app's SCM site, None), or (None, why the CLI's token may not go there)."""
    from ..adapters.kudu import Kudu
    host = snapshot.scm_host
    cloud = cli_ctx.cloud
    if not trusted_scm_host(host, scm_domains(cloud.name, getattr(cloud.endpoints, "resource_manager", None))):
        return None, untrusted_scm_host(host)
    return Kudu(cli_ctx, host), None


def deployed_project(cli_ctx, snapshot: AppSnapshot, kudu=None) -> Tuple[Optional[ProjectFacts], Optional[str]]:
    """(facts of the deployed files, None), or (None, why they cannot be listed)."""
    kudu, refused = (kudu, None) if kudu is not None else scm_site(cli_ctx, snapshot)
    if kudu is None:
        return None, refused
    host = kudu.host
    listing = kudu.listing()
    if listing.failed:
        return None, listing_failure(host, listing.status)
    if listing.compressed:
        return None, COMPRESSED_NOTE
    return project_facts(listing.tree, snapshot.settings), None
