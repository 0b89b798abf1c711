# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""The Kudu adapter: which files are deployed in site/wwwroot, from the SCM site's VFS API.

Only names are read: the root and, concurrently, each first-level folder (all the startup and Functions
rules look at), with the CLI's Entra token. Any failure to reach the SCM site is returned, never raised.
"""

import json
from dataclasses import dataclass
from typing import Optional

from ..platform.deployed import is_compressed_output
from ..platform.project import SKIPPED_DIRS, VENV_MARKER, ProjectTree, is_virtualenv
from .concurrency import gather

MAX_FOLDERS = 12


class _OddAnswer(Exception):
    def __init__(self, status):
        super().__init__(status)
        self.status = status


@dataclass
class Listing:
    tree: Optional[ProjectTree] = None
    compressed: bool = False
    failed: bool = False
    status: Optional[int] = None         # the SCM site's answer when it failed; None: unreachable


RETRY = {"retry_total": 2, "retry_backoff_factor": 0.5}      # a listing is optional: fail fast (3 attempts)


class Kudu:  # pylint: disable=too-few-public-methods  # an SCM site client with one operation, listing
    def __init__(self, cli_ctx, scm_host):
        from azure.cli.core._profile import Profile
        from azure.core import PipelineClient
        from azure.core.pipeline.policies import BearerTokenCredentialPolicy, HeadersPolicy, UserAgentPolicy
        from azure.cli.core.util import get_az_user_agent
        from .retry import CappedRetryPolicy
        credential, _, _ = Profile(cli_ctx=cli_ctx).get_login_credentials()
        scope = f"{cli_ctx.cloud.endpoints.active_directory_resource_id.rstrip('/')}/.default"
        self.host = scm_host
        self._client = PipelineClient(base_url=f"https://{scm_host}", policies=[
            HeadersPolicy(), UserAgentPolicy(base_user_agent=f"{get_az_user_agent()} pyappsvc"),
            CappedRetryPolicy(**RETRY), BearerTokenCredentialPolicy(credential, scope)])

    def _list(self, folder):
        """[(name, is_folder)] of one wwwroot folder; [] when it does not exist. Anything but a JSON list (a login
        page, a redirect, an error) raises _OddAnswer with the status."""
        from azure.core.rest import HttpRequest
        url = f"https://{self.host}/api/vfs/site/wwwroot/{folder}"
        response = self._client.send_request(HttpRequest("GET", url, headers={"Accept": "application/json"}),
                                             connection_timeout=10, read_timeout=30)
        if response.status_code == 404:
            return []
        if response.status_code != 200:
            raise _OddAnswer(response.status_code)
        try:
            entries = json.loads(response.text())
        except (ValueError, RecursionError):         # not JSON, or nested deeper than the parser goes
            raise _OddAnswer(response.status_code) from None
        if not isinstance(entries, list):
            raise _OddAnswer(response.status_code)
        found = []
        for entry in entries:
            name = entry.get("name") if isinstance(entry, dict) else None
            if isinstance(name, str) and name and "/" not in name:
                is_folder = entry.get("mime") == "inode/directory" or str(entry.get("href", "")).endswith("/")
                found.append((name, is_folder))
        return found

    def listing(self) -> Listing:
        from azure.core.exceptions import AzureError
        try:
            root = self._list("")
            files = {name for name, is_folder in root if not is_folder}
            if is_compressed_output(files):
                return Listing(compressed=True)
            folders = sorted(name for name, is_folder in root if is_folder and name not in SKIPPED_DIRS)
            opened = folders[:MAX_FOLDERS]
            contents = gather(*[(lambda f=folder: self._list(f"{f}/")) for folder in opened])
        except _OddAnswer as odd:
            return Listing(failed=True, status=odd.status)
        except AzureError:                  # unreachable, or no answer the pipeline could read
            return Listing(failed=True)
        dirs, virtualenvs = set(), set()
        children_of = dict(zip(opened, contents))
        for folder in folders:
            children = children_of.get(folder)
            marker = None if children is None else (VENV_MARKER, False) in children
            if is_virtualenv(folder, marker):
                virtualenvs.add(folder)
                continue
            dirs.add(folder)
            for name, is_folder in children or []:
                (dirs if is_folder else files).add(f"{folder}/{name}")
        listed = frozenset([""] + [f for f in opened if f in dirs])
        return Listing(ProjectTree(frozenset(files), frozenset(dirs), frozenset(virtualenvs), texts=None,
                                   listed_dirs=listed))
