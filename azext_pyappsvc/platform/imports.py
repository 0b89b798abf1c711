# --------------------------------------------------------------------------------------------
# Copyright (c) pyappsvc contributors. All rights reserved.
# Licensed under the MIT License. See License.txt in the project root for license information.
# --------------------------------------------------------------------------------------------
"""What a Python module imports when it is loaded, and which names it defines at module level.

The Functions worker imports function_app.py (v2) or each function's scriptFile (v1) to index the app
(azure-functions-python-worker azure_functions_worker/loader.py index_function_app, load_function): only
what runs at import time matters, so imports inside functions, and imports guarded by a `try` that catches
ImportError, are told apart from the ones that fail the indexing. gunicorn's import of a startup target
(platform/startup/imports.py) reads the same list: there a factory's body runs too, and only `guarded` imports may
fail.
"""

import ast
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

# Exceptions that make an import inside `try:` optional (a missing module is caught).
_IMPORT_GUARDS = frozenset({"ImportError", "ModuleNotFoundError", "Exception", "BaseException"})


@dataclass(frozen=True)
class Import:
    module: str                 # the dotted module as written ('' for `from . import x`)
    level: int                  # 0: absolute; n: n leading dots
    line: int
    at_load: bool               # runs when the module is imported, and a failure is not caught
    names: Tuple[str, ...] = ()  # `from module import names`
    guarded: bool = False       # never fails its module: a `try` catches its ImportError, or TYPE_CHECKING hides it

    @property
    def top(self) -> str:
        return self.module.split(".")[0]


@dataclass
class ModuleShape:
    """A parsed module: its imports, the names it binds at module level, and its functions' parameters."""
    imports: List[Import]
    defined: frozenset          # names bound at module level (def, class, assignment, import)
    star_import: bool           # `from x import *` at module level: any name may be defined
    parameters: Dict[str, Optional[Tuple[str, ...]]]   # module-level function -> parameter names (None: *args)


def module_shape(text: str) -> Optional[ModuleShape]:
    """The shape of a module's source, or None when it does not parse."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return None
    imports = collect_imports(tree)
    defined, star, parameters = set(), False, {}
    for node in _module_level(tree.body):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            defined.add(node.name)
            parameters[node.name] = _parameters(node.args)
        elif isinstance(node, ast.ClassDef):
            defined.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            defined.update(n.id for target in targets for n in ast.walk(target) if isinstance(n, ast.Name))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            for alias in node.names:
                star = star or alias.name == "*"
                defined.add(alias.asname or alias.name.split(".")[0])
    return ModuleShape(imports, frozenset(defined), star, parameters)


def _parameters(args: ast.arguments) -> Optional[Tuple[str, ...]]:
    if args.vararg or args.kwarg:
        return None
    return tuple(a.arg for a in list(args.posonlyargs) + list(args.args) + list(args.kwonlyargs))


def _module_level(body):
    """Statements that run at module level, including those inside if/try/with blocks."""
    for node in body:
        yield node
        if isinstance(node, (ast.If, ast.Try, ast.With, ast.AsyncWith, ast.For, ast.While)):
            for block in _blocks(node):
                yield from _module_level(block)


def _blocks(node):
    blocks = [getattr(node, name, None) or [] for name in ("body", "orelse", "finalbody")]
    blocks += [handler.body for handler in getattr(node, "handlers", [])]
    return blocks


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    if handler.type is None:
        return True
    names = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any((n.id if isinstance(n, ast.Name) else getattr(n, "attr", None)) in _IMPORT_GUARDS for n in names)


def collect_imports(tree) -> List[Import]:
    """Every import of a parsed module, in functions too (a factory's body runs when gunicorn calls it)."""
    found: List[Import] = []
    _collect_imports(tree.body, True, found)
    return found


def _collect_imports(body, at_load, found, guarded=False):
    for node in body:
        if isinstance(node, ast.Import):
            found.extend(Import(alias.name, 0, node.lineno, at_load, (), guarded) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            found.append(Import(node.module or "", node.level or 0, node.lineno, at_load,
                                tuple(alias.name for alias in node.names), guarded))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            _collect_imports(node.body, False, found, guarded)
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            _collect_imports(node.body, False, found, True)        # typing.TYPE_CHECKING is False when the code runs
            _collect_imports(node.orelse, at_load, found, guarded)
        elif isinstance(node, ast.Try):
            caught = guarded or any(_catches_import_error(h) for h in node.handlers)
            _collect_imports(node.body, at_load and not caught, found, caught)
            for block in (node.orelse, node.finalbody) + tuple(h.body for h in node.handlers):
                _collect_imports(block, at_load, found, guarded)
        elif isinstance(node, ast.ClassDef) or hasattr(node, "body"):
            for block in _blocks(node):
                _collect_imports(block, at_load, found, guarded)


def _is_type_checking(test) -> bool:
    """`if TYPE_CHECKING:` / `if typing.TYPE_CHECKING:`: a block only type checkers read."""
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def package_depth(path: str) -> int:
    """How many packages a module at `path` sits in: `a/b/c.py` and `a/b/__init__.py` are both in a.b (2)."""
    return path.count("/")


def beyond_top_level(path: str, imported: Import) -> bool:
    """A relative import climbing above the project root: `from ..shared import x` in HttpTrigger/__init__.py. The
    v1 worker loads functions as `__app__.<folder>`, so these worked, and are deprecated (developer reference,
    "Folder structure")."""
    return imported.level > package_depth(path)
