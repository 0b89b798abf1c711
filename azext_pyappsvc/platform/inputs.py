# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""What free text a user may hand to a command that writes it to an app.

Everything written ends up in a shell: Oryx pastes build commands into the bash script it generates, and the
startup command becomes a line of the container's startup script (Oryx `startupscriptgenerator`). A control
character there is at best a broken build and at worst an escape sequence replayed in someone's terminal by
`az webapp log tail`, so none is accepted anywhere (tab excepted).
"""

import re
from typing import Optional

from .errors import InvalidValue

# C0 except tab (newline and carriage return included: one value is one line of a script), DEL, C1 (U+0085 NEL
# among them), the Unicode line and paragraph separators, the bidirectional overrides that make a line read
# differently from what runs ("Trojan Source", CVE-2021-42574), and lone surrogates (bytes that were not UTF-8).
CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

# a folder or file inside the app, as a relative path of plain names: letters, digits, space, . _ - + @ , =
_RELATIVE_PATH = re.compile(r"[\w .+@,=-]+(?:/[\w .+@,=-]+)*/?")
RELATIVE_PATH_ACCEPTED = ("a relative path inside the app made of letters, digits, spaces and . _ - + @ , = "
                          "(such as src or 'my site/app')")


def refuse_control_characters(parameter: str, value: Optional[str], accepted: str):
    """Raise InvalidValue when `value` holds a character that has no business in one line of a script."""
    if value and CONTROL.search(value):
        raise InvalidValue(parameter, value, "contains control characters", accepted)


def relative_path_problem(value: str) -> Optional[str]:
    """Why `value` is not a relative path inside the app (None when it is one)."""
    if not _RELATIVE_PATH.fullmatch(value):
        if value.startswith(("/", "~")) or re.match(r"[A-Za-z]:[\\/]", value):
            return "is not a relative path"
        return "holds characters that are not part of a plain path"
    if value.startswith("-"):
        return "starts with '-', which the server would read as an option"
    parts = [part for part in value.split("/") if part]
    if any(part.strip() != part for part in parts):
        return "has a name that starts or ends with a space"
    if any(part == ".." for part in parts):
        return "leaves the app's folder"
    return None
