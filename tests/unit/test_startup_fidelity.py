"""Platform fidelity v2: each rule from the source that states it.

init_container.sh: Azure-App-Service/python 3.8/init_container.sh (the built-in image's entrypoint).
frameworks.go / scriptgenerator.go: Oryx src/startupscriptgenerator/src/python.
gunicorn: gunicorn/app/base.py (load_config, chdir), gunicorn/config.py (get_default_config_file), gunicorn/util.py.
"""
import pytest

from azext_pyappsvc.platform.startup.command import entrypoint_mangling, parse_command, project_path
from azext_pyappsvc.platform.startup.compose import compose
from azext_pyappsvc.platform.startup.prediction import CUSTOM, DEFAULT, FLASK, predict
from azext_pyappsvc.platform.startup.problems import startup_problems

FLASK_APP = "from flask import Flask\napp = Flask(__name__)\n"


def _codes(command, facts, python="3.12"):
    return [(p.code, p.severity) for p in startup_problems(predict(command, facts, {}, python), facts, python,
                                                           command)]


# Rule 1 (init_container.sh: `[ -f $1 ]` from WORKDIR /home/site/wwwroot, then `head -1 $1` unless it ends in .sh)
@pytest.mark.parametrize("spelling", ["startup.txt", "./startup.txt", "/home/site/wwwroot/startup.txt",
                                      ".//startup.txt"])
def test_every_spelling_of_a_startup_file_runs_its_first_line(make_project, spelling):
    facts = make_project({"startup.txt": "gunicorn --bind=0.0.0.0 app:app\necho never\n", "app.py": FLASK_APP})
    prediction = predict(spelling, facts, {}, "3.12")
    assert (prediction.origin, prediction.command, prediction.module) == (CUSTOM, "gunicorn --bind=0.0.0.0 app:app",
                                                                          "app:app")


def test_a_startup_file_elsewhere_is_a_literal_command(make_project):
    facts = make_project({"startup.txt": "gunicorn app:app\n"})
    assert predict("/opt/startup.txt", facts, {}, "3.12").command == "/opt/startup.txt"
    assert project_path("/home/site/wwwrootx/a") is None and project_path("/home/site/wwwroot") == ""


def test_a_startup_sh_by_any_spelling_runs_whole(make_project):
    facts = make_project({"startup.sh": "python manage.py migrate\ngunicorn --bind=0.0.0.0 mysite.wsgi\n"})
    prediction = predict("./startup.sh", facts, {}, "3.12")
    assert prediction.command == "./startup.sh" and prediction.module == "mysite.wsgi"


def test_a_blank_first_line_means_auto_detection(make_project):
    """`head -1` of the file is empty: `-userStartupCommand ''`, and Oryx detects (scriptgenerator.go)."""
    facts = make_project({"startup.txt": "\ngunicorn app:app\n", "app.py": FLASK_APP})
    prediction = predict("startup.txt", facts, {}, "3.12")
    assert prediction.origin == FLASK and "first line is blank" in prediction.explanation


# Rule 2: CRLF (head -1 keeps the \r; bash does not strip it)
@pytest.mark.parametrize("line, severity", [
    ("gunicorn --bind=0.0.0.0 mysite.wsgi\r", "error"),         # ModuleNotFoundError: 'mysite.wsgi\r'
    ("python app.py\r", "error"),
    ("gunicorn --bind=0.0.0.0 app:app\r", "warning"),           # ast.parse("app\r") is still `app`
    ("gunicorn --bind=0.0.0.0 app:app", None),
    ("\ufeffgunicorn --bind=0.0.0.0 app:app", "error"),         # head -1 keeps a BOM too: no such command
])
def test_crlf_in_a_startup_file(make_project, line, severity):
    facts = make_project({"startup.txt": line + "\n", "app.py": FLASK_APP, "mysite/wsgi.py": ""})
    found = [s for code, s in _codes("startup.txt", facts) if code == "STA011"]
    assert found == ([severity] if severity else [])


