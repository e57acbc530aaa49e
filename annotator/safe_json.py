"""Parsing JSON that comes from outside (label files, gold files, page records) without surprises.

Python's `json` recurses once per nesting level: 100,000 `[` raise RecursionError, and a
900-deep value that parses still breaks `repr`, schema checks and error messages later. orjson
stops at 1024 levels and refuses lone surrogates (`"\\ud800"`, which no UTF-8 file or SQLite
text can hold); on top of that we refuse anything nested deeper than any label file needs, so
every value handed on is safe to walk, print and store. Pure; every layer may use it.
"""

from __future__ import annotations

from typing import Any

import orjson

MAX_DEPTH = 64  # a native record nests 4 levels, a Label Studio task 7


class JsonRefused(ValueError):
    """The text is not JSON we accept; the message says why in one line."""

    def __init__(self, message: str, lineno: int = 1) -> None:
        super().__init__(message)
        self.lineno = lineno  # of the text given, from 1


def load_json(text: str | bytes) -> Any:
    """The value of `text`, or JsonRefused naming the problem (and its column)."""
    try:
        value = orjson.loads(text)
    except orjson.JSONDecodeError as error:
        raise JsonRefused(f"not JSON: {error.msg} (column {error.colno})", error.lineno) from None
    if _too_deep(value):
        raise JsonRefused(f"not accepted: JSON nested deeper than {MAX_DEPTH} levels")
    return value


def _too_deep(value: Any) -> bool:
    """Whether lists/objects nest deeper than MAX_DEPTH, walked without recursion."""
    if not isinstance(value, dict | list):
        return False
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            return True
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return False
