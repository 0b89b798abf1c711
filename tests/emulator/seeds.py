"""What a fresh emulator holds: one app of every kind pyappsvc must tell apart, and fleets for benchmarks.

`secret` is the value every secret-looking setting (and the publishing password) holds, so tests can
prove it is never printed; benchmarks and the standalone server pass anything."""

from .model import DEFAULT_SUBSCRIPTION, Site, Store

SUBSCRIPTION = DEFAULT_SUBSCRIPTION
SECOND_SUBSCRIPTION = "0b1e2c3d-4f5a-4b6c-8d7e-9f0a1b2c3d4e"     # in the login's profile, not the current one
TENANT = "72f988bf-0000-4000-8000-000000000047"
RESOURCE_GROUP = "rg-python"
STANDALONE_SECRET = "emulator-secret-value"


def web_config(fx="PYTHON|3.12", **overrides):
    config = {"linuxFxVersion": fx, "appCommandLine": "", "alwaysOn": True, "minTlsVersion": "1.2",
              "ftpsState": "FtpsOnly", "remoteDebuggingEnabled": False, "http20Enabled": True}
    config.update(overrides)
    return config


FLASK_APP = b"from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route('/')\ndef hello():\n    return 'hi'\n"


def seed_default(store: Store, secret: str = STANDALONE_SECRET) -> Store:
    """One app of every kind the extension must tell apart, in one resource group."""
    store.add(Site(
        name="py-web", kind="app,linux", config=web_config(),
        app_settings={"SCM_DO_BUILD_DURING_DEPLOYMENT": "true", "PRE_BUILD_COMMAND": "echo pre-build",
                      "DISABLE_COLLECTSTATIC": "true", "DATABASE_PASSWORD": secret,
                      "APPLICATIONINSIGHTS_CONNECTION_STRING": "InstrumentationKey=" + secret},
        slot_config_names={"connectionStringNames": None, "appSettingNames": ["DATABASE_PASSWORD"],
                           "azureStorageConfigNames": None},
        files={"app.py": FLASK_APP, "requirements.txt": b"flask==3.1.0\ngunicorn\n"}))
    store.add(Site(
        name="py-web", slot="staging", kind="app,linux", config=web_config("PYTHON|3.11"),
        app_settings={"SCM_DO_BUILD_DURING_DEPLOYMENT": "false", "DATABASE_PASSWORD": secret}))
    store.add(Site(
        name="py-func", kind="functionapp,linux", sku="Dynamic", plan="plan-linux-consumption",
        config=web_config("Python|3.11", alwaysOn=False, ftpsState="AllAllowed"),
        app_settings={"FUNCTIONS_WORKER_RUNTIME": "python", "FUNCTIONS_EXTENSION_VERSION": "~4",
                      "AzureWebJobsStorage": "DefaultEndpointsProtocol=https;AccountName=pyfunc;AccountKey="
                                             + secret}))
    store.add(Site(
        name="py-flex", kind="functionapp,linux", sku="FlexConsumption", plan="plan-flex",
        config=web_config("", alwaysOn=False),
        function_app_config={"deployment": {"storage": {"type": "blobContainer",
                                                        "value": "https://pyflex.blob.core.windows.net/app"}},
                             "runtime": {"name": "python", "version": "3.12"},
                             "scaleAndConcurrency": {"maximumInstanceCount": 100, "instanceMemoryMB": 2048}},
        app_settings={"AzureWebJobsStorage__accountName": "pyflex", "DEPLOYMENT_STORAGE_CONNECTION_STRING":
                      "AccountKey=" + secret}))
    store.add(Site(
        name="win-app", kind="app", reserved=False, plan="plan-windows",
        config=web_config("", pythonVersion="3.4", windowsFxVersion=None),
        app_settings={"WEBSITE_NODE_DEFAULT_VERSION": "~20", "API_TOKEN": secret},
        site_extensions=["python364x64"]))
    store.add(Site(
        name="py-container", kind="app,linux,container",
        config=web_config("DOCKER|myregistry.azurecr.io/pyapp:1.4"),
        app_settings={"DOCKER_REGISTRY_SERVER_PASSWORD": secret, "WEBSITES_PORT": "8000"}))
    for site in store.sites.values():
        site.publishing_password = secret
    return store