def test_crlf_in_a_startup_script_is_an_error(make_project):
    facts = make_project({"startup.sh": "#!/bin/bash\r\ngunicorn --bind=0.0.0.0 app:app\r\n", "app.py": FLASK_APP})
    assert ("STA011", "error") in _codes("startup.sh", facts)


# Rule 3: the entrypoint wraps the command in single quotes and evals it (init_container.sh)
@pytest.mark.parametrize("command, received", [
    ("sh -c 'python manage.py migrate && gunicorn app:app'", "reaches Oryx as 'sh -c python'"),
    ("gunicorn --access-logformat '%(h)s %(r)s' app:app", "syntax error"),
    ("gunicorn 'app:app", "odd number"),
    ("gunicorn 'app:app'", "reaches Oryx as 'gunicorn app:app'"),
    ('sh -c "python manage.py migrate && gunicorn app:app"', None),
])
def test_single_quotes_are_mangled_by_the_entrypoint(command, received):
    mangled = entrypoint_mangling(command)
    assert (mangled is None) if received is None else (received in mangled)


def test_set_startup_and_doctor_warn_about_single_quotes(make_project):
    facts = make_project({"app.py": FLASK_APP})
    assert ("STA012", "warning") in _codes("sh -c 'python manage.py migrate && gunicorn app:app'", facts)
    assert "STA012" not in dict(_codes("gunicorn --bind=0.0.0.0 app:app", facts))


@pytest.mark.parametrize("module, chdir", [("app:create_app()", "my site"), ("app:app", "a+b/c d")])
def test_composed_commands_survive_the_entrypoint(module, chdir):
    command = compose(module, chdir)
    assert entrypoint_mangling(command) is None
    assert (parse_command(command).target, parse_command(command).chdir) == (module, chdir)


# Rule 9: an absolute --chdir under the app root is a project folder (the image's WORKDIR)
def test_absolute_chdir_under_the_app_root_maps_to_the_project(make_project):
    facts = make_project({"web/app.py": FLASK_APP, "requirements.txt": "flask\n"})
    assert "STA004" not in dict(_codes("gunicorn --bind=0.0.0.0 --chdir=/home/site/wwwroot/web app:app", facts))
    assert "STA004" in dict(_codes("gunicorn --bind=0.0.0.0 --chdir=/home/site/wwwroot/api app:app", facts))
    assert "STA004" not in dict(_codes("gunicorn --bind=0.0.0.0 --chdir web/../web app:app", facts))


# Rule 10: the server line inside a startup .sh is judged as the command
def test_the_server_line_of_a_startup_script_is_checked(make_project):
    facts = make_project({"startup.sh": "pip list\nexec uvicorn server:app --port 80\n", "server.py": FLASK_APP,
                          "requirements.txt": "flask\n"})
    found = dict(_codes("startup.sh", facts))
    assert found.get("STA003") == "error" and found.get("STA008") == "error"



@pytest.mark.parametrize("command", ["bash startup.sh", "sh /home/site/wwwroot/startup.sh", "startup.sh"])
def test_a_script_run_through_a_shell_and_continued_lines_are_checked(make_project, command):
    """`bash startup.sh` runs the same script; bash joins a line ending in a backslash with the next."""
    facts = make_project({"startup.sh": "pip list\nexec uvicorn server:app \\\n    --port 80\n",
                          "server.py": FLASK_APP, "requirements.txt": "flask\n"})
    assert dict(_codes(command, facts)).get("STA003") == "error"

# Rule 11: development servers keep their defaults (Flask 127.0.0.1:5000, uvicorn 127.0.0.1:8000)
@pytest.mark.parametrize("run, fires", [
    ("app.run()", True), ("app.run(debug=True)", True), ("app.run(host='0.0.0.0')", True),
    ("app.run('0.0.0.0', 8000)", False), ("app.run(host='0.0.0.0', port=8000)", False),
    ("uvicorn.run(app)", True), ("uvicorn.run(app, host='0.0.0.0')", False),
    ("app.run(host='0.0.0.0', port=int(os.environ.get('PORT', 8000)))", False),
])
def test_python_app_py_with_a_dev_server(make_project, run, fires):
    facts = make_project({"app.py": "import os, uvicorn\n" + FLASK_APP + f"if __name__ == '__main__':\n    {run}\n"})
    assert ("STA003" in dict(_codes("python app.py", facts))) is fires
    assert ("STA003" in dict(_codes("flask run", facts)))
    assert ("STA003" in dict(_codes("uvicorn app:app", facts)))


