"""Rewrite text with a regex while keeping the offset map, and chain the maps of steps."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from annotator.model import OffsetMap, OffsetMapBuilder

# A replacement is a list of pieces: (new text, offset inside the match of the character the
# piece's first character stands for); a piece's characters stand for consecutive characters.
Pieces = Sequence[tuple[str, int]]
Replacer = Callable[[re.Match[str]], Pieces]


def rewrite(text: str, pattern: re.Pattern[str], replace: Replacer) -> tuple[str, OffsetMap]:
    """Replace every match of `pattern` by the pieces `replace` returns; map new -> old."""
    out: list[str] = []
    builder = OffsetMapBuilder()
    written = 0
    copied_to = 0
    for match in pattern.finditer(text):
        start, end = match.span()
        builder.run(written, copied_to, start - copied_to)
        out.append(text[copied_to:start])
        written += start - copied_to
        for piece, offset in replace(match):
            builder.run(written, start + offset, len(piece))
            out.append(piece)
            written += len(piece)
        copied_to = end
    if not out:
        return text, OffsetMap.identity(len(text))
    builder.run(written, copied_to, len(text) - copied_to)
    out.append(text[copied_to:])
    new_text = "".join(out)
    return new_text, builder.build(len(new_text), len(text))


def chain(maps: Sequence[OffsetMap]) -> OffsetMap:
    """Compose the maps of successive steps, first step first, into one text -> raw map."""
    result = maps[0]
    for step in maps[1:]:
        result = step.then(result)
    return result
