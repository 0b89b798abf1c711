# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""The ARM adapter: the only module that talks to Microsoft.Web through the CLI's SDK client.

Reads come back as plain dicts (facts.AppSnapshot); independent reads go out concurrently;
writes send exactly the body they are given. Retries (429 + Retry-After, 5xx, resets) are the
SDK pipeline's. The API version is a literal so that recordings replay on every supported CLI.
"""

from concurrent.futures import ThreadPoolExecutor

from .facts import AppRef, AppSnapshot

API_VERSION = "2024-11-01"
# azure-core's default (10 retries, backoff up to 120 s) can hang a command for minutes on a
# persistent 5xx; four retries (about 11 s of backoff) keep throttling and blips invisible.
RETRY = {"retry_total": 4, "retry_backoff_factor": 0.8}
SETTINGS_ROLE_HINT = ("listing app settings needs Microsoft.Web/sites/config/list/action "
                      "(the 'Website Contributor' or 'Contributor' role); 'Reader' is not enough")


def _props(model):
    """A REST body as a plain dict with `properties` merged into the top level."""
    body = dict(model.as_dict()) if hasattr(model, "as_dict") else dict(model or {})
    merged = {k: v for k, v in body.items() if k != "properties"}
    merged.update(body.get("properties") or {})
    return merged


class AppService:
    """Microsoft.Web operations for the current subscription."""

    def __init__(self, cli_ctx, subscription_id=None):
        from azure.cli.core.commands.client_factory import get_mgmt_service_client
        from azure.cli.core.profiles import ResourceType
        self._client = get_mgmt_service_client(cli_ctx, ResourceType.MGMT_APPSERVICE, api_version=API_VERSION,
                                               subscription_id=subscription_id, **RETRY)
        self._apps = self._client.web_apps
        self._arm = cli_ctx.cloud.endpoints.resource_manager.rstrip("/")

    def _call(self, operation, ref: AppRef, *args, **kwargs):
        if ref.slot:
            return getattr(self._apps, operation + "_slot")(ref.resource_group, ref.name, ref.slot, *args, **kwargs)
        return getattr(self._apps, operation)(ref.resource_group, ref.name, *args, **kwargs)

    def _write(self, operation, ref: AppRef, body, **kwargs):
        """A write either succeeds (after the pipeline's retries) or ends in one typed, one-line error."""
        try:
            return self._call(operation, ref, body, **kwargs)
        except Exception as error:  # pylint: disable=broad-except
            raise _translated(ref, error) from error

    # -- reads -----------------------------------------------------------------------------------
    def _read(self, operation, ref: AppRef):
        try:
            return _props(self._call(operation, ref))
        except Exception as error:  # pylint: disable=broad-except
            raise _translated(ref, error) from error

    def get_site(self, ref: AppRef):
        return self._read("get", ref)

    def get_config(self, ref: AppRef):
        return self._read("get_configuration", ref)

    def list_settings(self, ref: AppRef):
        # logging_enable=False keeps the values out of `--debug` output (az logs response bodies there)
        return dict(self._call("list_application_settings", ref, logging_enable=False).properties or {})

    def snapshot(self, ref: AppRef, config=True, settings=True) -> AppSnapshot:
        """Site, config/web and app settings in one round trip (three concurrent requests).

        A missing app raises; unreadable app settings (403) are recorded, not raised, so a Reader
        still gets everything else.
        """
        with ThreadPoolExecutor(max_workers=3) as pool:
            site = pool.submit(self.get_site, ref)
            conf = pool.submit(self.get_config, ref) if config else None
            sets = pool.submit(self.read_settings, ref) if settings else None
            snap = AppSnapshot(ref=ref, site=site.result(), config=conf.result() if conf else {})
            if sets is not None:
                snap.settings, snap.settings_error = sets.result()
        return snap

    def read_settings(self, ref: AppRef):
        """(settings, None), or (None, why) when the caller may not list them (401/403)."""
        from azure.core.exceptions import HttpResponseError
        try:
            return self.list_settings(ref), None
        except HttpResponseError as error:
            if error.status_code not in (401, 403):
                raise _translated(ref, error) from error
            return None, "App settings could not be read ({}): {}.".format(error.status_code, SETTINGS_ROLE_HINT)

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
        return _props(self._write("update_configuration", ref, {"properties": properties}))

    def patch_site(self, ref: AppRef, properties: dict):
        return _props(self._write("update", ref, {"properties": properties}))

    def put_settings(self, ref: AppRef, settings: dict):
        return dict(self._write("update_application_settings", ref, {"properties": settings},
                                logging_enable=False).properties or {})


def _translated(ref, error):
    """SDK errors become the CLI's typed errors, naming the app, in one line."""
    from azure.core.exceptions import (HttpResponseError, ResourceNotFoundError as SdkNotFound, ServiceRequestError,
                                       ServiceResponseError)
    from azure.cli.core.azclierror import (AzureConnectionError, AzureResponseError, ForbiddenError,
                                           ResourceNotFoundError)
    if isinstance(error, SdkNotFound):
        where = "slot '{}' of app '{}'".format(ref.slot, ref.name) if ref.slot else "app '{}'".format(ref.name)
        return ResourceNotFoundError("The {} was not found in resource group '{}'.".format(where, ref.resource_group))
    if isinstance(error, HttpResponseError) and error.status_code == 403:
        return ForbiddenError("Access to app '{}' was denied: {}".format(ref.label, _first_line(error)))
    if isinstance(error, HttpResponseError):
        return AzureResponseError("Azure answered {} for app '{}' after retries; nothing was changed by this "
                                  "request: {}".format(error.status_code, ref.label, _first_line(error)))
    if isinstance(error, (ServiceRequestError, ServiceResponseError)):
        return AzureConnectionError("The connection to Azure failed for app '{}': {}".format(
            ref.label, _first_line(error)))
    return error


def _first_line(error):
    message = getattr(getattr(error, "error", None), "message", None) or str(error)
    return message.strip().splitlines()[0]
