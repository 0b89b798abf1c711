"""The emulator's model of Azure: sites (and slots) with their config, app settings, files and credentials.

No data lives here: what a fresh emulator holds is seeds.py's business, and which secret values tests look
for is theirs (tests/canary.py)."""

import pickle
import threading
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Set

DEFAULT_SUBSCRIPTION = "5d2c6a8e-3f1b-4c7d-9e0a-1b2c3d4e5f60"   # replaced by zeros in every recording


@dataclass
class Site:
    name: str
    kind: str
    resource_group: str = "rg-python"
    subscription: str = DEFAULT_SUBSCRIPTION
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
    logs: Dict = field(default_factory=dict)             # config/logs values config/web does not mirror
    site_extensions: List[str] = field(default_factory=list)
    files: Dict[str, bytes] = field(default_factory=dict)  # wwwroot-relative path -> content
    slot_config_names: Dict = field(default_factory=lambda: {
        "connectionStringNames": None, "appSettingNames": None, "azureStorageConfigNames": None})
    appsettings_status: Optional[int] = None   # e.g. 403: the caller may not list app settings
    scm_status: Optional[object] = None        # e.g. 403, or "unreachable"
    publishing_password: str = ""              # what publishxml answers with (never requested by pyappsvc)
    # the SCM site's evidence (tests/emulator/logs.py composes it from real log formats)
    deployment: Optional[Dict] = None          # /api/deployments/latest: DeployResult fields (status, end_time...)
    deployment_log: List[Dict] = field(default_factory=list)   # LogEntry fields, each with its "details" entries
    docker_logs: Dict[str, bytes] = field(default_factory=dict)   # LogFiles/<name>_docker.log -> content

    @property
    def key(self):
        return (self.subscription.lower(), self.resource_group.lower(), self.name.lower(),
                (self.slot or "").lower())


class Store:
    """Thread-safe registry of sites; the server reads and writes it under one lock."""

    def __init__(self):
        self.lock = threading.RLock()
        self.sites: Dict[tuple, Site] = {}
        # the tenant around the sites, as Resource Graph sees it (tests/emulator/resourcegraph.py)
        self.empty_subscriptions: Set[str] = set()        # subscriptions that exist and hold no site
        self.unreadable: Set[str] = set()                 # subscriptions the login cannot read
        self.management_groups: Dict[str, List[str]] = {}

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

    def copy(self) -> "Store":
        """An independent store equal to this one (cheaper than seeding again, for tests that start over per run)."""
        fresh = Store()
        with self.lock:
            fresh.sites, fresh.empty_subscriptions, fresh.unreadable, fresh.management_groups = pickle.loads(
                pickle.dumps((self.sites, self.empty_subscriptions, self.unreadable, self.management_groups)))
        return fresh

    def snapshot(self):
        """A deep copy of every site, for before/after comparisons in fault tests."""
        with self.lock:
            return pickle.loads(pickle.dumps({key: site.__dict__ for key, site in self.sites.items()}))
