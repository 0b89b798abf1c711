import pytest

from azext_pyappsvc.adapters.files import scan
from azext_pyappsvc.platform.functions import function_json_entries
from azext_pyappsvc.platform.project import (ProjectTree, build_facts, is_virtualenv, parse_django_settings,
                                             parse_module, parse_requirements, wants_text)


def test_requirements_are_parsed_with_packaging():
    text = ("# comment\nFlask==3.1.0\nuvicorn[standard]>=0.30 ; python_version>'3.8'\n-r other.txt\n"
            "--index-url https://example.org\ngit+https://github.com/x/y.git#egg=y\nazure_functions\n"
            "Django  # web\nmy-pkg @ https://example.org/p.whl\n")
    found = parse_requirements(text)
    assert found["flask"] == "==3.1.0" and found["uvicorn"] == ">=0.30"
    assert {"django", "azure-functions", "my-pkg"} <= set(found)
    assert "git" not in found and "other-txt" not in found and "y" in found


def test_modules_frameworks_and_app_objects():
    info = parse_module("import os\nfrom flask import Flask\napplication = Flask(__name__)\n")
    assert info.frameworks == {"flask"} and info.app_objects == {"application": "flask"}
    info = parse_module("from fastapi import FastAPI\nimport fastapi.responses\napp = FastAPI()\n")
    assert info.frameworks == {"fastapi"} and info.app_objects == {"app": "fastapi"}
    broken = parse_module("from quart import Quart\napp = Quart(__name__\n")
    assert not broken.parsed and broken.frameworks == {"quart"}


def test_django_settings():
    parsed = parse_django_settings("mysite/settings.py", "STATIC_URL = '/static/'\nSECURE_SSL_REDIRECT = True\n")
    assert (parsed.static_root, parsed.ssl_redirect, parsed.proxy_ssl_header) == (False, True, False)
    parsed = parse_django_settings("s.py", "STATIC_ROOT = BASE_DIR / 'staticfiles'\n"
                                           "SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https')\n")
    assert (parsed.static_root, parsed.ssl_redirect, parsed.proxy_ssl_header) == (True, False, True)


def test_facts_from_a_tree(make_project):
    facts = make_project({"requirements.txt": "Django\n", "runtime.txt": "python-3.11\n",
                          ".python-version": "3.12.4\n", "pyproject.toml": '[project]\nrequires-python = "==3.10.*"\n'
                          'dependencies = ["gunicorn>=22"]\n', "mysite/settings.py": "INSTALLED_APPS = []\n",
                          ".venv/pyvenv.cfg": "", ".venv/lib/x.py": "", "node_modules/a/b.js": "",
                          ".git/HEAD": ""})
    assert facts.depends_on("django") and facts.depends_on("gunicorn")
    assert facts.pinned_python == {"runtime.txt": "3.11", ".python-version": "3.12", "pyproject.toml": "3.10"}
    assert [s.path for s in facts.django_settings] == ["mysite/settings.py"]
    assert facts.virtualenvs == {".venv"}
    assert not any(p.startswith((".venv", "node_modules", ".git")) for p in facts.files | facts.dirs)


def test_scan_never_enters_ignored_folders(tmp_path):
    for folder in ("node_modules/deep", ".git/objects", "venv", "__pycache__"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "venv" / "pyvenv.cfg").write_text("")
    (tmp_path / "node_modules" / "deep" / "x.js").write_text("")
    tree = scan(str(tmp_path))
    assert tree.files == frozenset() and tree.virtualenvs == {"venv"}
    assert tree.dirs == frozenset()


def test_scan_survives_symlink_loops_and_binary_files(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "loop").symlink_to(tmp_path)
    (tmp_path / "blob.py").write_bytes(b"\x00\x01binary")
    tree = scan(str(tmp_path))
    assert "pkg/loop" in tree.dirs
    assert "blob.py" in tree.files and "blob.py" in tree.unreadable and "blob.py" not in tree.texts


def test_an_unreadable_file_is_unreadable_not_absent(tmp_path, monkeypatch):
    import os
    (tmp_path / ".funcignore").write_text("local.settings.json\n")
    (tmp_path / "host.json").write_text("{}")
    real_open = os.open

    def refusing_open(path, *args, **kwargs):     # what a file without read permission does (root reads anyway)
        if str(path).endswith(".funcignore"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)
    monkeypatch.setattr(os, "open", refusing_open)
    tree = scan(str(tmp_path))
    assert ".funcignore" in tree.files and ".funcignore" in tree.unreadable and ".funcignore" not in tree.texts
    assert tree.texts == {"host.json": "{}"}


def test_unreadable_texts_are_unknown_to_the_rules():
    from azext_pyappsvc.platform.functions import excluded_by_funcignore
    tree = ProjectTree(frozenset({".funcignore", "local.settings.json"}), frozenset(), texts={},
                       unreadable=frozenset({".funcignore"}))
    assert excluded_by_funcignore(build_facts(tree), "local.settings.json") is None


@pytest.mark.parametrize("name, marker, venv", [("antenv", False, True), (".venv", True, True), ("env", True, True),
                                                 ("venv", False, False), ("src", False, False)])
def test_a_virtualenv_is_a_folder_with_pyvenv_cfg_or_oryx_antenv(name, marker, venv):
    assert is_virtualenv(name, marker) is venv


@pytest.mark.parametrize("path, wanted", [("app.py", True), ("a/b/c/d/e.py", True), ("a/b/c/d/e/f.py", False),
                                          (".funcignore", True), ("static/logo.png", False), ("uv.lock", False),
                                          ("web.config", True), ("startup.sh", True)])
def test_which_texts_the_rules_read(path, wanted):
    assert wants_text(path) is wanted


