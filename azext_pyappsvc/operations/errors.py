# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""The one error translator: domain errors (platform.errors), adapter errors and SDK errors become the
CLI's typed errors, in one line that names the option (as the user spelled it on the command line) or
the app, with any fix in `recommendation=`."""

import contextlib
import shlex

from ..adapters.errors import RequestFailed, UnexpectedResponse
from ..adapters.files import SourceUnreadable
from ..platform.errors import (Blocked, ConflictingValues, InvalidValue, MissingValue, NotPermitted, PlatformError,
                               Refused)

from .writes import UnconfirmedWrite

# Everything an operation may raise that becomes one of the CLI's typed errors here.
TRANSLATED = (PlatformError, SourceUnreadable, RequestFailed, UnexpectedResponse, UnconfirmedWrite)


def option_name(cmd, parameter: str) -> str:
    """How `parameter` (a command function argument) is spelled on the command line: the spelling the user typed
    (`--runtime` for set-runtime's version), else its first option."""
    argument = (getattr(cmd, "arguments", None) or {}).get(parameter)
    options = getattr(getattr(argument, "type", None), "settings", {}).get("options_list") if argument else None
    if options:
        spellings = [option if isinstance(option, str) else str(option) for option in options]
        typed = getattr(getattr(cmd, "cli_ctx", None), "data", {}).get("safe_params") or []
        return next((option for option in spellings if option in typed), spellings[0])
    return "--" + parameter.replace("_", "-")


@contextlib.contextmanager
def translated(cmd):
    """Run a command: nothing remembered from an earlier one in this process, az's --debug trace scrubbed, and
    whatever it raises leaves as one of the CLI's typed errors, redacted."""
    from ..adapters import seen
    from ..output.redaction import redact_error, scrub_sdk_trace
    seen.forget()
    scrub_sdk_trace()
    try:
        yield
    except TRANSLATED as error:
        raise redact_error(translate(error, cmd)) from None


def translate(error, cmd):  # pylint: disable=too-many-return-statements  # one branch per error type
    from azure.cli.core import azclierror as errors
    if isinstance(error, InvalidValue):
        accepted = f"; use {error.accepted}" if error.accepted else ""
        if error.alternative:
            accepted += f" (or pass {option_name(cmd, error.alternative)})"
        return errors.InvalidArgumentValueError(f"{option_name(cmd, error.parameter)} {error.value!r} "
                                                f"{error.reason}{accepted}.")
    if isinstance(error, MissingValue):
        names = [option_name(cmd, p) for p in error.parameters]
        quantity = "exactly one of" if error.exactly_one else "at least one of"
        which = names[0] if len(names) == 1 else f"{quantity} {', '.join(names)}"
        return errors.RequiredArgumentMissingError(f"Give {which}.{' ' + error.reason if error.reason else ''}")
    if isinstance(error, ConflictingValues):
        reason = error.reason or f"give only one of {', '.join(option_name(cmd, p) for p in error.choices)}"
        return errors.MutuallyExclusiveArgumentError(
            f"{', '.join(option_name(cmd, p) for p in error.parameters)}: {reason}.")
    if isinstance(error, Refused):
        recommendation = error.recommendation
        if isinstance(recommendation, (list, tuple)):
            recommendation = shlex.join(recommendation)
        return errors.ValidationError(error.message, recommendation=recommendation)
    if isinstance(error, NotPermitted):
        return errors.ForbiddenError(error.message, recommendation=error.recommendation)
    if isinstance(error, Blocked):
        errors_found = [p for p in error.problems if p.is_error]
        more = f" ({len(errors_found) - 1} more)" if len(errors_found) > 1 else ""
        return errors.ValidationError(f"{errors_found[0].message}{more}",
                                      recommendation="Fix the command, or pass --force to write it anyway.")
    if isinstance(error, SourceUnreadable):
        return errors.FileOperationError(
            f"{option_name(cmd, 'source')} {error.root!r}: cannot be read ({error.reason}).")
    if isinstance(error, UnexpectedResponse):
        return errors.AzureResponseError(f"Azure's answer about {_about(error.ref)} is not what this tool reads "
                                         f"({error.what}: {error.detail}); nothing was written.")
    if isinstance(error, UnconfirmedWrite):
        return unconfirmed(error)
    return request_failed(error.ref, error.error, error.write)


def _retried(status) -> bool:
    """Whether azure-core's RetryPolicy retried this answer (RetryPolicy.is_retry: its safe list)."""
    return status in (408, 429, 500, 502, 503, 504)


def _about(ref):
    return f"app '{ref.label}'" if ref else "the request"


def _cause(error):
    if error is None:
        return "Azure's answer did not show the change"
    if isinstance(error, UnexpectedResponse):
        return f"its answer was not readable ({error.detail}) after retries"
    status = getattr(error.error, "status_code", None)
    return f"Azure answered {status} after retries" if status else \
        f"the connection failed after retries ({_first_line(error.error)})"


def unconfirmed(error: "UnconfirmedWrite"):
    """A write that failed after it may have reached Azure, with what a re-read shows."""
    from azure.cli.core import azclierror as errors
    if not error.read_back:
        return errors.AzureResponseError(
            f"The change of {error.what} for {_about(error.ref)} may or may not have been applied: "
            f"{_cause(error.cause)}, and reading it back failed too.",
            recommendation="Check the app's state with az pyappsvc show, then run the command again.")
    return errors.AzureResponseError(f"The change of {error.what} for {_about(error.ref)} was not applied: "
                                     f"{_cause(error.cause)}, and reading it back shows it is not in place.")


def request_failed(ref, error, write=False):
    """An SDK error about `ref` (None: not about one app) as a typed, one-line error naming the app; a write's says
    that nothing was changed (one that may have been is an UnconfirmedWrite instead)."""
    from azure.core.exceptions import (HttpResponseError, ResourceNotFoundError as SdkNotFound, ServiceRequestError,
                                       ServiceResponseError)
    from azure.cli.core import azclierror as errors
    what = _about(ref)
    if isinstance(error, SdkNotFound) and ref:
        where = f"slot '{ref.slot}' of app '{ref.name}'" if ref.slot else f"app '{ref.name}'"
        return errors.ResourceNotFoundError(f"The {where} was not found in resource group '{ref.resource_group}'.")
    if isinstance(error, HttpResponseError) and error.status_code == 403:
        return errors.ForbiddenError(f"Access to {what} was denied: {_first_line(error)}",
                                     recommendation="Check the role assignments of your identity on the app: reading "
                                                    "needs 'Reader', changing it 'Website Contributor'.")
    if isinstance(error, HttpResponseError):
        retried = " after retries" if _retried(error.status_code) else ""
        unchanged = "; nothing was changed by this request" if write else ""
        return errors.AzureResponseError(f"Azure answered {error.status_code} for {what}{retried}{unchanged}: "
                                         f"{_first_line(error)}")
    if isinstance(error, (ServiceRequestError, ServiceResponseError)):
        return errors.AzureConnectionError(f"The connection to Azure failed for {what}: {_first_line(error)}")
    return error


def _first_line(error):
    """The first non-blank line of Azure's message (which may be missing, blank, or not even a string), scrubbed:
    Azure may echo the request body, every app setting in it."""
    from ..output.redaction import azure_text
    message = getattr(getattr(error, "error", None), "message", None)
    if not isinstance(message, str) or not message.strip():
        try:
            message = str(error)
        except Exception:  # pylint: disable=broad-except  # a str() of an SDK error built from an odd body
            message = ""
    lines = [line.strip() for line in azure_text(message).splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__
