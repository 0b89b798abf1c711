"""Response bodies shaped like the real ones in fixtures/ (verbatim copies of shared/reference/azure/).

Every body starts as a deep copy of a recorded Azure body and only the identity fields
(ids, names, host names) and the state the emulator tracks are substituted, so quirks survive:
GET site carries a sparse `siteConfig` with `appCommandLine: null`, config/web carries
`appCommandLine: ""`, a PATCH of config/web is answered with the *site's* id and type,
slotConfigNames lists are `null` when empty, web stacks say `PYTHON|3.12`, function stacks
say `Python|3.11`.
"""

import copy
import re
import json
import os
from functools import lru_cache

FIXTURES = os.path.join(os.path.dirname(__file__), "fixtures")
PROVIDER = "Microsoft.Web"


@lru_cache(maxsize=None)
def _fixture(name):
    with open(os.path.join(FIXTURES, name), encoding="utf-8") as handle:
        return handle.read()


def fixture(name):
    """A fresh copy of a recorded body (parsed anew: several times faster than deep-copying the parsed one)."""
    return json.loads(_fixture(name))


def site_id(site):
    base = "/subscriptions/{}/resourceGroups/{}/providers/{}/sites/{}".format(
        site.subscription, site.resource_group, PROVIDER, site.name)
    return base + ("/slots/" + site.slot if site.slot else "")


def _full_name(site):
    return site.name + ("/" + site.slot if site.slot else "")


def _host(site, scm=False):
    label = site.name + ("-" + site.slot if site.slot else "")
    return "{}{}.azurewebsites.net".format(label, ".scm" if scm else "")


def scm_host(site):
    return _host(site, scm=True)


def _sparse_site_config(site):
    """GET site projects only a handful of config fields; the rest are null."""
    template = fixture("webapp-linux-python-site.json")["properties"]["siteConfig"]
    sparse = {key: None for key in template}
    for key, value in template.items():
        if value is not None:
            sparse[key] = value
    sparse["linuxFxVersion"] = site.config.get("linuxFxVersion", "")
    sparse["alwaysOn"] = site.config.get("alwaysOn", False)
    sparse["appCommandLine"] = None
    return sparse


def site_body(site):
    name = "functionapp-linux-python-site.json" if "functionapp" in site.kind else "webapp-linux-python-site.json"
    body = fixture(name)
    props = body["properties"]
    hosts = [_host(site), _host(site, scm=True)]
    body.update({"id": site_id(site), "name": _full_name(site), "kind": site.kind, "location": site.location,
                 "type": PROVIDER + ("/sites/slots" if site.slot else "/sites")})
    props.update({
        "name": _full_name(site), "kind": site.kind, "reserved": site.reserved, "sku": site.sku,
        "hostNames": [hosts[0]], "enabledHostNames": hosts, "defaultHostName": hosts[0],
        "repositorySiteName": site.name, "resourceGroup": site.resource_group, "deploymentId": site.name,
        "slotName": site.slot, "httpsOnly": site.https_only, "state": site.state,
        "functionAppConfig": copy.deepcopy(site.function_app_config),
        "serverFarmId": "/subscriptions/{}/resourceGroups/{}/providers/{}/serverfarms/{}".format(
            site.subscription, site.resource_group, PROVIDER, site.plan),
        "siteConfig": _sparse_site_config(site),
        "siteProperties": {"metadata": None, "appSettings": None, "properties": [
            {"name": "LinuxFxVersion", "value": site.config.get("linuxFxVersion", "")},
            {"name": "WindowsFxVersion", "value": site.config.get("windowsFxVersion")}]},
        "hostNameSslStates": [
            {**props["hostNameSslStates"][0], "name": hosts[0], "hostType": "Standard"},
            {**props["hostNameSslStates"][-1], "name": hosts[1], "hostType": "Repository"}],
        "selfLink": None,
    })
    return body


def config_body(site, as_patch_response=False):
    name = ("functionapp-linux-python-config-web.json" if "functionapp" in site.kind
            else "webapp-linux-python-config-web.json")
    body = fixture(name)
    body["properties"].update(copy.deepcopy(site.config))
    body.update({"name": _full_name(site), "location": site.location})
    if as_patch_response:
        body.update({"id": site_id(site), "type": PROVIDER + ("/sites/slots" if site.slot else "/sites")})
    else:
        body.update({"id": site_id(site) + "/config/web",
                     "type": PROVIDER + ("/sites/slots/config" if site.slot else "/sites/config")})
    return body


