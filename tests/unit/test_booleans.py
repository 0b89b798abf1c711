"""Every boolean dialect: what each reader accepts, rejects, and makes of an empty value (booleans.py)."""

import pytest

from azext_pyappsvc.platform.booleans import APP_CONVENTION, CLI_INPUT, GO, KUDU, ORYX, WORKER


@pytest.mark.parametrize("dialect, value, parsed, rejected", [
    # Kudu IsTrueLike/IsFalseLike: 1/true, 0/false, any case, no trimming; anything else is simply not true
    (KUDU, "1", True, False), (KUDU, "TRUE", True, False), (KUDU, "0", False, False), (KUDU, "False", False, False),
    (KUDU, " true", False, False), (KUDU, "yes", False, False), (KUDU, "", None, False), (KUDU, None, None, False),
    # .NET bool.TryParse: true/false only, any case, trimmed; empty is false; anything else fails the build
    (ORYX, "true", True, False), (ORYX, " TRUE ", True, False), (ORYX, "false", False, False),
    (ORYX, "", False, False), (ORYX, None, False, False), (ORYX, "1", None, True), (ORYX, "yes", None, True),
    (ORYX, "0", None, True),
    # Go strconv.ParseBool: exact spellings; empty is false; anything else panics the generator
    (GO, "1", True, False), (GO, "t", True, False), (GO, "T", True, False), (GO, "TRUE", True, False),
    (GO, "True", True, False), (GO, "0", False, False), (GO, "F", False, False), (GO, "", False, False),
    (GO, "tRuE", None, True), (GO, "yes", None, True), (GO, " true", None, True),
    # the Functions worker's is_true_like: 1/true/t/yes/y, any case; everything else false, never an error
    (WORKER, "yes", True, False), (WORKER, "Y", True, False), (WORKER, "1", True, False), (WORKER, "on", False, False),
    (WORKER, "no", False, False), (WORKER, "", False, False),
    # what apps usually do with DEBUG-style variables
    (APP_CONVENTION, " On ", True, False), (APP_CONVENTION, "false", False, False),
    # what set-build accepts from the user
    (CLI_INPUT, "Yes", True, False), (CLI_INPUT, "off", False, False), (CLI_INPUT, " f ", False, False),
    (CLI_INPUT, "maybe", None, True), (CLI_INPUT, "2", None, True), (CLI_INPUT, "", None, False),
])
def test_dialect(dialect, value, parsed, rejected):
    assert dialect.parse(value) is parsed
    assert dialect.rejects(value) is rejected
    assert dialect.is_true(value) is (parsed is True)


def test_every_dialect_names_its_source():
    assert all(d.source for d in (KUDU, ORYX, GO, WORKER, APP_CONVENTION, CLI_INPUT))
