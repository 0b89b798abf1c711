import pytest

from azext_pyappsvc.platform.project import ProjectTree, build_facts
from azext_pyappsvc.platform.startup.command import binding_problem, is_async_worker, parse_command
from azext_pyappsvc.platform.startup.prediction import (CUSTOM, DEFAULT, DJANGO, FASTAPI, FLASK, UNKNOWN,
                                                        gunicorn_command, predict)
from azext_pyappsvc.platform.startup.problems import command_problems

FLASK_APP = "from flask import Flask\napp = Flask(__name__)\n"
FASTAPI_APP = "from fastapi import FastAPI\napp = FastAPI()\n"


@pytest.mark.parametrize("command, server, target, host, port, workers, worker, chdir", [
    ("gunicorn --bind=0.0.0.0 --timeout 600 --chdir website hello:myapp", "gunicorn", "hello:myapp", "0.0.0.0",
     None, None, None, "website"),
    ("gunicorn -w 4 -k uvicorn.workers.UvicornWorker main:app", "gunicorn", "main:app", None, None, "4",
     "uvicorn.workers.UvicornWorker", None),
    ("python -m gunicorn --workers=2 app:create_app()", "gunicorn", "app:create_app()", None, None, "2", None, None),
    ("uvicorn main:app --host 0.0.0.0 --port 8000", "uvicorn", "main:app", "0.0.0.0", "8000", None, None, None),
    ("uvicorn main:app", "uvicorn", "main:app", "127.0.0.1", "8000", None, None, None),
    ("cd src && gunicorn -b :8000 api.wsgi", "gunicorn", "api.wsgi", None, "8000", None, None, None),
    ("PYTHONPATH=lib gunicorn app:app", "gunicorn", "app:app", None, None, None, None, None),
    ("python manage.py runserver", "django", None, "127.0.0.1", "8000", None, None, None),
    ("hypercorn main:app --bind 0.0.0.0:8000", "hypercorn", "main:app", "0.0.0.0", "8000", None, None, None),
    ("waitress-serve --listen=0.0.0.0:8000 app:app", "waitress", "app:app", "0.0.0.0", "8000", None, None, None),
    ("pip install foo", "pip", None, None, None, None, None, None),              # a package, not a module
    ("python -m pip install -r requirements.txt", "pip", None, None, None, None, None, None),
])
def test_parse_command_reads_structure(command, server, target, host, port, workers, worker, chdir):
    parsed = parse_command(command)
    assert (parsed.server, parsed.target, parsed.bind_host, parsed.bind_port, parsed.workers, parsed.worker_class,
            parsed.chdir) == (server, target, host, port, workers, worker, chdir)


def test_parse_command_reports_unbalanced_quotes_and_interpreter():
    assert "No closing quotation" in parse_command("gunicorn 'app:app").error
    assert parse_command("python3.7 -m gunicorn app:app").interpreter == "3.7"
    assert parse_command("python -m gunicorn app:app").interpreter is None
    assert parse_command("startup.sh").server == "script"


@pytest.mark.parametrize("command, bad", [
    ("gunicorn app:app", None), ("gunicorn --bind=0.0.0.0 app:app", None), ("gunicorn -b 0.0.0.0:8000 a:b", None),
    ("gunicorn -b 127.0.0.1:8000 a:b", "binds 127.0.0.1"), ("gunicorn --bind localhost a:b", "binds localhost"),
    ("gunicorn -b 0.0.0.0:5000 a:b", "port 5000"), ("uvicorn a:b", "binds 127.0.0.1"),
    ("uvicorn a:b --host 0.0.0.0", None), ("uvicorn a:b --host 0.0.0.0 --port $PORT", None),
    ("flask run", "binds 127.0.0.1"), ("gunicorn -b unix:/tmp/s.sock a:b", "binds unix"),
])
def test_binding_problem(command, bad):
    problem = binding_problem(parse_command(command))
    assert (problem is None) if bad is None else (bad in problem)


