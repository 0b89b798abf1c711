"""A stateful loopback HTTPS stand-in for the ARM Microsoft.Web endpoints and the Kudu VFS API.

It answers for the production host names (management.azure.com, <app>.scm.azurewebsites.net);
clients reach it because name resolution is patched (see azenv.route_to). Latency and faults
(429 + Retry-After, 5xx, connection reset, slow responses) are injected per request, and every
request is logged so tests can prove what was, and was not, written.
"""

import json
import pickle
import re
import socket
import ssl
import struct
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List, Optional
from urllib.parse import parse_qs, unquote, urlsplit

from . import bodies, resourcegraph
from .model import Store

ARM_HOST = "management.azure.com"
# The error codes ARM puts in the body for each status it answers with.
ERROR_CODES = {400: "BadRequest", 404: "NotFound", 408: "RequestTimeout", 409: "Conflict",
               429: "TooManyRequests", 500: "InternalServerError", 502: "BadGateway", 503: "ServiceUnavailable",
               504: "GatewayTimeout"}
SCM_SUFFIX = ".scm.azurewebsites.net"
WRITE_METHODS = ("PUT", "PATCH", "DELETE")

_SITE = (r"^/subscriptions/(?P<sub>[^/]+)/resourceGroups/(?P<rg>[^/]+)/providers/Microsoft\.Web/sites/"
         r"(?P<name>[^/]+)(?:/slots/(?P<slot>[^/]+))?")


@dataclass
class Fault:
    """Applies to the next `times` requests that match. `kind`:
    - status: answer `status` with ARM's error body (and Retry-After) instead of serving the request;
    - reset: drop the connection without answering; delay: answer `delay` seconds late;
    - body: answer `body` (with `status` and `content_type`) instead of serving the request;
    - answer: serve the request (a write takes effect), then answer `body` instead: a constant, or a
      function of the JSON the emulator would have sent (None: keep the status of the real answer)."""
    kind: str = "status"
    status: Optional[int] = None     # status: default 500; body: default 200; answer: default the real one
    retry_after: Optional[int] = None
    delay: float = 0.0
    method: Optional[str] = None
    path: Optional[str] = None       # regex searched in the path
    host: Optional[str] = None       # regex searched in the host
    times: int = 1
    after: int = 0                   # let this many matching requests through first
    body: Any = None
    content_type: Optional[str] = None
    headers: Dict[str, str] = field(default_factory=dict)    # extra headers of a status or body answer (Location)

    def matches(self, method, host, path):
        return ((self.method is None or self.method == method)
                and (self.path is None or re.search(self.path, path, re.IGNORECASE))
                and (self.host is None or re.search(self.host, host, re.IGNORECASE)))


@dataclass
class Hook:
    """Runs `action(store)` after a matching request was handled, before its answer goes out (e.g. a concurrent
    writer acting between two requests of a command)."""
    method: str
    path: str
    action: Callable
    times: int = 1


@dataclass
class Logged:
    method: str
    host: str
    path: str
    query: dict
    body: object
    status: int = 0
    started: float = field(default_factory=time.monotonic)
    served: bool = False             # the route ran (a write took effect), whatever was answered
    range: str = ""                  # the request's Range header (log tails)

    @property
    def is_write(self):
        return self.method in WRITE_METHODS or (self.method == "POST" and not self.path.endswith("/list"))


