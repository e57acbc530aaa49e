"""JSON Lines from files nobody vouches for: lines split on "\\n" only, nesting bounded, no lone
surrogates. Pure and stdlib-only, so the page importer and the label readers can share it.

    for number, line in numbered_lines(text):
        try:
            value = load_line(line)
        except BadLine as error:
            ...  # f"line {number}: {error}"
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

# Deep enough for any record this project reads or writes (a native line is 4 levels deep),
# shallow enough that code walking a value recursively never meets Python's recursion limit.
MAX_DEPTH = 64
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029`]")


class BadLine(ValueError):
    """A line that cannot be taken; the message says why, for a person (without the number)."""


def numbered_lines(text: str) -> Iterator[tuple[int, str]]:
    """(number from 1, line) split on "\\n" alone, a "\\r" before it dropped. Not
    `str.splitlines()`: it also splits on U+2028, U+2029, U+0085, \\x0b, \\x0c and \\x1c-\\x1e,
    which JSON allows raw inside a string, and would cut a valid line in two."""
    start = number = 0
    while start <= len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        number += 1
        yield number, text[start:end].removesuffix("\r")
        start = end + 1


def load_line(line: str) -> Any:
    """The JSON value of one line. BadLine when it is not JSON, is nested more than MAX_DEPTH
    levels, or holds a lone surrogate: a `\\ud800` escape without its pair decodes to no
    character, has no UTF-8 form, and would fail wherever the text is stored or written."""
    try:
        value = json.loads(line)
    except json.JSONDecodeError as error:
        raise BadLine(f"not JSON ({error.msg}, column {error.colno})") from None
    except RecursionError:
        raise BadLine(f"nested too deeply (more than {MAX_DEPTH} levels)") from None
    problem = value_problem(value)
    if problem:
        raise BadLine(problem)
    return value


def value_problem(value: Any) -> str | None:
    """Why a decoded JSON value cannot be taken (too deep, a lone surrogate), or None.
    Iterative, so a deep value cannot exhaust the stack here either."""
    stack: list[tuple[Any, str, int]] = [(value, "", 0)]  # (value, its path, its depth)
    while stack:
        item, path, depth = stack.pop()
        if isinstance(item, str):
            if found := _surrogate(item, f"`{path}`" if path else "the value"):
                return found
        elif isinstance(item, dict | list):
            if depth >= MAX_DEPTH:
                return f"nested too deeply (more than {MAX_DEPTH} levels)"
            children = item.items() if isinstance(item, dict) else enumerate(item)
            for key, child in children:
                if isinstance(key, str) and (found := _surrogate(key, "a key")):
                    return found  # checked before the key is part of any message
                name = _printable(str(key))
                stack.append((child, f"{path}/{name}" if path else name, depth + 1))
    return None


def _surrogate(text: str, where: str) -> str | None:
    found = _LONE_SURROGATE.search(text)
    if not found:
        return None
    return (
        f"{where} holds a lone surrogate (\\u{ord(found.group()):04x} at character "
        f"{found.start()}), which is no character (half of a UTF-16 pair)"
    )


def _printable(name: str) -> str:
    """A key as it may appear in a one-line message: line breaks and controls escaped, cut short."""
    name = _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", name)
    return name if len(name) <= 40 else name[:39] + "…"
