"""The Functions project rules in platform/functions.py, imports.py and distributions.py, at their edges."""

import pytest

from azext_pyappsvc.platform.distributions import installed_by, provider_of
from azext_pyappsvc.platform.functions import (FUNCTIONS_ORIGIN, excluded_by_funcignore, functions_startup, ignored,
                                               index_urls_with_credentials, local_settings, project_test_paths,
                                               worker_extensions, worker_extensions_enabled)
from azext_pyappsvc.platform.imports import beyond_top_level, module_shape


@pytest.mark.parametrize("patterns, path, expected", [
    (["tests/"], "tests/test_a.py", True),
    (["/tests"], "tests", True),
    (["tests/**"], "tests/unit/test_a.py", True),
    (["test_*.py"], "Http/test_http.py", True),            # no slash: matches the name at any depth
    (["/test_*.py"], "Http/test_http.py", False),          # anchored at the root
    (["tests/", "!tests/keep.py"], "tests/keep.py", False),
    (["# tests/"], "tests/test_a.py", False),
    (["testsuite/"], "tests/test_a.py", False),
    (["**/test_*.py"], "test_x.py", True),                 # `**/` matches zero folders too
    (["**/tests"], "tests/test_a.py", True),
    (["**/local.settings.json"], "local.settings.json", True),
    (["tests/*"], "tests/unit/test_a.py", True),
    (["tests/*.py"], "tests/unit/test_a.py", False),
    (["Http/*.json"], "Http/function.json", True),
    (["test_[ab].py"], "test_b.py", True),
    (["test_[!ab].py"], "test_b.py", False),
    (["local.settings.json/"], "local.settings.json", False),   # a trailing slash matches folders only
])
def test_funcignore_matches_like_gitignore(patterns, path, expected):
    assert ignored(path, patterns) is expected


def test_tests_star_excludes_what_the_folder_holds(make_project):
    from azext_pyappsvc.doctor.checks.functions import fn013
    from azext_pyappsvc.doctor.subject import SOURCE, Subject
    files = {"function_app.py": "", "host.json": "{}", "tests/test_a.py": "", ".funcignore": "tests/*\n"}
    subject = Subject(None, project=make_project(files), project_origin=SOURCE)
    assert not fn013(subject)
    files[".funcignore"] = "tests/*.txt\n"
    assert fn013(Subject(None, project=make_project(files), project_origin=SOURCE))


def test_funcignore_unreadable_is_unknown(make_project):
    facts = make_project({".funcignore": b"\xff\xfe\x00bad", "local.settings.json": "{}"})
    assert excluded_by_funcignore(facts, "local.settings.json") in (None, False)


def test_test_paths_skip_virtualenvs_and_local_packages(make_project):
    facts = make_project({"tests/test_a.py": "", "Http/http_test.py": "", "conftest.py": "", ".venv/pyvenv.cfg": "",
                          ".venv/lib/test_x.py": "", ".python_packages/lib/site-packages/test_y.py": "",
                          "testing.py": ""})
    assert project_test_paths(facts) == ["tests", "Http/http_test.py", "conftest.py"]


def test_module_shape_tells_load_time_imports_from_guarded_and_deferred_ones():
    shape = module_shape("import os\ntry:\n    import ujson\nexcept ImportError:\n    ujson = None\n"
                         "def main(req, *, context):\n    import heavy\n"
                         "class C:\n    import inside_class\n"
                         "if True:\n    from pkg import thing as alias\n")
    loaded = {i.module: i.at_load for i in shape.imports}
    assert loaded == {"os": True, "ujson": False, "heavy": False, "inside_class": True, "pkg": True}
    assert {"main", "C", "alias", "os", "ujson"} <= shape.defined
    assert shape.parameters["main"] == ("req", "context")
    assert module_shape("def (") is None
    assert module_shape("def main(*args):\n    pass\n").parameters["main"] is None


@pytest.mark.parametrize("path, text, beyond", [
    ("function_app.py", "from . import x", True),
    ("Http/__init__.py", "from . import x", False),
    ("Http/__init__.py", "from .. import x", True),
    ("a/b/c.py", "from .. import x", False),
    ("a/b/c.py", "from ... import x", True),
])
def test_relative_imports_beyond_the_top_level(path, text, beyond):
    assert beyond_top_level(path, module_shape(text).imports[0]) is beyond


