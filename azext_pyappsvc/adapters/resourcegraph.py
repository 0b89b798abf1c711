# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""The Azure Resource Graph adapter: every site and slot of many subscriptions in a few POSTs.

`POST /providers/Microsoft.ResourceGraph/resources` through the same azure-core pipeline (authentication, az's
user agent and logging, retries honouring Retry-After on 429) as the ARM adapter; no azure-mgmt-resourcegraph,
which azure-cli does not ship (its `vm/_arg_client.py` talks to the REST API for the same reason: the SDK's
models hide `$skipToken`). The rules this module follows, with the real bodies they were read from
(../shared/reference/resourcegraph/):

- objectArray rows, at most 1,000 a page (`$top`); the next page is asked for with the answer's `$skipToken`,
  which Resource Graph only gives when the query projects `id` (arg-skiptoken-objectarray-2021-03-01.yaml,
  arg-spec-example-next-page-2024-04-01.json);
- at most MAX_SUBSCRIPTIONS subscriptions in one query: more are sent in batches;
- `x-ms-user-quota-remaining` / `x-ms-user-quota-resets-after` (hh:mm:ss) on every answer: at zero, the next
  request waits for the window to reset instead of being throttled (arg-skiptoken-objectarray-2021-03-01.yaml);
- a query error is a 400 whose `details` say what is wrong (arg-malformed-query-400-2021-03-01.yaml);
- the subscriptions a query could not read are not an error: their rows are simply absent. The subscriptions
  the login can read come from the `resourcecontainers` table, and the difference is reported.
"""

import json
import re
import time
from dataclasses import dataclass, field
from typing import Dict, List, Optional

from ..output.redaction import get_logger
from .arm import SITE_FIELDS, _flatten
from .errors import RequestFailed, UnexpectedResponse

logger = get_logger(__name__)

API_VERSION = "2024-04-01"
PATH = "/providers/Microsoft.ResourceGraph/resources"
PAGE_ROWS = 1000
MAX_SUBSCRIPTIONS = 300
MAX_PAGES = 1000
MAX_QUOTA_WAIT = 60.0
WHAT = "the Resource Graph answer"

# Sites and slots, with what the inventory checks read, under the names the ARM site body uses (so that one
# AppSnapshot reads both). `properties.sku` is the plan's tier as the site carries it (Dynamic,
# FlexConsumption, ...); `siteProperties.properties` holds LinuxFxVersion / WindowsFxVersion (siteConfig is
# not in Resource Graph: Azure/AppService, _posts/2021-10-29-Intro-to-Azure-Resource-Graph-for-App-Service.md).
SITES_QUERY = (
    "resources"
    " | where type =~ 'microsoft.web/sites' or type =~ 'microsoft.web/sites/slots'"
    " | project id, name, type, resourceGroup, subscriptionId, kind, location, state = properties.state,"
    " reserved = properties.reserved, siteProperties = properties.siteProperties, httpsOnly = properties.httpsOnly,"
    " sku = properties.sku, functionAppConfig = properties.functionAppConfig,"
    " hostNameSslStates = properties.hostNameSslStates"
    " | order by id asc")
SUBSCRIPTIONS_QUERY = ("resourcecontainers | where type =~ 'microsoft.resources/subscriptions'"
                       " | project id, subscriptionId | order by id asc")
_RESETS_AFTER = re.compile(r"(?:(\d+)\.)?(\d+):(\d+):(\d+(?:\.\d+)?)")
_WHOLE = re.compile(r"[0-9]{1,12}")            # ASCII digits: str.isdigit() takes "²", which int() refuses


class QueryRejected(Exception):
    """Resource Graph refused the query (a 400): `codes` and `message` from the error's details."""

    def __init__(self, codes, message):
        super().__init__(message)
        self.codes, self.message = codes, message


@dataclass
class Inventory:
    """The sites (REST-shaped, flattened like an ARM site) and what the run should know about how it was read."""
    sites: List[dict] = field(default_factory=list)
    subscriptions: List[str] = field(default_factory=list)   # asked for (empty for a management group)
    skipped: List[str] = field(default_factory=list)         # asked for, but not readable by this login
    notes: List[str] = field(default_factory=list)           # why the inventory may be incomplete
    requests: int = 0
    quota_waits: List[float] = field(default_factory=list)


def resets_after(value) -> Optional[float]:
    """Seconds in an `x-ms-user-quota-resets-after` value (a .NET TimeSpan, `00:00:05` or `00:00:00.5`)."""
    match = _RESETS_AFTER.fullmatch(value.strip()) if isinstance(value, str) else None
    if not match:
        return None
    days, hours, minutes, seconds = match.groups()
    return ((int(days or 0) * 24 + int(hours)) * 60 + int(minutes)) * 60 + float(seconds)


def batches(items, size=MAX_SUBSCRIPTIONS):
    return [items[start:start + size] for start in range(0, len(items), size)]


def wait(seconds):
    """The pause before a request when the quota is spent (tests replace it)."""
    time.sleep(seconds)


