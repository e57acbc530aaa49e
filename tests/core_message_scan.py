"""Every message template the core writes for a person, read from the source: the calls of the
error classes (annotator.messages.Explained and its subclasses) and of Message whose first
argument is a string literal. The window's catalogue (annotator/gui/core_messages.py) must list
exactly these, so that lupdate offers each for translation."""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import annotator
from annotator.messages import Explained

CORE = Path(annotator.__file__).parent
NOT_CORE = {"gui", "commands", "cli", "bench", "__main__"}  # the window and the CLI word their own


def _subclasses(cls: type) -> set[str]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub.__name__} | _subclasses(sub)
    return found


def explained_names() -> set[str]:
    for module in pkgutil.walk_packages([str(CORE)], "annotator."):
        if module.name.split(".")[1].removesuffix(".py") not in NOT_CORE:
            importlib.import_module(module.name)
    return _subclasses(Explained) | {"Explained", "Message"}


def core_templates() -> dict[str, str]:
    """template -> the first place it is written (path:line)."""
    names = explained_names()
    found: dict[str, str] = {}
    for path in sorted(CORE.rglob("*.py")):
        if path.relative_to(CORE).parts[0].removesuffix(".py") in NOT_CORE:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            first = node.args[0]
            if name in names and isinstance(first, ast.Constant) and isinstance(first.value, str):
                found.setdefault(first.value, f"{path.relative_to(CORE.parent)}:{node.lineno}")
    return found
