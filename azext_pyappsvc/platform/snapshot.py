# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""The typed view of one app: which app (AppRef) and what ARM said about it (AppSnapshot).

Azure carries some facts in several places (linuxFxVersion in config/web, in the site's sparse
`siteConfig` and in `siteProperties`); each fact has exactly one accessor here, which looks in every
place, so every command and check reads it the same way.
"""

from dataclasses import dataclass, field
from typing import Dict, List, Optional

from .appkind import FLEX, LINUX, WINDOWS, AppKind, classify
from .functions import worker_is_python
from .runtimes import parse_linux_fx_version

SETTINGS_ROLE_HINT = ("listing app settings needs Microsoft.Web/sites/config/list/action "
                      "(the 'Website Contributor' or 'Contributor' role); 'Reader' is not enough")


@dataclass(frozen=True)
class AppRef:
    resource_group: str
    name: str
    slot: Optional[str] = None
    subscription: Optional[str] = None      # None: the CLI's current subscription

    @property
    def label(self):
        return f"{self.name}/{self.slot}" if self.slot else self.name

    def cli_args(self) -> List[str]:
        """The `-g -n [--slot] [--subscription]` words of a command that targets this app. A value that starts with
        `-` (ARM allows `-rg` as a resource group) is joined to its option (`--resource-group=-rg`): on its own,
        az's parser would take it for an option."""
        pairs = [("-g", "--resource-group", self.resource_group), ("-n", "--name", self.name),
                 ("--slot", "--slot", self.slot), ("--subscription", "--subscription", self.subscription)]
        words = []
        for short, long, value in pairs:
            if value:
                words += [f"{long}={value}"] if value.startswith("-") else [short, value]
        return words


@dataclass
class AppSnapshot:
    """What ARM says about one app: the site, its config/web and (when readable) its app settings.

    `site` and `config` are REST-shaped dicts (camelCase, `properties` flattened away); `config` is {}
    when it was not read. `settings` is None when it was not read or could not be read, with the
    HTTP status that refused them in `settings_status`.
    """
    ref: AppRef
    site: Dict
    config: Dict = field(default_factory=dict)
    settings: Optional[Dict[str, str]] = None
    settings_status: Optional[int] = None

    @property
    def settings_error(self) -> Optional[str]:
        """Why the app settings are unknown (which role is needed), or None."""
        if self.settings_status is None:
            return None
        return f"App settings could not be read ({self.settings_status}): {SETTINGS_ROLE_HINT}."

    @property
    def linux_fx_version(self) -> str:
        """config/web first; a GET of the site projects it into `siteConfig`, and some answers carry it
        only in `siteProperties`. Values that are not text are no answer."""
        for value in [self.config.get("linuxFxVersion"), _member(self.site.get("siteConfig"), "linuxFxVersion")] + [
                prop.get("value") for prop in _items(_member(self.site.get("siteProperties"), "properties"))
                if prop.get("name") == "LinuxFxVersion"]:
            if isinstance(value, str) and value:
                return value
        return ""

    @property
    def kind(self) -> AppKind:
        return classify(self.site.get("kind"), self.site.get("reserved"), self.linux_fx_version,
                        self.site.get("functionAppConfig"), self.sku)

    @property
    def sku(self) -> Optional[str]:
        return self.site.get("sku")

    @property
    def flex_runtime(self) -> Dict:
        """functionAppConfig.runtime, with only its text fields (name, version)."""
        runtime = _member(self.site.get("functionAppConfig"), "runtime")
        return {k: v for k, v in runtime.items() if isinstance(v, str)} if isinstance(runtime, dict) else {}

    @property
    def flex_runs_python(self) -> bool:
        return self.flex_runtime.get("name", "").lower() == "python"

    @property
    def python_version(self) -> Optional[str]:
        """The app's Python major.minor, wherever this kind of app keeps it; None when it runs no Python."""
        if self.kind.platform == FLEX:
            version = self.flex_runtime.get("version")
            return version if self.flex_runs_python and isinstance(version, str) else None
        parsed = parse_linux_fx_version(self.linux_fx_version)
        return parsed.version if parsed.language == "python" else None

    @property
    def windows_python(self) -> Optional[str]:
        """A Windows app's siteConfig.pythonVersion, the retired Windows Python setting (shared/reference/
        azcli-appservice.md, "Windows Python: siteConfig.pythonVersion"); None elsewhere or when empty."""
        value = self.config.get("pythonVersion")
        return value if self.kind.platform == WINDOWS and isinstance(value, str) and value.strip() else None

    @property
    def runtime_label(self) -> Optional[str]:
        """The runtime as the platform spells it: linuxFxVersion, or `python|X.Y` from a Flex runtime."""
        if self.kind.platform == FLEX:
            return f"python|{self.python_version}" if self.python_version else None
        return self.linux_fx_version or None

    @property
    def app_command_line(self) -> str:
        return (self.config.get("appCommandLine") or "").strip()

    @property
    def runs_python(self) -> Optional[bool]:
        """True, False, or None when only a closer look can tell: a Windows app runs Python when its pythonVersion is
        set (a function app: FUNCTIONS_WORKER_RUNTIME=python), and otherwise may still through a Python site
        extension (which only doctor reads). Linux apps without a
        recognisable runtime are given the benefit of the doubt. The one answer `show` and doctor's fleet filter
        both give."""
        kind = self.kind
        if kind.platform == FLEX:
            return self.flex_runs_python
        if kind.platform == LINUX:
            fx = self.linux_fx_version
            return parse_linux_fx_version(fx).language in ("python", None) if fx else kind.is_function_app
        if kind.platform == WINDOWS:
            if self.windows_python or (kind.is_function_app and worker_is_python(self.settings)):
                return True             # a function app: the worker runtime answers it (PLAT005 reports it)
            return None
        return False

    @property
    def scm_host(self) -> Optional[str]:
        """The SCM (Kudu) host: the Repository entry of hostNameSslStates, as core az reads it; nothing else."""
        for state in _items(self.site.get("hostNameSslStates")):
            if state.get("hostType") == "Repository" and isinstance(state.get("name"), str):
                return state["name"]
        return None


def _member(parent, key):
    return parent.get(key) if isinstance(parent, dict) else None


def _items(value):
    """The objects of a list (anything else in it, or a value that is not a list, is no answer)."""
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []
