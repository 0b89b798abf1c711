# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""The ARM adapter: the only module that talks to Microsoft.Web through the CLI's SDK client.

Reads come back as plain dicts (platform.snapshot.AppSnapshot); independent reads go out concurrently;
writes send exactly the body they are given. Retries (429 + Retry-After, 5xx, resets) are the SDK
pipeline's. The API version is a literal so that recordings replay on every supported CLI. Every
failure is raised as RequestFailed naming the app.
"""

from ..platform.snapshot import AppRef, AppSnapshot
from .concurrency import gather
from .errors import RequestFailed

API_VERSION = "2024-11-01"
# azure-core's default (10 retries, backoff up to 120 s) can hang a command for minutes on a
# persistent 5xx; four retries (about 11 s of backoff) keep throttling and blips invisible.
RETRY = {"retry_total": 4, "retry_backoff_factor": 0.8}


def _props(model):
    """A REST body as a plain dict with `properties` merged into the top level."""
    body = dict(model.as_dict()) if hasattr(model, "as_dict") else dict(model or {})
    merged = {k: v for k, v in body.items() if k != "properties"}
    merged.update(body.get("properties") or {})
    return merged


class AppService:
    """Microsoft.Web operations for one subscription (the CLI's current one by default)."""

    def __init__(self, cli_ctx, subscription_id=None):
        from azure.cli.core.commands.client_factory import get_mgmt_service_client
        from azure.cli.core.profiles import ResourceType
        self._client = get_mgmt_service_client(cli_ctx, ResourceType.MGMT_APPSERVICE, api_version=API_VERSION,
                                               subscription_id=subscription_id, **RETRY)
        self._apps = self._client.web_apps
        self._arm = cli_ctx.cloud.endpoints.resource_manager.rstrip("/")

    def _call(self, operation, ref: AppRef, *args, **kwargs):
        try:
            if ref.slot:
                return getattr(self._apps, operation + "_slot")(ref.resource_group, ref.name, ref.slot, *args,
                                                                 **kwargs)
            return getattr(self._apps, operation)(ref.resource_group, ref.name, *args, **kwargs)
        except Exception as error:  # pylint: disable=broad-except
            raise RequestFailed(ref, error) from error

    # -- reads -----------------------------------------------------------------------------------
    def get_site(self, ref: AppRef):
        return _props(self._call("get", ref))

    def get_config(self, ref: AppRef):
        return _props(self._call("get_configuration", ref))

    def list_settings(self, ref: AppRef):
        # logging_enable=False keeps the values out of `--debug` output (az logs response bodies there)
        return dict(self._call("list_application_settings", ref, logging_enable=False).properties or {})

    def read_settings(self, ref: AppRef):
        """(settings, None), or (None, status) when the caller may not list them (401/403)."""
        try:
            return self.list_settings(ref), None
        except RequestFailed as failure:
            if failure.status not in (401, 403):
                raise
            return None, failure.status

    def snapshot(self, ref: AppRef, config=True, settings=True) -> AppSnapshot:
        """Site, config/web and app settings in one round trip (three concurrent requests).

        A missing app raises; unreadable app settings (403) are recorded, not raised, so a Reader
        still gets everything else.
        """
        site, conf, sets = gather(lambda: self.get_site(ref), (lambda: self.get_config(ref)) if config else None,
                                  (lambda: self.read_settings(ref)) if settings else None)
        snapshot = AppSnapshot(ref=ref, site=site, config=conf or {})
        if sets is not None:
            snapshot.settings, snapshot.settings_status = sets
        return snapshot

    def complete(self, ref: AppRef, listed_site: dict) -> AppSnapshot:
        """The snapshot of a site already read by a listing: config/web and app settings, concurrently."""
        conf, (settings, status) = gather(lambda: self.get_config(ref), lambda: self.read_settings(ref))
        return AppSnapshot(ref=ref, site=listed_site, config=conf, settings=settings, settings_status=status)

    def list_site_extensions(self, ref: AppRef):
        return [_props(ext) for ext in self._call("list_site_extensions", ref)]

    def list_sites(self, resource_group=None):
        pages = (self._apps.list_by_resource_group(resource_group) if resource_group else self._apps.list())
        return [_props(site) for site in pages]

    def get_stacks(self, functions=False):
        """The raw webAppStacks / functionAppStacks body (Linux), for the disk cache."""
        from azure.core.rest import HttpRequest
        kind = "functionAppStacks" if functions else "webAppStacks"
        request = HttpRequest("GET", "{}/providers/Microsoft.Web/{}".format(self._arm, kind),
                              params={"stackOsType": "Linux", "api-version": API_VERSION})
        response = self._client.send_request(request)
        response.raise_for_status()
        return response.json()

    # -- writes ----------------------------------------------------------------------------------
    def patch_config(self, ref: AppRef, properties: dict):
        return _props(self._call("update_configuration", ref, {"properties": properties}))

    def patch_site(self, ref: AppRef, properties: dict):
        return _props(self._call("update", ref, {"properties": properties}))

    def put_settings(self, ref: AppRef, settings: dict):
        return dict(self._call("update_application_settings", ref, {"properties": settings},
                               logging_enable=False).properties or {})
