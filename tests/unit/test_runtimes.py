import json
import os
import re
from datetime import date

import pytest

from azext_pyappsvc.platform import runtimes
from azext_pyappsvc.platform.runtimes import (ACTIVE, EOL, NEAR_EOL, VersionInputError, find_option,
                                              parse_linux_fx_version, parse_stacks, parse_version_input, support_state)

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "emulator", "fixtures")
TODAY = date(2026, 11, 21)


def _load(name):
    with open(os.path.join(FIXTURES, name), encoding="utf-8") as handle:
        return json.load(handle)


@pytest.mark.parametrize("value", ["3.12", "PYTHON|3.12", "python|3.12", "PYTHON:3.12", "python3.12", "Python 3.12",
                                   "3.12.4", " 3.12 ", "Python|3.12", "py3.12", "3.12.0rc1", "PYTHON | 3.12"])
def test_every_documented_spelling_means_3_12(value):
    assert parse_version_input(value) == "3.12"


def _readme_spellings():
    """The spellings the README's set-runtime section lists: those that mean 3.12, and those it says are refused."""
    with open(os.path.join(os.path.dirname(__file__), "..", "..", "README.md"), encoding="utf-8") as handle:
        text = " ".join(handle.read().split())
    found = re.search(r"with a patch level or pre-release tag that is dropped: (.*?) all mean 3\.12\. "
                      r"Anything else \((.*?)\) is refused", text)
    return re.findall(r"`([^`]+)`", found.group(1)), re.findall(r"`([^`]+)`", found.group(2))


def test_the_readme_lists_exactly_what_the_code_accepts():
    accepted, refused = _readme_spellings()
    assert len(accepted) >= 8 and len(refused) >= 3
    assert all(parse_version_input(value) == "3.12" for value in accepted)
    for value in refused:
        with pytest.raises(VersionInputError):
            parse_version_input(value)


@pytest.mark.parametrize("value, reason", [
    ("3", "not a Python version"), ("3.x", "not a Python version"), ("2.7", "not Python 3"),
    ("PHP|8.2", "not a Python runtime"), ("DOCKER|nginx:latest", "not a Python runtime"), ("", "is empty"),
    (None, "is empty"), ("python", "not a Python version"), ("3.12.4.1", "not a Python version"),
    ("NODE:20-lts", "not a Python version"), ("3,12", "not a Python version"), ("latest", "not a Python version"),
])
def test_rejected_spellings_say_why(value, reason):
    with pytest.raises(VersionInputError, match=reason):
        parse_version_input(value)


@pytest.mark.parametrize("fx, language, version, well_formed", [
    ("PYTHON|3.12", "python", "3.12", True), ("Python|3.11", "python", "3.11", True),
    ("python|3.8", "python", "3.8", True), ("PYTHON|3", "python", "3", False),
    ("PYTHON|3.12 ", "python", "3.12 ", False), ("PYTHON:3.12", "python", None, False),
    ("python3.12", "python", None, False), ("NODE|20-lts", "node", "20-lts", True),
    ("", None, None, True), (None, None, None, True),
])
def test_linux_fx_version_split(fx, language, version, well_formed):
    parsed = parse_linux_fx_version(fx)
    assert (parsed.language, parsed.version, parsed.well_formed) == (language, version, well_formed)


def test_web_stacks_keep_platform_spelling_and_flags():
    options = parse_stacks(_load("webappstacks-python.json"))
    # the real catalogue still carries a Linux Python 2.7 entry (deprecated)
    assert [o.version for o in options] == ["3.13", "3.12", "3.11", "3.10", "3.9", "3.8", "3.7", "3.6", "2.7"]
    by_version = {o.version: o for o in options}
    assert by_version["3.12"].linux_fx_version == "PYTHON|3.12"
    assert by_version["3.12"].end_of_life == date(2028, 10, 31)
    assert by_version["3.7"].deprecated and not by_version["3.8"].deprecated
    assert find_option(options, "3.7") is None          # deprecated: not offered
    assert find_option(options, "3.12").linux_fx_version == "PYTHON|3.12"


def test_function_stacks_use_mixed_case_and_worker_runtime():
    options = parse_stacks(_load("functionappstacks-python.json"))
    newest = options[0]
    assert (newest.version, newest.linux_fx_version, newest.worker_runtime) == ("3.11", "Python|3.11", "python")
    assert newest.extension_versions == ("~4",)


def test_parsing_tolerates_missing_fields_and_junk():
    body = {"value": [
        {"name": "python", "properties": {"majorVersions": [{"minorVersions": [
            {"value": "3.14", "stackSettings": {"linuxRuntimeSettings": {"runtimeVersion": "PYTHON|3.14"}}},
            {"value": "3.13", "stackSettings": {"linuxRuntimeSettings": {"runtimeVersion": "PYTHON|3.13",
                                                                         "endOfLifeDate": "not a date"}}},
            {"value": "2.7", "stackSettings": {"windowsRuntimeSettings": {"runtimeVersion": "2.7.3"}}},
            None, {}]}, None]}},
        {"name": "node", "properties": {}}, "junk"]}
    options = parse_stacks(body)
    assert [(o.version, o.end_of_life) for o in options] == [("3.14", None), ("3.13", None)]
    assert parse_stacks(None) == [] and parse_stacks({"value": None}) == []


@pytest.mark.parametrize("eol, expected", [
    (date(2026, 10, 31), EOL), (TODAY, EOL), (date(2027, 5, 1), NEAR_EOL),
    (date(2027, 5, 20), NEAR_EOL), (date(2027, 5, 21), ACTIVE), (None, ACTIVE),
])
def test_support_state_boundaries(eol, expected):
    option = runtimes.RuntimeOption("3.x", "PYTHON|3.x", eol)
    assert support_state(option, TODAY) == expected


def test_deprecated_without_date_is_eol():
    assert support_state(runtimes.RuntimeOption("3.6", "PYTHON|3.6", None, deprecated=True), TODAY) == EOL
