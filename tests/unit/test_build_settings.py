import pytest
from azure.cli.core.azclierror import InvalidArgumentValueError, RequiredArgumentMissingError

from azext_pyappsvc.buildsettings import (apply_changes, changes_from_options, missing_scripts, parse_boolean,
                                          referenced_scripts, warnings_for)


@pytest.mark.parametrize("value, written", [("true", "true"), ("YES", "true"), ("1", "true"), ("on", "true"),
                                            ("false", "false"), ("No", "false"), ("0", "false"), ("", None)])
def test_booleans_are_written_as_oryx_reads_them(value, written):
    assert parse_boolean("--build-on-deploy", value) == written


def test_changes_from_options():
    assert changes_from_options({"--pre-build": " echo hi ", "--build-on-deploy": "1", "--post-build": None}) == \
        {"PRE_BUILD_COMMAND": "echo hi", "SCM_DO_BUILD_DURING_DEPLOYMENT": "true"}
    assert changes_from_options({"--post-build": ""}) == {"POST_BUILD_COMMAND": None}
    with pytest.raises(RequiredArgumentMissingError):
        changes_from_options({"--pre-build": None})
    with pytest.raises(InvalidArgumentValueError, match="--pre-build: unbalanced quotes"):
        changes_from_options({"--pre-build": "echo 'oops"})          # refused even without --source
    with pytest.raises(InvalidArgumentValueError, match="--disable-collectstatic 'maybe'"):
        changes_from_options({"--disable-collectstatic": "maybe"})


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


def test_warnings():
    assert warnings_for({}, False) == []
    found = warnings_for({"POST_BUILD_SCRIPT_PATH": "a.sh", "POST_BUILD_COMMAND": "b",
                          "WEBSITE_RUN_FROM_PACKAGE": "1"}, True)
    assert [w.split(" ")[0] for w in found] == ["POST_BUILD_SCRIPT_PATH", "WEBSITE_RUN_FROM_PACKAGE", "This"]
