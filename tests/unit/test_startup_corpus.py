"""A generated corpus of project layouts that App Service serves its default site for, and the STA001 suggestion
for each: every suggestion must import under a simulated gunicorn (tests/support/gunicorn_import.py) and load the
modules that register the routes.

Expected behaviour, from the sources: Oryx finds no app when there is no first-level folder with a wsgi.py and
none of application.py, app.py, run.py, index.py, server.py, wsgi.py at the root (Oryx
src/startupscriptgenerator/src/python/frameworks.go DetectFramework); gunicorn imports `module:object` with
`--chdir` first on sys.path (gunicorn gunicorn/app/base.py `chdir`, gunicorn/util.py `import_app`), so a
relative import needs the module to be imported as part of its package, an absolute sibling import needs the
sibling's folder as `--chdir`, and `pkg/__init__.py` is the module `pkg`, never `__init__`.
"""
import itertools

import pytest

from azext_pyappsvc.platform.startup.compose import suggest
from azext_pyappsvc.platform.startup.prediction import DEFAULT, predict
from tests.support.gunicorn_import import gunicorn_import

FRAMEWORKS = {
    "flask": {"import": "from flask import Flask, Blueprint\n", "make": "Flask(__name__)", "route": "route",
              "router": "Blueprint('bp', __name__)", "register": "app.register_blueprint(bp)"},
    "fastapi": {"import": "from fastapi import FastAPI, APIRouter\n", "make": "FastAPI()", "route": "get",
                "router": "APIRouter()", "register": "app.include_router(bp)"},
}
UNSURE = "unsure"


def _route(fw, owner="app"):
    return f"\n@{owner}.{FRAMEWORKS[fw]['route']}('/')\ndef index():\n    return 'hi'\n"


def _app(fw, extra=""):
    return FRAMEWORKS[fw]["import"] + extra + f"app = {FRAMEWORKS[fw]['make']}\n" + _route(fw)


def _layouts(fw, name):
    """(label, files, expected (module, chdir) or UNSURE) for one framework and one entry file name."""
    make, imp = FRAMEWORKS[fw]["make"], FRAMEWORKS[fw]["import"]
    factory = imp + f"def create_app():\n    app = {make}\n    from .views import bp\n    " + \
        FRAMEWORKS[fw]["register"] + "\n    return app\n"
    views = imp + f"bp = {FRAMEWORKS[fw]['router']}\n" + _route(fw, "bp")
    yield "flat module in src", {f"src/{name}.py": _app(fw)}, (f"{name}:app", "src")
    yield "absolute sibling import needs --chdir", {
        f"src/{name}.py": _app(fw, "import helpers\n"), "src/helpers.py": "X = 1\n"}, (f"{name}:app", "src")
    yield "relative import needs the package", {
        "pkg/__init__.py": "", f"pkg/{name}.py": _app(fw, "from .helpers import X\n"), "pkg/helpers.py": "X = 1\n"}, \
        (f"pkg.{name}:app", None)
    yield "app in the package's __init__", {"pkg/__init__.py": _app(fw)}, ("pkg:app", None)
    yield "factory only", {"pkg/__init__.py": factory, "pkg/views.py": views}, ("pkg:create_app()", None)
    yield "absolute import of its own package", {
        "app/__init__.py": "", f"app/{name}.py": _app(fw, "from app.config import X\n"), "app/config.py": "X = 1\n"}, \
        (f"app.{name}:app", None)
    yield "routes registered by an imported sibling", {
        "web/core.py": imp + f"app = {make}\n", "web/views.py": "from core import app\n" + _route(fw),
        f"web/{name}.py": "from core import app\nimport views  # noqa\n"}, (f"{name}:app", "web")
    yield "routes registered by a sibling nothing imports", {
        "web/core.py": imp + f"app = {make}\n", "web/views.py": "import core\n" + _route(fw, "core.app")}, UNSURE
    yield "two applications", {"api/service.py": _app(fw), "admin/panel.py": _app(fw)}, UNSURE
    yield "package in src with relative imports", {
        "src/pkg/__init__.py": "", f"src/pkg/{name}.py": _app(fw, "from . import helpers\n"),
        "src/pkg/helpers.py": ""}, (f"pkg.{name}:app", "src")
    yield "namespace package (no __init__.py)", {
        f"backend/api/{name}.py": _app(fw, "from backend.api import deps\n"), "backend/api/deps.py": ""}, \
        (f"backend.api.{name}:app", None)
    yield "fallback import in try/except", {
        f"src/{name}.py": _app(fw, "try:\n    from .settings import X\nexcept ImportError:\n"
                                   "    from settings import X\n"),
        "src/settings.py": "X = 1\n"}, (f"{name}:app", "src")
    yield "entry module at the root under another name", {f"{name}.py": _app(fw)}, (f"{name}:app", None)


