"""What a fresh emulator holds: one app of every kind pyappsvc must tell apart, and fleets for benchmarks.

`secret` is the value every secret-looking setting (and the publishing password) holds, so tests can
prove it is never printed; benchmarks and the standalone server pass anything."""

from . import logs as evidence
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
    for site in (store.get(SUBSCRIPTION, RESOURCE_GROUP, "py-web"), store.get(SUBSCRIPTION, RESOURCE_GROUP, "py-web",
                                                                            "staging")):
        healthy(site)
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


def healthy(site: Site, python="3.12.8"):
    """A successful deployment, then a container that started and serves: no LOG finding. The app's container log
    is kept only with filesystem logging on (OPS001); the platform's own log always is."""
    site.deployment, site.deployment_log = evidence.deployment(4, "2026-11-01T07:55:00.1234567Z", entries=[
        ("Deployment successful. deployer = OneDeploy deploymentPath = OneDeploy", 0, [])])
    site.docker_logs = evidence.docker_logs(
        evidence.stamped(evidence.banner(python) + evidence.MANIFEST_FOUND + evidence.gunicorn_started(),
                         start="2026-11-01T08:00:00"),
        evidence.stamped(evidence.platform_started(site.name), start="2026-11-01T07:59:58"),
        app_log=bool(site.config.get("httpLoggingEnabled")))
    return site


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


LOGS_GROUP = "rg-logs"
PIP_FAILED = ('"2026-11-20 10:05:41"|ERROR|ERROR: No matching distribution found for azure-functions==2.1.0 | '
              "Exit code: 1 | Please review your requirements.txt | More information: "
              "https://aka.ms/troubleshoot-python")        # Oryx logger.sh _LogMessage, PythonBashBuildSnippet.sh.tpl
BAD_BOOLEAN = ("Error: Invalid value 'DISABLE_COLLECTSTATIC' for key '1'. Value can either be 'true' or 'false'.")


def _failed_build(*detail_lines):
    """A failed OneDeploy: Kudu's entries, the Oryx build's output in the details of "Running oryx build..."."""
    return evidence.deployment(3, "2026-11-20T10:05:42.5123456Z", entries=[
        ("Updating submodules.", 0, []), ("Preparing deployment for commit id 'e09a5013-c'.", 0, []),
        ("Running oryx build...", 0, evidence.excerpt(11, 1, 11) + list(detail_lines)),
        ("Deployment Failed. deployer = OneDeploy deploymentPath = OneDeploy", 2, [])])


