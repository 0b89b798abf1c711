"""Tenant-wide doctor: the Resource Graph adapter's rules, the token bucket and the fleet summary (no I/O)."""

import json
import os
from datetime import date

import pytest

from azext_pyappsvc.adapters.resourcegraph import MAX_SUBSCRIPTIONS, _rejected, batches, resets_after
from azext_pyappsvc.adapters.throttle import TokenBucket
from azext_pyappsvc.doctor.catalog import all_checks, run_checks
from azext_pyappsvc.doctor.subject import Subject
from azext_pyappsvc.operations.doctor_tenant import INVENTORY_CODES
from azext_pyappsvc.output.fleet import fleet_summary
from azext_pyappsvc.output.results import doctor_result
from azext_pyappsvc.platform.runtimes import RuntimeOption
from azext_pyappsvc.platform.snapshot import AppRef, AppSnapshot

REFERENCE = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "reference", "resourcegraph")
TODAY = date(2026, 11, 21)
STACKS = [RuntimeOption("3.12", "PYTHON|3.12", date(2028, 10, 31)),
          RuntimeOption("3.11", "PYTHON|3.11", date(2027, 3, 1)),
          RuntimeOption("3.10", "PYTHON|3.10", date(2026, 10, 31))]


@pytest.mark.parametrize("value, seconds", [
    ("00:00:05", 5.0), ("00:00:00.5000000", 0.5), ("00:01:00", 60.0), ("1.00:00:01", 86401.0),
    ("5", None), ("soon", None), (None, None), ("", None), ("00:00", None)])
def test_quota_reset_is_a_dotnet_timespan(value, seconds):
    assert resets_after(value) == seconds


@pytest.mark.parametrize("count, sizes", [(0, []), (1, [1]), (300, [300]), (301, [300, 1]), (600, [300, 300]),
                                          (601, [300, 300, 1])])
def test_subscriptions_are_batched_by_300(count, sizes):
    assert MAX_SUBSCRIPTIONS == 300
    assert [len(batch) for batch in batches([str(n) for n in range(count)])] == sizes


@pytest.mark.skipif(not os.path.isdir(REFERENCE), reason="shared/ Resource Graph bodies not beside this checkout")
def test_a_rejected_query_reads_the_real_400():
    import yaml
    with open(os.path.join(REFERENCE, "arg-malformed-query-400-2021-03-01.yaml"), encoding="utf-8") as handle:
        body = yaml.safe_load(handle)["interactions"][0]["response"]["body"]["string"]
    error = _rejected(body)
    assert error.codes == ["InvalidQuery", "ParserFailure"]
    assert error.message.endswith("fix the error before retrying; ParserFailure at line 1, position 34")


@pytest.mark.parametrize("text", ["not json", "[]", '{"error": "text"}', '{"error": {"details": [1, null]}}', ""])
def test_a_rejected_query_with_an_odd_body_is_still_one_line(text):
    error = _rejected(text)
    assert error.codes and error.message and "\n" not in error.message


class FakeClock:
    def __init__(self):
        self.now, self.slept = 0.0, []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.now += seconds


def test_the_bucket_spends_its_capacity_then_paces_at_its_rate():
    clock = FakeClock()
    bucket = TokenBucket(250, 25.0, clock=clock, sleep=clock.sleep)
    for _ in range(250):
        bucket.take()
    assert clock.slept == []                                         # just silent: the whole bucket at once
    bucket.take()
    assert clock.slept == [pytest.approx(0.04)]                      # just fires: the 251st waits 1/25 s
    clock.now += 1.0                                                 # one second refills 25 tokens
    for _ in range(25):
        bucket.take()
    assert len(clock.slept) == 1
    bucket.take()
    assert len(clock.slept) == 2


def test_the_bucket_never_holds_more_than_its_capacity():
    clock = FakeClock()
    bucket = TokenBucket(3, 1.0, clock=clock, sleep=clock.sleep)
    clock.now += 1000
    for _ in range(4):
        bucket.take()
    assert clock.slept == [pytest.approx(1.0)]


