"""Logs quote secrets (connection strings, tokens in URLs, environment dumps): doctor's LOG evidence never prints
one, in any output format, whether the secret is an app setting's value or only looks like a credential."""

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
