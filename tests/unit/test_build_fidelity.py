"""Platform fidelity v2, build side: each rule from the source that states it.

PythonBashBuildSnippet.sh.tpl, BaseBashBuildScript.sh.tpl, Python/PythonPlatform.cs: Oryx src/BuildScriptGenerator.
"""
import pytest
from packaging.specifiers import SpecifierSet

from azext_pyappsvc.platform.build import predict_build
from azext_pyappsvc.platform.project import admits_below

BUILD = {"SCM_DO_BUILD_DURING_DEPLOYMENT": "true"}


# Rule 15: the venv step as the snippet builds it (`--copies` from PythonPlatform.cs, `--system-site-packages`
# only when the requirements file exists), and `set -e`: a failing pre-build step stops the build
@pytest.mark.parametrize("files, settings, step", [
    ({"requirements.txt": "flask\n"}, {}, "python -m venv antenv --copies --system-site-packages"),
    ({"setup.py": ""}, {}, "python -m venv antenv --copies"),
    ({"pyproject.toml": "[project]\nname='x'\n", "uv.lock": ""}, {},
     "uv venv --link-mode=copy --system-site-packages antenv"),
    ({"pyproject.toml": "[project]\nname='x'\n", "uv.lock": "", "src/reqs.txt": "x\n"},
     {"CUSTOM_REQUIREMENTSTXT_PATH": "src/reqs.txt"}, "python -m venv antenv --copies --system-site-packages"),
])
def test_the_venv_step_has_oryx_flags(make_project, files, settings, step):
    assert step in predict_build(make_project(files), dict(BUILD, **settings)).steps


def test_a_failing_pre_build_command_stops_the_build(make_project):
    prediction = predict_build(make_project({"requirements.txt": "x\n"}), dict(BUILD, PRE_BUILD_COMMAND="./pre.sh"))
    assert "set -e" in prediction.reason and "no later step runs" in prediction.reason
    assert "set -e" not in predict_build(make_project({"requirements.txt": "x\n"}), BUILD).reason


# Rule 14: the packagedir (Functions) branch installs a poetry-only project without --target
def test_functions_poetry_only_project_is_flagged(make_project):
    facts = make_project({"host.json": "{}", "pyproject.toml": "[tool.poetry.dependencies]\nazure-functions='*'\n"})
    steps = predict_build(facts, BUILD, is_function_app=True).steps
    assert any("never reach .python_packages" in step for step in steps)
    web = predict_build(facts, BUILD).steps
    assert not any("never reach" in step for step in web)


# Rule 14: FN006 only when no version below 2 satisfies the azure-functions specifier
@pytest.mark.parametrize("spec, admits", [
    ("==1.17.0", True), (">=1.12,<1.20", True), (">1.12,<1.20", True), ("~=1.17", True), ("<2", True),
    ("==1.*", True), ("!=2.0", True), (">=2.0", False), ("==2.0.0", False), (">=2.0.0b1", False),
])
def test_admits_a_version_below_2(spec, admits):
    assert admits_below(SpecifierSet(spec), 2) is admits


# Rule 6: build.env (Oryx BuildCommand.cs: ini below the environment) and .deployment [config] (KuduLite
# DeploymentSettingsProvider.cs: priority PerDeployment < Environment) act as build settings below app settings
def test_project_build_settings_and_their_origins(make_project):
    from azext_pyappsvc.platform.build import effective_build_settings
    facts = make_project({
        "requirements.txt": "x\n", "build.env": "DISABLE_COLLECTSTATIC=true\nPRE_BUILD_COMMAND=a\n",
        ".deployment": "[config]\nPRE_BUILD_COMMAND = ./pre.sh\nSCM_DO_BUILD_DURING_DEPLOYMENT=true\n"})
    values, origins = effective_build_settings(facts, {"SCM_DO_BUILD_DURING_DEPLOYMENT": "false"})
    assert values == {"DISABLE_COLLECTSTATIC": "true", "PRE_BUILD_COMMAND": "./pre.sh",
                      "SCM_DO_BUILD_DURING_DEPLOYMENT": "false"}
    assert origins == {"DISABLE_COLLECTSTATIC": "build.env", "PRE_BUILD_COMMAND": ".deployment"}



@pytest.mark.parametrize("deployment, expected", [
    ("[Config]\nPRE_BUILD_COMMAND=./pre.sh\n", {"PRE_BUILD_COMMAND": "./pre.sh"}),        # section in any case
    ("\ufeff[config]\nPRE_BUILD_COMMAND=./pre.sh\n", {"PRE_BUILD_COMMAND": "./pre.sh"}),  # a BOM is no key
    ("[config]\njust words\nPRE_BUILD_COMMAND=a=b\n", {"PRE_BUILD_COMMAND": "a=b"}),   # first '=' only
    ("[config]\nPRE_BUILD_COMMAND=a\n  b\n", {"PRE_BUILD_COMMAND": "a"}),              # no continuation lines
    ("[config]\npre_build_command : a\n", {}),                                      # ':' is no separator
])
def test_deployment_file_is_read_as_kudu_reads_it(make_project, deployment, expected):
    """KuduLite Kudu.Core/Infrastructure/IniFile.cs ParseValues."""
    from azext_pyappsvc.platform.build import project_build_settings
    assert project_build_settings(make_project({".deployment": deployment}))[0] == expected


@pytest.mark.parametrize("build_env, expected", [
    ('DISABLE_COLLECTSTATIC="true"\n', {"DISABLE_COLLECTSTATIC": "true"}),       # double quotes stripped
    ("\ufeff# comment\nDISABLE_COLLECTSTATIC=true\n", {"DISABLE_COLLECTSTATIC": "true"}),
    ("DISABLE_COLLECTSTATIC=true\nnot a setting\n", {}),                         # FormatException: nothing read
    ("DISABLE_COLLECTSTATIC=true\ndisable_collectstatic=false\n", {}),           # a duplicate key, likewise
    ("[extra]\nDISABLE_COLLECTSTATIC=true\n", {}),                               # extra:DISABLE_COLLECTSTATIC
])
def test_build_env_is_read_as_oryx_reads_it(make_project, build_env, expected):
    """Oryx BuildCommand.cs AddIniFile (Microsoft.Extensions.Configuration.Ini IniStreamConfigurationProvider)."""
    from azext_pyappsvc.platform.build import project_build_settings
    assert project_build_settings(make_project({"build.env": build_env}))[0] == expected

def test_deployment_file_turns_the_build_on_and_build_env_does_not(make_project):
    on = make_project({"requirements.txt": "x\n", ".deployment": "[config]\nSCM_DO_BUILD_DURING_DEPLOYMENT=true\n"})
    prediction = predict_build(on, {})
    assert prediction.runs is True and "SCM_DO_BUILD_DURING_DEPLOYMENT from .deployment" in prediction.reason
    env_only = make_project({"requirements.txt": "x\n", "build.env": "SCM_DO_BUILD_DURING_DEPLOYMENT=true\n"})
    assert predict_build(env_only, {}).runs is None             # Kudu does not read build.env
    steps = predict_build(on, {}).steps
    assert steps[-1] == "pip install -r requirements.txt"
