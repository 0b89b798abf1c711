"""`az pyappsvc doctor --all-subscriptions / --subscriptions / --management-group`: the tenant from Resource Graph."""

import json
import os

import pytest

from tests.canary import CANARY
from tests.conftest import MODE
from tests.emulator.seeds import SECOND_SUBSCRIPTION, SUBSCRIPTION, seed_tenant

GRAPH = "/providers/Microsoft.ResourceGraph/resources"
REFERENCE = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "reference", "resourcegraph")
INVENTORY = {"RT001", "RT002", "RT003", "RT004", "RT005", "PLAT001", "PLAT002", "PLAT004", "FN017", "SEC001"}


def _graph(log):
    return [r for r in log.sent if r.path == GRAPH]


def _others(log):
    """Requests that are neither Resource Graph queries nor the stacks catalogue: per-app requests."""
    return [r for r in log.sent if r.path != GRAPH and "Stacks" not in r.path]


def _codes(result):
    return {f["code"] for f in result["findings"]}


@pytest.fixture
def quota_waits(monkeypatch):
    """The waits the adapter makes when the quota is spent: real while recording, recorded (not slept) on replay."""
    import time
    from azext_pyappsvc.adapters import resourcegraph
    waits = []

    def wait(seconds):
        waits.append(seconds)
        if MODE != "none":
            time.sleep(seconds)
    monkeypatch.setattr(resourcegraph, "wait", wait)
    return waits


def test_all_subscriptions_from_the_inventory_alone(az, emulator):
    emulator.store.empty_subscriptions.add(SECOND_SUBSCRIPTION)
    result = az("pyappsvc doctor --all-subscriptions")
    assert result.exit_code == 0, result.stderr
    out = result.output
    names = sorted(r["target"]["name"] + (f"/{r['target']['slot']}" if r["target"]["slot"] else "")
                   for r in out["results"])
    assert names == ["py-flex", "py-func", "py-web", "py-web/staging", "win-app"]       # the container is skipped
    by_name = {r["target"]["name"] + str(r["target"]["slot"]): r for r in out["results"]}
    assert "PLAT001" in _codes(by_name["win-appNone"]) and "PLAT004" in _codes(by_name["py-flexNone"])
    assert all(_codes(r) <= INVENTORY for r in out["results"])
    assert all(r["target"]["subscription"] == SUBSCRIPTION for r in out["results"])
    summary = out["summary"]
    assert summary["subscriptions"] == {"queried": 2, "skipped": []} and summary["resourceGraphRequests"] == 2
    assert summary["apps"] == 5 and sum(summary["support"].values()) == 5
    assert {v["version"]: v["apps"] for v in summary["pythonVersions"]} == {"3.11": 2, "3.12": 2}
    graph = _graph(az.log)
    assert [r.body["query"].split()[0] for r in graph] == ["resourcecontainers", "resources"]
    assert graph[1].body["subscriptions"] == [SUBSCRIPTION, SECOND_SUBSCRIPTION]
    assert graph[1].body["options"] == {"resultFormat": "objectArray", "$top": 1000, "allowPartialScopes": True}
    assert _others(az.log) == []                       # not one per-app request
    assert "Checking 5 app(s) of 6 in 2 subscription(s)" in result.stderr
    assert CANARY not in result.all_text


def test_inventory_findings_are_the_per_app_findings_of_the_same_rules(az, emulator):
    """One home per rule: the inventory run and `doctor -g -n` agree on every inventory-only code."""
    emulator.store.get(SUBSCRIPTION, "rg-python", "py-web").https_only = False
    emulator.store.get(SUBSCRIPTION, "rg-python", "py-web").config["linuxFxVersion"] = "PYTHON|3.5"
    tenant = az(f"pyappsvc doctor --subscriptions {SUBSCRIPTION}").output
    single = az("pyappsvc doctor -g rg-python -n py-web").output
    mine = next(r for r in tenant["results"] if r["target"]["name"] == "py-web" and not r["target"]["slot"])
    expected = [f for f in single["findings"] if f["code"] in INVENTORY]
    assert {"SEC001", "RT003"} <= _codes(mine)
    assert [(f["code"], f["detail"]) for f in mine["findings"]] == [(f["code"], f["detail"]) for f in expected]
    assert "--subscription" in mine["findings"][0]["fixArgs"]      # the fix names the app's subscription
    assert tenant["summary"]["findings"]["SEC001"] == 1
    assert {"version": "3.5", "support": "not-offered", "endOfLife": None, "apps": 1} in \
        tenant["summary"]["pythonVersions"]


