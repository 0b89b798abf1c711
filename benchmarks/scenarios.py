"""What is compared: each scenario names the pyappsvc commands and the core az commands that do the same job.

Mutating scenarios flip a value back and forth (ours sets A, core sets B, ours sets A again...), so
every measured run is a real change and no reset is needed.
"""

from dataclasses import dataclass
from typing import List

WEB = ["-g", "rg-python", "-n", "py-web"]
FUNC = ["-g", "rg-python", "-n", "py-func"]


@dataclass
class Scenario:
    name: str
    ours: List[List[str]]
    core: List[List[str]]


SCENARIOS = [
    Scenario("show", ours=[["pyappsvc", "show"] + WEB],
             core=[["webapp", "show"] + WEB, ["webapp", "config", "show"] + WEB,
                   ["webapp", "config", "appsettings", "list"] + WEB]),
    Scenario("set-runtime (web app)", ours=[["pyappsvc", "set-runtime"] + WEB + ["--version", "3.13"]],
             core=[["webapp", "config", "set"] + WEB + ["--linux-fx-version", "PYTHON|3.12"]]),
    Scenario("set-runtime (function app)", ours=[["pyappsvc", "set-runtime"] + FUNC + ["--version", "3.12"]],
             core=[["functionapp", "config", "set"] + FUNC + ["--linux-fx-version", "Python|3.11"]]),
    Scenario("set-startup", ours=[["pyappsvc", "set-startup"] + WEB + ["--module", "app:app"]],
             core=[["webapp", "config", "set"] + WEB + ["--startup-file", "gunicorn --bind=0.0.0.0 app:application"]]),
    Scenario("doctor (one app)", ours=[["pyappsvc", "doctor"] + WEB + ["-o", "none"]],
             core=[["webapp", "show"] + WEB, ["webapp", "config", "show"] + WEB,
                   ["webapp", "config", "appsettings", "list"] + WEB]),
    Scenario("set-build", ours=[["pyappsvc", "set-build"] + WEB + ["--build-on-deploy", "false"]],
             core=[["webapp", "config", "appsettings", "set"] + WEB + ["--settings",
                                                                     "SCM_DO_BUILD_DURING_DEPLOYMENT=true"]]),
]
