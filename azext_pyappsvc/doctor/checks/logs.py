# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Logs — LOG: what the deployment and container logs show happened (signatures: platform/logs.py). Each finding
carries its evidence (at most five lines, redacted on the way out: output/results.py) and names the configuration
finding that explains it when one fired."""

from ...platform.problems import ERROR, WARNING
from ..catalog import Finding, Fix, check

NEEDS = ("app", "logs")
START_TIME_LIMIT = "WEBSITES_CONTAINER_START_TIME_LIMIT"


def log_check(code, severity, title, explained_by=()):
    """Registers `describe(subject, signal) -> (detail, fix)` as the check of `code`: it runs when the evidence
    shows the signature, and its finding carries the matching lines."""
    def register(describe):
        def run(subject):
            signal = next((found for found in subject.signals if found.code == code), None)
            if signal is None:
                return None
            detail, fix = describe(subject, signal)
            return Finding(detail, fix, evidence={"log": signal.log, "lines": [line.raw for line in signal.lines],
                                                  "at": signal.at, "explainedBy": None})
        run.__name__ = run.__qualname__ = describe.__name__
        return check(code, severity, title, needs=NEEDS, explained_by=explained_by)(run)
    return register


def _set_build(subject, *options):
    return Fix.command(["az", "pyappsvc", "set-build", *subject.target_args, *options])


@log_check("LOG001", ERROR, "The container started without a build", explained_by=("BLD001", "BLD002"))
def log001(subject, _):
    return ("The container found no Oryx build output (no oryx-manifest.toml, no antenv virtual environment), so "
            "none of the requirements were installed.", _set_build(subject, "--build-on-deploy", "true"))


@log_check("LOG002", ERROR, "The app's own module could not be imported", explained_by=("STA004", "OPS003"))
def log002(subject, signal):
    return (f"The server could not import the app's module '{signal.facts.get('module', '')}': it is not deployed, "
            "or the startup command names it from the wrong folder (--chdir).",
            Fix.command(["az", "pyappsvc", "show-startup", *subject.target_args]))


@log_check("LOG003", ERROR, "A package the app imports is not installed", explained_by=("BLD001", "BLD003", "BLD002"))
def log003(_, signal):
    module = signal.facts.get("module", "")
    return (f"The app imports '{module}', which is not installed: requirements.txt lacks it, or the build did not "
            "install them.",
            Fix.describe("Add the package that provides {} to requirements.txt and redeploy.", module.split(".")[0]))


@log_check("LOG004", ERROR, "gunicorn did not find the application object", explained_by=("STA009",))
def log004(_, signal):
    attribute, module = signal.facts.get("attribute", ""), signal.facts.get("module", "")
    return (f"gunicorn looked for '{attribute}' in module '{module}' and it is not there.",
            Fix.describe("Name the application object {} in {}, or name the object in the startup command "
                         "(az pyappsvc set-startup --module MODULE:OBJECT).", attribute, module))


@log_check("LOG005", ERROR, "The container failed to start", explained_by=("STA003",))
def log005(_, signal):
    crash = signal.facts.get("crash")
    after = f" after the app crashed ({crash})" if crash else ""
    return (f"The container exited or did not answer the platform's pings{after}, so the site shows an error page.",
            Fix.describe("Fix the crash shown in the evidence; the server must listen on 0.0.0.0:$PORT."))


@log_check("LOG006", ERROR, "Startup took longer than the platform waits")
def log006(subject, signal):
    return (f"The app was still starting after {signal.facts.get('seconds', '?')} seconds, the platform's limit "
            "(230 s by default): move work such as migrations out of startup, or allow more time.",
            Fix.command(["az", "webapp", "config", "appsettings", "set", *subject.target_args, "--settings",
                         f"{START_TIME_LIMIT}=600"]))


@log_check("LOG007", ERROR, "An ASGI app is served by a WSGI worker", explained_by=("STA005",))
def log007(_, __):
    return ("The app is an ASGI app (FastAPI, Starlette, Quart...) but gunicorn's sync worker calls it as WSGI: "
            "every request fails.",
            Fix.describe("Serve it with an async worker: gunicorn -k uvicorn.workers.UvicornWorker."))


@log_check("LOG008", WARNING, "gunicorn killed a worker that took too long")
def log008(_, __):
    return ("A request (or the app's import) took longer than gunicorn's worker timeout, so the worker was killed.",
            Fix.describe("Raise --timeout in the startup command, or do less work per request."))


@log_check("LOG009", WARNING, "The server listens on another port", explained_by=("STA003",))
def log009(_, signal):
    return (f"The server listens on port {signal.facts.get('port')} but the platform sends traffic to port "
            f"{signal.facts.get('pinged')}.",
            Fix.describe("Bind 0.0.0.0:$PORT in the startup command (or set WEBSITES_PORT to the port the server "
                         "uses)."))


@log_check("LOG010", ERROR, "The build failed installing requirements")
def log010(_, signal):
    requirement, code = signal.facts.get("requirement"), signal.facts.get("exitCode")
    what = f" on '{requirement}'" if requirement else ""
    status = f" (exit code {code})" if code else ""
    return (f"pip failed{what}{status}: the deployment did not install the app's requirements.",
            Fix.describe("Fix requirements.txt (a version that exists for this Python, a package name that is "
                         "right) and redeploy."))


@log_check("LOG011", ERROR, "The build failed on an invalid option", explained_by=("BLD004",))
def log011(_, signal):
    setting = signal.facts.get("setting", "")
    return (f"Oryx stopped because {setting} is {signal.facts.get('value')!r}: its booleans are only true or false.",
            Fix.describe("Set {} to true or false.", setting))


@log_check("LOG012", ERROR, "The build found no Python to build", explained_by=("BLD003",))
def log012(_, signal):
    if signal.facts.get("disabled"):
        return ("The Python build is disabled (DISABLE_PYTHON_BUILD), so nothing was built.",
                Fix.describe("Remove the DISABLE_PYTHON_BUILD app setting."))
    return ("Oryx detected no Python project in what was deployed (no requirements.txt, pyproject.toml or setup.py "
            "at its root).", Fix.describe("Deploy the folder that has requirements.txt at its root."))


@log_check("LOG013", ERROR, "The Functions host loaded no functions", explained_by=("FN014", "FN003"))
def log013(_, signal):
    module = signal.facts.get("module")
    if module:
        return (f"The Functions host indexed no functions: indexing failed on the missing module '{module}'.",
                Fix.describe("Add the package that provides {} to requirements.txt and redeploy with the remote "
                             "build.", module.split(".")[0]))
    return ("The Functions host found or indexed no functions.",
            Fix.describe("Check that function_app.py (or the function.json folders) is deployed at the root and "
                         "imports cleanly."))
