"""Plain string searches the rules share (str.find is far cheaper than a regex per word)."""

from __future__ import annotations

from collections.abc import Iterator


def occurrences(word: str, text: str) -> Iterator[int]:
    """Start of each occurrence of `word` in `text`, left to right, not overlapping."""
    if not word:
        return
    position = text.find(word)
    while position >= 0:
        yield position
        position = text.find(word, position + len(word))
