# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""XML configuration files parsed without the parser's dangerous features.

The standard library's ElementTree expands internal entities (the "billion laughs" attack: a few hundred bytes
that expand to gigabytes; Python docs, "XML vulnerabilities"). web.config, .csdef and .cscfg files never need a
DOCTYPE, so one is refused before parsing, which removes entity declarations altogether."""

import re
from typing import List
from xml.etree import ElementTree

from ..errors import PlatformError

_DECLARATION = re.compile(r"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
ACCEPTED_XML = "well-formed XML with no DOCTYPE or ENTITY declaration"


class UnreadableConfig(PlatformError):
    """A legacy configuration file that cannot be used: `path` in the project, `reason` why."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path} {reason}")
        self.path, self.reason = path, reason


def parse_xml(path: str, text: str) -> ElementTree.Element:
    """The root element of a project's XML file; UnreadableConfig when it declares a DOCTYPE or is malformed."""
    text = text.lstrip("\ufeff")
    if _DECLARATION.search(text):
        raise UnreadableConfig(path, "declares a DOCTYPE or an ENTITY (refused: entity expansion)")
    try:
        return ElementTree.fromstring(text)
    except ElementTree.ParseError as error:
        raise UnreadableConfig(path, f"is not well-formed XML ({error})") from None


def tag(element) -> str:
    """The element's name without its namespace ({http://...ServiceDefinition}WebRole -> WebRole)."""
    return element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""


def children(element, name: str) -> List[ElementTree.Element]:
    return [child for child in element if tag(child) == name]


def descendants(element, name: str) -> List[ElementTree.Element]:
    return [node for node in element.iter() if tag(node) == name]
