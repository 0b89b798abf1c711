"""Logs quote secrets (connection strings, tokens in URLs, environment dumps): doctor's LOG evidence never prints
one, in any output format, whether the secret is an app setting's value or only looks like a credential."""

import base64

import pytest

from tests.canary import CANARY
from tests.emulator import logs as evidence
from tests.emulator.seeds import LOGS_GROUP, SUBSCRIPTION, seed_logs

# credentials that are no app setting's value: only their shape gives them away
NOT_A_SETTING = ("hunter2-" + "x" * 8, "c2lnbmF0dXJlLW5vdC1hLXNldHRpbmc", "eyJhbGciOiJIUzI1NiJ9.e30.sig")
HOSTILE = [
    "DATABASE_URL=postgres://admin:{}@db.example.com:5432/app".format(CANARY),
    "Fetching https://acct.blob.core.windows.net/c/f?sv=2024-01-01&sig={}".format(CANARY),
    "Authorization: Bearer {}".format(NOT_A_SETTING[2]),
    "redis://:{}@cache.example.com:6380/0".format(NOT_A_SETTING[0]),
    "GET /api/orders?code={} HTTP/1.1".format(NOT_A_SETTING[1]),
    "{\"DATABASE_PASSWORD\": \"" + CANARY + "\", \"level\": \"debug\"}",
    "\x1b[31mpsycopg2.OperationalError: password authentication failed ({})\x1b[0m".format(CANARY),
    "Traceback (most recent call last):",
    "psycopg2.OperationalError: connection to server failed: FATAL: password {} rejected".format(CANARY),
    "ModuleNotFoundError: No module named '{}'".format(CANARY.replace("-", "_")),
    "[2026-11-20 10:00:03 +0000] [62] [ERROR] Reason: Worker failed to boot.",
]


@pytest.fixture
def hostile_app(live_emulator):
    sites = seed_logs(live_emulator.store, CANARY)
    site = sites["log-secrets"]
    site.app_settings["MY_SECRET_LOOKALIKE"] = CANARY.replace("-", "_")
    site.docker_logs = evidence.docker_logs(
        evidence.stamped(evidence.banner() + evidence.MANIFEST_FOUND + evidence.gunicorn_started() + HOSTILE),
        evidence.stamped(evidence.platform_started("log-secrets") + evidence.excerpt(5, 8, 10),
                         start="2026-11-20T09:59:58", step_ms=1500))
    return live_emulator.store.get(SUBSCRIPTION, LOGS_GROUP, "log-secrets")


def _b64(text, alphabet=base64.b64encode):
    return alphabet(text.encode()).decode()


# the shapes Python prints a credential in when a crash quotes it (its line is the crash that LOG005 shows): not
# an app setting's value (those are masked wherever they appear), only its shape gives it away
OTHER = "revw-" + "7733" * 3
BASIC = _b64("user:" + OTHER)
JWT = "eyJhbGciOiJIUzI1NiJ9." + _b64('{"sub":"' + OTHER + '"}', base64.urlsafe_b64encode).rstrip("=") + ".c2ln"
CRASHES = [
    "requests.exceptions.HTTPError: 401 for headers {'Authorization': 'Basic " + BASIC + "'}",
    "ValueError: invalid token " + JWT,
    "ValueError: redis password=b'" + OTHER + "' rejected",
    "ValueError: bad environment [('DB_PASSWORD', '" + OTHER + "')]",
    "pyodbc.Error: Driver={ODBC Driver 18};Server=x;Uid=u;Pwd={" + OTHER.replace("-", ";", 1) + "}",
    "ValueError: Server=x;Password=" + OTHER.replace("-", " ") + ";Database=y",
    "ValueError: conn=Endpoint%3Dsb%3BSharedAccessKey%3D" + OTHER,
    "ValueError: " + "y" * 1900 + " https://user:" + OTHER + "z" * 30 + "@host.example/",  # its @ after MAX_LINE
]


