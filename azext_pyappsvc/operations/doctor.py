# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""doctor: gather the facts of each target once, concurrently, then let the catalog speak.

One app: site, config/web and app settings in one round trip, then the stacks (disk cache), the
deployed-file listing and, for Windows apps, the site extensions. A group or a subscription: one
paged list of sites, non-Python apps skipped, the rest checked with bounded concurrency. A folder
alone: no request at all.
"""

import sys

from knack.log import get_logger

from ..adapters import clock
from ..adapters.concurrency import bounded_map, gather
from ..doctor.catalog import run_checks
from ..doctor.subject import DEPLOYED, SOURCE, Subject
from ..output.results import doctor_result
from ..platform.appkind import LINUX, WINDOWS
from ..platform.errors import InvalidValue
from ..platform.problems import SEVERITY_ORDER
from ..platform.snapshot import AppRef, AppSnapshot
from .requests import DoctorRequest
from .stacks import runtime_options
from .targets import APP, GROUP, IDS, OFFLINE, doctor_mode, refs_from_ids

logger = get_logger(__name__)
MAX_PARALLEL = 64


class Doctor:
    def __init__(self, cli_ctx, project=None, source=None, max_parallel=16):
        self.cli_ctx = cli_ctx
        self.project = project
        self.source = source
        self.max_parallel = max_parallel
        self.today = clock.today()
        self._service = None
        self._stacks = {}

    @property
    def service(self):
        if self._service is None:
            from ..adapters.arm import AppService
            self._service = AppService(self.cli_ctx)
        return self._service

    def _result(self, subject):
        return doctor_result(subject.predict(), self.source, run_checks(subject))

    def offline(self):
        return self._result(Subject(self.today, project=self.project, project_origin=SOURCE))

    def app(self, ref: AppRef, listed_site=None):
        from ..adapters.errors import RequestFailed
        from .project import deployed_project
        service = self.service
        snapshot = service.snapshot(ref) if listed_site is None else service.complete(ref, listed_site)
        kind = snapshot.kind
        subject = Subject(self.today, snapshot)
        if self.project is not None:
            subject.project, subject.project_origin = self.project, SOURCE

        def extensions():
            try:
                return [e.get("extension_id") or e.get("title") or e.get("name", "")
                        for e in service.list_site_extensions(ref)]
            except RequestFailed as failure:
                if failure.status == 404:
                    return []
                raise
        stacks, listing, subject.site_extensions = gather(
            (lambda: self._options(kind.is_function_app)) if kind.is_linux_code_app else None,
            (lambda: deployed_project(self.cli_ctx, snapshot)) if self.project is None and kind.platform == LINUX
            else None,
            extensions if kind.platform == WINDOWS else None)
        subject.stacks = stacks
        if listing:
            subject.project, subject.files_error = listing
            subject.project_origin = DEPLOYED if subject.project else None
        return self._result(subject)

    def _options(self, functions):
        if functions not in self._stacks:
            self._stacks[functions] = runtime_options(self.cli_ctx, self.service, functions)
        return self._stacks[functions]

    def fleet(self, resource_group=None, progress=None):
        chosen, skipped = [], 0
        for site in self.service.list_sites(resource_group):
            ref = _ref_of(site)
            if AppSnapshot(ref, site).runs_python is False:
                skipped += 1
            else:
                chosen.append((ref, site))
        logger.warning("Checking %d app(s); skipped %d that do not run Python (other runtimes or custom containers).",
                       len(chosen), skipped)
        for functions in {AppSnapshot(ref, site).kind.is_function_app for ref, site in chosen}:
            self._options(functions)          # warm the stacks once, before the workers start
        report = (lambda done, total: progress.add(message="Checked {} of {} apps".format(done, total), value=done,
                                                   total_val=total)) if progress else None
        return bounded_map(lambda pair: self.app(*pair), chosen, self.max_parallel, report)


def _ref_of(site):
    name, _, slot = (site.get("name") or "").partition("/")
    return AppRef(site.get("resourceGroup") or _group_of(site.get("id", "")), name, slot or None)


def _group_of(resource_id):
    parts = resource_id.split("/")
    lowered = [p.lower() for p in parts]
    return parts[lowered.index("resourcegroups") + 1] if "resourcegroups" in lowered else ""


def bounded(max_parallel):
    try:
        value = int(max_parallel)
    except (TypeError, ValueError):
        value = 0
    if not 1 <= value <= MAX_PARALLEL:
        raise InvalidValue("max_parallel", max_parallel, "is not a whole number from 1 to {}".format(MAX_PARALLEL))
    return value


def run(cli_ctx, request: DoctorRequest):
    """(results, whether one object was asked for): every argument is checked before any request."""
    from .project import local_project
    mode = doctor_mode(request.resource_group, request.name, request.ids, request.all_apps, request.source)
    refs = refs_from_ids(request.ids) if mode == IDS else [AppRef(request.resource_group, request.name,
                                                                  request.slot)]
    limit = bounded(request.max_parallel)
    checker = Doctor(cli_ctx, local_project(request.source) if request.source else None, request.source, limit)
    if mode == OFFLINE:
        return [checker.offline()], True
    if mode in (IDS, APP):
        return [checker.app(ref) for ref in refs], mode == APP
    progress = cli_ctx.get_progress_controller(det=True) if sys.stderr.isatty() else None
    try:
        return checker.fleet(request.resource_group if mode == GROUP else None, progress), False
    finally:
        if progress:
            progress.end()


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
