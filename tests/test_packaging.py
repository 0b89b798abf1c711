"""The extension as users get it: lazy to load, and installable with `az extension add`."""

import json
import os
import subprocess
import sys
import zipfile

import pytest

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _modules_after_help(tmp_path, *command):
    """Modules a real, warm `az <command> -h` process imports (from `python -X importtime`); the first
    run in a new config dir builds az's caches, so it is run once before the measured run."""
    sys.path.insert(0, REPO)
    from tests.emulator import azenv
    env = dict(os.environ, **azenv.prepare_config_dir(str(tmp_path / "config"),
                                                      azenv.make_dev_source(str(tmp_path / "dev"))))
    run = [sys.executable, "-X", "importtime", "-m", "azure.cli"] + list(command) + ["-h"]
    subprocess.run(run, env=env, capture_output=True, check=True)
    result = subprocess.run(run, env=env, capture_output=True, text=True, check=True)
    return {line.rsplit("|", 1)[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}


def test_loading_the_extension_imports_no_azure_sdk(tmp_path):
    """`az pyappsvc show -h` builds our command table and arguments and imports no Azure SDK module that
    `az group -h` (a core command) does not import itself; in particular no azure.mgmt."""
    ours = _modules_after_help(tmp_path, "pyappsvc", "show")
    core = _modules_after_help(tmp_path, "group")
    assert "azext_pyappsvc._params" in ours
    assert not [m for m in ours if m.startswith("azure.mgmt")]
    sdk_modules_we_add = {m for m in ours - core if m.startswith("azure.") and not m.startswith("azure.cli.")}
    assert sdk_modules_we_add == set()


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out),
                    REPO], check=True, capture_output=True)
    (path,) = out.glob("pyappsvc-*.whl")
    return path


def test_wheel_ships_the_package_and_metadata_but_no_tests(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "azext_pyappsvc/azext_metadata.json" in names
    assert "azext_pyappsvc/adapters/bundled/webappstacks-python.json" in names      # migrate, offline
    assert "azext_pyappsvc/custom.py" in names
    assert not [n for n in names if n.startswith(("tests/", "benchmarks/", "examples/"))]


def test_az_extension_add_installs_the_wheel_and_lists_the_commands(wheel, tmp_path):
    env = dict(os.environ, AZURE_CONFIG_DIR=str(tmp_path / "config"), AZURE_EXTENSION_DIR=str(tmp_path / "ext"),
               AZURE_CORE_COLLECT_TELEMETRY="false")
    env.pop("AZURE_EXTENSION_DEV_SOURCES", None)
    az = [sys.executable, "-m", "azure.cli"]
    add = subprocess.run(az + ["extension", "add", "--source", str(wheel), "--yes"], env=env, capture_output=True,
                         text=True)
    assert add.returncode == 0, add.stderr
    shown = json.loads(subprocess.run(az + ["extension", "show", "-n", "pyappsvc"], env=env, capture_output=True,
                                      text=True, check=True).stdout)
    assert (shown["version"], shown["extensionType"]) == ("1.0.0b1", "whl")
    assert shown["metadata"]["azext.isPreview"] is True
    helped = subprocess.run(az + ["pyappsvc", "-h"], env=env, capture_output=True, text=True)
    assert helped.returncode == 0, helped.stderr
    assert "show" in helped.stdout and "Python apps on App Service" in helped.stdout


def test_the_readme_states_the_oldest_python_setup_py_supports():
    """azure-cli-core needs Python 3.10+; the README's prerequisite must say what setup.py's classifiers say."""
    import re
    with open(os.path.join(REPO, "setup.py"), encoding="utf-8") as handle:
        supported = re.findall(r"Programming Language :: Python :: 3\.(\d+)'", handle.read())
    with open(os.path.join(REPO, "README.md"), encoding="utf-8") as handle:
        stated = re.findall(r"Python 3\.(\d+)\+", handle.read())
    assert stated and {int(minor) for minor in stated} == {min(int(minor) for minor in supported)}
