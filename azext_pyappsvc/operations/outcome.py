# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""How a command ends: one target's result, or several targets' results where one failing does not stop the
others, and an exit code that says what happened even though the output is printed in full."""

from ..output.redaction import get_logger

from .errors import TRANSLATED, translate

logger = get_logger(__name__)


def exit_non_zero_after_output(cli_ctx, message):
    """Print the result as usual, then exit with code 1 and `message` as the error line.

    knack prints the result, then raises Cli.SuccessfulExecute inside its error handling, where a
    SystemExit becomes the process exit code."""
    from knack.events import EVENT_CLI_SUCCESSFUL_EXECUTE

    def fail(_cli_ctx, **_):
        _cli_ctx.unregister_event(EVENT_CLI_SUCCESSFUL_EXECUTE, fail)
        logger.error(message)
        raise SystemExit(1)
    cli_ctx.register_event(EVENT_CLI_SUCCESSFUL_EXECUTE, fail)


def each_target(cmd, refs, run):
    """run(ref) for every target. One target: its result, or its error. Several: the list of results; a target
    that fails is reported on its own line and the others still run; the exit code is then 1."""
    if len(refs) == 1:
        return run(refs[0])
    results, failed = [], 0
    for ref in refs:
        try:
            results.append(run(ref))
        except TRANSLATED as error:
            failed += 1
            logger.error("%s: %s", ref.label, getattr(translate(error, cmd), "error_msg", error))
    if failed:
        exit_non_zero_after_output(cmd.cli_ctx, f"{failed} of {len(refs)} apps failed.")
    return results
