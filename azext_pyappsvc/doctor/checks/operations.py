# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Operations — OPS: what makes the app hard to run or to troubleshoot."""

from ...platform.appkind import FLEX
from ...platform.deployed import nothing_deployed
from ...platform.functions import on_linux_consumption
from ...platform.problems import ERROR, INFO
from ..catalog import Finding, Fix, check
from ..fixes import az
from ..subject import DEPLOYED

_NO_ALWAYS_ON = {"free", "shared", "dynamic", "flexconsumption", "elasticpremium"}


@check("OPS001", INFO, "Container logging is off", needs=("app", "linux"))
def ops001(subject):
    """Flex Consumption and Linux Consumption offer no filesystem logs (Application Insights is their log)."""
    kind = subject.kind
    if kind.platform == FLEX or on_linux_consumption(kind, subject.snapshot.sku):
        return None
    if subject.config.get("httpLoggingEnabled") is False:
        return Finding("Filesystem logging is off: startup errors of the container are not kept.",
                       az(subject, "webapp log config", "--docker-container-logging", "filesystem"))
    return None


@check("OPS002", INFO, "Always On is off")
def ops002(subject):
    sku = (subject.snapshot.sku or "").lower()
    if subject.config.get("alwaysOn") is False and sku not in _NO_ALWAYS_ON:
        return Finding(f"alwaysOn is off on a {subject.snapshot.sku} plan: the app unloads when idle and the next "
                       "request waits for a cold start.", az(subject, "webapp config set", "--always-on", "true"))
    return None


@check("OPS003", ERROR, "Nothing is deployed", needs=("app", "files"))
def ops003(subject):
    if subject.project_origin != DEPLOYED:
        return None
    if nothing_deployed(subject.project.files, subject.project.dirs):
        return Finding("site/wwwroot holds no code.", Fix.describe("Deploy the app (az webapp deploy, Git, or CI)."))
    return None
