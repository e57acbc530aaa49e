"""The one place that converts Python code points <-> Qt's UTF-16 positions (see DESIGN.md).

Python counts code points, Qt counts UTF-16 code units: every character beyond U+FFFF (𠀀, 😀)
is one Python position but two Qt positions. The table keeps only the code-point indices of
those characters, so a text without any (nearly every Chinese page) costs nothing, and a text
with k of them converts in O(log k).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass


def _astral_indices(text: str) -> tuple[int, ...]:
    if text.isascii() or len(text.encode("utf-16-le")) == 2 * len(text):
        return ()
    return tuple(i for i, ch in enumerate(text) if ord(ch) > 0xFFFF)


@dataclass(frozen=True, slots=True)
class Utf16Offsets:
    """Position converter for one text. Build with `Utf16Offsets.of(text)`."""

    length: int  # in code points
    astral: tuple[int, ...]  # code-point indices of characters outside the BMP, ascending
    astral_qt: tuple[int, ...]  # the same characters' UTF-16 positions

    @classmethod
    def of(cls, text: str) -> Utf16Offsets:
        astral = _astral_indices(text)
        return cls(len(text), astral, tuple(i + n for n, i in enumerate(astral)))

    @property
    def qt_length(self) -> int:
        return self.length + len(self.astral)

    def to_qt(self, pos: int) -> int:
        """Qt position of code point `pos` (0 <= pos <= length)."""
        if not 0 <= pos <= self.length:
            raise ValueError(f"position {pos} outside a text of {self.length} characters")
        return pos + bisect.bisect_left(self.astral, pos)

    def to_py(self, qt_pos: int, *, round_up: bool = False) -> int:
        """Code point at Qt position `qt_pos`. A position between the two halves of a surrogate
        pair (Qt allows setting one) moves to the character's start, or past it with `round_up`."""
        if not 0 <= qt_pos <= self.qt_length:
            raise ValueError(f"Qt position {qt_pos} outside a text of {self.qt_length} units")
        before = bisect.bisect_left(self.astral_qt, qt_pos)  # astral characters starting before
        if before and self.astral_qt[before - 1] + 1 == qt_pos:  # inside the pair
            return self.astral[before - 1] + (1 if round_up else 0)
        return qt_pos - before

    def span_to_py(self, qt_start: int, qt_end: int) -> tuple[int, int]:
        """A Qt selection as code points, widened to whole characters."""
        low, high = sorted((qt_start, qt_end))
        return self.to_py(low), self.to_py(high, round_up=True)

    def span_to_qt(self, start: int, end: int) -> tuple[int, int]:
        return self.to_qt(start), self.to_qt(end)


def display_text(text: str) -> str:
    """The string handed to Qt: same length in code points as `text`, but with each CR of a
    CR LF pair shown as a space, because QTextDocument merges CR LF into one position."""
    return text.replace("\r\n", " \n") if "\r\n" in text else text