class ResourceGraph:
    def __init__(self, cli_ctx):
        from azure.cli.core.commands.client_factory import get_mgmt_service_client
        from azure.cli.core.profiles import ResourceType
        from .arm import RETRY
        from .retry import ATTEMPTS, CappedRetryPolicy
        # the Microsoft.Web client only lends its pipeline: the request below names its own path and api-version
        self._client = get_mgmt_service_client(cli_ctx, ResourceType.MGMT_APPSERVICE,
                                               retry_policy=CappedRetryPolicy(**ATTEMPTS, **RETRY))
        self._pause = 0.0
        self.inventory = Inventory()

    def _post(self, body: Dict) -> dict:
        from azure.core.exceptions import AzureError, HttpResponseError
        from azure.core.rest import HttpRequest
        from azure.mgmt.core.exceptions import ARMErrorFormat
        if self._pause:
            self.inventory.quota_waits.append(self._pause)
            wait(self._pause)
            self._pause = 0.0
        request = HttpRequest("POST", PATH, json=body, params={"api-version": API_VERSION},
                              headers={"Accept": "application/json"})
        self.inventory.requests += 1
        try:
            # not in az's --debug network trace: a page is a megabyte of rows, and scrubbing it there costs more
            # than the whole inventory (a one-line summary is logged below instead)
            response = self._client.send_request(request, retry_on_methods=frozenset({"POST"}),
                                                 permit_redirects=False, logging_enable=False)
            self._note_quota(response.headers)
            logger.debug("Resource Graph answered %s (quota remaining %s, resets after %s).", response.status_code,
                         response.headers.get("x-ms-user-quota-remaining"),
                         response.headers.get("x-ms-user-quota-resets-after"))
            if response.status_code == 400:
                raise _rejected(response.text())
            if response.status_code >= 300:
                raise HttpResponseError(response=response, error_format=ARMErrorFormat)
            answer = json.loads(response.text())
        except (ValueError, RecursionError):
            raise UnexpectedResponse(None, WHAT, "the answer is not JSON") from None
        except AzureError as error:
            raise RequestFailed(None, error) from None
        if not isinstance(answer, dict) or not isinstance(answer.get("data"), list):
            raise UnexpectedResponse(None, WHAT, "'data' is not a list of rows")
        return answer

    def _note_quota(self, headers):
        """At zero quota left, the next request waits for the window to reset (capped: a garbled header must
        not hold the command for hours)."""
        remaining = headers.get("x-ms-user-quota-remaining")
        reset = resets_after(headers.get("x-ms-user-quota-resets-after"))
        if remaining is not None and _WHOLE.fullmatch(remaining.strip()) and int(remaining) <= 0 and reset:
            self._pause = min(reset, MAX_QUOTA_WAIT)

    def rows(self, query: str, scope: Dict) -> List[dict]:
        """Every row of `query` over `scope` ({"subscriptions": [...]} or {"managementGroups": [...]}), page after
        page; a repeated `$skipToken` or MAX_PAGES ends the read with a note."""
        rows, token, seen = [], None, set()
        for _ in range(MAX_PAGES):
            options = {"resultFormat": "objectArray", "$top": PAGE_ROWS, "allowPartialScopes": True}
            if token:
                options["$skipToken"] = token
            answer = self._post(dict(scope, query=query, options=options))
            rows.extend(row for row in answer["data"] if isinstance(row, dict))
            token = answer.get("$skipToken")
            if not token:
                return rows
            if not isinstance(token, str) or token in seen:
                self.inventory.notes.append("Resource Graph repeated a page; the rows after it were not read")
                return rows
            seen.add(token)
        self.inventory.notes.append(f"the inventory has more than {MAX_PAGES} pages; the rest was not read")
        return rows

    def sites(self, subscriptions: Optional[List[str]] = None, management_group: Optional[str] = None) -> Inventory:
        """The inventory of sites and slots in the subscriptions (batched) or the management group."""
        inventory = self.inventory
        scopes = [{"managementGroups": [management_group]}] if management_group else \
            [{"subscriptions": batch} for batch in batches(subscriptions or [])]
        inventory.subscriptions = list(subscriptions or [])
        odd = 0
        for scope in scopes:
            if "subscriptions" in scope:
                visible = self.rows(SUBSCRIPTIONS_QUERY, scope)
                readable = {str(row.get("subscriptionId", "")).lower() for row in visible}
                inventory.skipped += [s for s in scope["subscriptions"] if s.lower() not in readable]
            for row in self.rows(SITES_QUERY, scope):
                try:
                    site = _flatten(row, None, "a Resource Graph row", SITE_FIELDS)
                except UnexpectedResponse:
                    site = {}
                if site.get("name") and site.get("id") and isinstance(site.get("subscriptionId"), str):
                    inventory.sites.append(site)
                else:
                    odd += 1
        if odd:
            inventory.notes.append(f"{odd} row(s) of the inventory are not apps")
        return inventory


def _rejected(text) -> QueryRejected:
    """A 400's error in one line: the codes of its details and their messages (a parser failure's position)."""
    try:
        error = json.loads(text).get("error")
    except (ValueError, AttributeError):
        error = None
    error = error if isinstance(error, dict) else {}
    details = error.get("details")
    details = [d for d in details if isinstance(d, dict)] if isinstance(details, list) else []
    codes = [str(d["code"]) for d in details if d.get("code")] or [str(error.get("code") or "BadRequest")]
    parts = []
    for detail in details or [error]:
        message = str(detail.get("message") or "").strip().rstrip(".")
        if "line" in detail and "characterPositionInLine" in detail:
            message = f"{message} at line {detail['line']}, position {detail['characterPositionInLine']}"
        if message:
            parts.append(message)
    return QueryRejected(codes, "; ".join(parts) or "the query was refused")
