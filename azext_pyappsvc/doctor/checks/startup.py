# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""Startup — STA: what App Service will run, and why it would fail. The problems themselves come from the
one list in platform/startup/problems.py, shared with set-startup; here they become findings with fixes."""


from ...platform.deployed import nothing_deployed
from ...platform.problems import ERROR, WARNING
from ...platform.startup.command import parse_command
from ...platform.startup.compose import suggest
from ...platform.startup.prediction import DEFAULT, DJANGO, FLASK, FLASK_FILES, django_folders, root_entry_files
from ...platform.startup.problems import command_problems, misnamed_app_object, startup_problems
from ..catalog import Finding, Fix, check
from ..fixes import pyappsvc
from ..subject import DEPLOYED


def _custom(subject):
    """The custom command App Service runs, parsed (a startup file's first line when that is what runs)."""
    startup = subject.startup
    if startup and startup.custom:
        return startup.custom
    return parse_command(subject.app_command) if subject.app_command else None


def _problems(subject, code):
    """The startup problems of this catalog code, from the one list (shared with set-startup)."""
    if subject.startup is None:
        return [p for p in command_problems(subject.app_command, subject.project, subject.python)
                if p.code == code] if subject.app_command else []
    return [p for p in startup_problems(subject.startup, subject.project, subject.python, subject.app_command)
            if p.code == code]


def _applies(subject):
    return not subject.is_function_app and (subject.kind is None or subject.linux_code_app)


@check("STA001", ERROR, "The default site is served", needs=("files",))
def sta001(subject):
    if not _applies(subject) or not subject.startup or subject.startup.origin != DEFAULT:
        return None
    if subject.project_origin == DEPLOYED and nothing_deployed(subject.project.files, subject.project.dirs):
        return None             # OPS003 is the cause: the default site follows from an empty wwwroot
    found = suggest(subject.project) if subject.project.contents_available else None
    detail = (f"No startup command, no first-level folder with wsgi.py and none of {', '.join(FLASK_FILES)} at the "
              "root: App Service serves its 'waiting for your content' page.")
    if subject.startup.alternative:
        detail = f"Below Python 3.14: {detail} {subject.startup.alternative}"
    if found is None:
        return Finding(detail, Fix.describe("Set a startup command that serves your app: az pyappsvc set-startup "
                                            "--module FILE:OBJECT."))
    if not found.sure:
        return Finding(f"{detail} Which app to serve is not certain: {found.why}.", Fix.describe(
            "Set a startup command for the app you mean, one of: " + "; ".join(["{}"] * len(found.candidates)) +
            " (az pyappsvc set-startup ...).", *found.candidates))
    words = ["--module", found.module] + (["--chdir", found.chdir] if found.chdir else []) + \
        (["--server", "uvicorn"] if found.asgi else [])
    return Finding(f"{detail} The app looks like: {found.why}.", pyappsvc(subject, "set-startup", *words))


@check("STA002", WARNING, "Auto-detection picks something unintended", needs=("files",))
def sta002(subject):
    startup, project = subject.startup, subject.project
    if not startup or subject.app_command or subject.is_function_app:
        return None
    found = []
    wsgi_dirs = django_folders(project)
    if startup.origin == DJANGO:
        package = startup.module.split(".")[0]
        if f"{package}/settings.py" not in project.files and f"{package}/settings" not in project.dirs:
            found.append(Finding(f"{package}/wsgi.py makes App Service treat the app as Django ({startup.module}), but "
                                 f"{package} has no settings: a stray wsgi.py?",
                                 Fix.describe("Set an explicit startup command: az pyappsvc set-startup --module "
                                              "FILE:OBJECT.")))
        if len(wsgi_dirs) > 1:
            found.append(Finding(f"Several first-level folders have a wsgi.py ({', '.join(wsgi_dirs)}); App Service "
                                 f"picks the first by name, {wsgi_dirs[0]}.",
                                 pyappsvc(subject, "set-startup", "--module", f"{wsgi_dirs[0]}.wsgi")))
    if startup.origin == FLASK:
        present = root_entry_files(project)
        if startup.module == "wsgi:app":
            found.append(Finding("The root wsgi.py is run as wsgi:app; a Django-style wsgi.py defines 'application', "
                                 "not 'app'.", pyappsvc(subject, "set-startup", "--module", "wsgi:application")))
        elif len(present) > 1:
            found.append(Finding(f"Several entry files exist at the root ({', '.join(present)}); App Service runs "
                                 f"{startup.module}.", pyappsvc(subject, "set-startup", "--module", startup.module)))
    return found


@check("STA003", ERROR, "The server does not listen where App Service sends traffic", needs=("app",))
def sta003(subject):
    return [Finding(problem.message, Fix.describe("Bind 0.0.0.0:$PORT (or drop --bind for gunicorn) and set the "
                                                  "command again with az pyappsvc set-startup --command."))
            for problem in _problems(subject, "STA003")]


@check("STA004", ERROR, "The startup module is not in the project", needs=("app", "files"))
def sta004(subject):
    return [Finding(problem.message, Fix.describe("Name a module that exists, from the folder gunicorn starts in: "
                                                  "az pyappsvc set-startup --module MODULE:OBJECT [--chdir FOLDER]."))
            for problem in _problems(subject, "STA004")]


@check("STA005", ERROR, "ASGI app under gunicorn's sync worker", needs=("files", "contents"))
def sta005(subject):
    if subject.is_function_app:
        return None
    command = _custom(subject)
    target = command.target if command else (subject.startup.module if subject.startup else None)
    fix = pyappsvc(subject, "set-startup", "--module", target, "--server", "uvicorn") if target else None
    return [Finding(problem.message, fix) for problem in _problems(subject, "STA005")]


@check("STA006", ERROR, "Startup file problem", needs=("app", "files"))
def sta006(subject):
    return [Finding(problem.message, Fix.describe(
        "Use a .sh script to run several lines, and set it with az pyappsvc set-startup --file."
        if problem.severity == WARNING else "Deploy the file it names, or set another startup command with "
        "az pyappsvc set-startup."), problem.severity) for problem in _problems(subject, "STA006")]


@check("STA007", WARNING, "Hard-coded Python version in the startup command", needs=("app",))
def sta007(subject):
    return [Finding(problem.message, Fix.describe("Use `python` in the startup command."))
            for problem in _problems(subject, "STA007")]


@check("STA008", ERROR, "The server is not installed", needs=("app", "files", "contents"))
def sta008(subject):
    requirements = subject.project.requirements_file or "requirements.txt"
    return [Finding(problem.message, Fix.describe(f"Add {problem.about} to {{}}.", requirements))
            for problem in _problems(subject, "STA008")]


@check("STA009", WARNING, "Auto-detected app object is not named app", needs=("files", "contents"))
def sta009(subject):
    startup = subject.startup
    problems = _problems(subject, "STA009") if startup and not subject.app_command else []
    if not problems:
        return None
    name = misnamed_app_object(subject.project.module(f"{startup.module.split(':')[0]}.py"))
    return Finding(problems[0].message, pyappsvc(subject, "set-startup", "--module",
                                                 f"{startup.module.split(':')[0]}:{name}"))


@check("STA010", ERROR, "Invalid runtime boolean", needs=("app", "settings", "linux"))
def sta010(subject):
    return [Finding(f"{problem.message}: Oryx's startup script generator accepts 1/0/t/f/true/false only.",
                    Fix.describe(f"Set {problem.about} to true or false."))
            for problem in _problems(subject, "STA010")]


@check("STA011", ERROR, "Startup file with CRLF line endings", needs=("app", "files"))
def sta011(subject):
    return [Finding(problem.message, Fix.describe("Convert the startup file to LF line endings without a byte order "
                                                  "mark (dos2unix, or your editor's encoding and line-ending "
                                                  "settings) and deploy it again."),
                    problem.severity) for problem in _problems(subject, "STA011")]


@check("STA012", WARNING, "Single quotes in the startup command", needs=("app",))
def sta012(subject):
    return [Finding(problem.message, Fix.describe("Put the command in a startup.sh file, deploy it, and set it with "
                                                  "az pyappsvc set-startup --file startup.sh."))
            for problem in _problems(subject, "STA012")]
