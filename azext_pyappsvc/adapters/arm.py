# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""The ARM adapter: the only module that talks to Microsoft.Web, through the CLI's SDK client and its pipeline
(authentication, az's user agent and logging, retries).

Every body is checked against the shape this tool reads before anything uses it: a field of the wrong type,
a body that is not JSON, app settings that are not a map of strings, raise UnexpectedResponse naming the app
and the field, so no write is ever built from a partial read. Requests go out through the client's
`send_request`, so nothing is left to the SDK's model deserialisation (which prints its own tracebacks on
odd bodies). Every request this tool sends is idempotent (a read, a one-property PATCH, the full app-settings
PUT, the POST that lists settings), so each one is retried on throttling, 5xx and dropped connections,
honouring Retry-After. The API version is a literal so that recordings replay on every supported CLI.
"""

import json
import time
from urllib.parse import quote, urlsplit

from ..platform.snapshot import AppRef, AppSnapshot
from ..platform.settings import unmanaged
from . import seen
from .concurrency import gather
from .errors import RequestFailed, UnexpectedResponse

API_VERSION = "2024-11-01"
# azure-core's default (10 retries, backoff up to 120 s) can hang a command for minutes on a persistent 5xx;
# three retries (retry.ATTEMPTS: 4 attempts, waits of about 0.8, 1.6 and 3.2 s) keep throttling and blips invisible.
RETRY = {"retry_backoff_factor": 0.8}
IDEMPOTENT = frozenset({"GET", "HEAD", "PUT", "PATCH", "POST", "DELETE", "OPTIONS"})
MAX_PAGES = 500

# The fields this tool reads, and the JSON type each must have when present (None is always accepted).
SITE_FIELDS = {"kind": str, "reserved": bool, "siteConfig": dict, "siteProperties": dict,
               "functionAppConfig": dict, "hostNameSslStates": list, "enabledHostNames": list, "httpsOnly": bool,
               "sku": str, "name": str, "resourceGroup": str, "id": str}
CONFIG_FIELDS = {"linuxFxVersion": str, "windowsFxVersion": str, "appCommandLine": str, "scmType": str,
                 "minTlsVersion": str, "ftpsState": str, "alwaysOn": bool, "remoteDebuggingEnabled": bool,
                 "httpLoggingEnabled": bool, "pythonVersion": str, "handlerMappings": list}
_JSON_TYPES = {str: "a string", bool: "true or false", dict: "an object", list: "a list"}


def _flatten(body, ref, what, fields, write=False):
    """A REST body as a plain dict with `properties` merged into the top level, each read field type-checked."""
    if not isinstance(body, dict):
        raise UnexpectedResponse(ref, what, "the body is not a JSON object", write)
    properties = body.get("properties")
    if properties is not None and not isinstance(properties, dict):
        raise UnexpectedResponse(ref, what, "'properties' is not an object", write)
    merged = {k: v for k, v in body.items() if k != "properties"}
    # a property that is null does not hide the same field at the top level (ARM repeats kind, name, location)
    merged.update({k: v for k, v in (properties or {}).items() if v is not None or k not in merged})
    for name, expected in fields.items():
        value = merged.get(name)
        if value is not None and not isinstance(value, expected):
            raise UnexpectedResponse(ref, what, f"'{name}' is not {_JSON_TYPES[expected]}", write)
    return merged


def _settings(body, ref, write=False):
    """The app settings of a list (or PUT) answer: `properties` must be a map of strings, or nothing is known.
    The values of settings this tool does not manage are remembered as secrets, never to be printed."""
    if not isinstance(body, dict) or not isinstance(body.get("properties"), dict):
        raise UnexpectedResponse(ref, "app settings", "'properties' is missing or not an object", write)
    settings = body["properties"]
    seen.remember(unmanaged(settings))
    odd = next((key for key, value in settings.items() if not isinstance(value, str)), None)
    if odd is not None:
        raise UnexpectedResponse(ref, "app settings", f"the value of setting '{odd}' is not a string", write)
    return dict(settings)


def _reason(error) -> str:
    """A failed page in a few words: its status, or what was odd about it."""
    if isinstance(error, UnexpectedResponse):
        return error.detail
    return f"Azure answered {error.status}" if error.status else "the connection failed"


class AppService:
    """Microsoft.Web operations in one subscription (the CLI's current one unless named)."""

    def __init__(self, cli_ctx, subscription_id=None, throttle=None, current_login=False):
        """`current_login`: sign the requests with the current subscription's login, for a subscription that
        Resource Graph found but the login's profile does not list (az only knows the tenant of those it lists)."""
        from azure.cli.core.commands.client_factory import get_mgmt_service_client, get_subscription_id
        from azure.cli.core.profiles import ResourceType
        from .retry import ATTEMPTS, CappedRetryPolicy
        self._client = get_mgmt_service_client(cli_ctx, ResourceType.MGMT_APPSERVICE, api_version=API_VERSION,
                                               subscription_id=None if current_login else subscription_id,
                                               retry_policy=CappedRetryPolicy(**ATTEMPTS, **RETRY))
        self.subscription = subscription_id or get_subscription_id(cli_ctx)
        self._arm = cli_ctx.cloud.endpoints.resource_manager.rstrip("/")
        self._throttle = throttle       # called before each request (a client-side token bucket), or None

    # -- plumbing --------------------------------------------------------------------------------
    def _path(self, ref: AppRef, suffix=""):
        path = (f"/subscriptions/{quote(self.subscription, safe='')}/resourceGroups/"
                f"{quote(ref.resource_group, safe='')}/providers/Microsoft.Web/sites/{quote(ref.name, safe='')}")
        return path + (f"/slots/{quote(ref.slot, safe='')}" if ref.slot else "") + suffix

    def _send(self, method, url, ref=None, body=None, *, query=None, quiet=False, retry=True, what="the request"):
        """The parsed JSON answer to one request, after the pipeline's retries (none with `retry` False); raises
        RequestFailed or UnexpectedResponse. `query` defaults to the API version; `quiet` keeps the bodies out of
        `--debug` output (app settings)."""
        from azure.core.exceptions import (AzureError, DecodeError, HttpResponseError, ResourceNotFoundError,
                                           map_error)
        from azure.core.rest import HttpRequest
        from azure.mgmt.core.exceptions import ARMErrorFormat
        write = method not in ("GET", "HEAD") and not url.endswith("/list")
        request = HttpRequest(method, url, json=body, headers={"Accept": "application/json"},
                              params={"api-version": API_VERSION} if query is None else query)
        if self._throttle:
            self._throttle()
        try:
            # no redirect is followed: ARM sends none, and following one would send this write (and a settings
            # body) to another resource, or another host
            response = self._client.send_request(request, logging_enable=not quiet, retry_on_methods=IDEMPOTENT,
                                                 permit_redirects=False, **({} if retry else {"retry_total": 0}))
            if response.status_code >= 400:
                map_error(response.status_code, response, {404: ResourceNotFoundError})
                raise HttpResponseError(response=response, error_format=ARMErrorFormat)
            if response.status_code >= 300:
                raise UnexpectedResponse(ref, what, f"Azure answered {response.status_code} (a redirect)", write)
            return json.loads(response.text()) if response.content else {}
        except (DecodeError, ValueError, RecursionError):
            # the pipeline's ContentDecodePolicy raises DecodeError for a body that claims to be JSON and is not,
            # and RecursionError for one nested deeper than Python's parser goes
            raise UnexpectedResponse(ref, what, "the answer is not JSON", write) from None
        except AzureError as error:
            raise RequestFailed(ref, error, write) from None

    # -- reads -----------------------------------------------------------------------------------
    def get_site(self, ref: AppRef):
        return _flatten(self._send("GET", self._path(ref), ref, what="the site"), ref, "the site", SITE_FIELDS)

    def get_config(self, ref: AppRef):
        return _flatten(self._send("GET", self._path(ref, "/config/web"), ref, what="config/web"), ref,
                        "config/web", CONFIG_FIELDS)

    def list_settings(self, ref: AppRef):
        # quiet: the values stay out of `--debug` output (az logs bodies there)
        return _settings(self._send("POST", self._path(ref, "/config/appsettings/list"), ref, quiet=True,
                                    what="app settings"), ref)

    def read_settings(self, ref: AppRef):
        """(settings, None), or (None, status) when the caller may not list them (401/403)."""
        try:
            return self.list_settings(ref), None
        except RequestFailed as failure:
            if failure.status not in (401, 403):
                raise
            return None, failure.status

    def snapshot(self, ref: AppRef, config=True, settings=True) -> AppSnapshot:
        """Site, config/web and app settings in one round trip (three concurrent requests).

        A missing app raises; unreadable app settings (403) are recorded, not raised, so a Reader
        still gets everything else.
        """
        site, conf, sets = gather(lambda: self.get_site(ref), (lambda: self.get_config(ref)) if config else None,
                                  (lambda: self.read_settings(ref)) if settings else None)
        snapshot = AppSnapshot(ref=ref, site=site, config=conf or {})
        if sets is not None:
            snapshot.settings, snapshot.settings_status = sets
        return snapshot

    def complete(self, ref: AppRef, listed_site: dict) -> AppSnapshot:
        """The snapshot of a site already read by a listing: config/web and app settings, concurrently."""
        conf, (settings, status) = gather(lambda: self.get_config(ref), lambda: self.read_settings(ref))
        return AppSnapshot(ref=ref, site=listed_site, config=conf, settings=settings, settings_status=status)

    def list_site_extensions(self, ref: AppRef):
        body = self._send("GET", self._path(ref, "/siteextensions"), ref, what="site extensions")
        items = body.get("value") if isinstance(body, dict) else None
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            raise UnexpectedResponse(ref, "site extensions", "'value' is not a list of objects")
        return [_flatten(item, ref, "a site extension", {"extension_id": str, "title": str}) for item in items]

    def list_sites(self, resource_group=None):
        """(sites, why the listing stopped early or None). The first page must be readable; later pages are
        followed while the next link is new, on this subscription's listing at the ARM endpoint over https, and
        within MAX_PAGES, and a page that cannot be read ends the listing with what was read so far."""
        group = f"/resourceGroups/{quote(resource_group, safe='')}" if resource_group else ""
        url = f"/subscriptions/{quote(self.subscription, safe='')}{group}/providers/Microsoft.Web/sites"
        sites, visited, query, odd = [], set(), None, 0
        for page in range(MAX_PAGES):
            try:
                items, link = self._page(url, query)
            except (RequestFailed, UnexpectedResponse) as error:
                if not page:
                    raise
                return sites, f"page {page + 1} could not be read ({_reason(error)})"
            for item in items:
                try:
                    site = _flatten(item, None, "the list of apps", SITE_FIELDS)
                except UnexpectedResponse:
                    site = {}
                if isinstance(site.get("name"), str) and site["name"]:
                    sites.append(site)
                else:
                    odd += 1
            stopped = self._next_page_problem(link, visited)
            if stopped or not link:
                notes = [note for note in (stopped, f"{odd} entries of the list are not apps" if odd else None)
                         if note]
                return sites, "; ".join(notes) or None
            visited.add(link)
            url, query = link, {}
        return sites, f"the listing has more than {MAX_PAGES} pages"

    def _page(self, url, query):
        body = self._send("GET", url, query=query, what="the list of apps")
        if not isinstance(body, dict):
            raise UnexpectedResponse(None, "the list of apps", "the body is not a JSON object")
        items = body.get("value")
        if not isinstance(items or [], list):
            raise UnexpectedResponse(None, "the list of apps", "'value' is not a list")
        return items or [], body.get("nextLink")

    def _next_page_problem(self, link, visited):
        """Why the next link is not followed (None: it is, or there is none)."""
        if not link:
            return None
        arm = urlsplit(self._arm)
        parts = urlsplit(link) if isinstance(link, str) else None
        mine = f"/subscriptions/{self.subscription}/".lower()
        if parts is None or parts.scheme != "https" or parts.hostname != arm.hostname or \
                parts.port not in (None, 443) or not parts.path.lower().startswith(mine):
            return f"the next page is not this subscription's listing on {arm.hostname} ({link!r})"
        if link in visited:
            return "the next page repeats one already read"
        return None

    def get_stacks(self, functions=False):
        """The raw webAppStacks / functionAppStacks body (Linux), for the disk cache."""
        return self._send("GET", f"/providers/Microsoft.Web/{'functionAppStacks' if functions else 'webAppStacks'}",
                          query={"stackOsType": "Linux", "api-version": API_VERSION}, what="the stacks catalogue")

    # -- writes ----------------------------------------------------------------------------------
    def patch_config(self, ref: AppRef, properties: dict):
        return _flatten(self._send("PATCH", self._path(ref, "/config/web"), ref, {"properties": properties},
                                   what="the answer to the config/web update"),
                        ref, "the answer to the config/web update", CONFIG_FIELDS, write=True)

    def patch_site(self, ref: AppRef, properties: dict):
        return _flatten(self._send("PATCH", self._path(ref), ref, {"properties": properties},
                                   what="the answer to the site update"),
                        ref, "the answer to the site update", SITE_FIELDS, write=True)

    def put_settings(self, ref: AppRef, settings: dict):
        """The PUT of every app setting, sent once: re-sending the same body later would put back settings someone
        changed in between, so the caller re-reads and rebuilds it instead (operations/writes.py)."""
        return _settings(self._send("PUT", self._path(ref, "/config/appsettings"), ref, {"properties": settings},
                                    quiet=True, retry=False, what="the answer to the app settings update"), ref,
                         write=True)

    @staticmethod
    def pause(attempt: int):
        """The wait before attempt `attempt` + 1 of a write the caller retries itself, as the pipeline would."""
        time.sleep(RETRY["retry_backoff_factor"] * 2 ** attempt)
