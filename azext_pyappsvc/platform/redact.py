# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""What may leave the process.

`mask_credentials` masks credentials wherever they appear in a value: URL userinfo, `NAME=value` and
`--name value` where the name says secret (PGPASSWORD=, sig=, --password, AccountKey=...), `curl -u user:pass`,
Authorization headers, Basic credentials, bare JSON Web Tokens, secret-named keys in JSON, XML or a Python tuple.
A name is no secret (KeyError: 'DB_PASSWORD' keeps it): only values are masked. `scrub` also masks the values
(and the names' pairs) of app settings this tool does not manage, for text that comes from Azure and may echo
them. `one_line` escapes what would forge a line or drive a terminal. output/redaction.py applies them to every
string pyappsvc prints.

Every pattern runs in linear time: names are bounded (`{0,48}`), a match can start only after a non-word
character, and URL userinfo is found from each `://` rather than by a pattern that rescans.
"""

import json
import re
from typing import Iterable, Iterator, List, Tuple

from .inputs import CONTROL

MASK = "<redacted>"
MIN_SECRET_LENGTH = 4          # shorter values (1, on, ~4) are not worth masking: they would mangle every message

# `pass` only as a whole part of a name (DB_PASS, SMTP_PASS), not inside a word (bypass, compass)
_WORDS = (r"(?:password|passwd|passphrase|pwd|(?<![a-z0-9])pass(?![a-z0-9])|secret|token|signature|sig|sas|"
          r"api-?key|apikey|key|accountkey|credential|credentials|connectionstring|connection_string)")
# names that hold where a secret is or what went wrong, not the secret (--keyfile key.pem, KEY_VAULT_NAME=kv,
# KeyError: 'DB_PASSWORD' - a missing setting's name): the name may not end with one of these words
_NOT_A_SECRET_WORDS = ("file", "path", "dir", "name", "id", "vault", "url", "uri", "size", "length", "type",
                       "version", "format", "error", "exception", "warning")
_NOT_A_SECRET_END = "".join(f"(?<!{word})" for word in _NOT_A_SECRET_WORDS)
_NAME = rf"[a-z0-9_.-]{{0,48}}?{_WORDS}[a-z0-9_.-]{{0,24}}"
# a quoted value (b'...' and r"..." as Python prints bytes and raw strings), an ODBC {braced; value} (bounded: an
# unclosed brace is not searched to the end again from every name), or a word
_QUOTED = r"""(?:[bru]{1,2}(?=["']))?(?:"(?:[^"\\]|\\.)*"|'[^']*')|\{(?:[^}\n]|\}\}){0,256}\}"""
_VALUE = rf"""({_QUOTED}|[^&;\s"'<>]+)"""
# in NAME=value, an unquoted value runs over spaces to the end of its line or its `;` (Password=my secret phrase;)
# when no other NAME= or NAME: comes first; else it is one word (DB_PASS=x gunicorn --bind=0.0.0.0 app:app)
_ASSIGNED_VALUE = rf"""({_QUOTED}|[^&;\s"'<>]+(?:[ \t]+[^&;\s"'<>=:]+)*(?=[ \t]*(?:;|\r|\n|\Z))|[^&;\s"'<>]+)"""
_START = r"(?<![a-z0-9_.-])"
# NAME=value, NAME: value, NAME%3Dvalue (query strings, connection strings, environment prefixes, prose)
_ASSIGNED = re.compile(rf"(?i){_START}({_NAME}{_NOT_A_SECRET_END}\s*(?:[=:]|%3d)\s*){_ASSIGNED_VALUE}")
# --password value, -PASSWORD value (a command's option, then its value)
_OPTION = re.compile(rf"(?i)(?<![\w-])(--?{_NAME}{_NOT_A_SECRET_END}\s+)(?!-){_VALUE}")
# a Functions key in a URL: ?code=...
_CODE = re.compile(r"(?i)([?&]code=)([^&#\s\"'<>]+)")
_NOT_A_SECRET = re.compile(rf"(?i)(?:{'|'.join(_NOT_A_SECRET_WORDS)})$")
# curl -u user:password, --user user:password
_USER_OPTION = re.compile(r"(?i)(?<![\w-])((?:-u|--user)\s+[^\s:]{0,128}:)(\S+)")
# Authorization: Basic ..., Bearer ...
# (also as a Python dict prints it: {'Authorization': 'Basic ...'})
_AUTHORIZATION = re.compile(r"(?i)(authorization[\"']?\s*[:=]\s*[\"']?\s*(?:basic|bearer|digest|negotiate)?\s*)"
                            r"([^\s\"',]+)")
_BEARER = re.compile(r"(?i)(?<![a-z0-9])(bearer\s+)([a-z0-9._~+/=-]{6,})")
# Basic credentials anywhere: base64 with a digit, +, / or = in it (not the words "basic authentication")
_BASIC = re.compile(r"(?i)(?<![a-z0-9])(basic\s+)(?=[a-z]*[0-9+/=])([a-z0-9+/]{6,}={0,2})")
# a JSON Web Token on its own: base64url of '{"' (eyJ), a payload and a signature
_JWT = re.compile(r"(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*")
# "DB_PASSWORD": "...", 'API_KEY': '...', and the same echoed inside a JSON string: \"DB_PASSWORD\": \"...\"
# and a pair as a Python tuple prints it: ('DB_PASSWORD', '...')
_PAIR = re.compile(rf"""(?i)(["']{_NAME}["']\s*:\s*|\(\s*["']{_NAME}["']\s*,\s*)"""
                   r"""("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')""")
_ESCAPED_PAIR = re.compile(rf"""(?i)(\\"{_NAME}\\"\s*:\s*\\")((?:[^"\\]|\\\\\\"|\\\\)*)(\\")""")
# <Password>...</Password>
_ELEMENT = re.compile(rf"(?i)(<({_NAME})>)([^<]*)(</\2>)")
_SCHEME = re.compile(r"(?i)[a-z][a-z0-9+.-]{0,31}\Z")
_AUTHORITY_END = re.compile(r"[/?#\s\"'<>\\]")
_UNICODE_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")
# credentials recognisable by their own shape, whatever name they are stored under: the providers' documented
# token formats (GitHub ghp_/gho_/ghu_/ghs_/ghr_ and github_pat_, OpenAI sk-/sk-proj-, AWS access key ids,
# Slack xox?- tokens and incoming-webhook URLs, Google AIza keys) and PEM private keys (their base64 body)
_TOKEN = re.compile(r"(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{20,}|"
                    r"sk-[A-Za-z0-9_-]{20,}|(?:AKIA|ASIA)[0-9A-Z]{16}|xox[abposr]-[A-Za-z0-9-]{10,}|"
                    r"AIza[0-9A-Za-z_-]{35}|https://hooks\.slack\.com/services/[^\s\"'<>]+)|"
                    r"-----BEGIN[A-Z ]{0,32} PRIVATE KEY-----[A-Za-z0-9+/=\s]*")
# a value that reads as a credential on its own: `user:password` (a port after the colon is a host:port), or an
# opaque token (20+ characters of a key alphabet mixing letters and digits, or 32+ hex digits)
_USER_PASSWORD = re.compile(r"[^\s:/@]{1,128}:(?!\d+\Z)[^\s:/@]{1,256}")
_OPAQUE = re.compile(r"(?=[A-Za-z0-9+/_=~.-]{20,}\Z)(?=[^0-9]*[0-9][^0-9]*[0-9])(?=[^A-Z]*[A-Z])(?=[^a-z]*[a-z]).*"
                     r"|[0-9a-fA-F]{32,}")


def mask_credentials(text: str) -> str:
    """The text with every credential in it masked, wherever it appears (see the module docstring)."""
    text = _userinfo_masked(text)
    text = _TOKEN.sub(MASK, text)
    text = _ESCAPED_PAIR.sub(lambda m: m.group(1) + MASK + m.group(3), text)
    text = _PAIR.sub(lambda m: m.group(1) + m.group(2)[0] + MASK + m.group(2)[0], text)
    text = _ELEMENT.sub(lambda m: m.group(1) + MASK + m.group(4), text)
    text = _AUTHORIZATION.sub(lambda m: m.group(1) + MASK, text)
    text = _BEARER.sub(lambda m: m.group(1) + MASK, text)
    text = _BASIC.sub(lambda m: m.group(1) + MASK, text)
    text = _JWT.sub(MASK, text)
    text = _USER_OPTION.sub(lambda m: m.group(1) + MASK, text)
    text = _CODE.sub(lambda m: m.group(1) + MASK, text)
    text = _OPTION.sub(_masked_pair, text)
    return _ASSIGNED.sub(_masked_pair, text)


def looks_like_secret_value(value) -> bool:
    """Whether a value alone reads as a credential (a provider token, a private key, `user:password`, an opaque
    key): such a value is never printed, whatever its name (settings.looks_secret combines name and value)."""
    value = (value or "").strip()
    return bool(value) and (bool(_TOKEN.search(value)) or bool(_USER_PASSWORD.fullmatch(value)) or
                            bool(_OPAQUE.fullmatch(value)))


def _masked_pair(match) -> str:
    """NAME=value with the value masked (its quotes kept), unless the name says it holds no secret itself."""
    name, value = match.group(1), match.group(2)
    if _NOT_A_SECRET.search(name.rstrip(" \t=:").rstrip("_-.")):
        return match.group(0)
    quote = next((index for index, char in enumerate(value[:3]) if char in "'\""), -1)
    if value[:1] == "{":
        return name + "{" + MASK + "}"
    return name + (value[:quote + 1] + MASK + value[quote] if quote != -1 else MASK)


def _userinfo_masked(text: str) -> str:
    """URL userinfo masked (https://user:password@host, https://token@host, redis://:password@host)."""
    pieces, done = [], 0
    for start, at, _ in _userinfo_spans(text):
        pieces += [text[done:start], MASK]
        done = at
    return "".join(pieces) + text[done:]


def urls_with_userinfo(text: str) -> List[Tuple[str, str]]:
    """(userinfo, host) of every URL in `text` that carries userinfo, split as pip and urllib split it: the
    userinfo runs to the LAST `@` of the authority, so `https://user:p@rt@host` has the host `host`."""
    found = []
    for start, at, end in _userinfo_spans(text):
        host = text[at + 1:end]
        host = host if host.startswith("[") else host.split(":", 1)[0]
        found.append((text[start:at], host))
    return found


def _userinfo_spans(text: str) -> Iterator[Tuple[int, int, int]]:
    """(userinfo start, its `@`, authority end) of every URL with userinfo: everything between `scheme://` and
    the last `@` of the authority is the userinfo (the one rule for what is a URL credential)."""
    done = 0
    for found in re.finditer("://", text):
        start = found.end()
        if start < done or not _SCHEME.search(text, max(0, found.start() - 32), found.start()):
            continue
        end = _AUTHORITY_END.search(text, start)
        end = end.start() if end else len(text)
        at = text.rfind("@", start, end)
        if at != -1:
            yield start, at, end
            done = at


def scrub(text: str, secrets: Iterable[str], names: Iterable[str] = ()) -> str:
    """Text that came from Azure (an error message, a body in the --debug trace), with every secret value masked
    in whatever spelling an echo gives it (as is, JSON-escaped, \\uXXXX-escaped), the value of every pair named
    after one of `names`, and every credential."""
    text = _UNICODE_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
    for secret in sorted({s for s in secrets if isinstance(s, str) and len(s) >= MIN_SECRET_LENGTH}, key=len,
                         reverse=True):
        for spelling in (secret, json.dumps(secret)[1:-1]):
            text = text.replace(spelling, MASK)
    named = sorted({n for n in names if isinstance(n, str) and n}, key=len, reverse=True)
    if named:
        alternatives = "|".join(re.escape(n) for n in named)
        pair = re.compile(rf"""((?:\\?["'])(?:{alternatives})(?:\\?["'])\s*[:=]\s*\\?["'])((?:[^"'\\]|\\[^"'])*)""")
        text = pair.sub(lambda m: m.group(1) + MASK, text)
    return mask_credentials(text)


def one_line(text: str) -> str:
    """The text with every control character written as its escape (\\n, \\x1b, \\u2028, a lone surrogate from a
    file name that is not UTF-8): what pyappsvc prints about a value can neither forge a second line nor drive
    the terminal."""
    return CONTROL.sub(lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii"), text)
