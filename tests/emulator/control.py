"""The standalone emulator's control API (https://127.0.0.1:<port>/_emulator/...) and its client."""

from dataclasses import asdict

from .server import Fault
from .resourcegraph import ArmThrottle
from .seeds import SUBSCRIPTION, seed_fleet, seed_logs, seed_tenant


def handle(emulator, method, path, body):
    """Returns the reply body; raises KeyError for an unknown route."""
    route = (method, path.rstrip("/"))
    if route == ("GET", "/_emulator/log"):
        return [{k: v for k, v in asdict(entry).items() if k != "started"} for entry in emulator.requests()]
    if route == ("GET", "/_emulator/sites"):
        return [_described(site) for site in sorted(emulator.store.sites.values(),
                                                    key=lambda s: (s.resource_group, s.name, s.slot or ""))]
    if route == ("DELETE", "/_emulator/log"):
        emulator.clear_log()
        return {}
    if route == ("PUT", "/_emulator/latency"):
        emulator.latency_ms = float(body["ms"])
        return {"ms": emulator.latency_ms}
    if route == ("POST", "/_emulator/fleet"):
        sites = seed_fleet(emulator.store, body["resourceGroup"], int(body["count"]),
                           subscription=body.get("subscription") or SUBSCRIPTION)
        return {"count": len(sites)}
    if route == ("POST", "/_emulator/logs"):
        return {"count": len(seed_logs(emulator.store))}
    if route == ("POST", "/_emulator/tenant"):
        made = seed_tenant(emulator.store, int(body["subscriptions"]), int(body["apps"]),
                           first=int(body.get("first", 1)))
        return {"subscriptions": made}
    if route == ("PUT", "/_emulator/arm-throttle"):
        emulator.arm_throttle = ArmThrottle(**body) if body else None
        return {"on": bool(body)}
    if route == ("GET", "/_emulator/arm-throttle"):
        return {"throttled": emulator.arm_throttle.throttled if emulator.arm_throttle else 0}
    if route == ("POST", "/_emulator/faults"):
        emulator.inject(*(Fault(**spec) for spec in body))
        return {"faults": len(body)}
    raise KeyError(route)


def _described(site):
    """What `start` prints of an app: where it is, its kind and its runtime."""
    flex = (site.function_app_config or {}).get("runtime")
    worker = (site.app_settings or {}).get("FUNCTIONS_WORKER_RUNTIME")
    windows = "Windows, pythonVersion {}".format(site.config.get("pythonVersion")) \
        if site.config.get("pythonVersion") or not worker else "Windows, worker {}".format(worker)
    runtime = site.config.get("linuxFxVersion") or ("Flex Consumption, {name} {version}".format(**flex) if flex
                                                    else windows)
    return {"resourceGroup": site.resource_group, "name": site.name, "slot": site.slot, "kind": site.kind,
            "runtime": runtime}


class ControlClient:
    """What benchmarks use to drive a standalone emulator process."""

    def __init__(self, address, ca_bundle):
        import requests
        self._session = requests.Session()
        self._ca_bundle = ca_bundle   # per request: a session's verify loses to REQUESTS_CA_BUNDLE
        self._base = "https://{}/_emulator".format(address)

    def _call(self, method, path, body=None):
        response = self._session.request(method, self._base + path, json=body, timeout=30,
                                         verify=self._ca_bundle)
        response.raise_for_status()
        return response.json()

    def log(self):
        return self._call("GET", "/log")

    def clear_log(self):
        self._call("DELETE", "/log")

    def set_latency(self, ms):
        self._call("PUT", "/latency", {"ms": ms})

    def add_fleet(self, resource_group, count, subscription=None):
        return self._call("POST", "/fleet", {"resourceGroup": resource_group, "count": count,
                                             "subscription": subscription})

    def add_tenant(self, subscriptions, apps, first=1):
        return self._call("POST", "/tenant", {"subscriptions": subscriptions, "apps": apps, "first": first})

    def arm_throttle(self, capacity=250, rate=25.0):
        """ARM's read throttling per subscription on (a bucket of `capacity`, `rate` a second), or off (None)."""
        return self._call("PUT", "/arm-throttle", {"capacity": capacity, "rate": rate} if capacity else {})

    def throttled(self):
        return self._call("GET", "/arm-throttle")["throttled"]

    def add_log_apps(self):
        """The apps of seeds.seed_logs: one per log signature, in rg-logs."""
        return self._call("POST", "/logs", {})

    def inject(self, *faults):
        return self._call("POST", "/faults", [asdict(fault) for fault in faults])