def logs_body(site):
    """GET/PUT config/logs (SiteLogsConfig). No recorded body of it is in the reference set, so it is derived from the
    recorded config/web, which carries the same switches: httpLoggingEnabled and logsDirectorySizeLimit are
    httpLogs.fileSystem's enabled and retentionInMb, detailedErrorLoggingEnabled and requestTracingEnabled are
    detailedErrorMessages and failedRequestsTracing; the envelope is config/appsettings' (id, name, type, location)."""
    web = config_body(site)["properties"]
    return {"id": site_id(site) + "/config/logs", "name": "logs",
            "type": PROVIDER + ("/sites/slots/config" if site.slot else "/sites/config"), "location": site.location,
            "properties": {
                "applicationLogs": {"fileSystem": {"level": site.logs.get("applicationLevel", "Off")},
                                    "azureTableStorage": {"level": "Off", "sasUrl": None},
                                    "azureBlobStorage": {"level": "Off", "sasUrl": None, "retentionInDays": None}},
                "httpLogs": {"fileSystem": {"retentionInMb": web["logsDirectorySizeLimit"],
                                            "retentionInDays": site.logs.get("httpRetentionInDays"),
                                            "enabled": web["httpLoggingEnabled"]},
                             "azureBlobStorage": {"sasUrl": None, "retentionInDays": None, "enabled": False}},
                "failedRequestsTracing": {"enabled": web["requestTracingEnabled"]},
                "detailedErrorMessages": {"enabled": web["detailedErrorLoggingEnabled"]}}}


def appsettings_body(site):
    body = fixture("appsettings-list.json")
    body.update({"id": site_id(site) + "/config/appsettings", "location": site.location,
                 "properties": dict(site.app_settings)})
    return body


def slot_config_names_body(site, names):
    body = fixture("slot-config-names.json")
    body.update({"name": site.name, "location": site.location})
    body["properties"] = {key: (list(value) if value else None) for key, value in names.items()}
    return body


def list_body(items, next_link=None):
    return {"value": items, "nextLink": next_link}


def site_extension_body(site, extension_id):
    """One item of the siteextensions list, shaped like the researched body (fixtures/researched/README.md)."""
    body = fixture("researched/webapp-windows-siteextensions-list.json")["value"][0]
    digits = "".join(ch for ch in extension_id if ch.isdigit())
    body.update({"id": site_id(site) + "/siteextensions/" + extension_id,
                 "name": _full_name(site) + "/" + extension_id})
    body["properties"].update({"extension_id": extension_id, "title": extension_id, "summary": extension_id,
                               "description": extension_id,
                               "version": ".".join(digits[:3]) + ".1" if digits else "1.0.0",
                               "local_path": "D:\\home\\" + extension_id})
    return body


def publish_xml(site, password):
    """The FTP/WebDeploy profile XML. The password is a canary: nothing may ever print it."""
    secret = '{}="{}"'.format("userPWD", password)
    return ('<publishData><publishProfile profileName="{name} - Web Deploy" publishMethod="MSDeploy" '
            'publishUrl="{scm}:443" msdeploySite="{name}" userName="${name}" {secret} '
            'destinationAppUrl="https://{host}" /><publishProfile profileName="{name} - FTP" '
            'publishMethod="FTP" publishUrl="ftps://waws-prod-bn1-255.ftp.azurewebsites.windows.net/site/wwwroot" '
            'ftpPassiveMode="True" userName="{name}\\${name}" {secret} '
            'destinationAppUrl="https://{host}" /></publishData>').format(
                name=_full_name(site), scm=scm_host(site), host=_host(site), secret=secret)


def vfs_entry(site, path, is_dir, size, mtime="2026-11-01T08:00:00.0000000+00:00"):
    """One Kudu VFS entry in the recorded shape, with Linux (KuduLite) paths."""
    template = fixture("kudu-vfs-listing.json")[0 if is_dir else 1]
    name = path.rstrip("/").rsplit("/", 1)[-1]
    href = "https://{}/api/vfs/site/wwwroot/{}{}".format(scm_host(site), path, "/" if is_dir else "")
    template.update({"name": name, "size": 0 if is_dir else size, "mtime": mtime, "crtime": mtime,
                     "mime": "inode/directory" if is_dir else _mime(name), "href": href,
                     "path": "/home/site/wwwroot/" + path})
    return template


