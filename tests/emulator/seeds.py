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


LEGACY_GROUP = "rg-legacy"


def seed_legacy(store: Store, secret: str = STANDALONE_SECRET) -> Store:
    """Windows apps that ran Python (a site extension and wfastcgi; the built-in Python 3.4 and HttpPlatform) and
    the Linux app they move to, in their own resource group so that the default seed's recordings stay as they
    are. Real handlerMappings items hold extension, scriptProcessor and arguments (ARM HandlerMapping)."""
    store.add(Site(
        name="win-fastcgi", kind="app", reserved=False, plan="plan-windows", resource_group=LEGACY_GROUP,
        config=web_config("", pythonVersion="", windowsFxVersion=None, handlerMappings=[
            {"extension": "*", "scriptProcessor": "D:\\home\\python361x64\\python.exe",
             "arguments": "D:\\home\\python361x64\\wfastcgi.py"}]),
        app_settings={"WSGI_HANDLER": "app.wsgi_app", "WSGI_LOG": "D:\\home\\LogFiles\\wfastcgi.log",
                      "SECRET_KEY": secret, "FEATURE_SEARCH": "on"},
        site_extensions=["python361x64"]))
    store.add(Site(
        name="win-builtin", kind="app", reserved=False, plan="plan-windows", resource_group=LEGACY_GROUP,
        config=web_config("", pythonVersion="3.4", windowsFxVersion=None),
        app_settings={"DATABASE_URL": secret}))
    store.add(Site(
        name="py-linux-target", kind="app,linux", resource_group=LEGACY_GROUP,
        config=web_config("PYTHON|3.11"), app_settings={"WEBSITE_HTTPLOGGING_RETENTION_DAYS": "3"}))
    for site in store.sites.values():
        site.publishing_password = site.publishing_password or secret
    return store


def seed_fleet(store: Store, resource_group: str, count: int, secret: str = STANDALONE_SECRET):
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
        site.publishing_password = secret
        sites.append(store.add(site))
    return sites


FUNCTIONS_GROUP = "rg-functions"
FUNCTION_APP = (b"import azure.functions as func\nimport pyodbc\n\napp = func.FunctionApp()\n\n\n"
                b"@app.route(route='hello')\ndef hello(req: func.HttpRequest) -> func.HttpResponse:\n"
                b"    return func.HttpResponse('hi')\n")


def seed_functions(store: Store, secret: str = STANDALONE_SECRET):
    """Function apps on each plan a Python developer meets, in their own group (existing recordings never list
    it): Flex Consumption carrying settings Flex rejects, Linux Consumption with a credential in its package
    index URL, Elastic Premium, and a function app on a Windows plan. Shaped like
    functionapp-linux-python-site.json (sku and serverFarmId name the plan, Flex keeps functionAppConfig)."""
    common = {"AzureWebJobsStorage": "DefaultEndpointsProtocol=https;AccountName=pyfn;AccountKey=" + secret}
    worker = {"FUNCTIONS_WORKER_RUNTIME": "python", "FUNCTIONS_EXTENSION_VERSION": "~4"}
    sites = [
        Site(name="fn-flex", kind="functionapp,linux", resource_group=FUNCTIONS_GROUP, sku="FlexConsumption",
             plan="plan-fn-flex", config=web_config("", alwaysOn=False, functionAppScaleLimit=200),
             function_app_config={"deployment": {"storage": {"type": "blobContainer",
                                                             "value": "https://pyfnflex.blob.core.windows.net/app"}},
                                  "runtime": {"name": "python", "version": "3.12"},
                                  "scaleAndConcurrency": {"maximumInstanceCount": 100, "instanceMemoryMB": 2048}},
             app_settings=dict(common, SCM_DO_BUILD_DURING_DEPLOYMENT="true", **worker)),
        Site(name="fn-consumption", kind="functionapp,linux", resource_group=FUNCTIONS_GROUP, sku="Dynamic",
             plan="plan-fn-linux-consumption", config=web_config("Python|3.11", alwaysOn=False),
             app_settings=dict(common, SCM_DO_BUILD_DURING_DEPLOYMENT="true",
                               PIP_EXTRA_INDEX_URL="https://build:" + secret + "@pkgs.contoso.com/simple", **worker),
             files={"host.json": b"{}", "function_app.py": FUNCTION_APP, "requirements.txt": b"azure-functions\n",
                    ".python_packages/lib/site-packages/pyodbc.py": b""}),
        Site(name="fn-premium", kind="functionapp,linux", resource_group=FUNCTIONS_GROUP, sku="ElasticPremium",
             plan="plan-fn-premium", config=web_config("Python|3.12", alwaysOn=False),
             app_settings=dict(common, SCM_DO_BUILD_DURING_DEPLOYMENT="true", ENABLE_ORYX_BUILD="true",
                               PYTHON_ENABLE_WORKER_EXTENSIONS="1", **worker)),
        Site(name="fn-windows", kind="functionapp", reserved=False, resource_group=FUNCTIONS_GROUP, sku="Dynamic",
             plan="plan-fn-windows", config=web_config("", alwaysOn=False, windowsFxVersion=None),
             app_settings=dict(common, **worker)),
    ]
    for site in sites:
        site.publishing_password = secret
        store.add(site)
    return sites