def seed_fleet(store: Store, resource_group: str, count: int, secret: str = STANDALONE_SECRET,
               subscription: str = SUBSCRIPTION):
    """`count` apps in one group: mostly Python web apps, every 5th a function app, every 7th Node
    (not Python: doctor must skip it), every 11th unreadable app settings (a 403 for a Reader)."""
    sites = []
    for index in range(count):
        name = "app-{:04d}".format(index)
        if index % 7 == 3:
            site = Site(name=name, kind="app,linux", resource_group=resource_group,
                        config=web_config("NODE|20-lts"), app_settings={"API_KEY": secret})
        elif index % 5 == 4:
            site = Site(name=name, kind="functionapp,linux", resource_group=resource_group, sku="Dynamic",
                        config=web_config("Python|3.12", alwaysOn=False),
                        app_settings={"FUNCTIONS_WORKER_RUNTIME": "python", "FUNCTIONS_EXTENSION_VERSION": "~4",
                                      "AzureWebJobsStorage": "AccountKey=" + secret})
        else:
            site = Site(name=name, kind="app,linux", resource_group=resource_group,
                        config=web_config("PYTHON|3.{}".format(11 + index % 3)),
                        app_settings={"SCM_DO_BUILD_DURING_DEPLOYMENT": "true", "SECRET_KEY": secret},
                        files={"app.py": FLASK_APP, "requirements.txt": b"flask\n"})
        if index % 11 == 10:
            site.appsettings_status = 403
        site.subscription = subscription
        site.publishing_password = secret
        sites.append(store.add(site))
    return sites


FLEET_SUBSCRIPTION = "f1ee7000-0000-4000-8000-{:012d}"   # recordings keep these (tests/recording.py scrubs others)


def fleet_subscription(number):
    return FLEET_SUBSCRIPTION.format(number)


def seed_tenant(store: Store, subscriptions: int, apps: int, secret: str = STANDALONE_SECRET, first: int = 1):
    """`apps` apps in each of `subscriptions` new subscriptions (one resource group each), for tenant-wide runs:
    Python web apps on every version from 3.9 to 3.13 (3.9 is no longer offered, 3.10 past end of life), a
    Linux Consumption and a Flex function app, a Node app and a custom container (not Python: skipped), and
    an app that does not enforce HTTPS. Returns the subscription ids."""
    made = []
    for number in range(first, first + subscriptions):
        subscription = fleet_subscription(number)
        made.append(subscription)
        store.empty_subscriptions.add(subscription)
        group = "rg-tenant-{:04d}".format(number)
        for index in range(apps):
            name = "t{:04d}-app-{:04d}".format(number, index)
            common = {"name": name, "resource_group": group, "subscription": subscription,
                      "app_settings": {"SECRET_KEY": secret}}
            role = index % 10
            if role == 2:
                site = Site(kind="app,linux", config=web_config("NODE|20-lts"), **common)
            elif role == 5:
                site = Site(kind="app,linux,container", config=web_config("DOCKER|contoso.azurecr.io/api:7"),
                            **common)
            elif role == 3:
                site = Site(kind="functionapp,linux", sku="Dynamic", config=web_config("Python|3.11", alwaysOn=False),
                            **common)
            elif role == 4:
                site = Site(kind="functionapp,linux", sku="FlexConsumption", config=web_config("", alwaysOn=False),
                            function_app_config={"runtime": {"name": "python", "version": "3.12"}}, **common)
            else:
                site = Site(kind="app,linux", config=web_config("PYTHON|3.{}".format(9 + index % 5)),
                            https_only=role != 6, **common)
            site.publishing_password = secret
            store.add(site)
    return made
