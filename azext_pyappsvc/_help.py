# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------

from knack.help_files import helps  # pylint: disable=unused-import

helps['pyappsvc'] = """
type: group
short-summary: Configure, explain and diagnose Python apps on App Service (Linux) and Azure Functions.
long-summary: >
    Every value is validated before anything is written, and only the property you change is sent.
"""

helps['pyappsvc show'] = """
type: command
short-summary: Show the Python-relevant configuration of a web app or function app.
long-summary: >
    Kind and platform (linux, windows, container, flex), the Python version, the startup command, the
    build automation settings and, for function apps, the Functions worker settings. Values of other app
    settings are never printed. Reads the site, its configuration and its app settings concurrently.
examples:
  - name: Show the Python configuration of a web app.
    text: az pyappsvc show -g MyResourceGroup -n MyWebApp
  - name: Show a deployment slot as a table.
    text: az pyappsvc show -g MyResourceGroup -n MyWebApp --slot staging -o table
"""

helps['pyappsvc list-runtimes'] = """
type: command
short-summary: List the Python versions App Service (Linux) offers, with end-of-life dates and support state.
long-summary: >
    Read from the platform's live stacks catalogue (webAppStacks, or functionAppStacks with --functions),
    cached on disk for a day. Support is active, near-eol (end of life within 180 days) or eol.
examples:
  - name: List the Python versions for web apps.
    text: az pyappsvc list-runtimes -o table
  - name: List every Python version for function apps, hidden and deprecated ones included.
    text: az pyappsvc list-runtimes --functions --all
"""

helps['pyappsvc set-runtime'] = """
type: command
short-summary: Set the Python version of a web app or function app, validated against the platform's stacks.
long-summary: >
    The version is normalised (3.12, PYTHON|3.12, python:3.12 and 3.12.4 all mean 3.12), checked against
    the versions the platform offers for this kind of app, and written in the platform's own spelling
    (PYTHON|3.12 for web apps, Python|3.12 for function apps, functionAppConfig.runtime on Flex
    Consumption) with one PATCH that holds only that property. App settings are not touched. The result
    holds the previous and the proposed value and whether it was written; --dry-run writes nothing.
examples:
  - name: Run a web app on Python 3.12.
    text: az pyappsvc set-runtime -g MyResourceGroup -n MyWebApp --version 3.12
  - name: Set the version of a staging slot.
    text: az pyappsvc set-runtime -g MyResourceGroup -n MyWebApp --slot staging --version 3.13
  - name: Keep a function app on a version past its end of life.
    text: az pyappsvc set-runtime -g MyResourceGroup -n MyFunctionApp --version 3.10 --allow-eol
  - name: Show the previous and proposed version without writing anything.
    text: az pyappsvc set-runtime -g MyResourceGroup -n MyWebApp --version 3.13 --dry-run
"""

helps['pyappsvc set-build'] = """
type: command
short-summary: Set the build automation app settings (Oryx) without losing any other app setting.
long-summary: >
    Booleans are written as true or false, the only values both Oryx and Kudu accept. An empty value
    removes a setting. The app settings are read and written back in one PUT that keeps every other
    setting unchanged; slot-sticky names are not touched. Writing app settings restarts the app; --dry-run
    shows the previous and proposed build settings and writes nothing.
    Warns when a script path hides a command, when WEBSITE_RUN_FROM_PACKAGE disables the build, and on
    Flex Consumption, where these settings are ignored; there --build-on-deploy and --oryx-build are refused
    (remote build is a deployment option). --isolate-worker-dependencies and --worker-extensions apply to
    function apps only. --pip-extra-index-url is treated as a secret and never printed.
examples:
  - name: Make zip deployments install requirements.txt.
    text: az pyappsvc set-build -g MyResourceGroup -n MyWebApp --build-on-deploy true
  - name: Run a script after the build and skip collectstatic, checking the script exists in the project.
    text: >
        az pyappsvc set-build -g MyResourceGroup -n MyWebApp --post-build "bash scripts/migrate.sh"
        --disable-collectstatic true --source .
  - name: Remove the pre-build command.
    text: az pyappsvc set-build -g MyResourceGroup -n MyWebApp --pre-build ""
  - name: Let a function app load worker extensions and use a private package index kept in Key Vault.
    text: >
        az pyappsvc set-build -g MyResourceGroup -n MyFunctionApp --worker-extensions true
        --pip-extra-index-url "@Microsoft.KeyVault(SecretUri=https://myvault.vault.azure.net/secrets/pip-index/)"
  - name: Show the previous and proposed build settings without writing (or restarting) anything.
    text: az pyappsvc set-build -g MyResourceGroup -n MyWebApp --build-on-deploy true --dry-run -o table
"""

