"""The emulator's model of a subscription: sites (and slots) with their config, app settings and files."""

import copy
import threading
from dataclasses import dataclass, field
from typing import Dict, List, Optional

SUBSCRIPTION = "5d2c6a8e-3f1b-4c7d-9e0a-1b2c3d4e5f60"   # replaced by zeros in every recording
TENANT = "72f988bf-0000-4000-8000-000000000047"
CANARY = "CANARY-5f3a9c1e-do-not-print"
RESOURCE_GROUP = "rg-python"


@dataclass
class Site:
    name: str
    kind: str
    resource_group: str = RESOURCE_GROUP
    subscription: str = SUBSCRIPTION
    slot: Optional[str] = None
    reserved: bool = True
    sku: str = "Standard"
    plan: str = "plan-linux"
    location: str = "East US 2"
    state: str = "Running"
    https_only: bool = True
    config: Dict = field(default_factory=dict)           # config/web properties that differ from the fixture
    app_settings: Dict[str, str] = field(default_factory=dict)
    function_app_config: Optional[Dict] = None
    site_extensions: List[str] = field(default_factory=list)
    files: Dict[str, bytes] = field(default_factory=dict)  # wwwroot-relative path -> content
    slot_config_names: Dict = field(default_factory=lambda: {
        "connectionStringNames": None, "appSettingNames": None, "azureStorageConfigNames": None})
    appsettings_status: Optional[int] = None   # e.g. 403: the caller may not list app settings
    scm_status: Optional[object] = None        # e.g. 403, or "unreachable"

    @property
    def key(self):
        return (self.subscription.lower(), self.resource_group.lower(), self.name.lower(),
                (self.slot or "").lower())


class Store:
    """Thread-safe registry of sites; the server reads and writes it under one lock."""

    def __init__(self):
        self.lock = threading.RLock()
        self.sites: Dict[tuple, Site] = {}

    def add(self, site: Site) -> Site:
        with self.lock:
            self.sites[site.key] = site
        return site

    def get(self, subscription, resource_group, name, slot=None) -> Optional[Site]:
        key = (subscription.lower(), resource_group.lower(), name.lower(), (slot or "").lower())
        with self.lock:
            return self.sites.get(key)

    def production(self, site: Site) -> Optional[Site]:
        return self.get(site.subscription, site.resource_group, site.name)

    def list(self, subscription, resource_group=None, include_slots=False):
        with self.lock:
            found = [s for s in self.sites.values()
                     if s.subscription.lower() == subscription.lower()
                     and (resource_group is None or s.resource_group.lower() == resource_group.lower())
                     and (include_slots or s.slot is None)]
        return sorted(found, key=lambda s: (s.resource_group.lower(), s.name.lower(), s.slot or ""))

    def by_scm_label(self, label):
        """The site whose SCM host is `<label>.scm.azurewebsites.net` (slots: `<app>-<slot>`)."""
        with self.lock:
            return next((s for s in self.sites.values()
                         if (s.name + ("-" + s.slot if s.slot else "")).lower() == label.lower()), None)

    def slots(self, site: Site):
        with self.lock:
            return sorted((s for s in self.sites.values()
                           if s.slot and s.key[:3] == site.key[:3]), key=lambda s: s.slot)

    def snapshot(self):
        """A deep copy of every site, for before/after comparisons in fault tests."""
        with self.lock:
            return {key: copy.deepcopy(site.__dict__) for key, site in self.sites.items()}


def web_config(fx="PYTHON|3.12", **overrides):
    config = {"linuxFxVersion": fx, "appCommandLine": "", "alwaysOn": True, "minTlsVersion": "1.2",
              "ftpsState": "FtpsOnly", "remoteDebuggingEnabled": False, "http20Enabled": True}
    config.update(overrides)
    return config


FLASK_APP = b"from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route('/')\ndef hello():\n    return 'hi'\n"


