"""The README works when pasted: every fenced block marked `bash runnable` runs, in order, in one bash session, in a
copy of this checkout (so the suite's own files are not touched), with the environment a new user has (no az
variables). `make shell` gives an az with the extension installed."""

import os
import re
import shutil
import subprocess

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNNABLE = re.compile(r"^```bash runnable\n(.*?)^```", re.MULTILINE | re.DOTALL)
NOT_COPIED = shutil.ignore_patterns(".git", ".venv", ".venv-oldest", ".work", "dist", "build", "*.egg-info",
                                    "__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis", "results")


def runnable_blocks():
    with open(os.path.join(REPO, "README.md"), encoding="utf-8") as handle:
        return RUNNABLE.findall(handle.read())


@pytest.fixture
def checkout(tmp_path):
    """A copy of the checkout (modification times kept, so make sees .venv as up to date) sharing its .venv."""
    if not os.path.exists(os.path.join(REPO, ".venv", ".installed")):
        pytest.skip("needs `make setup` first")
    copy = tmp_path / "pyappsvc"
    shutil.copytree(REPO, copy, ignore=NOT_COPIED)
    os.symlink(os.path.join(REPO, ".venv"), copy / ".venv")
    return copy


def _new_user_env():
    return {key: value for key, value in os.environ.items()
            if not key.startswith(("AZURE_", "PYAPPSVC_", "REQUESTS_CA_BUNDLE", "PYTEST_", "MAKE"))}


def test_the_readme_has_runnable_blocks():
    blocks = runnable_blocks()
    assert len(blocks) >= 3 and "make demo" in blocks[0]


def test_every_runnable_block_runs_top_to_bottom_and_make_shell_has_the_extension(checkout):
    script = "set -euo pipefail\n" + "\n".join(runnable_blocks())
    result = subprocess.run(["bash", "-c", script], cwd=checkout, env=_new_user_env(), capture_output=True,
                            text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "Traceback" not in result.stdout + result.stderr
    assert "STA001" in result.stdout                                   # make demo's doctor report
    assert "py-web" in result.stdout and "no (dry run)" in result.stdout
    assert "DATABASE_PASSWORD" in result.stdout and "3.13" in result.stdout
    assert not os.path.exists(checkout / ".work" / "emu" / "pid")      # stopped
    # `make shell`, after `make demo`: an az with the extension installed, commands on stdin
    result = subprocess.run(["make", "-s", "shell"], cwd=checkout, env=_new_user_env(), capture_output=True, text=True,
                            input="az extension list --query '[].name' -o tsv\naz pyappsvc doctor --source "
                                  "examples/flask-in-src -o table\n", timeout=600, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.splitlines()[0] == "pyappsvc" and "STA001" in result.stdout


def test_the_emulator_wrapper_says_how_to_start_one(tmp_path):
    env = dict(_new_user_env(), PYAPPSVC_EMULATOR_DIR=str(tmp_path))
    result = subprocess.run([os.path.join(REPO, ".venv", "bin", "python"), "-m", "tests.emulator.az", "pyappsvc",
                             "-h"], cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "No emulator is running in" in result.stderr and "tests.emulator start" in result.stderr


def test_the_emulator_lists_every_app_it_serves(tmp_path):
    """`start` names the apps of every resource group the running emulator holds, not only rg-python's."""
    python = os.path.join(REPO, ".venv", "bin", "python")
    started = subprocess.run([python, "-m", "tests.emulator", "start", "--dir", str(tmp_path)], cwd=REPO,
                             env=_new_user_env(), capture_output=True, text=True, timeout=120, check=False)
    try:
        assert started.returncode == 0, started.stderr
        listed = {tuple(line.split()[1:3]) for line in started.stdout.splitlines() if line.startswith("#   ")}
        assert {("rg-python", "py-web"), ("rg-functions", "fn-flex"), ("rg-functions", "fn-windows")} <= listed
        assert "None" not in started.stdout
    finally:
        subprocess.run([python, "-m", "tests.emulator", "stop", "--dir", str(tmp_path)], cwd=REPO, timeout=60,
                       capture_output=True, check=False)
