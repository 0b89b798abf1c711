"""Tenant-wide doctor on Resource Graph (issue 17's budget), the part of `python -m benchmarks` that audits many
subscriptions: the inventory of 10,000 apps in 200 subscriptions, the same audit done with core az and with
`doctor --all` per subscription (one subscription of 50 apps measured, the tenant extrapolated), and `--deep` on
1,000 apps in 20 subscriptions under the emulator's ARM throttling model (250 tokens, 25/s per subscription)."""

import resource
import statistics
import sys

from tests.emulator.seeds import SECOND_SUBSCRIPTION

GRAPH = "/providers/Microsoft.ResourceGraph/resources"
TENANT = (200, 50)            # subscriptions, apps in each
DEEP = (20, 50)
CORE_APPS, CORE_SAMPLE = 50, 10


def _counts(log):
    graph = sum(1 for entry in log if entry["path"] == GRAPH)
    stacks = sum(1 for entry in log if entry["path"].endswith("Stacks"))
    return {"graph": graph, "stacks": stacks, "other": len(log) - graph - stacks,
            "throttled": sum(1 for entry in log if entry["status"] == 429)}


def _cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)     # finished children only: the az processes
    return usage.ru_utime + usage.ru_stime


def _timed(bench, args, runs):
    """Wall time, and the CPU time of the az process (what the machine's other load does not inflate)."""
    times, cpu, counts = [], [], None
    for _ in range(runs):
        bench.control.clear_log()
        before = _cpu()
        times.append(bench.az(args))
        cpu.append(_cpu() - before)
        counts = _counts(bench.control.log())
    return {"median": statistics.median(times), "min": min(times), "max": max(times), "runs": runs,
            "cpu": statistics.median(cpu)}, counts


def tenant_rows(bench, runs):
    control = bench.control
    control.set_latency(50)
    rows = []

    subscriptions = control.add_tenant(*TENANT)["subscriptions"]
    inventory = ["pyappsvc", "doctor", "--subscriptions"] + subscriptions + ["-o", "none"]
    control.clear_log()
    bench.az(inventory)                                          # cold: the stacks catalogue is fetched once
    cold = _counts(control.log())
    timing, counts = _timed(bench, inventory, runs)
    rows.append(dict(timing, case="inventory: {} apps in {} subscriptions (--subscriptions)".format(
        TENANT[0] * TENANT[1], TENANT[0]), requests=dict(counts, stacks=cold["stacks"]), extrapolated=False))
    print("| {} | {:.2f} s |".format(rows[-1]["case"], timing["median"]), file=sys.stderr, flush=True)

    control.add_fleet("rg-core-audit", CORE_APPS, subscription=SECOND_SUBSCRIPTION)
    listing = ["webapp", "list", "--subscription", SECOND_SUBSCRIPTION, "-o", "none"]
    bench.az(listing)                                            # warm az's caches
    listed, _ = _timed(bench, listing, 1)
    shows = [_timed(bench, ["webapp", "config", "show", "-g", "rg-core-audit", "-n", "app-{:04d}".format(index),
                            "--subscription", SECOND_SUBSCRIPTION, "-o", "none"], 1)[0] for index in range(CORE_SAMPLE)]
    per_subscription = listed["median"] + statistics.median(show["median"] for show in shows) * CORE_APPS
    rows.append({"case": "core az: webapp list + webapp config show per app, 1 subscription of {} apps".format(
        CORE_APPS), "median": per_subscription, "min": None, "max": None, "runs": 1, "extrapolated": True,
        "requests": {"graph": 0, "stacks": 0, "other": 1 + CORE_APPS, "throttled": 0},
        "cpu": listed["cpu"] + statistics.median(show["cpu"] for show in shows) * CORE_APPS,
        "tenant_estimate": per_subscription * TENANT[0]})
    timing, counts = _timed(bench, ["pyappsvc", "doctor", "--all", "--subscription", SECOND_SUBSCRIPTION, "-o",
                                    "none"], runs)
    rows.append(dict(timing, case="pyappsvc doctor --all, 1 subscription of {} apps".format(CORE_APPS),
                     requests=counts, extrapolated=False, tenant_estimate=timing["median"] * TENANT[0]))
    timing, counts = _timed(bench, ["pyappsvc", "doctor", "--subscriptions", SECOND_SUBSCRIPTION, "-o", "none"], runs)
    rows.append(dict(timing, case="pyappsvc doctor --subscriptions, the same subscription", requests=counts,
                     extrapolated=False))

    deep = control.add_tenant(*DEEP, first=10_001)["subscriptions"]
    control.arm_throttle(250, 25.0)
    try:
        timing, counts = _timed(bench, ["pyappsvc", "doctor", "--subscriptions"] + deep + [
            "--deep", "--max-parallel", "64", "-o", "none"], max(1, runs // 2))
    finally:
        control.arm_throttle(None)
    rows.append(dict(timing, case="--deep: {} apps in {} subscriptions, ARM throttling on".format(
        DEEP[0] * DEEP[1], DEEP[0]), requests=counts, extrapolated=False))
    return rows


def print_table(rows):
    print("\ndoctor across subscriptions at 50 ms per request (Resource Graph inventory, issue 17's budget):\n")
    print("| case | wall (median) | az CPU | Resource Graph requests | other requests | 429s | whole tenant (x{}) |"
          .format(TENANT[0]))
    print("|---|---|---|---|---|---|---|")
    for row in rows:
        spread = " ({:.2f}–{:.2f})".format(row["min"], row["max"]) if row["min"] is not None else " (extrapolated)"
        estimate = "{:.0f} s".format(row["tenant_estimate"]) if row.get("tenant_estimate") else "-"
        requests = row["requests"]
        cpu = "{:.2f} s".format(row["cpu"]) if row.get("cpu") is not None else "-"
        print("| {} | {:.2f} s{} | {} | {} | {} (+{} stacks) | {} | {} |".format(
            row["case"], row["median"], spread, cpu, requests["graph"], requests["other"], requests["stacks"],
            requests["throttled"], estimate))
