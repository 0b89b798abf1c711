"""The legacy derivation (platform/legacy): safe XML, Windows versions and paths, web.config handlers, Cloud
Service roles, settings to carry and dependency risks, at the boundary where each rule just applies or not."""

import shlex
from datetime import date
from xml.sax.saxutils import quoteattr

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from azext_pyappsvc.platform.errors import PlatformError
from azext_pyappsvc.platform.legacy.cloudservice import (Role, parse_service_configuration, parse_service_definition,
                                                         worker_script)
from azext_pyappsvc.platform.legacy.derive import (LiveWindowsApp, NoLegacyConfig, derive, effective_web_config,
                                                   startup_from_web_config)
from azext_pyappsvc.platform.legacy.safexml import UnreadableConfig, parse_xml
from azext_pyappsvc.platform.legacy.versions import nearest_linux_python, removed_between, windows_python_version
from azext_pyappsvc.platform.legacy.webconfig import parse_web_config, wsgi_target
from azext_pyappsvc.platform.project import ProjectTree, build_facts
from azext_pyappsvc.platform.runtimes import RuntimeOption

FLASK = "from flask import Flask\napp = Flask(__name__)\nwsgi_app = app.wsgi_app\n"
DJANGO = {"manage.py": "import django\n", "mysite/__init__.py": "", "mysite/settings.py": "INSTALLED_APPS = []\n",
          "mysite/wsgi.py": "from django.core.wsgi import get_wsgi_application\napplication = get_wsgi_application()\n"}


def project(files):
    dirs = {path.rsplit("/", 1)[0] for path in files if "/" in path}
    dirs |= {d.rsplit("/", 1)[0] for d in dirs if "/" in d}
    return build_facts(ProjectTree(frozenset(files), frozenset(dirs), texts=dict(files)))


def fastcgi(handler, extra=""):
    return (f'<configuration><appSettings><add key="WSGI_HANDLER" value="{handler}"/>{extra}</appSettings>'
            '</configuration>')


def http_platform(arguments, process_path="D:\\home\\python364x64\\python.exe"):
    return (f'<configuration><system.webServer><httpPlatform processPath="{process_path}" arguments="{arguments}"/>'
            '</system.webServer></configuration>')


def command_of(files):
    facts = project(files)
    startup = startup_from_web_config(effective_web_config(facts), facts)
    return startup.command if startup else None


# -- safe XML ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, reason", [
    ('<!DOCTYPE x [<!ENTITY a "aaaa">]><configuration>&a;</configuration>', "declares a DOCTYPE or an ENTITY"),
    ("<!doctype configuration><configuration/>", "declares a DOCTYPE or an ENTITY"),
    ("<configuration><appSettings></configuration>", "is not well-formed XML (mismatched tag"),
    ("", "is not well-formed XML (no element found"),
])
def test_unsafe_or_malformed_xml_is_refused_with_its_reason(text, reason):
    with pytest.raises(UnreadableConfig) as raised:
        parse_xml("web.config", text)
    assert str(raised.value).startswith(f"web.config {reason}")


def test_a_byte_order_mark_and_an_xml_declaration_are_fine():
    assert parse_xml("web.config", '\ufeff<?xml version="1.0" encoding="utf-8"?><configuration/>').tag == \
        "configuration"


# -- versions ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, version", [
    ("python361x64", "3.6"), ("azureappservice-python364x64", "3.6"), ("python2713x86", "2.7"),
    ("D:\\home\\Python361x64\\python.exe", "3.6"), ("D:\\Python34\\python.exe", "3.4"),
    ("C:\\Python27\\python.exe|C:\\Python27\\wfastcgi.py", "2.7"),
    ("nodejs", None), ("python", None), ("mypython36", None), ("python3", None), ("D:\\home\\python.exe", None),
])
def test_windows_python_versions(text, version):
    assert windows_python_version(text) == version


def option(version, eol=None, **flags):
    return RuntimeOption(version, f"PYTHON|{version}", eol, **flags)


OPTIONS = [option("3.13"), option("3.12"), option("3.11", date(2027, 10, 31)), option("3.10", date(2026, 10, 31)),
           option("3.9", date(2025, 10, 31)), option("3.14", preview=True)]
TODAY = date(2026, 11, 21)


