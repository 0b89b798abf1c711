"""Session setup for every test: an isolated az config dir, a fake login, and no network.

This module runs before anything imports azure.cli.core, which reads its config dir at import time.
"""

import contextlib
import os
import tempfile

import pytest

from tests.emulator import azenv

MODE = os.environ.get("PYAPPSVC_RECORD", "none").lower()
if MODE not in ("none", "emulator", "live"):
    raise pytest.UsageError("PYAPPSVC_RECORD must be none, emulator or live, not " + MODE)

SESSION_DIR = tempfile.mkdtemp(prefix="pyappsvc-tests-")
RECORDINGS = os.path.join(os.path.dirname(__file__), "recordings")

if MODE != "live":
    os.environ.update(azenv.prepare_config_dir(os.path.join(SESSION_DIR, "azconfig")))
os.environ["AZURE_EXTENSION_DEV_SOURCES"] = azenv.make_dev_source(os.path.join(SESSION_DIR, "devext"))
os.environ["AZURE_CORE_COLLECT_TELEMETRY"] = "false"

from tests.canary import CANARY  # noqa: E402
from tests.emulator.model import Store  # noqa: E402
from tests.emulator.seeds import seed_default  # noqa: E402
from tests.emulator.server import Emulator  # noqa: E402
from tests.recording import MATCH_ON, RequestLog, cassette_context, is_core_az, run_az  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def _sandbox():
    """Offline unless a test starts the emulator; fake credentials unless recording live."""
    undo = []
    if MODE != "live":
        undo.append(azenv.patch_login())
        undo.append(azenv.route_to(None))
    yield
    for step in reversed(undo):
        step()


@pytest.fixture(autouse=True)
def _fresh_cli_state(monkeypatch):
    """Every test starts with no stacks cache, on the same day (support states depend on it), and with
    retry backoff shortened (the number of retries is unchanged)."""
    import shutil
    from azext_pyappsvc.adapters import arm, clock, kudu
    shutil.rmtree(os.path.join(os.environ["AZURE_CONFIG_DIR"], "pyappsvc"), ignore_errors=True)
    monkeypatch.setattr(clock, "today", lambda: TODAY)
    monkeypatch.setattr(arm, "RETRY", dict(arm.RETRY, retry_backoff_factor=0.0001))   # same retries, no waiting
    monkeypatch.setattr(kudu, "RETRY", dict(kudu.RETRY, retry_backoff_factor=0.0001))
    yield


TODAY = __import__("datetime").date(2026, 11, 21)


@pytest.fixture(scope="session")
def certificates():
    return azenv.issue_certificates(os.path.join(SESSION_DIR, "tls"))


def _serve(emulator, certificates, monkeypatch):
    ca, cert, key = certificates
    emulator.start(cert, key)
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", ca)
    return azenv.route_to("127.0.0.1:{}".format(emulator.port))


@pytest.fixture
def emulator(certificates, monkeypatch):
    """A freshly seeded emulator; it serves only when recording against it (playback needs none)."""
    emu = Emulator(seed_default(Store(), CANARY))
    undo = _serve(emu, certificates, monkeypatch) if MODE == "emulator" else None
    yield emu
    if undo:
        undo()
    emu.stop()


@pytest.fixture
def serving(certificates, monkeypatch):
    """`with serving() as emulator:` a freshly seeded emulator that serves until the block ends."""
    @contextlib.contextmanager
    def serve():
        emu = Emulator(seed_default(Store(), CANARY))
        undo = _serve(emu, certificates, monkeypatch)
        try:
            yield emu
        finally:
            undo()
            emu.stop()
    return serve


@pytest.fixture
def live_emulator(serving):
    """An emulator that always serves, for tests that inject faults or read its state and log."""
    with serving() as emu:
        yield emu


class AzRunner:
    def __init__(self, log):
        self.log = log

    def __call__(self, command):
        return run_az(command, self.log)


@pytest.fixture
def az(request, emulator):
    """`az(...)` under this test's cassette tests/recordings/<module>/<test>.yaml."""
    module = request.module.__name__.rsplit(".", 1)[-1]
    path = os.path.join(RECORDINGS, module, request.node.name.replace("/", "_") + ".yaml")
    if MODE == "none" and not os.path.exists(path):
        pytest.fail("No cassette {}: record it with PYAPPSVC_RECORD=emulator".format(os.path.relpath(path)))
    log = RequestLog()
    with cassette_context(path, MODE, log, getattr(request.module, "MATCH_ON", MATCH_ON)) as cassette:
        yield AzRunner(log)
    assert not log.unmatched, "requests the cassette cannot answer: {}".format(log.unmatched)
    if MODE == "none":
        optional = is_core_az if getattr(request.module, "CORE_AZ_MAY_DIFFER", False) else (lambda _: False)
        unplayed = [cassette.requests[i].uri for i in range(len(cassette))
                    if i not in cassette.play_counts and not optional(cassette.requests[i])]
        assert not unplayed, "recorded requests that were not sent this time: {}".format(unplayed)


@pytest.fixture
def az_live(live_emulator):
    """`az(...)` straight against the live emulator (no cassette); the log is the emulator's."""
    return AzRunner(None)


@pytest.fixture
def az_offline():
    """`az(...)` with no emulator and no cassette: every name lookup is refused, so any request fails."""
    return AzRunner(None)
