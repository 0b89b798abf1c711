"""A simulated ``gunicorn`` import: does a startup target really load the app from a project folder?

It follows gunicorn's own loader (gunicorn/util.py ``import_app`` and ``app/wsgiapp.py``, 21.x-23.x): ``--chdir``
is put first on ``sys.path``, the module part is imported with ``importlib.import_module``, the object part
(default ``application``) is parsed with ``ast``: a name is looked up on the module, a call ``name(literal, ...)``
is made with literal arguments only, and the result must be callable. Third-party packages are not installed
in the test: a top-level import that is neither in the standard library nor a name the project defines anywhere
is answered by a permissive stub (``Flask(__name__)``, ``@app.route(...)``, ``class Model(Base)`` all work), so
what is proven is that the *project's own* imports resolve. The import runs in a fresh interpreter.
"""
import json
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from typing import Tuple

_LOADER = textwrap.dedent(r'''
    import ast, importlib, importlib.abc, importlib.machinery, json, os, sys, types

    chdir, target, project = sys.argv[1], sys.argv[2], sys.argv[3]
    # every module name the project defines anywhere: those are never stubbed, so a project module that is
    # not on the import path fails as it would on the platform
    own = {os.path.splitext(name)[0] for _root, dirs, files in os.walk(project)
           for name in dirs + [f for f in files if f.endswith(".py")]}
    os.chdir(chdir)
    sys.path.insert(0, chdir)


    class Stub:
        """Stands in for anything a third-party package offers."""
        def __init__(self, *args, **kwargs):
            pass

        def __call__(self, *args, **kwargs):
            return args[0] if len(args) == 1 and callable(args[0]) and not kwargs else Stub()

        def __getattr__(self, name):
            if name.startswith("__") and name.endswith("__"):
                raise AttributeError(name)
            return Stub()

        def __mro_entries__(self, bases):
            return (object,)

        def __iter__(self):
            return iter(())


    class StubModule(types.ModuleType):
        def __getattr__(self, name):
            if name.startswith("__") and name.endswith("__"):
                raise AttributeError(name)
            return Stub()


    class ThirdParty(importlib.abc.MetaPathFinder, importlib.abc.Loader):
        def find_spec(self, fullname, path=None, target=None):
            top = fullname.partition(".")[0]
            if top in sys.stdlib_module_names or top in own:
                return None
            return importlib.machinery.ModuleSpec(fullname, self, is_package=True)

        def create_module(self, spec):
            module = StubModule(spec.name)
            module.__path__ = []
            return module

        def exec_module(self, module):
            pass


    sys.meta_path.append(ThirdParty())
    before = set(sys.modules)
    module_name, _, expression = target.partition(":")
    result = {"ok": False, "error": None, "imported": []}
    try:
        module = importlib.import_module(module_name)
        node = ast.parse(expression or "application", mode="eval").body
        if isinstance(node, ast.Name):
            app = getattr(module, node.id)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            args = [ast.literal_eval(a) for a in node.args]
            kwargs = {k.arg: ast.literal_eval(k.value) for k in node.keywords}
            app = getattr(module, node.func.id)(*args, **kwargs)
        else:
            raise SyntaxError(f"not a gunicorn object expression: {expression!r}")
        if app is None or not callable(app):
            raise TypeError("Application object must be callable.")
        result["ok"] = True
    except BaseException as error:  # what gunicorn would print before exiting
        result["error"] = f"{type(error).__name__}: {error}"
    result["imported"] = sorted(
        name for name in set(sys.modules) - before
        if getattr(sys.modules[name], "__file__", None)
        and os.path.abspath(sys.modules[name].__file__).startswith(os.path.abspath(chdir) + os.sep))
    print(json.dumps(result))
''')


@dataclass(frozen=True)
class ImportResult:
    ok: bool
    error: str
    imported: Tuple[str, ...]   # the project's own modules the import loaded


def gunicorn_import(project, target: str, chdir: str = ".") -> ImportResult:
    """Import ``target`` (``module:object``) as gunicorn would, from ``project/chdir``."""
    folder = (project / chdir).resolve()
    completed = subprocess.run([sys.executable, "-I", "-c", _LOADER, str(folder), target, str(project)],
                               capture_output=True, text=True, timeout=60, check=False)
    if completed.returncode != 0 or not completed.stdout.strip():
        return ImportResult(False, completed.stderr.strip()[-500:], ())
    answer = json.loads(completed.stdout.strip().splitlines()[-1])
    return ImportResult(answer["ok"], answer["error"] or "", tuple(answer["imported"]))
