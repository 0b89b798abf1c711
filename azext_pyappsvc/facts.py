# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Plain data the adapters produce and the rules consume: no SDK types cross this line."""

from dataclasses import dataclass, field
from typing import Dict, Optional

from .appkind import AppKind, classify


@dataclass(frozen=True)
class AppRef:
    resource_group: str
    name: str
    slot: Optional[str] = None

    @property
    def label(self):
        return "{}/{}".format(self.name, self.slot) if self.slot else self.name

    def cli_args(self):
        """The `-g -n [--slot]` part of a command that targets this app, for fix suggestions."""
        args = "-g {} -n {}".format(self.resource_group, self.name)
        return args + (" --slot {}".format(self.slot) if self.slot else "")


@dataclass
class AppSnapshot:
    """What ARM says about one app: the site, its config/web and (when readable) its app settings.

    `site` and `config` are REST-shaped dicts (camelCase, `properties` flattened away);
    `settings` is None when it was not read or could not be read, with the reason in `settings_error`.
    """
    ref: AppRef
    site: Dict
    config: Dict = field(default_factory=dict)
    settings: Optional[Dict[str, str]] = None
    settings_error: Optional[str] = None

    @property
    def kind(self) -> AppKind:
        return classify(self.site.get("kind"), self.site.get("reserved"), self.config.get("linuxFxVersion")
                        or (self.site.get("siteConfig") or {}).get("linuxFxVersion"),
                        self.site.get("functionAppConfig"), self.site.get("sku"))

    @property
    def flex_runtime(self) -> Dict:
        return ((self.site.get("functionAppConfig") or {}).get("runtime")) or {}

    @property
    def scm_host(self) -> Optional[str]:
        for state in self.site.get("hostNameSslStates") or []:
            if (state or {}).get("hostType") == "Repository":
                return state.get("name")
        return next((h for h in self.site.get("enabledHostNames") or [] if ".scm." in h), None)