class Emulator:
    """Owns the store it is given, the fault plan and the request log; `start()` serves on 127.0.0.1."""

    def __init__(self, store: Store, latency_ms: float = 0, page_size: int = 20):
        self.store = store
        self.latency_ms = latency_ms
        self.page_size = page_size
        self.faults: List[Fault] = []
        self.hooks: List[Hook] = []
        self.log: List[Logged] = []
        self._lock = threading.Lock()
        self._server = None
        self.port = None
        self.graph = resourcegraph.GraphState()
        self.arm_throttle: Optional[resourcegraph.ArmThrottle] = None    # off unless a test or benchmark sets it

    # -- control ---------------------------------------------------------------------------------
    def inject(self, *faults: Fault):
        with self._lock:
            self.faults.extend(faults)

    def on(self, method, path, action, times=1):
        with self._lock:
            self.hooks.append(Hook(method, path, action, times))

    def clear_log(self):
        with self._lock:
            self.log.clear()

    def reset(self, store: Store):
        """Start over with `store`: no request logged, no fault or hook pending (cheaper than a new server)."""
        with self._lock:
            self.store = store
            self.log.clear()
            self.faults.clear()
            self.hooks.clear()

    def requests(self, method=None, path=None):
        with self._lock:
            return [entry for entry in self.log if (method is None or entry.method == method)
                    and (path is None or re.search(path, entry.path, re.IGNORECASE))]

    def record(self, entry: "Logged"):
        with self._lock:
            self.log.append(entry)

    def take_fault(self, method, host, path) -> Optional[Fault]:
        """The next injected fault that matches this request (consumed), or None."""
        with self._lock:
            for fault in self.faults:
                if fault.times > 0 and fault.matches(method, host, path):
                    if fault.after > 0:
                        fault.after -= 1
                        continue
                    fault.times -= 1
                    return fault
        return None

    def run_hooks(self, method, path):
        """Run (and consume) the hooks due after a request was handled (whatever its answer), before it is sent."""
        with self._lock:
            due = [hook for hook in self.hooks
                   if hook.times > 0 and hook.method == method and re.search(hook.path, path, re.IGNORECASE)]
            for hook in due:
                hook.times -= 1
        for hook in due:
            hook.action(self.store)

    # -- lifecycle -------------------------------------------------------------------------------
    def start(self, certfile, keyfile, port=0):
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(certfile, keyfile)
        server = _Server(("127.0.0.1", port), _Handler)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        server.emulator = self
        self._server = server
        self.port = server.server_address[1]
        # a short poll interval: shutdown() waits up to one interval, and tests start hundreds of emulators
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, name="azure-emulator",
                         daemon=True).start()
        return self

    def stop(self):
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._server = None


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256

    def handle_error(self, request, client_address):
        pass   # resets and client disconnects are part of the test plan


class _Reply(Exception):
    def __init__(self, status, body=None, headers=None):
        super().__init__(status)
        self.status, self.body, self.headers = status, body, headers or {}


def _control(emulator, method, path, body):
    from .control import handle
    try:
        return 200, handle(emulator, method, path, body)
    except KeyError:
        return 404, bodies.error_body("NotFound", "No control route " + path)


