"""The log-signature classifier (platform/logs.py) over every real log of ../shared/reference/logs/, and over
variants of them: other app names, noise lines, two machines interleaved, a ranged read that starts mid-line."""

import os
import random
import re

import pytest

from azext_pyappsvc.platform.logs import (MAX_EVIDENCE, LogContext, classify, last_start, since, split_lines)

LOGS = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "reference", "logs")

# The codes each real log shows, read by a person (SOURCES.md says where each comes from).
EXPECTED = {
    "01-modulenotfound-no-oryx-build-azure-search-openai-demo-1830.log": {"LOG002"},
    "02-no-build-manifest-azure-search-openai-demo-1864.log": {"LOG001"},
    "03-antenv-missing-modulenotfound-azure-search-openai-demo-pr198.log": {"LOG001", "LOG003"},
    "04-gunicorn-failed-to-find-attribute-BotBuilder-Samples-3134.log": {"LOG004"},
    "05-http-pings-port-8000-azure-docs-106657.log": {"LOG005"},
    "06-startup-timeout-230s-azure-docs-107785.log": {"LOG006"},
    "07-site-startup-probe-failed-new-format-Agent365-Samples-186.log": {"LOG006"},
    "08-asgi-on-sync-worker-sample-app-aoai-chatGPT-606.log": {"LOG007"},
    "09-worker-timeout-uvicorn-gunicorn-fastapi-docker-65.log": {"LOG008"},
    "10-wrong-port-bind-8081-gunicorn-2564.log": {"LOG001", "LOG009"},
    "11-oryx-build-command-appservice-Oryx-2486.log": set(),              # a healthy build's header
    "12-could-not-detect-any-platform-Oryx-1915.log": {"LOG012"},
    "13-platform-python-disabled-Oryx-1022.log": {"LOG012"},
    "14-functions-remote-build-no-version-Oryx-1028.log": {"LOG012"},
    "15-functions-no-job-functions-found-azure-functions-host-9458.log": {"LOG013"},
    "16-functions-no-http-triggers-found-python-worker-1247.log": set(),  # the deploy tool's words, not the host's
    "17-functions-worker-failed-to-index-python-worker-1272.log": {"LOG013"},
    "18-functions-worker-failed-to-index-stopiteration-python-worker-1815.log": {"LOG013"},
    "19-kudu-deployments-latest-onedeploy-2023.json": set(),
    "20-kudu-deployments-latest-push-deployer-2018.json": set(),
    "21-autodetect-with-manifest-chat-with-your-data-1304.log": set(),    # the manifest was found: healthy
    "22-flex-remote-build-wrong-python-azure-dev-8538.log": {"LOG010"},
    "23-flex-site-config-property-invalid-functions-host-10643.log": set(),   # an ARM error, not a log
    "24-oryx-no-platform-detected-legacy-Oryx-24.log": set(),             # "Oops": the log names no cause
}


def _read(name):
    with open(os.path.join(LOGS, name), encoding="utf-8") as handle:
        return handle.read()


def _codes(text, context=None, truncated=False):
    return {signal.code for signal in classify(split_lines(text, truncated), "log", context or LogContext())}


def test_every_reference_log_has_an_expectation():
    assert set(EXPECTED) == {name for name in os.listdir(LOGS) if name != "SOURCES.md"}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_reference_log(name):
    assert _codes(_read(name)) == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_evidence_is_at_most_five_lines_of_the_log_with_their_time_stamps(name):
    text = _read(name)
    for signal in classify(split_lines(text), name):
        assert 1 <= len(signal.lines) <= MAX_EVIDENCE
        for line in signal.lines:
            assert line.raw in text
            if line.at:
                assert line.raw.startswith(line.at)


def _renamed(text, rng):
    name = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789-") for _ in range(rng.randint(3, 40)))
    return re.sub(r"shileiagent0121-webapp|xxxxxxx-django|app-backend-6gwercguaeuhq|<site-name>|<app_name>",
                  "a" + name, text)