def seed_logs(store: Store, secret: str = STANDALONE_SECRET) -> dict:
    """One app per log signature in LOGS_GROUP, each with the configuration that explains it where one does, its
    deployment and its container logs composed from the real excerpts (tests/emulator/logs.py). {name: site}."""
    e = evidence
    build_on = {"SCM_DO_BUILD_DURING_DEPLOYMENT": "true"}
    flask = {"app.py": FLASK_APP, "requirements.txt": b"flask==3.1.0\ngunicorn\n"}
    crash = e.excerpt(1, 2, 9) + [e.excerpt(1, 10, 10)[0].split("./home")[0] + "."]
    started = e.MANIFEST_FOUND + e.gunicorn_started()

    def app(name, lines, platform=None, settings=None, files=None, command="", deployment=None, **site):
        kind = site.pop("kind", "app,linux")
        created = store.add(Site(name=name, kind=kind, resource_group=LOGS_GROUP,
                                 config=web_config(site.pop("fx", "PYTHON|3.12"), appCommandLine=command,
                                                   httpLoggingEnabled=True),
                                 app_settings=dict(build_on if settings is None else settings, SECRET_KEY=secret),
                                 files=dict(flask if files is None else files), publishing_password=secret, **site))
        healthy(created)
        if lines is not None:
            created.docker_logs = e.docker_logs(e.stamped(e.banner(command=command or None) + lines),
                                                e.stamped(e.platform_started(name) + (platform or []),
                                                          start="2026-11-20T09:59:58", step_ms=1500))
        if deployment:
            created.deployment, created.deployment_log = deployment
        return created

    pings = e.excerpt(5, 8, 10)
    sites = [
        app("log-healthy", started),
        app("log-nobuild", e.excerpt(2, 17, 17) + e.gunicorn_started() + [
            "Traceback (most recent call last):", '  File "/home/site/wwwroot/app.py", line 1, in <module>',
            "    from flask import Flask", "ModuleNotFoundError: No module named 'flask'"], settings={}),
        app("log-ownmodule", started + crash, platform=pings, command="gunicorn --bind=0.0.0.0 --timeout 600 main:app"),
        app("log-package", started + ["Traceback (most recent call last):",
                                      '  File "/home/site/wwwroot/app.py", line 2, in <module>']
            + e.excerpt(3, 2, 2)[:2],
            files={"app.py": b"from flask import Flask\nimport openai\napp = Flask(__name__)\n",
                   "requirements.txt": b"flask\n"}),
        app("log-attribute", e.MANIFEST_FOUND + e.excerpt(4),
            files={"app.py": b"from flask import Flask\napplication = Flask(__name__)\n",
                   "requirements.txt": b"flask\n"}),
        app("log-pings", started + e.excerpt(5, 1, 7), platform=pings),
        app("log-timelimit", started + e.excerpt(5, 1, 7), platform=e.excerpt(7, 6, 16, "log-timelimit")),
        app("log-asgi", e.MANIFEST_FOUND + e.gunicorn_started() + e.excerpt(8), command="gunicorn app:app",
            files={"app.py": b"from quart import Quart\napp = Quart(__name__)\n", "requirements.txt": b"quart\n"}),
        app("log-timeout", e.MANIFEST_FOUND + e.gunicorn_started("uvicorn.workers.UvicornWorker") + e.excerpt(9)),
        app("log-port", e.MANIFEST_FOUND + e.gunicorn_started("uvicorn.workers.UvicornWorker", 8081),
            platform=pings, command="gunicorn -w 4 -k uvicorn.workers.UvicornWorker -b 0.0.0.0:8081 app.main:app",
            files={"app/__init__.py": b"", "app/main.py": b"from fastapi import FastAPI\napp = FastAPI()\n",
                   "requirements.txt": b"fastapi\nuvicorn\n"}),
        app("log-pip", None, deployment=_failed_build(*e.excerpt(22, 3, 4), PIP_FAILED)),
        app("log-boolean", None, settings=dict(build_on, DISABLE_COLLECTSTATIC="1"),
            deployment=_failed_build(BAD_BOOLEAN)),
        app("log-noplatform", None, files={"app.py": FLASK_APP},
            deployment=_failed_build(*e.excerpt(12, 7, 10))),
        app("log-stale", started + crash, command="gunicorn --bind=0.0.0.0 --timeout 600 main:app",
            deployment=_failed_build(*e.excerpt(22, 3, 4), PIP_FAILED)),
        app("log-func", [text.strip("`").replace("2. `", "") for text in e.excerpt(17, 3, 4)] + e.excerpt(15, 3, 4),
            kind="functionapp,linux", sku="ElasticPremium", fx="Python|3.12",
            settings={"FUNCTIONS_WORKER_RUNTIME": "python", "FUNCTIONS_EXTENSION_VERSION": "~4"},
            files={"host.json": b"{}", "function_app.py": b"import azure.functions as func\nimport pyodbc\n"
                                                          b"app = func.FunctionApp()\n",
                   "requirements.txt": b"azure-functions\n"}),
        app("log-secrets", started + [
            "DATABASE_URL=postgres://admin:{}@db.example.com:5432/app".format(secret),
            "Fetching https://acct.blob.core.windows.net/c/f?sv=2024-01-01&sig={}".format(secret),
            "Traceback (most recent call last):",
            "psycopg2.OperationalError: password authentication failed for user admin ({})".format(secret),
            "[ERROR] Reason: Worker failed to boot."], platform=pings,
            settings=dict(build_on, DATABASE_PASSWORD=secret)),
        app("log-refused", started, scm_status=403),
    ]
    return {site.name: site for site in sites}


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
