# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""What kind of App Service app a site is.

`kind` is a comma list (`app,linux`, `functionapp,linux`, `app,linux,container`, `app`), and
`reserved: true` is the reliable Linux flag; a linuxFxVersion naming an image (`DOCKER|`,
`sitecontainers`, ...) makes a custom container whatever `kind` says; Flex Consumption function apps
carry a `functionAppConfig` (or `sku: FlexConsumption`) and keep their runtime there.
"""

from dataclasses import dataclass
from typing import Optional

LINUX = "linux"
WINDOWS = "windows"
CONTAINER = "container"
FLEX = "flex"

CONTAINER_FX_PREFIXES = ("docker|", "sitecontainers", "compose|", "kube|")


@dataclass(frozen=True)
class AppKind:
    kind: str
    platform: str          # linux | windows | container | flex
    is_function_app: bool

    @property
    def is_linux_code_app(self):
        """The built-in Linux runtime runs the code: the only apps whose Python settings this tool changes."""
        return self.platform in (LINUX, FLEX)


def kind_tokens(kind: Optional[str]):
    return {token.strip().lower() for token in (kind or "").split(",") if token.strip()}


def classify(kind: Optional[str], reserved: Optional[bool], linux_fx_version: Optional[str] = None,
             function_app_config: Optional[dict] = None, sku: Optional[str] = None) -> AppKind:
    tokens = kind_tokens(kind)
    is_function_app = "functionapp" in tokens
    fx = (linux_fx_version or "").strip().lower()
    if "container" in tokens or fx.startswith(CONTAINER_FX_PREFIXES):
        platform = CONTAINER
    elif is_function_app and (function_app_config or (sku or "").lower() == "flexconsumption"):
        platform = FLEX
    elif reserved or "linux" in tokens:
        platform = LINUX
    else:
        platform = WINDOWS
    return AppKind(kind=kind or "", platform=platform, is_function_app=is_function_app)
