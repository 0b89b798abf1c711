# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Domain errors: what is wrong, in terms of the value and the parameter, never of a CLI flag.

The operations layer translates them into the CLI's typed errors (operations/errors.py), naming the
option the parameter is spelled as on the command line. Modelled on pypa/packaging's InvalidVersion.
"""

from typing import Optional, Sequence


class PlatformError(Exception):
    """Base of every error the platform rules raise."""


class InvalidValue(PlatformError):
    """`value` is not acceptable for `parameter` (a request field): `reason` says why, `accepted` what is."""

    def __init__(self, parameter: str, value, reason: str, accepted: Optional[str] = None, *,
                 alternative: Optional[str] = None):
        super().__init__(f"{parameter} {value!r}: {reason}")
        self.parameter, self.value, self.reason, self.accepted = parameter, value, reason, accepted
        self.alternative = alternative      # another parameter that makes the value acceptable


class MissingValue(PlatformError):
    """None of `parameters` was given, and one (or, with `exactly_one`, exactly one) is needed."""

    def __init__(self, parameters: Sequence[str], exactly_one: bool = False, reason: Optional[str] = None):
        super().__init__(", ".join(parameters))
        self.parameters, self.exactly_one, self.reason = tuple(parameters), exactly_one, reason


class ConflictingValues(PlatformError):
    """`parameters` cannot be combined (`reason` says why); with `choices`, only one of them may be given."""

    def __init__(self, parameters: Sequence[str], reason: str = "", choices: Sequence[str] = ()):
        super().__init__(reason)
        self.parameters, self.reason, self.choices = tuple(parameters), reason, tuple(choices)


class Refused(PlatformError):
    """The app cannot be changed this way (a Windows app, a custom container, another Functions worker...).

    `recommendation` is an argv (a command to run) or a sentence, never a command built as a string."""

    def __init__(self, message: str, recommendation=None):
        super().__init__(message)
        self.message, self.recommendation = message, recommendation


class NotPermitted(PlatformError):
    """The caller's identity may not read or change what the command needs; `recommendation` names the role."""

    def __init__(self, message: str, recommendation: Optional[str] = None):
        super().__init__(message)
        self.message, self.recommendation = message, recommendation


class Blocked(PlatformError):
    """Checks found problems that stop the write (unless forced); `problems` are the platform Problems."""

    def __init__(self, problems):
        super().__init__(problems[0].message if problems else "")
        self.problems = list(problems)
