"""`python -m benchmarks.project_scan`: analysing a project costs what its own files cost.

Generates trees of 1k, 10k and 100k files in which the project itself is the same 200 files and the
rest sits in node_modules, .git and a virtual environment, then times the whole local analysis
(scan, facts, build and startup prediction). Ignored folders are never entered, so the three rows
should be about equal.
"""

import os
import statistics
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

from azext_pyappsvc.adapters.files import scan  # noqa: E402
from azext_pyappsvc.platform.build import predict_build  # noqa: E402
from azext_pyappsvc.platform.project import build_facts  # noqa: E402
from azext_pyappsvc.platform.startup.prediction import predict  # noqa: E402

PROJECT_FILES = 200
NOISE = ("node_modules", ".git/objects", ".venv/lib/python3.12/site-packages")


def make_tree(root, total):
    os.makedirs(os.path.join(root, "mysite"))
    open(os.path.join(root, "requirements.txt"), "w").write("django\ngunicorn\n")
    open(os.path.join(root, "manage.py"), "w").close()
    open(os.path.join(root, "mysite", "wsgi.py"), "w").write("application = None\n")
    open(os.path.join(root, "mysite", "settings.py"), "w").write("INSTALLED_APPS = []\nSTATIC_ROOT = 'static'\n")
    for index in range(PROJECT_FILES - 4):
        folder = os.path.join(root, "app{}".format(index % 10))
        os.makedirs(folder, exist_ok=True)
        open(os.path.join(folder, "module{}.py".format(index)), "w").write("x = {}\n".format(index))
    os.makedirs(os.path.join(root, ".venv"), exist_ok=True)
    open(os.path.join(root, ".venv", "pyvenv.cfg"), "w").write("home = /usr/bin\n")
    for index in range(total - PROJECT_FILES - 1):
        noise = NOISE[index % len(NOISE)]
        folder = os.path.join(root, noise, "pkg{}".format(index // 100))
        os.makedirs(folder, exist_ok=True)
        open(os.path.join(folder, "f{}.js".format(index)), "w").close()


def analyse(root):
    tree = scan(root)
    facts = build_facts(tree)
    predict_build(facts, {"SCM_DO_BUILD_DURING_DEPLOYMENT": "true"})
    return predict(None, facts, {}, "3.12"), len(tree.texts)


def main(runs=7):
    rows = []
    for total in (1_000, 10_000, 100_000):
        with tempfile.TemporaryDirectory(prefix="pyappsvc-scan-") as root:
            make_tree(root, total)
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                prediction, seen = analyse(root)
                times.append(time.perf_counter() - started)
            assert prediction.origin == "django"
            rows.append((total, seen, statistics.median(times), min(times), max(times)))
    print("| files in tree | files read (texts) | analysis (median of {}) | min–max |".format(runs))
    print("|---|---|---|---|")
    for total, seen, median, low, high in rows:
        print("| {:,} | {} | {:.1f} ms | {:.1f}–{:.1f} ms |".format(total, seen, median * 1000, low * 1000,
                                                                 high * 1000))


if __name__ == "__main__":
    main()
