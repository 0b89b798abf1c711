# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""doctor over many subscriptions (`--all-subscriptions`, `--subscriptions`, `--management-group`).

The inventory comes from Resource Graph (a few paged POSTs for the whole tenant), and every row becomes the
same AppSnapshot a per-app ARM read builds, so the checks that need nothing but the site (INVENTORY_CODES)
run unchanged: one home per rule. `--deep` then checks the selected apps one by one as `doctor --all` does,
with a client-side token bucket per subscription so that ARM's read throttling is never reached.
"""

import re
import sys
from dataclasses import dataclass, replace
from functools import cached_property
from typing import List, Optional

from ..output.redaction import get_logger

from ..adapters.concurrency import bounded_map
from ..doctor.catalog import all_checks, run_checks
from ..doctor.subject import Subject
from ..output.fleet import fleet_summary
from ..output.results import doctor_result
from ..platform.errors import ConflictingValues, InvalidValue, MissingValue
from ..platform.snapshot import AppSnapshot
from .doctor import UNREAD, Doctor, _ref_of, bounded
from .outcome import exit_non_zero_after_output
from .targets import explicit

logger = get_logger(__name__)

# The checks whose facts are all in a Resource Graph row (kind, reserved, siteProperties, sku, httpsOnly,
# functionAppConfig) and the stacks catalogue.
INVENTORY_CODES = frozenset({"RT001", "RT002", "RT003", "RT004", "RT005", "PLAT001", "PLAT002", "PLAT004", "FN017",
                             "SEC001"})
_GUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
GUID_FORM = "subscription ids (GUIDs such as 00000000-0000-0000-0000-000000000000), separated by spaces"
_MANAGEMENT_GROUP = re.compile(r"[\w().-]{1,90}")
MANAGEMENT_GROUP_FORM = "a management group id: up to 90 letters, digits, hyphens, underscores, periods, parentheses"
SCOPES = ("all_subscriptions", "subscriptions", "management_group")


@dataclass(frozen=True)
class TenantRequest:
    all_subscriptions: bool = False
    subscriptions: Optional[List[str]] = None
    management_group: Optional[str] = None
    deep: bool = False
    max_parallel: object = 16

    @property
    def wanted(self) -> bool:
        return bool(self.all_subscriptions or self.subscriptions is not None or self.management_group is not None)


# doctor's options for one app or a group that a tenant-wide run has no use for: refused, never silently ignored
_ONE_APP_ONLY = ("slot", "python_version", "logs", "no_logs", "since")


def check_request(request: TenantRequest, targets: dict):
    """Every argument checked before any request: one scope, none of the app `targets` (parameter -> value, a
    configured default ignored), well-formed ids."""
    given = [scope for scope in SCOPES if getattr(request, scope) not in (None, False)]
    if len(given) > 1:
        raise ConflictingValues(given, choices=SCOPES)
    others = [parameter for parameter, value in targets.items() if value and explicit(value)
              and parameter not in _ONE_APP_ONLY]
    if others:
        raise ConflictingValues([given[0]] + others, "a tenant-wide run names no app, group or project")
    one_app = [parameter for parameter in _ONE_APP_ONLY if targets.get(parameter) and explicit(targets[parameter])]
    if one_app:
        raise ConflictingValues([given[0]] + one_app, "a tenant-wide run reads no slot and no logs, and takes each "
                                                      "app's Python version from the app")
    if request.subscriptions is not None:
        if not request.subscriptions:
            raise MissingValue(["subscriptions"], reason="Name at least one subscription id.")
        odd = next((s for s in request.subscriptions if not _GUID.fullmatch(s)), None)
        if odd is not None:
            raise InvalidValue("subscriptions", odd, "is not a subscription id", GUID_FORM)
    group = request.management_group
    if group is not None and not _MANAGEMENT_GROUP.fullmatch(group):
        raise InvalidValue("management_group", group, "is not a valid management group id", MANAGEMENT_GROUP_FORM)
    bounded(request.max_parallel)


def _profile_ids(cli_ctx) -> List[str]:
    from azure.cli.core._profile import Profile
    return [s["id"] for s in Profile(cli_ctx=cli_ctx).load_cached_subscriptions() if s.get("id")]


def profile_subscriptions(cli_ctx) -> List[str]:
    """Every subscription of the login's profile in the current cloud, as `az graph query` takes them: no request."""
    subscriptions = _profile_ids(cli_ctx)
    if not subscriptions:
        raise MissingValue(["all_subscriptions"], reason="The login's profile holds no subscription: run az login.")
    return list(dict.fromkeys(subscriptions))


class TenantDoctor(Doctor):
    """Doctor whose ARM clients take a token from their subscription's bucket before every request."""

    def __init__(self, cli_ctx, max_parallel, known_subscriptions, *, cmd=None):
        from ..adapters.throttle import Buckets
        super().__init__(cli_ctx, max_parallel=max_parallel, cmd=cmd)
        self.buckets = Buckets()
        self.known = {s.lower() for s in known_subscriptions}

    def service(self, subscription=None):
        if subscription not in self._services:
            from ..adapters.arm import AppService
            self._services[subscription] = AppService(
                self.cli_ctx, subscription, throttle=lambda: self.buckets.take(subscription),
                current_login=subscription is not None and subscription.lower() not in self.known)
        return self._services[subscription]

    def warm(self, snapshots):
        """The stacks catalogue of each kind of Linux code app among `snapshots`, read once before the workers."""
        for functions in {s.kind.is_function_app for s in snapshots if s.kind.is_linux_code_app}:
            self._options(self.service(), functions)

    def stacks_for(self, snapshot):
        kind = snapshot.kind
        return self._stacks.get(kind.is_function_app) if kind.is_linux_code_app else None

    def inventory_result(self, snapshot, checks):
        """The inventory-only `checks` of one app, from its Resource Graph row alone."""
        subject = Subject(self.today, snapshot, stacks=self.stacks_for(snapshot))
        return doctor_result(subject, None, run_checks(subject, checks))


