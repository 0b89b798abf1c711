"""A tenant-wide doctor survives any answer Resource Graph might send: every whole-body mutation of
test_hostile_responses, and every field of a row made null, removed or of the wrong type. The outcome is a
result (rows that are not apps counted in the notes) or one `ERROR:` line; never a traceback, never a write."""

import pytest

from tests.canary import CANARY
from tests.emulator.seeds import seed_tenant
from tests.emulator.server import Fault
from tests.reliability.test_hostile_responses import WHOLE, _field

GRAPH = r"^/providers/Microsoft\.ResourceGraph/resources$"
ROW_PATHS = ["data", "data.*", "data.*.id", "data.*.name", "data.*.kind", "data.*.subscriptionId",
             "data.*.resourceGroup", "data.*.reserved", "data.*.siteProperties", "data.*.siteProperties.properties",
             "data.*.siteProperties.properties.*", "data.*.httpsOnly", "data.*.sku", "data.*.functionAppConfig",
             "data.*.hostNameSslStates", "$skipToken", "resultTruncated"]
MUTATIONS = WHOLE + [_field(path, operation) for path in ROW_PATHS for operation in ("null", "missing", "wrong")]


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda m: m.name)
def test_hostile_resource_graph_answers(az_live, live_emulator, mutation):
    live_emulator.graph.page_rows = 3
    subscription, = seed_tenant(live_emulator.store, 1, 5, CANARY)
    live_emulator.inject(mutation.fault("POST", GRAPH))
    result = az_live(["pyappsvc", "doctor", "--subscriptions", subscription])
    assert "Traceback" not in result.stderr, result.stderr
    assert CANARY not in result.all_text
    if result.output is None:
        assert len(result.error_lines) == 1, result.stderr
    else:
        assert isinstance(result.output["results"], list)
    assert not [r for r in live_emulator.requests() if r.method in ("PUT", "PATCH", "DELETE")]


def test_a_page_that_repeats_ends_the_inventory_with_a_note(az_live, live_emulator):
    live_emulator.graph.page_rows = 2
    subscription, = seed_tenant(live_emulator.store, 1, 8, CANARY)
    live_emulator.inject(Fault(kind="answer", method="POST", path=GRAPH, after=2, times=10,
                               body=lambda body: dict(body, **{"$skipToken": "same"})))
    result = az_live(["pyappsvc", "doctor", "--subscriptions", subscription])
    assert result.exit_code == 0, result.stderr
    assert result.output["summary"]["notes"] == ["Resource Graph repeated a page; the rows after it were not read"]


@pytest.mark.parametrize("client_bucket, throttled", [({"capacity": 4, "rate": 20.0}, False),
                                                      ({"capacity": 10_000, "rate": 10_000.0}, True)])
def test_deep_stays_under_arm_throttling(az_live, live_emulator, monkeypatch, client_bucket, throttled):
    """A client bucket within the emulator's ARM bucket (a margin for requests the loaded machine delivers
    bunched together): no 429. Without one (a bucket that never runs dry), the same run is throttled: the test
    can fail."""
    from azext_pyappsvc.adapters import throttle
    from tests.emulator.resourcegraph import ArmThrottle
    monkeypatch.setattr(throttle, "ARM_READS", client_bucket)
    live_emulator.arm_throttle = ArmThrottle(capacity=6, rate=40.0)
    subscription, = seed_tenant(live_emulator.store, 1, 10, CANARY)
    result = az_live(["pyappsvc", "doctor", "--subscriptions", subscription, "--deep", "--max-parallel", "8"])
    assert "Traceback" not in result.stderr and result.output is not None, result.stderr
    assert (live_emulator.arm_throttle.throttled > 0) is throttled
    assert sum(1 for r in live_emulator.requests() if r.status == 429) == live_emulator.arm_throttle.throttled


@pytest.mark.parametrize("remaining", ["\u00b2", "\u0661", "-0", " 3 "])
def test_a_quota_header_that_is_no_ascii_number_is_ignored(az_live, live_emulator, remaining):
    """`²` and `١` pass str.isdigit() but int() refuses `²`: the header is ignored, the inventory goes on."""
    subscription, = seed_tenant(live_emulator.store, 1, 3, CANARY)
    live_emulator.inject(Fault(kind="body", method="POST", path=GRAPH, times=1, content_type="application/json",
                               body={"totalRecords": 0, "count": 0, "data": [], "facets": [],
                                     "resultTruncated": "false"},
                               headers={"x-ms-user-quota-remaining": remaining,
                                        "x-ms-user-quota-resets-after": "00:00:01"}))
    result = az_live(["pyappsvc", "doctor", "--subscriptions", subscription])
    assert result.output is not None and "Traceback" not in result.stderr, result.stderr