@pytest.mark.parametrize("module, requirements, expected", [
    ("pyodbc", {"azure-functions"}, False),
    ("pyodbc", {"pyodbc"}, True),
    ("yaml", {"pyyaml"}, True),
    ("yaml", set(), None),                                   # usually brought by another requirement
    ("requests", {"azure-storage-blob"}, None),
    ("azure.storage.blob", {"azure-storage-blob"}, True),
    ("azure.storage.blob.aio", {"azure-storage-blob"}, True),
    ("azure.identity", set(), False),
    ("cv2", {"opencv-python-headless"}, True),
    ("My_Module", set(), None),                              # not a lowercase name: the mapping is a guess
    ("azurefunctions.extensions.bindings.blob", {"azurefunctions-extensions-bindings-blob"}, True),
    ("azure.core.exceptions", set(), None),                  # every Azure SDK brings azure-core
])
def test_import_to_distribution(module, requirements, expected):
    assert installed_by(module, frozenset(requirements)) is expected


def test_providers_are_canonical_names():
    assert provider_of("PIL.Image").names == ("pillow",)
    assert provider_of("azure.durable_functions").names[0] == "azure-functions-durable"
    assert provider_of("azure.storage.blob.aio").names[0] == "azure-storage-blob"


def test_index_credentials_name_the_host_only():
    secret = "tok3n-value"
    found = index_urls_with_credentials(
        {"PIP_EXTRA_INDEX_URL": f"https://user:{secret}@pkgs.example.com/simple",
         "PIP_INDEX_URL": "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/x/)"},
        f"-i https://{secret}@private.example.org/simple\n--extra-index-url=https://public.example.org/simple\n")
    assert found == [("PIP_EXTRA_INDEX_URL", "pkgs.example.com"), ("requirements (-i)", "private.example.org")]
    assert secret not in repr(found)
    assert index_urls_with_credentials({}, "--extra-index-url https://${FEED_USER}:${FEED_TOKEN}@pkgs.x.org/s\n") == []


@pytest.mark.parametrize("url", ["https://user:p@LEAKEDPART@pkgs.x.com/simple", "https://p@LEAKEDPART@pkgs.x.com:8443/s",
                                 "https://user:p@LEAKEDPART@pkgs.x.com?x=1"])
def test_index_credentials_split_at_the_last_at_sign_as_pip_does(url):
    found = index_urls_with_credentials({"PIP_INDEX_URL": url}, f"--extra-index-url {url}\n")
    assert found == [("PIP_INDEX_URL", "pkgs.x.com"), ("requirements (--extra-index-url)", "pkgs.x.com")]


def test_worker_extensions_from_requirements_or_an_extension_class(make_project):
    facts = make_project({"requirements.txt": "opencensus-extension-azure-functions==1.0\n",
                          "ext/timer.py": "from azure.functions import AppExtensionBase\n"
                                          "class Timer(AppExtensionBase):\n    pass\n"})
    assert worker_extensions(facts) == ["opencensus-extension-azure-functions", "ext/timer.py"]
    assert worker_extensions_enabled({}, "3.9") and not worker_extensions_enabled({}, "3.10")
    assert worker_extensions_enabled({"PYTHON_ENABLE_WORKER_EXTENSIONS": " yes "}, "3.11")
    assert not worker_extensions_enabled({"PYTHON_ENABLE_WORKER_EXTENSIONS": "0"}, "3.9")


def test_local_settings_values(make_project):
    assert local_settings(make_project({"local.settings.json": '{"Values": {"A": "1", "N": 2}}'})) == {"A": "1"}
    assert local_settings(make_project({"local.settings.json": "[1]"})) is None
    assert local_settings(make_project({"local.settings.json": "not json"})) is None


def test_functions_startup_names_the_model(make_project):
    v2 = functions_startup(make_project({"host.json": "{}", "function_app.py": ""}), {})
    assert (v2.origin, v2.module, v2.command) == (FUNCTIONS_ORIGIN, "function_app", None)
    custom = functions_startup(make_project({"host.json": "{}", "app_main.py": ""}),
                               {"PYTHON_SCRIPT_FILE_NAME": "app_main.py"})
    assert custom.module == "app_main"
    v1 = functions_startup(make_project({"host.json": "{}", "Http/function.json": "{}"}), {})
    assert v1.module is None and "v1 model" in v1.explanation


def test_set_build_table_shows_the_worker_settings_of_a_function_app_masked():
    from azext_pyappsvc.output.results import set_build_result
    from azext_pyappsvc.output.tables import transform_set_build
    from azext_pyappsvc.platform.snapshot import AppRef
    settings = {"SCM_DO_BUILD_DURING_DEPLOYMENT": "true", "PIP_EXTRA_INDEX_URL": "https://u:tok3n@pkgs.example.com/s"}
    rows = transform_set_build(set_build_result(AppRef("rg", "fn"), {}, settings, False, function_app=True))
    shown = {row["Setting"]: (row["Previous"], row["Proposed"]) for row in rows}
    assert shown["SCM_DO_BUILD_DURING_DEPLOYMENT"] == ("(not set)", "true")
    assert shown["PIP_EXTRA_INDEX_URL"] == ("(not set)", "<redacted>")
    assert shown["PYTHON_ENABLE_WORKER_EXTENSIONS"] == ("(not set)", "(not set)")
    web = transform_set_build(set_build_result(AppRef("rg", "web"), {}, settings, False))
    assert "PIP_EXTRA_INDEX_URL" not in {row["Setting"] for row in web}


