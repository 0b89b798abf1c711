"""The emulator's Azure Resource Graph (`POST /providers/Microsoft.ResourceGraph/resources`) over its own store,
and its model of ARM's per-subscription read throttling.

Shapes follow the real bodies in ../shared/reference/resourcegraph/: objectArray answers carry `totalRecords`,
`count`, `data`, `facets`, `resultTruncated` ("false", a string) and a `$skipToken` while rows remain; every answer
carries `x-ms-user-quota-remaining` / `x-ms-user-quota-resets-after` (hh:mm:ss); a query that cannot be parsed is
answered 400 with `BadRequest` -> `InvalidQuery` + `ParserFailure` details. Only the two queries pyappsvc sends
are understood (sites and slots from `resources`, subscriptions from `resourcecontainers`); anything else is a
parser failure. A subscription in `store.unreadable` is absent from every answer, as it is for a login without
access. No KQL engine: the projection is the one the adapter asks for.
"""

import base64
import copy
import json
import math
import threading
import time
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Dict

from . import bodies

PATH = "/providers/Microsoft.ResourceGraph/resources"
MAX_SUBSCRIPTIONS = 1000
SESSIONS_KEPT = 32


@dataclass
class GraphState:
    """Quota (per emulator: one user) and paging knobs."""
    quota: int = 15                   # Resource Graph's default: 15 queries per 5-second window per user
    window: float = 5.0
    page_rows: int = 1000             # the most rows a page holds, whatever `$top` asks for
    used: int = 0
    window_start: float = field(default_factory=time.monotonic)
    lock: threading.Lock = field(default_factory=threading.Lock)
    # the rows of each paging session, as Resource Graph pages one snapshot of the result
    sessions: Dict[int, list] = field(default_factory=dict)
    next_session: int = 1

    def open_session(self, rows):
        with self.lock:
            number, self.next_session = self.next_session, self.next_session + 1
            self.sessions[number] = rows
            for old in sorted(self.sessions)[:-SESSIONS_KEPT]:
                del self.sessions[old]
            return number

    def spend(self):
        """(allowed, remaining, seconds until the window resets)."""
        with self.lock:
            now = time.monotonic()
            if now - self.window_start >= self.window:
                self.window_start, self.used = now, 0
            resets = max(0.0, self.window - (now - self.window_start))
            if self.used >= self.quota:
                return False, 0, resets
            self.used += 1
            return True, self.quota - self.used, resets


