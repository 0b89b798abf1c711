# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Every way the platform reads a boolean app setting, each written once, with its source.

The same text means different things to different readers: `1` is true for Kudu and for Go, and an
error that fails the build for Oryx's .NET options; `yes` is true for the Functions worker and makes
the startup script generator panic. A setting is judged with the dialect of the component that reads it.
"""

from dataclasses import dataclass
from typing import FrozenSet, Optional


@dataclass(frozen=True)
class Dialect:  # pylint: disable=too-many-instance-attributes  # a plain record of one reader's rules
    """`parse` gives True, False, or None when the reader rejects the text (or, for readers that never
    reject, treats it as false: see `strict`). An empty or missing value is `empty` (None: "not set")."""
    name: str
    true: FrozenSet[str]
    false: FrozenSet[str]
    fold_case: bool
    strip: bool
    strict: bool          # True: anything else is an error to the reader; False: anything else means false
    empty: Optional[bool]
    source: str

    def parse(self, value) -> Optional[bool]:
        key = self._key(value)
        if key is None:
            return self.empty
        if key in self.true:
            return True
        if key in self.false or not self.strict:
            return False
        return None

    def is_true(self, value) -> bool:
        return self.parse(value) is True

    def rejects(self, value) -> bool:
        """The reader fails on this value: a strict reader, a non-empty value it does not know."""
        key = self._key(value)
        return self.strict and key is not None and key not in self.true and key not in self.false

    def _key(self, value):
        if value is None:
            return None
        text = str(value).strip() if self.strip else str(value)
        if text == "":
            return None
        return text.lower() if self.fold_case else text


KUDU = Dialect(
    "Kudu", frozenset({"1", "true"}), frozenset({"0", "false"}), fold_case=True, strip=False, strict=False,
    empty=None, source="KuduLite Kudu.Contracts/Infrastructure/StringUtils.cs IsTrueLike/IsFalseLike (no trim)")
ORYX = Dialect(
    ".NET bool.TryParse", frozenset({"true"}), frozenset({"false"}), fold_case=True, strip=True, strict=True,
    empty=False, source="Oryx src/BuildScriptGeneratorCli/Options/OptionsSetupBase.cs GetBooleanValue "
                        "(empty is false; anything but true/false throws)")
GO = Dialect(
    "Go strconv.ParseBool", frozenset({"1", "t", "T", "TRUE", "true", "True"}),
    frozenset({"0", "f", "F", "FALSE", "false", "False"}), fold_case=False, strip=False, strict=True, empty=False,
    source="Oryx src/startupscriptgenerator/src/common/environmentVariablesHelper.go GetBooleanEnvironmentVariable "
           "(empty is false; anything else panics)")
WORKER = Dialect(
    "Functions Python worker", frozenset({"1", "true", "t", "yes", "y"}), frozenset(), fold_case=True, strip=True,
    strict=False, empty=False, source="azure-functions-python-worker utils/common.py is_true_like")
APP_CONVENTION = Dialect(
    "application convention", frozenset({"1", "true", "yes", "on"}), frozenset(), fold_case=True, strip=True,
    strict=False, empty=False, source="how Django/Flask apps commonly read DEBUG-style variables")
CLI_INPUT = Dialect(
    "pyappsvc input", frozenset({"true", "yes", "y", "1", "on", "t"}), frozenset({"false", "no", "n", "0", "off", "f"}),
    fold_case=True, strip=True, strict=True, empty=None,
    source="what set-build accepts; always written as true/false, the spelling every reader above accepts")
