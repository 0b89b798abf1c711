"""Generated hostile answers: for every request each command sends, its answer is replaced by something Azure
should not send but might (JSON null, a list, a string, an empty object, a sign-in page, a redirect) and, for
every field the command reads, that field is made null, removed, or given the wrong type.

The outcome must always be one of: success, with exactly the intended change made once (or nothing written for a
read-only command); or one `ERROR:` line, with nothing written unless the line says the change may have been
applied. Never a traceback.
"""

import gc
import os
import re
import zlib
from dataclasses import dataclass
from typing import Callable, List, Optional

import pytest

from tests.canary import CANARY
from tests.emulator.model import Store
from tests.emulator.model import Site
from tests.emulator.seeds import FLASK_APP, SUBSCRIPTION, seed_default, seed_logs, web_config
from tests.emulator.server import Fault

OTHER_APP = f"/subscriptions/{SUBSCRIPTION}/resourceGroups/rg-python/providers/Microsoft.Web/sites/py-func"
LOGIN_PAGE = "<!DOCTYPE html><html><head><title>Sign in to your account</title></head></html>"

# the fields each answer carries that pyappsvc reads (adapters/arm.py SITE_FIELDS / CONFIG_FIELDS and the nested
# ones the rules look into), as JSON paths; "*" is every item of a list
SITE_PATHS = ["kind", "properties", "properties.kind", "properties.reserved", "properties.siteConfig",
              "properties.siteConfig.linuxFxVersion", "properties.siteProperties",
              "properties.siteProperties.properties", "properties.siteProperties.properties.*",
              "properties.functionAppConfig", "properties.functionAppConfig.runtime",
              "properties.functionAppConfig.runtime.version", "properties.functionAppConfig.runtime.name",
              "properties.hostNameSslStates", "properties.hostNameSslStates.*", "properties.enabledHostNames",
              "properties.httpsOnly", "properties.sku", "properties.name", "name", "id"]
CONFIG_PATHS = ["properties", "properties.linuxFxVersion", "properties.appCommandLine", "properties.scmType",
                "properties.minTlsVersion", "properties.ftpsState", "properties.alwaysOn",
                "properties.remoteDebuggingEnabled", "properties.httpLoggingEnabled", "properties.pythonVersion",
                "properties.windowsFxVersion", "properties.handlerMappings", "properties.handlerMappings.*",
                "properties.handlerMappings.*.scriptProcessor"]
SETTINGS_PATHS = ["properties", "properties.SCM_DO_BUILD_DURING_DEPLOYMENT", "properties.FUNCTIONS_WORKER_RUNTIME",
                  "properties.DATABASE_PASSWORD"]
STACKS_PATHS = ["value", "value.*", "value.*.properties", "value.*.properties.majorVersions",
                "value.*.properties.majorVersions.*.minorVersions",
                "value.*.properties.majorVersions.*.minorVersions.*.stackSettings",
                "value.*.properties.majorVersions.*.minorVersions.*.stackSettings.linuxRuntimeSettings",
                "value.*.properties.majorVersions.*.minorVersions.*.stackSettings.linuxRuntimeSettings"
                ".endOfLifeDate"] + [
                    "value.*.properties.majorVersions.*.minorVersions.*.stackSettings.linuxRuntimeSettings." + leaf
                    for leaf in ("runtimeVersion", "siteConfigPropertiesDictionary",
                                 "siteConfigPropertiesDictionary.linuxFxVersion", "isHidden", "isDeprecated",
                                 "appSettingsDictionary", "supportedFunctionsExtensionVersions")]
LIST_PATHS = ["value", "value.*", "value.*.name", "value.*.properties", "nextLink"]
SITE_EXTENSION_PATHS = LIST_PATHS + ["value.*.properties.extension_id", "value.*.properties.title"]
VFS_PATHS = ["*", "*.name", "*.mime", "*.href"]
# the SCM site's evidence (adapters/kudu.py): the latest deployment, its log entries, the Docker log listing
DEPLOYMENT_PATHS = ["status", "end_time", "received_time", "log_url", "id", "build_summary"]
LOG_ENTRY_PATHS = ["*", "*.log_time", "*.message", "*.details_url"]
DOCKER_LOG_PATHS = ["*", "*.machineName", "*.lastUpdated", "*.size", "*.href"]
FIELDS = [(r"^/api/deployments/latest$", DEPLOYMENT_PATHS), (r"^/api/deployments/.*/log", LOG_ENTRY_PATHS),
          (r"^/api/logs/docker$", DOCKER_LOG_PATHS), (r"/sites/[^/]+(/slots/[^/]+)?$", SITE_PATHS),
          (r"/config/web$", CONFIG_PATHS), (r"/appsettings/list$", SETTINGS_PATHS), (r"Stacks$", STACKS_PATHS),
          (r"/siteextensions$", SITE_EXTENSION_PATHS), (r"/providers/Microsoft\.Web/sites$", LIST_PATHS),
          (r"^/api/vfs/", VFS_PATHS)]