@pytest.mark.parametrize("source, target", [
    ("3.6", "3.11"), ("3.10", "3.11"), ("3.11", "3.11"), ("3.12", "3.12"), ("3.15", "3.13"), (None, "3.13"),
    ("2.7", "3.11"),
])
def test_nearest_supported_linux_python(source, target):
    assert nearest_linux_python(source, OPTIONS, TODAY).target == target


def test_no_supported_version_means_no_target():
    assert nearest_linux_python("3.6", [option("3.9", date(2025, 10, 31))], TODAY) is None


@pytest.mark.parametrize("source, target, modules", [
    ("3.6", "3.12", {"3.12": ["asyncore", "imp"]}),
    ("3.11", "3.12", {"3.12": ["asyncore", "imp"]}),
    ("3.12", "3.12", {}), ("3.6", "3.11", {}),
    ("3.12", "3.13", {"3.13": ["cgi"]}),
    ("2.7", "3.13", {"3.12": ["asyncore", "imp"], "3.13": ["cgi"]}),
])
def test_removed_modules_between_two_versions_that_the_project_imports(source, target, modules):
    assert removed_between(source, target, frozenset({"imp", "asyncore", "cgi", "json"})) == modules


# -- web.config ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("handler, target", [
    ("app.wsgi_app", "app:wsgi_app"), ("pkg.web.create_app()", "pkg.web:create_app()"), ("app", None), ("", None),
])
def test_wfastcgi_handlers_as_gunicorn_targets(handler, target):
    assert wsgi_target(handler) == target


@pytest.mark.parametrize("files, command", [
    ({"web.config": fastcgi("app.wsgi_app"), "app.py": FLASK}, "gunicorn --bind=0.0.0.0 --timeout 600 app:app"),
    ({"web.config": fastcgi("app.wsgi_app"), "app.py": "wsgi_app = object()\n"},
     "gunicorn --bind=0.0.0.0 --timeout 600 app:wsgi_app"),
    # behind PTVS's virtualenv proxy: the real handler, never the proxy
    ({"web.config": fastcgi("ptvs_virtualenv_proxy.get_venv_handler()",
                            '<add key="WSGI_ALT_VIRTUALENV_HANDLER" value="app.wsgi_app"/>'), "app.py": FLASK},
     "gunicorn --bind=0.0.0.0 --timeout 600 app:app"),
    ({"web.config": fastcgi("ptvs_virtualenv_proxy.get_venv_handler()"), "app.py": FLASK}, None),
    ({"web.config": fastcgi("django.core.wsgi.get_wsgi_application()"), **DJANGO},
     "gunicorn --bind=0.0.0.0 --timeout 600 mysite.wsgi"),
    ({"web.config": fastcgi("django.core.wsgi.get_wsgi_application()")}, None),
    ({"web.config": fastcgi("app.$(id)")}, None),
    # HttpPlatform: wwwroot paths made relative, the port variable, nothing Windows left in the command
    ({"web.config": http_platform("D:\\home\\site\\wwwroot\\runserver.py --port %HTTP_PLATFORM_PORT%"),
      "runserver.py": "from app import app\napp.run()\n"}, "python runserver.py --port ${PORT}"),
    # PTVS's runserver.py: the application it imports and runs, when the project creates it
    ({"web.config": http_platform("D:\\home\\site\\wwwroot\\runserver.py --port %HTTP_PLATFORM_PORT%"),
      "runserver.py": "from os import environ\nfrom web import app\nif __name__ == '__main__':\n    app.run('x', 1)\n",
      "web/__init__.py": FLASK}, "gunicorn --bind=0.0.0.0 --timeout 600 web:app"),
    ({"web.config": http_platform("runserver.py"), "runserver.py": "from web import app\nprint(app)\n",
      "web/__init__.py": FLASK}, "python runserver.py"),
    ({"web.config": http_platform("%HOME%\\site\\wwwroot\\worker.py"), "worker.py": ""}, "python worker.py"),
    ({"web.config": http_platform("D:\\data\\run.py --port %HTTP_PLATFORM_PORT%")}, None),
    ({"web.config": http_platform("run.py --log %TEMP%\\x.log")}, None),
    ({"web.config": http_platform("D:\\home\\site\\wwwroot\\manage.py runserver %HTTP_PLATFORM_PORT%"), **DJANGO},
     "gunicorn --bind=0.0.0.0 --timeout 600 mysite.wsgi"),
    ({"web.config": http_platform("manage.py runserver %HTTP_PLATFORM_PORT%")},
     "python manage.py runserver 0.0.0.0:${PORT}"),
    ({"web.config": http_platform("app.py", "D:\\home\\python364x64\\python.exe"), "app.py": FLASK},
     "gunicorn --bind=0.0.0.0 --timeout 600 app:app"),
    ({"web.config": http_platform("--port %HTTP_PLATFORM_PORT% app:app",
                                  "D:\\home\\python364x64\\Scripts\\waitress-serve.exe")},
     "waitress-serve --port ${PORT} app:app"),
    ({"web.config": http_platform("", "")}, None),
    # a script whose app.run() runs on import would start the development server under gunicorn: run it as is
    ({"web.config": http_platform("run.py --port %HTTP_PLATFORM_PORT%"),
      "run.py": "from flask import Flask\napp = Flask(__name__)\napp.run(port=5000)\n"},
     "python run.py --port ${PORT}"),
    ({"web.config": http_platform("run.py"), "run.py": "from flask import Flask\napp = Flask(__name__)\n"
      "if __name__ == '__main__':\n    app.run()\n"}, "gunicorn --bind=0.0.0.0 --timeout 600 run:app"),
    ({"web.config": http_platform("D:/home/site/wwwroot/run.py --port %HTTP_PLATFORM_PORT%"), "run.py": ""},
     "python run.py --port ${PORT}"),
    # quoted for the image's single-quoted eval (STA012): double quotes, or nothing when no quoting survives it
    ({"web.config": http_platform("D:\\home\\site\\wwwroot\\runserver.py --title &quot;My Site&quot; --port "
                                  "%HTTP_PLATFORM_PORT%"), "runserver.py": "print(1)\n"},
     'python runserver.py --title "My Site" --port ${PORT}'),
    ({"web.config": http_platform("run.py --name &quot;it's&quot;"), "run.py": ""}, None),
    ({"web.config": http_platform("run.py --cost $5"), "run.py": ""}, None),
])
def test_the_linux_command_for_a_web_config(files, command):
    assert command_of(files) == command


