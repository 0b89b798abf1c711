"""`az pyappsvc doctor` reads what happened: the latest deployment and the container logs (LOG findings).

Every app lives in rg-logs (tests/emulator/seeds.py seed_logs), its logs composed from the real excerpts of
../shared/reference/logs/."""

import pytest

from tests.canary import CANARY
from tests.emulator.seeds import LOGS_GROUP, SUBSCRIPTION, seed_logs

ARM = "management.azure.com"
TAIL = "bytes=-262144"


@pytest.fixture
def logs_az(az, emulator):
    seed_logs(emulator.store, CANARY)
    return az


def _doctor(az, name, *options):
    result = az(f"pyappsvc doctor -g {LOGS_GROUP} -n {name} " + " ".join(options))
    assert "Traceback" not in result.stderr
    return result


def _logs(result):
    return {f["code"]: f for f in result.output["findings"] if f["code"].startswith("LOG")}


def _scm(log):
    return [r.path for r in log.sent if r.host != ARM]


# (app, the LOG codes its logs show, the one looked at, the configuration finding that explains it, its words)
SIGNATURES = [
    ("log-nobuild", {"LOG001", "LOG003"}, "LOG001", "BLD001", "no Oryx build output"),
    ("log-ownmodule", {"LOG002", "LOG005"}, "LOG002", None, "'main'"),     # STA004: main/ not listed
    ("log-package", {"LOG003"}, "LOG003", None, "'openai'"),
    ("log-attribute", {"LOG004"}, "LOG004", None, "looked for 'app'"),     # STA009 needs file contents
    ("log-pings", {"LOG005"}, "LOG005", None, "did not answer the platform's pings"),
    ("log-timelimit", {"LOG006"}, "LOG006", None, "230.1241714 seconds"),
    ("log-asgi", {"LOG007"}, "LOG007", None, "sync worker"),
    ("log-timeout", {"LOG008"}, "LOG008", None, "worker timeout"),
    ("log-port", {"LOG005", "LOG009"}, "LOG009", "STA003", "port 8081"),
    ("log-pip", {"LOG010"}, "LOG010", None, "'azure-functions==2.1.0' (exit code 1)"),
    ("log-boolean", {"LOG011"}, "LOG011", "BLD004", "DISABLE_COLLECTSTATIC is '1'"),
    ("log-noplatform", {"LOG012"}, "LOG012", "BLD003", "no Python project"),
    ("log-func", {"LOG013"}, "LOG013", None, "'pyodbc'"),
]


@pytest.mark.parametrize("name, codes, code, cause, words", SIGNATURES, ids=[s[0] for s in SIGNATURES])
def test_signature(logs_az, name, codes, code, cause, words):
    result = _doctor(logs_az, name)
    found = _logs(result)
    assert set(found) == codes
    finding = found[code]
    assert words in finding["detail"]
    evidence = finding["evidence"]
    assert 1 <= len(evidence["lines"]) <= 5 and evidence["at"] and evidence["log"]
    assert all(line[:4] == "2026" for line in evidence["lines"] if line[:1].isdigit())     # time stamps kept
    assert finding["fix"]
    stamps = [line.split(" ", 1)[0] for line in evidence["lines"] if line[:1].isdigit()]
    assert stamps == sorted(stamps)                                            # in the order they happened
    if cause:
        assert evidence["explainedBy"] == cause and f"Explained by {cause}" in finding["detail"]
        order = [f["code"] for f in result.output["findings"]]
        assert order.index(cause) < order.index(code)           # the cause leads
    assert CANARY not in result.all_text


def test_healthy_app_has_no_log_finding_and_one_extra_round_trip(logs_az):
    result = _doctor(logs_az, "log-healthy")
    assert not _logs(result) and result.exit_code == 0
    scm = _scm(logs_az.log)
    assert sorted(scm) == sorted(["/api/vfs/site/wwwroot/", "/api/deployments/latest", "/api/logs/docker",
                                  "/api/vfs/LogFiles/2026_11_20_lw1sdlwk000AB2_default_docker.log",
                                  "/api/vfs/LogFiles/2026_11_20_lw1sdlwk000AB2_docker.log"])
    # the container started after the deployment, which succeeded: its log is not read


def test_tails_are_ranged_reads_of_the_newest_instance(logs_az, emulator):
    site = emulator.store.get(SUBSCRIPTION, LOGS_GROUP, "log-timeout")
    older = {name.replace("lw1sdlwk000AB2", "lw0oldinst0001").replace("2026_11_20", "2026_11_19"): content
             for name, content in site.docker_logs.items()}
    site.docker_logs.update({name: content.replace(b"2026-11-20", b"2026-11-19") for name, content in older.items()})
    result = _doctor(logs_az, "log-timeout")
    assert set(_logs(result)) == {"LOG008"}
    reads = [r for r in logs_az.log.sent if "/api/vfs/LogFiles/" in r.path]
    assert len(reads) == 2 and all("lw1sdlwk000AB2" in r.path for r in reads)


def test_failed_deployment_is_reported_not_the_stale_container_start(logs_az):
    result = _doctor(logs_az, "log-stale")
    found = _logs(result)
    assert set(found) == {"LOG010"} and found["LOG010"]["evidence"]["log"].startswith("deployment ")
    assert any(p.endswith("/log") for p in _scm(logs_az.log))               # the deployment's log entries
    assert any("/log/" in p for p in _scm(logs_az.log))                     # and the failed step's details


def test_no_logs_reads_none(logs_az):
    result = _doctor(logs_az, "log-nobuild", "--no-logs")
    assert not _logs(result)
    assert _scm(logs_az.log) == ["/api/vfs/site/wwwroot/"]


def test_since_before_the_last_start_reads_older_evidence(logs_az):
    # log-stale's container crashed on a missing 'main' before its failed deployment
    result = _doctor(logs_az, "log-stale", "--since", "2026-11-20T09:00:00Z")
    assert {"LOG002", "LOG010"} <= set(_logs(result))


def test_refused_scm_site_is_a_data_finding_naming_the_role(logs_az):
    result = _doctor(logs_az, "log-refused")
    assert result.exit_code == 0, result.stderr
    data = [f for f in result.output["findings"] if f["code"] == "DATA002"]
    assert len(data) == 1 and "Website Contributor" in data[0]["detail"] and "403" in data[0]["detail"]
    assert not _logs(result)


def test_report_shows_the_evidence(logs_az):
    report = _doctor(logs_az, "log-nobuild", "--report")
    assert "Could not find build manifest file" in report.stdout
    assert report.stdout.index("BLD001") < report.stdout.index("LOG001")
