"""Everything an `az` run needs to talk to the emulator instead of Azure, in-process or as a process.

- an isolated config dir holding a profile with one fake subscription (a "fake login");
- a credential that hands out a dummy bearer token without calling Entra ID;
- name resolution that sends the production host names to the emulator and refuses every other
  host, so nothing can leave the machine;
- the extension loaded from this checkout as a dev extension (the way azdev does it).
"""

import json
import os
import socket

from .seeds import SECOND_SUBSCRIPTION, SUBSCRIPTION, TENANT

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
EMULATED_HOSTS = ("management.azure.com",)
EMULATED_SUFFIXES = (".azurewebsites.net",)
FAKE_TOKEN = "emulator-token-not-a-secret"


def issue_certificates(directory):
    """A throwaway CA and a server certificate for the production names; returns (ca, cert, key)."""
    import trustme
    os.makedirs(directory, exist_ok=True)
    paths = tuple(os.path.join(directory, name) for name in ("ca.pem", "server.pem", "server.key"))
    if all(os.path.exists(path) for path in paths):
        return paths
    authority = trustme.CA(key_type=trustme.KeyType.ECDSA)     # ECDSA: handshakes cost a fraction of RSA's
    server = authority.issue_cert("management.azure.com", "*.azurewebsites.net", "*.scm.azurewebsites.net",
                                  "localhost", "127.0.0.1")
    authority.cert_pem.write_to_path(paths[0])
    server.cert_chain_pems[0].write_to_path(paths[1])
    server.private_key_pem.write_to_path(paths[2])
    return paths


def prepare_config_dir(directory, dev_sources=None):
    """Write a logged-in profile and quiet defaults; returns the environment to run az with."""
    os.makedirs(directory, exist_ok=True)
    profile = {"installationId": "00000000-0000-4000-8000-00000000e001", "subscriptions": [{
        "id": subscription, "name": name, "state": "Enabled", "isDefault": subscription == SUBSCRIPTION,
        "tenantId": TENANT, "homeTenantId": TENANT, "environmentName": "AzureCloud", "managedByTenants": [],
        "user": {"name": "developer@example.com", "type": "user"}}
        for subscription, name in ((SUBSCRIPTION, "pyappsvc-emulator"), (SECOND_SUBSCRIPTION, "pyappsvc-second"))]}
    with open(os.path.join(directory, "azureProfile.json"), "w", encoding="utf-8") as handle:
        json.dump(profile, handle)
    _pin_version_check(directory)
    env = {"AZURE_CONFIG_DIR": directory, "AZURE_CORE_COLLECT_TELEMETRY": "false",
           "AZURE_CORE_SURVEY_MESSAGE": "false", "AZURE_CORE_NO_COLOR": "true",
           "AZURE_CORE_FIRST_RUN": "no", "AZURE_CORE_ONLY_SHOW_ERRORS": "false"}
    if dev_sources:
        env["AZURE_EXTENSION_DEV_SOURCES"] = dev_sources
    return env


def _pin_version_check(directory):
    """az checks for a newer CLI over the network when its version cache is empty or a day old."""
    from importlib.metadata import version
    installed = {name: {"local": version(package), "pypi": version(package)} for name, package in
                 (("azure-cli", "azure-cli"), ("core", "azure-cli-core"), ("telemetry", "azure-cli-telemetry"))}
    with open(os.path.join(directory, "versionCheck.json"), "w", encoding="utf-8") as handle:
        json.dump({"versions": installed, "update_time": "2099-01-01 00:00:00.000000"}, handle)


def make_dev_source(directory):
    """A folder `pyappsvc/` with the package linked in and egg-info, which az loads as a dev extension."""
    ext_dir = os.path.join(directory, "pyappsvc")
    egg = os.path.join(ext_dir, "pyappsvc.egg-info")
    os.makedirs(egg, exist_ok=True)
    link = os.path.join(ext_dir, "azext_pyappsvc")
    if not os.path.islink(link):
        os.symlink(os.path.join(REPO, "azext_pyappsvc"), link)
    version = _setup_version()
    with open(os.path.join(egg, "PKG-INFO"), "w", encoding="utf-8") as handle:
        handle.write("Metadata-Version: 2.1\nName: pyappsvc\nVersion: {}\n".format(version))
    return directory


def _setup_version():
    with open(os.path.join(REPO, "setup.py"), encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("VERSION"):
                return line.split("=", 1)[1].strip().strip("'\"")
    raise RuntimeError("setup.py has no VERSION")


class _FakeUserCredential:
    """Stands in for MSAL's user credential: the emulator only checks that a bearer token is sent."""

    def acquire_token(self, scopes, **_):
        return {"access_token": FAKE_TOKEN, "token_type": "Bearer", "expires_in": 3600}

    def get_token(self, *_, **__):
        import time
        from azure.core.credentials import AccessToken
        return AccessToken(FAKE_TOKEN, int(time.time()) + 3600)


def patch_login():
    """Make every credential az creates for the fake account the fake one; returns an undo callable."""
    from azure.cli.core.auth import identity
    original = identity.Identity.get_user_credential
    identity.Identity.get_user_credential = lambda self, username: _FakeUserCredential()

    def undo():
        identity.Identity.get_user_credential = original
    return undo


def route_to(address=None):
    """Resolve the Azure host names to `address` ("127.0.0.1:port"), refuse all others; returns undo.

    With address None every lookup is refused: the offline mode proves that nothing is fetched.
    """
    original = socket.getaddrinfo
    host_port = None
    if address:
        ip, port = address.rsplit(":", 1)
        host_port = (ip, int(port))

    def getaddrinfo(host, port, *args, **kwargs):
        name = (host or "").lower() if isinstance(host, str) else (host or b"").decode().lower()
        if name in ("127.0.0.1", "localhost", "::1"):
            return original(host, port, *args, **kwargs)
        if host_port and (name in EMULATED_HOSTS or name.endswith(EMULATED_SUFFIXES)):
            return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", host_port)]
        raise socket.gaierror(socket.EAI_NONAME, "Name resolution refused in the test sandbox: " + name)

    socket.getaddrinfo = getaddrinfo

    def undo():
        socket.getaddrinfo = original
    return undo
