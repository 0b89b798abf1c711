"""The simulated gunicorn import must tell importable targets from the ones gunicorn rejects."""
import pytest

from tests.support.gunicorn_import import gunicorn_import


def _project(tmp_path, files):
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


FLASK = "from flask import Flask\napp = Flask(__name__)\n\n@app.route('/')\ndef index():\n    return 'hi'\n"


@pytest.mark.parametrize("files, target, chdir, ok", [
    ({"app.py": FLASK}, "app:app", ".", True),
    ({"app.py": FLASK}, "app:application", ".", False),                 # gunicorn's default object name
    ({"src/app.py": FLASK}, "app:app", "src", True),
    ({"src/app.py": FLASK}, "app:app", ".", False),
    ({"pkg/__init__.py": "", "pkg/server.py": FLASK}, "pkg.server:app", ".", True),
    ({"pkg/__init__.py": FLASK}, "__init__:app", "pkg", True),           # loads, but as a top-level module
    ({"todo/__init__.py": "", "todo/app.py": "from .views import bp\n" + FLASK, "todo/views.py": "bp = 1\n"},
     "app:app", "todo", False),                                          # relative import without a package
    ({"todo/__init__.py": "", "todo/app.py": "from .views import bp\n" + FLASK, "todo/views.py": "bp = 1\n"},
     "todo.app:app", ".", True),
    ({"pkg/__init__.py": "from flask import Flask\ndef create_app():\n    return Flask(__name__)\n"},
     "pkg:create_app()", ".", True),
    ({"pkg/__init__.py": "from flask import Flask\ndef create_app():\n    return Flask(__name__)\n"},
     "pkg:app", ".", False),
    ({"app.py": "import views\n" + FLASK, "web/views.py": ""}, "app:app", ".", False),   # own module off the path
    ({"app.py": "import views\n" + FLASK, "web/views.py": ""}, "app:app", "web", False),
    ({"app.py": "app = None\n"}, "app:app", ".", False),
    ({"app.py": "app = 3\n"}, "app:app", ".", False),
    ({"app.py": "import json\napp = json.loads\n"}, "app:app", ".", True),
])
def test_targets_import_as_gunicorn_would(tmp_path, files, target, chdir, ok):
    result = gunicorn_import(_project(tmp_path, files), target, chdir)
    assert result.ok is ok, result.error


def test_reports_the_project_modules_the_import_loaded(tmp_path):
    project = _project(tmp_path, {"app.py": FLASK + "import views\n", "views.py": "from app import app\n",
                                  "unused.py": ""})
    result = gunicorn_import(project, "app:app")
    assert result.ok
    assert "views" in result.imported and "unused" not in result.imported