def test_set_build_table_marks_only_changed_rows_written():
    from azext_pyappsvc.output.results import set_build_result
    from azext_pyappsvc.output.tables import transform_set_build
    from azext_pyappsvc.platform.snapshot import AppRef
    before = {"SCM_DO_BUILD_DURING_DEPLOYMENT": "true", "PIP_EXTRA_INDEX_URL": "https://u:old@pkgs.example.com/s"}
    after = dict(before, ENABLE_ORYX_BUILD="true", PIP_EXTRA_INDEX_URL="https://u:new@pkgs.example.com/s")
    rows = transform_set_build(set_build_result(AppRef("rg", "fn"), before, after, False, function_app=True))
    written = {row["Setting"]: row["Written"] for row in rows}
    assert written["ENABLE_ORYX_BUILD"] == "yes" and written["PIP_EXTRA_INDEX_URL"] == "yes"
    assert written["SCM_DO_BUILD_DURING_DEPLOYMENT"] == "no (unchanged)"


def test_fn012_is_about_the_project_not_what_a_remote_build_deployed():
    from tests.unit.test_doctor_checks import DEPLOYED, FUNC_SETTINGS, codes, function_files, make_function
    files = function_files(**{".python_packages/lib/site-packages/x/a.py": ""})
    settings = dict(FUNC_SETTINGS, SCM_DO_BUILD_DURING_DEPLOYMENT="true")
    assert "FN012" in codes(make_function(files, settings))
    assert "FN012" not in codes(make_function(files, settings, origin=DEPLOYED, contents=False))


@pytest.mark.parametrize("text", [
    '\ufeff{"Values": {"PYTHON_ENABLE_WORKER_EXTENSIONS": "1"}}',
    '{\n  // local only\n  "Values": {"PYTHON_ENABLE_WORKER_EXTENSIONS": "1", /* why */ },\n}',
    '{"Values": {"PYTHON_ENABLE_WORKER_EXTENSIONS": "1", "URL": "http://a//b,}"},}',
])
def test_local_settings_read_as_core_tools_reads_them(make_project, text):
    values = local_settings(make_project({"local.settings.json": text}))
    assert values["PYTHON_ENABLE_WORKER_EXTENSIONS"] == "1"
    assert values.get("URL", "http://a//b,}") == "http://a//b,}"      # comment and comma marks inside strings kept


def test_unparseable_local_settings_are_named_not_silent(make_project):
    from azext_pyappsvc.doctor.checks.data import data002
    from azext_pyappsvc.doctor.subject import SOURCE, Subject
    broken = make_project({"function_app.py": "", "local.settings.json": '{"Values": {"A": }'})
    assert "local.settings.json is not a JSON object" in data002(Subject(None, project=broken,
                                                                         project_origin=SOURCE)).detail
    fine = make_project({"function_app.py": "", "local.settings.json": '{"Values": {}}'})
    assert data002(Subject(None, project=fine, project_origin=SOURCE)) is None


@pytest.mark.parametrize("line, where", [
    ("--extra-index-url https://pkgs.x.com/simple?token=s3cr3t-value", "requirements (--extra-index-url)"),
    ("--find-links https://u:s3cr3t-value@pkgs.x.com/wheels", "requirements (--find-links)"),
    ("-f https://pkgs.x.com/wheels?sig=s3cr3t-value", "requirements (-f)"),
    ("mypkg @ https://u:s3cr3t-value@pkgs.x.com/mypkg-1.0.tar.gz", "requirements"),
    ("git+https://s3cr3t-value@pkgs.x.com/org/repo.git#egg=repo", "requirements"),
])
def test_every_requirement_url_with_a_credential_is_found(line, where):
    found = index_urls_with_credentials({}, line + "\n")
    assert found == [(where, "pkgs.x.com")] and "s3cr3t" not in repr(found)


def test_urls_without_credentials_are_not_reported():
    assert index_urls_with_credentials({"PIP_INDEX_URL": "https://pkgs.x.com/simple?format=json"},
                                       "flask @ https://pkgs.x.com/flask.whl\n-f ./wheels\n") == []
