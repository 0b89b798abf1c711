# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Security — SEC: settings that expose the app or its secrets. Secret values are never shown, only names."""

from ...platform.booleans import APP_CONVENTION
from ...platform.problems import INFO, WARNING
from ...platform.settings import APP_DEBUG_KEYS, is_key_vault_reference, looks_secret
from ..catalog import Finding, Fix, check
from ..fixes import az


@check("SEC001", WARNING, "HTTPS is not enforced")
def sec001(subject):
    if subject.site.get("httpsOnly") is False:
        # `az webapp update` refuses function apps; `functionapp update` has no --https-only, only the generic --set
        fix = az(subject, "functionapp update", "--set", "httpsOnly=true") if subject.is_function_app else \
            az(subject, "webapp update", "--https-only", "true")
        return Finding("httpsOnly is false: the app answers plain HTTP.", fix)
    return None


@check("SEC002", WARNING, "TLS below 1.2")
def sec002(subject):
    version = subject.config.get("minTlsVersion")
    if version and version < "1.2":
        return Finding(f"minTlsVersion is {version}.",
                       az(subject, "webapp config set", "--min-tls-version", "1.2"))
    return None


@check("SEC003", WARNING, "Plain FTP allowed")
def sec003(subject):
    if subject.config.get("ftpsState") == "AllAllowed":
        return Finding("ftpsState is AllAllowed: credentials can travel in clear over FTP.",
                       az(subject, "webapp config set", "--ftps-state", "FtpsOnly"))
    return None


@check("SEC004", WARNING, "Remote debugging enabled")
def sec004(subject):
    if subject.config.get("remoteDebuggingEnabled"):
        return Finding("Remote debugging is on.", az(subject, "webapp config set", "--remote-debugging-enabled",
                                                     "false"))
    return None


@check("SEC005", WARNING, "Debug mode on", needs=("app", "settings"))
def sec005(subject):
    on = [name for name in APP_DEBUG_KEYS if APP_CONVENTION.is_true(subject.settings.get(name))]
    if on:
        return Finding(f"{', '.join(on)} is on: tracebacks and settings are shown to visitors.",
                       Fix.describe(f"Set {', '.join(on)} to false."))
    return None


@check("SEC006", INFO, "Secrets stored as plain app settings", needs=("app", "settings"))
def sec006(subject):
    plain = sorted(name for name, value in subject.settings.items()
                   if value and looks_secret(name, value) and not is_key_vault_reference(value))
    if plain:
        verb = "holds" if len(plain) == 1 else "hold"
        return Finding(f"{', '.join(plain)} {verb} plain values (names only are shown).",
                       Fix.describe("Use Key Vault references (@Microsoft.KeyVault(SecretUri=...))."))
    return None


@check("SEC007", WARNING, "Django HTTPS redirect loop", needs=("files", "contents"))
def sec007(subject):
    loops = [s.path for s in subject.project.django_settings if s.ssl_redirect and not s.proxy_ssl_header]
    if loops:
        return Finding(f"{loops[0]} sets SECURE_SSL_REDIRECT but not SECURE_PROXY_SSL_HEADER: TLS ends at App "
                       "Service's front end, the app sees http and redirects forever.",
                       Fix.describe("Set SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https')."))
    return None