helps['pyappsvc set-startup'] = """
type: command
short-summary: Set the startup command of a Linux web app, checked before it is written.
long-summary: >
    Give the command verbatim (--command), a startup file (--file), the parts (--module with --chdir,
    --workers, --timeout, --server), or let it be derived from the project (--detect --source). Errors
    stop the write (unless --force): binding 127.0.0.1 or a port other than 8000, a module, folder or
    file missing from --source, an ASGI app under gunicorn's sync worker, a server the requirements do
    not install, a malformed module:object, unbalanced quotes. Writes one PATCH holding only
    appCommandLine. --clear returns the app to auto-detection. --dry-run shows the previous and proposed
    command and writes nothing.
examples:
  - name: Serve hello.py's myapp object from the website folder.
    text: az pyappsvc set-startup -g MyResourceGroup -n MyWebApp --module hello:myapp --chdir website
  - name: Serve a FastAPI app with gunicorn and the uvicorn worker, checked against the local project.
    text: az pyappsvc set-startup -g MyResourceGroup -n MyWebApp --module main:app --server uvicorn --source .
  - name: Derive the command from the project and only show it.
    text: az pyappsvc set-startup -g MyResourceGroup -n MyWebApp --detect --source . --dry-run
  - name: Go back to auto-detection.
    text: az pyappsvc set-startup -g MyResourceGroup -n MyWebApp --clear
"""

helps['pyappsvc show-startup'] = """
type: command
short-summary: Show the startup command App Service will run, and why.
long-summary: >
    origin is custom, django, fastapi, flask, default (the "waiting for your content" site), functions
    (a function app or Functions project: the Functions host starts it) or unknown (not enough
    information). Uses the app's settings and the project files: --source, or the deployed files listed
    through the SCM site. With --source alone it works offline, without a login.
examples:
  - name: Predict the startup of a local project, offline.
    text: az pyappsvc show-startup --source .
  - name: Predict it for the Python version the app will run (FastAPI detection needs 3.14+).
    text: az pyappsvc show-startup --source . --python-version 3.14
  - name: Explain what a deployed app runs.
    text: az pyappsvc show-startup -g MyResourceGroup -n MyWebApp
  - name: Show how a function app starts (the Functions host indexes function_app.py).
    text: az pyappsvc show-startup -g MyResourceGroup -n MyFunctionApp
"""