@dataclass
class Mutation:
    name: str
    fault: Callable[[str, str], Fault]


def _wrong(value):
    """A value of another JSON type than `value`."""
    if isinstance(value, bool):
        return "yes"
    if isinstance(value, (int, float)):
        return "1"
    if isinstance(value, str):
        return 123
    if isinstance(value, dict):
        return "x"
    if isinstance(value, list):
        return {"0": value}
    return []


def _apply(node, parts, operation):
    if node is None or not parts:
        return
    head, rest = parts[0], parts[1:]
    keys = range(len(node)) if head == "*" and isinstance(node, list) else [head] if isinstance(node, dict) else []
    for key in list(keys):
        if isinstance(node, dict) and key not in node:
            continue
        if rest:
            _apply(node[key], rest, operation)
        elif operation == "null":
            node[key] = None
        elif operation == "missing" and isinstance(node, dict):
            del node[key]
        elif operation == "wrong":
            node[key] = _wrong(node[key])


def _field(path, operation):
    def mutate(body):
        _apply(body, path.split("."), operation)
        return body
    return Mutation("{} {}".format(path, operation), lambda method, where: Fault(
        kind="answer", method=method, path=where, body=mutate, times=20))


WHOLE = [
    Mutation("null", lambda m, p: Fault(kind="body", status=200, method=m, path=p, body="null",
                                        content_type="application/json", times=20)),
    Mutation("list", lambda m, p: Fault(kind="body", status=200, method=m, path=p, body="[]",
                                        content_type="application/json", times=20)),
    Mutation("string", lambda m, p: Fault(kind="body", status=200, method=m, path=p, body='"ok"',
                                          content_type="application/json", times=20)),
    Mutation("empty object", lambda m, p: Fault(kind="body", status=200, method=m, path=p, body="{}",
                                                content_type="application/json", times=20)),
    Mutation("sign-in page", lambda m, p: Fault(kind="body", status=200, method=m, path=p, body=LOGIN_PAGE,
                                                content_type="text/html", times=20)),
    Mutation("redirect", lambda m, p: Fault(kind="body", status=302, method=m, path=p, body=LOGIN_PAGE,
                                            content_type="text/html", times=20)),
    Mutation("truncated JSON", lambda m, p: Fault(kind="body", status=200, method=m, path=p, body='{"properties": {',
                                                  content_type="application/json", times=20)),
    Mutation("deep JSON", lambda m, p: Fault(kind="body", status=200, method=m, path=p, body="[" * 5_000,
                                             content_type="application/json", times=20)),
    Mutation("redirect to another app", lambda m, p: Fault(
        kind="body", status=307, method=m, path=p, body="", times=20,
        headers={"Location": f"https://management.azure.com{OTHER_APP}/config/web?api-version=2024-11-01"})),
    Mutation("redirect off ARM", lambda m, p: Fault(
        kind="body", status=308, method=m, path=p, body="", times=20,
        headers={"Location": "https://evil.azurewebsites.net/collect"})),
] + [Mutation(f"{status} {name}", lambda m, p, status=status, body=body, ctype=ctype, headers=headers: Fault(
    kind="body", status=status, method=m, path=p, body=body, content_type=ctype, headers=headers, times=20))
     for status, name, body, ctype, headers in [
         (409, "blank message", '{"error": {"code": "Conflict", "message": "  \\n "}}', "application/json", {}),
         (400, "message not a string", '{"error": {"code": 5, "message": ["a", {"b": null}]}}', "application/json",
          {}),
         (400, "error null", '{"error": null}', "application/json", {}),
         (400, "error a string", '{"error": "bad"}', "application/json", {}),
         (502, "HTML", "<html><body><h1>502 - Web server received an invalid response</h1></body></html>",
          "text/html", {}),
         (500, "deep JSON", '{"error": ' * 5_000, "application/json", {}),
         (429, "odd Retry-After", '{"error": {"code": "TooManyRequests", "message": "slow down"}}',
          "application/json", {"Retry-After": "soon"}),
     ]]