def test_async_workers():
    assert is_async_worker(parse_command("gunicorn -k uvicorn_worker.UvicornWorker main:app"))
    assert is_async_worker(parse_command("uvicorn main:app"))
    assert not is_async_worker(parse_command("gunicorn main:app"))


def test_gunicorn_command_is_oryx_exact_line():
    assert gunicorn_command("app:app", {}) == \
        'GUNICORN_CMD_ARGS="--timeout 600 --access-logfile \'-\' --error-logfile \'-\' --chdir=<app>" gunicorn app:app'
    multi = gunicorn_command("app:app", {"PYTHON_ENABLE_GUNICORN_MULTIWORKERS": "true",
                                         "PYTHON_GUNICORN_CUSTOM_WORKER_NUM": "4",
                                         "PYTHON_GUNICORN_CUSTOM_THREAD_NUM": "8"})
    assert "--workers=4 --threads=8 --chdir=<app>" in multi
    # without multiworkers both counts are ignored, as Oryx does
    assert "--workers" not in gunicorn_command("app:app", {"PYTHON_GUNICORN_CUSTOM_WORKER_NUM": "4"})
    assert "--workers=<2 x cores + 1>" in gunicorn_command("a:b", {"PYTHON_ENABLE_GUNICORN_MULTIWORKERS": "1"})


def test_django_wins_with_the_first_first_level_wsgi(make_project):
    facts = make_project({"zeta/wsgi.py": "", "alpha/wsgi.py": "", "app.py": FLASK_APP, "antenv/pyvenv.cfg": ""})
    prediction = predict(None, facts, {}, "3.12")
    assert (prediction.origin, prediction.module) == (DJANGO, "alpha.wsgi")
    assert prediction.command.endswith("gunicorn alpha.wsgi")


def test_nested_wsgi_is_not_django(make_project):
    facts = make_project({"src/mysite/wsgi.py": "", "wsgi.py": ""})
    prediction = predict(None, facts, {}, "3.12")
    assert (prediction.origin, prediction.module) == (FLASK, "wsgi:app")


def test_flask_file_order(make_project):
    assert predict(None, make_project({"server.py": "", "run.py": "", "app.py": FLASK_APP}), {}, "3.12").module == \
        "app:app"


def test_fastapi_only_from_python_3_14(make_project):
    facts = make_project({"main.py": FASTAPI_APP, "app.py": FLASK_APP})
    assert predict(None, facts, {}, "3.14").origin == FASTAPI
    assert predict(None, facts, {}, "3.14").command.endswith("gunicorn -k uvicorn_worker.UvicornWorker main:app")
    assert (predict(None, facts, {}, "3.13").origin, predict(None, facts, {}, "3.13").module) == (FLASK, "app:app")
    disabled = predict(None, facts, {"DISABLE_FASTAPI_DETECTION": "true"}, "3.14")
    assert disabled.origin == FLASK


def test_fastapi_file_importing_flask_is_skipped(make_project):
    facts = make_project({"main.py": FASTAPI_APP + "from flask import Flask\n"})
    assert predict(None, facts, {}, "3.14").origin == DEFAULT


def test_default_site_when_nothing_matches(make_project):
    prediction = predict(None, make_project({"src/app.py": FLASK_APP, "requirements.txt": "flask\n"}), {}, "3.12")
    assert prediction.origin == DEFAULT and "--chdir=/opt/defaultsite" in prediction.command


def test_listing_without_contents_cannot_decide_fastapi():
    facts = build_facts(ProjectTree(frozenset({"main.py", "requirements.txt"}), frozenset()))
    assert predict(None, facts, {}, "3.14").origin == UNKNOWN
    assert predict(None, facts, {}, "3.12").origin == DEFAULT
    assert predict(None, None, {}, "3.12").origin == UNKNOWN


