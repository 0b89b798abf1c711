"""`python -m benchmarks.legacy`: what migrate's derivation costs (the part that needs no request).

Times scan + derivation + plan on the three example projects, on a web.config with 10,000 app settings, and
the refusal of a "billion laughs" web.config (the guard rejects the DOCTYPE before ElementTree would expand
its entities: the expansion itself is never run here).
"""

import os
import statistics
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

from azext_pyappsvc.adapters.files import scan  # noqa: E402
from azext_pyappsvc.platform.legacy.derive import derive  # noqa: E402
from azext_pyappsvc.platform.legacy.plan import plan_steps  # noqa: E402
from azext_pyappsvc.platform.legacy.safexml import UnreadableConfig, parse_xml  # noqa: E402
from azext_pyappsvc.platform.project import build_facts  # noqa: E402

EXAMPLES = ("windows-fastcgi-flask", "windows-httpplatform-django", "cloud-service-python")
LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
                    for i in range(1, 10))
          + ']><configuration><appSettings><add key="X" value="&lol9;"/></appSettings></configuration>')


def _timed(function, runs):
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), min(times), max(times)


def _migrate_plan(root):
    derivation = derive(build_facts(scan(root)))
    return plan_steps(derivation, None, "rg", "app", create=True)


def _refused():
    try:
        parse_xml("web.config", LAUGHS)
    except UnreadableConfig:
        return
    raise AssertionError("the guard let a DOCTYPE through")


def main(runs=21):
    rows = [(name, _timed(lambda name=name: _migrate_plan(os.path.join(REPO, "examples", name)), runs))
            for name in EXAMPLES]
    with tempfile.TemporaryDirectory(prefix="pyappsvc-legacy-") as root:
        settings = "".join(f'<add key="SETTING_{i}" value="v{i}"/>' for i in range(10_000))
        with open(os.path.join(root, "web.config"), "w", encoding="utf-8") as handle:
            handle.write(f'<configuration><appSettings><add key="WSGI_HANDLER" value="app.app"/>{settings}'
                         "</appSettings></configuration>")
        with open(os.path.join(root, "app.py"), "w", encoding="utf-8") as handle:
            handle.write("from flask import Flask\napp = Flask(__name__)\n")
        rows.append(("web.config with 10,000 settings", _timed(lambda: _migrate_plan(root), runs)))
    rows.append((f"billion laughs refused ({len(LAUGHS)} bytes, 10^9 expansions)", _timed(_refused, runs)))
    print(f"| input | scan + derive + plan (median of {runs}) | min–max |")
    print("|---|---|---|")
    for name, (median, low, high) in rows:
        print(f"| {name} | {median * 1000:.2f} ms | {low * 1000:.2f}–{high * 1000:.2f} ms |")


if __name__ == "__main__":
    main()