def test_pages_are_followed_with_the_skip_token(az, emulator):
    emulator.graph.page_rows = 5
    subscription, = seed_tenant(emulator.store, 1, 12, CANARY)
    result = az(f"pyappsvc doctor --subscriptions {subscription} -o table")
    assert result.exit_code == 0, result.stderr
    sites = [r for r in _graph(az.log) if r.body["query"].startswith("resources")]
    assert len(sites) == 3                                           # 12 rows, pages of 5
    assert "$skipToken" not in sites[0].body["options"]
    assert sites[1].body["options"]["$skipToken"] != sites[2].body["options"]["$skipToken"]
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["App", "ResourceGroup", "Subscription", "Runtime", "Worst"]
    assert len(lines) == 2 + 10                                      # 12 apps less the Node app and the container
    assert any(line.startswith("t0001-app-0001") and "RT004" in line for line in lines)   # 3.10 is past its EOL


def test_more_than_300_subscriptions_are_queried_in_batches(az, emulator):
    subscriptions = seed_tenant(emulator.store, 301, 0)
    seed_tenant(emulator.store, 1, 1, first=301)                     # one app, in the last subscription
    result = az(["pyappsvc", "doctor", "--subscriptions"] + subscriptions)
    assert result.exit_code == 0, result.stderr
    graph = _graph(az.log)
    assert [len(r.body["subscriptions"]) for r in graph] == [300, 300, 1, 1]
    assert graph[2].body["subscriptions"] == [subscriptions[-1]]
    out = result.output
    assert [r["target"]["subscription"] for r in out["results"]] == [subscriptions[-1]]
    assert out["summary"]["subscriptions"] == {"queried": 301, "skipped": []}


def test_a_spent_quota_waits_for_its_window_then_continues(az, emulator, quota_waits):
    emulator.graph.quota, emulator.graph.window, emulator.graph.page_rows = 2, 0.5, 4
    subscription, = seed_tenant(emulator.store, 1, 10, CANARY)
    result = az(f"pyappsvc doctor --subscriptions {subscription}")
    assert result.exit_code == 0, result.stderr
    graph = _graph(az.log)
    assert len(graph) == 4                                           # the subscriptions, then 3 pages of sites
    assert len(quota_waits) == 1 and 0 < quota_waits[0] <= 0.5       # after the 2nd answer said 0 remaining
    assert len(result.output["results"]) == 8
    assert result.output["summary"]["notes"] == [f"waited {quota_waits[0]:.1f} s in all for the Resource Graph "
                                                 "quota to reset"]


def test_a_throttled_query_is_retried_after_retry_after(az, emulator):
    from tests.emulator.server import Fault
    emulator.inject(Fault(status=429, retry_after=0, path=GRAPH, after=1))
    emulator.store.empty_subscriptions.add(SECOND_SUBSCRIPTION)
    result = az("pyappsvc doctor --all-subscriptions")
    assert result.exit_code == 0, result.stderr
    assert len(_graph(az.log)) == 3 and len(result.output["results"]) == 5


def test_subscriptions_the_login_cannot_read_are_reported(az, emulator):
    readable, hidden = seed_tenant(emulator.store, 2, 3, CANARY)
    emulator.store.unreadable.add(hidden)
    result = az(f"pyappsvc doctor --subscriptions {readable} {hidden}")
    assert result.exit_code == 1
    out = result.output
    assert out["summary"]["subscriptions"] == {"queried": 2, "skipped": [hidden]}
    assert {r["target"]["subscription"] for r in out["results"]} == {readable}
    assert f"Subscription {hidden} could not be read by this login" in result.stderr
    assert result.error_lines == ["ERROR: 1 subscription(s) could not be read."]


def test_a_rejected_query_is_one_clear_line(az, emulator):
    from tests.emulator.server import Fault
    with open(os.path.join(REFERENCE, "arg-malformed-query-400-2021-03-01.yaml"), encoding="utf-8") as handle:
        import yaml
        recorded = yaml.safe_load(handle)["interactions"][0]["response"]["body"]["string"]
    emulator.inject(Fault(kind="body", status=400, body=json.loads(recorded), path=GRAPH))
    result = az(f"pyappsvc doctor --subscriptions {SUBSCRIPTION}")
    assert result.exit_code == 1 and result.output is None
    assert result.error_lines == [
        "ERROR: Resource Graph refused the inventory query (InvalidQuery, ParserFailure): Query is invalid. Please "
        "refer to the documentation for the Azure Resource Graph service and fix the error before retrying; "
        "ParserFailure at line 1, position 34."]
    assert "Traceback" not in result.stderr and len(_graph(az.log)) == 1


