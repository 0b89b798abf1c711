"""Running `az` in-process under a vcrpy cassette, scrubbing what is recorded, logging what is sent.

Modes (PYAPPSVC_RECORD): `none` (default) replays cassettes offline and fails on any request that
is not in the cassette; `emulator` re-records against the loopback emulator; `live` re-records
against Azure with your own `az login`.
"""

import contextlib
import copy
import io
import json
import logging
import re
import shlex
import threading
from dataclasses import dataclass, field
from typing import List, Optional
from urllib.parse import urlsplit

import vcr
import vcr.patch
from vcr.stubs import VCRConnection

from azext_pyappsvc.adapters.arm import API_VERSION
from azext_pyappsvc.platform.settings import VISIBLE_KEYS
from tests.emulator.seeds import FLEET_SUBSCRIPTION, SUBSCRIPTION

ZERO_SUBSCRIPTION = "00000000-0000-0000-0000-000000000000"
REDACTED = "REDACTED"
_GUID_AFTER_SUBSCRIPTIONS = re.compile(r"(/subscriptions/)[0-9a-fA-F-]{36}")
_FLEET_PREFIX = "/subscriptions/" + FLEET_SUBSCRIPTION.split("{")[0]
_NOT_SECRET = ("$skipToken",)          # Resource Graph's paging cursor: replay must tell its pages apart
_SECRET_KEY = re.compile(r"password|secret|accountkey|token|pwd", re.IGNORECASE)
_DROPPED_HEADERS = ("authorization", "x-ms-client-request-id", "x-ms-correlation-request-id", "user-agent",
                    "set-cookie", "x-ms-routing-request-id", "x-ms-request-id")


# -- scrubbing -----------------------------------------------------------------------------------
def scrub_text(text):
    # the emulator's generated fleet subscriptions (seeds.FLEET_SUBSCRIPTION) are kept: a tenant-wide recording
    # must still tell its subscriptions apart
    text = _GUID_AFTER_SUBSCRIPTIONS.sub(lambda m: m.group(0) if m.group(0).lower().startswith(_FLEET_PREFIX)
                                         else m.group(1) + ZERO_SUBSCRIPTION, text)
    text = text.replace(SUBSCRIPTION, ZERO_SUBSCRIPTION)
    return re.sub(r'(userPWD)=("[^"]*")', r'\1="{}"'.format(REDACTED), text)


_URL_USERINFO = re.compile(r"^([a-z][a-z0-9+.-]*://)[^/@\s]+@(?=\S)", re.IGNORECASE)


def _scrubbed_setting(value):
    """REDACTED; a URL keeps its shape with its userinfo redacted (a package index with a credential stays one), and
    a Key Vault reference, which holds no secret, is kept."""
    if isinstance(value, str) and value.startswith("@Microsoft.KeyVault("):
        return value
    if isinstance(value, str) and _URL_USERINFO.match(value):
        return _URL_USERINFO.sub(r"\g<1>{0}:{0}@".format(REDACTED), value)
    return REDACTED


def _scrub_json(node, settings_dict=False):
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if settings_dict and key not in VISIBLE_KEYS:
                out[key] = _scrubbed_setting(value)
            elif isinstance(value, str) and _SECRET_KEY.search(key) and value and key not in _NOT_SECRET:
                out[key] = REDACTED
            else:
                out[key] = _scrub_json(value)
        return out
    if isinstance(node, list):
        return [_scrub_json(item) for item in node]
    return node


def _scrub_body(body, is_settings):
    if not body:
        return body
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    try:
        data = json.loads(text)
    except ValueError:
        return scrub_text(text).encode("utf-8")
    if is_settings(data):
        data = dict(data, properties=_scrub_json(data.get("properties") or {}, settings_dict=True))
    return scrub_text(json.dumps(_scrub_json(data))).encode("utf-8")


def _is_settings_response(data):
    """App settings bodies say so themselves: {"name": "appsettings", "type": "Microsoft.Web/sites/config"}."""
    return isinstance(data, dict) and data.get("name") == "appsettings"



def scrub_request(request):
    request = copy.deepcopy(request)
    request.uri = scrub_text(request.uri)
    for header in list(request.headers):
        if header.lower() in _DROPPED_HEADERS:
            del request.headers[header]
    is_settings_put = re.search(r"/config/appsettings$", urlsplit(request.uri).path, re.IGNORECASE) is not None
    request.body = _scrub_body(request.body, lambda data: is_settings_put and isinstance(data, dict))
    return request


def scrub_response(response):
    response["headers"] = {k: v for k, v in response["headers"].items() if k.lower() not in _DROPPED_HEADERS}
    response["body"]["string"] = _scrub_body(response["body"]["string"], _is_settings_response)
    return response


# -- the request log -----------------------------------------------------------------------------
@dataclass
class SentRequest:
    method: str
    host: str
    path: str
    query: str
    body: object

    @property
    def is_write(self):
        return self.method in ("PUT", "PATCH", "DELETE") or (self.method == "POST"
                                                             and not self.path.endswith("/list"))


class RequestLog:
    """Every request the code under test sent, whatever the mode; and any a cassette could not answer."""

    def __init__(self):
        self.lock = threading.Lock()
        self.sent: List[SentRequest] = []
        self.unmatched: List[str] = []

    def add(self, vcr_request):
        parts = urlsplit(vcr_request.uri)
        body = vcr_request.body
        if isinstance(body, bytes):
            body = body.decode("utf-8", "replace")
        try:
            body = json.loads(body) if body else None
        except ValueError:
            pass
        with self.lock:
            self.sent.append(SentRequest(vcr_request.method, parts.hostname, parts.path, parts.query, body))

    def writes(self):
        return [r for r in self.sent if r.is_write]

    def matching(self, method=None, path=None):
        return [r for r in self.sent if (method is None or r.method == method)
                and (path is None or re.search(path, r.path, re.IGNORECASE))]


