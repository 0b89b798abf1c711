# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Everything known about one doctor target: the app (a platform AppSnapshot) and/or the project (a
platform ProjectFacts), plus what was derived from them. Any part may be missing: a check that needs
it does not run."""

from dataclasses import dataclass
from datetime import date
from typing import FrozenSet, List, Optional

from ..platform.appkind import FLEX, LINUX, AppKind
from ..platform.build import BuildPrediction, predict_build
from ..platform.functions import looks_like_functions_project
from ..platform.logs import LogEvidence, LogSignal, log_context, read_evidence
from ..platform.project import ProjectFacts
from ..platform.runtimes import RuntimeOption
from ..platform.snapshot import AppRef, AppSnapshot
from ..platform.startup.prediction import StartupPrediction, predict

SOURCE, DEPLOYED = "source", "deployed"
OFFLINE_TARGET = ("-g", "<resource-group>", "-n", "<app>")


@dataclass
class Subject:  # pylint: disable=too-many-instance-attributes  # a plain record of what doctor knows of one app
    today: date
    snapshot: Optional[AppSnapshot] = None
    project: Optional[ProjectFacts] = None
    project_origin: Optional[str] = None          # SOURCE | DEPLOYED
    stacks: Optional[List[RuntimeOption]] = None  # the catalogue entries for this app's kind
    site_extensions: Optional[List[str]] = None   # Windows apps: installed site extension ids
    files_error: Optional[str] = None             # why the deployed files could not be listed
    build: Optional[BuildPrediction] = None
    startup: Optional[StartupPrediction] = None
    evidence: Optional[LogEvidence] = None        # what the SCM site says happened (deployment, container logs)
    logs_error: Optional[str] = None              # why it could not be read
    since: Optional[str] = None                   # --since: evidence from this moment (None: the last start)
    signals: Optional[List[LogSignal]] = None     # what the evidence shows, read against the configuration
    unread: Optional[AppRef] = None               # an app of a fleet or --ids run that could not be read at all
    read_error: Optional[str] = None              # why (one line, already translated for the user)
    stdlib: FrozenSet[str] = frozenset()          # the standard library's top-level modules (FN014), from the caller
    offline_python: Optional[str] = None          # no app: --python-version or the project's pins

    @property
    def ref(self) -> Optional[AppRef]:
        return self.snapshot.ref if self.snapshot else self.unread

    @property
    def has_app(self) -> bool:
        return self.snapshot is not None

    @property
    def kind(self) -> Optional[AppKind]:
        return self.snapshot.kind if self.snapshot else None

    @property
    def site(self) -> dict:
        return self.snapshot.site if self.snapshot else {}

    @property
    def config(self) -> dict:
        return self.snapshot.config if self.snapshot else {}

    @property
    def settings(self) -> Optional[dict]:
        return self.snapshot.settings if self.snapshot else None

    @property
    def python(self) -> Optional[str]:
        return self.snapshot.python_version if self.snapshot else self.offline_python

    @property
    def is_function_app(self) -> bool:
        if self.snapshot is not None:
            return self.kind.is_function_app
        return looks_like_functions_project(self.project)

    @property
    def linux_code_app(self) -> bool:
        return self.snapshot is not None and self.kind.is_linux_code_app

    @property
    def app_command(self) -> str:
        return self.snapshot.app_command_line if self.snapshot else ""

    @property
    def target_args(self) -> List[str]:
        """The words that name this app in a fix (placeholders offline)."""
        return self.ref.cli_args() if self.ref else list(OFFLINE_TARGET)

    def predict(self) -> "Subject":
        """Fill in the predicted build and startup the checks reason about."""
        kind = self.kind
        if kind is None or kind.is_linux_code_app:
            self.build = predict_build(self.project, self.settings, self.is_function_app,
                                       kind is not None and kind.platform == FLEX, self.config.get("scmType"))
        if not self.is_function_app and (kind is None or kind.platform == LINUX):
            if self.project is not None or self.app_command or kind is not None:
                self.startup = predict(self.app_command, self.project, self.settings, self.python)
        if self.evidence is not None:
            tree = self.project.tree if self.project else None
            context = log_context(self.startup.module if self.startup else None, tree.files if tree else (),
                                  tree.dirs if tree else (), self.settings)
            self.signals = read_evidence(self.evidence, context, self.since)
        return self
