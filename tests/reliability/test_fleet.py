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


def _severities(results):
    return {f["severity"] for r in results for f in r["findings"]}


def test_a_fleet_shows_warnings_and_worse_by_default_and_says_so_on_stderr(az_live, fleet):
    result = _doctor(az_live)
    everything = _doctor(az_live, "--min-severity", "info")
    assert "info" not in _severities(result.output) and "info" in _severities(everything.output)
    assert [r["summary"] for r in result.output] == [r["summary"] for r in everything.output]   # counts stay whole
    hidden = sum(len(r["findings"]) for r in everything.output) - sum(len(r["findings"]) for r in result.output)
    (line,) = [line for line in result.stderr.splitlines() if line.startswith("WARNING: Checked 5 app(s)")]
    assert line.endswith(f"({hidden} below --min-severity not shown).") and "not shown" not in everything.stderr


def test_min_severity_does_not_change_what_fail_on_counts(az_live, fleet):
    result = _doctor(az_live, "--min-severity", "error", "--fail-on", "warning")
    assert _severities(result.output) <= {"error"}
    assert result.exit_code == (1 if any(r["summary"]["warning"] or r["summary"]["error"] for r in result.output)
                                else 0)


def test_one_app_shows_every_severity_unless_asked(az_live, fleet):
    one = az_live(["pyappsvc", "doctor", "-g", "rg-python", "-n", "py-web"])
    errors_only = az_live(["pyappsvc", "doctor", "-g", "rg-python", "-n", "py-web", "--min-severity", "error"])
    assert "info" in _severities([one.output]) and errors_only.output["findings"] == []
    assert errors_only.output["summary"] == one.output["summary"] and "Checked" not in one.stderr


def test_the_fleet_report_starts_with_what_to_do_first(az_live, fleet):
    fleet.store.get(SUBSCRIPTION, GROUP, "app-0001").app_settings["SCM_DO_BUILD_DURING_DEPLOYMENT"] = "false"
    fleet.store.get(SUBSCRIPTION, GROUP, "app-0002").app_settings["SCM_DO_BUILD_DURING_DEPLOYMENT"] = "false"
    lines = _doctor(az_live, "--report").stdout.splitlines()
    assert lines[0].startswith("═══ What to do first:") and "of 5 apps have findings" in lines[0]
    steps = [line for line in lines[:12] if line[:2] in ("1.", "2.", "3.", "4.", "5.")]
    assert steps and all("✗" in line for line in steps[:2])                  # errors first
    bld001 = next(i for i, line in enumerate(lines) if "BLD001" in line)
    assert "2 app(s) (app-0001, app-0002)" in lines[bld001]
    assert lines[bld001 + 1].strip() == "▶ az pyappsvc set-build -g rg-fleet -n app-0001 --build-on-deploy true"


def test_show_and_group_doctor_agree_on_which_apps_run_python(az_live):
    result = az_live(["pyappsvc", "doctor", "-g", "rg-python"])
    checked = {r["target"]["name"] for r in result.output}
    shown = {app: az_live(["pyappsvc", "show", "-g", "rg-python", "-n", app]).output["isPython"]
             for app in ("py-web", "py-func", "py-flex", "win-app", "py-container")}
    assert {app for app, is_python in shown.items() if is_python is not False} == checked
    assert shown["win-app"] is True and shown["py-container"] is False



def test_every_skipped_app_is_named_at_the_level_verbose_shows(az_live, fleet, caplog):
    caplog.set_level("INFO", logger="cli")
    _doctor(az_live, "--verbose")
    assert "Skipped app-0003 (resource group rg-fleet): it does not run Python." in caplog.text
