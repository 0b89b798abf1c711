"""`az pyappsvc set-startup` and `az pyappsvc show-startup`."""

import pytest

from tests.emulator.seeds import SUBSCRIPTION

SITE = "/subscriptions/{}/resourceGroups/rg-python/providers/Microsoft.Web/sites/".format(SUBSCRIPTION)
FLASK_APP = "from flask import Flask\nmyapp = Flask(__name__)\n"
FASTAPI_APP = "from fastapi import FastAPI\napp = FastAPI()\n"


@pytest.fixture
def project(tmp_path_factory):
    """A small project: website/hello.py (Flask, object myapp), api/main.py (FastAPI), scripts, requirements."""
    root = tmp_path_factory.mktemp("project")
    (root / "website").mkdir()
    (root / "website" / "hello.py").write_text(FLASK_APP)
    (root / "api").mkdir()
    (root / "api" / "main.py").write_text(FASTAPI_APP)
    (root / "startup.sh").write_text("python manage.py migrate\ngunicorn app:app\n")
    (root / "startup.txt").write_text("gunicorn --bind=0.0.0.0 website.hello:myapp\necho never runs\n")
    (root / "requirements.txt").write_text("flask\nfastapi\nuvicorn\n")
    return str(root)


def _patches(log):
    return [(r.path.replace(SITE, ""), r.body) for r in log.writes()]


@pytest.mark.parametrize("args, expected", [
    (["--module", "hello:myapp", "--chdir", "website"],
     "gunicorn --bind=0.0.0.0 --timeout 600 --chdir website hello:myapp"),
    (["--module", "main:app", "--server", "uvicorn", "--workers", "4", "--timeout", "120"],
     "gunicorn --bind=0.0.0.0 --timeout 120 --workers 4 -k uvicorn.workers.UvicornWorker main:app"),
    (["--command", "gunicorn --bind=0.0.0.0 --workers 2 app:app"], "gunicorn --bind=0.0.0.0 --workers 2 app:app"),
    (["--file", "startup.sh"], "startup.sh"),
])
def test_set_startup_writes_one_property(az, args, expected):
    result = az(["pyappsvc", "set-startup", "-g", "rg-python", "-n", "py-web"] + args)
    assert result.exit_code == 0, result.stderr
    assert (result.output["previous"], result.output["proposed"], result.output["written"]) == (None, expected, True)
    assert _patches(az.log) == [("py-web/config/web", {"properties": {"appCommandLine": expected}})]
    assert len(az.log.sent) == 3          # site and config/web together, then the PATCH


def test_set_startup_detect_from_source(az, project):
    result = az(["pyappsvc", "set-startup", "-g", "rg-python", "-n", "py-web", "--detect", "--source", project])
    assert result.exit_code == 0, result.stderr
    assert "Detected: api/main.py creates the fastapi application 'app'" in result.stderr
    assert result.output["proposed"] == \
        "gunicorn --bind=0.0.0.0 --timeout 600 -k uvicorn.workers.UvicornWorker --chdir api main:app"


def test_set_startup_clear_and_dry_run(az, emulator):
    emulator.store.get(SUBSCRIPTION, "rg-python", "py-web").config["appCommandLine"] = "gunicorn app:app"
    dry = az("pyappsvc set-startup -g rg-python -n py-web --clear --dry-run")
    assert (dry.output["previous"], dry.output["proposed"], dry.output["written"]) == ("gunicorn app:app", None, False)
    assert not az.log.writes()
    cleared = az("pyappsvc set-startup -g rg-python -n py-web --clear")
    assert cleared.output["written"] is True
    assert _patches(az.log) == [("py-web/config/web", {"properties": {"appCommandLine": ""}})]


def test_set_startup_on_a_slot(az):
    az("pyappsvc set-startup -g rg-python -n py-web --slot staging --module app:app")
    assert [path for path, _ in _patches(az.log)] == ["py-web/slots/staging/config/web"]


