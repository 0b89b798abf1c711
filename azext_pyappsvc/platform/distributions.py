# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Which distribution (what requirements.txt names) installs an import name.

Most distributions install a module of their own (packaging-normalised) name; a few well-known ones do not
(`import yaml` comes from PyYAML). Some modules are nearly always installed as a dependency of another
requirement (requests comes with azure-core): for those a missing requirement is only a hint, never an error.
"""

from dataclasses import dataclass
from typing import FrozenSet, Optional, Tuple

from packaging.utils import canonicalize_name

# import name -> the distributions that install it (the usual one first)
KNOWN_DISTRIBUTIONS = {
    "yaml": ("PyYAML",), "PIL": ("Pillow",), "cv2": ("opencv-python", "opencv-python-headless"),
    "sklearn": ("scikit-learn",), "bs4": ("beautifulsoup4",), "dateutil": ("python-dateutil",),
    "dotenv": ("python-dotenv",), "jwt": ("PyJWT",), "OpenSSL": ("pyOpenSSL",),
    "Crypto": ("pycryptodome",), "attr": ("attrs",), "magic": ("python-magic",), "docx": ("python-docx",),
    "pptx": ("python-pptx",), "psycopg2": ("psycopg2-binary", "psycopg2"), "MySQLdb": ("mysqlclient",),
    "serial": ("pyserial",), "jose": ("python-jose",), "multipart": ("python-multipart",), "fitz": ("PyMuPDF",),
    "git": ("GitPython",), "pkg_resources": ("setuptools",), "google.protobuf": ("protobuf",),
    "dns": ("dnspython",), "snowflake.connector": ("snowflake-connector-python",), "pymysql": ("PyMySQL",),
    "win32api": ("pywin32",), "zmq": ("pyzmq",), "Levenshtein": ("python-Levenshtein", "Levenshtein"),
    "telegram": ("python-telegram-bot",), "azure.durable_functions": ("azure-functions-durable",),
    "opencensus.ext.azure": ("opencensus-ext-azure",), "markdown": ("Markdown",), "pydantic_settings":
    ("pydantic-settings",), "jinja2": ("Jinja2",), "sqlalchemy": ("SQLAlchemy",),
}
# Modules that some other common requirement nearly always brings along (azure-core, azure-identity, fastapi,
# openai, pandas...): when they are not listed, say so only as a hint.
USUALLY_TRANSITIVE = frozenset({
    "requests", "urllib3", "certifi", "idna", "charset_normalizer", "six", "typing_extensions", "isodate",
    "cryptography", "cffi", "msal", "jwt", "dateutil", "pytz", "tzdata", "attr", "packaging", "pydantic",
    "pydantic_core", "anyio", "sniffio", "httpx", "httpcore", "h11", "starlette", "jinja2", "markupsafe",
    "click", "werkzeug", "itsdangerous", "numpy", "yaml", "google.protobuf", "grpc", "aiohttp", "multidict",
    "yarl", "frozenlist", "aiosignal", "async_timeout", "tqdm", "distro", "jiter", "regex", "filelock",
    "oauthlib", "requests_oauthlib", "portalocker", "wrapt", "deprecated", "importlib_metadata", "zipp",
    "pkg_resources", "setuptools", "msrest", "azure.core", "botocore", "s3transfer", "jmespath", "opentelemetry",
    "google.api_core", "google.auth", "google.rpc", "proto",
})
# Standard library modules of some Python the app may run that the interpreter running az may lack: added
# since 3.10 (tomllib: 3.11) or removed by PEP 594 / PEP 632 (3.12: distutils, imp, asynchat, asyncore, smtpd;
# 3.13: the "dead batteries"). An app importing one is not missing a requirement on every Python.
STDLIB_ELSEWHERE = frozenset({
    "tomllib", "distutils", "imp", "asynchat", "asyncore", "smtpd", "aifc", "audioop", "cgi", "cgitb", "chunk",
    "crypt", "imghdr", "mailcap", "msilib", "nis", "nntplib", "ossaudiodev", "pipes", "sndhdr", "spwd", "sunau",
    "telnetlib", "uu", "xdrlib", "lib2to3",
})
ASYNC_SUBMODULE = "aio"         # azure.cosmos.aio, azure.identity.aio: the async API of the same distribution


# Namespace packages whose distributions are named after their dotted path (azure.storage.blob ->
# azure-storage-blob, azurefunctions.extensions.bindings.blob -> azurefunctions-extensions-bindings-blob), with how
# many parts the name usually has.
NAMESPACE_TOPS = {"azure": 3, "google": 3, "azurefunctions": 4}
# Namespace packages no distribution is named after: what comes from them is in the next part.
NAMESPACES = frozenset({"azure", "google", "google.cloud", "azurefunctions", "azurefunctions.extensions",
                        "azurefunctions.extensions.bindings"})


@dataclass(frozen=True)
class Provider:
    """The distributions that may install an import, and how sure that is."""
    names: Tuple[str, ...]       # canonical names, the usual one first
    certain: bool                 # False: the mapping is a guess, or another requirement usually brings it


def provider_of(module: str) -> Provider:
    """The distributions for a dotted import (`azure.storage.blob` -> azure-storage-blob: the azure namespace
    packages are named after their dotted path; `.aio` is the async API of the same distribution)."""
    parts = module.split(".")
    for length in range(len(parts), 0, -1):
        name = ".".join(parts[:length])
        if name in KNOWN_DISTRIBUTIONS:
            return Provider(tuple(canonicalize_name(d) for d in KNOWN_DISTRIBUTIONS[name]),
                            name not in USUALLY_TRANSITIVE)
    top = parts[0]
    if top in NAMESPACE_TOPS and len(parts) > 1:
        if ASYNC_SUBMODULE in parts[2:]:
            parts = parts[:parts.index(ASYNC_SUBMODULE, 2)]
        usual = min(len(parts), NAMESPACE_TOPS[top])
        lengths = [usual] + [k for k in range(len(parts), 1, -1) if k != usual]
        return Provider(tuple(canonicalize_name("-".join(parts[:k])) for k in lengths),
                        ".".join(parts) not in NAMESPACES and not any(
                            ".".join(parts[:k]) in USUALLY_TRANSITIVE for k in range(2, len(parts) + 1)))
    return Provider((canonicalize_name(top),), top not in USUALLY_TRANSITIVE and top.islower())


def imported_modules(module: str, names: Tuple[str, ...]) -> Tuple[str, ...]:
    """The modules an import loads as far as distributions go: `from google.cloud import storage` imports
    google.cloud.storage (a namespace package is no distribution of its own)."""
    if module in NAMESPACES and names and "*" not in names:
        return tuple(f"{module}.{name}" for name in names)
    return (module,)


def installed_by(module: str, requirements: FrozenSet[str]) -> Optional[bool]:
    """True when a requirement installs `module`, False when none does and the mapping is certain, None when
    none does but it may come from elsewhere (another requirement's dependency, a name the table lacks, a
    requirement named after it such as azure-monitor-opentelemetry for opentelemetry)."""
    provider = provider_of(module)
    if any(name in requirements for name in provider.names):
        return True
    named_after = any(name in requirement.split("-") for name in provider.names for requirement in requirements)
    return False if provider.certain and not named_after else None
