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