NOISE = ["2026-11-20T10:00:00.000000000Z 169.254.130.1 - - [20/Nov/2026:10:00:00 +0000] \"GET /robots933456.txt "
         "HTTP/1.1\" 404 0 \"-\" \"HealthCheck/1.0\"",
         "2026-11-20T10:00:00.1Z INFO  - Pulling image: mcr.microsoft.com/appsvc/python:3.12_20260101.1.tuxprod",
         "2026-11-20T10:00:01.2Z Application Insights Telemetry: no problem here",
         "2026-11-20T10:00:02Z [2026-11-20 10:00:02 +0000] [42] [INFO] Booting worker with pid: 42",
         "",
         "    at System.Threading.Tasks.Task.Execute()"]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("name", sorted(n for n, codes in EXPECTED.items() if codes))
def test_variants_keep_their_codes(name, seed):
    """Other app names and noise lines between the lines change nothing."""
    rng = random.Random(f"{name}{seed}")
    lines = _renamed(_read(name), rng).splitlines()
    noisy = []
    for line in lines:
        if rng.random() < 0.3 and not line.startswith(" "):     # noise never splits a traceback frame from its line
            noisy.append(rng.choice(NOISE))
        noisy.append(line)
    assert _codes("\n".join(noisy)) == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(n for n, codes in EXPECTED.items() if codes))
def test_a_ranged_read_that_starts_mid_line_drops_the_cut_line(name):
    """A 256 KB tail starts inside a line: that line is dropped, the rest is read as is."""
    text = "2026-11-20T09:59:59.9Z xxxxxxxx this line was cut by the range\n" + _read(name)
    cut = text[23:]                       # starts inside the first line: "xxxxxxxx this line was cut..."
    assert _codes(cut, truncated=True) == EXPECTED[name]
    assert all("was cut" not in line.raw for line in split_lines(cut, truncated_start=True))


def test_interleaved_machines_still_show_each_signature():
    """Two machines' lines in one stream (a scaled-out app's logs read together): both failures are seen."""
    first = _read("04-gunicorn-failed-to-find-attribute-BotBuilder-Samples-3134.log").splitlines()
    second = _read("09-worker-timeout-uvicorn-gunicorn-fastapi-docker-65.log").splitlines()
    mixed = [line for pair in zip(first, second) for line in pair] + first[len(second):] + second[len(first):]
    assert _codes("\n".join(mixed)) == {"LOG004", "LOG008"}


def test_joined_lines_are_split_at_each_time_stamp():
    lines = split_lines(_read("03-antenv-missing-modulenotfound-azure-search-openai-demo-pr198.log"))
    assert any(line.text.startswith("ModuleNotFoundError: No module named 'openai'") for line in lines)
    assert all(line.raw.count("2023-08-22T") <= 1 for line in lines)


# -- single signatures at their boundaries -----------------------------------------------------------------------
STAMP = "2026-11-20T10:00:0{}.5Z "


def _log(*texts):
    return "\n".join(STAMP.format(i % 10) + text for i, text in enumerate(texts))


def test_own_module_or_third_party_from_the_configuration():
    text = _log("Traceback (most recent call last):", '  File "/home/site/wwwroot/app.py", line 1, in <module>',
                "    import mysite.settings", "ModuleNotFoundError: No module named 'mysite'")
    assert _codes(text, LogContext(own_modules=frozenset({"mysite"}))) == {"LOG002"}
    assert _codes(text, LogContext(own_modules=frozenset({"app"}))) == {"LOG003"}
    assert _codes(text) == {"LOG003"}          # unknown configuration: an import in the app's code is a package


def test_module_imported_by_the_server_is_the_apps_own():
    text = _log('  File "<frozen importlib._bootstrap>", line 1140, in _find_and_load_unlocked',
                "ModuleNotFoundError: No module named 'main'")
    [signal] = classify(split_lines(text), "default_docker.log")
    assert (signal.code, signal.facts["module"]) == ("LOG002", "main")


def test_functions_module_error_is_log013_not_log003():
    text = _log("Worker failed to index functions",
                "Result: Failure Exception: ModuleNotFoundError: No module named 'pyodbc'.")
    [signal] = classify(split_lines(text), "log")
    assert (signal.code, signal.facts) == ("LOG013", {"module": "pyodbc"})
    assert len(signal.lines) == 2