def test_a_web_version_config_is_the_one_iis_ran():
    files = {"web.config": fastcgi("old.app"), "web.3.4.config": fastcgi("new.app"), "web.2.7.config":
             fastcgi("py2.app"), "runtime.txt": "python-3.4\n", "new.py": FLASK}
    assert effective_web_config(project(files)).path == "web.3.4.config"
    del files["runtime.txt"]
    assert effective_web_config(project(files)).path == "web.config"      # two candidates, none pinned
    del files["web.2.7.config"]
    assert effective_web_config(project(files)).path == "web.3.4.config"


def test_web_config_settings_in_order_and_the_python_it_names():
    config = parse_web_config("web.config", fastcgi("a.b", '<add key="X" value="1"/>').replace(
        "</configuration>", '<system.webServer><handlers><add name="P" path="*" verb="*" modules="FastCgiModule" '
        'scriptProcessor="D:\\home\\Python361x64\\python.exe|D:\\home\\Python361x64\\wfastcgi.py"/></handlers>'
        '</system.webServer></configuration>'))
    assert config.settings == (("WSGI_HANDLER", "a.b"), ("X", "1"))
    assert config.python_path == "D:\\home\\Python361x64\\python.exe"


# -- Cloud Services ------------------------------------------------------------------------------------------
CSDEF = ('<ServiceDefinition xmlns="http://schemas.microsoft.com/ServiceHosting/2008/10/ServiceDefinition">'
         '<WebRole name="Web"/><WorkerRole name="Work"><Runtime><Environment>'
         '<Variable name="PYTHON" value="D:\\Python35\\python.exe"/></Environment><EntryPoint>'
         '<ProgramEntryPoint commandLine="bin\\ps.cmd LaunchWorker.ps1 worker.py --queue jobs"/>'
         '</EntryPoint></Runtime></WorkerRole></ServiceDefinition>')


def test_service_definition_roles():
    web, work = parse_service_definition("ServiceDefinition.csdef", CSDEF)
    assert (web.name, web.kind, work.kind) == ("Web", "web", "worker")
    assert work.environment == (("PYTHON", "D:\\Python35\\python.exe"),)
    with pytest.raises(UnreadableConfig, match="declares no WebRole or WorkerRole"):
        parse_service_definition("x.csdef", '<ServiceDefinition name="x"><WebRole/></ServiceDefinition>')
    with pytest.raises(UnreadableConfig, match="is not a service definition"):
        parse_service_definition("x.csdef", "<configuration/>")