@pytest.mark.parametrize("app, words", [("py-func", "is a function app: the Functions host starts it"),
                                        ("win-app", "is a Windows app"), ("py-container", "runs a custom container")])
def test_set_startup_refuses_apps_without_a_startup_command(az, app, words):
    result = az("pyappsvc set-startup -g rg-python -n {} --module app:app".format(app))
    assert result.exit_code != 0 and words in result.error_lines[0]
    assert not az.log.writes()


def test_set_startup_warns_about_a_hard_coded_other_python(az):
    result = az(["pyappsvc", "set-startup", "-g", "rg-python", "-n", "py-web", "--command",
                 "python3.7 -m gunicorn --bind=0.0.0.0 app:app"])
    assert result.exit_code == 0
    assert "runs python3.7 but the app runs Python 3.12; use `python`" in result.stderr


def test_set_startup_force_writes_despite_errors(az):
    result = az(["pyappsvc", "set-startup", "-g", "rg-python", "-n", "py-web", "--command", "uvicorn main:app",
                 "--force"])
    assert result.exit_code == 0 and "binds 127.0.0.1" in result.stderr
    assert _patches(az.log) == [("py-web/config/web", {"properties": {"appCommandLine": "uvicorn main:app"}})]


@pytest.mark.parametrize("args, words", [
    (["--command", "gunicorn -b 127.0.0.1:8000 app:app"], "The startup command binds 127.0.0.1"),
    (["--command", "gunicorn -b 0.0.0.0:5000 app:app"], "listens on port 5000"),
    (["--command", "uvicorn main:app"], "binds 127.0.0.1"),
    (["--command", "gunicorn 'app:app"], "--command \"gunicorn 'app:app\" cannot be split into words"),
    (["--command", "gunicorn --bind=0.0.0.0 app:app", "--module", "x:y"],
     "--command, --module: give only one of --command, --file, --module, --detect, --clear"),
    ([], "Give exactly one of --command"),
    (["--command", "  "], "--command '  ' is empty"),
    (["--module", "hello-world:app"], "--module 'hello-world:app' is not module:object"),
    (["--module", "app:app", "--workers", "0"], "--workers '0' is not a whole number from 1 to 64"),
    (["--module", "app:app", "--timeout", "soon"], "--timeout 'soon' is not a whole number"),
    (["--command", "gunicorn app:app", "--chdir", "x"], "--chdir: goes with --module or --detect"),
    (["--file", "two words"], "--file 'two words' is not one file name"),
    (["--detect"], "Give --source. --detect derives the command"),
    (["--module", "hello:myapp", "--chdir", "nowhere", "--source", "{project}"], "--chdir nowhere: no such folder"),
    (["--module", "missing:app", "--source", "{project}"], "Module missing is not in the project"),
    (["--module", "hello:app", "--chdir", "website", "--source", "{project}"], "website/hello.py defines no 'app'"),
    (["--module", "main:app", "--chdir", "api", "--source", "{project}"], "is an ASGI app (fastapi) but gunicorn"),
    (["--command", "hypercorn --bind 0.0.0.0:8000 api.main:app", "--source", "{project}"],
     "uses hypercorn but the project's requirements do not install it"),
    (["--file", "start.sh", "--source", "{project}"], "--file 'start.sh' is not in the project"),
    (["--module", "app:app", "--source", "{project}/requirements.txt"],
     "requirements.txt' is a file; use the project folder"),
])
def test_set_startup_bad_input_writes_nothing(az_live, live_emulator, project, args, words):
    args = [a.replace("{project}", project) for a in args]
    result = az_live(["pyappsvc", "set-startup", "-g", "rg-python", "-n", "py-web"] + args)
    assert result.exit_code != 0
    assert len(result.error_lines) == 1 and words in result.error_lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert live_emulator.requests() == []          # refused before any request


def test_set_startup_multi_line_file_is_a_warning(az_live, live_emulator, project):
    result = az_live(["pyappsvc", "set-startup", "-g", "rg-python", "-n", "py-web", "--file", "startup.txt",
                      "--source", project])
    assert result.exit_code == 0, result.stderr
    assert live_emulator.store.get(SUBSCRIPTION, "rg-python", "py-web").config["appCommandLine"] == "startup.txt"


