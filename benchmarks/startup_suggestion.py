"""`python -m benchmarks.startup_suggestion`: what the STA001 suggestion costs on larger projects.

The suggestion resolves imports the way gunicorn would for every candidate module (platform/startup/imports.py),
so its cost grows with the project's Python files. Generates projects of 100, 1,000 and 3,000 modules (packages
with relative imports) plus a Flask app whose routes live in a sibling module, and times suggest() alone on
facts already built (the files are read and parsed once either way).
"""

import os
import statistics
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

from azext_pyappsvc.adapters.files import scan  # noqa: E402
from azext_pyappsvc.platform.project import build_facts  # noqa: E402
from azext_pyappsvc.platform.startup.compose import suggest  # noqa: E402


def make_tree(root, modules):
    for index in range(modules):
        folder = os.path.join(root, "pkg{}".format(index % 20), "sub{}".format(index % 3))
        os.makedirs(folder, exist_ok=True)
        open(os.path.join(root, "pkg{}".format(index % 20), "__init__.py"), "w").close()
        with open(os.path.join(folder, "m{}.py".format(index)), "w") as module:
            module.write("import os\nfrom . import m{}\nX = {}\n".format(index, index))
    os.makedirs(os.path.join(root, "web"))
    files = {"core.py": "from flask import Flask\napp = Flask(__name__)\n",
             "views.py": "from core import app\n\n@app.route('/')\ndef index():\n    return 'hi'\n",
             "main.py": "from core import app\nimport views  # noqa\n"}
    for name, text in files.items():
        with open(os.path.join(root, "web", name), "w") as module:
            module.write(text)


def timed_suggestion(root, runs):
    """(the suggestion, the seconds of each run): the facts are rebuilt for every run, so parsing is counted."""
    found, times = None, []
    for facts in (build_facts(scan(root)) for _ in range(runs)):
        started = time.perf_counter()
        found = suggest(facts)
        times.append(time.perf_counter() - started)
    return found, times


def main(runs=5):
    rows = []
    for modules in (100, 1_000, 3_000):
        with tempfile.TemporaryDirectory(prefix="pyappsvc-suggest-") as root:
            make_tree(root, modules)
            found, times = timed_suggestion(root, runs)
        assert (found.module, found.chdir, found.sure) == ("main:app", "web", True)
        rows.append((modules, statistics.median(times), min(times), max(times)))
    print("| Python modules | suggest() incl. parsing (median of {}) | min–max |".format(runs))
    print("|---|---|---|")
    for modules, median, low, high in rows:
        print("| {:,} | {:.1f} ms | {:.1f}–{:.1f} ms |".format(modules, median * 1000, low * 1000, high * 1000))


if __name__ == "__main__":
    main()