def test_service_configuration_without_the_plugins_settings():
    cscfg = ('<ServiceConfiguration><Role name="Web"><ConfigurationSettings>'
             '<Setting name="Microsoft.WindowsAzure.Plugins.Diagnostics.ConnectionString" value="x"/>'
             '<Setting name="QUEUE" value="jobs"/></ConfigurationSettings></Role></ServiceConfiguration>')
    assert parse_service_configuration("c.cscfg", cscfg) == {"Web": [("QUEUE", "jobs")]}


@pytest.mark.parametrize("entry, launcher, words", [
    ("bin\\ps.cmd LaunchWorker.ps1 worker.py --queue jobs", None, ["worker.py", "--queue", "jobs"]),
    ("bin\\ps.cmd LaunchWorker.ps1", 'cd..\niex "py worker.py"\n', ["worker.py"]),
    ("bin\\ps.cmd LaunchWorker.ps1", "Start-Process $interpreter_path -ArgumentList $args\n", None),
    ("python jobs/run.py", None, ["jobs/run.py"]),
    ("worker.cmd", None, None),
])
def test_what_a_worker_role_runs(entry, launcher, words):
    assert worker_script(Role("Work", "worker", entry), launcher) == words


# -- the whole derivation ------------------------------------------------------------------------------------
def test_nothing_legacy_is_an_error_unless_the_live_app_is_known():
    with pytest.raises(NoLegacyConfig):
        derive(project({"app.py": FLASK}))
    live = derive(project({"app.py": FLASK}), LiveWindowsApp(site_extensions=("python364x64",),
                                                             setting_names=("WSGI_LOG", "API_TOKEN")))
    assert live.source_version == "3.6" and [s.name for s in live.settings] == ["API_TOKEN"]


def test_settings_to_carry_show_only_values_that_do_not_look_secret():
    extra = ('<add key="PYTHONPATH" value="D:\\home\\site\\wwwroot"/><add key="MODE" value="prod"/>'
             '<add key="DB_PASSWORD" value="hunter22"/><add key="DB_URL" value="postgres://u:pw@db/x"/>'
             '<add key="DESIGN_MODE" value="dark"/><add key="BANNER" value="a&#10;b"/>')
    derivation = derive(project({"web.config": fastcgi("app.wsgi_app", extra), "app.py": FLASK}))
    assert [(s.name, s.value) for s in derivation.settings] == [("MODE", "prod"), ("DB_PASSWORD", None),
                                                                 ("DB_URL", None), ("DESIGN_MODE", None),
                                                                 ("BANNER", None)]



def test_a_plan_never_carries_a_value_whose_name_or_value_looks_secret():
    """The one secret test (settings.looks_secret) on name and value: DB_PASS by its name, a GitHub token and a
    `user:password` by their values; only MODE's value is carried."""
    from azext_pyappsvc.platform.legacy.plan import plan_steps
    secrets = {"DB_PASS": "hunter2", "OPAQUE": "ghp_abcdefghijklmnopqrstuvwxyz0123456789", "CREDS": "user:pw",
               "HOOK": "https://hooks.slack.com/services/T0/B0/abcdef", "KEYFILE_BODY": "-----BEGIN PRIVATE KEY-----"}
    extra = "".join(f'<add key="{k}" value="{v}"/>' for k, v in secrets.items()) + '<add key="MODE" value="prod"/>'
    derivation = derive(project({"web.config": fastcgi("app.wsgi_app", extra), "app.py": FLASK}))
    assert [s.name for s in derivation.settings if s.value is not None] == ["MODE"]
    printed = repr(plan_steps(derivation, None, "rg", "app", create=False))
    assert not any(value in printed for value in secrets.values())



