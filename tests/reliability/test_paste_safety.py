"""Every printed command is safe to paste: rendered from an argv with POSIX shell quoting, so a shell runs exactly
that argv and nothing a name or value smuggles in - proven with bash and a stub `az`, for arbitrary argv
(hypothesis) and for the findings doctor makes on hostile names (files, folders, web.config, resource groups)."""

import os
import shlex
import shutil
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from azext_pyappsvc.doctor.catalog import Fix
from tests.emulator.model import Site
from tests.emulator.seeds import FLASK_APP, web_config

BASH = shutil.which("bash")
pytestmark = pytest.mark.skipif(BASH is None, reason="bash is needed to paste into")
PWNED = "PWNED"
# what a shell would run if a value escaped its quotes; the stub az and the tests look for the file it makes
HOSTILE = [f"x$(touch {PWNED})", f"web`touch {PWNED}`", f"a;touch {PWNED}", f"$'\\x41'|touch {PWNED}",
           f"q'\"touch {PWNED}\"'", "$PORT", "${PORT:-8000}", "rg(prod).eu", "*", "~root", "-n", "a\nb", "é ✓"]


@pytest.fixture(scope="module")
def stub_az(tmp_path_factory):
    """A folder holding an `az` (and a `python`) that writes the argv it receives, NUL-separated, to $ARGV_OUT."""
    folder = tmp_path_factory.mktemp("stub")
    for name in ("az", "python"):
        script = folder / name
        script.write_text('#!/bin/sh\nprintf \'%s\\0\' "${0##*/}" "$@" > "$ARGV_OUT"\n')
        script.chmod(0o755)
    return str(folder)


def pasted(fix_text, stub_folder, workdir):
    """The argv a stub az receives when `fix_text` is pasted into bash in `workdir`."""
    out = os.path.join(workdir, "argv.out")
    env = {"PATH": f"{stub_folder}:{os.environ.get('PATH', '/usr/bin:/bin')}", "ARGV_OUT": out, "PORT": "EXPANDED",
           "HOME": workdir, "LC_ALL": "C.UTF-8"}
    subprocess.run([BASH, "--norc", "--noprofile", "-c", fix_text], cwd=workdir, env=env, check=True, timeout=30)
    with open(out, "rb") as handle:
        return handle.read().decode("utf-8").split("\0")[:-1]


ARGUMENT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"), max_size=12)


@hsettings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(words=st.lists(st.one_of(ARGUMENT, st.sampled_from(HOSTILE)), max_size=6))
def test_any_fix_splits_back_into_its_argv_and_bash_runs_exactly_it(words, stub_az, tmp_path_factory):
    argv = ["az", "pyappsvc", "set-startup"] + words
    fix = Fix.command(argv)
    assert shlex.split(fix.text) == argv
    workdir = str(tmp_path_factory.mktemp("paste"))
    assert pasted(fix.text, stub_az, workdir) == argv
    assert not os.path.exists(os.path.join(workdir, PWNED))


def test_a_described_fix_quotes_the_names_it_mentions():
    fix = Fix.describe("Fix scriptFile in {}.", f"web$(touch {PWNED})/function.json")
    assert fix.argv is None and f"'web$(touch {PWNED})/function.json'" in fix.text


def _hostile_project(root):
    """A project whose names and web.config try to get a shell to run `touch PWNED`."""
    (root / f"x$(touch {PWNED}).py").write_bytes(FLASK_APP)
    folder = root / f"web$(touch {PWNED})"
    folder.mkdir()
    (folder / "app.py").write_bytes(FLASK_APP)
    (root / "requirements.txt").write_text("flask\n")
    (root / "web.config").write_text(
        '<configuration><system.webServer><httpPlatform processPath="D:\\home\\python\\python.exe" '
        f'arguments="app.py --port %HTTP_PLATFORM_PORT% $(touch {PWNED}); touch {PWNED}"/>'
        '</system.webServer></configuration>')


def _run_every_fix(findings, stub_az, workdir):
    ran = 0
    for finding in findings:
        if finding["fixArgs"]:
            assert shlex.split(finding["fix"]) == finding["fixArgs"], finding["code"]
            assert pasted(finding["fix"], stub_az, workdir) == finding["fixArgs"], finding["code"]
            ran += 1
    assert not os.path.exists(os.path.join(workdir, PWNED))
    return ran


