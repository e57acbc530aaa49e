import ast
import importlib.util
import inspect
import os
import textwrap
import types
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import pytest

# Qt tests run without a display; set before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

QT_FIXTURES = frozenset({"qtbot", "qapp", "qapp_args", "qapp_cls", "qtlog", "qtmodeltester"})
QT_MODULES = ("PySide6", "shiboken6", "annotator.gui")


def _from_qt(value: object) -> bool:
    name = (
        value.__name__ if isinstance(value, types.ModuleType) else getattr(value, "__module__", "")
    )
    return isinstance(name, str) and name.startswith(QT_MODULES)


def _needs_qt(item: pytest.Item) -> bool:
    """A Qt fixture; a module that imports Qt (or the window code) when it is loaded; or a test
    or fixture of its that imports it in its body."""
    if QT_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    module = getattr(item, "module", None)
    if module is not None and any(_from_qt(v) for v in vars(module).values()):
        return True
    fixtures = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})
    functions = [getattr(item, "function", None)]
    functions += [d.func for defs in fixtures.values() for d in defs]
    return any(_imports_qt_inside(f) for f in functions if inspect.isfunction(f))


@cache
def _imports_qt_inside(function: types.FunctionType) -> bool:
    try:
        source = inspect.getsource(function)
    except (OSError, TypeError):  # no source: a builtin fixture
        return False
    tree = ast.parse(textwrap.dedent(source))  # a method's source is indented
    return _imports_qt(ast.walk(tree))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """`-m "not gui"` must run on a machine without Qt: a test that needs Qt and lacks the `gui`
    marker stops the run, named, instead of hiding in the core tier."""
    unmarked = [
        item.nodeid for item in items if _needs_qt(item) and not item.get_closest_marker("gui")
    ]
    if unmarked:
        shown = "\n  ".join(unmarked[:30]) + ("\n  …" if len(unmarked) > 30 else "")
        raise pytest.UsageError(
            f"{len(unmarked)} tests need Qt but lack @pytest.mark.gui "
            f"(or `pytestmark = pytest.mark.gui`):\n  {shown}"
        )


@cache
def _qt_installed() -> bool:
    try:
        return importlib.util.find_spec("PySide6") is not None
    except (ImportError, ValueError):  # ValueError: a module set to None in sys.modules
        return False


def _imports_qt_when_loaded(path: Path) -> bool:
    return _imports_qt(ast.parse(path.read_bytes(), str(path)).body)


def _imports_qt(nodes: Iterable[ast.AST]) -> bool:
    for node in nodes:
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        else:
            continue
        if any(name.startswith(QT_MODULES) for name in names):
            return True
    return False


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Without Qt, a test module that imports it at load time is all `gui` tests (the hook
    above holds it to that): left out, so `-m "not gui"` runs on a machine without Qt."""
    if collection_path.suffix != ".py" or not collection_path.name.startswith("test_"):
        return None
    if _qt_installed() or not _imports_qt_when_loaded(collection_path):
        return None
    return True