CORPUS = [(f"{fw}/{name}/{label}", files, expected)
          for fw, name in itertools.product(FRAMEWORKS, ("main", "api"))
          for label, files, expected in _layouts(fw, name)]


def test_the_corpus_is_large_enough():
    assert len(CORPUS) >= 40


@pytest.mark.parametrize("label, files, expected", CORPUS, ids=[c[0] for c in CORPUS])
def test_every_suggestion_imports_and_loads_the_routes(make_project, tmp_path, label, files, expected):
    files = dict(files, **{"requirements.txt": "flask\nfastapi\n"})
    facts = make_project(files)
    assert predict(None, facts, {}, "3.12").origin == DEFAULT, label      # Oryx would serve its default site
    found = suggest(facts)
    root = tmp_path / "copy"
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    if expected == UNSURE:
        assert not found.sure and found.candidates
        for candidate in found.candidates:
            words = candidate.split()
            chdir = words[words.index("--chdir") + 1] if "--chdir" in words else "."
            assert gunicorn_import(root, words[1], chdir).ok, candidate
        return
    assert found.sure and (found.module, found.chdir) == expected
    result = gunicorn_import(root, found.module, found.chdir or ".")
    assert result.ok, result.error
    routes = [p[:-3].replace("/", ".") for p in files if "route(" in files[p] or ".get(" in files[p]]
    prefix = f"{found.chdir}." if found.chdir else ""
    assert all(r[len(prefix):] in result.imported or r.endswith("__init__") for r in routes), result.imported


# --- The prediction rules over generated layouts -------------------------------------------------------------
# Startup files: init_container.sh tests `[ -f $1 ]` from /home/site/wwwroot, passes a `.sh` file whole and any
# other file's `head -1` (which keeps a CRLF's \r) inside single quotes to an eval; an empty first line means no
# command, so Oryx detects (scriptgenerator.go).
SPELLINGS = ("startup.txt", "./startup.txt", "/home/site/wwwroot/startup.txt", "startup.sh", "./startup.sh")
FIRST_LINES = {   # first line -> (module it runs, codes expected when it is the command, \r breaks it)
    "gunicorn --bind=0.0.0.0 mysite.wsgi": ("mysite.wsgi", set(), True),
    "gunicorn --bind=0.0.0.0 app:app": ("app:app", set(), False),
    "uvicorn app:app --port 80": ("app:app", {"STA003"}, False),
    "": (None, set(), False),
    "sh -c 'python manage.py migrate && gunicorn --bind=0.0.0.0 app:app'": (None, {"STA012"}, True),
}
FLASK_APP = "from flask import Flask\napp = Flask(__name__)\n"