def test_the_default_site_stays_default(make_project):
    assert predict(None, make_project({"src/app.py": FLASK_APP}), {}, "3.12").origin == DEFAULT


# Rule 4: gunicorn loads ./gunicorn.conf.py from the folder it starts in (gunicorn/config.py get_default_config_file;
# Oryx starts it in the app folder); config file < GUNICORN_CMD_ARGS < command line (gunicorn/app/base.py)
FASTAPI_APP = "from fastapi import FastAPI\napp = FastAPI()\n"
UVICORN_CONF = 'worker_class = "uvicorn.workers.UvicornWorker"\nbind = ["0.0.0.0:8000"]\ntimeout = 120\n'


def test_a_uvicorn_worker_class_in_gunicorn_conf_means_no_sta005(make_project):
    files = {"app.py": FASTAPI_APP, "requirements.txt": "fastapi\nuvicorn\n"}
    assert "STA005" in dict(_codes(None, make_project(files)))
    facts = make_project(dict(files, **{"gunicorn.conf.py": UVICORN_CONF}))
    prediction = predict(None, facts, {}, "3.12")
    assert prediction.server_config == {"worker_class": "uvicorn.workers.UvicornWorker", "bind": "0.0.0.0:8000"}
    assert "gunicorn.conf.py" in prediction.explanation and "timeout" not in prediction.server_config
    assert "STA005" not in dict(_codes(None, facts))
    assert "STA005" not in dict(_codes("gunicorn app:app", facts))
    assert "STA005" in dict(_codes("gunicorn -k sync app:app", facts))          # the command line wins


def test_a_bind_in_gunicorn_conf_is_judged(make_project):
    files = {"app.py": FLASK_APP, "gunicorn.conf.py": 'bind = "127.0.0.1:8000"\n'}
    assert dict(_codes(None, make_project(files))).get("STA003") == "error"
    assert dict(_codes("gunicorn app:app", make_project(files))).get("STA003") == "error"
    assert "STA003" not in dict(_codes("gunicorn --bind=0.0.0.0 app:app", make_project(files)))



def test_the_last_assignment_in_gunicorn_conf_wins_and_a_computed_one_is_unknown(make_project):
    """gunicorn runs the file and reads the names it ends with (gunicorn/app/base.py get_config_from_filename)."""
    stale = 'import os\nbind = "127.0.0.1:8000"\nbind = os.environ.get("BIND", "0.0.0.0:8000")\n'
    assert "STA003" not in dict(_codes(None, make_project({"app.py": FLASK_APP, "gunicorn.conf.py": stale})))
    later = 'bind = "0.0.0.0:8000"\nbind = "127.0.0.1:8000"\n'
    assert "STA003" in dict(_codes(None, make_project({"app.py": FLASK_APP, "gunicorn.conf.py": later})))
    annotated = {"app.py": FASTAPI_APP, "requirements.txt": "fastapi\nuvicorn\n",
                 "gunicorn.conf.py": 'worker_class: str = "uvicorn.workers.UvicornWorker"\n'}
    assert "STA005" not in dict(_codes("gunicorn app:app", make_project(annotated)))

def test_gunicorn_conf_is_read_never_executed(make_project):
    facts = make_project({"app.py": FLASK_APP, "gunicorn.conf.py": "import os\nworkers = int(os.cpu_count())\n"
                                                                     "raise SystemExit('never run')\n"})
    assert predict("gunicorn --chdir api app:app", facts, {}, "3.12").server_config == {"workers": "<computed>"}