@pytest.mark.parametrize("crash", CRASHES)
def test_a_credential_quoted_by_a_crash_is_not_printed(az_live, live_emulator, crash):
    site = seed_logs(live_emulator.store, CANARY)["log-secrets"]
    site.docker_logs = evidence.docker_logs(
        evidence.stamped(evidence.banner() + evidence.MANIFEST_FOUND + evidence.gunicorn_started() +
                         ["Traceback (most recent call last):", crash]),
        evidence.stamped(evidence.platform_started("log-secrets") + evidence.excerpt(5, 8, 10),
                         start="2026-11-20T09:59:58", step_ms=1500))
    for extra in ([], ["--report"], ["-o", "table"]):
        result = az_live(["pyappsvc", "doctor", "-g", LOGS_GROUP, "-n", "log-secrets"] + extra)
        assert "LOG005" in result.all_text, extra
        for secret in (CANARY, OTHER, OTHER.replace("-", " "), OTHER.split("-", 1)[1], BASIC, JWT.split(".")[1]):
            assert secret not in result.all_text, (extra, secret)


def test_a_credential_in_the_startup_command_of_the_log_is_not_printed(az_live, live_emulator):
    """The command the platform ran (LOG009's evidence) may set a secret in its environment: DB_PASS=..."""
    site = seed_logs(live_emulator.store, CANARY)["log-secrets"]
    site.docker_logs = evidence.docker_logs(
        evidence.stamped(evidence.banner(command="DB_PASS=" + OTHER + " gunicorn --bind=0.0.0.0:8081 app:app") +
                         evidence.MANIFEST_FOUND + evidence.gunicorn_started(port=8081)),
        evidence.stamped(evidence.platform_started("log-secrets") + evidence.excerpt(5, 8, 10),
                         start="2026-11-20T09:59:58", step_ms=1500))
    result = az_live(["pyappsvc", "doctor", "-g", LOGS_GROUP, "-n", "log-secrets"])
    assert "LOG009" in {f["code"] for f in result.output["findings"]}
    assert CANARY not in result.all_text and OTHER not in result.all_text


@pytest.mark.parametrize("fmt", ["json", "yaml", "table", "tsv"])
def test_log_evidence_prints_no_secret_in_any_format(az_live, hostile_app, fmt):
    result = az_live(["pyappsvc", "doctor", "-g", LOGS_GROUP, "-n", "log-secrets", "-o", fmt])
    assert result.exit_code == 0, result.stderr
    for secret in (CANARY, CANARY.replace("-", "_")) + NOT_A_SETTING:
        assert secret not in result.all_text, secret
    assert "\x1b" not in result.stdout


def test_log_evidence_in_the_report_and_debug_trace_prints_no_secret(az_live, hostile_app):
    for extra in (["--report"], ["--debug"]):
        result = az_live(["pyappsvc", "doctor", "-g", LOGS_GROUP, "-n", "log-secrets"] + extra)
        for secret in (CANARY, CANARY.replace("-", "_")) + NOT_A_SETTING:
            assert secret not in result.all_text, (extra, secret)


def test_evidence_is_at_most_five_lines_whatever_the_log_holds(az_live, hostile_app):
    hostile_app.docker_logs = {name: content * 400 for name, content in hostile_app.docker_logs.items()}
    out = az_live(["pyappsvc", "doctor", "-g", LOGS_GROUP, "-n", "log-secrets"]).output
    logs = [f for f in out["findings"] if f["evidence"]]
    assert logs and all(len(f["evidence"]["lines"]) <= 5 for f in logs)


ELSEWHERE = ["https://evil.azurewebsites.net/api/vfs/LogFiles/x_default_docker.log",
             "https://log-stale.scm.azurewebsites.net.evil.example/api/deployments/latest/log",
             "http://log-stale.scm.azurewebsites.net/api/deployments/latest/log",
             "https://user:pass@log-stale.scm.azurewebsites.net/api/deployments/latest/log",
             "https://log-stale.scm.azurewebsites.net:8443/api/deployments/latest/log",
             "//evil.example/x", "file:///etc/passwd", "",
             # URLs urllib cannot read: no traceback, the log is not read
             "https://[log-stale/x", "https://log-stale.scm.azurewebsites.net:abc/x",
             "https://log-stale.scm.azurewebsites.net:99999/x", "https://log-stale.scm.azurewebsites.net\uff03@evil.example/"]


