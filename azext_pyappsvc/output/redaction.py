# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""The one redaction path: every string pyappsvc prints - results, errors, warnings and the debug lines it writes,
fixes, the report - passes through here (rules in platform/redact.py).

Its own text (`text`, `line`, `tree`) has every credential masked; it never holds the value of an unmanaged
setting by construction (platform/settings.py visible_value). What Azure says (`azure_text`: error messages, the
--debug trace) may echo anything we sent or read, so it is also scrubbed of every unmanaged setting's value and
named pair read during this command (adapters/seen.py). Scrubbing our own text of those values would mask an app
name or a resource group that happens to equal one (APP_NAME=py-web) and break the fixes."""

import logging

from knack.log import get_logger as _knack_logger

from ..adapters import seen
from ..platform.redact import mask_credentials, one_line, scrub


def text(value: str) -> str:
    return mask_credentials(value)


def azure_text(value: str) -> str:
    """Something Azure said, with every unmanaged setting's value and every credential masked."""
    return scrub(value, seen.secrets(), seen.names())


def line(value: str) -> str:
    """A message for stderr: redacted, and on one line whatever it quotes."""
    return one_line(text(value))


def tree(value, _done=None):
    """A result with every string in it redacted (dict keys too: a key can be a value in disguise) and its control
    characters escaped: az prints table and tsv output raw, so a file name holding ESC would drive the terminal.
    A string met again in the same result is redacted once (a fleet's results repeat codes, titles and keys)."""
    done = {} if _done is None else _done
    if isinstance(value, str):
        if value not in done:
            done[value] = line(value)
        return done[value]
    if isinstance(value, dict):
        return {tree(k, done) if isinstance(k, str) else k: tree(v, done) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [tree(item, done) for item in value]
    return value


class _RedactingFilter(logging.Filter):  # pylint: disable=too-few-public-methods
    def filter(self, record):
        record.msg, record.args = line(record.getMessage()), ()
        return True


class _ScrubbingFilter(logging.Filter):  # pylint: disable=too-few-public-methods
    def filter(self, record):
        record.msg, record.args = azure_text(record.getMessage()), ()
        return True


_FILTER = _RedactingFilter()
# az's network trace under --debug: request and response bodies (SafeNetworkTraceLoggingPolicy); pyappsvc keeps
# app settings out of it (adapters/arm.py `quiet`), and scrubs whatever else an answer echoes
SDK_TRACE_LOGGERS = ("cli.azure.cli.core.sdk.policies", "azure.core.pipeline.policies.http_logging_policy")
_SCRUB = _ScrubbingFilter()


def scrub_sdk_trace():
    """Scrub az's and azure-core's --debug trace of secrets and credentials for the rest of the process."""
    for name in SDK_TRACE_LOGGERS:
        logger = logging.getLogger(name)
        if _SCRUB not in logger.filters:
            logger.addFilter(_SCRUB)


def get_logger(name):
    """knack's logger for `name`, whose every line is redacted before any handler sees it."""
    logger = _knack_logger(name)
    if _FILTER not in logger.filters:
        logger.addFilter(_FILTER)
    return logger


def redact_error(error):
    """A CLI error with its message and recommendations redacted."""
    if hasattr(error, "error_msg"):
        error.error_msg = line(str(error.error_msg))
        error.recommendations = [line(str(r)) for r in getattr(error, "recommendations", [])]
        error.args = (error.error_msg,)
    return error
