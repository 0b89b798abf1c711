# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Fix builders: every command a finding suggests is an argv list naming the subject's app."""

from ..platform.build_settings import FIELD_OF_SETTING
from .catalog import Fix
from .subject import Subject


def option(field_name: str) -> str:
    """The command-line spelling of a request field (`build_on_deploy` -> `--build-on-deploy`)."""
    return f"--{field_name.replace('_', '-')}"


def set_build_option(setting: str) -> str:
    """The set-build option that writes an app setting."""
    return option(FIELD_OF_SETTING[setting])


def pyappsvc(subject: Subject, command: str, *words) -> Fix:
    return Fix.command(["az", "pyappsvc", command] + subject.target_args + [str(w) for w in words])


def az(subject: Subject, group, *words) -> Fix:
    """A core az command on the subject's app: `group` is the words before the target (`webapp update`)."""
    return Fix.command(["az"] + group.split() + subject.target_args + [str(w) for w in words])


def app_settings(subject: Subject, *assignments) -> Fix:
    """Setting app settings with core az (for settings pyappsvc does not manage)."""
    group = "functionapp" if subject.is_function_app else "webapp"
    return az(subject, f"{group} config appsettings set", "--settings", *assignments)