_ACTIVE = {"log": None}
_original_getresponse = VCRConnection.getresponse


def _logging_getresponse(self, *args, **kwargs):
    log = _ACTIVE["log"]
    if log is not None:
        log.add(self._vcr_request)
    try:
        return _original_getresponse(self, *args, **kwargs)
    except Exception as error:  # the cassette has no answer: remember it, the test will fail on it
        if log is not None and type(error).__name__ in ("CannotOverwriteExistingCassetteException",
                                                        "UnhandledHTTPRequestError"):
            log.unmatched.append("{} {}".format(self._vcr_request.method, self._vcr_request.uri))
        raise


VCRConnection.getresponse = _logging_getresponse


@contextlib.contextmanager
def _keep_patches():
    yield


# vcrpy un-patches every connection class process-wide while it sends a real request
# (vcr.patch.force_reset), so a request started by another thread in that window bypasses the
# cassette. The real connection is already an instance of the real class, so the reset is not
# needed for requests/urllib3; keeping the patches makes concurrent commands record completely.
vcr.patch.force_reset = _keep_patches


# -- running az ----------------------------------------------------------------------------------
@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str
    output: Optional[object] = field(default=None)

    @property
    def all_text(self):
        return self.stdout + self.stderr

    @property
    def messages(self):
        """stderr without az's own additions: the notice that the command group is in preview, and the
        usage appendix az's argument parser prints after its error line ("Examples from command's help",
        the reference link)."""
        lines = []
        for line in self.stderr.splitlines():
            if line.startswith(("Examples from command's help", "https://aka.ms/cli_ref")):
                break
            if line.strip() and "is in preview" not in line:
                lines.append(line)
        return lines

    @property
    def error_lines(self):
        """The `ERROR:` lines (what follows one, az's recommendation lines, is in `notices`)."""
        return [line for line in self.messages if line.startswith("ERROR:")]

    @property
    def notices(self):
        """Every other line: warnings, and the recommendations az prints after an error."""
        return [line for line in self.messages if not line.startswith("ERROR:")]


def run_az(command, log: Optional[RequestLog] = None):
    """One `az` invocation in this process, with a fresh CLI object, stdout/stderr captured."""
    from azure.cli.core import get_default_cli
    args = shlex.split(command) if isinstance(command, str) else list(command)
    out, err = io.StringIO(), io.StringIO()
    previous = _ACTIVE["log"]
    _ACTIVE["log"] = log if log is not None else previous
    # pytest's handler on the root logger stops knack from installing its console handler,
    # so az's "ERROR: ..." lines are routed to the captured stderr here, formatted as knack does.
    handler = logging.StreamHandler(err)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    logging.getLogger("cli").addHandler(handler)
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            try:
                exit_code = get_default_cli().invoke(args, out_file=out)
            except SystemExit as exit_:
                exit_code = exit_.code if isinstance(exit_.code, int) else 1
    finally:
        _ACTIVE["log"] = previous
        logging.getLogger("cli").removeHandler(handler)
    stdout = out.getvalue()
    try:
        parsed = json.loads(stdout) if stdout.strip() else None
    except ValueError:
        parsed = None
    return Result(exit_code, stdout, err.getvalue(), parsed)


MATCH_ON = ("method", "scheme", "host", "port", "path", "query")


def is_core_az(request):
    """A request core az sent (an ARM request with another api-version than the one pyappsvc pins)."""
    return any(key == "api-version" and value != API_VERSION for key, value in request.query)


def query_but_core_api_version(first, second):
    """vcrpy matcher: the same query, except that core az's api-version is any: core az commands send their SDK's,
    which differs between the supported CLIs (2.87, 2.91). pyappsvc's own requests must carry the one it pins."""
    def key(request):
        return [(name, value) for name, value in request.query if name != "api-version"], is_core_az(request) or \
            dict(request.query).get("api-version")
    assert key(first) == key(second)


def path_as_arm_reads_it(first, second):
    """vcrpy matcher: the same path once repeated slashes are collapsed, as ARM does (azure-cli 2.87's
    `functionapp config appsettings set` sends `//subscriptions/...`)."""
    assert re.sub("/+", "/", first.path) == re.sub("/+", "/", second.path)


@contextlib.contextmanager
def cassette_context(path, mode, log, match_on=MATCH_ON):
    recorder = vcr.VCR(
        record_mode="none" if mode == "none" else "all",
        match_on=list(match_on),
        before_record_request=scrub_request,
        before_record_response=scrub_response,
        decode_compressed_response=True,
    )
    recorder.register_matcher("query_but_core_api_version", query_but_core_api_version)
    recorder.register_matcher("path_as_arm_reads_it", path_as_arm_reads_it)
    with recorder.use_cassette(path, allow_playback_repeats=False) as cassette:
        if mode == "none":
            _unscrub_subscription(cassette)
        yield cassette


def _unscrub_subscription(cassette):
    """Played back, the recorded answers speak of the login's subscription again, as they did when recorded: a
    next-page link must name the subscription being listed."""
    for response in cassette.responses:
        body = response["body"]["string"]
        if isinstance(body, bytes) and ZERO_SUBSCRIPTION.encode() in body:
            response["body"]["string"] = body.replace(ZERO_SUBSCRIPTION.encode(), SUBSCRIPTION.encode())