def timespan(seconds):
    """A .NET TimeSpan as Resource Graph prints it: 00:00:05, or 00:00:00.5000000 below a second."""
    whole = int(seconds)
    text = "{:02d}:{:02d}:{:02d}".format(whole // 3600, whole // 60 % 60, whole % 60)
    fraction = seconds - whole
    return text + ("{:.7f}".format(fraction)[1:] if fraction >= 1e-7 and whole == 0 else "")


def _error(code, message, details=None):
    error = {"code": code, "message": message}
    if details:
        error["details"] = details
    return {"error": error}


def _parser_failure():
    return _error("BadRequest", "Please provide below info when asking for support: timestamp = "
                  "2026-11-21T08:00:00.0000000Z, correlationId = 00000000-0000-0000-0000-000000000000.", [
                      {"code": "InvalidQuery", "message": "Query is invalid. Please refer to the documentation for "
                       "the Azure Resource Graph service and fix the error before retrying."},
                      {"code": "ParserFailure", "message": "ParserFailure", "line": 1,
                       "characterPositionInLine": 0, "token": "<EOF>", "expectedToken": "\u0179"}])


def site_row(site):
    """A `resources` row of a site or slot, projected as the adapter's query asks: the ARM site body's fields
    (bodies.site_body; tests/test_emulator_fidelity.py proves they agree), built without parsing its fixture for
    every row, so that a tenant of 10,000 apps is served in a fraction of a second."""
    ssl = _ssl_templates("functionapp-linux-python-site.json" if "functionapp" in site.kind
                         else "webapp-linux-python-site.json")
    host = bodies.scm_host(site).replace(".scm.", ".", 1)
    return {"id": bodies.site_id(site), "name": site.name + ("/" + site.slot if site.slot else ""),
            "type": ("microsoft.web/sites/slots" if site.slot else "microsoft.web/sites"),
            "resourceGroup": site.resource_group.lower(), "subscriptionId": site.subscription,
            "kind": site.kind, "location": site.location.replace(" ", "").lower(), "state": site.state,
            "reserved": site.reserved, "siteProperties": {"metadata": None, "appSettings": None, "properties": [
                {"name": "LinuxFxVersion", "value": site.config.get("linuxFxVersion", "")},
                {"name": "WindowsFxVersion", "value": site.config.get("windowsFxVersion")}]},
            "httpsOnly": site.https_only, "sku": site.sku,
            "functionAppConfig": copy.deepcopy(site.function_app_config),
            "hostNameSslStates": [dict(ssl[0], name=host, hostType="Standard"),
                                  dict(ssl[1], name=bodies.scm_host(site), hostType="Repository")]}


@lru_cache(maxsize=None)
def _ssl_templates(fixture):
    states = bodies.fixture(fixture)["properties"]["hostNameSslStates"]
    return states[0], states[-1]


def _scope(store, body):
    """The readable subscriptions the request names (directly or through a management group), or a 400 body."""
    subscriptions = body.get("subscriptions")
    groups = body.get("managementGroups")
    if groups:
        named = [s for group in groups for s in store.management_groups.get(group, [])]
    elif isinstance(subscriptions, list):
        if len(subscriptions) > MAX_SUBSCRIPTIONS:
            return None, _error("BadRequest", "The number of subscriptions in the request exceeds the limit of "
                                "{}.".format(MAX_SUBSCRIPTIONS))
        named = subscriptions
    else:
        named = sorted({site.subscription for site in store.sites.values()})   # the tenant, as a login sees it
    return {s.lower() for s in named} - {s.lower() for s in store.unreadable}, None


def _rows(store, query, readable):
    text = " ".join(str(query or "").split()).lower()
    if text.startswith("resources | where type =~ 'microsoft.web/sites'"):
        with store.lock:
            sites = [site for site in store.sites.values() if site.subscription.lower() in readable]
        return sorted((site_row(site) for site in sites), key=lambda row: row["id"].lower())
    if text.startswith("resourcecontainers | where type =~ 'microsoft.resources/subscriptions'"):
        with store.lock:
            known = {site.subscription.lower(): site.subscription for site in store.sites.values()}
        known.update({s.lower(): s for s in store.empty_subscriptions})
        return [{"id": "/subscriptions/" + known[s], "subscriptionId": known[s]}
                for s in sorted(readable) if s in known]
    return None


def answer(emulator, body):
    """(status, payload, headers) for one Resource Graph request."""
    state = emulator.graph
    allowed, remaining, resets = state.spend()
    headers = {"x-ms-user-quota-remaining": str(remaining), "x-ms-user-quota-resets-after": timespan(resets),
               "x-ms-ratelimit-remaining-tenant-resource-requests": str(remaining)}
    if not allowed:
        headers["Retry-After"] = str(max(1, math.ceil(resets)))
        return 429, _error("RateLimiting", "Please provide below info when asking for support: timestamp = "
                           "2026-11-21T08:00:00.0000000Z, correlationId = 00000000-0000-0000-0000-000000000000. "
                           "Client application has been throttled and should not attempt to repeat the request "
                           "until an amount of time has elapsed."), headers
    if not isinstance(body, dict):
        return 400, _parser_failure(), headers
    options = body.get("options") or {}
    session, start = _skip(options.get("$skipToken"))
    rows = state.sessions.get(session)
    if rows is None:
        readable, error = _scope(emulator.store, body)
        if error:
            return 400, error, headers
        rows = _rows(emulator.store, body.get("query"), readable)
        if rows is None:
            return 400, _parser_failure(), headers
        session = state.open_session(rows)
    size = max(1, min(int(options.get("$top") or 1000), state.page_rows, 1000))
    page = rows[start:start + size]
    payload = {"totalRecords": len(rows), "count": len(page), "data": page, "facets": [], "resultTruncated": "false"}
    if start + size < len(rows):
        payload["$skipToken"] = base64.b64encode(json.dumps({"$id": session, "RowsToSkip": start + size}).encode()
                                                 ).decode()
    return 200, payload, headers


def _skip(token):
    """(paging session, rows to skip) of a `$skipToken`; (None, 0) for none or one the emulator did not issue."""
    if not token:
        return None, 0
    try:
        decoded = json.loads(base64.b64decode(token))
        return int(decoded["$id"]), int(decoded["RowsToSkip"])
    except (ValueError, KeyError, TypeError):
        return None, 0


class ArmThrottle:
    """ARM's read throttling per subscription: a bucket of `capacity` tokens refilled at `rate` a second; an empty
    bucket answers 429 with Retry-After (learn.microsoft.com, "Understand how Azure Resource Manager throttles
    requests": 250 tokens, 25 a second, per subscription and principal)."""

    def __init__(self, capacity=250, rate=25.0):
        self.capacity, self.rate = capacity, rate
        self._buckets: Dict[str, list] = {}
        self._lock = threading.Lock()
        self.throttled = 0

    def take(self, subscription):
        """(allowed, tokens left)."""
        with self._lock:
            now = time.monotonic()
            tokens, stamp = self._buckets.get(subscription.lower(), (float(self.capacity), now))
            tokens = min(float(self.capacity), tokens + (now - stamp) * self.rate)
            allowed = tokens >= 1
            tokens -= 1 if allowed else 0
            self._buckets[subscription.lower()] = (tokens, now)
            self.throttled += 0 if allowed else 1
            return allowed, int(tokens)

    @staticmethod
    def refused(subscription):
        return bodies.error_body(
            "SubscriptionRequestsThrottled", "Number of 'read' requests for subscription '{}' actor "
            "'11111111-2222-3333-4444-555555555555' exceeded. Please try again after '1' seconds after the "
            "additional tokens are available.".format(subscription))
