# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""doctor: gather the facts of each target once, concurrently, then let the checks speak.

One app: site, config/web and app settings in one round trip, then the stacks (disk cache), the
deployed-file listing and, for Windows apps, the site extensions. A group or a subscription: one
paged list of sites, non-Python apps skipped, the rest checked with bounded concurrency. A folder
alone: no request at all.
"""

from concurrent.futures import ThreadPoolExecutor, as_completed

from azure.cli.core.azclierror import InvalidArgumentValueError, RequiredArgumentMissingError
from knack.log import get_logger

from .appinfo import python_runtime, runs_python
from .appkind import FLEX, LINUX, WINDOWS
from .kudu import deployed_facts
from .doctor_checks import SEVERITY_ORDER, Facts, run_checks
from .facts import AppRef, AppSnapshot
from .oryx import predict_build
from . import runtime_ops
from .runtimes import parse_stacks
from .startup import predict

logger = get_logger(__name__)
OFFLINE_ARGS = "-g <resource-group> -n <app>"


def refs_from_ids(ids):
    """AppRefs from site (or slot) resource ids; a malformed id is bad input, refused before any request."""
    from azure.mgmt.core.tools import is_valid_resource_id, parse_resource_id
    refs = []
    for resource_id in ids:
        parts = parse_resource_id(resource_id) if is_valid_resource_id(resource_id) else {}
        child = (parts.get("child_type_1") or "").lower()
        if (parts.get("namespace") or "").lower() != "microsoft.web" or (parts.get("type") or "").lower() != "sites" \
                or child not in ("", "slots") or parts.get("child_type_2"):
            raise InvalidArgumentValueError("--ids {}: not the id of a web app or function app "
                                            "(/subscriptions/.../providers/Microsoft.Web/sites/<name>).".format(
                                                resource_id))
        slot = parts.get("child_name_1") if (parts.get("child_type_1") or "").lower() == "slots" else None
        refs.append(AppRef(parts["resource_group"], parts["name"], slot))
    return refs


class Doctor:
    def __init__(self, cli_ctx, project=None, source=None, max_parallel=16):
        self.cli_ctx = cli_ctx
        self.project = project
        self.source = source
        self.max_parallel = max_parallel
        self.today = runtime_ops.today()
        self._service = None
        self._stacks = {}

    @property
    def service(self):
        if self._service is None:
            from .arm import AppService
            self._service = AppService(self.cli_ctx)
        return self._service

    # -- targets ---------------------------------------------------------------------------------
    def offline(self):
        facts = Facts(fix_args=OFFLINE_ARGS, today=self.today, project=self.project, project_origin="source")
        predict_facts(facts)
        return _result(None, self.source, facts)

    def apps(self, refs):
        return [self.app(ref) for ref in refs]

    def app(self, ref: AppRef, listed_site=None):
        from azure.cli.core.azclierror import ResourceNotFoundError
        service = self.service
        if listed_site is None:
            snapshot = service.snapshot(ref)
        else:
            with ThreadPoolExecutor(max_workers=2) as pool:
                config = pool.submit(service.get_config, ref)
                settings = pool.submit(service.read_settings, ref)
                snapshot = AppSnapshot(ref=ref, site=listed_site, config=config.result())
                snapshot.settings, snapshot.settings_error = settings.result()
        kind = snapshot.kind
        facts = Facts(fix_args=ref.cli_args(), today=self.today, kind=kind, site=snapshot.site,
                      config=snapshot.config, settings=snapshot.settings, settings_error=snapshot.settings_error,
                      python=python_runtime(snapshot)[1])
        with ThreadPoolExecutor(max_workers=3) as pool:
            stacks = pool.submit(self._options, kind.is_function_app) if kind.is_linux_code_app else None
            listing = pool.submit(deployed_facts, self.cli_ctx, snapshot) \
                if self.project is None and kind.platform == LINUX else None
            extensions = pool.submit(service.list_site_extensions, ref) if kind.platform == WINDOWS else None
            facts.stacks = stacks.result() if stacks else None
            if listing:
                facts.project, facts.files_error = listing.result()
                facts.project_origin = "deployed" if facts.project else None
            elif self.project is not None:
                facts.project, facts.project_origin = self.project, "source"
            if extensions:
                try:
                    facts.site_extensions = [e.get("extension_id") or e.get("title") or e.get("name", "")
                                             for e in extensions.result()]
                except ResourceNotFoundError:
                    facts.site_extensions = []
        predict_facts(facts)
        return _result(ref, self.source, facts)

    def _options(self, functions):
        from .stacks import load_stacks
        if functions not in self._stacks:
            self._stacks[functions] = parse_stacks(load_stacks(self.cli_ctx, self.service.get_stacks, functions))
        return self._stacks[functions]

    def fleet(self, resource_group=None, progress=None):
        sites = self.service.list_sites(resource_group)
        chosen, skipped = [], 0
        for site in sites:
            if runs_python(site) is False:
                skipped += 1
            else:
                chosen.append(site)
        logger.warning("Checking %d app(s); skipped %d that do not run Python (other runtimes or custom containers).",
                       len(chosen), skipped)
        for functions in {(s.get("kind") or "").startswith("functionapp") for s in chosen}:
            self._options(functions)          # warm the stacks once, before the workers start
        results = [None] * len(chosen)
        with ThreadPoolExecutor(max_workers=self.max_parallel) as pool:
            futures = {pool.submit(self.app, _ref_of(site), site): index for index, site in enumerate(chosen)}
            for done, future in enumerate(as_completed(futures), 1):
                results[futures[future]] = future.result()
                if progress:
                    progress.add(message="Checked {} of {} apps".format(done, len(chosen)), value=done,
                                 total_val=len(chosen))
        return results


def _ref_of(site):
    name, _, slot = (site.get("name") or "").partition("/")
    return AppRef(site.get("resourceGroup") or _group_of(site.get("id", "")), name, slot or None)


def _group_of(resource_id):
    parts = resource_id.split("/")
    lowered = [p.lower() for p in parts]
    return parts[lowered.index("resourcegroups") + 1] if "resourcegroups" in lowered else ""


def predict_facts(facts: Facts):
    """Fill in the predicted build and startup the checks reason about."""
    kind = facts.kind
    is_function_app = facts.is_function_app
    if kind is None or kind.is_linux_code_app:
        facts.build = predict_build(facts.project, facts.settings, is_function_app,
                                    kind is not None and kind.platform == FLEX)
    if not is_function_app and (kind is None or kind.platform == LINUX):
        command = (facts.config or {}).get("appCommandLine")
        if facts.project is not None or (command or "").strip():
            facts.startup = predict(command, facts.project, facts.settings, facts.python)
        elif kind is not None:
            facts.startup = predict(command, None, facts.settings, facts.python)


def _result(ref, source, facts: Facts):
    findings = run_checks(facts)
    summary = {severity: sum(1 for f in findings if f.severity == severity) for severity in SEVERITY_ORDER}
    target = None
    if ref is not None:
        kind = facts.kind
        target = {"name": ref.name, "resourceGroup": ref.resource_group, "slot": ref.slot, "kind": kind.kind,
                  "platform": kind.platform, "runtime": ((facts.config or {}).get("linuxFxVersion") or None)
                  if kind.platform != FLEX else "python|{}".format(facts.python) if facts.python else None}
    build = facts.build
    startup = facts.startup
    return {
        "target": target,
        "source": source,
        "build": {"runs": build.runs, "reason": build.reason, "steps": build.steps} if build else None,
        "startup": {"origin": startup.origin, "module": startup.module, "command": startup.command,
                    "explanation": startup.explanation} if startup else None,
        "findings": [finding.as_dict() for finding in findings],
        "summary": summary,
    }


def run(cli_ctx, resource_group, name, slot, ids, all_apps, source, max_parallel):
    """(results, whether one object was asked for): every argument is checked before any request."""
    from .startup_ops import local_facts
    mode = resolve_targets(resource_group, name, ids, all_apps, source)
    refs = refs_from_ids(ids) if mode == "ids" else [AppRef(resource_group, name, slot)]
    checker = Doctor(cli_ctx, local_facts(source) if source else None, source, bounded(max_parallel))
    if mode == "offline":
        return [checker.offline()], True
    if mode in ("ids", "app"):
        return checker.apps(refs), mode == "app"
    import sys
    progress = cli_ctx.get_progress_controller(det=True) if sys.stderr.isatty() else None
    try:
        return checker.fleet(resource_group if mode == "group" else None, progress), False
    finally:
        if progress:
            progress.end()


def bounded(max_parallel):
    try:
        value = int(max_parallel)
    except (TypeError, ValueError):
        value = 0
    if not 1 <= value <= 64:
        raise InvalidArgumentValueError("--max-parallel {!r}: use a whole number from 1 to 64.".format(max_parallel))
    return value


def exit_non_zero_on(cli_ctx, results, fail_on):
    """With --fail-on, the output is still printed in full; the exit code says whether to fail a pipeline.

    knack prints the result, then raises Cli.SuccessfulExecute inside its error handling, where a
    SystemExit becomes the process exit code.
    """
    if not fail_on:
        return
    threshold = SEVERITY_ORDER[fail_on]
    count = sum(1 for result in results for finding in result["findings"]
                if SEVERITY_ORDER[finding["severity"]] <= threshold)
    if not count:
        return
    from knack.events import EVENT_CLI_SUCCESSFUL_EXECUTE

    def fail(_cli_ctx, **_):
        _cli_ctx.unregister_event(EVENT_CLI_SUCCESSFUL_EXECUTE, fail)
        logger.error("%d finding(s) at or above '%s' (--fail-on %s).", count, fail_on, fail_on)
        raise SystemExit(1)
    cli_ctx.register_event(EVENT_CLI_SUCCESSFUL_EXECUTE, fail)


def resolve_targets(resource_group, name, ids, all_apps, source):
    """Which mode the arguments ask for: "ids", "app", "group", "subscription" or "offline"."""
    if ids:
        if name or all_apps:
            raise InvalidArgumentValueError("--ids cannot be combined with --name or --all.")
        return "ids"
    if all_apps:
        if name or resource_group:
            raise InvalidArgumentValueError("--all checks every app in the subscription; drop -g/-n, or drop --all.")
        return "subscription"
    if name:
        if not resource_group:
            raise RequiredArgumentMissingError("--name needs --resource-group/-g.")
        return "app"
    if resource_group:
        return "group"
    if source:
        return "offline"
    raise RequiredArgumentMissingError("Give an app (-g/-n or --ids), a resource group (-g), --all, or --source.")
