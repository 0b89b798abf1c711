# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
# pylint: disable=too-many-statements


def _boolean_setting_type():
    """A three-state flag (`--build-on-deploy` alone means true) whose values are the spellings set-build accepts
    (tab-completed); anything else is an argument error. '' removes the setting."""
    import argparse
    from knack.arguments import CaseInsensitiveList, CLIArgumentType
    from azext_pyappsvc.platform.booleans import CLI_INPUT

    class BooleanSettingAction(argparse.Action):  # pylint: disable=too-few-public-methods
        def __call__(self, parser, namespace, values, option_string=None):
            setattr(namespace, self.dest, "true" if values is None else values)

    choices = sorted(CLI_INPUT.true) + sorted(CLI_INPUT.false) + [""]
    return CLIArgumentType(choices=CaseInsensitiveList(choices), nargs="?", action=BooleanSettingAction)


def _given_once():
    """An option with several spellings (core az's names as aliases) that may be given only once: with
    `--version 3.13 --runtime 3.12` argparse would keep the last silently."""
    import argparse

    class GivenOnce(argparse.Action):  # pylint: disable=too-few-public-methods
        def __call__(self, parser, namespace, values, option_string=None):
            first = getattr(namespace, f"_{self.dest}_given", None)
            if first:
                raise argparse.ArgumentError(self, f"given twice ({first} and {option_string}); give it once")
            setattr(namespace, f"_{self.dest}_given", option_string)
            setattr(namespace, self.dest, values)
    return GivenOnce


