"""doctor for one app with its logs read (the default) against the same doctor without them (`--no-logs`, what
doctor did before): whole `az` processes at 50 ms per request. The budget (PRODUCT.md): one extra round trip,
within 1.3x."""

import statistics
import sys

BUDGET = 1.3
LATENCY_MS = 50
# a healthy app (deployment older than the container: 4 more requests in one extra round trip), an app whose
# container failed, and one whose deployment failed (its log and the failed step's details are read too)
APPS = (("rg-python", "py-web"), ("rg-logs", "log-ownmodule"), ("rg-logs", "log-stale"))


def logs_rows(bench, runs):
    bench.control.add_log_apps()
    bench.control.set_latency(LATENCY_MS)
    rows = []
    for group, name in APPS:
        base = ["pyappsvc", "doctor", "-g", group, "-n", name, "-o", "none"]
        bench.az(base)
        bench.az(base + ["--no-logs"])                                    # warm-up
        before, after = [], []
        for _ in range(runs):                                             # interleaved: same conditions
            before.append(bench.side([base + ["--no-logs"]]))
            after.append(bench.side([base]))
        row = {"app": name, "latency_ms": LATENCY_MS,
               "before": statistics.median(t for t, _ in before), "before_min": min(t for t, _ in before),
               "before_requests": before[-1][1],
               "after": statistics.median(t for t, _ in after), "after_min": min(t for t, _ in after),
               "after_requests": after[-1][1]}
        row["ratio"] = row["after"] / row["before"]
        row["ratio_min"] = row["after_min"] / row["before_min"]
        rows.append(row)
        print(row_text(row), file=sys.stderr, flush=True)
    return rows


def row_text(row):
    """Medians and, as the shared machine's noise only ever adds time, the fastest runs too."""
    verdict = "within" if row["ratio"] <= BUDGET else "OVER"
    return "| {} | {:.2f} s (min {:.2f}; {} requests) | {:.2f} s (min {:.2f}; {} requests) | {:.2f}× ({} {}×) | " \
        "{:.2f}× |".format(row["app"], row["before"], row["before_min"], row["before_requests"], row["after"],
                          row["after_min"], row["after_requests"], row["ratio"], verdict, BUDGET, row["ratio_min"])
