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


GRAPH_REFERENCE = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "reference", "resourcegraph")


def _graph_recording(name):
    import json
    import yaml
    with open(os.path.join(GRAPH_REFERENCE, name), encoding="utf-8") as handle:
        response = yaml.safe_load(handle)["interactions"][0]["response"]
    return json.loads(response["body"]["string"]), {k.lower(): v[0] for k, v in response["headers"].items()}


@pytest.mark.skipif(not os.path.isdir(GRAPH_REFERENCE), reason="shared/ Resource Graph bodies not beside this checkout")
def test_resource_graph_answers_keep_the_real_shapes():
    from tests.emulator import resourcegraph
    from tests.emulator.model import Store
    from tests.emulator.seeds import seed_tenant

    class Emulator:
        store, graph = Store(), resourcegraph.GraphState(page_rows=2)
    seed_tenant(Emulator.store, 1, 3)
    query = "resources | where type =~ 'microsoft.web/sites' or type =~ 'microsoft.web/sites/slots' | project id"
    status, page, headers = resourcegraph.answer(Emulator, {"query": query, "options": {"$top": 1000}})
    real, real_headers = _graph_recording("arg-skiptoken-objectarray-2021-03-01.yaml")
    assert status == 200 and set(page) == set(real) and page["resultTruncated"] == real["resultTruncated"]
    assert {"x-ms-user-quota-remaining", "x-ms-user-quota-resets-after"} <= set(real_headers) and \
        {"x-ms-user-quota-remaining", "x-ms-user-quota-resets-after"} <= set(headers)
    assert headers["x-ms-user-quota-resets-after"].count(":") == real_headers["x-ms-user-quota-resets-after"].count(":")
    status, rejected, _ = resourcegraph.answer(Emulator, {"query": "project id, location | where where"})
    real, _ = _graph_recording("arg-malformed-query-400-2021-03-01.yaml")
    assert status == 400 and set(rejected["error"]) == set(real["error"])
    assert [d["code"] for d in rejected["error"]["details"]] == [d["code"] for d in real["error"]["details"]]
    assert set(rejected["error"]["details"][1]) == set(real["error"]["details"][1])


def test_resource_graph_rows_project_the_arm_site_body():
    from tests.emulator import resourcegraph
    sites = [Site(name="app1", kind="app,linux", config=web_config("PYTHON|3.11")),
             Site(name="app1", slot="staging", kind="app,linux", https_only=False, config=web_config()),
             Site(name="fn", kind="functionapp,linux", sku="FlexConsumption", config=web_config(""),
                  function_app_config={"runtime": {"name": "python", "version": "3.12"}}),
             Site(name="win", kind="app", reserved=False, config=web_config("", windowsFxVersion="DOTNET|8"))]
    for site in sites:
        body = bodies.site_body(site)
        row = resourcegraph.site_row(site)
        assert (row["id"], row["name"], row["kind"]) == (body["id"], body["name"], body["kind"])
        assert row["type"] == body["type"].lower() and row["location"] == "eastus2"
        for key in ("state", "reserved", "siteProperties", "httpsOnly", "sku", "functionAppConfig",
                    "hostNameSslStates"):
            assert row[key] == body["properties"][key], key