def test_a_config_given_with_c_replaces_gunicorn_conf(make_project):
    facts = make_project({"app.py": FASTAPI_APP, "gunicorn.conf.py": UVICORN_CONF, "conf/prod.py": "workers = 2\n"})
    prediction = predict("gunicorn -c conf/prod.py app:app", facts, {}, "3.12")
    assert prediction.custom.workers == "2" and prediction.custom.worker_class is None


# Rule 14: a root wsgi.py that defines only `application` (Django style) runs as wsgi:app (frameworks.go)
def test_sta009_for_a_django_style_root_wsgi(make_project):
    facts = make_project({"wsgi.py": "from django.core.wsgi import get_wsgi_application\n"
                                     "application = get_wsgi_application()\n"})
    assert "STA009" in dict(_codes(None, facts))
    facts = make_project({"wsgi.py": "application = object()\napp = application\n"})
    assert "STA009" not in dict(_codes(None, facts))


# Rule 7: FastAPI detection needs Python 3.14+ (frameworks.go); offline the version comes from the project's pins
# or --python-version, and when it stays unknown both outcomes are stated
def test_offline_python_comes_from_the_project_pins(make_project):
    from azext_pyappsvc.platform.startup.prediction import FASTAPI, offline_python
    facts = make_project({"main.py": FASTAPI_APP, ".python-version": "3.14\n", "runtime.txt": "python-3.14"})
    python, note = offline_python(facts, None)
    assert python == "3.14" and ".python-version" in note and "runtime.txt" in note
    assert predict(None, facts, {}, python).origin == FASTAPI
    assert offline_python(facts, "3.12") == ("3.12", None)
    disagreeing = make_project({"main.py": FASTAPI_APP, ".python-version": "3.14\n", "runtime.txt": "python-3.12"})
    assert offline_python(disagreeing, None) == (None, None)


def test_unknown_python_states_both_outcomes(make_project):
    facts = make_project({"main.py": FASTAPI_APP})
    prediction = predict(None, facts, {}, None)
    assert prediction.origin == DEFAULT and "3.14" in prediction.alternative and "main:app" in prediction.alternative
    assert predict(None, facts, {}, "3.12").alternative is None
    assert predict(None, make_project({"main.py": FLASK_APP}), {}, None).alternative is None


# Rule 8: DISABLE_FASTAPI_DETECTION is read (and an invalid value panics) only on 3.14+ without a Django folder
@pytest.mark.parametrize("files, python, fires", [
    ({"app.py": FLASK_APP}, "3.14", True),
    ({"app.py": FLASK_APP}, "3.13", False),
    ({"mysite/wsgi.py": "application = None\n"}, "3.14", False),
    (None, "3.14", True),
])
def test_invalid_disable_fastapi_detection_only_when_read(make_project, files, python, fires):
    facts = make_project(files) if files is not None else None
    problems = predict(None, facts, {"DISABLE_FASTAPI_DETECTION": "yes"}, python).problems
    assert any(p.code == "STA010" for p in problems) is fires
    multiworkers = predict(None, facts, {"PYTHON_ENABLE_GUNICORN_MULTIWORKERS": "yes"}, python).problems
    assert any(p.code == "STA010" for p in multiworkers)          # read whenever gunicorn is generated


# Rule 5: appsvc.yaml `run:` lines are appended after the server command (common/parseUserCommands.go, main.go)
@pytest.mark.parametrize("yaml, run", [
    ("run: python worker.py\n", "python worker.py"),
    ("pre-build: echo a\nrun: echo one\n  echo two\npost-build: echo b\n", "echo one\necho two"),
    ("run:\n  echo never\n", ""),                      # nothing after `run:` on its line: no run command
    ("  run: echo indented\n", ""),                   # `run:` must start the line
    ("run: echo a\necho b:c\necho d\n", "echo a"),    # a following line with ':' ends it
])
def test_appsvc_yaml_run_lines(make_project, yaml, run):
    facts = make_project({"app.py": FLASK_APP, "appsvc.yaml": yaml})
    for command in (None, "gunicorn --bind=0.0.0.0 app:app"):
        prediction = predict(command, facts, {}, "3.12")
        assert prediction.command.endswith("\n" + run) if run else "\n" not in prediction.command


