import pytest

from azext_pyappsvc.platform.build_settings import (BuildSettingValues, apply_changes, changes_from_values,
                                                    missing_scripts, parse_boolean, referenced_scripts,
                                                    inapplicable, settings_problems)
from azext_pyappsvc.platform.appkind import FLEX as FLEX_PLATFORM, WINDOWS, AppKind
from azext_pyappsvc.platform.errors import InvalidValue, MissingValue


@pytest.mark.parametrize("value, written", [("true", "true"), ("YES", "true"), ("1", "true"), ("on", "true"),
                                            ("false", "false"), ("No", "false"), ("0", "false"), ("", None)])
def test_booleans_are_written_as_oryx_reads_them(value, written):
    assert parse_boolean("build_on_deploy", value) == written


def test_changes_from_values():
    assert changes_from_values(BuildSettingValues(pre_build=" echo hi ", build_on_deploy="1")) == \
        {"PRE_BUILD_COMMAND": "echo hi", "SCM_DO_BUILD_DURING_DEPLOYMENT": "true"}
    assert changes_from_values(BuildSettingValues(post_build="")) == {"POST_BUILD_COMMAND": None}


@pytest.mark.parametrize("values, field, reason", [
    (BuildSettingValues(pre_build="echo 'oops"), "pre_build", "unbalanced quotes"),      # refused even without --source
    (BuildSettingValues(disable_collectstatic="maybe"), "disable_collectstatic", "is not a boolean"),
    (BuildSettingValues(post_build="echo \x1b[31mred"), "post_build", "control characters"),
    (BuildSettingValues(pre_build_script="a\x7fb.sh"), "pre_build_script", "control characters"),
])
def test_invalid_values_name_the_field(values, field, reason):
    with pytest.raises(InvalidValue) as raised:
        changes_from_values(values)
    assert raised.value.parameter == field and reason in raised.value.reason


def test_nothing_asked_names_every_field():
    with pytest.raises(MissingValue) as raised:
        changes_from_values(BuildSettingValues())
    assert raised.value.parameters == ("pre_build", "post_build", "pre_build_script", "post_build_script",
                                       "disable_collectstatic", "build_on_deploy", "oryx_build",
                                       "isolate_worker_dependencies", "worker_extensions", "pip_extra_index_url")


def test_apply_changes_touches_only_the_requested_keys():
    original = {"A": "1", "PRE_BUILD_COMMAND": "old", "Z": ""}
    assert apply_changes(original, {"PRE_BUILD_COMMAND": None, "DISABLE_COLLECTSTATIC": "true"}) == \
        {"A": "1", "Z": "", "DISABLE_COLLECTSTATIC": "true"}
    assert list(apply_changes(original, {"PRE_BUILD_COMMAND": "new"})) == ["A", "PRE_BUILD_COMMAND", "Z"]
    assert original == {"A": "1", "PRE_BUILD_COMMAND": "old", "Z": ""}


def test_referenced_and_missing_scripts_are_reported_by_setting():
    values = {"PRE_BUILD_SCRIPT_PATH": "pre.sh", "POST_BUILD_COMMAND": "bash scripts/post.sh --fast && python x.py",
              "PRE_BUILD_COMMAND": "echo 'unbalanced"}
    assert referenced_scripts(values) == [("PRE_BUILD_SCRIPT_PATH", "pre.sh"),
                                          ("POST_BUILD_COMMAND", "scripts/post.sh"), ("POST_BUILD_COMMAND", "x.py")]
    assert missing_scripts(values, {"pre.sh", "x.py"}.__contains__) == [("POST_BUILD_COMMAND", "scripts/post.sh")]
    assert missing_scripts({"PRE_BUILD_SCRIPT_PATH": "/home/site/pre.sh"}, lambda path: False) == []


@pytest.mark.parametrize("settings, codes", [
    ({}, []),
    ({"POST_BUILD_SCRIPT_PATH": "a.sh", "POST_BUILD_COMMAND": "b"}, ["BLD005"]),
    ({"POST_BUILD_SCRIPT_PATH": "a.sh"}, []),
    ({"WEBSITE_RUN_FROM_PACKAGE": "1"}, ["BLD002"]),
    ({"WEBSITE_RUN_FROM_PACKAGE": "0"}, []),
    ({"WEBSITE_RUN_FROM_PACKAGE": ""}, []),
    ({"WEBSITE_RUN_FROM_PACKAGE": "https://x.blob.core.windows.net/p.zip"}, ["BLD002"]),
])
def test_warnings(settings, codes):
    assert [w.code for w in settings_problems(settings, False)] == codes
    # on Flex Consumption run-from-package is no build question: PLAT004 names the settings Flex ignores
    flex_ignores = "WEBSITE_RUN_FROM_PACKAGE" in settings
    assert [w.code for w in settings_problems(settings, True)] == [c for c in codes if c != "BLD002"] + (
        ["PLAT004"] if flex_ignores else [])


def test_flex_warns_only_about_the_settings_it_ignores():
    assert settings_problems({"PYTHON_ENABLE_WORKER_EXTENSIONS": "1"}, True) == []
    (problem,) = settings_problems({"PYTHON_ENABLE_WORKER_EXTENSIONS": "1", "SCM_DO_BUILD_DURING_DEPLOYMENT": "true"},
                                   True)
    assert problem.code == "PLAT004" and "ignores SCM_DO_BUILD_DURING_DEPLOYMENT " in problem.message


FLEX = AppKind("functionapp,linux", FLEX_PLATFORM, True)


def test_flex_refuses_build_switches_but_lets_them_be_removed():
    assert [s for s, _ in inapplicable({"SCM_DO_BUILD_DURING_DEPLOYMENT": "true"}, FLEX)] == [
        "SCM_DO_BUILD_DURING_DEPLOYMENT"]
    assert inapplicable({"SCM_DO_BUILD_DURING_DEPLOYMENT": None, "ENABLE_ORYX_BUILD": None}, FLEX) == []
    assert inapplicable({"PYTHON_ENABLE_WORKER_EXTENSIONS": "1"}, FLEX) == []


def test_a_windows_function_app_is_pointed_at_a_function_app_not_a_web_app():
    from azext_pyappsvc.platform.errors import Refused
    from azext_pyappsvc.platform.guards import require_linux_code_app
    from azext_pyappsvc.platform.snapshot import AppRef
    snapshot = type("Snapshot", (), {"kind": AppKind("functionapp", WINDOWS, True), "ref": AppRef("rg", "fn")})()
    with pytest.raises(Refused) as refused:
        require_linux_code_app(snapshot, "build settings")
    assert "webapp" not in refused.value.recommendation and "function app" in refused.value.recommendation


@pytest.mark.parametrize("value", ["https://u:tok@pkgs.x.com/simple\x1b[2J", "https://pkgs.x.com/si\nmple",
                                   "@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/x/\u2028)"])
def test_an_index_url_with_control_characters_is_refused_without_quoting_it(value):
    with pytest.raises(InvalidValue) as refused:
        changes_from_values(BuildSettingValues(pip_extra_index_url=value))
    assert "tok" not in str(refused.value) and "control characters" in str(refused.value)
