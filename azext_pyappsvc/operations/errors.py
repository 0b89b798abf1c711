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
    """How `parameter` (a command function argument) is spelled on the command line: its first option."""
    argument = (getattr(cmd, "arguments", None) or {}).get(parameter)
    options = getattr(getattr(argument, "type", None), "settings", {}).get("options_list") if argument else None
    if options:
        first = options[0]
        return first if isinstance(first, str) else str(first)
    return "--" + parameter.replace("_", "-")


@contextlib.contextmanager
def translated(cmd):
    """Run an operation; whatever it raises leaves as one of the CLI's typed errors."""
    try:
        yield
    except TRANSLATED as error:
        raise translate(error, cmd) from None


def translate(error, cmd):
    from azure.cli.core import azclierror as errors
    if isinstance(error, InvalidValue):
        accepted = "; use {}".format(error.accepted) if error.accepted else ""
        if error.alternative:
            accepted += " (or pass {})".format(option_name(cmd, error.alternative))
        return errors.InvalidArgumentValueError("{} {!r} {}{}.".format(option_name(cmd, error.parameter),
                                                                        error.value, error.reason, accepted))
    if isinstance(error, MissingValue):
        names = [option_name(cmd, p) for p in error.parameters]
        which = names[0] if len(names) == 1 else "{} {}".format(
            "exactly one of" if error.exactly_one else "at least one of", ", ".join(names))
        return errors.RequiredArgumentMissingError("Give {}.{}".format(which, " " + error.reason if error.reason
                                                                         else ""))
    if isinstance(error, ConflictingValues):
        reason = error.reason or "give only one of {}".format(", ".join(option_name(cmd, p) for p in error.choices))
        return errors.MutuallyExclusiveArgumentError("{}: {}.".format(
            ", ".join(option_name(cmd, p) for p in error.parameters), reason))
    if isinstance(error, Refused):
        recommendation = error.recommendation
        if isinstance(recommendation, (list, tuple)):
            recommendation = shlex.join(recommendation)
        return errors.ValidationError(error.message, recommendation=recommendation)
    if isinstance(error, NotPermitted):
        return errors.ForbiddenError(error.message)
    if isinstance(error, Blocked):
        errors_found = [p for p in error.problems if p.is_error]
        more = "{} more; ".format(len(errors_found) - 1) if len(errors_found) > 1 else ""
        return errors.ValidationError("{} ({}--force writes anyway)".format(errors_found[0].message, more))
    if isinstance(error, SourceUnreadable):
        return errors.FileOperationError("{} {}: cannot be read ({}).".format(option_name(cmd, "source"),
                                                                              error.root, error.reason))
    if isinstance(error, UnexpectedResponse):
        return errors.AzureResponseError("Azure's answer about {} is not what this tool reads ({}: {}); nothing was "
                                         "written.".format(_about(error.ref), error.what, error.detail))
    if isinstance(error, UnconfirmedWrite):
        return unconfirmed(error)
    return request_failed(error.ref, error.error)


def _about(ref):
    return "app '{}'".format(ref.label) if ref else "the request"


def _cause(error):
    if isinstance(error, UnexpectedResponse):
        return "its answer was not readable ({})".format(error.detail)
    status = getattr(error.error, "status_code", None)
    return "Azure answered {}".format(status) if status else "the connection failed ({})".format(
        _first_line(error.error))


def unconfirmed(error: "UnconfirmedWrite"):
    """A write that failed after it may have reached Azure, with what a re-read shows."""
    from azure.cli.core import azclierror as errors
    if error.state is None:
        return errors.AzureResponseError(
            "The change of {} for {} may or may not have been applied: {} after retries, and reading it back "
            "failed too.".format(error.what, _about(error.ref), _cause(error.cause)),
            recommendation="Check the app's state with az pyappsvc show, then run the command again.")
    return errors.AzureResponseError("The change of {} for {} was not applied: {} after retries, and reading it "
                                     "back shows it unchanged.".format(error.what, _about(error.ref),
                                                                        _cause(error.cause)))


def request_failed(ref, error):
    """An SDK error about `ref` (None: not about one app) as a typed, one-line error naming the app."""
    from azure.core.exceptions import (HttpResponseError, ResourceNotFoundError as SdkNotFound, ServiceRequestError,
                                       ServiceResponseError)
    from azure.cli.core import azclierror as errors
    what = _about(ref)
    if isinstance(error, SdkNotFound) and ref:
        where = "slot '{}' of app '{}'".format(ref.slot, ref.name) if ref.slot else "app '{}'".format(ref.name)
        return errors.ResourceNotFoundError("The {} was not found in resource group '{}'.".format(
            where, ref.resource_group))
    if isinstance(error, HttpResponseError) and error.status_code == 403:
        return errors.ForbiddenError("Access to {} was denied: {}".format(what, _first_line(error)))
    if isinstance(error, HttpResponseError):
        return errors.AzureResponseError("Azure answered {} for {} after retries; nothing was changed by this "
                                         "request: {}".format(error.status_code, what, _first_line(error)))
    if isinstance(error, (ServiceRequestError, ServiceResponseError)):
        return errors.AzureConnectionError("The connection to Azure failed for {}: {}".format(
            what, _first_line(error)))
    return error


def _first_line(error):
    message = getattr(getattr(error, "error", None), "message", None) or str(error)
    lines = message.strip().splitlines()
    return lines[0] if lines else type(error).__name__
