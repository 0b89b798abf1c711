# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""The Kudu adapter: what the app's SCM site says, with the CLI's Entra token (never publishing credentials).

- which files are deployed in site/wwwroot (the VFS API): only names, the root and, concurrently, each
  first-level folder (all the startup and Functions rules look at);
- the evidence of what happened: the latest deployment and its log entries (KuduLite DeploymentController.cs,
  DeployResult.cs, LogEntry.cs: `status` 3 failed / 4 success, `log_url`, each entry's `details_url`), the
  current Docker logs (DiagnosticsController.cs GetDockerLogs: `machineName`, `lastUpdated`, `size`, `href`) and
  the last TAIL_BYTES of a log file through an HTTP Range request on the VFS API (never more bytes than that).

A URL read from an answer (`log_url`, `details_url`, `href`) is followed only on this app's own SCM host over
https, so the token goes nowhere else. Any failure to reach the SCM site is returned, never raised.
"""

import json
from dataclasses import dataclass, field
from typing import List, Optional
from urllib.parse import urlsplit

from ..platform.deployed import is_compressed_output
from ..platform.logs import MAX_DETAILS, TAIL_BYTES, deployment_log_needed, failed_deployment, logs_to_read
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


@dataclass(frozen=True)
class DockerLog:
    """One current Docker log file as /api/logs/docker lists it."""
    machine: str                 # `<instance>_default` for the app's container, `<instance>` for the platform's
    href: str
    size: int
    last_updated: str            # ISO 8601, UTC


@dataclass(frozen=True)
class Tail:
    """The end of a log file: `cut` when it starts inside the file (the first line is then partial)."""
    text: str
    cut: bool


@dataclass
class Evidence:
    """What the SCM site says happened; `failed` with the SCM site's status (None: unreachable) when it could not
    be read."""
    deployment: Optional[dict] = None
    deployment_entries: List[dict] = field(default_factory=list)     # the log entries, then their details
    tails: List[tuple] = field(default_factory=list)                 # (DockerLog, Tail), the app's log first
    failed: bool = False
    status: Optional[int] = None


_DEPLOYMENT_FIELDS = {"id": str, "status": int, "end_time": str, "received_time": str, "log_url": str,
                      "build_summary": dict}


class Kudu:
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

    def _same_site(self, url) -> bool:
        """Whether `url` is on this SCM site over https; a URL urllib cannot read (`https://[x`, a port `:abc` or
        `:99999`, a host that NFKC-normalizes to another) is not."""
        try:
            parts = urlsplit(url) if isinstance(url, str) else None
            return (parts is not None and parts.scheme == "https" and (parts.hostname or "") == self.host.lower()
                    and parts.port in (None, 443) and not parts.username and not parts.password)
        except ValueError:
            return False

    def _get(self, url, headers=None, stream=False):
        from azure.core.rest import HttpRequest
        if not self._same_site(url):
            raise _OddAnswer(None)
        # the pipeline has no redirect policy: a redirect (to a sign-in page) is an answer, never followed
        return self._client.send_request(HttpRequest("GET", url, headers=headers or {"Accept": "application/json"}),
                                         stream=stream, connection_timeout=10, read_timeout=30)

    def _json(self, url, missing=None):
        """The JSON body at `url` on this SCM site; `missing` for a 404; _OddAnswer for anything but 200 JSON."""
        response = self._get(url)
        if response.status_code == 404:
            return missing
        if response.status_code != 200:
            raise _OddAnswer(response.status_code)
        try:
            return json.loads(response.text())
        except (ValueError, RecursionError):
            raise _OddAnswer(response.status_code) from None

    def latest_deployment(self) -> Optional[dict]:
        """/api/deployments/latest with the fields read type-checked; None when the app has no deployment."""
        body = self._json(f"https://{self.host}/api/deployments/latest")
        if body is None:
            return None
        if not isinstance(body, dict):
            raise _OddAnswer(200)
        for name, expected in _DEPLOYMENT_FIELDS.items():
            value = body.get(name)
            if value is not None and (not isinstance(value, expected) or isinstance(value, bool)):
                raise _OddAnswer(200)
        return body

    def log_entries(self, url) -> List[dict]:
        """A deployment's log entries (or one entry's details): [{log_time, message, details_url}], odd ones
        dropped; [] when the URL is not this site's or the log is gone."""
        if not self._same_site(url):
            return []
        body = self._json(url, missing=[])
        items = body.get("value") if isinstance(body, dict) else body     # ARM wraps lists in {"value": [...]}
        if not isinstance(items, list):
            raise _OddAnswer(200)
        return [{"log_time": item.get("log_time") if isinstance(item.get("log_time"), str) else None,
                 "message": item["message"],
                 "details_url": item.get("details_url") if isinstance(item.get("details_url"), str) else None}
                for item in items if isinstance(item, dict) and isinstance(item.get("message"), str)]

    def docker_logs(self) -> List[DockerLog]:
        """The current Docker log files; [] where the site has none (Windows, no container yet)."""
        body = self._json(f"https://{self.host}/api/logs/docker", missing=[])
        if not isinstance(body, list):
            raise _OddAnswer(200)
        logs = []
        for item in body:
            if not isinstance(item, dict):
                continue
            machine, href, size, updated = (item.get(k) for k in ("machineName", "href", "size", "lastUpdated"))
            texts = all(isinstance(value, str) for value in (machine, href, updated))
            whole = isinstance(size, int) and not isinstance(size, bool)
            if texts and whole and self._same_site(href):
                logs.append(DockerLog(machine, href, size, updated))
        return logs

    def tail(self, log: DockerLog) -> Tail:
        """The last TAIL_BYTES of a log file: a suffix Range request. At most TAIL_BYTES are read whatever the
        server answers: one that sends more (it ignored the Range: 200 with the whole file, or another range)
        gives no tail, as what it sends first is the oldest part of the log, not its end."""
        response = self._get(log.href, {"Range": f"bytes=-{TAIL_BYTES}", "Accept": "*/*"}, stream=True)
        try:
            if response.status_code == 416:          # an empty file has no last bytes
                return Tail("", False)
            if response.status_code not in (200, 206):
                raise _OddAnswer(response.status_code)
            kept = bytearray()
            for chunk in response.iter_bytes():
                kept += chunk
                if len(kept) > TAIL_BYTES:
                    return Tail("", False)
            cut = response.status_code == 206 and _range_start(response.headers.get("Content-Range")) > 0
            return Tail(kept.decode("utf-8", "replace"), cut)
        finally:
            response.close()

    def evidence(self) -> Evidence:
        """The latest deployment and the log listing together; then, together, the tails of the newest
        instance's app and platform logs and, when it is newer than the container or failed, the deployment's
        log; a failed deployment's entry details last."""
        from azure.core.exceptions import AzureError
        try:
            deployment, listed = gather(self.latest_deployment, self.docker_logs)
            chosen = logs_to_read(listed)
            log_url = (deployment or {}).get("log_url")
            wanted = deployment_log_needed(deployment, chosen[0].last_updated if chosen else None)
            read = gather(*[(lambda log=log: self.tail(log)) for log in chosen],
                          (lambda: self.log_entries(log_url)) if wanted and log_url else None)
            entries = read[-1] or []
            if failed_deployment(deployment):
                details = [e["details_url"] for e in entries if e["details_url"]][-MAX_DETAILS:]
                entries += [d for found in gather(*[(lambda u=url: self.log_entries(u)) for url in details])
                            for d in found or []]
        except _OddAnswer as odd:
            return Evidence(failed=True, status=odd.status)
        except AzureError:
            return Evidence(failed=True)
        return Evidence(deployment, entries, list(zip(chosen, read[:-1])))

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


def _range_start(content_range) -> int:
    """The first byte of a 206 answer (`bytes 1000-2047/2048`); 1 when it cannot be read (assume a cut)."""
    try:
        return int(str(content_range).split(" ", 1)[1].split("-", 1)[0])
    except (IndexError, ValueError):
        return 1