def _mime(name):
    return {"html": "text/html", "py": "text/x-python", "txt": "text/plain", "json": "application/json",
            "sh": "application/x-sh"}.get(name.rsplit(".", 1)[-1], "application/octet-stream")


def _clone_minor(minor, version, end_of_life, **flags):
    clone = copy.deepcopy(minor)
    clone["displayText"] = "Python " + version
    clone["value"] = version
    settings = clone["stackSettings"]["linuxRuntimeSettings"]
    language = settings["runtimeVersion"].split("|")[0]
    settings["runtimeVersion"] = "{}|{}".format(language, version)
    if "siteConfigPropertiesDictionary" in settings:
        settings["siteConfigPropertiesDictionary"]["linuxFxVersion"] = settings["runtimeVersion"]
    if "gitHubActionSettings" in settings:
        settings["gitHubActionSettings"]["supportedVersion"] = version
    settings["endOfLifeDate"] = end_of_life
    settings.update(flags)
    return clone


def web_app_stacks():
    """The recorded Python webAppStacks element (2025-03), plus Python 3.14, onboarded 2025-10.

    3.14 is a clone of the recorded 3.13 entry with its version and community EOL changed, so the
    catalogue matches the platform of today without inventing any new field.
    """
    body = fixture("webappstacks-python.json")
    minors = body["value"][0]["properties"]["majorVersions"][0]["minorVersions"]
    minors.insert(0, _clone_minor(minors[0], "3.14", "2030-10-31T00:00:00Z"))
    return body


def function_app_stacks():
    """The recorded Python functionAppStacks element (2024-08, 3.6-3.11), plus 3.12, 3.13 (GA) and
    3.14 (preview), cloned from the recorded 3.11 entry as Core Tools' 2026 stacks.json lists them."""
    body = fixture("functionappstacks-python.json")
    minors = body["value"][0]["properties"]["majorVersions"][0]["minorVersions"]
    newest = minors[0]
    added = [_clone_minor(newest, "3.14", "2030-10-31T00:00:00Z", isPreview=True, isDefault=False),
             _clone_minor(newest, "3.13", "2029-10-31T00:00:00Z", isDefault=False),
             _clone_minor(newest, "3.12", "2028-10-31T00:00:00Z", isDefault=False)]
    minors[0:0] = added
    return body


def error_body(code, message):
    return {"error": {"code": code, "message": message}}


def _reference_log_body(number):
    from .logs import REFERENCE
    name = next(n for n in os.listdir(REFERENCE) if n.startswith("{:02d}-".format(number)))
    with open(os.path.join(REFERENCE, name), encoding="utf-8") as handle:
        return json.load(handle)


def deployment_body(site):
    """/api/deployments/latest: the real OneDeploy body (reference log 19) with this site's deployment."""
    body = _reference_log_body(19)
    state = site.deployment
    base = "https://{}/api/deployments/".format(scm_host(site))
    body.update({key: state[key] for key in ("id", "status", "end_time", "received_time", "start_time", "deployer",
                                             "message", "complete")})
    body["last_success_end_time"] = state["end_time"] if state["status"] == 4 else None
    body["build_summary"] = {"errors": list(state.get("errors", [])), "warnings": []}
    body.update({"site_name": site.name, "url": base + "latest", "log_url": base + "latest/log"})
    return body


def log_entries_body(site, entries, deployment_id, details_of=None):
    """A deployment's log (LogEntry.cs): entries with details carry `details_url` (DeploymentController.cs
    GetLogEntry); an entry's details have none."""
    base = "https://{}/api/deployments/{}/log/".format(scm_host(site), deployment_id)
    return [{"log_time": entry["log_time"], "id": entry["id"], "message": entry["message"], "type": entry["type"],
             "details_url": base + entry["id"] if entry.get("details") and details_of is None else None}
            for entry in entries]


def docker_log_entry(site, name, content):
    """One entry of /api/logs/docker (DiagnosticsController.cs CurrentDockerLogFilenameToJson): the machine name
    is the file name without its date prefix and `_docker.log`; lastUpdated is the last line's time."""
    stamps = re.findall(rb"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+)\d*Z", content, re.MULTILINE)
    updated = stamps[-1].decode("ascii")[:27] + "Z" if stamps else "2026-11-01T08:00:00Z"
    return {"machineName": name[11:-len("_docker.log")], "lastUpdated": updated, "size": len(content),
            "href": "https://{}/api/vfs/LogFiles/{}".format(scm_host(site), name),
            "path": "/home/LogFiles/" + name}
