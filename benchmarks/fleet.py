"""Fleet doctor and start-up cost, the parts of `python -m benchmarks` that are not command pairs."""

import os
import statistics
import subprocess
import sys
import time

FLEET_SIZES = (1, 10, 100, 300)
QUICK_SAMPLE = 10


def fleet_rows(bench, runs, quick=False):
    """`doctor -g <group>` for groups of N apps vs the single-app doctor run once per Python app, in full.

    With quick=True the loop runs QUICK_SAMPLE apps and its median is multiplied by the number of apps
    (marked as extrapolated in the table).
    """
    rows = []
    for size in FLEET_SIZES:
        group = "rg-fleet-{}".format(size)
        bench.control.add_fleet(group, size)
        bench.az(["pyappsvc", "doctor", "-g", group, "-o", "none"])                 # warm-up
        times = []
        for _ in range(runs):
            elapsed, requests = bench.side([["pyappsvc", "doctor", "-g", group, "-o", "none"]])
            times.append(elapsed)
        names = ["app-{:04d}".format(i) for i in range(size) if i % 7 != 3]          # the Python apps
        sample = names[:QUICK_SAMPLE] if quick else names
        singles = [bench.az(["pyappsvc", "doctor", "-g", group, "-n", name, "-o", "none"]) for name in sample]
        sequential = statistics.median(singles) * len(names) if len(names) > len(sample) else sum(singles)
        rows.append({"apps": size, "python_apps": len(names), "fleet_median": statistics.median(times),
                     "fleet_min": min(times), "fleet_max": max(times), "fleet_requests": requests,
                     "sequential": sequential, "extrapolated": len(names) > len(sample)})
        print("| {} | {:.2f} s | {:.2f} s |".format(size, rows[-1]["fleet_median"], sequential), file=sys.stderr,
              flush=True)
    return rows


def startup_rows(bench, runs, repo):
    """Wall time of help commands in a real `az` process (`python -m azure.cli`, no wrapper: no request is
    sent), with the extension installed from its wheel by `az extension add` and without any extension;
    and the import of the extension alone."""
    sys.path.insert(0, repo)
    from tests.emulator import azenv
    dist = os.path.join(bench.state_dir, "dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "-w", dist,
                    repo], check=True, capture_output=True)
    wheel = os.path.join(dist, next(name for name in os.listdir(dist) if name.endswith(".whl")))
    base = {k: v for k, v in os.environ.items() if k not in ("AZURE_EXTENSION_DEV_SOURCES", "AZURE_EXTENSION_DIR")}
    installed = dict(base, AZURE_EXTENSION_DIR=os.path.join(bench.state_dir, "extensions"),
                     **azenv.prepare_config_dir(os.path.join(bench.state_dir, "help-installed")))
    plain = dict(base, AZURE_EXTENSION_DIR=os.path.join(bench.state_dir, "no-extensions"),
                 **azenv.prepare_config_dir(os.path.join(bench.state_dir, "help-plain")))
    az = [sys.executable, "-m", "azure.cli"]
    subprocess.run(az + ["extension", "add", "--source", wheel, "--yes"], env=installed, check=True,
                   capture_output=True)
    cases = [("az pyappsvc show -h", az + ["pyappsvc", "show", "-h"], installed),
             ("az webapp show -h", az + ["webapp", "show", "-h"], installed),
             ("az group -h (pyappsvc installed)", az + ["group", "-h"], installed),
             ("az group -h (no extension)", az + ["group", "-h"], plain)]
    rows = []
    for label, command, case_env in cases:
        subprocess.run(command, env=case_env, capture_output=True, check=True)    # warm az's caches
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run(command, env=case_env, capture_output=True, check=True)
            times.append(time.perf_counter() - started)
        rows.append({"case": label, "median": statistics.median(times), "min": min(times), "max": max(times)})
    imports = subprocess.run([sys.executable, "-X", "importtime", "-c", "import azext_pyappsvc"], cwd=repo,
                             capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=repo))
    own = [line for line in imports.stderr.splitlines() if line.rstrip().endswith("azext_pyappsvc")]
    cumulative_us = int(own[-1].split("|")[1]) if own else None
    rows.append({"case": "import azext_pyappsvc (cumulative, -X importtime)", "median": (cumulative_us or 0) / 1e6,
                 "min": None, "max": None})
    return rows