def test_a_plan_never_passes_a_setting_name_the_cli_would_read_otherwise():
    """azure-cli appsettings set splits `NAME=value` on the first '=' and argparse reads `--slot=x` as an option."""
    from azext_pyappsvc.platform.legacy.plan import plan_steps
    extra = ('<add key="--slot" value="staging"/><add key="A=B" value="c"/><add key="Logging:Level" value="Info"/>'
             '<add key="MODE" value="prod"/>')
    steps = plan_steps(derive(project({"web.config": fastcgi("app.wsgi_app", extra), "app.py": FLASK})), None, "rg",
                       "app", create=False)
    (carry,) = [s for s in steps if s.argv and "appsettings" in s.argv]
    assert carry.argv[carry.argv.index("--settings") + 1:] == ("Logging:Level=Info", "MODE=prod")
    actions = " ".join(s.action for s in steps if s.action)
    assert "--slot (from web.config) starts with '-'" in actions and "A=B (from web.config) contains '='" in actions
    assert "Logging__Level" in actions



@pytest.mark.parametrize("runtime, version", [("python-2.7\n", "2.7"), ("python-3.6.4\n", "3.6"), ("2.7\n", None)])
def test_runtime_txt_names_the_windows_python_2_too(runtime, version):
    """Kudu's Windows Python deployment read `python-2.7` from runtime.txt (KuduScript deploy.batch.python)."""
    derivation = derive(project({"web.config": fastcgi("app.wsgi_app"), "app.py": FLASK, "runtime.txt": runtime}))
    assert derivation.source_version == version
    if version == "2.7":
        linux = nearest_linux_python(version, [option("3.12", date(2028, 10, 31))], TODAY)
        assert "is Python 2: the code needs porting" in linux.why

def test_dependency_risks():
    files = {"web.config": fastcgi("app.wsgi_app"), "app.py": FLASK, "wheelhouse/x.whl": "",
             "requirements.txt": "--find-links D:\\home\\site\\wwwroot\\wheelhouse\nflask\npywin32==228\n"}
    risks = derive(project(files)).dependencies
    assert risks[0].startswith("wheelhouse/ holds wheels built for Windows")
    assert "points pip at a Windows path" in risks[1] and risks[2].startswith("pywin32 is Windows-only")
    assert risks[-1].startswith("Packages installed by hand through the Kudu console")
    quiet = derive(project({"web.config": fastcgi("app.wsgi_app"), "app.py": FLASK,
                            "requirements.txt": "--find-links wheels\nflask\n"})).dependencies
    assert len(quiet) == 1


def test_a_cloud_service_serves_its_web_role_folder_and_moves_its_workers():
    files = {"cloud/ServiceDefinition.csdef": CSDEF, "Web/web.config": fastcgi("app.wsgi_app"), "Web/app.py": FLASK,
             "Work/worker.py": "import asyncore\n", "Work/bin/LaunchWorker.ps1": ""}
    derivation = derive(project(files))
    assert (derivation.platform, derivation.app_folder, derivation.startup.origin) == \
        ("cloud-service", "Web", "Web/web.config")
    assert derivation.startup.command == "gunicorn --bind=0.0.0.0 --timeout 600 app:app"
    assert derivation.source_version == "3.5"
    assert [(w.name, w.command) for w in derivation.workers] == [("Work", "python worker.py --queue jobs")]


@pytest.mark.parametrize("arguments, command", [
    ("worker.py --queue &quot;night jobs&quot;", 'python worker.py --queue "night jobs"'),
    ("worker.py --queue &quot;it's&quot;", None), ("worker.py --cost $5", None)])
def test_a_worker_command_is_quoted_as_the_startup_command_is(arguments, command):
    csdef = CSDEF.replace("worker.py --queue jobs", arguments)
    derivation = derive(project({"cloud/ServiceDefinition.csdef": csdef, "Work/worker.py": ""}))
    (worker,) = derivation.workers
    assert worker.command == command and (command or "single-quoted eval" in worker.why)


@pytest.mark.parametrize("launcher, command", [
    ('cd..\niex "py worker.py"\n', "python worker.py"),
    ("Start-Process -Wait -NoNewWindow $interpreter_path -ArgumentList $args\n", None),
])
def test_a_worker_role_folder_alone(launcher, command):
    derivation = derive(project({"Work/bin/LaunchWorker.ps1": launcher, "Work/worker.py": ""}))
    (worker,) = derivation.workers
    assert (worker.name, worker.origin, worker.command) == ("Work", "Work/bin/LaunchWorker.ps1", command)
    assert command or "no .csdef is in the folder" in worker.why