def test_show_startup_offline_from_source_needs_no_network(az_offline, project):
    result = az_offline(["pyappsvc", "show-startup", "--source", project])
    assert result.exit_code == 0, result.stderr
    assert (result.output["origin"], result.output["module"]) == ("default", "application:app")
    assert "waiting for your content" in result.output["explanation"]


def test_show_startup_from_the_deployed_files(az):
    result = az("pyappsvc show-startup -g rg-python -n py-web")
    out = result.output
    assert (out["origin"], out["module"], out["source"]) == ("flask", "app:app", "deployed files")
    hosts = {r.host for r in az.log.sent}
    assert hosts == {"management.azure.com", "py-web.scm.azurewebsites.net"}
    assert [r.path for r in az.log.sent if r.host.endswith(".scm.azurewebsites.net")] == ["/api/vfs/site/wwwroot/"]


def test_show_startup_with_compressed_output_says_it_cannot_list(az, emulator):
    emulator.store.get(SUBSCRIPTION, "rg-python", "py-web").files = {
        "output.tar.gz": b"\x1f\x8b", "oryx-manifest.toml": b"CompressDestinationDir=\"true\"\n",
        "hostingstart.html": b""}
    out = az("pyappsvc show-startup -g rg-python -n py-web").output
    assert out["origin"] == "unknown" and "Oryx's compressed output" in out["explanation"]


def test_show_startup_when_the_scm_site_refuses(az, emulator):
    emulator.store.get(SUBSCRIPTION, "rg-python", "py-web").scm_status = 403
    result = az("pyappsvc show-startup -g rg-python -n py-web")
    assert result.exit_code == 0
    assert result.output["origin"] == "unknown"
    assert "was refused (403)" in result.output["explanation"]


def test_show_startup_with_a_custom_command_reads_no_files(az, emulator):
    emulator.store.get(SUBSCRIPTION, "rg-python", "py-web").config["appCommandLine"] = "gunicorn --bind=0.0.0.0 a:b"
    out = az("pyappsvc show-startup -g rg-python -n py-web").output
    assert (out["origin"], out["module"]) == ("custom", "a:b")
    assert all(r.host == "management.azure.com" for r in az.log.sent)


def test_show_startup_of_a_django_project_in_a_subfolder(az_offline, tmp_path):
    (tmp_path / "mysite").mkdir()
    (tmp_path / "mysite" / "wsgi.py").write_text("application = None\n")
    (tmp_path / "manage.py").write_text("")
    out = az_offline(["pyappsvc", "show-startup", "--source", str(tmp_path)]).output
    assert (out["origin"], out["module"]) == ("django", "mysite.wsgi")


@pytest.mark.parametrize("requirements, worker, why", [
    ("fastapi\nuvicorn\n", "uvicorn.workers.UvicornWorker", "do not install uvicorn-worker"),
    ("fastapi\nuvicorn-worker\n", "uvicorn_worker.UvicornWorker", "install uvicorn-worker"),
    (None, "uvicorn.workers.UvicornWorker", "no --source was given"),
])
def test_the_uvicorn_worker_is_the_one_the_requirements_install_and_says_so(az_live, project, requirements, worker,
                                                                            why):
    args = ["pyappsvc", "set-startup", "-g", "rg-python", "-n", "py-web", "--module", "api.main:app", "--server",
            "uvicorn", "--dry-run"]
    if requirements:
        with open(f"{project}/requirements.txt", "w", encoding="utf-8") as handle:
            handle.write(requirements + "gunicorn\n")
        args += ["--source", project]
    result = az_live(args)
    assert result.exit_code == 0, result.stderr
    assert f"-k {worker} " in result.output["proposed"] and result.output["written"] is False
    assert f"Worker class {worker}: " in result.stderr and why in result.stderr