@pytest.mark.parametrize("line, fires", [
    ("[2026-11-20 10:00:00 +0000] [1] [INFO] Listening at: http://0.0.0.0:8000 (1)", False),
    ("[2026-11-20 10:00:00 +0000] [1] [INFO] Listening at: http://0.0.0.0:8001 (1)", True),
    ("INFO:     Uvicorn running on http://0.0.0.0:80 (Press CTRL+C to quit)", True),
    ("Site's appCommandLine: gunicorn --bind=0.0.0.0:8000 app:app", False),
    ("Site's appCommandLine: gunicorn --bind=0.0.0.0:5000 app:app", True),
    ("Site's appCommandLine: python app.py", False),
])
def test_wrong_port_just_fires_or_stays_silent(line, fires):
    assert ("LOG009" in _codes(_log(line))) is fires


def test_wrong_port_compares_with_the_pinged_port_when_logged():
    text = _log("Listening at: http://0.0.0.0:8080 (1)",
                "ERROR - Container a_0_1 didn't respond to HTTP pings on port: 8080, failing site start.")
    assert "LOG009" not in _codes(text)
    assert "LOG009" in _codes(_log("Listening at: http://0.0.0.0:8080 (1)"), LogContext(port="8000"))
    assert "LOG009" not in _codes(_log("Listening at: http://0.0.0.0:8080 (1)"), LogContext(port="8080"))


def test_exit_carries_the_crash_that_preceded_it():
    text = _log("Failed to find attribute 'app' in 'app'.", "[ERROR] Reason: App failed to load.",
                "ERROR - Container a_0_1 didn't respond to HTTP pings on port: 8000, failing site start.")
    signals = {s.code: s for s in classify(split_lines(text), "log")}
    assert set(signals) == {"LOG004", "LOG005"}
    assert signals["LOG005"].facts["crash"] == "Reason: App failed to load"
    assert len(signals["LOG005"].lines) == 2


@pytest.mark.parametrize("message, facts", [
    ("Invalid value 'DISABLE_COLLECTSTATIC' for key '1'. Value can either be 'true' or 'false'.",
     {"setting": "DISABLE_COLLECTSTATIC", "value": "1"}),
    ("Invalid value 'yes' for key 'DISABLE_PYTHON_BUILD'. Value can either be 'true' or 'false'.",
     {"setting": "DISABLE_PYTHON_BUILD", "value": "yes"}),
])
def test_invalid_boolean_names_the_setting_in_either_order(message, facts):
    [signal] = classify(split_lines(_log(message)), "log")
    assert (signal.code, signal.facts) == ("LOG011", facts)


def test_pip_failure_names_exit_code_and_requirement():
    text = _log("ERROR: Could not find a version that satisfies the requirement numpyy==9.9 (from versions: none)",
                "ERROR: No matching distribution found for numpyy==9.9",
                "\"2026-11-20 10:00:05\" | ERROR | Package installation failed | Exit code: 1 | Please review your "
                "requirements.txt | More information: https://aka.ms/troubleshoot-python")
    [signal] = classify(split_lines(text), "log")
    assert signal.code == "LOG010" and signal.facts == {"exitCode": "1", "requirement": "numpyy==9.9"}


def test_worker_timeout_just_fires():
    assert _codes(_log("[CRITICAL] WORKER TIMEOUT (pid:8)")) == {"LOG008"}
    assert _codes(_log("[INFO] WORKER TIMEOUT is set to 30")) == set()


def test_since_keeps_the_lines_of_the_last_start_and_their_tracebacks():
    text = "\n".join([
        "2026-11-20T09:00:00.1Z ModuleNotFoundError: No module named 'old'",
        "2026-11-20T10:00:00.1Z A P P   S E R V I C E   O N   L I N U X",
        "2026-11-20T10:00:01.1Z Traceback (most recent call last):",
        "  File \"<frozen importlib._bootstrap>\", line 1, in _gcd_import",
        "2026-11-20T10:00:02.1Z ModuleNotFoundError: No module named 'new'"])
    lines = split_lines(text)
    start = last_start(lines)
    assert start == "2026-11-20T10:00:00.1Z"
    kept = since(lines, start)
    assert [s.facts["module"] for s in classify(kept, "log")] == ["new"]
    assert len(kept) == 4


