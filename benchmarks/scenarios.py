"""What is compared: each scenario names the pyappsvc commands and the core az commands that do the same job."""

from dataclasses import dataclass, field
from typing import Callable, List

APP = ["-g", "rg-python", "-n", "py-web"]


@dataclass
class Scenario:
    name: str
    ours: List[List[str]]
    core: List[List[str]]
    prepare: Callable = field(default=lambda bench: None)   # once, before the warm-up
    reset: Callable = field(default=lambda bench: None)     # before every measured side


SCENARIOS = [
    Scenario("show", ours=[["pyappsvc", "show"] + APP],
             core=[["webapp", "show"] + APP, ["webapp", "config", "show"] + APP,
                   ["webapp", "config", "appsettings", "list"] + APP]),
]