def test_hostile_python_files_never_raise(make_project):
    """A module ast cannot build (RecursionError on a 200,000-term expression) is unparsed, not a traceback; the
    suggestion never follows it."""
    from azext_pyappsvc.platform.startup.compose import suggest
    deep = "x = " + "+".join(["a"] * 200_000) + "\n"
    facts = make_project({"src/main.py": FLASK_APP + "import deep\n", "src/deep.py": deep, "gunicorn.conf.py": deep,
                          "api/app.py": FLASK_APP})
    assert predict("gunicorn --chdir api app:app", facts, {}, "3.12").server_config == {}
    found = suggest(facts)
    assert (found.module, found.chdir) == ("app:app", "api")       # src/main.py imports a module nobody can read


FLASK_IMPORT = "from flask import Flask\n"


@pytest.mark.parametrize("tree", [
    # bound only when run as a script, or only when an environment variable is set: gunicorn gets AttributeError
    {"web/server.py": FLASK_IMPORT + "if __name__ == '__main__':\n    app = Flask(__name__)\n    app.run()\n"},
    {"web/server.py": FLASK_IMPORT + "import os\nif os.environ.get('X'):\n    app = Flask(__name__)\n"},
    # web/app.py wins over the folder web/app/ (no __init__.py): `from app.models import M` fails there
    {"web/app.py": FLASK_IMPORT + "from app.models import M\napp = Flask(__name__)\n", "web/app/models.py": "M=1\n"},
    # gunicorn calls a factory and serves what it returns: a coroutine or None is not an application
    {"pkg/__init__.py": "from fastapi import FastAPI\nasync def create_app():\n    return FastAPI()\n"},
    {"pkg/__init__.py": FLASK_IMPORT + "def create_app():\n    app = Flask(__name__)\n"},
])
def test_no_suggestion_that_gunicorn_cannot_load(make_project, tmp_path, tree):
    """Python's import system (importlib: a module file wins over a namespace folder and is no package) and gunicorn
    util.py import_app (the object must exist after import; a factory's result must be callable)."""
    from azext_pyappsvc.platform.startup.compose import suggest
    from tests.support.gunicorn_import import gunicorn_import
    facts = make_project(tree)
    found = suggest(facts)
    if found is not None:
        root = tmp_path / "again"
        for path, text in tree.items():
            (root / path).parent.mkdir(parents=True, exist_ok=True)
            (root / path).write_text(text)
        assert gunicorn_import(root, found.module, found.chdir or ".").ok, found



def test_a_project_folder_named_like_a_required_package_does_not_hide_it(make_project):
    """With --chdir src, a root alembic/ folder is not on sys.path: `from alembic.config import Config` finds the
    installed alembic that requirements.txt names."""
    from azext_pyappsvc.platform.startup.compose import suggest
    facts = make_project({"src/main.py": "from fastapi import FastAPI\nfrom alembic.config import Config\n"
                          "app = FastAPI()\n", "alembic/env.py": "x = 1\n", "requirements.txt": "fastapi\nalembic\n"})
    found = suggest(facts)
    assert (found.module, found.chdir) == ("main:app", "src")

def test_both_branches_binding_the_app_and_a_factory_with_nested_returns_are_still_found(make_project):
    from azext_pyappsvc.platform.startup.compose import suggest
    both = FLASK_IMPORT + "import os\nif os.environ.get('X'):\n    app = Flask('a')\nelse:\n    app = Flask('b')\n"
    assert suggest(make_project({"web/server.py": both})).module == "server:app"
    factory = (FLASK_IMPORT + "def create_app():\n    app = Flask(__name__)\n    @app.route('/')\n    def index():\n"
               "        return 'hi'\n    return app\n")
    assert suggest(make_project({"pkg/__init__.py": factory})).module == "pkg:create_app()"