def test_a_partial_listing_knows_absence_only_in_folders_it_opened():
    tree = ProjectTree(frozenset({"app.py", "api/main.py"}), frozenset({"api", "big"}),
                       listed_dirs=frozenset({"", "api"}))
    facts = build_facts(tree)
    assert facts.knows_absence("missing.py") and facts.knows_absence("api/missing.py")
    assert not facts.knows_absence("big/missing.py") and not facts.knows_absence("api/deep/x.py")
    assert facts.exists("./api//main.py") and facts.exists(".") and not facts.contents_available


def test_function_json_entries(make_project):
    facts = make_project({"HttpTrigger/function.json": '{"scriptFile": "main.py"}', "HttpTrigger/main.py": "",
                          "Timer/function.json": "{}", "Single/function.json": "{}", "Single/handler.py": "",
                          "Two/function.json": "{}", "Two/__init__.py": "", "Two/helpers.py": "",
                          "Neither/function.json": "{}", "Neither/a.py": "", "Neither/b.py": ""})
    assert [(f.folder, f.script, f.entry_point) for f in function_json_entries(facts)] == [
        ("HttpTrigger", "HttpTrigger/main.py", "main"), ("Neither", None, "main"),
        ("Single", "Single/handler.py", "main"), ("Timer", None, "main"), ("Two", "Two/__init__.py", "main")]


def _scan_within(root, seconds=60):
    """scan(root) on a thread: a FIFO that blocked the read would leave it running (the test fails, not hangs)."""
    import threading
    found = {}
    worker = threading.Thread(target=lambda: found.update(tree=scan(root)), daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), "scan blocked"
    return found["tree"]


def test_a_fifo_is_no_project_file_and_never_blocks(tmp_path):
    import os
    os.mkfifo(tmp_path / "requirements.txt")
    os.mkfifo(tmp_path / "startup.txt")
    (tmp_path / "app.py").write_text("from flask import Flask\napp = Flask(__name__)\n")
    tree = _scan_within(str(tmp_path))
    assert tree.files == {"app.py"} and set(tree.texts) == {"app.py"}


def test_a_1200_deep_tree_is_walked_without_recursion(tmp_path):
    import os
    folders = [os.open(tmp_path, os.O_RDONLY)]
    for _ in range(1200):                       # relative to an open folder: deeper than any path can name
        os.mkdir("d", dir_fd=folders[-1])
        folders.append(os.open("d", os.O_RDONLY, dir_fd=folders[-1]))
    (tmp_path / "app.py").write_text("x = 1\n")
    try:
        tree = _scan_within(str(tmp_path))
    finally:                                    # pytest's recursive clean-up could not remove it
        os.close(folders.pop())
        while len(folders) > 1:
            os.rmdir("d", dir_fd=folders[-1])
            os.close(folders.pop())
        os.rmdir("d", dir_fd=folders[0])
        os.close(folders[0])
    assert "app.py" in tree.files and tree.truncated and max(p.count("/") for p in tree.dirs) <= 64


def test_links_out_of_the_project_are_never_read(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("export DB_PASSWORD=hunter2\n")
    project = tmp_path / "project"
    (project / "sub").mkdir(parents=True)
    (project / "startup.txt").symlink_to(outside)
    (project / "requirements.txt").symlink_to(project / "sub" / "reqs.txt")
    (project / "sub" / "reqs.txt").write_text("flask\n")
    (project / "etc").symlink_to("/etc")
    tree = scan(str(project))
    assert "startup.txt" in tree.unreadable and "startup.txt" not in tree.texts
    assert tree.texts.get("requirements.txt") == "flask\n"           # a link inside the project is read
    assert not any("hunter2" in text for text in tree.texts.values())
    assert not any(path.startswith("etc/") for path in tree.files)


def test_a_folder_swapped_for_a_link_after_the_check_is_not_followed(tmp_path, monkeypatch):
    """The attacker wins the race between realpath's check and the open: the folder becomes a link to elsewhere
    just as the walk starts opening from the top. No link is followed on the way down."""
    import os
    from azext_pyappsvc.adapters import files
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "settings.py").write_text("SECRET = 'outside-the-project'\n")
    project = tmp_path / "project"
    (project / "mysite").mkdir(parents=True)
    (project / "mysite" / "settings.py").write_text("DEBUG = False\n")
    walk = files._Walk(os.path.realpath(project))           # pylint: disable=protected-access
    walk.run()
    real_open = os.open

    def racing_open(path, flags, *args, **kwargs):
        if not os.path.islink(project / "mysite"):
            os.rename(project / "mysite", project / "old")
            os.symlink(outside, project / "mysite")
        return real_open(path, flags, *args, **kwargs)
    monkeypatch.setattr(files.os, "open", racing_open)
    text = files._read_text(walk, os.path.join(walk.top, "mysite", "settings.py"))  # pylint: disable=protected-access
    assert text is None


def test_one_import_list_tells_load_time_from_guarded_imports():
    """platform/imports.collect_imports serves the Functions indexing rules (at_load) and gunicorn's import of a
    startup target (guarded) alike."""
    import ast
    from azext_pyappsvc.platform.imports import collect_imports
    from azext_pyappsvc.platform.project import parse_module
    text = ("import a\ntry:\n    import b\nexcept ImportError:\n    b = None\nif TYPE_CHECKING:\n    import c\n"
            "def create_app():\n    import d\n")
    found = {i.module: (i.at_load, i.guarded) for i in collect_imports(ast.parse(text))}
    assert found == {"a": (True, False), "b": (False, True), "c": (False, True), "d": (False, False)}
    assert parse_module(text).top_level_imports == {"a", "b", "c", "d"}
