"""str.translate tables as lists indexed by code point: str.translate looks a character up in a
list twice as fast as in a dict. A list covers plane 0 only, so text holding an astral
character (out of its range: left as it is) must use the dict instead (`has_astral`)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TypeVar

PLANE_0 = 0x10000
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")

V = TypeVar("V")


def has_astral(text: str) -> bool:
    """Whether `text` holds a character a plane-0 table cannot look up."""
    return _ASTRAL.search(text) is not None


def plane_0_table(changes: Mapping[int, V]) -> list[int | V]:
    """`changes` (code point -> what str.translate puts there) as a list over plane 0, each
    other character mapped to itself; astral keys are left out (see `has_astral`)."""
    table: list[int | V] = list(range(PLANE_0))
    for code, value in changes.items():
        if code < PLANE_0:
            table[code] = value
    return table