class ListedSnapshot(AppSnapshot):
    """The snapshot of a Resource Graph row, which nothing changes once read: what the checks ask of it again and
    again (kind, linuxFxVersion, the Python version) is worked out once (10,000 apps ask 200,000 times)."""

    @cached_property
    def linux_fx_version(self) -> str:
        return AppSnapshot.linux_fx_version.fget(self)

    @cached_property
    def kind(self):
        return AppSnapshot.kind.fget(self)

    @cached_property
    def python_version(self):
        return AppSnapshot.python_version.fget(self)


def run(cli_ctx, request: TenantRequest, cmd=None):
    """{"summary": ..., "results": [one doctor result per Python app]}."""
    from ..adapters.resourcegraph import QueryRejected, ResourceGraph
    subscriptions = profile_subscriptions(cli_ctx) if request.all_subscriptions else request.subscriptions
    if subscriptions is not None:
        subscriptions = _once(subscriptions)
    try:
        inventory = ResourceGraph(cli_ctx).sites(subscriptions, request.management_group)
    except QueryRejected as error:
        from azure.cli.core.azclierror import AzureResponseError
        from ..output.redaction import redact_error
        raise redact_error(AzureResponseError(f"Resource Graph refused the inventory query "
                                              f"({', '.join(error.codes)}): {error.message}.")) from None
    if inventory.quota_waits:
        inventory.notes.append(f"waited {sum(inventory.quota_waits):.1f} s in all for the Resource Graph quota to "
                               "reset")
    for skipped in inventory.skipped:
        logger.warning("Subscription %s could not be read by this login (or does not exist): skipped.", skipped)
    chosen = []
    for site in inventory.sites:
        ref = replace(_ref_of(site), subscription=site["subscriptionId"])
        snapshot = ListedSnapshot(ref, site)
        if snapshot.runs_python is not False:
            chosen.append(snapshot)
    logger.warning("Checking %d app(s) of %d in %s; the others do not run Python.", len(chosen),
                   len(inventory.sites), _where(request, inventory))
    checker = TenantDoctor(cli_ctx, bounded(request.max_parallel), _profile_ids(cli_ctx), cmd=cmd)
    checker.warm(chosen)
    progress = cli_ctx.get_progress_controller(det=True) if request.deep and sys.stderr.isatty() else None
    report = (lambda done, total: progress.add(message=f"Checked {done} of {total} apps", value=done,
                                               total_val=total)) if progress else None
    try:
        if request.deep:
            results = bounded_map(lambda s: checker.checked(s.ref, s.site), chosen, checker.max_parallel, report)
        else:
            checks = [c for c in all_checks() if c.code in INVENTORY_CODES]
            results = [checker.inventory_result(snapshot, checks) for snapshot in chosen]
    finally:
        if progress:
            progress.end()
    for snapshot, result in zip(chosen, results):
        if result.get("target") is not None:
            result["target"]["subscription"] = snapshot.ref.subscription
    summary = fleet_summary(checker.today, [(s, checker.stacks_for(s)) for s in chosen], results)
    summary.update(subscriptions={"queried": len(inventory.subscriptions), "skipped": inventory.skipped},
                   managementGroup=request.management_group, notes=inventory.notes,
                   resourceGraphRequests=inventory.requests, mode="deep" if request.deep else "inventory")
    return {"summary": summary, "results": results}


def _once(subscriptions):
    """Each subscription once, in the order given, whatever its spelling (ARM's ids are case-insensitive)."""
    first = {}
    for subscription in subscriptions:
        first.setdefault(subscription.lower(), subscription)
    return list(first.values())


def _where(request, inventory):
    if request.management_group:
        return f"management group '{request.management_group}'"
    return f"{len(inventory.subscriptions)} subscription(s)"


def set_exit_code(cli_ctx, output, fail_on):
    """Skipped subscriptions and unread apps make the exit code 1; so do findings at --fail-on or worse in the
    summary. The output is printed in full either way."""
    from ..platform.problems import SEVERITY_ORDER
    summary = output["summary"]
    skipped = summary["subscriptions"]["skipped"]
    unread = summary["findings"].get(UNREAD, 0)
    if skipped or unread:
        parts = ([f"{len(skipped)} subscription(s) could not be read"] if skipped else []) + \
            ([f"{unread} app(s) could not be read ({UNREAD})"] if unread else [])
        exit_non_zero_after_output(cli_ctx, "; ".join(parts) + ".")
        return
    if fail_on:
        count = sum(n for severity, n in summary["severities"].items()
                    if SEVERITY_ORDER[severity] <= SEVERITY_ORDER[fail_on])
        if count:
            exit_non_zero_after_output(cli_ctx, f"{count} finding(s) at or above '{fail_on}' (--fail-on {fail_on}).")