def _site(store, name="py-web"):
    return store.get(SUBSCRIPTION, "rg-python", name)


@dataclass
class Command:
    call: Callable                              # call(cmd): the command function of custom.py, as az calls it
    changed: Optional[Callable] = None          # None: read-only


def _custom(function, **kwargs):
    def call(cmd):
        from azext_pyappsvc import custom
        return getattr(custom, function)(cmd, **kwargs)
    return call


WEB = {"resource_group_name": "rg-python", "name": "py-web"}
COMMANDS = {
    "show": Command(_custom("show_app", **WEB)),
    "show function": Command(_custom("show_app", resource_group_name="rg-python", name="py-func")),
    "list-runtimes": Command(_custom("list_runtimes", functions=True)),
    "set-runtime web": Command(_custom("set_runtime", version="3.13", **WEB),
                               lambda s: _site(s).config["linuxFxVersion"] == "PYTHON|3.13"),
    "set-runtime function": Command(_custom("set_runtime", version="3.12", resource_group_name="rg-python",
                                            name="py-func"),
                                    lambda s: _site(s, "py-func").config["linuxFxVersion"] == "Python|3.12"),
    "set-runtime flex": Command(_custom("set_runtime", version="3.13", resource_group_name="rg-python",
                                        name="py-flex"),
                                lambda s: _site(s, "py-flex").function_app_config["runtime"]["version"] == "3.13"),
    "set-build": Command(_custom("set_build", build_on_deploy="false", **WEB),
                         lambda s: _site(s).app_settings["SCM_DO_BUILD_DURING_DEPLOYMENT"] == "false"),
    "set-startup": Command(_custom("set_startup", module="app:app", **WEB),
                           lambda s: _site(s).config["appCommandLine"] == "gunicorn --bind=0.0.0.0 --timeout 600 "
                                                                         "app:app"),
    "show-startup": Command(_custom("show_startup", **WEB)),
    "doctor web": Command(_custom("doctor", **WEB)),
    "doctor failed deployment": Command(_custom("doctor", resource_group_name="rg-logs", name="log-stale")),
    "doctor windows": Command(_custom("doctor", resource_group_name="rg-python", name="win-app")),
    "doctor flex": Command(_custom("doctor", resource_group_name="rg-python", name="py-flex")),
    "set-build function": Command(
        _custom("set_build", worker_extensions="true", pip_extra_index_url="https://pkgs.example.com/simple",
                resource_group_name="rg-python", name="py-func"),
        lambda s: _site(s, "py-func").app_settings["PYTHON_ENABLE_WORKER_EXTENSIONS"] == "true"),
    "doctor group": Command(_custom("doctor", resource_group_name="rg-small")),
    "migrate windows": Command(_custom("migrate", resource_group_name="rg-python", name="win-app")),
}


@dataclass
class Outcome:
    exit_code: int
    error_lines: List[str]
    stderr: str


def _run(command, cli=None):
    """The command function called the way az calls it (the argument parsing is az's, and is tested through az in
    the rest of the suite): what az would print for what it returns or raises. `cli`: the CLI object of the test's
    runs (making one per run costs more than the run: its cloud configuration is read anew)."""
    import traceback
    from azure.cli.core import get_default_cli
    from azure.cli.core.azclierror import AzCLIError

    class Cmd:  # pylint: disable=too-few-public-methods
        cli_ctx = cli or get_default_cli()
        arguments = {}
    try:
        command.call(Cmd)
        return Outcome(0, [], "")
    except AzCLIError as error:
        lines = ["ERROR: " + line for line in str(error.error_msg).splitlines()] + list(error.recommendations)
        return Outcome(1, lines, "\n".join(lines))
    except Exception:  # pylint: disable=broad-except
        return Outcome(2, [], traceback.format_exc())


def _seed():
    """A fresh copy of the seeded store (built once: every run starts over)."""
    global _SEEDED
    if _SEEDED is None:
        _SEEDED = _seeded()
    return _SEEDED.copy()


_SEEDED = None


