"""`python -m benchmarks.functions_scan`: the offline Functions preflight costs what the project's own modules cost.

Generates v2 Functions projects whose function_app.py registers blueprints importing 100 or 1,000 project
modules, beside a `.python_packages/lib/site-packages` of 5,000 files (what `--build local` leaves), then times
`doctor --source` without the CLI: scan, facts and the whole check catalog (FN007-FN014 parse every project
module once; FN014 follows the imports from function_app.py).
"""

import os
import statistics
import sys
import tempfile
import time
from datetime import date

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

from azext_pyappsvc.adapters.files import scan  # noqa: E402
from azext_pyappsvc.doctor.catalog import run_checks  # noqa: E402
from azext_pyappsvc.doctor.subject import SOURCE, Subject  # noqa: E402
from azext_pyappsvc.platform.project import build_facts  # noqa: E402

PACKAGES = 5_000


def _write(root, path, text=""):
    full = os.path.join(root, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8") as handle:
        handle.write(text)


def make_project(root, modules):
    _write(root, "host.json", "{}")
    _write(root, "requirements.txt", "azure-functions\nrequests\n")
    _write(root, "function_app.py", "import azure.functions as func\n" + "".join(
        f"from blueprints.bp{i} import bp as bp{i}\n" for i in range(10)) + "app = func.FunctionApp()\n")
    _write(root, "blueprints/__init__.py")
    per_blueprint = modules // 10
    for i in range(10):
        _write(root, f"blueprints/bp{i}.py", "import azure.functions as func\nimport requests\n" + "".join(
            f"from shared.m{i}_{j} import value as v{j}\n" for j in range(per_blueprint)) + "bp = func.Blueprint()\n")
        for j in range(per_blueprint):
            _write(root, f"shared/m{i}_{j}.py", "import json\nvalue = 1\n")
    _write(root, "shared/__init__.py")
    for index in range(PACKAGES):
        _write(root, f".python_packages/lib/site-packages/pkg{index // 50}/m{index}.py", "x = 1\n")


def analyse(root):
    subject = Subject(date(2026, 12, 1), project=build_facts(scan(root)), project_origin=SOURCE,
                      stdlib=frozenset(sys.stdlib_module_names))
    return run_checks(subject.predict())


def main(runs=5):
    rows = []
    for modules in (100, 1_000):
        with tempfile.TemporaryDirectory(prefix="pyappsvc-functions-") as root:
            make_project(root, modules)
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                findings = analyse(root)
                times.append(time.perf_counter() - started)
            codes = sorted({f.code for f in findings})
            assert "FN012" in codes and "FN014" not in codes, codes
            rows.append((modules, statistics.median(times), min(times), max(times)))
    print("| project modules (+{:,} in .python_packages) | doctor --source (median of {}) | min–max |".format(
        PACKAGES, runs))
    print("|---|---|---|")
    for modules, median, low, high in rows:
        print("| {:,} | {:.0f} ms | {:.0f}–{:.0f} ms |".format(modules, median * 1000, low * 1000, high * 1000))


if __name__ == "__main__":
    main()
