"""A run over many apps survives any one app: unreadable, deleted meanwhile or refusing access, it becomes a
DATA003 finding, the others are checked, and the exit code says so. Paging that never ends is stopped."""

import pytest

from tests.canary import CANARY
from tests.emulator.seeds import SECOND_SUBSCRIPTION, SUBSCRIPTION, seed_fleet
from tests.emulator.server import Fault

GROUP = "rg-fleet"


@pytest.fixture
def fleet(live_emulator):
    seed_fleet(live_emulator.store, GROUP, 6, CANARY)      # app-0003 runs Node and is skipped
    return live_emulator


def _by_name(results):
    return {(r["target"] or {}).get("name"): r for r in results}


def _doctor(az_live, *extra):
    result = az_live(["pyappsvc", "doctor", "-g", GROUP] + list(extra))
    assert "Traceback" not in result.stderr, result.stderr
    return result


def test_a_healthy_fleet_exits_zero(az_live, fleet):
    result = _doctor(az_live)
    assert result.exit_code == 0 and len(result.output) == 5


@pytest.mark.parametrize("fault", [
    Fault(status=403, method="GET", path="/sites/app-0001/config/web$", times=10),
    Fault(status=500, method="GET", path="/sites/app-0001/config/web$", times=10),
    Fault(kind="reset", method="GET", path="/sites/app-0001/config/web$", times=10),
    Fault(kind="body", status=200, method="GET", path="/sites/app-0001/config/web$", body="<html>login</html>",
          content_type="text/html", times=10),
    Fault(kind="answer", method="GET", path="/sites/app-0001/config/web$", body=lambda body: dict(
        body, properties=dict(body["properties"], linuxFxVersion=["PYTHON|3.12"])), times=10),
])
def test_one_app_that_cannot_be_read_is_a_finding_and_the_run_goes_on(az_live, fleet, fault):
    fleet.inject(fault)
    result = _doctor(az_live)
    assert result.exit_code == 1
    apps = _by_name(result.output)
    assert set(apps) == {"app-0000", "app-0001", "app-0002", "app-0004", "app-0005"}
    assert [f["code"] for f in apps["app-0001"]["findings"]] == ["DATA003"]
    assert "app-0001" in apps["app-0001"]["findings"][0]["detail"]
    assert all("DATA003" not in [f["code"] for f in r["findings"]] for name, r in apps.items() if name != "app-0001")
    assert "1 app(s) could not be read (DATA003)" in result.stderr


def test_an_app_deleted_between_the_list_and_its_read(az_live, fleet):
    fleet.on("GET", r"/resourceGroups/rg-fleet/providers/Microsoft\.Web/sites$",
             lambda store: store.sites.pop(store.get(SUBSCRIPTION, GROUP, "app-0002").key))
    result = _doctor(az_live)
    assert result.exit_code == 1
    finding = _by_name(result.output)["app-0002"]["findings"][0]
    assert finding["code"] == "DATA003" and "was not found" in finding["detail"]


PAGE_2 = "/providers/Microsoft.Web/sites?api-version=2024-11-01&$skipToken=2"


@pytest.mark.parametrize("link, why", [
    (lambda body, url: url, "repeats one already read"),
    (lambda body, url: "https://evil.example/subscriptions/x/providers/Microsoft.Web/sites", "not this subscription"),
    (lambda body, url: url.replace("https://", "http://") + "&$skipToken=2", "not this subscription"),
    (lambda body, url: url.replace(SUBSCRIPTION, SECOND_SUBSCRIPTION) + "&$skipToken=2", "not this subscription"),
    (lambda body, url: "https://management.azure.com.evil.example/subscriptions/" + SUBSCRIPTION + PAGE_2,
     "not this subscription"),
    (lambda body, url: ["not", "a", "link"], "not this subscription"),
])
def test_paging_stops_on_a_link_it_cannot_follow(az_live, fleet, link, why):
    url = "https://management.azure.com/subscriptions/{}/resourceGroups/{}/providers/Microsoft.Web/sites" \
          "?api-version=2024-11-01".format(SUBSCRIPTION, GROUP)
    fleet.inject(Fault(kind="answer", method="GET", path=r"/resourceGroups/rg-fleet/providers/Microsoft\.Web/sites$",
                       body=lambda body: dict(body, nextLink=link(body, url)), times=3))
    result = _doctor(az_live)
    assert result.exit_code == 1
    listing = [r for r in result.output if r["target"]["name"] is None]
    assert len(listing) == 1 and why in listing[0]["findings"][0]["detail"]
    assert len(fleet.requests(path=r"/Microsoft\.Web/sites$")) <= 2


def test_a_next_page_with_the_default_port_is_followed(az_live, fleet):
    link = "https://management.azure.com:443/subscriptions/{}{}".format(SUBSCRIPTION, PAGE_2)
    fleet.inject(Fault(kind="answer", method="GET", path=r"/resourceGroups/rg-fleet/providers/Microsoft\.Web/sites$",
                       body=lambda body: dict(body, nextLink=link), times=1))
    result = _doctor(az_live)
    assert len(fleet.requests(path=r"/subscriptions/[^/]+/providers/Microsoft\.Web/sites$")) == 1   # page 2
    assert not [r for r in result.output if r["target"]["name"] is None], result.stderr


def test_a_page_that_cannot_be_read_ends_the_listing_not_the_run(az_live, fleet):
    """Page 2 keeps failing: the apps of page 1 are checked, and a DATA003 finding says the listing stopped."""
    link = "https://management.azure.com/subscriptions/{}{}".format(SUBSCRIPTION, PAGE_2)
    fleet.inject(Fault(kind="answer", method="GET", path=r"/resourceGroups/rg-fleet/providers/Microsoft\.Web/sites$",
                       body=lambda body: dict(body, nextLink=link), times=1),
                 Fault(status=500, method="GET", path=r"/subscriptions/[^/]+/providers/Microsoft\.Web/sites$",
                       times=10))
    result = _doctor(az_live)
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    listing = [r for r in result.output if r["target"]["name"] is None]
    assert len(listing) == 1 and "page 2 could not be read (Azure answered 500)" in listing[0]["findings"][0]["detail"]
    assert {"app-0000", "app-0001"} <= set(_by_name(result.output))