def test_a_service_configuration_names_the_python_of_a_role():
    cscfg = ('<ServiceConfiguration><Role name="Work"><ConfigurationSettings><Setting name="PYTHON" '
             'value="D:\\Python27\\python.exe"/><Setting name="QUEUE" value="q"/></ConfigurationSettings></Role>'
             '</ServiceConfiguration>')
    csdef = CSDEF.replace('<Variable name="PYTHON" value="D:\\Python35\\python.exe"/>', "")
    derivation = derive(project({"c/ServiceDefinition.csdef": csdef, "c/ServiceConfiguration.Cloud.cscfg": cscfg}))
    assert [(c.version, c.origin) for c in derivation.versions] == [
        ("2.7", "c/ServiceConfiguration.Cloud.cscfg (role Work: PYTHON=D:\\Python27\\python.exe)")]
    assert [s.name for s in derivation.settings] == ["QUEUE"]


def test_an_arm_template_names_the_site_extension():
    template = ('{"resources": [{"type": "Microsoft.Web/sites", "resources": [{"type": "siteextensions", '
                '"name": "[concat(parameters(\'site\'), \'/python364x64\')]"}]}]}')
    derivation = derive(project({"web.config": fastcgi("app.wsgi_app"), "app.py": FLASK, "azuredeploy.json": template}))
    assert [(c.version, c.origin.split(" ")[0]) for c in derivation.versions] == [("3.6", "azuredeploy.json")]



def test_a_json_file_nested_too_deep_to_read_names_no_site_extension():
    from azext_pyappsvc.doctor.catalog import run_checks
    from azext_pyappsvc.doctor.subject import Subject
    deep = '{"resources": ' + "[" * 100000 + "]" * 100000 + "}"
    facts = project({"web.config": fastcgi("app.wsgi_app"), "app.py": FLASK, "deploy.json": deep,
                     "WorkerRole1/bin/LaunchWorker.ps1": "py worker.py\n"})
    assert derive(facts).versions == []
    assert {"LEG001", "LEG003"} <= {f.code for f in run_checks(Subject(TODAY, project=facts))}


# -- doctor's LEG checks use the same derivation ------------------------------------------------------------
HOSTILE_ARGUMENTS = ["D:\\home\\site\\wwwroot\\runserver.py --port %HTTP_PLATFORM_PORT%",
                     "%HOME%\\site\\wwwroot\\app.py %HTTP_PLATFORM_PORT%", "D:\\data\\app.py", "C:/tools/run.py",
                     "app.py --log %TEMP%\\log.txt", "&quot;D:\\home\\site\\wwwroot\\my app.py&quot; --port 80",
                     "runserver.py $(touch x); touch x", "D:\\home\\site\\wwwroot\\manage.py runserver"]


@pytest.mark.parametrize("arguments", HOSTILE_ARGUMENTS)
def test_leg_fixes_never_put_a_windows_path_in_a_linux_command(arguments):
    from azext_pyappsvc.doctor.catalog import run_checks
    from azext_pyappsvc.doctor.subject import Subject
    scripts = {name: "print(1)\n" for name in ("runserver.py", "manage.py", "my app.py")}
    subject = Subject(TODAY, project=project({"web.config": http_platform(arguments), "app.py": FLASK, **scripts}))
    legacy = [f for f in run_checks(subject) if f.code == "LEG002"]
    assert len(legacy) == 1
    if "my app.py" in arguments:
        assert legacy[0].fix.argv[-1] == 'python "my app.py" --port 80'
    if legacy[0].fix.argv:
        command = legacy[0].fix.argv[-1]
        assert not any(mark in command for mark in ("\\", "D:", "C:", "%")), command
    else:
        assert "no Linux startup command can be derived" in legacy[0].detail


def test_leg_offers_no_set_startup_that_set_startup_would_refuse():
    """set-startup --source refuses a command with an error against the project (operations/set_startup.py)."""
    from azext_pyappsvc.doctor.catalog import run_checks
    from azext_pyappsvc.doctor.subject import Subject
    subject = Subject(TODAY, project=project({"web.config": fastcgi("missing.app"), "app.py": FLASK}))
    (finding,) = [f for f in run_checks(subject) if f.code == "LEG001"]
    assert finding.fix.argv is None and "fails against the project: Module missing is not in the project" in \
        finding.detail
    subject = Subject(TODAY, project=project({"web.config": fastcgi("app.wsgi_app"), "app.py": FLASK}))
    (finding,) = [f for f in run_checks(subject) if f.code == "LEG001"]
    assert finding.fix.argv[-1] == "gunicorn --bind=0.0.0.0 --timeout 600 app:app"