def test_an_empty_tenant(az, emulator):
    empty, = seed_tenant(emulator.store, 1, 0)
    result = az(f"pyappsvc doctor --subscriptions {empty} --fail-on warning")
    assert result.exit_code == 0, result.stderr
    out = result.output
    assert out["results"] == [] and out["summary"]["apps"] == 0 and out["summary"]["findings"] == {}
    assert out["summary"]["subscriptions"] == {"queried": 1, "skipped": []}
    assert [r.path for r in az.log.sent] == [GRAPH, GRAPH]           # no stacks catalogue for no app


def test_management_group_and_fail_on(az, emulator):
    emulator.store.management_groups["Platform"] = seed_tenant(emulator.store, 2, 4, CANARY)
    result = az("pyappsvc doctor --management-group Platform --fail-on warning --report")
    assert result.exit_code == 1
    graph = _graph(az.log)
    assert len(graph) == 1 and graph[0].body["managementGroups"] == ["Platform"]
    text = result.stdout
    assert text.startswith("6 Python app(s) in management group Platform (1 Resource Graph request(s), inventory)")
    assert "  Python 3.9: 2 app(s), eol (end of life 2025-10-31)" in text
    assert "warning RT004 Python version past end of life: t0001-app-0000 (rg-tenant-0001" in text
    assert "finding(s) at or above 'warning' (--fail-on warning)" in result.stderr


def test_deep_checks_each_app_with_arm_and_kudu(az, emulator):
    subscription, = seed_tenant(emulator.store, 1, 5, CANARY)
    result = az(f"pyappsvc doctor --subscriptions {subscription} --deep")
    assert result.exit_code == 0, result.stderr
    out = result.output
    assert out["summary"]["mode"] == "deep" and len(out["results"]) == 4
    assert any("SEC006" in _codes(r) for r in out["results"])       # needs the app settings
    per_app = [r.path for r in _others(az.log)]
    assert sum(p.endswith("/config/web") for p in per_app) == 4
    assert sum(p.endswith("/config/appsettings/list") for p in per_app) == 4
    assert not [r for r in az.log.sent if r.path.endswith("/providers/Microsoft.Web/sites")]   # no ARM listing
    assert CANARY not in result.all_text


def test_bad_tenant_input_is_one_line_and_sends_nothing(az_offline):
    cases = [
        (["--subscriptions", "not-a-guid"], "--subscriptions 'not-a-guid' is not a subscription id"),
        (["--all-subscriptions", "-g", "rg"], "a tenant-wide run names no app, group or project"),
        (["--all-subscriptions", "--slot", "staging"], "a tenant-wide run reads no slot and no logs"),
        (["--subscriptions", "f1ee7000-0000-4000-8000-000000000001", "--since", "2d"], "--since"),
        (["--all-subscriptions", "--logs"], "--logs"),
        (["--management-group", "mg", "--no-logs"], "--no-logs"),
        (["--all-subscriptions", "--python-version", "3.12"], "--python-version"),
        (["--all-subscriptions", "--management-group", "mg"], "give only one of"),
        (["--deep"], "--deep checks the apps of a tenant-wide run."),
        (["--management-group", "a/b"], "--management-group 'a/b' is not a valid management group id"),
        (["--all-subscriptions", "--max-parallel", "99"], "--max-parallel 99 is not a whole number from 1 to 64."),
    ]
    for args, words in cases:
        result = az_offline(["pyappsvc", "doctor"] + args)
        assert result.exit_code != 0, args
        assert words in result.stderr and "Traceback" not in result.stderr, (args, result.stderr)
        assert len(result.error_lines) == 1, result.stderr


def test_min_severity_filters_the_tenant_results_and_the_summary_counts_every_finding(az, emulator):
    emulator.store.get(SUBSCRIPTION, "rg-python", "py-web").https_only = False
    emulator.store.get(SUBSCRIPTION, "rg-python", "py-web").config["linuxFxVersion"] = "PYTHON|3.5"
    out = az(f"pyappsvc doctor --subscriptions {SUBSCRIPTION} --min-severity error").output
    shown = [f for r in out["results"] for f in r["findings"]]
    assert shown and all(f["severity"] == "error" for f in shown)
    assert out["summary"]["findings"]["SEC001"] == 1 and "SEC001" not in {f["code"] for f in shown}
