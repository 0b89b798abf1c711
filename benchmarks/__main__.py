"""`python -m benchmarks` (or `make bench`): pyappsvc against the core az commands doing the same job.

Both sides run as whole `az` processes against the loopback emulator, in the same run, with the
same injected latency. Prints a markdown table and writes benchmarks/results/<date>.json.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone

from benchmarks.fleet import fleet_rows, startup_rows
from benchmarks.logs import LATENCY_MS, logs_rows, row_text
from benchmarks.scenarios import SCENARIOS
from benchmarks.tenant import print_table as print_tenant, tenant_rows

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

from tests.emulator.control import ControlClient  # noqa: E402


class Bench:
    def __init__(self, state_dir):
        self.state_dir = state_dir
        self.server = subprocess.Popen([sys.executable, "-m", "tests.emulator", "serve", "--dir", state_dir],
                                       cwd=REPO, stdout=subprocess.PIPE, text=True)
        self.address = self.server.stdout.readline().strip()
        self.control = ControlClient(self.address, os.path.join(state_dir, "ca.pem"))
        self.env = dict(os.environ, PYAPPSVC_EMULATOR=self.address, PYAPPSVC_EMULATOR_DIR=state_dir)

    def az(self, args):
        started = time.perf_counter()
        result = subprocess.run([sys.executable, "-m", "tests.emulator.az"] + args, cwd=REPO, env=self.env,
                                capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        if result.returncode != 0:
            raise RuntimeError("az {} failed ({}): {}".format(" ".join(args), result.returncode, result.stderr[-500:]))
        return elapsed

    def side(self, commands):
        """Wall time of the whole command sequence and the ARM/Kudu requests it sent."""
        self.control.clear_log()
        elapsed = sum(self.az(command) for command in commands)
        return elapsed, len(self.control.log())

    def close(self):
        self.server.terminate()
        self.server.wait(timeout=10)


def _summary(times):
    return {"median": statistics.median(times), "min": min(times), "max": max(times), "runs": len(times)}


def run(latencies, runs, only, sections, quick=False):
    results, fleet, startup, logs, tenant = [], [], [], [], []
    with tempfile.TemporaryDirectory(prefix="pyappsvc-bench-") as state_dir:
        bench = Bench(state_dir)
        try:
            if "startup" in sections:
                startup = startup_rows(bench, runs, REPO)
            for scenario in SCENARIOS if "commands" in sections else []:
                if only and not any(word in scenario.name for word in only):
                    continue
                for command in scenario.ours + scenario.core:   # warm-up: az builds its caches on first use
                    bench.az(command)
                for latency in latencies:
                    bench.control.set_latency(latency)
                    ours, core = [], []
                    for _ in range(runs):
                        ours.append(bench.side(scenario.ours))
                        core.append(bench.side(scenario.core))
                    results.append({
                        "scenario": scenario.name, "latency_ms": latency,
                        "ours": dict(_summary([t for t, _ in ours]), requests=ours[-1][1],
                                     commands=[" ".join(c) for c in scenario.ours]),
                        "core": dict(_summary([t for t, _ in core]), requests=core[-1][1],
                                     commands=[" ".join(c) for c in scenario.core]),
                    })
                    print(_row(results[-1]), file=sys.stderr, flush=True)
            if "logs" in sections:
                logs = logs_rows(bench, runs)
            if "fleet" in sections:
                bench.control.set_latency(50)
                fleet = fleet_rows(bench, max(1, runs // 2), quick)
            if "tenant" in sections:
                tenant = tenant_rows(bench, max(1, runs // 2))
        finally:
            bench.close()
    return results, fleet, startup, logs, tenant


def _row(result):
    ours, core = result["ours"], result["core"]
    return "| {} | {} ms | {:.2f} s ({:.2f}–{:.2f}) | {} | {:.2f} s ({:.2f}–{:.2f}) | {} | {:.2f}× |".format(
        result["scenario"], int(result["latency_ms"]), ours["median"], ours["min"], ours["max"], ours["requests"],
        core["median"], core["min"], core["max"], core["requests"], ours["median"] / core["median"])


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--runs", type=int, default=5, help="runs per side and latency (median reported)")
    parser.add_argument("--latency", type=float, nargs="+", default=[0, 50], help="injected latency per request, ms")
    parser.add_argument("--only", nargs="*", help="run only scenarios whose name contains one of these words")
    parser.add_argument("--sections", nargs="+", default=["startup", "commands", "logs", "fleet", "tenant"],
                        choices=["startup", "commands", "logs", "fleet", "tenant"])
    parser.add_argument("--quick", action="store_true",
                        help="time 10 single-app doctor runs per group and extrapolate, instead of the full loop")
    args = parser.parse_args(argv)
    results, fleet, startup, logs, tenant = run(args.latency, args.runs, args.only, args.sections, args.quick)
    machine = "{} cores, Python {}, {}".format(os.cpu_count(), platform.python_version(), platform.platform())
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d")
    print("Measured {} on {}; median of {} runs (min–max).\n".format(stamp, machine, args.runs))
    if results:
        print("| scenario | latency | pyappsvc | requests | core az | requests | ratio |")
        print("|---|---|---|---|---|---|---|")
    for result in results:
        print(_row(result))
    if logs:
        print("\ndoctor for one app at {} ms per request: without its logs (--no-logs, as before) and with them "
              "(the default):\n".format(LATENCY_MS))
        print("| app | --no-logs | with logs | ratio of medians (budget) | ratio of fastest runs |")
        print("|---|---|---|---|---|")
        for row in logs:
            print(row_text(row))
    if fleet:
        print("\ndoctor over a resource group at 50 ms per request (every 7th app runs Node and is skipped):\n")
        print("| apps in group | Python apps | doctor -g (median) | single-app doctor, sequentially | speed-up |")
        print("|---|---|---|---|---|")
        for row in fleet:
            print("| {} | {} | {:.2f} s ({:.2f}–{:.2f}) | {:.1f} s{} | {:.0f}× |".format(
                row["apps"], row["python_apps"], row["fleet_median"], row["fleet_min"], row["fleet_max"],
                row["sequential"], " (extrapolated)" if row["extrapolated"] else "",
                row["sequential"] / row["fleet_median"]))
    if tenant:
        print_tenant(tenant)
    if startup:
        print("\nStart-up cost (whole processes, no request sent):\n")
        print("| case | median | min–max |")
        print("|---|---|---|")
        for row in startup:
            spread = "{:.2f}–{:.2f} s".format(row["min"], row["max"]) if row["min"] is not None else "-"
            print("| {} | {:.3f} s | {} |".format(row["case"], row["median"], spread))
    out_dir = os.path.join(REPO, "benchmarks", "results")
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, stamp + ".json"), "w", encoding="utf-8") as handle:
        json.dump({"date": stamp, "machine": machine, "runs": args.runs, "results": results, "fleet": fleet,
                   "startup": startup, "logs": logs, "tenant": tenant}, handle, indent=2)


if __name__ == "__main__":
    main()