def test_doctor_and_migrate_derive_the_same_command_for_a_cloud_service():
    from azext_pyappsvc.doctor.catalog import run_checks
    from azext_pyappsvc.doctor.subject import Subject
    proxied = fastcgi("ptvs_virtualenv_proxy.get_venv_handler()",
                      '<add key="WSGI_ALT_VIRTUALENV_HANDLER" value="app.wsgi_app"/>')
    files = {"cloud/ServiceDefinition.csdef": CSDEF, "Web/web.config": proxied, "Web/app.py": FLASK,
             "Work/worker.py": "", "Work/bin/LaunchWorker.ps1": ""}
    (finding,) = [f for f in run_checks(Subject(TODAY, project=project(files))) if f.code == "LEG003"]
    assert derive(project(files)).startup.command in finding.detail and "ptvs_virtualenv_proxy:" not in finding.detail
    assert "Worker role Work: runs python worker.py --queue jobs in Work/" in finding.detail


def test_each_setting_is_carried_once_and_the_live_app_wins():
    extra = '<add key="MODE" value="prod"/><add key="WEBSITE_NODE_DEFAULT_VERSION" value="~20"/>'
    live = LiveWindowsApp(setting_names=("MODE", "WEBSITE_NODE_DEFAULT_VERSION", "WSGI_HANDLER"))
    derivation = derive(project({"web.config": fastcgi("app.wsgi_app", extra), "app.py": FLASK}), live)
    assert [(s.name, s.origin, s.value) for s in derivation.settings] == [
        ("MODE", "app settings of the Windows app", None)]


def test_the_live_app_alone_says_what_it_could_not_check():
    derivation = derive(None, LiveWindowsApp(python_version="3.4", windows_fx_version="PYTHON|3.6"))
    assert [(c.version, c.origin) for c in derivation.versions] == [("3.6", "windowsFxVersion"),
                                                                    ("3.4", "pythonVersion (the built-in Python)")]
    assert derivation.dependencies[0].startswith("No project folder (--source) was read")


# -- no input makes the derivation fail in any other way than a domain error ----------------------------------
WORDS = st.sampled_from(["D:\\home\\site\\wwwroot\\", "%HTTP_PLATFORM_PORT%", "%HOME%", "app.py", "manage.py",
                         "runserver", "$(id)", "'", '"', "\\", ";", "C:", "--port", " ", "app:app", "é", "\t"])


@hsettings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, max_size=8).map("".join), st.lists(WORDS, max_size=4).map("".join))
def test_any_http_platform_arguments_give_a_linux_command_or_a_reason(arguments, process_path):
    text = (f"<configuration><system.webServer><httpPlatform processPath={quoteattr(process_path)} "
            f"arguments={quoteattr(arguments)}/></system.webServer></configuration>")
    facts = project({"web.config": text, "app.py": FLASK})
    startup = startup_from_web_config(effective_web_config(facts), facts)
    if startup is not None and startup.command:
        words = shlex.split(startup.command)
        assert not any("\\" in w or w[1:2] == ":" and w[:1].isalpha() for w in words), startup.command
    elif startup is not None:
        assert startup.why


@hsettings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from('<>/="\' !DOCTYPEntiyaxmlWebRolenameServiceDefinition&;%\\\x00é'),
               max_size=120), st.sampled_from(["web.config", "web.3.4.config", "c/ServiceDefinition.csdef",
                                               "c/ServiceConfiguration.Cloud.cscfg"]))
def test_any_configuration_text_derives_or_fails_with_a_domain_error(text, path):
    try:
        derive(project({path: text, "app.py": FLASK}))
    except PlatformError as error:
        assert str(error)


def test_web_config_handlers():
    """(Moved from test_project.py with the rule.) A malformed file is now an error naming it, not None."""
    assert parse_web_config("web.config", fastcgi("app.wsgi_app")).handler == "fastcgi"
    platform = parse_web_config("web.config", http_platform("runserver.py --port %HTTP_PLATFORM_PORT%", "python.exe"))
    assert (platform.handler, platform.arguments) == ("httpplatform", "runserver.py --port %HTTP_PLATFORM_PORT%")
    with pytest.raises(UnreadableConfig):
        parse_web_config("web.config", "<not xml")