def load_arguments(self, _):
    from azure.cli.core.commands.parameters import (get_enum_type, get_resource_name_completion_list,
                                                    resource_group_name_type)
    from knack.arguments import CLIArgumentType

    name_type = CLIArgumentType(
        options_list=['--name', '-n'], metavar='NAME', id_part=None, configured_default='web',
        completer=get_resource_name_completion_list('Microsoft.Web/sites'),
        help='Name of the web app or function app. You can configure the default with '
             '`az configure --defaults web=<name>`.')
    ids_type = CLIArgumentType(
        options_list=['--ids'], nargs='+', arg_group='Resource Id',
        help='One or more resource ids of web apps, function apps or deployment slots (space-delimited): '
             '/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Web/sites/<name>[/slots/<slot>]. '
             'The slot and the subscription come from the id. Give either --ids or -g/-n/--slot.')

    with self.argument_context('pyappsvc') as c:
        c.argument('resource_group_name', arg_type=resource_group_name_type, id_part=None)
        c.argument('name', arg_type=name_type)
        c.argument('ids', arg_type=ids_type)
        c.argument('slot', options_list=['--slot', '-s'],
                   help='Name of the deployment slot. Defaults to the production slot.')

    with self.argument_context('pyappsvc list-runtimes') as c:
        c.argument('functions', action='store_true', help='List the versions offered to function apps.')
        c.argument('include_all', options_list=['--all'], action='store_true',
                   help='Include hidden and deprecated versions.')

    for scope in ['pyappsvc list-runtimes', 'pyappsvc set-runtime']:
        with self.argument_context(scope) as c:
            c.argument('refresh', action='store_true',
                       help='Fetch the stacks catalogue from Azure instead of the one-day disk cache.')

    for scope in ['pyappsvc set-runtime', 'pyappsvc set-build', 'pyappsvc set-startup']:
        with self.argument_context(scope) as c:
            c.argument('dry_run', options_list=['--dry-run'], action='store_true',
                       help='Read and check everything, show the previous and proposed values, and write nothing.')

    with self.argument_context('pyappsvc set-runtime') as c:
        c.argument('version', options_list=['--version', '-v', '--runtime', '--linux-fx-version'],
                   action=_given_once(),
                   help='Python version: 3.12. Also accepted: PYTHON|3.12, python:3.12, python3.12, py3.12, 3.12.4 '
                        '(--runtime and --linux-fx-version are the names core az uses).')
        c.argument('allow_eol', action='store_true',
                   help='Allow a version that has reached its end of life.')

    boolean_setting = _boolean_setting_type()
    with self.argument_context('pyappsvc set-build') as c:
        c.argument('pre_build', options_list=['--pre-build'],
                   help="PRE_BUILD_COMMAND: a command Oryx runs before installing dependencies. '' removes it.")
        c.argument('post_build', options_list=['--post-build'],
                   help="POST_BUILD_COMMAND: a command Oryx runs after installing dependencies. '' removes it.")
        c.argument('pre_build_script', options_list=['--pre-build-script'],
                   help="PRE_BUILD_SCRIPT_PATH: a script in the project, run instead of PRE_BUILD_COMMAND. "
                        "'' removes it.")
        c.argument('post_build_script', options_list=['--post-build-script'],
                   help="POST_BUILD_SCRIPT_PATH: a script in the project, run instead of POST_BUILD_COMMAND. "
                        "'' removes it.")
        for dest, meaning in (
                ('disable_collectstatic', "DISABLE_COLLECTSTATIC: true skips Django's collectstatic."),
                ('build_on_deploy', "SCM_DO_BUILD_DURING_DEPLOYMENT: true makes zip deployments run the Oryx build "
                                    "(pip install). Not on Flex Consumption."),
                ('oryx_build', "ENABLE_ORYX_BUILD: false makes Kudu copy the files without running Oryx (no pip "
                               "install). Not on Flex Consumption."),
                ('isolate_worker_dependencies', "Function apps: PYTHON_ISOLATE_WORKER_DEPENDENCIES: true loads your "
                                                "packages (protobuf, grpcio...) instead of the worker's copies."),
                ('worker_extensions', "Function apps: PYTHON_ENABLE_WORKER_EXTENSIONS: true lets the worker load "
                                      "extensions built on AppExtensionBase / FuncExtensionBase.")):
            c.argument(dest, options_list=['--' + dest.replace('_', '-')], arg_type=boolean_setting,
                       help=meaning + " Written as true or false; '' removes it.")
        c.argument('pip_extra_index_url', options_list=['--pip-extra-index-url'],
                   help="PIP_EXTRA_INDEX_URL: another package index for the remote build's pip. Treated as a "
                        "secret (never printed); a Key Vault reference (@Microsoft.KeyVault(SecretUri=...)) is "
                        "kept as is. '' removes it.")
        c.argument('source', options_list=['--source'],
                   help='Project folder: check that the scripts the settings name exist before writing.')

    with self.argument_context('pyappsvc set-startup') as c:
        c.argument('name', arg_type=name_type, help='Name of the web app (function apps have no startup command).')
        c.argument('startup_command', options_list=['--command', '--startup-file'], action=_given_once(),
                   help='The startup command, written as given; "" removes it, like --clear (--startup-file is the '
                        'name core az uses).')
        c.argument('startup_file', options_list=['--file'],
                   help='A file in the deployed project: a .sh script runs whole; any other file only its first '
                        'line.')
        c.argument('module', options_list=['--module'],
                   help='The application to serve, as module:object (hello:myapp, mysite.wsgi, app:create_app()).')
        c.argument('chdir', options_list=['--chdir'], help='With --module: the folder gunicorn changes to first.')
        c.argument('workers', options_list=['--workers'], help='With --module: the number of gunicorn workers.')
        c.argument('timeout', options_list=['--timeout'], help='With --module: the worker timeout in seconds. '
                                                               'Default: 600.')
        c.argument('server', options_list=['--server'], arg_type=get_enum_type(['gunicorn', 'uvicorn']),
                   help='With --module: gunicorn (WSGI), or gunicorn with the uvicorn worker (ASGI).')
        c.argument('detect', options_list=['--detect'], action='store_true',
                   help='Derive the command from the project given with --source.')
        c.argument('clear', options_list=['--clear'], action='store_true',
                   help='Remove the startup command: App Service auto-detects the app again.')
        c.argument('force', options_list=['--force'], action='store_true',
                   help='Write even when the checks find a problem (they are still reported).')
        c.argument('source', options_list=['--source'],
                   help='Local project folder to check the command against (module, --chdir, files, requirements).')

    with self.argument_context('pyappsvc show-startup') as c:
        c.argument('name', arg_type=name_type, required=False,
                   help='Name of the web app whose startup to explain. Optional with --source.')
        c.argument('source', options_list=['--source'],
                   help='Local project folder to predict the startup of (offline, alone); with an app, used instead '
                        'of the deployed files.')
        c.argument('python_version', options_list=['--python-version'],
                   help="Offline (--source alone): the Python version the app will run, such as 3.14. Default: "
                        "the project's .python-version / runtime.txt / requires-python pin, else both outcomes.")

    with self.argument_context('pyappsvc doctor') as c:
        c.argument('resource_group_name', arg_type=resource_group_name_type, id_part=None,
                   help='Resource group: alone, every app in it is checked.')
        c.argument('name', arg_type=name_type, help='Name of the web app or function app to check (with -g).')
        c.argument('all_apps', options_list=['--all'], action='store_true',
                   help='Check every app in the subscription.')
        c.argument('source', options_list=['--source'],
                   help='Local project folder. Alone, the check runs offline with no login; with an app, the '
                        "app's settings are checked against this project.")
        c.argument('report', options_list=['--report'], action='store_true',
                   help='Print a readable report instead of the structured result.')
        c.argument('fail_on', options_list=['--fail-on'], arg_type=get_enum_type(['error', 'warning']),
                   help='Exit with code 1 when a finding of this severity or worse exists (for CI pipelines).')
        c.argument('min_severity', options_list=['--min-severity'],
                   arg_type=get_enum_type(['error', 'warning', 'info']),
                   help='Show only findings of this severity or worse. Default: info for one app or project, warning '
                        'for several apps (the summary still counts every finding; --fail-on is not affected).')
        c.argument('python_version', options_list=['--python-version'],
                   help="Offline (--source alone): the Python version the app will run, such as 3.14. Default: "
                        "the project's .python-version / runtime.txt / requires-python pin.")
        c.argument('max_parallel', options_list=['--max-parallel'], type=int,
                   help='How many apps are checked at once in group and subscription mode, from 1 to 64.')
        c.argument('logs', options_list=['--logs'], action='store_true',
                   help="Read each app's latest deployment and container logs (the default for one app) and report "
                        'what they show (LOG findings, with their evidence).')
        c.argument('no_logs', options_list=['--no-logs'], action='store_true',
                   help='Do not read the deployment and container logs.')
        c.argument('since', options_list=['--since'],
                   help='Only evidence from this time: ISO 8601 (2026-11-20T10:00:00Z) or a duration back from now '
                        "(30m, 6h, 2d). Default: the container's last start.")

        c.argument('all_subscriptions', options_list=['--all-subscriptions'], action='store_true',
                   arg_group='Tenant-wide (Resource Graph)',
                   help="Every subscription in the login's profile, inventoried with Azure Resource Graph.")
        c.argument('subscriptions', options_list=['--subscriptions'], nargs='+',
                   arg_group='Tenant-wide (Resource Graph)',
                   help='Subscription ids separated by spaces, inventoried with Azure Resource Graph.')
        c.argument('management_group', options_list=['--management-group'],
                   arg_group='Tenant-wide (Resource Graph)',
                   help='Every subscription under this management group, inventoried with Azure Resource Graph.')
        c.argument('deep', options_list=['--deep'], action='store_true', arg_group='Tenant-wide (Resource Graph)',
                   help='Also read config/web and app settings of each Python app (ARM requests, throttled '
                        'client-side per subscription) and run every check.')

    with self.argument_context('pyappsvc migrate') as c:
        c.argument('name', arg_type=name_type, required=False,
                   help='Name of the Windows web app to migrate from (with -g): its site extensions, Python version, '
                        'handler mappings and app setting names (never values) are read.')
        c.argument('source', options_list=['--source'],
                   help='Local project folder made for Windows App Service (web.config, web.<version>.config) or '
                        'Azure Cloud Services (ServiceDefinition.csdef, .cscfg, LaunchWorker.ps1).')
        c.argument('target_app', options_list=['--target-app'],
                   help='Name of the existing Linux web app to migrate to: the plan names it, and --apply '
                        'configures it. Without it, the plan starts by creating one.')
        c.argument('target_resource_group', options_list=['--target-resource-group'],
                   help="Resource group of --target-app. Defaults to the Windows app's group (-g).")
        c.argument('apply', options_list=['--apply'], action='store_true',
                   help='Set the Python version, startup command and build settings of --target-app with the '
                        'checks and write guarantees of set-runtime, set-startup and set-build. Creates nothing.')
        c.argument('dry_run', options_list=['--dry-run'], action='store_true',
                   help='With --apply: read the target and show what would be written, and write nothing.')
        c.argument('report', options_list=['--report'], action='store_true',
                   help='Print a readable plan instead of the structured result.')
        c.argument('refresh', options_list=['--refresh'], action='store_true',
                   help='Fetch the stacks catalogue again instead of using the one cached for a day.')