@pytest.mark.parametrize("url", ELSEWHERE)
def test_urls_read_from_answers_are_followed_only_on_the_apps_scm_host(az_live, live_emulator, url):
    """log_url, details_url and href come from the SCM site's answers: the token never follows them elsewhere."""
    from tests.emulator.server import Fault

    def moved(body):
        for item in body if isinstance(body, list) else [body]:
            for key in ("log_url", "details_url", "href"):
                if isinstance(item, dict) and key in item:
                    item[key] = url
        return body
    seed_logs(live_emulator.store, CANARY)
    live_emulator.inject(*(Fault(kind="answer", method="GET", path=path, body=moved, times=5)
                           for path in (r"^/api/deployments/latest$", r"/log$", r"^/api/logs/docker$")))
    result = az_live(["pyappsvc", "doctor", "-g", LOGS_GROUP, "-n", "log-stale"])
    assert result.exit_code == 0 and "Traceback" not in result.stderr
    hosts = {entry.host for entry in live_emulator.requests()}
    assert hosts <= {"management.azure.com", "log-stale.scm.azurewebsites.net"}, hosts
    assert all(entry.path.startswith(("/subscriptions/", "/providers/", "/api/")) for entry in live_emulator.requests())


@pytest.mark.parametrize("server_ranges", [True, False])
def test_only_the_last_256_kb_of_a_log_are_read(az_live, live_emulator, server_ranges):
    """A 600 KB log: every read asks for its last 256 KB only. A server that answers the Range (206) gives the
    evidence at the end; one that ignores it (200, the whole file) is read no further than 256 KB, which holds
    only the oldest lines: that log gives no evidence (neither its first line nor its last)."""
    from tests.emulator.server import Fault
    site = seed_logs(live_emulator.store, CANARY)["log-healthy"]
    noise = ["[INFO] 169.254.130.1 GET /healthz 200"] * 6000
    content = evidence.stamped(evidence.banner() + ["Failed to find attribute 'app' in 'app'."] + noise +
                               ["[CRITICAL] WORKER TIMEOUT (pid:42)"], step_ms=1)
    assert len(content) > 3 * 256 * 1024 // 2
    name = next(n for n in site.docker_logs if n.endswith("_default_docker.log"))
    site.docker_logs[name] = content
    if not server_ranges:
        live_emulator.inject(Fault(kind="body", status=200, method="GET", path="/api/vfs/LogFiles/.*_default_",
                                   body=content, content_type="text/plain", times=5))
    out = az_live(["pyappsvc", "doctor", "-g", LOGS_GROUP, "-n", "log-healthy"]).output
    codes = {f["code"] for f in out["findings"]}
    assert "LOG004" not in codes and ("LOG008" in codes) is server_ranges
    tails = [entry for entry in live_emulator.requests() if entry.path.startswith("/api/vfs/LogFiles/")]
    assert tails and all(entry.range == "bytes=-262144" for entry in tails)


@pytest.mark.parametrize("fault, words", [
    ({"kind": "body", "status": 302, "body": "<html>Sign in</html>", "content_type": "text/html",
      "headers": {"Location": "https://login.microsoftonline.com/"}}, "basic authentication"),
    ({"kind": "status", "status": 403}, "Website Contributor"),
    ({"kind": "reset"}, "could not be reached"),
])
def test_an_scm_site_that_refuses_the_logs_is_a_data_finding(az_live, live_emulator, fault, words):
    from tests.emulator.server import Fault
    seed_logs(live_emulator.store, CANARY)
    live_emulator.inject(Fault(method="GET", path=r"^/api/(deployments|logs)/", times=20, **fault))
    result = az_live(["pyappsvc", "doctor", "-g", LOGS_GROUP, "-n", "log-healthy"])
    assert result.exit_code == 0 and "Traceback" not in result.stderr
    [data] = [f for f in result.output["findings"] if f["code"] == "DATA002"]
    assert words in data["detail"] and "LOG checks were skipped" in data["detail"]
