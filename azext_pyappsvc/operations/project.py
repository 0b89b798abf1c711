# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Project facts from the two places a project can be read: a local folder, or the deployed files."""

from typing import Optional, Tuple

from ..platform.deployed import COMPRESSED_NOTE, NO_SCM_SITE, listing_failure
from ..platform.project import ProjectFacts, build_facts
from ..platform.settings import CUSTOM_REQUIREMENTSTXT_PATH
from ..platform.snapshot import AppSnapshot


def local_project(source, settings=None) -> ProjectFacts:
    """The facts of a local folder; an app's settings name its requirements file (CUSTOM_REQUIREMENTSTXT_PATH)."""
    from ..adapters.files import scan
    return project_facts(scan(source), settings)


def project_facts(tree, settings=None) -> ProjectFacts:
    return build_facts(tree, (settings or {}).get(CUSTOM_REQUIREMENTSTXT_PATH))


def deployed_project(cli_ctx, snapshot: AppSnapshot) -> Tuple[Optional[ProjectFacts], Optional[str]]:
    """(facts of the deployed files, None), or (None, why they cannot be listed)."""
    from ..adapters.kudu import Kudu
    host = snapshot.scm_host
    if not host:
        return None, NO_SCM_SITE
    listing = Kudu(cli_ctx, host).listing()
    if listing.failed:
        return None, listing_failure(host, listing.status)
    if listing.compressed:
        return None, COMPRESSED_NOTE
    return project_facts(listing.tree, snapshot.settings), None
