import pytest

from azext_pyappsvc.platform.build import build_decision, detected_as_python, predict_build


@pytest.mark.parametrize("settings, runs, words", [
    ({"SCM_DO_BUILD_DURING_DEPLOYMENT": "true"}, True, "every deployment runs the Oryx build"),
    ({"SCM_DO_BUILD_DURING_DEPLOYMENT": "1"}, True, "every deployment"),
    ({"SCM_DO_BUILD_DURING_DEPLOYMENT": "True"}, True, "every deployment"),
    ({"SCM_DO_BUILD_DURING_DEPLOYMENT": "false"}, False, "copied without a build"),
    ({"SCM_DO_BUILD_DURING_DEPLOYMENT": "yes"}, False, "copied without a build"),     # Kudu: only 1/true
    ({}, None, "zip deployments"),
    ({"SCM_DO_BUILD_DURING_DEPLOYMENT": "true", "WEBSITE_RUN_FROM_PACKAGE": "1"}, False, "no build runs"),
    ({"SCM_DO_BUILD_DURING_DEPLOYMENT": "true", "WEBSITE_RUN_FROM_PACKAGE": "0"}, True, "every deployment"),
    ({"SCM_DO_BUILD_DURING_DEPLOYMENT": "true", "WEBSITE_RUN_FROM_PACKAGE": ""}, True, "every deployment"),
    ({"SCM_DO_BUILD_DURING_DEPLOYMENT": "true", "WEBSITE_RUN_FROM_PACKAGE": "https://x.blob/p.zip?sig=s"}, False,
     "package URL"),
    ({"SCM_DO_BUILD_DURING_DEPLOYMENT": "true", "WEBSITE_RUN_FROM_ZIP": "1"}, False, "no build runs"),
    ({"SCM_DO_BUILD_DURING_DEPLOYMENT": " true"}, False, "copied without a build"),   # Kudu does not trim
    ({"SCM_DO_BUILD_DURING_DEPLOYMENT": "true", "ENABLE_ORYX_BUILD": "0"}, False, "without running Oryx"),
    ({"SCM_DO_BUILD_DURING_DEPLOYMENT": "true", "ENABLE_ORYX_BUILD": ""}, True, "every deployment"),
    ({"SCM_DO_BUILD_DURING_DEPLOYMENT": "true", "ENABLE_ORYX_BUILD": "false"}, False, "without running Oryx"),
    (None, None, "depends on the app settings"),
])
def test_build_decision(settings, runs, words):
    decided, reason, _ = build_decision(settings)
    assert decided is runs and words in reason


def test_flex_ignores_build_settings():
    assert build_decision({"SCM_DO_BUILD_DURING_DEPLOYMENT": "true"}, is_flex=True)[0] is None


@pytest.mark.parametrize("scm_type, runs, cause", [("LocalGit", True, "git"), ("GitHub", True, "git"),
                                                    ("None", None, "build-unset"), (None, None, "build-unset")])
def test_deployments_from_a_repository_build_by_default(scm_type, runs, cause):
    assert build_decision({}, scm_type=scm_type)[0::2] == (runs, cause)
    assert build_decision({"SCM_DO_BUILD_DURING_DEPLOYMENT": "false"}, scm_type=scm_type)[0] is False


def test_steps_in_order_for_django(make_project):
    facts = make_project({"requirements.txt": "Django==5.1\n", "manage.py": "", "mysite/wsgi.py": ""})
    settings = {"SCM_DO_BUILD_DURING_DEPLOYMENT": "true", "PRE_BUILD_COMMAND": "echo hi",
                "POST_BUILD_COMMAND": "python manage.py migrate"}
    assert predict_build(facts, settings).steps == [
        "PRE_BUILD_COMMAND: echo hi", "python -m venv antenv --copies --system-site-packages",
        "pip install -r requirements.txt",
        "python manage.py collectstatic --noinput", "POST_BUILD_COMMAND: python manage.py migrate"]


def test_script_path_wins_over_command(make_project):
    facts = make_project({"requirements.txt": "flask\n"})
    steps = predict_build(facts, {"SCM_DO_BUILD_DURING_DEPLOYMENT": "true", "PRE_BUILD_COMMAND": "echo a",
                                  "PRE_BUILD_SCRIPT_PATH": "pre.sh"}).steps
    assert steps[0] == "PRE_BUILD_SCRIPT_PATH: pre.sh" and "echo a" not in " ".join(steps)


def test_collectstatic_conditions(make_project):
    base = {"SCM_DO_BUILD_DURING_DEPLOYMENT": "true"}
    django = make_project({"requirements.txt": "django\n", "manage.py": ""})
    assert "python manage.py collectstatic --noinput" in predict_build(django, base).steps
    assert "python manage.py collectstatic --noinput" not in predict_build(
        django, dict(base, DISABLE_COLLECTSTATIC="true")).steps


def test_collectstatic_needs_django_in_requirements(make_project):
    facts = make_project({"requirements.txt": "flask\n", "manage.py": ""})
    assert not any("collectstatic" in s for s in predict_build(facts, {"SCM_DO_BUILD_DURING_DEPLOYMENT": "1"}).steps)


@pytest.mark.parametrize("tree, step", [
    ({"requirements.txt": "x\n", "setup.py": ""}, "pip install -r requirements.txt"),
    ({"setup.py": "", "pyproject.toml": ""}, "pip install ."),
    ({"pyproject.toml": "", "uv.lock": ""}, "uv sync --active --link-mode copy"),
    ({"pyproject.toml": "[project]\nname='x'\n"}, "poetry install --only main"),
    ({"app.py": ""}, "no requirements.txt, setup.py or pyproject.toml: no dependency is installed"),
])
def test_install_branch_order(make_project, tree, step):
    assert step in predict_build(make_project(tree), {"SCM_DO_BUILD_DURING_DEPLOYMENT": "true"}).steps


def test_custom_requirements_path(make_project):
    facts = make_project({"src/requirements.txt": "flask\n"}, {"CUSTOM_REQUIREMENTSTXT_PATH": "src/requirements.txt"})
    steps = predict_build(facts, {"SCM_DO_BUILD_DURING_DEPLOYMENT": "true",
                                  "CUSTOM_REQUIREMENTSTXT_PATH": "src/requirements.txt"}).steps
    assert "pip install -r src/requirements.txt" in steps


def test_function_app_installs_into_python_packages(make_project):
    steps = predict_build(make_project({"requirements.txt": "azure-functions\n", "host.json": "{}"}),
                          {"SCM_DO_BUILD_DURING_DEPLOYMENT": "true"}, is_function_app=True).steps
    assert steps == ["pip install --target .python_packages/lib/site-packages -r requirements.txt"]


def test_detection(make_project):
    assert detected_as_python(make_project({"deep/er/x.py": ""}), {})
    assert not detected_as_python(make_project({"deep/x.py": ""}), {"DISABLE_RECURSIVE_LOOKUP": "true"})
    assert not detected_as_python(make_project({"index.html": ""}), {})
    nothing = predict_build(make_project({"index.html": ""}), {"SCM_DO_BUILD_DURING_DEPLOYMENT": "true"})
    assert "Oryx finds no Python file" in nothing.reason and nothing.steps == []


def test_no_steps_when_no_build_runs(make_project):
    prediction = predict_build(make_project({"requirements.txt": "x\n"}), {"SCM_DO_BUILD_DURING_DEPLOYMENT": "false"})
    assert prediction.runs is False and prediction.steps == []
