"""One accessor per fact: every place Azure can carry linuxFxVersion is read, in one order, by every command."""

import pytest

from azext_pyappsvc.platform.appkind import CONTAINER, FLEX, LINUX, WINDOWS
from azext_pyappsvc.platform.errors import Refused
from azext_pyappsvc.platform.guards import require_linux_code_app, require_web_app
from azext_pyappsvc.platform.snapshot import AppRef, AppSnapshot

REF = AppRef("rg", "app")


def _props(value):
    return {"properties": [{"name": "LinuxFxVersion", "value": value}, {"name": "WindowsFxVersion", "value": None}]}


@pytest.mark.parametrize("site, config, fx", [
    ({"siteConfig": {"linuxFxVersion": "PYTHON|3.11"}}, {"linuxFxVersion": "PYTHON|3.12"}, "PYTHON|3.12"),
    ({"siteConfig": {"linuxFxVersion": "PYTHON|3.11"}}, {}, "PYTHON|3.11"),
    ({"siteConfig": None, "siteProperties": _props("DOCKER|img:1")}, {}, "DOCKER|img:1"),
    ({"siteConfig": {"linuxFxVersion": ""}, "siteProperties": _props("PYTHON|3.13")}, {"linuxFxVersion": ""},
     "PYTHON|3.13"),
    ({"siteProperties": {"properties": [None, "x", {"name": "LinuxFxVersion"}]}}, {}, ""),
    ({}, {}, ""),
])
def test_linux_fx_version_is_read_from_every_place_in_one_order(site, config, fx):
    assert AppSnapshot(REF, dict(site, kind="app,linux", reserved=True), config).linux_fx_version == fx


def test_a_container_named_only_in_site_properties_is_a_container_everywhere():
    snapshot = AppSnapshot(REF, {"kind": "app,linux", "reserved": True, "siteConfig": None,
                                 "siteProperties": _props("DOCKER|registry/app:1")})
    assert snapshot.kind.platform == CONTAINER and snapshot.runs_python is False
    with pytest.raises(Refused, match="custom container"):
        require_linux_code_app(snapshot, "Python version")


@pytest.mark.parametrize("site, config, platform, python, runs_python, label", [
    ({"kind": "app,linux", "reserved": True}, {"linuxFxVersion": "PYTHON|3.12"}, LINUX, "3.12", True, "PYTHON|3.12"),
    ({"kind": "app,linux", "reserved": True}, {"linuxFxVersion": "NODE|20-lts"}, LINUX, None, False, "NODE|20-lts"),
    ({"kind": "app,linux", "reserved": True}, {}, LINUX, None, False, None),
    ({"kind": "functionapp,linux", "reserved": True}, {}, LINUX, None, True, None),
    ({"kind": "functionapp,linux", "sku": "FlexConsumption",
      "functionAppConfig": {"runtime": {"name": "Python", "version": "3.12"}}}, {}, FLEX, "3.12", True, "python|3.12"),
    ({"kind": "functionapp,linux", "functionAppConfig": {"runtime": None}}, {}, FLEX, None, False, None),
    ({"kind": "functionapp,linux", "functionAppConfig": {"runtime": "python"}}, {}, FLEX, None, False, None),
    ({"kind": "app", "reserved": False}, {}, WINDOWS, None, None, None),
    ({"kind": "app", "reserved": False}, {"pythonVersion": ""}, WINDOWS, None, None, None),
    ({"kind": "app", "reserved": False}, {"pythonVersion": "3.4"}, WINDOWS, None, True, None),
    ({"kind": "app,linux", "reserved": True}, {"linuxFxVersion": "NODE|20", "pythonVersion": "3.4"}, LINUX, None, False,
     "NODE|20"),
])
def test_runtime_facts(site, config, platform, python, runs_python, label):
    snapshot = AppSnapshot(REF, site, config)
    assert (snapshot.kind.platform, snapshot.python_version, snapshot.runs_python, snapshot.runtime_label) == \
        (platform, python, runs_python, label)


def test_unreadable_settings_say_which_role_is_needed():
    assert AppSnapshot(REF, {}, settings={}).settings_error is None
    assert "'Website Contributor'" in AppSnapshot(REF, {}, settings_status=403).settings_error


def test_guards():
    web = AppSnapshot(REF, {"kind": "app,linux", "reserved": True}, {"linuxFxVersion": "PYTHON|3.12"})
    require_linux_code_app(web, "x")
    require_web_app(web, "x")
    with pytest.raises(Refused, match="Windows app"):
        require_linux_code_app(AppSnapshot(REF, {"kind": "app"}), "x")
    with pytest.raises(Refused, match="function app"):
        require_web_app(AppSnapshot(REF, {"kind": "functionapp,linux", "reserved": True}), "x")
    container = AppSnapshot(REF, {"kind": "app,linux,container", "reserved": True}, {"linuxFxVersion": "DOCKER|x:1"})
    with pytest.raises(Refused, match="so the build settings belong in the container image"):
        require_linux_code_app(container, "build settings")
    with pytest.raises(Refused, match="so the Python version belongs in the container image"):
        require_linux_code_app(container, "Python version")


def test_cli_args_name_the_slot_and_subscription():
    assert AppRef("rg", "app", "staging", "sub").cli_args() == ["-g", "rg", "-n", "app", "--slot", "staging",
                                                                "--subscription", "sub"]
    assert REF.label == "app" and AppRef("rg", "app", "staging").label == "app/staging"


@pytest.mark.parametrize("worker, runs_python", [("python", True), ("Python", True), ("node", None), (None, None)])
def test_a_windows_function_app_runs_python_when_its_worker_says_so(worker, runs_python):
    settings = {"FUNCTIONS_WORKER_RUNTIME": worker} if worker else {}
    snapshot = AppSnapshot(REF, {"kind": "functionapp", "properties": {"reserved": False}}, {}, settings=settings)
    assert snapshot.kind.platform == WINDOWS and snapshot.runs_python is runs_python