helps['pyappsvc doctor'] = """
type: command
short-summary: Diagnose Python apps and projects; every finding comes with a fix.
long-summary: >
    Runs the whole troubleshooting checklist (platform, runtime, build, startup, Functions, security,
    operations, legacy platforms) for one app (-g -n, or --ids), every app in a resource group (-g), every
    app in the subscription (--all), and/or a local project (--source; alone it works offline). Many
    subscriptions (--all-subscriptions, --subscriptions, --management-group) are inventoried with Azure
    Resource Graph and checked from the inventory alone (runtime, platform, HTTPS), with a fleet summary;
    --deep adds every per-app check, throttled client-side per subscription. Returns
    the predicted build steps and startup command and the findings, each with a stable code, a severity
    and a fix; -o table shows one row per finding, --report a readable report. --fail-on makes the exit
    code non-zero for CI. Over several apps only warnings and errors are shown unless --min-severity info,
    a one-line summary goes to stderr, and --report starts with what to do first. Values of app settings
    are never printed.
    code non-zero for CI. Values of app settings are never printed.
    For one app it also reads, through the app's SCM site, the latest deployment and the last 256 KB of the
    container logs, and reports what they show (LOG findings) with at most five redacted lines of evidence,
    after the configuration finding that explains them (--no-logs to skip, --logs for every app of a group).
examples:
  - name: Check a local project offline, as a readable report.
    text: az pyappsvc doctor --source . --report
  - name: Check one app against the local copy of its code.
    text: az pyappsvc doctor -g MyResourceGroup -n MyWebApp --source .
  - name: Check every app in a resource group, one row per finding.
    text: az pyappsvc doctor -g MyResourceGroup -o table
  - name: Fail a CI pipeline on any error in the subscription.
    text: az pyappsvc doctor --all --fail-on error -o none
  - name: Preflight a Functions project before `func azure functionapp publish` (FN checks, offline).
    text: az pyappsvc doctor --source . --fail-on error --report
  - name: Check a resource group and start from what to fix first, errors only.
    text: az pyappsvc doctor -g MyResourceGroup --min-severity error --report
"""

helps['pyappsvc migrate'] = """
type: command
short-summary: Plan (and apply) the move from Python on Windows App Service or Azure Cloud Services to Linux.
long-summary: >
    Reads the project (--source: web.config with FastCGI or HttpPlatform, web.<version>.config, a Cloud
    Service's .csdef/.cscfg and LaunchWorker.ps1) and, with -g/-n, the live Windows app (site extensions,
    pythonVersion, windowsFxVersion, handler mappings, app setting names). Returns the plan: the nearest
    supported Linux Python and the standard library modules removed on the way that the project imports,
    the startup command (checked like set-startup --source), the app settings to carry (values only when
    they do not look secret), dependency risks, worker roles (a WebJob or a timer-triggered function), and
    ordered, paste-safe commands. --apply configures an existing Linux app (--target-app) through
    set-runtime, set-startup and set-build with their checks; it never creates anything. -o table shows
    one row per step, --report a readable plan.
examples:
  - name: Plan the migration of a project that ran on Windows App Service or Cloud Services; works offline.
    text: az pyappsvc migrate --source .
  - name: Plan from the live Windows app and the project, towards an existing Linux app, one row per step.
    text: az pyappsvc migrate -g MyResourceGroup -n MyWindowsApp --source . --target-app MyLinuxApp -o table
  - name: Show what --apply would write to the Linux app, and write nothing.
    text: az pyappsvc migrate --source . --target-app MyLinuxApp --target-resource-group MyGroup --apply --dry-run
  - name: Apply the Python version, startup command and build settings to the Linux app.
    text: az pyappsvc migrate --source . --target-app MyLinuxApp --target-resource-group MyResourceGroup --apply
  - name: Why did my app fail to start? Read its deployment and container logs since this morning, as a report.
    text: az pyappsvc doctor -g MyResourceGroup -n MyWebApp --since 2026-11-20T06:00:00Z --report
  - name: Check one app's configuration only, without reading its logs.
    text: az pyappsvc doctor -g MyResourceGroup -n MyWebApp --no-logs
  - name: Audit every Python app in every subscription of the login from Resource Graph, one row per app.
    text: az pyappsvc doctor --all-subscriptions -o table
  - name: Audit two subscriptions (ids in SUB1 and SUB2), as a readable fleet report.
    text: az pyappsvc doctor --subscriptions $SUB1 $SUB2 --report
  - name: Audit a management group with every per-app check, failing on errors.
    text: az pyappsvc doctor --management-group Platform --deep --fail-on error -o none
"""
