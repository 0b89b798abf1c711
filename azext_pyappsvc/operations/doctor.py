# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""doctor: gather the facts of each target once, concurrently, then let the catalog speak.

One app: site, config/web and app settings in one round trip, then the stacks (disk cache), the
deployed-file listing, the evidence of what happened (latest deployment and log listing, then the log
tails: --logs, on by default for one app) and, for Windows apps, the site extensions. A group or a subscription: one
paged list of sites, non-Python apps skipped, the rest checked with bounded concurrency. A folder
alone: no request at all. In a run over several apps, an app that cannot be read becomes a DATA003
finding and the run goes on; the exit code says so.
"""

import sys

from ..output.redaction import get_logger

from ..adapters import clock
from ..adapters.concurrency import bounded_map, gather
from ..doctor.catalog import run_checks
from ..doctor.subject import DEPLOYED, SOURCE, Subject
from ..output.results import doctor_result
from ..platform.appkind import LINUX, WINDOWS
from ..platform.errors import InvalidValue
from ..platform.logs import parse_since, reads_logs
from ..platform.problems import ERROR, INFO, SEVERITY_ORDER, WARNING
from ..platform.snapshot import AppRef, AppSnapshot
from ..platform.startup.prediction import offline_python
from .errors import TRANSLATED, translate
from .outcome import exit_non_zero_after_output
from .project import project_facts
from .requests import DoctorRequest
from .stacks import runtime_options
from .targets import GROUP, IDS, OFFLINE, doctor_targets, offline_python_version

logger = get_logger(__name__)
MAX_PARALLEL = 64
STDLIB = frozenset(sys.stdlib_module_names)      # FN014: imports the interpreter itself provides
UNREAD = "DATA003"


class Doctor:  # pylint: disable=too-many-instance-attributes  # a run's context and its per-subscription caches
    def __init__(self, cli_ctx, tree=None, source=None, max_parallel=16, *, cmd=None, logs=False, since=None):
        self.cli_ctx = cli_ctx
        self.cmd = cmd
        self.logs = logs                      # read the deployment and container logs of each app
        self.since = since                    # --since, ISO 8601 UTC (None: the container's last start)
        self.tree = tree                      # the local project (--source), read once
        self.source = source
        self.max_parallel = max_parallel
        self.today = clock.today()
        self._services = {}
        self._stacks = {}

    def service(self, subscription=None):
        if subscription not in self._services:
            from ..adapters.arm import AppService
            self._services[subscription] = AppService(self.cli_ctx, subscription)
        return self._services[subscription]

    def _result(self, subject):
        subject.stdlib = STDLIB
        return doctor_result(subject.predict(), self.source, run_checks(subject))

    def offline(self, python_version=None):
        facts = project_facts(self.tree)
        python, _ = offline_python(facts, python_version)
        return self._result(Subject(self.today, project=facts, project_origin=SOURCE, offline_python=python))

    def unreadable(self, ref, error):
        """The result for an app of a multi-app run that could not be read: one DATA003 finding."""
        message = getattr(translate(error, self.cmd), "error_msg", None) or str(error)
        return self._result(Subject(self.today, unread=ref, read_error=message))

    def checked(self, ref, listed_site=None):
        """app(), except that an app that cannot be read is a finding, not the end of the run."""
        try:
            return self.app(ref, listed_site)
        except TRANSLATED as error:
            return self.unreadable(ref, error)

    def app(self, ref: AppRef, listed_site=None):
        from ..adapters.errors import RequestFailed
        from .evidence import read_logs
        from .project import deployed_project, scm_site
        service = self.service(ref.subscription)
        snapshot = service.snapshot(ref) if listed_site is None else service.complete(ref, listed_site)
        kind = snapshot.kind
        subject = Subject(self.today, snapshot, since=self.since)
        list_files = self.tree is None and kind.platform == LINUX
        logs = self.logs and reads_logs(kind, snapshot.sku)
        kudu, refused = scm_site(self.cli_ctx, snapshot) if list_files or logs else (None, None)
        if self.tree is not None:
            subject.project, subject.project_origin = project_facts(self.tree, snapshot.settings), SOURCE

        def extensions():
            try:
                return [e.get("extension_id") or e.get("title") or e.get("name", "")
                        for e in service.list_site_extensions(ref)]
            except RequestFailed as failure:
                if failure.status == 404:
                    return []
                raise
        stacks, listing, subject.site_extensions, evidence = gather(
            (lambda: self._options(service, kind.is_function_app)) if kind.is_linux_code_app else None,
            (lambda: deployed_project(self.cli_ctx, snapshot, kudu)) if list_files and kudu else None,
            extensions if kind.platform == WINDOWS else None,
            (lambda: read_logs(kudu)) if logs and kudu else None)
        subject.stacks = stacks
        if listing:
            subject.project, subject.files_error = listing
            subject.project_origin = DEPLOYED if subject.project else None
        if refused:
            subject.files_error, subject.logs_error = (refused, None) if list_files else (None, refused)
        if evidence:
            subject.evidence, subject.logs_error = evidence
        return self._result(subject)

    def _options(self, service, functions):
        if functions not in self._stacks:
            self._stacks[functions] = runtime_options(self.cli_ctx, service, functions)
        return self._stacks[functions]

    def fleet(self, resource_group=None, progress=None):
        service = self.service()
        sites, stopped = service.list_sites(resource_group)
        chosen, skipped = [], []
        for site in sites:
            ref = _ref_of(site)
            (skipped if AppSnapshot(ref, site).runs_python is False else chosen).append((ref, site))
        logger.warning("Checking %d app(s); skipped %d that do not run Python (other runtimes or custom containers).",
                       len(chosen), len(skipped))
        for ref, _ in skipped:
            logger.info("Skipped %s (resource group %s): it does not run Python.", ref.label, ref.resource_group)
        for functions in {AppSnapshot(ref, site).kind.is_function_app for ref, site in chosen}:
            self._options(service, functions)          # warm the stacks once, before the workers start
        report = (lambda done, total: progress.add(message=f"Checked {done} of {total} apps", value=done,
                                                   total_val=total)) if progress else None
        results = bounded_map(lambda pair: self.checked(*pair), chosen, self.max_parallel, report)
        if stopped:
            where = f"resource group '{resource_group}'" if resource_group else "the subscription"
            results.append(self._result(Subject(self.today, read_error=f"The list of apps in {where} stopped early: "
                                                f"{stopped}; apps after that point were not checked.")))
        return results


def _ref_of(site):
    name, _, slot = (site.get("name") or "").partition("/")
    return AppRef(site.get("resourceGroup") or _group_of(site.get("id") or ""), name, slot or None)


def _group_of(resource_id):
    parts = resource_id.split("/")
    lowered = [p.lower() for p in parts]
    index = lowered.index("resourcegroups") + 1 if "resourcegroups" in lowered else None
    return parts[index] if index is not None and index < len(parts) else ""


def bounded(max_parallel):
    try:
        value = int(max_parallel)
    except (TypeError, ValueError):
        value = 0
    if not 1 <= value <= MAX_PARALLEL:
        raise InvalidValue("max_parallel", max_parallel, f"is not a whole number from 1 to {MAX_PARALLEL}")
    return value


def run(cli_ctx, request: DoctorRequest, cmd=None):
    """(results, whether one object was asked for): every argument is checked before any request."""
    from ..adapters.files import scan
    mode, refs, group = doctor_targets(request.targets, request.all_apps, request.source)
    python = offline_python_version(request.python_version, mode == OFFLINE)
    limit = bounded(request.max_parallel)
    since = parse_since(request.since, clock.utc_now()) if request.since is not None else None
    checker = Doctor(cli_ctx, scan(request.source) if request.source else None, request.source, limit, cmd=cmd,
                     since=since)
    if mode == OFFLINE:
        return [checker.offline(python)], True
    single = len(refs) == 1
    checker.logs = request.logs is not False if single else request.logs is True      # on for one app only
    if single:
        return [checker.app(refs[0])], True
    if mode == IDS:
        return bounded_map(checker.checked, refs, limit), False
    progress = cli_ctx.get_progress_controller(det=True) if sys.stderr.isatty() else None
    try:
        return checker.fleet(group if mode == GROUP else None, progress), False
    finally:
        if progress:
            progress.end()


def conclude(cli_ctx, results, single, fail_on, min_severity):
    """The results to print: the exit code set from every finding, then the findings below --min-severity left out,
    and for several apps the one-line summary on stderr."""
    set_exit_code(cli_ctx, results, fail_on)
    visible = shown(results, min_severity, single)
    if not single:
        log_summary(results, visible)
    return visible


def shown(results, min_severity, single):
    """The results with only the findings at `min_severity` or worse (default: every finding for one target, warnings
    and errors for several, where info findings would bury the rest). `summary` still counts every finding."""
    threshold = SEVERITY_ORDER[min_severity or (INFO if single else WARNING)]
    return [dict(result, findings=[f for f in result["findings"] if SEVERITY_ORDER[f["severity"]] <= threshold])
            for result in results]


def log_summary(results, shown_results):
    """One line on stderr for a run over several apps: how many were checked, how many need attention, and what the
    severity filter left out (the skipped apps are named with --verbose)."""
    totals = {severity: sum(r["summary"][severity] for r in results) for severity in SEVERITY_ORDER}
    with_errors = sum(1 for r in results if r["summary"][ERROR])
    with_warnings = sum(1 for r in results if r["summary"][WARNING] and not r["summary"][ERROR])
    hidden = sum(len(r["findings"]) for r in results) - sum(len(r["findings"]) for r in shown_results)
    logger.warning("Checked %d app(s): %d with errors, %d more with warnings; %d error(s), %d warning(s), %d info%s.",
                   len(results), with_errors, with_warnings, totals[ERROR], totals[WARNING], totals[INFO],
                   f" ({hidden} below --min-severity not shown)" if hidden else "")


def set_exit_code(cli_ctx, results, fail_on):
    """Apps that could not be read make the exit code 1; so do findings at --fail-on or worse. The output is
    printed in full either way."""
    unread = sum(1 for result in results for finding in result["findings"] if finding["code"] == UNREAD)
    if unread:
        exit_non_zero_after_output(cli_ctx, f"{unread} app(s) could not be read ({UNREAD}).")
        return
    if not fail_on:
        return
    threshold = SEVERITY_ORDER[fail_on]
    count = sum(1 for result in results for finding in result["findings"]
                if SEVERITY_ORDER[finding["severity"]] <= threshold)
    if count:
        exit_non_zero_after_output(cli_ctx, f"{count} finding(s) at or above '{fail_on}' (--fail-on {fail_on}).")