def seed_default(store: Store) -> Store:
    """One app of every kind the extension must tell apart, in one resource group."""
    store.add(Site(
        name="py-web", kind="app,linux", config=web_config(),
        app_settings={"SCM_DO_BUILD_DURING_DEPLOYMENT": "true", "PRE_BUILD_COMMAND": "echo pre-build",
                      "DISABLE_COLLECTSTATIC": "true", "DATABASE_PASSWORD": CANARY,
                      "APPLICATIONINSIGHTS_CONNECTION_STRING": "InstrumentationKey=" + CANARY},
        slot_config_names={"connectionStringNames": None, "appSettingNames": ["DATABASE_PASSWORD"],
                           "azureStorageConfigNames": None},
        files={"app.py": FLASK_APP, "requirements.txt": b"flask==3.1.0\ngunicorn\n"}))
    store.add(Site(
        name="py-web", slot="staging", kind="app,linux", config=web_config("PYTHON|3.11"),
        app_settings={"SCM_DO_BUILD_DURING_DEPLOYMENT": "false", "DATABASE_PASSWORD": CANARY}))
    store.add(Site(
        name="py-func", kind="functionapp,linux", sku="Dynamic", plan="plan-linux-consumption",
        config=web_config("Python|3.11", alwaysOn=False, ftpsState="AllAllowed"),
        app_settings={"FUNCTIONS_WORKER_RUNTIME": "python", "FUNCTIONS_EXTENSION_VERSION": "~4",
                      "AzureWebJobsStorage": "DefaultEndpointsProtocol=https;AccountName=pyfunc;AccountKey="
                                             + CANARY}))
    store.add(Site(
        name="py-flex", kind="functionapp,linux", sku="FlexConsumption", plan="plan-flex",
        config=web_config("", alwaysOn=False),
        function_app_config={"deployment": {"storage": {"type": "blobContainer",
                                                        "value": "https://pyflex.blob.core.windows.net/app"}},
                             "runtime": {"name": "python", "version": "3.12"},
                             "scaleAndConcurrency": {"maximumInstanceCount": 100, "instanceMemoryMB": 2048}},
        app_settings={"AzureWebJobsStorage__accountName": "pyflex", "DEPLOYMENT_STORAGE_CONNECTION_STRING":
                      "AccountKey=" + CANARY}))
    store.add(Site(
        name="win-app", kind="app", reserved=False, plan="plan-windows",
        config=web_config("", pythonVersion="3.4", windowsFxVersion=None),
        app_settings={"WEBSITE_NODE_DEFAULT_VERSION": "~20", "API_TOKEN": CANARY},
        site_extensions=["python364x64"]))
    store.add(Site(
        name="py-container", kind="app,linux,container",
        config=web_config("DOCKER|myregistry.azurecr.io/pyapp:1.4"),
        app_settings={"DOCKER_REGISTRY_SERVER_PASSWORD": CANARY, "WEBSITES_PORT": "8000"}))
    return store


def seed_fleet(store: Store, resource_group: str, count: int):
    """`count` apps in one group: mostly Python web apps, every 5th a function app, every 7th Node
    (not Python: doctor must skip it), every 11th unreadable app settings (a 403 for a Reader)."""
    sites = []
    for index in range(count):
        name = "app-{:04d}".format(index)
        if index % 7 == 3:
            site = Site(name=name, kind="app,linux", resource_group=resource_group,
                        config=web_config("NODE|20-lts"), app_settings={"API_KEY": CANARY})
        elif index % 5 == 4:
            site = Site(name=name, kind="functionapp,linux", resource_group=resource_group, sku="Dynamic",
                        config=web_config("Python|3.12", alwaysOn=False),
                        app_settings={"FUNCTIONS_WORKER_RUNTIME": "python", "FUNCTIONS_EXTENSION_VERSION": "~4",
                                      "AzureWebJobsStorage": "AccountKey=" + CANARY})
        else:
            site = Site(name=name, kind="app,linux", resource_group=resource_group,
                        config=web_config("PYTHON|3.{}".format(11 + index % 3)),
                        app_settings={"SCM_DO_BUILD_DURING_DEPLOYMENT": "true", "SECRET_KEY": CANARY},
                        files={"app.py": FLASK_APP, "requirements.txt": b"flask\n"})
        if index % 11 == 10:
            site.appsettings_status = 403
        sites.append(store.add(site))
    return sites
