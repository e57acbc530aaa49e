"""The stretches of one line already claimed by a mention.

The rules asked "does this stretch overlap any claimed one?" by scanning a list of every claimed
stretch, once per candidate: on a long one-line page (thousands of mentions) that was quadratic
and took minutes. A mark per character answers in time proportional to the stretch asked about.
"""

from __future__ import annotations

_FREE = 0
_CLAIMED = 1


class Taken:
    """Claimed positions of a line of `length` characters. Stretches are half-open and never
    empty (a name has at least two characters), as the rules make them."""

    __slots__ = ("_marks",)

    def __init__(self, length: int, stretches: tuple[tuple[int, int], ...] = ()) -> None:
        self._marks = bytearray(length)
        for start, end in stretches:
            self.add(start, end)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) shares a character with a claimed stretch."""
        return self._marks.find(_CLAIMED, start, end) >= 0

    def add(self, start: int, end: int) -> None:
        if end > len(self._marks):  # never shrink or shift: only grow to cover the stretch
            self._marks.extend(bytes(end - len(self._marks)))
        self._marks[start:end] = bytes([_CLAIMED]) * (end - start)
