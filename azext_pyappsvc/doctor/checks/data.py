# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Data sources — DATA: what could not be read, so that the checks needing it were skipped."""

from ...platform.functions import LOCAL_SETTINGS, local_settings_unreadable, v2_script
from ...platform.problems import ERROR, INFO, WARNING
from ..catalog import Finding, Fix, check


@check("DATA001", WARNING, "App settings could not be read")
def data001(subject):
    error = subject.snapshot.settings_error
    if error:
        return Finding(f"{error} The checks that need them were skipped.",
                       Fix.describe("Run doctor with an identity that has the 'Website Contributor' role on the app."))
    return None


@check("DATA003", ERROR, "The app could not be read", needs=())
def data003(subject):
    if subject.read_error:
        return Finding(f"{subject.read_error} The other apps of the run were checked.")
    return None


@check("DATA002", INFO, "Files or logs could not be read", needs=())
def data002(subject):
    logs = f" {subject.logs_error} The LOG checks were skipped." if subject.logs_error else ""
    if subject.files_error:
        return Finding(f"{subject.files_error} The checks that need the project's files were skipped.{logs}",
                       Fix.describe("Pass --source with a local copy of the project."))
    if logs:
        return Finding(logs.strip(), Fix.describe("Run doctor with an identity that has the 'Website Contributor' "
                                                  "role on the app, from a network that can reach its SCM site."))
    project = subject.project
    odd_local_settings = local_settings_unreadable(project)
    script = v2_script(subject.settings)
    broken_script = project is not None and project.text(script) is not None and project.shape(script) is None
    if project is None or not (project.tree.unreadable or project.tree.truncated or odd_local_settings
                               or broken_script):
        return None
    parts = [f"{LOCAL_SETTINGS} is not a JSON object (the Functions checks read no Values from it)"] \
        if odd_local_settings else []
    if broken_script:
        parts.append(f"{script} does not parse as Python (the worker cannot index it; its imports were not "
                     "checked)")
    if project.tree.unreadable:
        names = sorted(project.tree.unreadable)
        more = f" ({len(names) - 5} more)" if len(names) > 5 else ""
        parts.append(f"{', '.join(names[:5])} could not be read as text{more}")
    if project.tree.truncated:
        parts.append("the project is larger than doctor reads, so only part of it was checked")
    return Finding(f"Project files: {'; '.join(parts)}. The checks that need those files stayed silent.")