def test_custom_command_disables_detection(make_project):
    prediction = predict("gunicorn --bind=0.0.0.0 hello:myapp", make_project({"app.py": FLASK_APP}), {}, "3.12")
    assert (prediction.origin, prediction.module) == (CUSTOM, "hello:myapp")


def test_startup_file_sh_runs_whole_and_txt_only_first_line(make_project):
    facts = make_project({"startup.sh": "pip list\ngunicorn app:app\n",
                          "startup.txt": "gunicorn --bind=0.0.0.0 app:app\necho never runs\n"})
    script = predict("startup.sh", facts, {}, "3.12")
    assert "runs the whole script" in script.explanation and not script.problems
    text = predict("startup.txt", facts, {}, "3.12")
    assert (text.command, text.module) == ("gunicorn --bind=0.0.0.0 app:app", "app:app")
    assert [(p.code, p.severity, p.message) for p in text.problems] == [
        ("STA006", "warning", "startup.txt has 2 lines but only the first runs (use a .sh script to run them all)")]
    single = predict("startup.txt", make_project({"startup.txt": "gunicorn app:app\n"}), {}, "3.12")
    assert single.problems == []
    pip = predict("startup.txt", make_project({"startup.txt": "pip install foo\ngunicorn app:app\n"}), {}, "3.12")
    assert pip.module is None and pip.command == "pip install foo"


def test_invalid_runtime_boolean_means_no_startup_script(make_project):
    prediction = predict(None, make_project({"app.py": FLASK_APP}), {"PYTHON_ENABLE_GUNICORN_MULTIWORKERS": "yes"},
                         "3.12")
    assert prediction.problems[0].code == "STA010" and "is not a valid boolean" in prediction.problems[0].message
    assert predict(None, make_project({"app.py": FLASK_APP}), {"DISABLE_FASTAPI_DETECTION": "1"}, "3.12").problems \
        == []
    assert predict(None, make_project({"app.py": FLASK_APP}), {"PYTHON_ENABLE_GUNICORN_MULTIWORKERS": ""},
                   "3.12").problems == []         # empty is false to Go's reader, not an error
    assert predict("gunicorn app:app", make_project({"app.py": FLASK_APP}),
                   {"PYTHON_ENABLE_GUNICORN_MULTIWORKERS": "yes"}, "3.12").problems == []   # not read: no generator


@pytest.mark.parametrize("command, tree, codes", [
    ("gunicorn -b 127.0.0.1:8000 app:app", None, ["STA003"]),
    ("gunicorn app:app", None, []),
    ("python3.9 -m gunicorn app:app", None, ["STA007"]),
    ("python3.12 -m gunicorn app:app", None, []),
    ("gunicorn --chdir web app:app", {"app.py": FLASK_APP}, ["STA004"]),
    ("gunicorn --chdir . app:app", {"app.py": FLASK_APP}, []),
    ("gunicorn --chdir web app:app", {"web/app.py": FLASK_APP}, []),
    ("gunicorn missing:app", {"app.py": FLASK_APP}, ["STA004"]),
    ("gunicorn app:other", {"app.py": FLASK_APP}, ["STA004"]),
    ("gunicorn main:app", {"main.py": FASTAPI_APP}, ["STA005"]),
    ("gunicorn -k uvicorn.workers.UvicornWorker main:app", {"main.py": FASTAPI_APP, "requirements.txt": "uvicorn"},
     []),
    ("gunicorn -k uvicorn.workers.UvicornWorker main:app", {"main.py": FASTAPI_APP, "requirements.txt": "fastapi"},
     ["STA008"]),
    ("python run.py", {"app.py": FLASK_APP}, ["STA006"]),
    ("./start.sh", {"app.py": FLASK_APP}, ["STA006"]),
    ("./start.sh", {"start.sh": "gunicorn app:app"}, []),
])
def test_the_one_list_of_startup_problems(make_project, command, tree, codes):
    project = make_project(tree) if tree is not None else None
    assert [p.code for p in command_problems(command, project, "3.12")] == codes