def test_long_and_hostile_lines_do_not_slow_or_break_the_classifier():
    hostile = _log("x" * 100000, "No module named '" + "a." * 50000, "\x1b[2J" + "Listening at: http://" + ":" * 9999,
                   "ModuleNotFoundError: No module named 'ok'")
    assert "LOG003" in _codes(hostile)


@pytest.mark.parametrize("kind, reserved, fx, sku, reads", [
    ("app,linux", True, "PYTHON|3.12", "Standard", True),
    ("functionapp,linux", True, "Python|3.12", "ElasticPremium", True),
    ("functionapp,linux", True, "Python|3.12", "Dynamic", False),          # Linux Consumption: no container logs
    ("app", False, "", "Standard", False),                                 # Windows: formats not known here
    ("app,linux,container", True, "DOCKER|repo/app:1", "Standard", False),  # the app's own image writes its logs
])
def test_logs_are_read_only_where_their_formats_are_known(kind, reserved, fx, sku, reads):
    from azext_pyappsvc.platform.appkind import classify
    from azext_pyappsvc.platform.logs import reads_logs
    assert reads_logs(classify(kind, reserved, fx, None, sku), sku) is reads


NOW = __import__("datetime").datetime(2026, 11, 20, 12, 0, 0, tzinfo=__import__("datetime").timezone.utc)


@pytest.mark.parametrize("value, moment", [
    ("2026-11-20T10:00:00Z", "2026-11-20T10:00:00Z"),
    ("2026-11-20T11:00:00+01:00", "2026-11-20T10:00:00Z"),
    ("2026-11-20", "2026-11-20T00:00:00Z"),
    ("30m", "2026-11-20T11:30:00Z"),
    ("6H", "2026-11-20T06:00:00Z"),
    ("2d", "2026-11-18T12:00:00Z"),
    ("0999-01-01", "0999-01-01T00:00:00Z"),
    ("2026-11-20T10:00:00.5Z", "2026-11-20T10:00:00Z"),
])
def test_since_accepts_times_and_durations(value, moment):
    from azext_pyappsvc.platform.logs import parse_since
    assert parse_since(value, NOW) == moment


@pytest.mark.parametrize("value", ["yesterday", "", "10x", "-5m", "2026-13-01", "1e3m", "5 m", "999999d",
                                   "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00"])
def test_since_refuses_anything_else(value):
    from azext_pyappsvc.platform.errors import InvalidValue
    from azext_pyappsvc.platform.logs import parse_since
    with pytest.raises(InvalidValue):
        parse_since(value, NOW)


def test_the_newest_instances_app_and_platform_logs_are_read():
    from types import SimpleNamespace as Log
    from azext_pyappsvc.platform.logs import logs_to_read
    logs = [Log(machine="lw0old00001_default", last_updated="2026-11-19T10:00:00Z"),
            Log(machine="lw0old00001", last_updated="2026-11-19T10:00:00Z"),
            Log(machine="lw1new00002_default_scm", last_updated="2026-11-20T11:00:00Z"),
            Log(machine="lw1new00002_easyauth", last_updated="2026-11-20T11:00:00Z"),
            Log(machine="lw1new00002", last_updated="2026-11-20T10:00:01Z"),
            Log(machine="lw1new00002_default", last_updated="2026-11-20T10:00:00.5Z")]
    assert [log.machine for log in logs_to_read(logs)] == ["lw1new00002_default", "lw1new00002"]
    assert logs_to_read([]) == []


def test_each_line_of_a_deployment_message_is_stamped_with_its_entry_time():
    from azext_pyappsvc.platform.logs import entry_lines
    lines = entry_lines([{"log_time": "2026-11-20T10:00:00.1Z", "message": "Running pip install...\nERROR: "
                          "No matching distribution found for flask==9.9\n"},
                         {"log_time": "2026-11-20T10:00:05Z", "message": "Deployment failed."}])
    assert [(line.at, line.text) for line in lines] == [
        ("2026-11-20T10:00:00.1Z", "Running pip install..."),
        ("2026-11-20T10:00:00.1Z", "ERROR: No matching distribution found for flask==9.9"),
        ("2026-11-20T10:00:05Z", "Deployment failed.")]