def _file_cases():
    for spelling, (first, (module, codes, breaks)), ending in itertools.product(SPELLINGS, FIRST_LINES.items(),
                                                                               ("\n", "\r\n")):
        script = spelling.endswith(".sh")
        name = spelling.rsplit("/", 1)[-1]
        files = {name: first + ending + "echo second" + ending, "app.py": FLASK_APP, "mysite/wsgi.py": "",
                 "requirements.txt": "flask\nuvicorn\n"}
        if script:
            expected = {"origin": "custom", "command": spelling, "codes": ({"STA011"} if ending == "\r\n" else set()) |
                        (codes - {"STA012"})}
        elif not first and ending == "\r\n":     # the first line is "\r": not empty, so it is the command
            expected = {"origin": "custom", "command": "\r", "codes": {"STA011"}, "severities": {("STA011", "error")}}
        elif not first:     # detection: mysite/ is the first first-level folder with a wsgi.py (Django first)
            expected = {"origin": "django", "command": None, "module": "mysite.wsgi", "codes": set()}
        else:
            crlf = {("STA011", "error" if breaks else "warning")} if ending == "\r\n" else set()
            expected = {"origin": "custom", "command": first + ending.rstrip("\n"), "module": module,
                        "codes": codes | {"STA006"} | {code for code, _ in crlf}, "severities": crlf}
        yield f"{spelling}|{first or 'blank'}|{ending!r}", files, spelling, expected


FILE_CASES = list(_file_cases())


@pytest.mark.parametrize("label, files, spelling, expected", FILE_CASES, ids=[c[0] for c in FILE_CASES])
def test_startup_files_as_the_entrypoint_reads_them(make_project, label, files, spelling, expected):
    from azext_pyappsvc.platform.startup.problems import startup_problems
    facts = make_project(files)
    prediction = predict(spelling, facts, {}, "3.12")
    assert prediction.origin == expected["origin"], label
    if expected["command"] is not None:
        assert prediction.command == expected["command"]
    if "module" in expected:
        assert prediction.module == expected["module"]
    found = startup_problems(prediction, facts, "3.12", spelling)
    assert {p.code for p in found} == expected["codes"], [p.message for p in found]
    for code, severity in expected.get("severities", ()):
        assert {p.severity for p in found if p.code == code} == {severity}


# Auto-detection: Django, then FastAPI on 3.14+ (main.py, app.py ... importing fastapi, not flask), then the six
# Flask/WSGI names (frameworks.go); gunicorn.conf.py's worker_class applies unless `-k` is on the command line
# (gunicorn/app/base.py); appsvc.yaml's run: is appended (parseUserCommands.go).
APPS = {"main.py fastapi": ("main.py", "from fastapi import FastAPI\napp = FastAPI()\n"),
        "app.py flask": ("app.py", FLASK_APP),
        "app.py fastapi": ("app.py", "from fastapi import FastAPI\napp = FastAPI()\n")}


def _detection_cases():
    for python, app, conf, yaml in itertools.product(("3.12", "3.14", None), APPS, (False, True), (False, True)):
        name, text = APPS[app]
        files = {name: text, "requirements.txt": "fastapi\nflask\nuvicorn\n"}
        if conf:
            files["gunicorn.conf.py"] = 'worker_class = "uvicorn.workers.UvicornWorker"\n'
        if yaml:
            files["appsvc.yaml"] = "run: python worker.py\n"
        fastapi = "fastapi" in app and python == "3.14"
        if fastapi:
            origin, module = "fastapi", f"{name[:-3]}:app"
        elif name == "app.py":
            origin, module = "flask", "app:app"
        else:
            origin, module = "default", "application:app"
        sta005 = origin == "flask" and "fastapi" in app and not conf
        yield f"{python}|{app}|conf={conf}|yaml={yaml}", files, python, origin, module, sta005, yaml


DETECTION_CASES = list(_detection_cases())


@pytest.mark.parametrize("label, files, python, origin, module, sta005, yaml", DETECTION_CASES,
                         ids=[c[0] for c in DETECTION_CASES])
def test_auto_detection_as_oryx_runs_it(make_project, label, files, python, origin, module, sta005, yaml):
    from azext_pyappsvc.platform.startup.problems import startup_problems
    facts = make_project(files)
    prediction = predict(None, facts, {}, python)
    assert (prediction.origin, prediction.module) == (origin, module), label
    assert prediction.command.endswith("\npython worker.py") is yaml
    assert ("STA005" in {p.code for p in startup_problems(prediction, facts, python, None)}) is sta005
    if python is None and "fastapi" in label and origin != "fastapi":
        assert "3.14" in (prediction.alternative or "")


def test_the_rule_corpora_are_large_enough():
    assert len(FILE_CASES) >= 40 and len(DETECTION_CASES) >= 30
