"""The layers hold: the platform rules and the doctor catalog import no Azure SDK, no knack, no HTTP client, and
do no I/O and read no clock. Checked statically (every import and call in the source) and at run time (what
importing them actually loads)."""

import ast
import os
import pkgutil
import subprocess
import sys

import pytest

import azext_pyappsvc

PACKAGE = os.path.dirname(azext_pyappsvc.__file__)
PURE = ("platform", "doctor")
ALLOWED_THIRD_PARTY = {"packaging", "tomli"}     # tomli: tomllib before Python 3.11
# stdlib modules that do I/O, talk to the network, spawn work, or read the clock
FORBIDDEN_STDLIB = {"os", "io", "sys", "socket", "subprocess", "pathlib", "shutil", "tempfile", "glob", "time",
                    "threading", "concurrent", "asyncio", "multiprocessing", "http", "urllib", "ssl", "select",
                    "signal", "logging", "random", "uuid", "sqlite3", "pickle", "importlib", "builtins"}
FORBIDDEN_CALLS = {"open", "exec", "eval", "__import__", "input", "print"}
FORBIDDEN_ATTRIBUTE_CALLS = {("date", "today"), ("datetime", "now"), ("datetime", "utcnow"), ("datetime", "today")}


def _modules():
    for layer in PURE:
        root = os.path.join(PACKAGE, layer)
        for info in pkgutil.walk_packages([root], prefix="azext_pyappsvc.{}.".format(layer)):
            yield info.name, os.path.join(root, *info.name.split(".")[2:]) + (
                "/__init__.py" if info.ispkg else ".py")
        yield "azext_pyappsvc." + layer, os.path.join(root, "__init__.py")


MODULES = sorted(set(_modules()))


def test_the_pure_layers_are_not_empty():
    names = [name for name, _ in MODULES]
    assert "azext_pyappsvc.platform.build" in names and "azext_pyappsvc.doctor.checks.startup" in names


@pytest.mark.parametrize("name, path", MODULES, ids=[name for name, _ in MODULES])
def test_imports_only_the_stdlib_without_io_and_packaging(name, path):
    with open(path, encoding="utf-8") as handle:
        tree = ast.parse(handle.read(), path)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            tops = [alias.name.split(".")[0] for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                reached = [node.module or ""] + ([alias.name for alias in node.names] if not node.module else [])
                assert not any(r.split(".")[0] in ("adapters", "operations", "output", "custom", "commands")
                               for r in reached), "{} reaches up into {}".format(name, reached)
                continue
            tops = [(node.module or "").split(".")[0]]
        else:
            continue
        for top in tops:
            stdlib = top in sys.stdlib_module_names
            assert (stdlib and top not in FORBIDDEN_STDLIB) or top in ALLOWED_THIRD_PARTY, \
                "{} imports {}".format(name, top)


@pytest.mark.parametrize("name, path", MODULES, ids=[name for name, _ in MODULES])
def test_calls_nothing_that_does_io_or_reads_the_clock(name, path):
    with open(path, encoding="utf-8") as handle:
        tree = ast.parse(handle.read(), path)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        if isinstance(node.func, ast.Name):
            assert node.func.id not in FORBIDDEN_CALLS, "{} calls {}()".format(name, node.func.id)
        if isinstance(node.func, ast.Attribute):
            owner = node.func.value
            owner_name = owner.id if isinstance(owner, ast.Name) else owner.attr if isinstance(owner, ast.Attribute) \
                else None
            assert (owner_name, node.func.attr) not in FORBIDDEN_ATTRIBUTE_CALLS, \
                "{} calls {}.{}()".format(name, owner_name, node.func.attr)


def test_importing_them_loads_no_azure_knack_or_http_client():
    """The package's own __init__ is the az command loader (it must import azure.cli.core), so it is replaced by a
    bare package here: what is measured is the pure layers alone."""
    names = [name for name, _ in MODULES]
    script = ("import importlib, sys, types\npackage = types.ModuleType('azext_pyappsvc')\n"
              "package.__path__ = [{!r}]\nsys.modules['azext_pyappsvc'] = package\n"
              "for name in {!r}:\n    importlib.import_module(name)\n"
              "print(sorted({{m.split('.')[0] for m in sys.modules}} & {{'azure', 'knack', 'requests', 'urllib3', "
              "'msrest', 'socket', 'ssl'}}))").format(PACKAGE, names)
    loaded = subprocess.run([sys.executable, "-c", script], cwd=os.path.dirname(PACKAGE), capture_output=True,
                            text=True, check=True).stdout.strip()
    assert loaded == "[]"
