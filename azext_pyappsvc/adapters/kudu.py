# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""The Kudu adapter: which files are deployed in site/wwwroot, from the SCM site's VFS API.

Only names are read (the root and, concurrently, each first-level folder, which is all the startup
and Functions rules look at). When the deployment is Oryx's compressed output (output.tar.gz plus
oryx-manifest.toml) the sources are inside the archive and cannot be listed: that is reported,
not guessed. Any failure to reach the SCM site becomes a note, never an exception.
"""

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Optional, Set

from .project import SKIPPED_DIRS

MAX_FOLDERS = 12
COMPRESSED_MARKERS = ("output.tar.gz", "output.tar.zst")


@dataclass
class DeployedFiles:
    files: Set[str] = field(default_factory=set)
    dirs: Set[str] = field(default_factory=set)
    virtualenvs: Set[str] = field(default_factory=set)
    compressed: bool = False
    error: Optional[str] = None       # why the listing is unavailable


class Kudu:
    def __init__(self, cli_ctx, scm_host):
        from azure.cli.core._profile import Profile
        from azure.core import PipelineClient
        from azure.core.pipeline.policies import (BearerTokenCredentialPolicy, HeadersPolicy, RetryPolicy,
                                                  UserAgentPolicy)
        from azure.cli.core.util import get_az_user_agent
        credential, _, _ = Profile(cli_ctx=cli_ctx).get_login_credentials()
        scope = cli_ctx.cloud.endpoints.active_directory_resource_id.rstrip("/") + "/.default"
        self.host = scm_host
        self._client = PipelineClient(base_url="https://" + scm_host, policies=[
            HeadersPolicy(), UserAgentPolicy(base_user_agent=get_az_user_agent() + " pyappsvc"),
            RetryPolicy(retry_total=2, retry_backoff_factor=0.5), BearerTokenCredentialPolicy(credential, scope)])

    def _list(self, folder):
        from azure.core.rest import HttpRequest
        url = "https://{}/api/vfs/site/wwwroot/{}".format(self.host, folder)
        response = self._client.send_request(HttpRequest("GET", url),
                                             connection_timeout=10, read_timeout=30)
        if response.status_code == 404:
            return []
        response.raise_for_status()
        entries = response.json()
        return entries if isinstance(entries, list) else []

    def deployed_files(self) -> DeployedFiles:
        from azure.core.exceptions import HttpResponseError, ServiceRequestError, ServiceResponseError
        result = DeployedFiles()
        try:
            root = self._list("")
            _add(result, "", root)
            if any(name in result.files for name in COMPRESSED_MARKERS) and "oryx-manifest.toml" in result.files:
                result.compressed = True
                return result
            folders = sorted(d for d in result.dirs if d not in SKIPPED_DIRS)[:MAX_FOLDERS]
            with ThreadPoolExecutor(max_workers=4) as pool:
                for folder, entries in zip(folders, pool.map(lambda f: self._list(f + "/"), folders)):
                    _add(result, folder + "/", entries)
        except HttpResponseError as error:
            reason = {401: "was refused (401)", 403: "was refused (403): listing files needs the 'Website "
                      "Contributor' role or SCM access"}.get(error.status_code, "answered {}".format(error.status_code))
            result.error = "The SCM site {} {}.".format(self.host, reason)
        except (ServiceRequestError, ServiceResponseError) as error:
            result.error = "The SCM site {} could not be reached ({}).".format(self.host, type(error).__name__)
        return result


def _add(result, prefix, entries):
    for entry in entries:
        name = (entry or {}).get("name")
        if not name:
            continue
        path = prefix + name
        if (entry.get("mime") == "inode/directory") or str(entry.get("href", "")).endswith("/"):
            if name == "antenv" or name in (".venv", "venv"):
                result.virtualenvs.add(path)
            else:
                result.dirs.add(path)
        else:
            result.files.add(path)


def deployed_facts(cli_ctx, snapshot):
    """(ProjectFacts of the deployed files, None), or (None, why they cannot be listed)."""
    from .projectfacts import build_facts
    if not snapshot.scm_host:
        return None, "The app has no SCM site to list its files."
    listing = Kudu(cli_ctx, snapshot.scm_host).deployed_files()
    if listing.error:
        return None, listing.error
    if listing.compressed:
        return None, ("The deployment is Oryx's compressed output (output.tar.gz): the source files are inside the "
                      "archive and cannot be listed; pass --source with a local copy.")
    return build_facts(listing.files, listing.dirs, None, listing.virtualenvs), None
