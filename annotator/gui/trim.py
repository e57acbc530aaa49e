"""What a label key actually labels: the selection without surrounding space and punctuation,
and the whole lines a boilerplate region covers. Pure functions over the store's string."""

from __future__ import annotations

import unicodedata


def _is_edge_noise(ch: str) -> bool:
    category = unicodedata.category(ch)
    return ch.isspace() or category[0] in "PZ" or category in ("Cc", "Cf")


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """`text[start:end]` without leading/trailing white space and punctuation; empty (start ==
    end) when nothing else is left."""
    while start < end and _is_edge_noise(text[start]):
        start += 1
    while end > start and _is_edge_noise(text[end - 1]):
        end -= 1
    return start, end


def whole_lines(text: str, start: int, end: int) -> tuple[int, int]:
    """The lines touched by `text[start:end]`, without the final newline. A selection that ends
    just after a newline does not take in the next line."""
    if end > start and text[end - 1] == "\n":
        end -= 1
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", max(end, line_start))
    return line_start, len(text) if line_end < 0 else line_end