def _seeded():
    """The default apps, and a small group (a Python web app with files, a function app and a Node app that is
    skipped) for the group run."""
    store = seed_default(Store(), CANARY)
    store.add(Site(name="small-web", kind="app,linux", resource_group="rg-small", config=web_config(),
                   app_settings={"SCM_DO_BUILD_DURING_DEPLOYMENT": "true", "SECRET_KEY": CANARY},
                   files={"app.py": FLASK_APP, "requirements.txt": b"flask\n"}))
    store.add(Site(name="small-func", kind="functionapp,linux", resource_group="rg-small", sku="Dynamic",
                   config=web_config("Python|3.12", alwaysOn=False),
                   app_settings={"FUNCTIONS_WORKER_RUNTIME": "python", "FUNCTIONS_EXTENSION_VERSION": "~4"}))
    store.add(Site(name="small-node", kind="app,linux", resource_group="rg-small", config=web_config("NODE|20-lts")))
    seed_logs(store, CANARY)
    return store


def _requests(emulator, command):
    """The (method, path) of each kind of request a healthy run sends: the first of those that differ only by the
    app they are about (a group run reads every app the same way)."""
    result = _run(command)
    assert result.exit_code == 0, result.stderr
    seen, kinds = [], set()
    for entry in emulator.requests():
        kind = (entry.method, re.sub(r"/sites/[^/]+", "/sites/*", entry.path))
        if kind not in kinds:
            kinds.add(kind)
            seen.append((entry.method, entry.path))
    return seen


def _mutations(path, family, mutated):
    """The whole-body mutations of every request, or those of every field pyappsvc reads in this request's kind of
    answer: once per kind and command (`mutated` holds the kinds done), as the same code reads every answer of a
    kind (a group run reads each app's site alike; the kinds of app are commands of their own here)."""
    if family == "whole":
        return list(WHOLE)
    for pattern, fields in FIELDS:
        if re.search(pattern, path):
            if pattern in mutated:
                return []
            mutated.add(pattern)
            return [_field(field, operation) for field in fields for operation in ("null", "missing", "wrong")]
    return []


def _judge(command, result, emulator, before):
    """None when the outcome is one of the allowed ones, else why not. A write counts when it took effect in the
    emulator, whatever the (hostile) answer said."""
    if "Traceback" in result.stderr:
        return "traceback"
    if [e for e in emulator.requests() if e.host.startswith("evil.")]:
        return "followed a redirect off ARM"
    writes = [e for e in emulator.requests() if e.is_write and e.served]
    errors = [line for line in result.error_lines if line.startswith("ERROR:")]
    changed = emulator.store.snapshot() != before
    if result.exit_code == 0:
        if command.changed is None:
            return "a read-only command wrote" if writes or changed else None
        if not command.changed(emulator.store):
            return "exit 0 but the change is not in place"
        return "written {} times".format(len(writes)) if len(writes) > 1 else None
    if len(errors) != 1:
        return "{} error lines: {}".format(len(errors), result.stderr[-400:])
    if changed and "may or may not have been applied" not in errors[0]:
        return "failed after the change took effect, and does not say so: " + errors[0]
    return None


# `make test` runs every STRIDE-th hostile answer of each command (a different slice per command, fixed, so a
# failure reproduces); `make test-hostile`, which CI runs too, runs them all (PYAPPSVC_HOSTILE=all).
STRIDE = 1 if os.environ.get("PYAPPSVC_HOSTILE") == "all" else 6


@pytest.mark.parametrize("family", ["whole", "fields"])
@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_hostile_answer_to_every_request(live_emulator, name, family):
    from azure.cli.core import get_default_cli
    command, cli = COMMANDS[name], get_default_cli()
    failures, runs, index = [], 0, 0
    live_emulator.reset(_seed())
    mutated, offset = set(), zlib.crc32(name.encode()) % STRIDE
    for method, path in _requests(live_emulator, command):
        where = "^" + re.escape(path) + "$"
        for mutation in _mutations(path, family, mutated):
            index += 1
            if (index - 1) % STRIDE != offset:
                continue
            live_emulator.reset(_seed())
            before = live_emulator.store.snapshot()
            live_emulator.inject(mutation.fault(method, where))
            result = _run(command, cli)
            gc.collect(1)   # garbage of this run collected now, at a shallow stack: an unraisable exception found
            runs += 1       # later, inside a deep JSON decode, fails pytest's own hook (RecursionError) at random
            why = _judge(command, result, live_emulator, before)
            if why:
                failures.append("{} {} [{}]: {}".format(method, path, mutation.name, why))
    assert runs >= (5 if family == "whole" else 10) // STRIDE
    assert not failures, "\n".join(failures[:20]) + "\n({} of {} runs)".format(len(failures), runs)