def _row(name, fx="PYTHON|3.12", kind="app,linux", https=True, sku="Standard", runtime=None):
    """A site as the Resource Graph query projects it (the adapter flattens nothing more)."""
    return {"id": f"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/{name}", "name": name,
            "kind": kind, "reserved": "linux" in kind, "httpsOnly": https, "sku": sku,
            "siteProperties": {"properties": [{"name": "LinuxFxVersion", "value": fx},
                                              {"name": "WindowsFxVersion", "value": None}]},
            "functionAppConfig": {"runtime": runtime} if runtime else None}


ROWS = [_row("a"), _row("b", "PYTHON|3.10", https=False), _row("c", "PYTHON|3.5"),
        _row("d", "Python|3.11", "functionapp,linux", sku="Dynamic"),
        _row("e", "", "functionapp,linux", sku="FlexConsumption", runtime={"name": "python", "version": "3.12"}),
        _row("f", "DOCKER|x/y:1", "app,linux,container"), _row("g", "PYTHON 3.12"), _row("h", "", "app")]


def test_inventory_checks_need_no_config_no_settings_and_no_files():
    inventory = [c for c in all_checks() if c.code in INVENTORY_CODES]
    assert {c.code for c in inventory} == INVENTORY_CODES - ({"FN017"} - {c.code for c in all_checks()})
    assert all(set(c.needs) <= {"app", "linux", "functions"} for c in inventory)
    for row in ROWS:
        ref = AppRef("rg", row["name"])
        bare = Subject(TODAY, AppSnapshot(ref, row), stacks=STACKS)
        full = Subject(TODAY, AppSnapshot(ref, row, config={"linuxFxVersion": AppSnapshot(ref, row).linux_fx_version,
                                                            "minTlsVersion": "1.0", "ftpsState": "AllAllowed"},
                                          settings={"FUNCTIONS_WORKER_RUNTIME": "node"}), stacks=STACKS)
        assert run_checks(bare, inventory) == run_checks(full, inventory), row["name"]


def test_the_fleet_summary_counts_versions_support_and_codes():
    inventory = [c for c in all_checks() if c.code in INVENTORY_CODES]
    snapshots = [AppSnapshot(AppRef("rg", row["name"]), row) for row in ROWS]
    results = [doctor_result(Subject(TODAY, s, stacks=STACKS), None,
                             run_checks(Subject(TODAY, s, stacks=STACKS), inventory)) for s in snapshots]
    summary = fleet_summary(TODAY, [(s, STACKS if s.kind.is_linux_code_app else None) for s in snapshots], results)
    assert summary["apps"] == len(ROWS)
    assert [(v["version"], v["apps"], v["support"]) for v in summary["pythonVersions"]] == [
        ("3.5", 1, "not-offered"), ("3.10", 1, "eol"), ("3.11", 1, "near-eol"), ("3.12", 2, "active")]
    assert summary["pythonVersions"][1]["endOfLife"] == "2026-10-31"
    assert summary["support"] == {"active": 2, "eol": 1, "near-eol": 1, "not-offered": 1, "unknown": 3}
    assert summary["findings"]["SEC001"] == 1 and summary["findings"]["RT003"] == 1
    assert summary["findings"]["PLAT001"] == 1 and summary["findings"]["PLAT002"] == 1
    assert summary["severities"] == {severity: sum(r["summary"][severity] for r in results)
                                     for severity in ("error", "warning", "info")}
    assert json.loads(json.dumps(summary)) == summary


def test_a_listed_snapshot_reads_its_row_as_an_arm_snapshot_does():
    from azext_pyappsvc.operations.doctor_tenant import ListedSnapshot
    for row in ROWS:
        listed, read = ListedSnapshot(AppRef("rg", row["name"]), row), AppSnapshot(AppRef("rg", row["name"]), row)
        assert (listed.kind, listed.linux_fx_version, listed.python_version, listed.runs_python, listed.runtime_label) \
            == (read.kind, read.linux_fx_version, read.python_version, read.runs_python, read.runtime_label)


def test_each_subscription_is_queried_once_in_the_order_given():
    from azext_pyappsvc.operations.doctor_tenant import _once
    assert _once(["A-1", "b-2", "a-1", "C-3", "B-2"]) == ["A-1", "b-2", "C-3"]
    assert _once([]) == []
