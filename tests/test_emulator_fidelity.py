"""The emulator must stay faithful to the real Azure bodies it was seeded from."""

import filecmp
import os

import pytest

from tests.emulator import bodies
from tests.emulator.model import Site
from tests.emulator.seeds import web_config

SHARED = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "reference", "azure")


@pytest.mark.skipif(not os.path.isdir(SHARED), reason="shared/ reference bodies not beside this checkout")
def test_fixtures_are_verbatim_copies_of_the_reference_bodies():
    names = sorted(n for n in os.listdir(bodies.FIXTURES) if n.endswith(".json"))
    assert names and all(filecmp.cmp(os.path.join(bodies.FIXTURES, n), os.path.join(SHARED, n), shallow=False)
                         for n in names)


@pytest.mark.skipif(not os.path.isdir(SHARED), reason="shared/ reference bodies not beside this checkout")
def test_log_fixtures_are_verbatim_copies_of_the_reference_logs():
    from tests.emulator.logs import REFERENCE
    shared = os.path.join(SHARED, "..", "logs")
    names = sorted(n for n in os.listdir(shared) if n[:2].isdigit())
    assert sorted(os.listdir(REFERENCE)) == names
    assert all(filecmp.cmp(os.path.join(REFERENCE, n), os.path.join(shared, n), shallow=False) for n in names)


def test_site_body_keeps_the_real_shape():
    site = Site(name="app1", kind="app,linux", config=web_config())
    body = bodies.site_body(site)
    real = bodies.fixture("webapp-linux-python-site.json")
    assert set(body) == set(real) and set(body["properties"]) == set(real["properties"])
    assert body["properties"]["siteConfig"]["appCommandLine"] is None      # sparse projection
    assert body["properties"]["siteConfig"]["linuxFxVersion"] == "PYTHON|3.12"
    assert bodies.config_body(site)["properties"]["appCommandLine"] == ""
    patched = bodies.config_body(site, as_patch_response=True)
    assert patched["type"] == "Microsoft.Web/sites" and not patched["id"].endswith("/config/web")


def test_stacks_keep_platform_casing():
    web = bodies.web_app_stacks()["value"][0]["properties"]["majorVersions"][0]["minorVersions"]
    fn = bodies.function_app_stacks()["value"][0]["properties"]["majorVersions"][0]["minorVersions"]
    assert web[0]["stackSettings"]["linuxRuntimeSettings"]["runtimeVersion"] == "PYTHON|3.14"
    assert {m["stackSettings"]["linuxRuntimeSettings"]["runtimeVersion"] for m in fn} >= {"Python|3.12", "Python|3.11"}


def test_empty_slot_config_names_are_null_not_empty_lists():
    site = Site(name="app1", kind="app,linux")
    body = bodies.slot_config_names_body(site, site.slot_config_names)
    assert body["properties"] == {"connectionStringNames": None, "appSettingNames": None,
                                  "azureStorageConfigNames": None}


def test_deployment_body_keeps_the_real_shape():
    from tests.emulator.seeds import healthy
    site = healthy(Site(name="app1", kind="app,linux", config=web_config()))
    body = bodies.deployment_body(site)
    real = bodies._reference_log_body(19)                   # pylint: disable=protected-access
    assert set(body) == set(real) and isinstance(body["status"], int)
    assert body["log_url"] == "https://app1.scm.azurewebsites.net/api/deployments/latest/log"


def test_docker_log_listing_is_kudulites_shape():
    from tests.emulator.seeds import healthy
    site = healthy(Site(name="app1", kind="app,linux", config=web_config(httpLoggingEnabled=True)))
    entries = [bodies.docker_log_entry(site, name, content) for name, content in site.docker_logs.items()]
    # DiagnosticsController.cs CurrentDockerLogFilenameToJson: machineName, lastUpdated, size, href, path
    assert all(set(entry) == {"machineName", "lastUpdated", "size", "href", "path"} for entry in entries)
    assert sorted(entry["machineName"] for entry in entries) == ["lw1sdlwk000AB2", "lw1sdlwk000AB2_default"]
    # filesystem logging off: the app's container log is not kept, the platform's is
    quiet = healthy(Site(name="app2", kind="app,linux", config=web_config()))
    assert [name[11:] for name in quiet.docker_logs] == ["lw1sdlwk000AB2_docker.log"]


@pytest.mark.parametrize("header, status, part", [
    (None, 200, b"0123456789"), ("bytes=-4", 206, b"6789"), ("bytes=2-4", 206, b"234"),
    ("bytes=-100", 206, b"0123456789"), ("bytes=10-", 416, b""), ("items=0-1", 200, b"0123456789"),
])
def test_log_files_answer_range_reads(header, status, part):
    from tests.emulator.server import _Reply, _ranged      # pylint: disable=protected-access
    try:
        answer, code = _ranged(b"0123456789", header), 200
    except _Reply as reply:
        answer, code = reply.body, reply.status
    assert (code, answer) == (status, part)