def _not_found(kind, name, rg):
    return _Reply(404, bodies.error_body(
        "ResourceNotFound", "The Resource 'Microsoft.Web/{}/{}' under resource group '{}' was not found. "
        "For more details please go to https://aka.ms/ARMResourceNotFoundFix".format(kind, name, rg)))


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; with Nagle's algorithm on, the second waits for the client's
    # delayed ACK (~40 ms on Linux) and every response would carry a stall real Azure does not have.
    disable_nagle_algorithm = True
    server_version = "Microsoft-IIS/10.0"
    sys_version = ""

    def log_message(self, *_):
        pass

    def do_GET(self):
        self._serve()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_GET

    # -- plumbing --------------------------------------------------------------------------------
    def _serve(self):
        emulator = self.server.emulator
        parts = urlsplit(self.path)
        parts = parts._replace(path=unquote(parts.path))     # ARM reads %28 as ( in a resource group name
        host = (self.headers.get("Host") or "").split(":")[0].lower()
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = raw.decode("utf-8", "replace")
        if host in ("127.0.0.1", "localhost") and parts.path.startswith("/_emulator/"):
            self._send(*_control(emulator, self.command, parts.path, body), {})
            return
        entry = Logged(self.command, host, parts.path, {k: v[-1] for k, v in parse_qs(parts.query).items()}, body,
                       range=self.headers.get("Range") or "")
        emulator.record(entry)
        if emulator.latency_ms:
            time.sleep(emulator.latency_ms / 1000.0)
        fault = emulator.take_fault(self.command, host, parts.path)
        if fault and fault.kind == "reset":
            entry.status = -1
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            self.connection.close()
            return
        if fault and fault.kind == "delay":
            time.sleep(fault.delay)
            fault = None
        status, payload, headers, ctype = self._answer(emulator, fault, entry, host, parts.path, entry.query, body)
        entry.status = status
        emulator.run_hooks(self.command, parts.path)       # before the answer: the client sees the world after them
        self._send(status, payload, headers, ctype)

    def _answer(self, emulator, fault, entry, host, path, query, body):
        """(status, payload, headers, content type) for one request, faults applied."""
        if fault and fault.kind == "body":
            return fault.status or 200, fault.body, dict(fault.headers), fault.content_type
        if fault and fault.kind == "status":
            headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else {}
            headers.update(fault.headers)
            status = fault.status or 500
            return status, bodies.error_body(ERROR_CODES.get(status, "Error"), "Injected fault."), headers, None
        try:
            if not (self.headers.get("Authorization") or "").startswith("Bearer "):
                raise _Reply(401, bodies.error_body("AuthenticationFailed", "Authentication failed."))
            headers = {}
            if host == ARM_HOST and path.rstrip("/").lower() == resourcegraph.PATH.lower() and self.command == "POST":
                status, result, headers = resourcegraph.answer(emulator, body)
                if status != 200:
                    raise _Reply(status, result, headers)
            elif host == ARM_HOST:
                result = _Arm(emulator, self.command, path, query, body).dispatch()
            elif host.endswith(SCM_SUFFIX):
                result = _Kudu(emulator, self.command, host, path, self.headers).dispatch()
            else:
                raise _Reply(404, bodies.error_body("NotFound", "Unknown host " + host))
            status, payload = 200, result
            entry.served = True
        except _Reply as reply:
            status, payload, headers = reply.status, reply.body, reply.headers
        if fault and fault.kind == "answer":
            payload = fault.body(_copied(payload)) if callable(fault.body) else fault.body
            return fault.status or status, payload, headers, fault.content_type
        return status, payload, headers, None

    def _send(self, status, payload, headers, content_type=None):
        if isinstance(payload, (dict, list, int, float, bool)) or (payload is None and content_type):
            data, ctype = json.dumps(payload).encode("utf-8"), "application/json; charset=utf-8"
        elif isinstance(payload, bytes):
            data, ctype = payload, "application/octet-stream"
        elif payload is None:
            data, ctype = b"", "application/json; charset=utf-8"
        else:
            data, ctype = str(payload).encode("utf-8"), "application/xml"
        self.send_response(status)
        self.send_header("Content-Type", content_type or ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("x-ms-request-id", "00000000-0000-0000-0000-{:012d}".format(len(self.server.emulator.log)))
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(data)


def _copied(payload):
    """A copy of an answer for a fault to change (a pickle round trip: several times faster than deepcopy)."""
    return pickle.loads(pickle.dumps(payload))


class _Arm:
    """Microsoft.Web resource provider routes."""

    def __init__(self, emulator, method, path, query, body):
        self.emulator, self.store = emulator, emulator.store
        self.method, self.path, self.query, self.body = method, path, query, body

    def dispatch(self):
        path = self.path.rstrip("/")
        subscription = re.match(r"/subscriptions/([^/]+)", path, re.IGNORECASE)
        throttle = self.emulator.arm_throttle
        if throttle and subscription:
            allowed, _ = throttle.take(subscription.group(1))
            if not allowed:
                raise _Reply(429, throttle.refused(subscription.group(1)),
                             {"Retry-After": "1", "x-ms-ratelimit-remaining-subscription-reads": "0"})
        if re.fullmatch(r"/providers/Microsoft\.Web/webAppStacks", path, re.IGNORECASE):
            return bodies.web_app_stacks()
        if re.fullmatch(r"/providers/Microsoft\.Web/functionAppStacks", path, re.IGNORECASE):
            return bodies.function_app_stacks()
        listing = re.fullmatch(r"/subscriptions/(?P<sub>[^/]+)(?:/resourceGroups/(?P<rg>[^/]+))?"
                               r"/providers/Microsoft\.Web/sites", path, re.IGNORECASE)
        if listing:
            return self._page(self.store.list(listing.group("sub"), listing.group("rg")))
        match = re.match(_SITE + r"(?P<rest>/.*)?$", path, re.IGNORECASE)
        if not match:
            raise _Reply(404, bodies.error_body("NotFound", "No route for " + path))
        site = self.store.get(match.group("sub"), match.group("rg"), match.group("name"), match.group("slot"))
        if site is None:
            kind = "sites/slots" if match.group("slot") else "sites"
            raise _not_found(kind, match.group("slot") or match.group("name"), match.group("rg"))
        return self._site_route(site, (match.group("rest") or "").lower())

    def _page(self, sites):
        start = int(self.query.get("$skipToken") or 0)
        chunk = sites[start:start + self.emulator.page_size]
        next_link = None
        if start + self.emulator.page_size < len(sites):
            next_link = "https://{}{}?api-version={}&$skipToken={}".format(
                ARM_HOST, self.path, self.query.get("api-version", ""), start + self.emulator.page_size)
        return bodies.list_body([bodies.site_body(site) for site in chunk], next_link)

    def _site_route(self, site, rest):
        handler = self._ROUTES.get((self.method, rest))
        if handler is None:
            raise _Reply(404, bodies.error_body("NotFound", "No route for {} {}".format(self.method, self.path)))
        with self.store.lock:
            return handler(self, site)

    def _put_config(self, site):
        properties = (self.body or {}).get("properties") or {}
        site.config.update({k: v for k, v in properties.items() if v is not None or self.method == "PUT"})
        return bodies.config_body(site, as_patch_response=True)

    def _list_settings(self, site):
        if site.appsettings_status:
            raise self._forbidden(site, "Microsoft.Web/sites/config/list/action")
        return bodies.appsettings_body(site)

    def _put_settings(self, site):
        properties = (self.body or {}).get("properties")
        if not isinstance(properties, dict):
            raise _Reply(400, bodies.error_body("BadRequest", "The properties field is required."))
        site.app_settings = {k: ("" if v is None else str(v)) for k, v in properties.items()}
        return bodies.appsettings_body(site)

    def _put_logs(self, site):
        """PUT config/logs: the sections sent (null ones are left as they are) land in config/web's mirror fields."""
        properties = (self.body or {}).get("properties") or {}
        http = ((properties.get("httpLogs") or {}).get("fileSystem")) or {}
        application = ((properties.get("applicationLogs") or {}).get("fileSystem")) or {}
        mirrored = {"httpLoggingEnabled": http.get("enabled"), "logsDirectorySizeLimit": http.get("retentionInMb"),
                    "requestTracingEnabled": (properties.get("failedRequestsTracing") or {}).get("enabled"),
                    "detailedErrorLoggingEnabled": (properties.get("detailedErrorMessages") or {}).get("enabled")}
        site.config.update({key: value for key, value in mirrored.items() if value is not None})
        own = {"httpRetentionInDays": http.get("retentionInDays"), "applicationLevel": application.get("level")}
        site.logs.update({key: value for key, value in own.items() if value is not None})
        return bodies.logs_body(site)

    def _put_site(self, site):
        """PUT site (core az's `webapp update`: GET the site, change a property, PUT the whole envelope back). The
        envelope echoes GET's sparse siteConfig, so only the site-level properties are taken from it."""
        properties = (self.body or {}).get("properties") or {}
        if isinstance(properties.get("httpsOnly"), bool):
            site.https_only = properties["httpsOnly"]
        return bodies.site_body(site)

    def _slot_config_names(self, site):
        production = self.store.production(site)
        if self.method == "PUT":
            production.slot_config_names = dict((self.body or {}).get("properties") or {})
        return bodies.slot_config_names_body(production, production.slot_config_names)

    def _patch_site(self, site):
        properties = (self.body or {}).get("properties") or {}
        if "functionAppConfig" in properties and site.function_app_config is not None:
            _deep_merge(site.function_app_config, properties["functionAppConfig"] or {})
        if "httpsOnly" in properties:
            site.https_only = bool(properties["httpsOnly"])
        if "siteConfig" in properties:
            site.config.update({k: v for k, v in (properties["siteConfig"] or {}).items() if v is not None})
        return bodies.site_body(site)

    @staticmethod
    def _forbidden(site, action):
        return _Reply(403, bodies.error_body(
            "AuthorizationFailed",
            "The client 'reader@example.com' with object id '11111111-2222-3333-4444-555555555555' does not "
            "have authorization to perform action '{}' over scope '{}' or the scope is invalid. If access "
            "was recently granted, please refresh your credentials.".format(action, bodies.site_id(site))))


_Arm._ROUTES = {
    ("GET", ""): lambda arm, site: bodies.site_body(site),
    ("PATCH", ""): _Arm._patch_site,
    ("PUT", ""): _Arm._put_site,
    ("GET", "/slots"): lambda arm, site: bodies.list_body([bodies.site_body(s) for s in arm.store.slots(site)]),
    ("GET", "/config/web"): lambda arm, site: bodies.config_body(site),
    ("PATCH", "/config/web"): _Arm._put_config,
    ("PUT", "/config/web"): _Arm._put_config,
    ("POST", "/config/appsettings/list"): _Arm._list_settings,
    ("PUT", "/config/appsettings"): _Arm._put_settings,
    ("GET", "/config/logs"): lambda arm, site: bodies.logs_body(site),
    ("PUT", "/config/logs"): _Arm._put_logs,
    ("GET", "/config/slotconfignames"): _Arm._slot_config_names,
    ("PUT", "/config/slotconfignames"): _Arm._slot_config_names,
    ("POST", "/publishxml"): lambda arm, site: bodies.publish_xml(site, site.publishing_password),
    ("GET", "/siteextensions"): lambda arm, site: bodies.list_body(
        [bodies.site_extension_body(site, ext) for ext in site.site_extensions]),
}


def _deep_merge(target, patch):
    for key, value in patch.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _deep_merge(target[key], value)
        else:
            target[key] = value


class _Kudu:
    """The SCM site: the VFS API (directory listings as JSON arrays, file contents as bytes, Range reads of the log
    files), the latest deployment with its log, and the current Docker logs (KuduLite Startup.cs routes)."""

    def __init__(self, emulator, method, host, path, headers=None):
        self.emulator, self.method, self.host, self.path = emulator, method, host, path
        self.headers = headers or {}

    def dispatch(self):
        site = self.emulator.store.by_scm_label(self.host[:-len(SCM_SUFFIX)])
        if site is None:
            raise _Reply(404, "Site not found")
        if site.scm_status == "unreachable":
            raise _Reply(503, "Service Unavailable")
        if site.scm_status:
            raise _Reply(site.scm_status, "Forbidden")
        if self.method == "GET" and (self.path.startswith("/api/deployments/") or
                                     self.path.startswith("/api/logs/docker") or
                                     self.path.startswith("/api/vfs/LogFiles/")):
            return self._evidence(site)
        prefix = "/api/vfs/site/wwwroot/"
        if self.method != "GET" or not (self.path + "/").startswith(prefix):
            raise _Reply(404, "Not found")
        relative = self.path[len(prefix):]
        with self.emulator.store.lock:
            files = dict(site.files)
        if relative and not relative.endswith("/") and relative in files:
            return files[relative]
        folder = relative.strip("/")
        folder = folder + "/" if folder else ""
        children = {}
        for path, content in files.items():
            if path.startswith(folder):
                head, _, tail = path[len(folder):].partition("/")
                children[head] = (bool(tail), len(content))
        if folder and not children:
            raise _Reply(404, {"Message": "'/home/site/wwwroot/{}' not found.".format(folder)})
        return [bodies.vfs_entry(site, folder + name, is_dir, size)
                for name, (is_dir, size) in sorted(children.items())]


    def _evidence(self, site):
        with self.emulator.store.lock:
            deployment, entries, logs = site.deployment, list(site.deployment_log), dict(site.docker_logs)
        if self.path == "/api/logs/docker":
            return [bodies.docker_log_entry(site, name, content) for name, content in sorted(logs.items())]
        if self.path.startswith("/api/vfs/LogFiles/"):
            name = self.path[len("/api/vfs/LogFiles/"):]
            if name not in logs:
                raise _Reply(404, {"Message": "'/home/LogFiles/{}' not found.".format(name)})
            return _ranged(logs[name], self.headers.get("Range"))
        match = re.match(r"^/api/deployments/([^/]+)(?:/log(?:/([^/]+))?)?$", self.path)
        if deployment is None or match is None or match.group(1) not in ("latest", deployment["id"]):
            raise _Reply(404, {"Message": "Deployment '{}' not found.".format(match.group(1) if match else "")})
        if not self.path.split("/")[-1] == "log" and match.group(2) is None:
            return bodies.deployment_body(site)
        if match.group(2) is None:
            return bodies.log_entries_body(site, entries, deployment["id"])
        entry = next((e for e in entries if e["id"] == match.group(2) and e.get("details")), None)
        if entry is None:
            raise _Reply(404, {"Message": "Log entry '{}' has no details.".format(match.group(2))})
        return bodies.log_entries_body(site, entry["details"], deployment["id"], details_of=entry["id"])


def _ranged(content, header):
    """A file's bytes as the VFS API serves them: the whole file (200), or one `bytes=a-b` / `bytes=-n` range
    (206 with Content-Range; 416 when nothing of the file is in it)."""
    match = re.fullmatch(r"bytes=(\d*)-(\d*)", (header or "").strip())
    if not match or not (match.group(1) or match.group(2)):
        return content
    size = len(content)
    if match.group(1):
        start, end = int(match.group(1)), min(int(match.group(2) or size - 1), size - 1)
    else:
        start, end = max(0, size - int(match.group(2))), size - 1
    if start >= size or start > end:
        raise _Reply(416, b"", {"Content-Range": "bytes */{}".format(size)})
    raise _Reply(206, content[start:end + 1], {"Content-Range": "bytes {}-{}/{}".format(start, end, size)})