def test_doctor_fixes_on_hostile_local_names_run_nothing_else(az_live, stub_az, tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    _hostile_project(project)
    result = az_live(["pyappsvc", "doctor", "--source", str(project)])
    assert "Traceback" not in result.stderr
    findings = result.output["findings"]
    legacy = [f for f in findings if f["code"] == "LEG002"]
    # no quoting carries `$(` through the image's single-quoted eval of the startup command: LEG002 derives none
    assert legacy and not legacy[0]["fixArgs"] and "single-quoted eval" in legacy[0]["detail"]
    _run_every_fix(findings, stub_az, str(tmp_path))        # any az fix there is runs exactly its argv
    assert not os.path.exists(tmp_path / PWNED)


def test_doctor_fixes_for_an_odd_resource_group_run_nothing_else(az_live, live_emulator, stub_az, tmp_path):
    """ARM allows parentheses and periods in a resource group name: `rg(prod).eu`."""
    live_emulator.store.add(Site(name="py-odd", kind="app,linux", resource_group="rg(prod).eu",
                                 config=web_config("PYTHON|3.9", remoteDebuggingEnabled=True),
                                 app_settings={"SCM_DO_BUILD_DURING_DEPLOYMENT": "maybe"},
                                 files={"requirements.txt": b"flask\n", "main.py": FLASK_APP}))
    result = az_live(["pyappsvc", "doctor", "-g", "rg(prod).eu", "-n", "py-odd"])
    assert "Traceback" not in result.stderr, result.stderr
    findings = result.output["findings"]
    assert sum(1 for f in findings if f["fixArgs"] and "rg(prod).eu" in f["fixArgs"]) >= 2
    assert _run_every_fix(findings, stub_az, str(tmp_path)) >= 2


def test_suggestions_skip_names_python_cannot_import(az_live, tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    _hostile_project(project)
    (project / "web.config").unlink()
    result = az_live(["pyappsvc", "set-startup", "-g", "rg", "-n", "app", "--detect", "--source", str(project),
                      "--dry-run"])
    assert result.exit_code != 0 and "no application object" in result.error_lines[0], result.stderr


@pytest.mark.parametrize("group", ["-rg", "rg(prod).eu"])
def test_every_fix_parses_as_az_reads_it(az_live, live_emulator, group):
    """The fixes, run through the real az parser (against the emulator): a resource group that starts with '-' is
    joined to its option (--resource-group=-rg), or az would take it for an option."""
    live_emulator.store.add(Site(name="py-dash", kind="app,linux", resource_group=group,
                                 config=web_config("PYTHON|3.9", remoteDebuggingEnabled=True),
                                 app_settings={"SCM_DO_BUILD_DURING_DEPLOYMENT": "maybe"},
                                 files={"requirements.txt": b"flask\n", "main.py": FLASK_APP}))
    result = az_live(["pyappsvc", "doctor", f"--resource-group={group}", "-n", "py-dash"])
    fixes = [f["fixArgs"] for f in result.output["findings"] if f["fixArgs"]]
    assert len(fixes) >= 2, result.stderr
    for argv in fixes:
        ran = az_live(argv[1:])
        assert ran.exit_code != 2 and "expected one argument" not in ran.stderr, (argv, ran.stderr)


def test_migration_plan_commands_on_a_hostile_legacy_project_run_nothing_else(az_live, stub_az, tmp_path):
    """web.config settings and HttpPlatform arguments that try to run `touch PWNED`: every step of the plan, pasted,
    runs exactly its argv, and no startup command is derived from arguments no quoting protects."""
    project = tmp_path / "project"
    project.mkdir()
    _hostile_project(project)
    (project / "web.config").write_text(
        '<configuration><appSettings>'
        + "".join(f'<add key="S{i}" value="{value}"/>' for i, value in enumerate(
            [f"x$(touch {PWNED})", f"a;touch {PWNED}", f"web`touch {PWNED}`", "$PORT", "é ✓"]))
        + '</appSettings><system.webServer><httpPlatform processPath="D:\\home\\python364x64\\python.exe" '
        f'arguments="D:\\home\\site\\wwwroot\\app.py --port %HTTP_PLATFORM_PORT% $(touch {PWNED})"/>'
        '</system.webServer></configuration>')
    result = az_live(["pyappsvc", "migrate", "--source", str(project), "--target-app", "py-web",
                      "--target-resource-group", "rg-python"])
    assert result.exit_code == 0 and "Traceback" not in result.stderr, result.stderr
    steps = [step for step in result.output["steps"] if step["commandArgs"]]
    settings = next(step for step in steps if step["commandArgs"][1:4] == ["webapp", "config", "appsettings"])
    assert f"S0=x$(touch {PWNED})" in settings["commandArgs"]
    for step in steps:
        assert shlex.split(step["command"]) == step["commandArgs"]
        assert pasted(step["command"], stub_az, str(tmp_path)) == step["commandArgs"]
    # `$(` survives no quoting through the image's single-quoted eval: the plan sets no startup command, says why
    assert not any(step["commandArgs"][2] == "set-startup" for step in steps)
    assert "single-quoted eval" in next(s["action"] for s in result.output["steps"] if s["action"] and
                                        "No command could be derived" in s["action"])
    assert not os.path.exists(tmp_path / PWNED)
